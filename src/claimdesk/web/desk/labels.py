"""The desk's words as an editor reads them: `say("status", "needs_review")` is
「待核准 Waiting for approval」. The labels live in vocabulary.py beside their words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimdesk import vocabulary
from claimdesk.web.public.figures import QUALIFIER_LABELS, Label, verdict_label

# Keyed by each vocabulary's Literal; looked up here by any text a page holds.
_LABELS: Mapping[str, Mapping[Any, tuple[str, str]]] = {
    "status": vocabulary.STATUS_LABELS,
    "flag": vocabulary.FLAG_LABELS,
    "event": vocabulary.EVENT_LABELS,
    "field": vocabulary.FIELD_LABELS,
    "kind": vocabulary.KIND_LABELS,
    "meaning": QUALIFIER_LABELS,  # the public pages' words for the same meanings
    "result": vocabulary.RESULT_LABELS,
}


def say(what: str, word: object) -> Label:
    """The label of `word` in the vocabulary `what`; a word it does not know (a log written by
    a newer claimdesk) as itself, never an error on a page."""
    text = "" if word is None else str(word)
    if what == "verdict":
        try:
            return verdict_label(text)
        except ValueError:
            return Label(text, "")
    zh, en = _LABELS[what].get(text, (text, ""))
    return Label(zh, en)


# The names of a form's fields and of an event's details, where an editor reads them (an
# error's summary, the history).
FIELD_NAMES: Mapping[str, str] = {
    **{field: f"{zh} {en}" for field, (zh, en) in vocabulary.FIELD_LABELS.items()},
    "verdict": "判定 Verdict",
    "evidence_url": "證據網址 Evidence URL",
    "evidence_quote": "引文 Quoted passage",
    "explanations": "公開說明 Public explanation",
    "explanation_zh_hant": "公開說明（繁體）Public explanation, zh-Hant",
    "explanation_zh_hans": "公开说明（简体）Public explanation, zh-Hans",
    "explanation_en": "公開說明（英文）Public explanation, English",
    "source_value": "來源數值 Source value",
    "source_text": "來源寫法 As the source writes it",
    "source_unit": "來源單位 Source unit",
    "source_time": "期間 Period",
    "note": "內部備註 Internal note",
    "reused_from": "沿用查核 Reuses the check of",
    "series_cell": "數列數值 Series cell",
    "series_id": "數列 Series",
    "series_release": "發布 Release",
    "series_period": "數列期間 Series period",
    "verify_id": "查核紀錄 Verification",
    "reason": "原因 Reason",
    "report_id": "讀者回報 Reader's report",
    "field": "欄位 Field",
    "to": "更正為 To",
    "meaning": "限定詞含義 Meaning",
    "why": "排除理由 Why",
    "duplicate_of": "重複於 Duplicate of",
    "start": "起點 Start",
    "end": "終點 End",
    "text": "文字 Text",
    "slug": "文章 Article",
}
