"""What the extractor returns: plain, immutable records with the JSON field names of
`claimdesk extract`. Tools outside the code depend on these names: keep them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any, Literal

Kind = Literal["money", "percent", "ratio", "quantity", "count", "date", "duration"]
QualifierMeaning = Literal["approximate", "lower_bound", "upper_bound", "emphasis"]
# Flags an editor should see next to a claim.
Flag = Literal["malformed", "outside_body", "relative_time", "ambiguous_increase"]

# A value in base units: int when it is whole (47億元 -> 4700000000), float otherwise.
Value = int | float


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A numeric expression in the text, before any decision about whether it is a claim."""

    start: int  # Python str offsets into the original text
    end: int
    text: str  # == original_text[start:end]
    value: Value | None  # None when the numeral is malformed
    unit: str | None  # "CNY", "%", "x", "W", "TOPS", "year", "count", ... or None for a bare number
    kind: Kind | None = None
    value_max: Value | None = None  # the high end of a range (3至5倍), else None


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """A numeric claim: a NumberMatch in context (sentence, qualifier, source, time)."""

    start: int
    end: int
    text: str
    value: Value | None
    unit: str | None
    kind: Kind
    sentence: str
    value_max: Value | None = None
    qualifier: str | None = None  # as written: 約, 超過, 將近, 左右 ...
    qualifier_meaning: QualifierMeaning | None = None
    source: str | None = None  # normalised name of whom the article attributes it to
    source_report: str | None = None  # the report's title when the text gives it, without 《》
    time: str | None = None  # ISO 8601 where possible (2021, 2022-06, 2020/2023), else as written
    noun: str | None = None  # what a count counts (晶體管, 應用) or None
    flags: tuple[Flag, ...] = field(default=())
    # Appended after flags so that consumers reading the older fields by position keep working.
    margin: Value | None = None  # the ± of 52%±2% (2), in the claim's unit
    source_detail: str | None = None  # the source's title and organisation (台積電董事長)

    def to_json(self) -> dict[str, Any]:
        # Built field by field: dataclasses.asdict deep-copies every value, which cost more than
        # finding the claims. The order is the order of the fields above.
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "sentence": self.sentence,
            "value_max": self.value_max,
            "qualifier": self.qualifier,
            "qualifier_meaning": self.qualifier_meaning,
            "source": self.source,
            "source_report": self.source_report,
            "time": self.time,
            "noun": self.noun,
            "flags": list(self.flags),
            "margin": self.margin,
            "source_detail": self.source_detail,
        }


_FLAGS_JSON: dict[tuple[Flag, ...], str] = {(): "[]"}


def claims_json(claims: Iterable[ExtractedClaim]) -> str:
    """`json.dumps({"claims": [c.to_json() for c in claims]}, ensure_ascii=False, indent=2)`,
    character for character, in a fraction of the time.

    With `indent` set, json encodes in pure Python, walking every record once more after
    to_json built it; here each claim is one f-string, the fields in to_json's order and
    indented as json indents them, its strings escaped by the C function json itself uses.
    A value is never NaN or infinite (numerals.to_value reads those as malformed), so repr()
    writes a number as json does. tests/test_hostile_input.py checks the text is the same.
    """
    esc = encode_basestring
    parts = [
        f'    {{\n      "start": {c.start},\n      "end": {c.end},\n      "text": {esc(c.text)},\n'
        f'      "value": {"null" if c.value is None else repr(c.value)},\n'
        f'      "unit": {"null" if c.unit is None else esc(c.unit)},\n'
        f'      "kind": {esc(c.kind)},\n      "sentence": {esc(c.sentence)},\n'
        f'      "value_max": {"null" if c.value_max is None else repr(c.value_max)},\n'
        f'      "qualifier": {"null" if c.qualifier is None else esc(c.qualifier)},\n'
        '      "qualifier_meaning": '
        f"{'null' if c.qualifier_meaning is None else esc(c.qualifier_meaning)},\n"
        f'      "source": {"null" if c.source is None else esc(c.source)},\n'
        f'      "source_report": {"null" if c.source_report is None else esc(c.source_report)},\n'
        f'      "time": {"null" if c.time is None else esc(c.time)},\n'
        f'      "noun": {"null" if c.noun is None else esc(c.noun)},\n'
        f'      "flags": {_flags_json(c.flags)},\n'
        f'      "margin": {"null" if c.margin is None else repr(c.margin)},\n'
        f'      "source_detail": {"null" if c.source_detail is None else esc(c.source_detail)}\n'
        "    }"
        for c in claims
    ]
    if not parts:
        return '{\n  "claims": []\n}'
    return '{\n  "claims": [\n' + ",\n".join(parts) + "\n  ]\n}"


def _flags_json(flags: tuple[Flag, ...]) -> str:
    known = _FLAGS_JSON.get(flags)
    if known is None:
        items = ",\n".join(f"        {encode_basestring(flag)}" for flag in flags)
        known = _FLAGS_JSON[flags] = f"[\n{items}\n      ]"
    return known
