"""schema.org ClaimReview for every published verdict: what search engines and other
fact-checkers read, built once here for the claim pages and `claimdesk claimreview`.

Google's fact-check markup requires `claimReviewed`, `reviewRating` (with `alternateName`) and
`url`, and recommends `author`, `datePublished` and `itemReviewed` (a `Claim` with its
`author` and `appearance`). The rating's scale is defined once, in `review.verdicts`: a higher
`ratingValue` is always closer to true, and verdicts that are no degree of truth carry only
their words. A claim without a published verdict has no ClaimReview.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from claimdesk.errors import ClaimdeskError
from claimdesk.publish.statement import statement
from claimdesk.review import claim_review_rating

SCHEMA_ORG = "https://schema.org"
PLUGIN = "claimdesk"
# Public statuses whose verdict is public: a retracted claim keeps the verdict it had.
REVIEWED_STATUSES = ("published", "retracted")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the fact-checks and where: `plugins: claimdesk:` in datasette.yaml."""

    organisation: str
    organisation_url: str
    site_url: str
    contact_email: str

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> Publisher:
        settings = settings or {}
        missing = [
            key
            for key in ("organisation", "organisation_url", "site_url", "contact_email")
            if not str(settings.get(key) or "").strip()
        ]
        if missing:
            raise ClaimdeskError(
                f"plugins: claimdesk: {', '.join(missing)}: set in datasette.yaml "
                "(who publishes the fact-checks, and where)"
            )
        return cls(
            organisation=str(settings["organisation"]),
            organisation_url=str(settings["organisation_url"]),
            site_url=str(settings["site_url"]).rstrip("/"),
            contact_email=str(settings["contact_email"]),
        )

    def url(self, path: str) -> str:
        return self.site_url + path


def read_publisher(config_path: Path) -> Publisher:
    """The publisher from a datasette.yaml."""
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ClaimdeskError(f"{config_path}: {error}") from None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    settings = plugins.get(PLUGIN) if isinstance(plugins, dict) else None
    try:
        return Publisher.from_settings(settings)
    except ClaimdeskError as error:
        raise ClaimdeskError(f"{config_path}: {error}") from None


def claim_path(claim_id: str) -> str:
    return f"/claim/{claim_id}"


def article_path(slug: str) -> str:
    return f"/article/{slug}"


# A claim and what the ClaimReview says about its article and source: the claim page and
# the command both read it with this select, so they cannot disagree.
CLAIM_SELECT = """
select
  claims.id, claims.text, claims.sentence, claims.status, claims.verdict,
  claims.article_id, articles.title as article_title, articles.url as article_url,
  articles.publisher as article_publisher, articles.published as article_published,
  articles.language as article_language, sources.name as source_name
from claims
  join articles on articles.id = claims.article_id
  left join sources on sources.id = claims.source_id
"""
VERDICTS_SELECT = """
select claim_id, verdict, published_at, superseded_at,
  explanation_zh_hant, explanation_zh_hans, explanation_en
from verdicts
"""


def claim_review(
    claim: Mapping[str, Any], verdicts: Sequence[Mapping[str, Any]], publisher: Publisher
) -> dict[str, Any] | None:
    """The ClaimReview of a claim (a CLAIM_SELECT row) with its published verdicts, oldest
    first; None when it has no public verdict."""
    current = [v for v in verdicts if v["superseded_at"] is None]
    if claim["status"] not in REVIEWED_STATUSES or not claim["verdict"] or not current:
        return None
    language = claim["article_language"]
    review: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": publisher.url(claim_path(claim["id"])),
        # The claim as a short statement: Google shows claimReviewed in results, and wants it
        # short (under 75 characters; publish/statement.py).
        "claimReviewed": statement(
            claim["sentence"] or "", claim["text"], claim.get("sentence_at")
        ),
        "author": {
            "@type": "Organization",
            "name": publisher.organisation,
            "url": publisher.organisation_url,
        },
        "datePublished": min(v["published_at"] for v in verdicts),
        "reviewRating": claim_review_rating(claim["verdict"], language),
        "itemReviewed": _claim(claim, publisher),
        "inLanguage": language,
    }
    latest = current[-1]["published_at"]
    if latest != review["datePublished"]:
        review["dateModified"] = latest
    body = explanation(current[-1], language)
    if body:
        review["reviewBody"] = body
    return review


def _claim(claim: Mapping[str, Any], publisher: Publisher) -> dict[str, Any]:
    appearance: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": claim["article_title"],
        # Where it was published when we know it, else our annotated copy.
        "url": claim["article_url"] or publisher.url(article_path(claim["article_id"])),
    }
    if claim["article_published"]:
        appearance["datePublished"] = claim["article_published"]
    if claim["article_publisher"]:
        appearance["publisher"] = {"@type": "Organization", "name": claim["article_publisher"]}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    # Whom the article attributes the figure to; a figure it attributes to nobody is its
    # publisher's own claim.
    author = claim["source_name"] or claim["article_publisher"]
    if author:
        item["author"] = {"@type": "Organization", "name": author}
    if claim["article_published"]:
        item["datePublished"] = claim["article_published"]
    return item


def explanation(verdict: Mapping[str, Any], language: str) -> str | None:
    """The verdict's public explanation, in the article's language when there is one."""
    columns = {
        "zh-Hant": "explanation_zh_hant",
        "zh-Hans": "explanation_zh_hans",
        "en": "explanation_en",
    }
    preferred = [columns.get(language, "explanation_zh_hant"), *columns.values()]
    for column in preferred:
        if verdict.get(column):
            return cast(str, verdict[column])
    return None


def claim_reviews(connection: sqlite3.Connection, publisher: Publisher) -> list[dict[str, Any]]:
    """Every ClaimReview claimdesk.db holds, in the order of the claims."""
    connection.row_factory = sqlite3.Row
    marks = ", ".join("?" for _ in REVIEWED_STATUSES)
    claims = connection.execute(
        f"{CLAIM_SELECT} where claims.verdict is not null and claims.status in ({marks}) "
        "order by claims.position",
        REVIEWED_STATUSES,
    ).fetchall()
    verdicts: dict[str, list[Mapping[str, Any]]] = {}
    for row in connection.execute(f"{VERDICTS_SELECT} order by published_at, id"):
        verdicts.setdefault(row["claim_id"], []).append(dict(row))
    reviews = (
        claim_review(dict(claim), verdicts.get(claim["id"], []), publisher) for claim in claims
    )
    return [review for review in reviews if review is not None]


def read_claim_reviews(db_path: Path, publisher: Publisher) -> list[dict[str, Any]]:
    """Every ClaimReview of a built claimdesk.db, read without changing it."""
    if not db_path.is_file():
        raise ClaimdeskError(f"{db_path}: no such database; run `claimdesk build` first")
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return claim_reviews(connection, publisher)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise ClaimdeskError(f"{db_path}: {error}") from None


def dump_claim_reviews(reviews: Iterable[Mapping[str, Any]]) -> str:
    """One JSON document, as the Fact Check Tools API and feeds take them: a list."""
    return json.dumps(list(reviews), ensure_ascii=False, indent=2) + "\n"
