"""How the command line shows a claim, its state, its history and the queue. Text only."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from claimdesk.database.earlier import EarlierCheck
from claimdesk.review import Assessment, ClaimState, ClaimStatus, verdict_info
from claimdesk.review.reviewed import ReviewedClaim

# Shown around the figure in its sentence; plain characters, so they survive a pipe or a log.
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
NEEDS_WORK = (ClaimStatus.UNVERIFIED, ClaimStatus.IN_PROGRESS, ClaimStatus.NEEDS_REVIEW)
QUEUE_COLUMNS = ("claim_id", "status", "assignee", "article", "text", "source", "flags")


def highlighted(item: ReviewedClaim) -> str:
    """The sentence with the figure marked: ⟦47億元⟧, where the claim is (a sentence may state
    the same figure twice)."""
    claim = item.claim
    sentence = claim.sentence
    at = claim.figure_offset(item.article.text) if item.placed else sentence.find(claim.text)
    if at is None or at < 0:
        return f"{sentence}  [{claim.text}]"
    return sentence[:at] + MARK_OPEN + claim.text + MARK_CLOSE + sentence[at + len(claim.text) :]


def describe(item: ReviewedClaim, state: ClaimState) -> str:
    """A few lines: the claim, where it stands, what is waiting and what is published."""
    claim = item.claim.corrected(state.corrected)  # as the event left it
    value = claim.value
    unit = claim.unit or ""
    lines = [
        f"{item.claim_id}  {claim.text}  = {value} {unit}".rstrip()
        + f"  [{state.status}]  ({item.article.slug})",
        "  " + highlighted(item),
    ]
    if claim.sentence_was:
        lines.append(f"  sentence changed since it was reviewed; it was: {claim.sentence_was}")
    if claim.flags:
        lines.append("  flags: " + ", ".join(claim.flags))
    if claim.source:
        lines.append(f"  source: {claim.source}")
    if state.assignee:
        lines.append(f"  assigned to: {state.assignee}")
    if state.pending is not None:
        lines.append(
            f"  waiting for approval: {state.pending.verdict} by {state.pending.editor} "
            f"(verify {state.pending.id})"
        )
    if state.open_send_back is not None:
        lines.append(f"  sent back by {state.open_send_back.editor}: {state.open_send_back.reason}")
    if state.published is not None:
        info = verdict_info(state.published.verdict)
        lines.append(
            f"  published verdict: {state.published.verdict} ({info.zh_hant}), approved by "
            f"{state.published.approved_by} on {state.published.approved_at:%Y-%m-%d}"
        )
    for correction in state.corrections:
        lines.append(
            f"  corrected {correction.field}: {correction.from_value} -> {correction.to} "
            f"({correction.reason})"
        )
    if state.dismissal is not None:
        lines.append(f"  dismissed ({state.dismissal.why}): {state.dismissal.reason}")
    return "\n".join(lines)


def history_lines(state: ClaimState) -> Iterator[str]:
    yield "history:"
    if not state.history:
        yield "  (no events yet)"
    ignored = {entry.event.id: entry.reason for entry in state.ignored}
    for event in state.history:
        record = event.model_dump(mode="json", exclude={"id", "at", "editor", "type", "claim_id"})
        details = ", ".join(f"{k}={_short(v)}" for k, v in record.items() if v not in (None, ""))
        line = f"  {event.at:%Y-%m-%d %H:%M} {event.editor}: {event.type}"
        line += f" ({details})" if details else ""
        if event.id in ignored:
            line += f"  [not counted: {ignored[event.id]}]"
        yield line


def earlier_lines(checks: Sequence[EarlierCheck]) -> Iterator[str]:
    """The earlier published checks of the same quantity (database/earlier.py), newest first."""
    if not checks:
        return
    yield "earlier checks of the same quantity (過往查核; reuse: claimdesk verify --reuse ID):"
    for check in checks:
        info = verdict_info(check.verdict)
        figure = check.source_figure or "-"
        yield (
            f"  {check.claim_id}  {check.claim_text}  {check.verdict} ({info.zh_hant})  "
            f"{check.article_id} ({check.article_published or 'undated'})"
        )
        yield f"    evidence: {check.evidence_url}"
        # The figure as typed says its unit (380萬輛); one recorded as a number does not.
        unit = None if check.source_text else check.source_unit
        said = " ".join(part for part in (figure, unit, check.source_time) if part)
        yield f"    source figure: {said}"
        if check.note:
            yield f"    note: {check.note}"
        yield (
            f"    verified by {check.verified_by}, approved by {check.approved_by} "
            f"on {check.published_at[:10]}"
        )


def _short(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def assessment_lines(assessment: Assessment) -> list[str]:
    lines = [f"discrepancy: {assessment.reason}", f"             {assessment.reason_zh_hant}"]
    if assessment.difference is not None:
        relative = (
            f" ({assessment.relative_difference:+.2%})"
            if assessment.relative_difference is not None
            else ""
        )
        lines.append(f"difference (claim - source): {assessment.difference:+g}{relative}")
    suggestion = assessment.suggested_verdict
    lines.append(f"suggested verdict: {suggestion if suggestion else 'none (compare by hand)'}")
    return lines


def claim_record(item: ReviewedClaim) -> dict[str, Any]:
    """The claim, its state and its history as JSON-ready data."""
    state = item.state
    return {
        "claim": item.claim.model_dump(mode="json"),
        "effective": item.effective.model_dump(mode="json"),
        "article": item.article.slug,
        "status": str(state.status),
        "assignee": state.assignee,
        "pending": state.pending.model_dump(mode="json") if state.pending else None,
        "published": (state.published.verify.model_dump(mode="json") if state.published else None),
        "corrected": state.corrected,
        "history": [event.model_dump(mode="json") for event in state.history],
        "last_event_id": state.last_event_id,
    }


def queue_rows(
    claims_dir: Path, articles: Sequence[str], statuses: Sequence[str]
) -> list[dict[str, Any]]:
    """What needs work, oldest article first, as rows."""
    from claimdesk.review.record import all_claims

    items = list(all_claims(claims_dir, tuple(articles)))
    wanted = set(statuses) or {str(s) for s in NEEDS_WORK}
    items = [
        item
        for item in items
        if str(item.state.status) in wanted and (statuses or "outside_body" not in item.claim.flags)
    ]
    items.sort(key=_queue_order)
    return [
        {
            "claim_id": item.claim_id,
            "status": str(item.state.status),
            "assignee": item.state.assignee,
            "article": item.article.slug,
            "published": (
                item.article.article.published.isoformat()
                if item.article.article.published
                else None
            ),
            "text": item.effective.text,
            "sentence": item.effective.sentence,
            "source": item.effective.source,
            "flags": list(item.effective.flags),
            "last_event_id": item.state.last_event_id,
        }
        for item in items
    ]


def _queue_order(item: ReviewedClaim) -> tuple[bool, str, str, int]:
    published = item.article.article.published
    return (
        published is None,
        published.isoformat() if published else "",
        item.article.slug,
        item.claim.start,
    )


def queue_table(rows: Iterable[dict[str, Any]]) -> str:
    body = [[*(row[c] for c in QUEUE_COLUMNS[:-1]), ",".join(row["flags"])] for row in rows]
    return render_table(QUEUE_COLUMNS, body) if body else "nothing needs work"


def render_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Plain columns for a terminal, padded by display width (None shows as blank)."""
    table = [list(header)] + [["" if cell is None else str(cell) for cell in row] for row in rows]
    widths = [max(_width(r[i]) for r in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in table
    )


def _width(cell: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)
