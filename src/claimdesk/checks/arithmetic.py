"""Does a relation the text states hold, within what its figures cover as worded?

Each check computes what the stated figure should be from the figures it relates (a
*reading*), as an interval (intervals.py), and compares it with what the stated figure covers
(review.tolerance, the same rule as the review's discrepancy check). When the wording allows a
second reading (增幅2.8倍 read as the ratio, 上升0.9% read as points), a figure that holds only
under that reading is a warning that explains both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimdesk.checks.figures import Figure, covers, covers_exactly, is_finite
from claimdesk.checks.intervals import difference, overlaps, ratio, scaled, shifted
from claimdesk.checks.relations import Change, TotalChange, Wording
from claimdesk.checks.results import CheckKind, CheckResult, Result
from claimdesk.checks.wording import bounds, like
from claimdesk.review.tolerance import Interval


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read the stated figure, and what the related figures give for it."""

    name_en: str
    name_zh: str
    computation: str  # 490億美元 ÷ 175億美元 = 2.8倍
    value: float  # from the figures as written, in the stated figure's unit
    interval: Interval  # from what they cover
    implied: str | None = None  # the new value the stated figure would imply, written like it


def check_change(relation: Change) -> CheckResult | None:
    """A multiple, rate, point change or amount stated for 從`base`到`new`."""
    base, new, stated = relation.base, relation.new, relation.stated
    if base.unit is None or base.unit != new.unit or base.is_range or new.is_range:
        return None
    a, b, c = covers(base), covers(new), covers(stated)
    if a is None or b is None or c is None or not (is_finite(a) and is_finite(b)):
        return None
    assert base.value is not None and new.value is not None
    kind, readings = _readings(relation, a, b)
    if not readings:
        return None
    return _judge(kind, stated, readings, c, related=(base, new))


def check_total_change(relation: TotalChange) -> CheckResult | None:
    """總額`total`, 比上年增加`change`, 增長`rate`: rate = change ÷ (total − change)."""
    total, change, rate = relation.total, relation.change, relation.rate
    if rate.unit != "%" or total.unit != change.unit or total.unit in (None, "%", "pp", "x"):
        return None
    t, d, r = covers(total), covers(change), covers(rate)
    if t is None or d is None or r is None or not (is_finite(t) and is_finite(d)):
        return None
    assert total.value is not None and change.value is not None
    sign = 1 if relation.wording == "increase" else -1
    base_value = total.value - sign * change.value
    base = difference(t, d) if sign == 1 else Interval(t.low + d.low, t.high + d.high)
    against_base = ratio(d, base)
    against_total = ratio(d, t)
    if against_base is None or against_total is None or base_value <= 0:
        return None
    operator = "−" if sign == 1 else "+"
    primary = Reading(
        "the rate of change against the earlier figure",
        "以上期為基數的變動率",
        f"{change.text} ÷ ({total.text} {operator} {change.text}) = "
        + like(rate, 100 * change.value / base_value),
        100 * change.value / base_value,
        scaled(against_base, 100),
    )
    alternative = Reading(
        "the change against this period's total instead of the earlier figure",
        "以本期總額而非上期為基數的變動率",
        f"{change.text} ÷ {total.text} = " + like(rate, 100 * change.value / total.value),
        100 * change.value / total.value,
        scaled(against_total, 100),
    )
    return _judge("growth_rate", rate, (primary, alternative), r, related=(total, change))


def _readings(relation: Change, a: Interval, b: Interval) -> tuple[CheckKind, list[Reading]]:
    base, new, stated = relation.base, relation.new, relation.stated
    assert base.value is not None and new.value is not None
    value_a, value_b = float(base.value), float(new.value)
    quotient = ratio(b, a)
    wording: Wording = relation.wording
    ratios_make_sense = quotient is not None and value_a > 0
    if stated.unit == "x" and ratios_make_sense and wording != "decrease":
        assert quotient is not None
        times = value_b / value_a
        as_ratio = Reading(
            "the ratio of the two figures",
            "兩數之比",
            f"{new.text} ÷ {base.text} = {like(stated, times)}",
            times,
            quotient,
            _implied(stated, base, lambda c: value_a * c),
        )
        as_increase = Reading(
            "the increase",
            "增幅",
            f"{new.text} ÷ {base.text} − 1 = {like(stated, times - 1)}",
            times - 1,
            shifted(quotient, -1),
            _implied(stated, base, lambda c: value_a * (1 + c)),
        )
        order = [as_increase, as_ratio] if wording == "increase" else [as_ratio, as_increase]
        return "multiple", order
    if stated.unit == "%" and ratios_make_sense:
        assert quotient is not None
        return "growth_rate", _rate_readings(relation, quotient, a, b)
    if stated.unit == "pp" and base.unit == "%":
        return "percentage_points", [_points(relation, a, b)]
    if stated.unit == base.unit:
        return "change", [_amount(relation, a, b)]
    return "change", []


def _rate_readings(relation: Change, quotient: Interval, a: Interval, b: Interval) -> list[Reading]:
    base, new, stated = relation.base, relation.new, relation.stated
    assert base.value is not None and new.value is not None
    value_a, value_b = float(base.value), float(new.value)
    percent = 100 * value_b / value_a
    rise = Reading(
        "the rate of increase",
        "增長率",
        f"({new.text} − {base.text}) ÷ {base.text} = {like(stated, percent - 100)}",
        percent - 100,
        shifted(scaled(quotient, 100), -100),
        _implied(stated, base, lambda c: value_a * (1 + c / 100)),
    )
    fall = Reading(
        "the rate of decrease",
        "降幅",
        f"({base.text} − {new.text}) ÷ {base.text} = {like(stated, 100 - percent)}",
        100 - percent,
        shifted(scaled(quotient, -100), 100),
        _implied(stated, base, lambda c: value_a * (1 - c / 100)),
    )
    as_ratio = Reading(
        "the new figure as a percentage of the earlier one",
        "後者占前者的百分比",
        f"{new.text} ÷ {base.text} = {like(stated, percent)}",
        percent,
        scaled(quotient, 100),
        _implied(stated, base, lambda c: value_a * c / 100),
    )
    readings = {"increase": [rise, as_ratio], "decrease": [fall], "ratio": [as_ratio, rise]}[
        relation.wording
    ]
    if base.unit == "%":
        # 從3.2%升至4.1%，上升0.9%: the writer may mean 0.9 percentage points.
        points = _points(relation, a, b)
        readings = [readings[0], points]
    return readings


def _points(relation: Change, a: Interval, b: Interval) -> Reading:
    return _difference(relation, a, b, "the change in percentage points", "百分點變化")


def _amount(relation: Change, a: Interval, b: Interval) -> Reading:
    return _difference(relation, a, b, "the difference", "差額")


def _difference(relation: Change, a: Interval, b: Interval, name_en: str, name_zh: str) -> Reading:
    """new − base (for a fall, base − new), in the stated figure's unit."""
    base, new, stated = relation.base, relation.new, relation.stated
    assert base.value is not None and new.value is not None
    down = relation.wording == "decrease"
    value = float(base.value - new.value if down else new.value - base.value)
    first, second = (base, new) if down else (new, base)
    start = float(base.value)
    return Reading(
        name_en,
        name_zh,
        f"{first.text} − {second.text} = {like(stated, value)}",
        value,
        difference(a, b) if down else difference(b, a),
        _implied(stated, base, lambda c: start - c if down else start + c),
    )


def _implied(stated: Figure, base: Figure, new_value: Callable[[float], float]) -> str | None:
    if stated.value is None or stated.is_range:
        return None
    return like(base, new_value(float(stated.value)), digits=1)


def _judge(
    kind: CheckKind,
    stated: Figure,
    readings: list[Reading] | tuple[Reading, ...],
    covered: Interval,
    related: tuple[Figure, ...],
) -> CheckResult:
    primary, *alternatives = readings
    # Another reading counts only when it gives the stated figure itself: 增長超過30% is no
    # ratio of 128%, though 128% is more than 30%.
    exactly = covers_exactly(stated) or covered
    holding = primary if overlaps(primary.interval, covered) else None
    holding = holding or next((r for r in alternatives if overlaps(r.interval, exactly)), None)
    result: Result = (
        "ok" if holding is primary else "warning" if holding is not None else "inconsistent"
    )
    low, high = bounds(stated, primary.interval)
    quoted = stated.text
    if holding is primary:
        en = (
            f"{quoted} holds as {primary.name_en}: {primary.computation} ({low} to {high} "
            f"within the rounding of the figures), which {quoted} covers as worded."
        )
        zh = (
            f"「{quoted}」作為{primary.name_zh}成立：{primary.computation}（按各數字的四捨五入"
            f"為{low}至{high}），在「{quoted}」按字面涵蓋的範圍之內。"
        )
    elif holding is not None:
        en = (
            f"The text gives {quoted} as {primary.name_en}, but it holds only as "
            f"{holding.name_en}: {holding.computation}. As {primary.name_en}: "
            f"{primary.computation} ({low} to {high} within the rounding of the figures)."
        )
        zh = (
            f"原文的「{quoted}」是{primary.name_zh}，但只有作為{holding.name_zh}才成立："
            f"{holding.computation}。作為{primary.name_zh}：{primary.computation}"
            f"（按四捨五入為{low}至{high}）。"
        )
    else:
        en = (
            f"{quoted} does not hold: as {primary.name_en}, {primary.computation} ({low} to "
            f"{high} within the rounding of the figures), outside what {quoted} covers as worded "
            f"({_covered_en(stated, covered)})."
        )
        zh = (
            f"「{quoted}」不成立：作為{primary.name_zh}，{primary.computation}（按四捨五入為{low}"
            f"至{high}），超出「{quoted}」按字面涵蓋的範圍（{_covered_zh(stated, covered)}）。"
        )
        for other in alternatives:
            en += f" As {other.name_en}, {other.computation}, which does not hold either."
            zh += f"作為{other.name_zh}，{other.computation}，亦不成立。"
    if holding is not primary and primary.implied is not None and related:
        later = related[-1].text
        en += (
            f" For {quoted} to be {primary.name_en}, the later figure would be "
            f"{primary.implied}, not {later}."
        )
        zh += f"若{primary.name_zh}為「{quoted}」，後一數字應為{primary.implied}，而非{later}。"
    if holding is not None:
        en, zh = _bound_note(stated, holding, en, zh)
    computation = "; ".join(r.computation for r in ([primary] if holding is primary else readings))
    ids = (stated.key, *(f.key for f in related))
    return CheckResult(stated.key, kind, result, computation, en, zh, ids)


def _bound_note(stated: Figure, holding: Reading, en: str, zh: str) -> tuple[str, str]:
    """超過2.8倍 when the figures give exactly 2.8: within rounding, but the 超過 is not
    borne out by the figures as written."""
    if stated.value is None or stated.qualifier is None:
        return en, zh
    shown, bound = like(stated, holding.value), float(stated.value)
    if stated.qualifier_meaning == "lower_bound" and holding.value <= bound * (1 + 1e-12):
        en += (
            f" And '{stated.qualifier}' is not borne out: the figures as written give {shown},"
            f" not more than {stated.text}."
        )
        zh += (
            f"另外，「{stated.qualifier}」並無根據：按原文數字計算為{shown}，"
            f"並未超過{stated.text}。"
        )
    elif stated.qualifier_meaning == "upper_bound" and holding.value >= bound * (1 - 1e-12):
        en += (
            f" And '{stated.qualifier}' is not borne out: the figures as written give {shown},"
            f" not less than {stated.text}."
        )
        zh += (
            f"另外，「{stated.qualifier}」並無根據：按原文數字計算為{shown}，"
            f"並不少於{stated.text}。"
        )
    return en, zh


def _covered_en(figure: Figure, covered: Interval) -> str:
    low, high = bounds(figure, covered)
    if figure.qualifier_meaning == "lower_bound":
        return f"{low} or more"
    if figure.qualifier_meaning == "upper_bound":
        return f"{high} or less"
    return f"{low} to {high}"


def _covered_zh(figure: Figure, covered: Interval) -> str:
    low, high = bounds(figure, covered)
    if figure.qualifier_meaning == "lower_bound":
        return f"{low}或以上"
    if figure.qualifier_meaning == "upper_bound":
        return f"{high}或以下"
    return f"{low}至{high}"
