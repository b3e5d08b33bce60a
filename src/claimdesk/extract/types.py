"""What the extractor finds before deciding what is a claim: plain, immutable numeric matches.
The claims it returns are `claimdesk.claim.Claim`, the one claim type."""

from __future__ import annotations

from typing import NamedTuple

from claimdesk.vocabulary import Flag, Kind, QualifierMeaning

__all__ = ["Flag", "Kind", "NumberMatch", "QualifierMeaning", "Value"]

# A value in base units: int when it is whole (47億元 -> 4700000000), float otherwise.
Value = int | float


# A NamedTuple, not a frozen dataclass: one is built per figure, and a frozen dataclass's
# __init__ sets each field through object.__setattr__ (2.1 µs a figure against 0.4).
class NumberMatch(NamedTuple):
    """A numeric expression in the text, before any decision about whether it is a claim."""

    start: int  # Python str offsets into the original text
    end: int
    text: str  # == original_text[start:end]
    value: Value | None  # None when the numeral is malformed
    unit: str | None  # "CNY", "%", "x", "W", "TOPS", "year", "count", ... or None for a bare number
    kind: Kind | None = None
    value_max: Value | None = None  # the high end of a range (3至5倍), else None
