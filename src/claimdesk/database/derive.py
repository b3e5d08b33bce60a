"""Every row of one article in both databases, derived from its files and its log: the only
place database rows are made (database/write.py is the only place they are written).

`claimdesk.db` is public, so its rows are built only from what may be published: the claims
(with corrections applied), their public status, the approved verdicts with their public
explanations and evidence, the correction log and the checks. Notes, pending verdicts,
assignments and send-backs reach only `reviews.db`. A leak is then impossible by construction,
whatever Datasette lets a visitor ask.

Rows that belong to no one article (a source named by several, a conflict between two) are
derived by `source_rows` and `conflict_rows` from the article rows already written.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimdesk.checks.article import check_article, check_conflicts
from claimdesk.checks.figures import ArticleFigures
from claimdesk.checks.results import CheckResult
from claimdesk.claim import Claim
from claimdesk.database.search import index_terms
from claimdesk.extract.script import to_simplified
from claimdesk.files.store import StoredArticle
from claimdesk.review.events import Event
from claimdesk.review.reviewed import (
    LogProblem,
    ReviewedClaim,
    ignored_problems,
    parse_log,
    reviewed_claims,
)
from claimdesk.review.state import ClaimState, PublishedVerdict
from claimdesk.vocabulary import LANGUAGES, SHOWN_STATUSES, PublicStatus

# The tables whose rows belong to one article, parents first (rows are inserted in this
# order and deleted in the reverse). Every one has an `article_id` column (or is `articles`).
PUBLIC_TABLES = (
    "articles",
    "claims",
    "article_counts",
    "verdicts",
    "corrections",
    "checks",
    "check_claims",
    "check_quantities",
    "search_index",
    "built_articles",
)
PRIVATE_TABLES = ("events", "claim_states", "log_problems", "built_articles")


@dataclass(frozen=True)
class ArticleRows:
    """One article's rows in both databases, by table."""

    slug: str
    public: dict[str, list[dict[str, Any]]]
    private: dict[str, list[dict[str, Any]]]
    problems: tuple[LogProblem, ...]


def source_id(name: str) -> str:
    """One source whichever script an article writes its name in."""
    return to_simplified(name.strip())


def public_status(state: ClaimState) -> PublicStatus:
    """What the public may know of where a claim stands. Work in progress is the desk's
    business: a claim being checked is unverified, or keeps its published verdict while it
    is checked again."""
    if state.status == "retracted":
        return "retracted"
    if state.status == "dismissed":
        return "dismissed"
    return "published" if state.published is not None else "unverified"


def derive_article(
    stored: StoredArticle, digest: str, *, leave_out: frozenset[str] = frozenset()
) -> ArticleRows:
    """Every row of the article in both databases. `leave_out` names claims whose ids another
    article already holds (they are reported, not written)."""
    log = parse_log(stored)
    items = [c for c in reviewed_claims(stored, log.events) if c.claim_id not in leave_out]
    problems = (*log.unreadable, *ignored_problems(items, log))
    positions = {item.claim_id: n for n, item in enumerate(items, start=1)}
    results, quantities = _checks(stored, items)
    claims = [public_claim_row(item, positions[item.claim_id]) for item in items]
    public = {
        "articles": [_article_row(stored)],
        "claims": claims,
        "article_counts": count_rows(claims, article_id=stored.slug),
        "verdicts": [row for item in items for row in verdict_rows(item)],
        "corrections": sorted(
            (row for item in items for row in correction_rows(item)),
            key=lambda row: (row["at"], row["id"], row["field"]),
        ),
        "checks": [check_row(r, stored.slug) for r in results],
        "check_claims": [
            {"check_id": r.id, "claim_id": claim_id} for r in results for claim_id in r.related
        ],
        "check_quantities": quantities,
        "search_index": list(_search_rows(stored, items)),
        "built_articles": [{"article_id": stored.slug, "digest": digest}],
    }
    private = {
        "events": _event_rows(stored.slug, log.events, items),
        "claim_states": [claim_state_row(item, positions[item.claim_id]) for item in items],
        "log_problems": _problem_rows(problems),
        "built_articles": [{"article_id": stored.slug, "digest": digest}],
    }
    return ArticleRows(stored.slug, public, private, tuple(problems))


# --- claimdesk.db: public ------------------------------------------------------------------


def _article_row(stored: StoredArticle) -> dict[str, Any]:
    return {"id": stored.slug, **stored.article.model_dump(mode="json"), "text": stored.text}


def public_claim_row(item: ReviewedClaim, position: int) -> dict[str, Any]:
    claim, state = item.effective, item.state
    status = public_status(state)
    published = state.published if status in ("published", "retracted") else None
    return {
        "id": item.claim_id,
        "article_id": item.article.slug,
        "position": position,
        "start": claim.start if item.placed else None,
        "end": claim.end if item.placed else None,
        "text": claim.text,
        "sentence": claim.sentence,
        "value": claim.value,
        "value_max": claim.value_max,
        "unit": claim.unit,
        "kind": claim.kind,
        "qualifier": claim.qualifier,
        "qualifier_meaning": claim.qualifier_meaning,
        "time": claim.time,
        "source": claim.source or None,
        "source_id": counted_source_id(claim),
        "source_report": claim.source_report,
        "noun": claim.noun,
        "flags": json.dumps(list(claim.flags), ensure_ascii=False),
        "margin": claim.margin,
        "source_detail": claim.source_detail,
        "status": status,
        "verdict": str(published.verdict) if published else None,
        "verdict_at": _iso(published.approved_at) if published else None,
        "corrected": 1 if state.corrections else 0,
        "added_by_editor": 1 if state.added is not None else 0,
    }


def counted_source_id(claim: Claim) -> str | None:
    """The source a figure counts towards: none for a figure after the byline (a disclaimer,
    another article's teaser), so that a source's page and counts take only the figures in
    article bodies, as progress does. The claim keeps the name its article writes."""
    if not claim.source or not claim.source.strip() or "outside_body" in claim.flags:
        return None
    return source_id(claim.source)


def counts_towards_progress(claim_row: Mapping[str, Any]) -> bool:
    """Whether a claim row counts towards progress: shown (unverified or published), and in
    the article's body. Figures after the byline are never queued for checking (see
    `claimdesk queue`), so counting them would keep every article short of done."""
    return claim_row["status"] in SHOWN_STATUSES and '"outside_body"' not in claim_row["flags"]


def count_rows(claim_rows: Iterable[Mapping[str, Any]], **key: str) -> list[dict[str, Any]]:
    """The article's claims that count towards progress, by (status, verdict): what the
    pages read instead of counting claims at every request."""
    counted = Counter(
        (row["status"], row["verdict"]) for row in claim_rows if counts_towards_progress(row)
    )
    return [
        {**key, "status": status, "verdict": verdict, "claims": n}
        for (status, verdict), n in sorted(
            counted.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    ]


def verdict_rows(item: ReviewedClaim) -> Iterator[dict[str, Any]]:
    """Every published verdict of a claim, the current one and those it replaced."""
    if public_status(item.state) not in ("published", "retracted"):
        return
    for published in item.state.verdicts:
        yield _verdict_row(item.claim_id, published)


def _verdict_row(claim_id: str, published: PublishedVerdict) -> dict[str, Any]:
    verify = published.verify
    row: dict[str, Any] = {
        "id": verify.id,
        "claim_id": claim_id,
        "verdict": str(verify.verdict),
        "explanation_zh_hant": verify.explanations.get("zh-Hant"),
        "explanation_zh_hans": verify.explanations.get("zh-Hans"),
        "explanation_en": verify.explanations.get("en"),
        "evidence_url": verify.evidence_url,
        "evidence_quote": verify.evidence_quote,
        "source_value": verify.source_value,
        "source_text": verify.source_text,
        "source_unit": verify.source_unit,
        "source_time": verify.source_time,
        "series_id": verify.series_cell.series if verify.series_cell else None,
        "series_release": verify.series_cell.release if verify.series_cell else None,
        "verified_by": verify.editor,
        "verified_at": _iso(verify.at),
        "approved_by": published.approved_by,
        "published_at": _iso(published.approved_at),
        "superseded_at": _iso(published.superseded_at) if published.superseded_at else None,
    }
    return row


def correction_rows(item: ReviewedClaim) -> Iterator[dict[str, Any]]:
    """The public correction log: fields corrected, and published verdicts that changed.
    It only grows: a correction stays in it after its claim is dismissed."""
    state = item.state
    for correction in state.corrections:
        yield {
            "id": correction.event_id,
            "claim_id": item.claim_id,
            "article_id": item.article.slug,
            "at": _iso(correction.at),
            "change": "field",
            "field": correction.field,
            "from_value": _text(correction.from_value),
            "to_value": _text(correction.to),
            "reason": correction.reason,
            "reader_reported": 1 if correction.report_id else 0,
        }
    if public_status(state) not in ("published", "retracted"):
        return
    for earlier in state.verdicts:
        if earlier.superseded_by is None or earlier.superseded_at is None:
            continue
        reason = earlier.change_reason or {}
        yield {
            "id": earlier.superseded_by.id,
            "claim_id": item.claim_id,
            "article_id": item.article.slug,
            "at": _iso(earlier.superseded_at),
            "change": "verdict",
            "field": "verdict",
            "from_value": str(earlier.verdict),
            "to_value": str(earlier.superseded_by.verdict),
            "reason": "\n".join(reason[lang] for lang in LANGUAGES if lang in reason),
            "reader_reported": 0,
        }


def figures_to_check(items: Iterable[ReviewedClaim]) -> list[Claim]:
    """The claims the checks read: as the public sees them (corrections applied), without
    dismissed and retracted ones, in the order of the text."""
    found = [
        item.effective
        for item in items
        if item.placed and public_status(item.state) not in ("dismissed", "retracted")
    ]
    return sorted(found, key=lambda claim: (claim.start, claim.end))


def _checks(
    stored: StoredArticle, items: Sequence[ReviewedClaim]
) -> tuple[list[CheckResult], list[dict[str, Any]]]:
    figures = ArticleFigures(stored.slug, stored.text, tuple(figures_to_check(items)))
    checked = check_article(figures)
    quantities = [
        {"claim_id": q.claim_id, "article_id": stored.slug, "quantity": q.key}
        for q in checked.quantities
    ]
    return list(checked.results), quantities


def check_row(result: CheckResult, article_id: str, quantity: str | None = None) -> dict[str, Any]:
    return {
        "id": result.id,
        "claim_id": result.claim_id,
        "article_id": article_id,
        "kind": result.kind,
        "result": result.result,
        "computation": result.computation,
        "explanation_en": result.explanation_en,
        "explanation_zh_hant": result.explanation_zh,
        "explanation_zh_hans": to_simplified(result.explanation_zh),
        "related": json.dumps(list(result.related)),
        "quantity": quantity,
    }


def _search_rows(stored: StoredArticle, items: Sequence[ReviewedClaim]) -> Iterator[dict[str, Any]]:
    article = stored.article
    yield _search_row(
        "article",
        stored.slug,
        stored.slug,
        index_terms(article.title),
        index_terms(article.publisher, stored.text),
    )
    # Dismissed claims are not claims: search leaves them out, as the pages do.
    for item in items:
        if public_status(item.state) == "dismissed":
            continue
        claim = item.effective
        body = index_terms(claim.sentence, claim.source, claim.source_report, claim.noun)
        yield _search_row("claim", item.claim_id, stored.slug, index_terms(claim.text), body)


def _search_row(
    kind: str, key: str, article_id: str | None, title: str, body: str
) -> dict[str, Any]:
    return {
        "kind": kind,
        "key": key,
        "article_id": article_id,
        "title_terms": title,
        "body_terms": body,
    }


# --- rows of no one article: sources and conflicts -----------------------------------------


def source_rows(
    named: Mapping[str, str], counts: Mapping[str, Sequence[tuple[str, str | None, int]]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The sources table's rows, their counts and their search rows, from each source id, the
    name its first claim (by article, then position) writes, and its claims that are not
    dismissed counted by (status, verdict)."""
    sources: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    for key in sorted(named):
        mine = sorted(counts.get(key, ()), key=lambda c: (c[0], c[1] or ""))
        sources.append(
            {
                "id": key,
                "name": named[key],
                "attributed": sum(n for _, _, n in mine),
                # A verdict is public only on a published or retracted claim (schema.sql).
                "checked": sum(n for _, verdict, n in mine if verdict),
            }
        )
        scores.extend(
            {"source_id": key, "status": status, "verdict": verdict, "claims": n}
            for status, verdict, n in mine
        )
    search = [
        _search_row("source", key, None, index_terms(named[key]), index_terms(key))
        for key in sorted(named)
    ]
    return sources, scores, search


def conflict_rows(
    quantity: str,
    members: Sequence[tuple[str, Claim]],
    of_articles: Collection[str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The conflict checks of one quantity stated in several articles: `members` are (article,
    claim as the public sees it), in the order of the articles, then of their text. With
    `of_articles`, only those articles' figures' checks (the others' are known)."""
    if len({slug for slug, _ in members}) < 2:
        return [], []
    article_of = {claim.key: slug for slug, claim in members}
    results = check_conflicts([[claim for _, claim in members]], article_of)
    if of_articles is not None:
        results = [r for r in results if article_of[r.claim_id] in of_articles]
    checks: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for result in results:
        row = check_row(result, article_of[result.claim_id], quantity)
        checks.append(row)
        # The id is a digest: made once a check, not once a claim it relates.
        links += ({"check_id": row["id"], "claim_id": c} for c in result.related)
    return checks, links


# --- reviews.db: private -------------------------------------------------------------------


def _event_rows(
    slug: str, events: Sequence[Event], items: Sequence[ReviewedClaim]
) -> list[dict[str, Any]]:
    ignored = {e.event.id: e.reason for item in items for e in item.state.ignored}
    rows: dict[str, dict[str, Any]] = {}
    # A line seen twice after a union merge is one event; of two different events with one
    # id, the one replay counted (its line sorts first).
    for event in sorted(events, key=lambda e: (e.at, e.id, e.model_dump_json())):
        rows.setdefault(event.id, event_row(event, slug, ignored))
    return sorted(rows.values(), key=lambda row: (row["at"], row["id"]))


def event_row(event: Event, article_id: str, ignored: Mapping[str, str]) -> dict[str, Any]:
    record = event.model_dump(mode="json")
    return {
        "id": event.id,
        "article_id": article_id,
        "claim_id": event.claim_id,
        "at": _iso(event.at),
        "editor": event.editor,
        "type": event.type,
        "verdict": record.get("verdict"),
        "verify_id": record.get("verify_id"),
        "reason": record.get("reason"),
        "note": record.get("note"),
        "ignored_because": ignored.get(event.id),
        "event": json.dumps(record, ensure_ascii=False),
    }


def claim_state_row(item: ReviewedClaim, position: int) -> dict[str, Any]:
    state, claim = item.state, item.effective
    pending, published = state.pending, state.published
    send_back = state.open_send_back
    article = item.article.article
    return {
        "claim_id": item.claim_id,
        "article_id": item.article.slug,
        "position": position,
        "article_title": article.title,
        "article_published": article.published.isoformat() if article.published else None,
        "start": claim.start if item.placed else None,
        "text": claim.text,
        "sentence": claim.sentence,
        # Where the figure is in its sentence: the sentence may state the same figure twice.
        "figure_offset": claim.figure_offset(item.article.text) if item.placed else None,
        "kind": claim.kind,
        "value": claim.value,
        "unit": claim.unit,
        "value_max": claim.value_max,
        "qualifier": claim.qualifier,
        "qualifier_meaning": claim.qualifier_meaning,
        "time": claim.time,
        "source": claim.source,
        "noun": claim.noun,
        "source_report": claim.source_report,
        "sentence_was": claim.sentence_was,
        "flags": json.dumps(list(claim.flags), ensure_ascii=False),
        "status": str(state.status),
        "assignee": state.assignee,
        "pending_verify_id": pending.id if pending else None,
        "pending_verdict": str(pending.verdict) if pending else None,
        "pending_by": pending.editor if pending else None,
        "published_verdict": str(published.verdict) if published else None,
        "sent_back_because": send_back.reason if send_back else None,
        "dismissed_because": state.dismissal.reason if state.dismissal else None,
        "events": len(state.history),
        "last_event_id": state.last_event_id,
    }


def _problem_rows(problems: Iterable[LogProblem]) -> list[dict[str, Any]]:
    rows: dict[tuple[str, int, str], dict[str, Any]] = {}
    for p in problems:
        rows.setdefault(
            (p.slug, p.line, p.message),
            {
                "article_id": p.slug,
                "line": p.line,
                "claim_id": p.claim_id,
                "field": p.field,
                "message": p.message,
            },
        )
    return list(rows.values())


def _iso(moment: Any) -> str:
    return str(moment.isoformat())


def _text(value: object) -> str | None:
    return None if value is None else str(value)
