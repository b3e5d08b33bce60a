"""Figures implausible on their own: warnings for an editor to look at, never errors.

- A share above 100%, where the words say it is a share (份額, 市占率, 占比, 滲透率, market
  share). 占GDP的比重 is not among them: debt can be 120% of GDP.
- A fall of more than 100% (下降120%) in something that cannot go below zero. Profits, balances
  and cash flows can, so a sentence about them is left alone.
- A negative count, unless the words say it is a change (淨增-1.2萬人 is a net fall).
- A percentage given to more decimals than any source publishes: more than two decimal places
  and more than four significant digits (12.3456%; 0.005% and 119.09% are fine). Yields and
  interest rates are quoted to four decimals, so there the limit is four decimal places.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from claimdesk.checks.figures import Figure, precision
from claimdesk.checks.patterns import DOWN, QUALIFIER, UP
from claimdesk.checks.results import CheckKind, CheckResult
from claimdesk.checks.sentences import Sentence

_SHARE = r"(?:市场份额|份额|市占率|市占|占比|渗透率|market share|share of the market)"
SHARE_BEFORE = re.compile(rf"{_SHARE}[^\ue000-\uf8ff，,；;。]{{0,10}}$")
SHARE_AFTER = re.compile(r"^(?:的)?(?:市场)?(?:份额|市占率)|^ (?:market )?share\b")
FALL_BEFORE = re.compile(rf"{DOWN}{QUALIFIER}$")
CHANGE_BEFORE = re.compile(rf"(?:{UP}|{DOWN}|净|变化|变动|\bnet\b|\bchange\b)")
CAN_BE_NEGATIVE = re.compile(
    r"利润|净利|盈利|亏损|收益|余额|逆差|顺差|差额|现金流|profit|earnings|income|loss|balance|"
    r"deficit|surplus|cash flow"
)
QUOTED_TO_FOUR_DECIMALS = re.compile(r"利率|收益率|殖利率|利差|票面|yield|interest rate|coupon")
MAX_DECIMALS, MAX_SIGNIFICANT, MAX_DECIMALS_FOR_RATES = 2, 4, 4


def implausible(sentence: Sentence) -> Iterator[CheckResult]:
    for figure in sentence.figures:
        if figure.value is None:
            continue
        found = (
            _share_over_100(sentence, figure),
            _decrease_over_100(sentence, figure),
            _negative_count(sentence, figure),
            _excess_precision(sentence, figure),
        )
        yield from (result for result in found if result is not None)


def _share_over_100(sentence: Sentence, figure: Figure) -> CheckResult | None:
    if figure.unit != "%" or _top(figure) <= 100:
        return None
    clause = _clause(sentence.before(figure))
    if not (SHARE_BEFORE.search(clause) or SHARE_AFTER.search(sentence.after(figure))):
        return None
    return _warning(
        figure,
        "share_over_100",
        f"{figure.text} > 100%",
        f"The text gives {figure.text} as a share, but no part of a whole is more than 100% of it.",
        f"原文稱「{figure.text}」是占比，但部分不可能超過整體的100%。",
    )


def _decrease_over_100(sentence: Sentence, figure: Figure) -> CheckResult | None:
    if figure.unit != "%" or _top(figure) <= 100:
        return None
    if not FALL_BEFORE.search(_clause(sentence.before(figure))):
        return None
    if CAN_BE_NEGATIVE.search(sentence.skeleton):
        return None
    return _warning(
        figure,
        "decrease_over_100",
        f"{figure.text} > 100%",
        f"A fall of {figure.text} would take the figure below zero, which it cannot be.",
        f"下降「{figure.text}」會使數值小於零，而此數值不可能為負。",
    )


def _negative_count(sentence: Sentence, figure: Figure) -> CheckResult | None:
    if figure.kind != "count" or _top(figure) >= 0:
        return None
    if CHANGE_BEFORE.search(_clause(sentence.before(figure))):
        return None
    return _warning(
        figure,
        "negative_count",
        f"{figure.text} < 0",
        f"{figure.text} is a count below zero.",
        f"「{figure.text}」是小於零的數量。",
    )


def _excess_precision(sentence: Sentence, figure: Figure) -> CheckResult | None:
    if figure.unit not in ("%", "pp") or not figure.value:
        return None
    step = precision(figure)
    if step is None or step <= 0 or step >= 1:
        return None
    decimals = round(-math.log10(step))
    significant = math.floor(math.log10(abs(figure.value))) + decimals + 1
    rates = QUOTED_TO_FOUR_DECIMALS.search(sentence.skeleton)
    if rates and decimals <= MAX_DECIMALS_FOR_RATES:
        return None
    if not rates and (decimals <= MAX_DECIMALS or significant <= MAX_SIGNIFICANT):
        return None
    return _warning(
        figure,
        "excess_precision",
        f"{figure.text}: {decimals} decimal places, {significant} significant digits",
        f"{figure.text} is given to {decimals} decimal places ({significant} significant "
        "digits), more than any statistics office or company publishes a percentage to: "
        "check it against the source.",
        f"「{figure.text}」精確到小數點後{decimals}位（{significant}位有效數字），"
        "比統計機構或企業公布百分比的精度更高，請與來源核對。",
    )


def _top(figure: Figure) -> float:
    return float(figure.value_max if figure.value_max is not None else figure.value or 0)


def _clause(before: str) -> str:
    return re.split(r"[，,；;：:]", before)[-1]


def _warning(figure: Figure, kind: CheckKind, computation: str, en: str, zh: str) -> CheckResult:
    return CheckResult(
        figure.key,
        kind,
        "warning",
        computation,
        en,
        zh,
        (figure.key,),
    )
