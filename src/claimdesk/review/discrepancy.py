"""Does the claim hold as worded, against the figure the source gives? A suggestion for the
editor, who decides the verdict.

- The source's figure is read like the article's (`parse_source_value`: 1020億, 4.08兆, 28%,
  1.02e11 or a number), so scale words never need converting by hand.
- Units that differ only by a prefix are converted (kW and W, bp and pp, TFLOPS and FLOPS);
  any other difference of unit (CNY and USD, % and pp, TOPS and TFLOPS) gives no suggestion
  and says why. A missing unit on either side is taken to be the other side's.
- What the claim covers comes from `tolerance.tolerance_interval` (its written precision and its
  qualifier).
- Suggested verdict: within what the claim covers → correct; outside it by at most
  MOSTLY_CORRECT_WITHIN (5 %) of the source's value → mostly_correct; further → incorrect.
  Misleading, outdated and the others need judgement and are never suggested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from claimdesk.extract import find_numbers
from claimdesk.extract.types import QualifierMeaning, Value
from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, holds, tolerance_interval
from claimdesk.review.verdicts import Verdict

# How far beyond what the claim covers, relative to the source's value, is "off by a little".
MOSTLY_CORRECT_WITHIN = 0.05

# Units that measure the same thing: (the unit to compare in, how many of it one is).
_SAME_QUANTITY: dict[str, tuple[str, Decimal]] = {
    "kW": ("W", Decimal(10**3)),
    "MW": ("W", Decimal(10**6)),
    "GW": ("W", Decimal(10**9)),
    "nm": ("m", Decimal("1e-9")),
    "mm": ("m", Decimal("0.001")),
    "cm": ("m", Decimal("0.01")),
    "km": ("m", Decimal(1000)),
    "km2": ("m2", Decimal(10**6)),
    "ug": ("g", Decimal("1e-6")),
    "mg": ("g", Decimal("0.001")),
    "kg": ("g", Decimal(1000)),
    "t": ("g", Decimal(10**6)),
    "MHz": ("Hz", Decimal(10**6)),
    "GHz": ("Hz", Decimal(10**9)),
    "TFLOPS": ("FLOPS", Decimal(10**12)),
    "PFLOPS": ("FLOPS", Decimal(10**15)),
    "bp": ("pp", Decimal("0.01")),  # a basis point is a hundredth of a percentage point
}


@dataclass(frozen=True, slots=True)
class SourceValue:
    value: Value
    unit: str | None


@dataclass(frozen=True, slots=True)
class Assessment:
    """How the claim compares with the source. Values are in the claim's unit."""

    holds: bool | None  # None when the two cannot be compared
    suggested_verdict: Verdict | None
    difference: float | None  # claim - source (for a range, its nearest end): + overstates
    relative_difference: float | None  # difference / |source|; None when the source is 0
    interval: Interval | None  # what the claim covers as worded
    source_value: float | None  # the source's figure converted to the claim's unit
    reason: str
    reason_zh_hant: str


def parse_source_value(
    source: str | int | float, default_unit: str | None = None, *, claim_id: str | None = None
) -> SourceValue:
    """The figure an editor copied from the source: a number, or text the extractor reads
    ('1020億', '4.08兆元', '28%', '1.02e11', '490億美元'). A figure with no unit of its own
    takes `default_unit` (the claim's). Anything else raises ReviewError on `source_value`."""
    if isinstance(source, bool):
        raise ReviewError(claim_id, "source_value", "should be a number, not true or false")
    if isinstance(source, int | float):
        if not math.isfinite(source):
            raise ReviewError(claim_id, "source_value", "should be a finite number")
        return SourceValue(source, default_unit)
    text = source.strip()
    figures = find_numbers(text)
    if len(figures) != 1 or figures[0].text != text:
        raise ReviewError(
            claim_id,
            "source_value",
            f"{source!r} is not one figure; write only the figure as the source gives it, "
            "e.g. 1020億, 4.08兆, 28% or 1.02e11",
        )
    figure = figures[0]
    if figure.value is None:
        raise ReviewError(claim_id, "source_value", f"{source!r} is not a well-formed number")
    if figure.value_max is not None:
        raise ReviewError(claim_id, "source_value", f"{source!r} is a range; give one figure")
    return SourceValue(figure.value, figure.unit or default_unit)


def assess(
    claim_value: Value | None,
    claim_text: str,
    unit: str | None,
    qualifier_meaning: QualifierMeaning | None,
    source_value: Value | None,
    source_unit: str | None,
    *,
    claim_value_max: Value | None = None,
) -> Assessment:
    """Compare the claim's figure (`claim_text` as written, `claim_value` in base units) with
    the source's. See the module docstring for the rules and thresholds."""
    if claim_value is None:
        return _cannot(
            "the claim's figure could not be read; compare it by hand",
            "無法讀取文章中的數字，請人工比對",
        )
    if source_value is None:
        return _cannot("there is no figure from the source to compare", "沒有可比對的來源數字")
    source = _in_claim_unit(unit, source_value, source_unit)
    if source is None:
        assert unit is not None  # a missing unit is taken to be the other side's
        return _cannot(*_mismatch(unit, source_unit or unit))
    interval = tolerance_interval(claim_value, claim_text, qualifier_meaning, claim_value_max)
    low = Decimal(str(claim_value))
    high = Decimal(str(claim_value_max)) if claim_value_max is not None else low
    nearest = min(max(source, low), high)
    difference = nearest - source
    relative = difference / abs(source) if source else None
    within = holds(interval, float(source))
    verdict = _suggest(within, interval, source)
    shown, shown_zh = _show(source, unit), _show(source, unit, _ZH_SCALES)
    covers, covers_zh = _describe(interval, unit)
    if within:
        reason = f"the source's {shown} is within what {claim_text!r} covers as worded ({covers})"
        reason_zh = f"來源數字 {shown_zh} 在「{claim_text}」按字面涵蓋的範圍（{covers_zh}）之內"
    else:
        side, side_zh = ("higher", "高") if difference > 0 else ("lower", "低")
        by = f" by {abs(relative):.1%}" if relative is not None else ""
        by_zh = f" {abs(relative):.1%}" if relative is not None else ""
        reason = (
            f"the source's {shown} is outside what {claim_text!r} covers as worded ({covers}); "
            f"the article's figure is {side}{by}"
        )
        reason_zh = (
            f"來源數字 {shown_zh} 超出「{claim_text}」按字面涵蓋的範圍（{covers_zh}）；"
            f"文章數字偏{side_zh}{by_zh}"
        )
    return Assessment(
        within,
        verdict,
        float(difference),
        float(relative) if relative is not None else None,
        interval,
        float(source),
        reason,
        reason_zh,
    )


def suggest(
    interval: Interval, unit: str | None, source_value: Value, source_unit: str | None
) -> tuple[bool, Verdict] | None:
    """Whether the source's figure is within what a claim in `unit` covers as worded
    (`interval`, from tolerance_interval), and the verdict suggested: what `assess` decides,
    without its words, for one claim against many figures (database/revisions.py re-checks
    thousands at once). None when the units cannot be compared."""
    source = _in_claim_unit(unit, source_value, source_unit)
    if source is None:
        return None
    within = holds(interval, float(source))
    return within, _suggest(within, interval, source)


def _in_claim_unit(
    unit: str | None, source_value: Value, source_unit: str | None
) -> Decimal | None:
    """The source's figure in the claim's unit; None when the two units measure different
    things."""
    claim_base, claim_factor = _base(unit)
    source_base, source_factor = _base(source_unit or unit)
    if unit is not None and claim_base != source_base:
        return None
    return Decimal(str(source_value)) * source_factor / claim_factor


def close_range(interval: Interval) -> Interval:
    """The figures against which a claim covering `interval` would be suggested correct or
    mostly_correct (`_suggest`): within it, or beyond it by at most MOSTLY_CORRECT_WITHIN of
    the figure itself. Earlier checks of the same quantity are those whose figure is in it
    (database/earlier.py): a figure an editor would call the same or slightly off."""
    share = MOSTLY_CORRECT_WITHIN
    low, high = interval
    # Beyond the high edge by at most `share` of the figure s: s - high <= share * |s|.
    top = high / (1 - share) if high > 0 else high / (1 + share)
    bottom = low / (1 + share) if low >= 0 else low / (1 - share)
    return Interval(bottom, top)


def _suggest(within: bool, interval: Interval, source: Decimal) -> Verdict:
    if within:
        return Verdict.CORRECT
    edge = interval.low if float(source) < interval.low else interval.high
    beyond = abs(float(source) - edge)
    if source and beyond / abs(float(source)) <= MOSTLY_CORRECT_WITHIN:
        return Verdict.MOSTLY_CORRECT
    return Verdict.INCORRECT


def _base(unit: str | None) -> tuple[str | None, Decimal]:
    return _SAME_QUANTITY.get(unit or "", (unit, Decimal(1)))


def _mismatch(claim_unit: str, source_unit: str) -> tuple[str, str]:
    units = f"the claim is in {claim_unit} and the source in {source_unit}"
    units_zh = f"文章數字的單位是 {claim_unit}，來源是 {source_unit}"
    if {claim_unit, source_unit} == {"%", "pp"}:
        return (
            f"{units}: a percentage and a change in percentage points are different things",
            f"{units_zh}：百分比與百分點的變化是兩回事",
        )
    if _is_currency(claim_unit) and _is_currency(source_unit):
        return (
            f"{units}: convert at the exchange rate of the claim's period before comparing",
            f"{units_zh}：須先按該時期的匯率換算再比對",
        )
    return f"{units}, which cannot be compared", f"{units_zh}，無法比對"


def _is_currency(unit: str) -> bool:
    # The extractor writes money as ISO 4217 codes: three capital letters.
    return len(unit) == 3 and unit.isascii() and unit.isalpha() and unit.isupper()


def _cannot(reason: str, reason_zh: str) -> Assessment:
    return Assessment(None, None, None, None, None, None, reason, reason_zh)


def _describe(interval: Interval, unit: str | None) -> tuple[str, str]:
    low, high = (Decimal(str(bound)) if math.isfinite(bound) else None for bound in interval)
    if high is None and low is not None:
        return f"{_show(low, unit)} or more", f"{_show(low, unit, _ZH_SCALES)} 或以上"
    if low is None and high is not None:
        return f"{_show(high, unit)} or less", f"{_show(high, unit, _ZH_SCALES)} 或以下"
    assert low is not None and high is not None
    return (
        f"{_show(low, unit)} to {_show(high, unit)}",
        f"{_show(low, unit, _ZH_SCALES)} 至 {_show(high, unit, _ZH_SCALES)}",
    )


# Large figures are shown with a scale word, as a reporter would write them: 4.075 trillion,
# 4.075兆, 46.5億.
_EN_SCALES = ((10**12, " trillion"), (10**9, " billion"), (10**6, " million"))
_ZH_SCALES = ((10**12, "兆"), (10**8, "億"), (10**4, "萬"))


def _show(
    value: Decimal, unit: str | None, scales: tuple[tuple[int, str], ...] = _EN_SCALES
) -> str:
    scale_word = ""
    for size, word in scales:
        if abs(value) >= size:
            value, scale_word = value / size, word
            break
    value = value.normalize()
    number = f"{value:,f}" if value != value.to_integral_value() else f"{int(value):,}"
    number += scale_word
    if unit is None:
        return number
    return f"{number}{unit}" if unit in ("%", "x") else f"{number} {unit}"
