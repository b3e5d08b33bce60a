"""Sums and derived figures: shares of one whole add up to 100%, parts add up to their stated
total, and a figure computed from another (按全年兩倍計算) is that computation, rounded."""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, Decimal

from claimdesk.checks.figures import Figure, covers, is_finite, precision
from claimdesk.checks.intervals import overlaps, scaled, total, widened
from claimdesk.checks.relations import Derived, Parts, Shares
from claimdesk.checks.results import CheckResult
from claimdesk.checks.wording import bounds, like, number
from claimdesk.review.tolerance import holds


def check_shares(relation: Shares) -> CheckResult | None:
    """英偉達占85%, 剩餘的15%: the two shares of one whole add up to 100%."""
    first, rest = relation.first, relation.rest
    a, b = covers(first), covers(rest)
    if a is None or b is None or first.value is None or rest.value is None:
        return None
    covered = widened(total([a, b]))
    value = float(first.value) + float(rest.value)
    computation = f"{first.text} + {rest.text} = {number(value, rest)}%"
    low, high = (number(end, rest, 1) for end in covered)
    if holds(covered, 100):
        en = (
            f"The share {first.text} and the rest, {rest.text}, add up to 100% within their "
            f"rounding ({computation}; {low}% to {high}%)."
        )
        zh = (
            f"「{first.text}」與其餘的「{rest.text}」合計為100%（{computation}；"
            f"按四捨五入為{low}%至{high}%）。"
        )
        return CheckResult(rest.key, "shares_total", "ok", computation, en, zh, _ids(rest, first))
    en = (
        f"The share {first.text} and the rest, {rest.text}, should add up to 100%, but "
        f"{computation} ({low}% to {high}% within their rounding). The rest would be "
        f"{number(100 - float(first.value), rest)}%."
    )
    zh = (
        f"「{first.text}」與其餘的「{rest.text}」應合計100%，但{computation}（按四捨五入為{low}%"
        f"至{high}%）。其餘部分應為{number(100 - float(first.value), rest)}%。"
    )
    return CheckResult(
        rest.key, "shares_total", "inconsistent", computation, en, zh, _ids(rest, first)
    )


def check_parts(relation: Parts) -> CheckResult | None:
    """分別為…合計: the parts add up to the total; 其中: the parts are no more than the total."""
    whole, parts = relation.total, relation.parts
    covered = covers(whole)
    pieces = [covers(p) for p in parts]
    if covered is None or whole.value is None or any(p is None for p in pieces):
        return None
    summed = total(p for p in pieces if p is not None)
    if not is_finite(summed):
        return None
    value = math.fsum(float(p.value or 0) for p in parts)
    listed = " + ".join(p.text for p in parts)
    summed_text = listed if len(parts) == 1 else f"{listed} = {like(whole, value)}"
    low, high = bounds(whole, summed)
    ids = _ids(whole, *parts)
    if relation.exact:
        fits = overlaps(summed, covered)
        computation = f"{summed_text}; {whole.text}"
        en_rule = f"The parts should add up to {whole.text}"
        zh_rule = f"各部分合計應為「{whole.text}」"
    else:
        fits = widened(summed).low <= covered.high
        computation = f"{summed_text} ≤ {whole.text}"
        en_rule = f"The parts of {whole.text} (of which) should come to no more than it"
        zh_rule = f"「{whole.text}」其中的部分不應超過總數"
    within = f"{low} to {high} within their rounding"
    within_zh = f"按四捨五入為{low}至{high}"
    if fits:
        en = f"{en_rule}, and they do: {summed_text} ({within})."
        zh = f"{zh_rule}，相符：{summed_text}（{within_zh}）。"
        return CheckResult(whole.key, "part_whole", "ok", computation, en, zh, ids)
    en = f"{en_rule}, but they do not: {summed_text} ({within})."
    zh = f"{zh_rule}，但不符：{summed_text}（{within_zh}）。"
    return CheckResult(whole.key, "part_whole", "inconsistent", computation, en, zh, ids)


def check_derived(relation: Derived) -> CheckResult | None:
    """按全年兩倍計算184億元 from 92.47億元: the result is base × factor, rounded. The factor
    is the article's own assumption, so it is exact."""
    base, factor, result = relation.base, relation.factor, relation.result
    a, r = covers(base), covers(result)
    if a is None or r is None or not is_finite(a) or factor.value is None:
        return None
    if base.value is None or result.value is None or factor.is_range:
        return None
    times = float(factor.value)
    product = float(base.value) * times
    computation = f"{base.text} × {number(times, factor)} = {like(result, product)}"
    computed = scaled(a, times)
    low, high = bounds(result, computed)
    ids = _ids(result, base, factor)
    if overlaps(computed, r):
        en = (
            f"{result.text} holds: {computation} ({low} to {high} within the rounding of "
            f"{base.text})."
        )
        zh = f"「{result.text}」成立：{computation}（按「{base.text}」的四捨五入為{low}至{high}）。"
        return CheckResult(result.key, "derived", "ok", computation, en, zh, ids)
    rounded = like(result, product, 0)
    if _truncated(result, product):
        en = (
            f"{computation}, which rounds to {rounded}: {result.text} is truncated, not rounded "
            f"({low} to {high} within the rounding of {base.text})."
        )
        zh = (
            f"{computation}，四捨五入應為{rounded}：「{result.text}」是捨去尾數所得，並非四捨五入"
            f"（按「{base.text}」的四捨五入為{low}至{high}）。"
        )
        return CheckResult(result.key, "derived", "warning", computation, en, zh, ids)
    en = (
        f"{result.text} does not hold: {computation} ({low} to {high} within the rounding of "
        f"{base.text}), which would be written {rounded}."
    )
    zh = f"「{result.text}」不成立：{computation}（按四捨五入為{low}至{high}），應為{rounded}。"
    return CheckResult(result.key, "derived", "inconsistent", computation, en, zh, ids)


def _truncated(result: Figure, product: float) -> bool:
    """Whether the result is the product with its digits past the result's last one cut off."""
    written_step = precision(result)
    if written_step is None:
        return False
    step = Decimal(str(written_step))
    cut = (Decimal(str(product)) / step).to_integral_value(rounding=ROUND_FLOOR) * step
    return cut == Decimal(str(result.value))


def _ids(*figures: Figure) -> tuple[str, ...]:
    return tuple(f.key for f in figures)
