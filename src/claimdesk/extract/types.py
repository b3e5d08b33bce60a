"""What the extractor returns: plain, immutable records with the JSON field names of
`claimdesk extract`. Tools outside the code depend on these names: keep them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["flags"] = list(self.flags)
        return record
