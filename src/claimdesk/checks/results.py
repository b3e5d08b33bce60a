"""What a check finds: one result about one claim, with the claims it relates and the reasoning
in numbers and in words, in Chinese and English."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal, get_args

# The closed vocabulary of checks; the database's CHECK constraint is made from it.
CheckKind = Literal[
    "multiple",  # a stated multiple (2.8倍) against the two figures it relates
    "growth_rate",  # a stated rate of change (17.1%) against the base and the new value
    "change",  # a stated change (增加0.84兆元) against the two figures it relates
    "percentage_points",  # a change in percentage points against the two rates
    "shares_total",  # shares of one whole (85% and the remaining 15%) add up to 100%
    "part_whole",  # parts (分別為…) against their stated total (合計…)
    "derived",  # a figure computed from another (按全年兩倍計算)
    "same_quantity",  # one quantity stated twice in one article
    "conflict",  # one quantity stated differently in two articles
    "share_over_100",  # a share above 100%
    "decrease_over_100",  # a fall of more than 100% in what cannot go below zero
    "negative_count",  # a count below zero
    "excess_precision",  # a percentage to more decimals than any source publishes
]
CHECK_KINDS: tuple[str, ...] = get_args(CheckKind)

# ok: the relation holds within rounding. warning: for an editor to look at (an implausible
# figure, a figure that holds only when read differently from its wording, a conflict).
# inconsistent: the figures the text relates cannot all be right.
Result = Literal["ok", "warning", "inconsistent"]
RESULTS: tuple[str, ...] = get_args(Result)


@dataclass(frozen=True, slots=True)
class CheckResult:
    claim_id: str  # the claim the result is about
    kind: CheckKind
    result: Result
    computation: str  # in numbers: 490億美元 ÷ 175億美元 = 2.8
    explanation_en: str
    explanation_zh: str  # Traditional Chinese; the Simplified is derived from it
    related: tuple[str, ...]  # every claim the check relates, this one first

    @property
    def id(self) -> str:
        """Stable across builds: the kind of check and the claims it relates."""
        key = "|".join([self.kind, *self.related])
        return "k" + hashlib.sha256(key.encode()).hexdigest()[:15]
