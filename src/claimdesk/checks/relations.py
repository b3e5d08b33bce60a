"""Which figures of a sentence the text relates, read from the words that connect them.

The words are regular expressions over a sentence's skeleton (patterns.py). What is found here
is only a candidate; arithmetic.py and totals.py decide whether it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from claimdesk.checks.figures import Figure
from claimdesk.checks.patterns import (
    AMOUNT_RATE_TOTAL_EN,
    DERIVED_ZH,
    DOWN,
    FROM_TO_EN,
    FROM_TO_ZH,
    NOT_A_PART,
    OF_WHICH,
    QUALIFIER,
    RATIO_AFTER,
    RATIO_OF,
    RESPECTIVELY_EN,
    RESPECTIVELY_ZH,
    REST,
    STATED_AFTER,
    STATED_FROM_TO_EN,
    STATED_TO_FROM_EN,
    TOTAL_AFTER,
    TOTAL_AMOUNT_RATE_EN,
    TOTAL_AMOUNT_RATE_ZH,
    TOTAL_BEFORE,
    TOTAL_RATE_AMOUNT_ZH,
    UP,
)
from claimdesk.checks.sentences import FIGURE as F
from claimdesk.checks.sentences import Sentence

Wording = Literal["increase", "decrease", "ratio"]


@dataclass(frozen=True, slots=True)
class Change:
    """從`base`增至`new`, with a stated change: a multiple, a rate, points or an amount."""

    base: Figure
    new: Figure
    stated: Figure
    wording: Wording  # what the connecting word says the stated figure is


@dataclass(frozen=True, slots=True)
class TotalChange:
    """`total`, 比上年增加`change`, 增長`rate`: the base is total − change."""

    total: Figure
    change: Figure
    rate: Figure
    wording: Wording  # increase or decrease


@dataclass(frozen=True, slots=True)
class Shares:
    """Two shares of one whole: 英偉達占85%, 剩餘的15%."""

    first: Figure
    rest: Figure


@dataclass(frozen=True, slots=True)
class Parts:
    """A stated total and its parts: 合計300億元, 分別為100億元、120億元和80億元 (`exact`),
    or 其中 (of which) parts, which may leave some of the total out."""

    total: Figure
    parts: tuple[Figure, ...]
    exact: bool


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure computed from another: 92.47億元, 按全年兩倍計算184億元."""

    base: Figure
    factor: Figure
    result: Figure


Relation = Change | TotalChange | Shares | Parts | Derived


def find_relations(sentence: Sentence) -> Iterator[Relation]:
    """Every candidate relation among the figures of one sentence."""
    yield from _changes(sentence)
    yield from _total_changes(sentence)
    yield from _shares(sentence)
    yield from _parts(sentence)
    yield from _derived(sentence)


def _changes(sentence: Sentence) -> Iterator[Change]:
    skeleton = sentence.skeleton
    for pattern in (FROM_TO_ZH, FROM_TO_EN):
        for match in pattern.finditer(skeleton):
            base, new = sentence.figure(match["a"]), sentence.figure(match["b"])
            after = STATED_AFTER.match(skeleton, match.end())
            if after:
                yield Change(base, new, sentence.figure(after["c"]), _wording(after))
                continue
            ratio = RATIO_AFTER.match(skeleton, match.end())
            if ratio and _is_ratio(sentence.figure(ratio["c"]), ratio):
                yield Change(base, new, sentence.figure(ratio["c"]), "ratio")
    for pattern in (STATED_FROM_TO_EN, STATED_TO_FROM_EN):
        for match in pattern.finditer(skeleton):
            base, new = sentence.figure(match["a"]), sentence.figure(match["b"])
            yield Change(base, new, sentence.figure(match["c"]), _wording(match))
    for match in RATIO_OF.finditer(skeleton):
        multiple = sentence.figure(match["c"])
        if multiple.unit == "x":
            yield Change(
                sentence.figure(match["a"]), sentence.figure(match["b"]), multiple, "ratio"
            )


def _wording(match: re.Match[str]) -> Wording:
    if match.groupdict().get("to"):
        return "ratio"
    return "increase" if match["up"] else "decrease"


def _is_ratio(figure: Figure, match: re.Match[str]) -> bool:
    # A bare figure after the new value is a ratio only when it says so itself (翻了一番); after
    # 是/為 it must be a multiple.
    said = match.group(0)[: match.start("c") - match.start()].strip(" ，,")
    return figure.unit == "x" and (bool(said) or "翻" in figure.text)


def _total_changes(sentence: Sentence) -> Iterator[TotalChange]:
    for pattern in (
        TOTAL_AMOUNT_RATE_ZH,
        TOTAL_RATE_AMOUNT_ZH,
        TOTAL_AMOUNT_RATE_EN,
        AMOUNT_RATE_TOTAL_EN,
    ):
        for match in pattern.finditer(sentence.skeleton):
            up = bool(match["up"])
            groups = match.groupdict()
            if (groups.get("rup") or groups.get("rdown")) and up != bool(groups.get("rup")):
                continue  # a rise in amount and a fall in rate: not one change
            yield TotalChange(
                sentence.figure(match["t"]),
                sentence.figure(match["d"]),
                sentence.figure(match["r"]),
                "increase" if up else "decrease",
            )


def _shares(sentence: Sentence) -> Iterator[Shares]:
    for match in REST.finditer(sentence.skeleton):
        rest = sentence.figure(match["p"])
        at = sentence.index(rest)
        first = next((f for f in reversed(sentence.figures[:at]) if f.unit == "%"), None)
        if rest.unit != "%" or first is None:
            continue
        clause = re.split(r"[，,；;]", sentence.before(first))[-1]
        if re.search(rf"(?:{UP}|{DOWN}){QUALIFIER}$", clause):
            continue  # 增長85%: a change, not a share
        yield Shares(first, rest)


def _parts(sentence: Sentence) -> Iterator[Parts]:
    skeleton = sentence.skeleton
    totals = [
        sentence.figure(m["t"])
        for pattern in (TOTAL_BEFORE, TOTAL_AFTER)
        for m in pattern.finditer(skeleton)
    ]
    lists = [
        pattern
        for pattern, word in ((RESPECTIVELY_ZH, "分别"), (RESPECTIVELY_EN, "respectively"))
        if totals and word in skeleton
    ]
    for pattern in lists:
        for match in pattern.finditer(skeleton):
            if re.search(rf"{UP}|{DOWN}", match.group(0)):
                continue  # 分別增長10%和20%: changes, not parts
            listed = tuple(sentence.figure(ch) for ch in re.findall(F, match["list"]))
            for total in totals:
                # An English list may run on from its total: totalled $4.6 billion, with …
                parts = listed[listed.index(total) + 1 :] if total in listed else listed
                if len(parts) > 1 and _one_list(sentence, total, parts):
                    yield Parts(total, parts, exact=True)
                    break
    yield from _of_which(sentence)


def _one_list(sentence: Sentence, total: Figure, parts: Sequence[Figure]) -> bool:
    """The total and the parts are in one unit, with no other figure of it between them, and
    the total is at least its largest part (else it is the total of something else)."""
    if any(p.unit != total.unit or p.value is None for p in parts) or total.value is None:
        return False
    span = sorted(sentence.index(f) for f in (total, *parts))
    between = sentence.figures[span[0] : span[-1] + 1]
    if any(f.unit == total.unit and f is not total and f not in parts for f in between):
        return False
    return total.value >= max(p.value for p in parts if p.value is not None)


def _of_which(sentence: Sentence) -> Iterator[Parts]:
    match = OF_WHICH.search(sentence.skeleton)
    if match is None:
        return
    after = sentence.skeleton[match.end() :]
    if NOT_A_PART.search(after):
        return
    cut = sentence.count_before(match.start())
    before, following = sentence.figures[:cut], sentence.figures[cut:]
    for unit in dict.fromkeys(f.unit for f in following):
        if unit in (None, "%", "pp", "x"):
            continue  # a share of a share may be of the part or of the whole
        totals = [f for f in before if f.unit == unit]
        parts = tuple(f for f in following if f.unit == unit)
        if len(totals) == 1 and all(p.value is not None for p in parts):
            yield Parts(totals[0], parts, exact=False)


def _derived(sentence: Sentence) -> Iterator[Derived]:
    for match in DERIVED_ZH.finditer(sentence.skeleton):
        factor, result = sentence.figure(match["m"]), sentence.figure(match["r"])
        if factor.unit != "x":
            continue  # 按1美元兌7.2元計算 is an exchange rate, not a multiple
        cut = sentence.count_before(match.start())
        bases = [f for f in sentence.figures[:cut] if f.unit == result.unit]
        if bases:
            yield Derived(bases[-1], factor, result)
