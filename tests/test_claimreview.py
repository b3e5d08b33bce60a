"""Every ClaimReview claimdesk emits (on the claim pages and from `claimdesk claimreview`) meets
Google's fact-check markup rules, written below as a JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from datasette.app import Datasette

from claimdesk.cli.main import cli
from claimdesk.review import BEST_RATING, WORST_RATING
from claimdesk.web.public.site import _json_ld
from conftest import ROOT
from public_fixtures import (
    A_FUNDING,
    A_GROWTH,
    A_MARKET,
    A_TOPS,
    A_WEEKS,
    B_MARKET,
    C_MARKET,
    INTERNAL_NOTE,
    PENDING_EXPLANATION,
    TRADITIONAL,
)

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]

URL = {"type": "string", "pattern": r"^https?://[^\s/]+\S*$"}
NAMED = {"type": "object", "required": ["@type", "name"], "properties": {"name": {"minLength": 1}}}
# ISO 8601: a date, or a date and time with its offset.
MOMENT = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z))?$",
}
# Google's required properties, and the recommended ones claimdesk promises.
CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "@context", "@type", "claimReviewed", "reviewRating", "url",
        "author", "datePublished", "itemReviewed",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1, "maxLength": 74},
        "url": URL,
        "datePublished": MOMENT,
        "dateModified": MOMENT,
        "author": {
            "type": "object",
            "required": ["@type", "name", "url"],
            "properties": {
                "@type": {"const": "Organization"},
                "name": {"minLength": 1},
                "url": URL,
            },
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "alternateName"],
            "dependentRequired": {"ratingValue": ["bestRating", "worstRating"]},
            "properties": {
                "@type": {"const": "Rating"},
                "alternateName": {"type": "string", "minLength": 1},
                # The scale the right way round: higher is closer to true.
                "ratingValue": {"type": "integer", "minimum": WORST_RATING, "maximum": BEST_RATING},
                "bestRating": {"const": BEST_RATING},
                "worstRating": {"const": WORST_RATING},
            },
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "author", "appearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "author": NAMED,
                "appearance": {
                    "type": "object",
                    "required": ["@type", "url"],
                    "properties": {"url": URL},
                },
            },
        },
    },
}  # fmt: skip

_TYPES = {"object": dict, "string": str, "integer": int, "array": list}


def problems(instance: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """What is wrong with `instance`, by the JSON Schema keywords the schema above uses."""
    found: list[str] = []
    expected = schema.get("type")
    if expected and not (isinstance(instance, _TYPES[expected]) and not isinstance(instance, bool)):
        return [f"{where}: should be {expected}"]
    if "const" in schema and instance != schema["const"]:
        found.append(f"{where}: should be {schema['const']!r}, is {instance!r}")
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            found.append(f"{where}: empty")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            found.append(f"{where}: {instance!r} does not match {schema['pattern']}")
    if isinstance(instance, int):
        if instance < schema.get("minimum", instance):
            found.append(f"{where}: below {schema['minimum']}")
        if instance > schema.get("maximum", instance):
            found.append(f"{where}: above {schema['maximum']}")
    if isinstance(instance, dict):
        found += [
            f"{where}.{key}: missing" for key in schema.get("required", []) if key not in instance
        ]
        for key, needs in schema.get("dependentRequired", {}).items():
            if key in instance:
                found += [
                    f"{where}.{need}: missing (with {key})"
                    for need in needs
                    if need not in instance
                ]
        for key, subschema in schema.get("properties", {}).items():
            if key in instance:
                found += problems(instance[key], subschema, f"{where}.{key}")
    return found


def test_the_validator_catches_what_google_requires() -> None:
    # The validator is part of the test: it must say no to a review that breaks the rules.
    broken = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "/claim/x",
              "reviewRating": {"@type": "Rating", "ratingValue": 9}}  # fmt: skip
    found = problems(broken, CLAIM_REVIEW_SCHEMA)
    assert "$.claimReviewed: missing" in found
    assert "$.reviewRating.alternateName: missing" in found
    assert "$.reviewRating.bestRating: missing (with ratingValue)" in found
    assert "$.reviewRating.ratingValue: above 5" in found
    assert any(problem.startswith("$.url:") for problem in found)


# --- claimdesk claimreview -----------------------------------------------------------------------


def run_command(*args: str) -> Result:
    return CliRunner().invoke(cli, ["claimreview", *args], catch_exceptions=False)


@pytest.fixture
def emitted(newsroom_db: Path) -> list[dict[str, Any]]:
    result = run_command("--db", str(newsroom_db), "--config", str(ROOT / "datasette.yaml"))
    assert result.exit_code == 0, result.output
    reviews: list[dict[str, Any]] = json.loads(result.output)
    return reviews


def by_claim(reviews: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {review["url"].rsplit("/", 1)[1]: review for review in reviews}


def test_every_claim_review_the_command_writes_is_valid(emitted: list[dict[str, Any]]) -> None:
    assert emitted
    for review in emitted:
        assert problems(review, CLAIM_REVIEW_SCHEMA) == [], review


def test_the_command_writes_one_per_published_verdict(emitted: list[dict[str, Any]]) -> None:
    published = (A_MARKET, A_GROWTH, A_TOPS, A_FUNDING, B_MARKET, C_MARKET)
    assert sorted(by_claim(emitted)) == sorted(claim.key for claim in published)
    assert len(emitted) == len(published)  # A_GROWTH's replaced verdict is not a second one


def test_a_higher_rating_is_closer_to_true(emitted: list[dict[str, Any]]) -> None:
    reviews = by_claim(emitted)
    correct, mostly_correct, misleading = (
        reviews[claim.key]["reviewRating"]["ratingValue"] for claim in (A_MARKET, A_TOPS, A_GROWTH)
    )
    assert correct > mostly_correct > misleading


def test_a_verdict_that_is_no_degree_of_truth_has_only_words(
    emitted: list[dict[str, Any]],
) -> None:
    rating = by_claim(emitted)[A_FUNDING.key]["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "證據不足"}


def test_the_rating_is_worded_in_the_articles_language(emitted: list[dict[str, Any]]) -> None:
    reviews = by_claim(emitted)
    assert reviews[A_GROWTH.key]["reviewRating"]["alternateName"] == "誤導"
    assert reviews[C_MARKET.key]["reviewRating"]["alternateName"] == "Attributed correctly"


def test_the_author_is_the_configured_organisation(emitted: list[dict[str, Any]]) -> None:
    assert by_claim(emitted)[A_MARKET.key]["author"] == {
        "@type": "Organization",
        "name": "claimdesk",
        "url": "https://claimdesk.example.org/",
    }


def test_the_claim_is_the_sources_and_appears_in_the_article(
    emitted: list[dict[str, Any]],
) -> None:
    item = by_claim(emitted)[A_MARKET.key]["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "IDC"}
    assert item["appearance"]["url"] == "https://news.example.com/ai-chips"
    assert item["appearance"]["headline"] == "AI晶片市場的狂奔"
    # An article with no address of its own appears on our annotated copy.
    english = by_claim(emitted)[C_MARKET.key]["itemReviewed"]["appearance"]
    assert english["url"] == "https://claimdesk.example.org/article/ai-chips-en"


def test_the_review_links_to_the_claim_page(emitted: list[dict[str, Any]]) -> None:
    review = by_claim(emitted)[A_MARKET.key]
    assert review["url"] == f"https://claimdesk.example.org/claim/{A_MARKET.key}"
    # The clause that holds the figure, not the sentence with its attribution.
    assert review["claimReviewed"] == "2021年我國AI晶片市場規模將達到432億元"
    assert len(review["claimReviewed"]) < 75


def test_a_changed_verdict_keeps_its_first_date(emitted: list[dict[str, Any]]) -> None:
    review = by_claim(emitted)[A_GROWTH.key]
    assert review["datePublished"] < review["dateModified"]
    assert review["reviewBody"] == "增長率是預測值，不是統計結果。"


def test_nothing_unapproved_is_in_the_output(emitted: list[dict[str, Any]]) -> None:
    text = json.dumps(emitted, ensure_ascii=False)
    assert INTERNAL_NOTE not in text
    assert PENDING_EXPLANATION not in text


def test_the_command_writes_the_file(newsroom_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claimreview.json"
    result = run_command("--db", str(newsroom_db), "--config", str(ROOT / "datasette.yaml"),
                         "--out", str(out))  # fmt: skip
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 6
    assert [p.name for p in tmp_path.iterdir()] == ["claimreview.json"]  # no temporary left


def test_the_command_needs_a_built_database(tmp_path: Path) -> None:
    result = run_command("--db", str(tmp_path / "missing.db"), "--config",
                         str(ROOT / "datasette.yaml"))  # fmt: skip
    assert result.exit_code == 1
    assert "missing.db: no such database; run `claimdesk build` first" in result.output


def test_the_command_needs_the_organisation(newsroom_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "datasette.yaml"
    config.write_text("plugins:\n  claimdesk:\n    site_url: https://x.example\n")
    result = run_command("--db", str(newsroom_db), "--config", str(config))
    assert result.exit_code == 1
    assert "organisation, organisation_url, contact_email: set in datasette.yaml" in result.output


# --- on the pages --------------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def embedded(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


async def test_every_claim_page_embeds_the_same_valid_review_or_none(
    newsroom_ds: Datasette, emitted: list[dict[str, Any]]
) -> None:
    reviews = by_claim(emitted)
    claims = (await newsroom_ds.client.get("/claimdesk/claims.json?_shape=array&_size=max")).json()
    assert len(claims) > len(reviews)
    for claim in claims:
        found = embedded((await newsroom_ds.client.get(f"/claim/{claim['id']}")).text)
        if claim["id"] in reviews:
            assert found == [reviews[claim["id"]]], claim["id"]  # one per page, as Google asks
            assert problems(found[0], CLAIM_REVIEW_SCHEMA) == []
        else:
            assert found == [], claim["id"]


async def test_a_claim_page_without_a_published_verdict_has_none(newsroom_ds: Datasette) -> None:
    # A_WEEKS has a verification waiting for approval: not a published verdict.
    assert embedded((await newsroom_ds.client.get(f"/claim/{A_WEEKS.id}")).text) == []


async def test_article_pages_carry_no_claim_review(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get(f"/article/{TRADITIONAL}")).text
    assert "application/ld+json" not in html


async def test_markup_in_a_sentence_cannot_end_the_script(newsroom_ds: Datasette) -> None:
    # A_FUNDING's sentence holds "<script>alert('x')</script>", as the article does.
    html = (await newsroom_ds.client.get(f"/claim/{A_FUNDING.id}")).text
    (review,) = embedded(html)
    # The statement is the figure's clause; the markup is in another one.
    assert review["claimReviewed"] == "壁仞科技曾在18個月內融資47億元人民幣"
    assert "<script>alert" not in html
    # A value that holds markup stays inside the script element, as JSON reads it.
    written = str(_json_ld({"claimReviewed": "<script>alert('x')</script>"}))
    assert "</script>" not in written and "<!--" not in written
    assert json.loads(written) == {"claimReviewed": "<script>alert('x')</script>"}
