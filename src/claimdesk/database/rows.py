"""What each database holds: rows derived from claims/ and the review events, nothing else.

`claimdesk.db` is public, so its rows are built only from what may be published: the claims
(with corrections applied), their public status, the approved verdicts with their public
explanations and evidence, and the correction log. Notes, pending verdicts, assignments and
send-backs reach only `reviews.db`. A leak is then impossible by construction, whatever
Datasette lets a visitor ask.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimdesk.errors import ClaimdeskError
from claimdesk.extract.claims import sentence_of
from claimdesk.extract.script import to_simplified
from claimdesk.files.models import Claim
from claimdesk.files.store import REVIEWS_FILE, StoredArticle
from claimdesk.review import (
    Add,
    ClaimState,
    ClaimStatus,
    Event,
    PublishedVerdict,
    ReviewError,
    parse_event_line,
    replay,
    replay_all,
)


def public_status(state: ClaimState) -> str:
    """What the public may know of where a claim stands. Work in progress is the desk's
    business: a claim being checked is unverified, or keeps its published verdict while it
    is checked again."""
    if state.status in (ClaimStatus.RETRACTED, ClaimStatus.DISMISSED):
        return str(state.status)
    return "published" if state.published is not None else "unverified"


EXPLANATION_LANGUAGES = ("zh-Hant", "zh-Hans", "en")
_CORRECTABLE = ("value", "value_max", "unit", "kind", "qualifier", "qualifier_meaning", "time")


@dataclass(frozen=True)
class ReviewedClaim:
    """A claim as the databases see it: where it is (None once retracted), and its state."""

    article: StoredArticle
    claim: Claim
    placed: bool
    state: ClaimState


def source_id(name: str) -> str:
    """One source whichever script an article writes its name in."""
    return to_simplified(name.strip())


def parse_reviews(stored: StoredArticle, folder_label: str) -> list[Event]:
    """Every event of an article, each line checked; errors name the file and line."""
    events: list[Event] = []
    problems: list[str] = []
    for number, line in enumerate(stored.review_lines, start=1):
        if not line.strip():
            continue
        try:
            events.append(parse_event_line(line))
        except ReviewError as error:
            problems.append(f"{folder_label}/{REVIEWS_FILE}:{number}: {error}")
    if problems:
        raise ClaimdeskError("\n".join(problems))
    return events


def reviewed_claims(stored: StoredArticle, events: list[Event]) -> list[ReviewedClaim]:
    """The article's claims (extracted, added by editors, retracted), each with its state."""
    claims = {claim.id: (claim, True) for claim in stored.claims}
    for claim in stored.retracted:
        claims.setdefault(claim.id, (claim, False))
    for event in events:
        if isinstance(event, Add) and event.claim_id not in claims:
            placed = stored.text[event.start : event.end] == event.text
            claims[event.claim_id] = (_added_claim(event, stored.text), placed)
    originals = {
        claim_id: {name: getattr(claim, name) for name in (*_CORRECTABLE, "source", "noun")}
        for claim_id, (claim, _) in claims.items()
    }
    unplaced = {claim_id for claim_id, (_, placed) in claims.items() if not placed}
    states = replay_all(events, retracted=unplaced, originals=originals)
    # Events about claims this article does not have (a hand edit gone wrong) are not lost:
    # they stay in reviews.db's events table, but make no claim.
    return [
        ReviewedClaim(
            stored,
            claim,
            placed,
            states.get(claim_id)
            or replay(claim_id, [], retracted=not placed, original=originals[claim_id]),
        )
        for claim_id, (claim, placed) in claims.items()
    ]


def _added_claim(event: Add, text: str) -> Claim:
    return Claim(
        id=event.claim_id,
        start=event.start,
        end=event.end,
        text=event.text,
        sentence=sentence_of(text, event.start, event.end) if event.end <= len(text) else "",
        value=event.value,
        value_max=event.value_max,
        unit=event.unit,
        kind=event.kind,
        qualifier=event.qualifier,
        qualifier_meaning=event.qualifier_meaning,
        time=event.time,
        source=event.source,
        noun=event.noun,
    )


# --- claimdesk.db: public ------------------------------------------------------------------


def public_claim_row(item: ReviewedClaim, position: int) -> dict[str, Any]:
    claim, state = item.claim, item.state
    status = public_status(state)
    fields = claim.model_dump(mode="json", exclude={"source", "sentence_was"})
    fields.update({k: v for k, v in state.corrected.items() if k in _CORRECTABLE})
    source = state.corrected.get("source", claim.source)
    noun = state.corrected.get("noun", claim.noun)
    published = state.published if status in ("published", "retracted") else None
    fields.update(
        article_id=item.article.slug,
        position=position,
        start=claim.start if item.placed else None,
        end=claim.end if item.placed else None,
        source_id=source_id(source) if isinstance(source, str) and source else None,
        noun=noun,
        flags=json.dumps(claim.flags, ensure_ascii=False),
        status=status,
        verdict=str(published.verdict) if published else None,
        verdict_at=_iso(published.approved_at) if published else None,
        corrected=1 if state.corrections else 0,
        added_by_editor=1 if state.added is not None else 0,
    )
    return fields


def public_source_names(items: Iterable[ReviewedClaim]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in items:
        source = item.state.corrected.get("source", item.claim.source)
        if isinstance(source, str) and source:
            names.setdefault(source_id(source), source)
    return names


def verdict_rows(item: ReviewedClaim) -> Iterator[dict[str, Any]]:
    """Every published verdict of a claim, the current one and those it replaced."""
    if public_status(item.state) not in ("published", "retracted"):
        return
    for published in item.state.verdicts:
        yield _verdict_row(item.claim.id, published)


def _verdict_row(claim_id: str, published: PublishedVerdict) -> dict[str, Any]:
    verify = published.verify
    row: dict[str, Any] = {
        "id": verify.id,
        "claim_id": claim_id,
        "verdict": str(verify.verdict),
        "evidence_url": verify.evidence_url,
        "evidence_quote": verify.evidence_quote,
        "source_value": verify.source_value,
        "source_unit": verify.source_unit,
        "source_time": verify.source_time,
        "verified_by": verify.editor,
        "verified_at": _iso(verify.at),
        "approved_by": published.approved_by,
        "published_at": _iso(published.approved_at),
        "superseded_at": _iso(published.superseded_at) if published.superseded_at else None,
    }
    for language in EXPLANATION_LANGUAGES:
        row[_explanation_column(language)] = verify.explanations.get(language)  # type: ignore[call-overload]
    return row


def _explanation_column(language: str) -> str:
    return "explanation_" + language.lower().replace("-", "_")


def correction_rows(item: ReviewedClaim) -> Iterator[dict[str, Any]]:
    """The public correction log: fields corrected, and published verdicts that changed.
    It only grows: a correction stays in it after its claim is dismissed."""
    state = item.state
    for correction in state.corrections:
        yield {
            "id": correction.event_id,
            "claim_id": item.claim.id,
            "article_id": item.article.slug,
            "at": _iso(correction.at),
            "change": "field",
            "field": correction.field,
            "from_value": _text(correction.from_value),
            "to_value": _text(correction.to),
            "reason": correction.reason,
        }
    if public_status(state) not in ("published", "retracted"):
        return
    for earlier in state.verdicts:
        if earlier.superseded_by is None or earlier.superseded_at is None:
            continue
        reason = earlier.change_reason or {}
        yield {
            "id": earlier.superseded_by.id,
            "claim_id": item.claim.id,
            "article_id": item.article.slug,
            "at": _iso(earlier.superseded_at),
            "change": "verdict",
            "field": "verdict",
            "from_value": str(earlier.verdict),
            "to_value": str(earlier.superseded_by.verdict),
            "reason": "\n".join(
                reason[lang]  # type: ignore[index]
                for lang in EXPLANATION_LANGUAGES
                if lang in reason
            ),
        }


# --- reviews.db: private -------------------------------------------------------------------


def event_row(event: Event, article_id: str, ignored: dict[str, str]) -> dict[str, Any]:
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


def claim_state_row(item: ReviewedClaim) -> dict[str, Any]:
    state, claim = item.state, item.claim
    pending, published = state.pending, state.published
    send_back = state.open_send_back
    fields = {**claim.model_dump(mode="json"), **state.corrected}
    article = item.article.article
    return {
        "claim_id": claim.id,
        "article_id": item.article.slug,
        "article_title": article.title,
        "article_published": article.published.isoformat() if article.published else None,
        "start": claim.start if item.placed else None,
        "text": claim.text,
        "sentence": claim.sentence,
        **{k: fields.get(k) for k in ("kind", "value", "unit", "qualifier", "time", "source")},
        "source_report": claim.source_report,
        "sentence_was": claim.sentence_was,
        "flags": json.dumps(claim.flags, ensure_ascii=False),
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


def _iso(moment: Any) -> str:
    return str(moment.isoformat())


def _text(value: object) -> str | None:
    return None if value is None else str(value)
