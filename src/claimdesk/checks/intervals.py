"""Interval arithmetic on what figures cover.

Each figure stands for every value it covers as worded (review.tolerance), so a computed value
is an interval too: 490億 ÷ 175億 is anything from 489.5 ÷ 175.5 to 490.5 ÷ 174.5. A relation
holds when the computed interval and what the stated figure covers share a value. Computed
bounds are widened by a relative 1e-9, so that binary floating point never turns an exact tie
(85% + 15% = 100%) into a false alarm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from claimdesk.review.tolerance import Interval, holds

_SLACK = 1e-9


def widened(interval: Interval) -> Interval:
    return Interval(
        interval.low - _SLACK * max(1.0, abs(interval.low))
        if math.isfinite(interval.low)
        else interval.low,
        interval.high + _SLACK * max(1.0, abs(interval.high))
        if math.isfinite(interval.high)
        else interval.high,
    )


def overlaps(computed: Interval, stated: Interval) -> bool:
    """Whether some value is both what the figures give and what the stated figure covers."""
    computed = widened(computed)
    return holds(stated, computed.low) or holds(computed, stated.low)


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator ÷ denominator, for figures that are not negative; None when the denominator
    may be zero."""
    if denominator.low <= 0 or numerator.low < 0:
        return None
    return Interval(numerator.low / denominator.high, numerator.high / denominator.low)


def difference(minuend: Interval, subtrahend: Interval) -> Interval:
    return Interval(minuend.low - subtrahend.high, minuend.high - subtrahend.low)


def total(intervals: Iterable[Interval]) -> Interval:
    lows, highs = zip(*intervals, strict=True)
    return Interval(math.fsum(lows), math.fsum(highs))


def scaled(interval: Interval, factor: float) -> Interval:
    ends = (interval.low * factor, interval.high * factor)
    return Interval(min(ends), max(ends))


def shifted(interval: Interval, by: float) -> Interval:
    return Interval(interval.low + by, interval.high + by)
