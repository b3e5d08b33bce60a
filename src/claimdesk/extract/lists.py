"""Figures that are read together: a unit shared by a list, a signed range, a margin.

The numeral layer reads one figure at a time; these rules look at the figures of one sentence
side by side, in text order:

- **A unit shared by a list.** In 分別上升1.6和0.9個百分點, 下降0.3、0.5個百分點, 3億、5億和8億元
  and "rose 3 and 5 percent" the unit after the last figure belongs to every figure of the list:
  a bare figure joined to the next by 和 、 及 與 或 "and" "or" takes its unit and the unit's
  factor (3和4成 are 30% and 40%). "down 0.36 million, or 3.0%" restates a figure: a comma
  joins no list.
- **A signed range.** 年減2%至增6% runs from -2% to +6%: one figure, `value` -2, `value_max` 6.
- **An English range.** "36 to 52 weeks", "17% to 20%" and "between $2 billion and $3 billion"
  are one figure with `value` and `value_max` ("from 5% to 20%" is a change: two figures).
- **A margin.** 52%±2% and "52% plus or minus 2 percent" are one figure with a margin of 2;
  the second figure is not a claim of its own.
- **度 is electricity only in a sentence about electricity** (用電200度); elsewhere it is degrees.
"""

from __future__ import annotations

import re
from decimal import Decimal

from claimdesk.extract.types import NumberMatch, Value
from claimdesk.extract.units import SUFFIXES

LIST_JOIN = re.compile(r"\s*(?:和|、|及|与|或|以及) *| and | or ")
# A bare year (2019和2020年) is a date, whose list the time rules read.
_YEAR = re.compile(r"(?:19|20)\d{2}")
# 年減2%至增6%: a fall, 至 or 到, then a rise.
FALL_BEFORE = re.compile(r"(?:减|减少|降|下降|跌|下跌|衰退|下滑|萎缩|负)$")
RISE_BETWEEN = re.compile(r"\s*(?:至|到)\s*(?:增|增长|增加|升|上升|涨|上涨|成长)\s*")
MARGIN_BETWEEN = re.compile(r"\s*(?:±|\+/-|\+-|正负|plus or minus)\s*", re.IGNORECASE)
EN_RANGE_BETWEEN = re.compile(r" to ")
EN_BETWEEN_AND = re.compile(r" and ")
_FROM_BEFORE = re.compile(r"\bfrom $", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween $", re.IGNORECASE)
ELECTRICITY = re.compile(r"电|electric", re.IGNORECASE)


def read_together(
    text: str, folded: str, figures: list[NumberMatch]
) -> tuple[list[NumberMatch], dict[int, Value]]:
    """The figures of one sentence after the rules of the module docstring, and the margin of
    each figure that has one, keyed by its start."""
    if len(figures) < 2:
        return [_degrees(folded, m) if m.unit == "kWh" else m for m in figures], {}
    margins: dict[int, Value] = {}
    out: list[NumberMatch] = []
    k = 0
    last = len(figures) - 1
    while k < last:
        m, after = figures[k], figures[k + 1]
        # Most neighbours are far apart or joined by none of the words these rules read: one
        # character test each rules them out.
        mark = folded[m.end : m.end + 1]
        if mark in _MARGIN_FIRST and _is_margin(folded, m, after):
            assert after.value is not None
            margins[m.start] = abs(after.value)
            out.append(m)
            k += 2
            continue
        if mark == " " and _is_english_range(folded, m, after):
            assert m.value is not None
            out.append(
                NumberMatch(
                    m.start,
                    after.end,
                    text[m.start : after.end],
                    m.value,
                    after.unit,
                    after.kind,
                    after.value,
                )
            )
            k += 2
            continue
        if mark in _RANGE_FIRST and _is_signed_range(folded, m, after):
            assert m.value is not None
            out.append(
                NumberMatch(
                    m.start,
                    after.end,
                    text[m.start : after.end],
                    -m.value,
                    m.unit,
                    m.kind,
                    after.value,
                )
            )
            k += 2
            continue
        out.append(m)
        k += 1
    out.extend(figures[k:])
    for k in range(len(out) - 2, -1, -1):
        if out[k].unit is None:
            shared = _shared_unit(folded, out[k], out[k + 1])
            if shared is not None:
                out[k] = shared
    return [_degrees(folded, m) if m.unit == "kWh" else m for m in out], margins


_MARGIN_FIRST = frozenset("±+正 ")
_RANGE_FIRST = frozenset("至到 ")


def _is_margin(folded: str, m: NumberMatch, after: NumberMatch) -> bool:
    between = MARGIN_BETWEEN.fullmatch(folded, m.end, after.start)
    if between is None and folded.startswith("负", after.start):
        between = MARGIN_BETWEEN.fullmatch(folded, m.end, after.start + 1)
    return (
        between is not None
        and m.value is not None
        and after.value is not None
        and (after.unit == m.unit or (m.unit == "%" and after.unit == "pp"))
    )


def _is_english_range(folded: str, m: NumberMatch, after: NumberMatch) -> bool:
    if (
        m.value is None
        or after.value is None
        or m.value_max is not None
        or after.value_max is not None
        or after.unit is None
        or (m.unit is not None and m.unit != after.unit)
        or (m.unit is None and m.kind is not None)
        or _YEAR.fullmatch(m.text)  # "from $17.5 billion in 2020 to $49 billion"
    ):
        return False
    before = folded[max(0, m.start - 8) : m.start]
    if EN_RANGE_BETWEEN.fullmatch(folded, m.end, after.start):
        return _FROM_BEFORE.search(before) is None
    return (
        EN_BETWEEN_AND.fullmatch(folded, m.end, after.start) is not None
        and _BETWEEN_BEFORE.search(before) is not None
    )


def _is_signed_range(folded: str, m: NumberMatch, after: NumberMatch) -> bool:
    return (
        m.value is not None
        and after.value is not None
        and m.value_max is None
        and after.value_max is None
        and m.unit == after.unit
        and m.unit is not None
        and FALL_BEFORE.search(folded, max(0, m.start - 3), m.start) is not None
        and RISE_BETWEEN.fullmatch(folded, m.end, after.start) is not None
    )


def _shared_unit(folded: str, m: NumberMatch, after: NumberMatch) -> NumberMatch | None:
    if (
        m.unit is not None
        or m.kind is not None
        or m.value is None
        or after.unit is None
        or after.kind in (None, "date")
        or _YEAR.fullmatch(m.text)
        or LIST_JOIN.fullmatch(folded, m.end, after.start) is None
    ):
        return None
    factor = _factor(folded[after.start : after.end])
    value = Decimal(str(m.value)) * factor
    whole = value == value.to_integral_value()
    return m._replace(value=int(value) if whole else float(value), unit=after.unit, kind=after.kind)


def _factor(figure: str) -> Decimal:
    """The factor of the unit `figure` ends with (成 is 10 %), 1 when it has none."""
    for size in range(min(len(figure), 6), 0, -1):
        unit = SUFFIXES.get(figure[-size:])
        if unit is not None:
            return unit.factor
    return Decimal(1)


def _degrees(folded: str, m: NumberMatch) -> NumberMatch:
    if m.unit != "kWh" or not folded.endswith("度", m.start, m.end):
        return m
    sentence_start = max(0, m.start - 40)
    if ELECTRICITY.search(folded, sentence_start, m.end):
        return m
    return m._replace(unit="°", kind="quantity")
