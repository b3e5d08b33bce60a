"""Does a figure hold as worded? What a figure written in an article covers, from how it is
written and its qualifier. Pure; used by `discrepancy.assess` and by later consistency checks.

The written precision of a figure is one unit of its last written digit, in the figure's base
unit: 4.08兆 → 10^10, 47億元 → 10^8, 1,200 → 1 (Arabic zeros are written digits), 27169.3 →
0.1, 28% → 1, 八成 → 10 (%). A Chinese numeral writes no trailing zeros, so its last written
unit is its precision: 兩千 → 1000, 一萬三 → 1000, 兩千零四十八 → 1, 十 → 10.

What a figure covers (`tolerance_interval`), by its qualifier's meaning:
- none, or emphasis (高達, 僅: they stress the figure, not hedge it): the figure as rounded,
  within half a unit of its last written digit: 4.08兆 covers 4.075兆 to 4.085兆, 47億 covers
  46.5億 to 47.5億, 兩千 covers 1,500 to 2,500.
- approximate (約, 左右, about): one whole unit of the last written digit either side, the next
  figure the writer could have chosen: 約2.8倍 covers 2.7 to 2.9, 約30% 29% to 31%.
- lower_bound (超過, 以上, 逾): the figure or more, taken as written with no rounding slack and
  inclusive: 超過1000億 holds for 1000億 and 1020億, not for 990億 (or 999.9億).
- upper_bound (將近, 不到, 最多): the figure or less, likewise: 將近30% holds for 28%, not 31%.
A range (3至5倍) covers from its low end to its high end, widened the same way.

Arithmetic is in Decimal and the bounds are the floats nearest the exact decimal bounds, so a
source value typed at a bound (27169.25) compares equal to it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

from claimdesk.extract import NumberMatch, find_numbers
from claimdesk.extract.numerals import BIG_UNITS, DIGITS, SMALL_UNITS, parse_numeral
from claimdesk.extract.script import fold
from claimdesk.extract.types import QualifierMeaning, Value
from claimdesk.review.errors import ReviewError

# The numeral inside a figure's span, built from the extractor's own digits and scale words
# (folded text): 4.08兆, 12万3,456, 两千零四十八, 一点五亿, 1.02e11, 15k, 十多万.
_CHINESE = "".join([*DIGITS, *SMALL_UNITS, *BIG_UNITS, "廿多余几"])
_ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
_NUMERAL_RE = re.compile(
    rf"(?:{_ARABIC}|[{_CHINESE}]|点(?=[0-9{''.join(DIGITS)}]))+(?:(?<=[0-9])k)?"
)
_EXPONENT_RE = re.compile(r"[eE][-+]?[0-9]+$")
# Unit words spelled with numeral characters: the 百 of 1.9个百分点 is no written digit.
_UNIT_WORDS = re.compile("百分点|百分之")
_CHINESE_DIGITS = "零一二三四五六七八九"


class Interval(NamedTuple):
    """Closed interval of values; a bound's open side is infinite."""

    low: float
    high: float


def written_precision(text: str) -> float:
    """One unit of the last written digit of the figure in `text`, in its base unit:
    '4.08兆' → 1e10, '47億元' → 1e8, '1,200' → 1, '27169.3' → 0.1, '將近30%' → 1,
    '兩千' → 1000, '兩千零四十八' → 1, '3.5 billion' → 1e8. For a range, its high end's.

    Raises ReviewError (field `text`) when there is no figure to read."""
    return float(_precisions(text)[1])


def tolerance_interval(
    value: Value,
    text: str,
    qualifier_meaning: QualifierMeaning | None,
    value_max: Value | None = None,
) -> Interval:
    """The values a figure with `value` (and `value_max`, for a range), written as `text` and
    hedged by `qualifier_meaning`, covers as worded. See the module docstring for the rules."""
    low_unit, high_unit = _precisions(text)
    low = Decimal(str(value))
    high = Decimal(str(value_max)) if value_max is not None else low
    if qualifier_meaning == "lower_bound":
        return Interval(float(low), math.inf)
    if qualifier_meaning == "upper_bound":
        return Interval(-math.inf, float(high))
    share = 1 if qualifier_meaning == "approximate" else Decimal("0.5")
    return Interval(float(low - low_unit * share), float(high + high_unit * share))


def holds(interval: Interval, other: float) -> bool:
    """Whether `other` lies within `interval`, bounds included."""
    return interval.low <= other <= interval.high


def _precisions(text: str) -> tuple[Decimal, Decimal]:
    """The written precision of the figure's low end and of its high end (the same unless
    it is a range: 2.5至3倍 → 0.1 and 1)."""
    figure = _figure(text)
    if figure.kind == "date":
        return Decimal(1), Decimal(1)  # a year, a month or a day, as the date is written
    numerals = _NUMERAL_RE.findall(_UNIT_WORDS.sub("", fold(figure.text)))
    if not numerals:  # 翻倍, 半成: a figure written in words, exact to its own unit
        return Decimal(1), Decimal(1)
    assert figure.value is not None  # _figure keeps only figures with a value
    # The last numeral is the high end of a range, and the 三十 of 百分之三十.
    top = figure.value_max if figure.value_max is not None else figure.value
    high = _precision(numerals[-1], top, figure.text)
    if figure.value_max is None:
        return high, high
    return _precision(numerals[0], figure.value, figure.text), high


def _precision(numeral: str, value: Value, figure: str) -> Decimal:
    written = parse_numeral(numeral)
    if written is None:
        raise ReviewError(None, "text", f"cannot read the figure {figure!r}")
    # What one written unit is in the base unit: 八成 is 10 %, 3.5 billion is 10^9 per unit.
    scale = Decimal(str(value)) / written if written else Decimal(1)
    return abs(_last_digit_step(numeral, written) * scale)


def _figure(text: str) -> NumberMatch:
    for match in find_numbers(text):
        if match.value is not None:
            return match
    raise ReviewError(None, "text", f"{text!r} has no figure to check")


def _last_digit_step(numeral: str, written: Decimal) -> Decimal:
    """How much the numeral changes when its last written digit moves by one: 4.08兆 → 0.01兆,
    两千 → 1000, 一万三 → 1000. A numeral with no digit (十, 十万) is one unit of itself."""
    exponent = _EXPONENT_RE.search(numeral)
    mantissa = numeral[: exponent.start()] if exponent else numeral
    suffix = numeral[len(mantissa) :]
    for index in range(len(mantissa) - 1, -1, -1):
        char = mantissa[index]
        if char.isascii() and char.isdigit():
            digit = int(char)
            replacement = str(digit + 1 if digit < 9 else digit - 1)
        elif char in DIGITS:
            digit = DIGITS[char]
            replacement = _CHINESE_DIGITS[digit + 1 if digit < 9 else digit - 1]
        else:
            continue
        moved = parse_numeral(mantissa[:index] + replacement + mantissa[index + 1 :] + suffix)
        if moved is None:
            break
        return abs(moved - written)
    return abs(written)
