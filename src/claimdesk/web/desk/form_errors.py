"""What a desk form did wrong, field by field, in Chinese and English.

The rules stay where they are (review/events.py's models, review/actions.py's parsing); this
module only asks them about a form and words their answers for an editor: every field at once
(pydantic stops at nothing, so the Verify model lists all its complaints in one pass), each
beside its field, and never pydantic's own English ("String should have at least 1 character").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from claimdesk.review import ReviewError, Verify, new_event_id, parse_source_value
from claimdesk.review.actions import build_event, explanations
from claimdesk.review.reviewed import ReviewedClaim
from claimdesk.web.public.figures import Label

# One message a field, whatever the rule behind it: it says what the field needs.
MESSAGES: Mapping[str, Label] = {
    "verdict": Label("請選擇判定。", "Choose a verdict."),
    "evidence_url": Label(
        "請填寫證據網址（http 或 https 開頭）。",
        "Give the evidence's address (starting with http or https).",
    ),
    "evidence_quote": Label(
        "請引用來源中判定所依據的段落（只有「無法證實」可以不填）。",
        "Quote the passage of the source the verdict rests on (only 'unsupported' may leave it "
        "empty).",
    ),
    "explanations": Label(
        "請至少用一種語言寫公開說明（每種語言一則）。",
        "Write the public explanation in at least one language (one per language).",
    ),
    "source_value": Label(
        "來源數值請只寫一個數字，照來源的寫法，例如 1020億、4.08兆、28%。",
        "Write one figure only, as the source gives it: 1020億, 4.08兆, 28%.",
    ),
    "source_unit": Label("單位無法辨識。", "The unit is not one we know."),
    "reason": Label("請寫明原因。", "Give a reason."),
    "field": Label("請選擇要更正的欄位。", "Choose the field to correct."),
    "to": Label(
        "請填寫這個欄位的正確值（數值欄位填數字，清除填 null），且須與目前不同。",
        "Give the field's right value (a figure for a value, null to clear it), different "
        "from what it is now.",
    ),
    "meaning": Label("請選擇限定詞的含義。", "Choose what the qualifier means."),
    "qualifier_meaning": Label(
        "這個限定詞的含義無法自動判斷，請選擇。",
        "What this qualifier means cannot be read from the word: choose it.",
    ),
    "duplicate_of": Label(
        "重複於：請填另一則數字主張的代號（c 開頭）。",
        "Duplicate of: give another claim's id (starting with c).",
    ),
    # record.py refuses a verification whose URL, figure, unit or period is not the named
    # cell's: the editor changed a figure the cell filled in, and the cell is still named.
    "series_cell": Label(
        "所選的數列數值與表單不一致：來源數值、單位、期間與證據網址須為該數值的。"
        "請改回，或先清除所選的數列數值再填寫其他證據。",
        "The form no longer matches the series cell it names: the figure, unit, period and "
        "evidence URL must be the cell's. Put them back, or clear the cell to give other "
        "evidence.",
    ),
}


def message(field: str | None, problem: str) -> Label:
    """The words for a ReviewError: the field's message, else the rule's own words (the
    workflow's rules, such as approving one's own verification, are written for editors).
    A series cell's refusal keeps the rule's words too: they say what the cell gives."""
    if field == "series_cell":
        said = MESSAGES[field]
        return Label(said.zh, f"{said.en} ({problem})")
    if field is not None and field in MESSAGES:
        return MESSAGES[field]
    return Label("無法記錄這項操作：", problem)


def problems(
    action: str, item: ReviewedClaim, fields: Mapping[str, Any], editor: str
) -> dict[str, Label]:
    """Every problem of a form, by field ("form" for the form as a whole); empty when the
    event can be built (the workflow's rules are checked when it is recorded)."""
    if action == "verify":
        return _verify_problems(item, fields, editor)
    found: dict[str, Label] = {}
    # A form with a reason box (send back, correct, dismiss) needs one, whatever else fails.
    if "reason" in fields and not _text(fields, "reason"):
        found["reason"] = MESSAGES["reason"]
    try:
        build_event(action, item, fields, editor)
    except ReviewError as error:
        found.setdefault(error.field or "form", message(error.field, error.problem))
    return found


def _text(fields: Mapping[str, Any], name: str) -> str:
    return str(fields.get(name) or "").strip()


def _verify_problems(
    item: ReviewedClaim, fields: Mapping[str, Any], editor: str
) -> dict[str, Label]:
    found: dict[str, Label] = {}
    claim_id = item.claim_id
    source_value, source_unit = _text(fields, "source_value"), _text(fields, "source_unit")
    if source_value:
        try:
            parse_source_value(source_value, source_unit or item.effective.unit, claim_id=claim_id)
        except ReviewError as error:
            found[error.field or "source_value"] = message(error.field, error.problem)
    try:
        explained = explanations(fields, claim_id)
    except ReviewError:
        explained = {}
    now = dt.datetime.now(dt.UTC)
    candidate = {
        "id": new_event_id(now),
        "at": now,
        "editor": editor,
        "claim_id": claim_id,
        "verdict": _text(fields, "verdict"),
        "evidence_url": _text(fields, "evidence_url"),
        "evidence_quote": _text(fields, "evidence_quote"),
        "explanations": explained,
    }
    try:
        Verify.model_validate(candidate)
    except ValidationError as error:
        for complaint in error.errors():
            field = str(complaint["loc"][0]) if complaint["loc"] else "form"
            found.setdefault(field, message(field, complaint["msg"]))
    return found
