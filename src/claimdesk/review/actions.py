"""What an editor can do to a claim, from plain text fields to the event that records it.

The command line and the desk's forms both hand their fields here, so a verification typed
in a terminal and one submitted from the web become the same event, with the same checks and
the same error messages (a ReviewError names the claim and the field, so a form can show it
beside that field).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from claimdesk.files.language import detect_language
from claimdesk.review import (
    Approve,
    Assessment,
    Assign,
    BaseEvent,
    Correct,
    Dismiss,
    Restore,
    ReviewError,
    SendBack,
    Unassign,
    Verdict,
    Verify,
    assess,
    new_event,
    parse_source_value,
)
from claimdesk.review.events import SeriesCell
from claimdesk.review.reviewed import ReviewedClaim
from claimdesk.vocabulary import ACTIONS as _ACTIONS
from claimdesk.vocabulary import CORRECTABLE_FIELDS, QUALIFIER_MEANINGS, QualifierMeaning

# The closed sets live in one place; these names are what the CLI and the desk import.
ACTIONS = _ACTIONS
CORRECTABLE = CORRECTABLE_FIELDS
EXPLANATION_FIELDS = {"zh-Hant": "explanation_zh_hant", "zh-Hans": "explanation_zh_hans",
                      "en": "explanation_en"}  # fmt: skip

Fields = Mapping[str, Any]


def build_event(action: str, item: ReviewedClaim, fields: Fields, editor: str) -> BaseEvent:
    """The event for `action` on the claim, from text fields; ReviewError when one is bad."""
    claim_id = item.claim_id
    if action == "assign":
        return new_event(Assign, editor=editor, claim_id=claim_id)
    if action == "unassign":
        return new_event(Unassign, editor=editor, claim_id=claim_id)
    if action == "verify":
        return _verify(item, fields, editor)
    if action == "approve":
        return new_event(
            Approve, editor=editor, claim_id=claim_id, verify_id=_pending(item, fields)
        )
    if action == "send_back":
        return new_event(
            SendBack,
            editor=editor,
            claim_id=claim_id,
            verify_id=_pending(item, fields),
            reason=_text(fields, "reason"),
        )
    if action == "correct":
        return _correct(item, fields, editor)
    if action == "dismiss":
        duplicate_of = _text(fields, "duplicate_of") or None
        return new_event(
            Dismiss,
            editor=editor,
            claim_id=claim_id,
            reason=_text(fields, "reason"),
            why="duplicate" if duplicate_of else "not_a_claim",
            duplicate_of=duplicate_of,
        )
    if action == "restore":
        return new_event(Restore, editor=editor, claim_id=claim_id)
    raise ReviewError(claim_id, "action", f"unknown action {action!r}")


def _text(fields: Fields, name: str) -> str:
    value = fields.get(name)
    return "" if value is None else str(value).strip()


def _pending(item: ReviewedClaim, fields: Fields) -> str:
    given = _text(fields, "verify_id")
    if given:
        return given
    if item.state.pending is None:
        raise ReviewError(item.claim_id, "verify_id", "no verification is waiting")
    return item.state.pending.id


def explanations(fields: Fields, claim_id: str) -> dict[str, str]:
    """Explanations by language: from per-language fields (a form), or a list whose languages
    are detected (`explanations`, the command line)."""
    found = {lang: _text(fields, name) for lang, name in EXPLANATION_FIELDS.items()}
    found = {lang: text for lang, text in found.items() if text}
    for text in fields.get("explanations") or ():
        language = detect_language(text)
        if language in found:
            raise ReviewError(
                claim_id, "explanations", f"two explanations in {language}; give one each"
            )
        found[language] = text
    return found


def _verify(item: ReviewedClaim, fields: Fields, editor: str) -> Verify:
    claim = item.effective
    claim_id = item.claim_id
    source_value = _text(fields, "source_value")
    source_unit = _text(fields, "source_unit") or None
    parsed = (
        parse_source_value(source_value, source_unit or claim.unit, claim_id=claim_id)
        if source_value
        else None
    )
    verdict = _text(fields, "verdict")
    if verdict not in {str(v) for v in Verdict}:
        raise ReviewError(claim_id, "verdict", f"{verdict!r} is not a verdict on our scale")
    return new_event(
        Verify,
        editor=editor,
        claim_id=claim_id,
        verdict=verdict,
        evidence_url=_text(fields, "evidence_url"),
        evidence_quote=_text(fields, "evidence_quote"),
        source_value=parsed.value if parsed else None,
        source_text=source_value if parsed else None,
        source_unit=parsed.unit if parsed else source_unit,
        source_time=_text(fields, "source_time") or None,
        explanations=explanations(fields, claim_id),
        note=_text(fields, "note") or None,
        reused_from=_text(fields, "reused_from") or None,
        series_cell=_series_cell(fields, claim_id),
    )


SERIES_CELL_FIELDS = ("series_id", "series_release", "series_period")


def _series_cell(fields: Fields, claim_id: str) -> SeriesCell | None:
    """The series cell the evidence is: series, release and period, given together or not at
    all (the desk's cell picker and `verify --series` give all three)."""
    given = [_text(fields, name) for name in SERIES_CELL_FIELDS]
    if not any(given):
        return None
    if not all(given):
        raise ReviewError(
            claim_id,
            "series_cell",
            "數列、發布與期間須一併給出 · give the series, the release and the period together",
        )
    series, release, period = given
    try:
        return SeriesCell(series=series, release=release, period=period)
    except ValidationError as error:
        problem = "; ".join(str(each["msg"]) for each in error.errors())
        raise ReviewError(claim_id, "series_cell", problem) from None


def _correct(item: ReviewedClaim, fields: Fields, editor: str) -> Correct:
    claim_id = item.claim_id
    field = _text(fields, "field")
    if field not in CORRECTABLE:
        raise ReviewError(claim_id, "field", f"choose one of {', '.join(CORRECTABLE)}")
    to: str | int | float | None = _text(fields, "to")
    if to in ("", "null"):
        to = None
    elif field in ("value", "value_max"):
        try:
            to = parse_source_value(str(to), claim_id=claim_id).value
        except ReviewError as error:
            raise ReviewError(claim_id, "to", error.problem) from None
    meaning = _meaning(item, field, to, _text(fields, "meaning") or None)
    return new_event(
        Correct, editor=editor, claim_id=claim_id, field=field, to=to,
        reason=_text(fields, "reason"), meaning=meaning,
        report_id=_text(fields, "report_id") or None,
    )  # fmt: skip


def _meaning(
    item: ReviewedClaim, field: str, to: object, given: str | None
) -> QualifierMeaning | None:
    """What a corrected qualifier means: as the editor says, else as the extractor reads the
    word (約 is approximate, 超過 a lower bound), else the meaning the claim already has."""
    if field != "qualifier" or to is None:
        return None
    if given is not None:
        if given not in QUALIFIER_MEANINGS:
            raise ReviewError(
                item.claim_id, "meaning", f"choose one of {', '.join(QUALIFIER_MEANINGS)}"
            )
        return given
    from claimdesk.extract.qualifiers import meaning_of

    return meaning_of(str(to)) or item.effective.qualifier_meaning


def assess_claim(item: ReviewedClaim, source_value: str, source_unit: str | None) -> Assessment:
    """How a figure the editor copied from the source compares with the claim as worded."""
    claim = item.effective
    parsed = parse_source_value(source_value, source_unit or claim.unit, claim_id=item.claim_id)
    return assess(
        claim.value,
        claim.text,
        claim.unit,
        claim.qualifier_meaning,
        parsed.value,
        parsed.unit,
        claim_value_max=claim.value_max,
    )
