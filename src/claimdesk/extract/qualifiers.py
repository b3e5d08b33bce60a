"""Qualifiers: the words that say how exact a figure is (約, 超過, 將近, 最高, 左右, 以下, about,
only).

Matching runs on the folded (Simplified) text so one table serves both scripts; the qualifier is
reported as written in the article, sliced from the original text at the same offsets.

Only a bounded window around the figure is read: up to `WINDOW` characters before it and a few
after it, so the cost per figure is constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimdesk.extract.types import QualifierMeaning

# Long enough for the longest word and its space: "approximately ", "plus or minus ".
WINDOW = 16

# Folded (Simplified) forms. Traditional input folds onto these: 約→约, 超過→超过, 將近→将近.
QUALIFIERS_BEFORE: dict[str, QualifierMeaning] = {
    "大约": "approximate",
    "约": "approximate",
    "大概": "approximate",
    "超过": "lower_bound",
    "超": "lower_bound",
    "逾": "lower_bound",
    "突破": "lower_bound",
    "至少": "lower_bound",
    "将近": "upper_bound",
    "接近": "upper_bound",
    "近": "upper_bound",
    "不到": "upper_bound",
    "不足": "upper_bound",
    "上看": "upper_bound",
    # 提升最高30倍, 每場最多500人: "up to".
    "最高": "upper_bound",
    "最多": "upper_bound",
    "最少": "lower_bound",
    "高达": "emphasis",
    "仅": "emphasis",
    "只有": "emphasis",
    "about": "approximate",
    "around": "approximate",
    "roughly": "approximate",
    "approximately": "approximate",
    "more than": "lower_bound",
    "over": "lower_bound",
    "at least": "lower_bound",
    "nearly": "upper_bound",
    "almost": "upper_bound",
    "up to": "upper_bound",
    "less than": "upper_bound",
    "only": "emphasis",
    "just": "emphasis",
    # A margin either way (誤差在正負3%以內, ±3 percentage points): see vocabulary.py.
    "正负": "plus_minus",
    "±": "plus_minus",
    "+/-": "plus_minus",
    "plus or minus": "plus_minus",
}
QUALIFIERS_AFTER: dict[str, QualifierMeaning] = {
    "左右": "approximate",
    "上下": "approximate",
    "以上": "lower_bound",
    "以下": "upper_bound",
    "多": "lower_bound",
    "余": "lower_bound",
}


def meaning_of(word: str) -> QualifierMeaning | None:
    """What a qualifier an editor typed means, read as the extractor reads it in a text."""
    from claimdesk.extract.script import fold

    folded = fold(word.strip()).lower()
    return QUALIFIERS_BEFORE.get(folded) or QUALIFIERS_AFTER.get(folded)


# 多/余 written between the digits and the unit (300多萬, 1000余家) are inside the figure's span.
QUALIFIERS_INSIDE: dict[str, QualifierMeaning] = {"多": "lower_bound", "余": "lower_bound"}


def _alternation(words: list[str]) -> str:
    # Longest first, so 将近 wins over 近 and 大约 over 约. 最近30天 is "the last 30 days", not
    # "nearly 30 days", hence the look-behind on a bare 近.
    escaped = (re.escape(w) for w in sorted(words, key=len, reverse=True))
    return "|".join("(?<!最)近" if w == "近" else w for w in escaped)


# ± and +/- are glued to the figure as CJK words are; Latin words end in a space.
_CJK_BEFORE = [w for w in QUALIFIERS_BEFORE if not w[0].isalpha() or not w.isascii()]
_LATIN_BEFORE = [w for w in QUALIFIERS_BEFORE if w[0].isalpha() and w.isascii()]
_EMPHASIS = [w for w, m in QUALIFIERS_BEFORE.items() if m == "emphasis" and not w.isascii()]

# A qualifier right before the figure, allowing a copula between them (約為, 僅需要, 高達).
# The awkward case: 僅為A100的70% puts a comparison base between 僅 and the figure; only the
# emphasis words may reach across such an `X的`, because 近/超 are too often part of other words
# (近期, 超算) to be trusted at a distance.
_COPULAS = ("为", "是", "达到", "可达", "达", "需要", "需", "有", "在")
_EMPHASIS_COPULAS = ("为", "是", "需要", "需", "有")
QUALIFIER_BEFORE_CJK = re.compile(
    rf"(?:(?P<q>{_alternation(_CJK_BEFORE)})(?:{'|'.join(_COPULAS)})?"
    rf"|(?P<e>{_alternation(_EMPHASIS)})(?:{'|'.join(_EMPHASIS_COPULAS)})?[A-Za-z0-9\u4e00-\u9fff]{{1,6}}的)$"
)
# The characters a match of QUALIFIER_BEFORE_CJK can end on: most figures have none of them
# right before, and one test of the last character then spares the search, which would try the
# alternation at every place of the window.
_CJK_BEFORE_LAST = frozenset(w[-1] for w in (*_CJK_BEFORE, *_COPULAS, "的"))
# English qualifiers are whole words followed by a space; `$` may sit inside the figure's span.
QUALIFIER_BEFORE_LATIN = re.compile(
    rf"(?<![A-Za-z])(?P<q>{_alternation(_LATIN_BEFORE)})\s+(?:US)?\$?$", re.IGNORECASE
)
# 多/余 after a complete figure only count at the end of a phrase: in 2022年多家企業 the 多 starts
# the next word.
QUALIFIER_AFTER = re.compile(r"(?P<q>左右|上下|以上|以下|(?:多|余)(?=[\s，。,.;；:：、)）]|$))")
# A qualifier before the first figure of a list qualifies every figure in it: 只有820 TOPS、512
# TOPS和256 TOPS. Only bare list words may stand between two figures for the qualifier to carry.
LIST_SEPARATOR = re.compile(r"\s*(?:、|以及|和|及|与|或|and|or)\s*")
# The characters a match of QUALIFIER_AFTER starts with.
_AFTER_FIRST = frozenset(w[0] for w in QUALIFIERS_AFTER)
QUALIFIER_INSIDE = re.compile(r"[0-9０-９一二两三四五六七八九十百千](?P<q>多|余)")


@dataclass(frozen=True, slots=True)
class Qualifier:
    start: int
    end: int
    text: str  # as written in the original text
    meaning: QualifierMeaning


def find_qualifier(text: str, folded: str, start: int, end: int) -> Qualifier | None:
    """The qualifier of the figure at text[start:end], or None.

    `folded` is `text` folded to Simplified with the same offsets. Words before the figure win
    over words after it (超過30萬以上 is one qualifier, the first one)."""
    lo = start - WINDOW if start > WINDOW else 0
    window = folded[lo:start]
    last = window[-1:]
    # `$` also matches before a final line break.
    ends = last in _CJK_BEFORE_LAST or (last == "\n" and window[-2:-1] in _CJK_BEFORE_LAST)
    m = QUALIFIER_BEFORE_CJK.search(window) if ends else None
    if m:
        group = "q" if m.group("q") else "e"
        return _qualifier(text, lo + m.start(group), lo + m.end(group), m.group(group))
    # An English qualifier ends in a space, $ or the S of US$: checking the last character first
    # skips a case-insensitive search at every place of the window before most figures.
    latin = last.isspace() or last in "$sSſ"  # \s is str.isspace; ſ is an s to re.IGNORECASE
    m = QUALIFIER_BEFORE_LATIN.search(window) if latin else None
    if m:
        return _qualifier(text, lo + m.start("q"), lo + m.end("q"), m.group("q").lower())
    # Both regexes below need one of a few characters (多 or 余 in the figure; the first of a
    # word after it), which most figures have not.
    figure = folded[start:end]
    m = QUALIFIER_INSIDE.search(folded, start, end) if "多" in figure or "余" in figure else None
    if m:
        return _qualifier(text, m.start("q"), m.end("q"), m.group("q"), QUALIFIERS_INSIDE)
    m = QUALIFIER_AFTER.match(folded, end) if folded[end : end + 1] in _AFTER_FIRST else None
    if m:
        return _qualifier(text, m.start("q"), m.end("q"), m.group("q"), QUALIFIERS_AFTER)
    return None


def carries_to_next(
    folded: str, previous: tuple[int, int], qualifier: Qualifier, start: int
) -> bool:
    """True when `qualifier`, written before the figure at `previous`, also qualifies the next
    figure of the same list, which starts at `start`."""
    return (
        qualifier.end <= previous[0]
        and LIST_SEPARATOR.fullmatch(folded, previous[1], start) is not None
    )


def _qualifier(
    text: str,
    start: int,
    end: int,
    folded_word: str,
    table: dict[str, QualifierMeaning] = QUALIFIERS_BEFORE,
) -> Qualifier:
    return Qualifier(start, end, text[start:end], table[folded_word])
