"""Words and names that hold a numeral but state no figure (萬里長征, 之一, 千萬; 三星, 7-Eleven):
whether one of them covers a figure.

The phrases are a lexicon's words_with_numerals and names_with_numerals (lexicon/); furniture.py
asks `Phrases.cover` for each figure. A word may be the figure itself (千萬, "by all means"), a
name must reach beyond it (3M the company, but 3m is three metres). A figure that reaches beyond
a word is kept: 千萬別 is a word, 5千萬元 fifty million.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Phrases:
    """One lexicon's words and names with numerals, compiled once.

    The phrases with no Latin letter are matched as written and those with one in any case,
    apart: an alternation of plain literals lets the engine jump to a possible first character
    instead of trying every phrase at every position (about 3x faster than re.IGNORECASE on
    all). Most figures lie in no phrase, so before searching, a quick check looks at the one or
    two characters on each side of the figure, and at the figure itself: a phrase can cover the
    figure only if one of them is a piece of the phrase at that place (in any case)."""

    cjk: re.Pattern[str]
    latin: re.Pattern[str]
    reach: int  # the longest phrase: how far a search looks on either side of a figure
    before_1: frozenset[str]  # the character before the figure is a phrase's first
    before_2: frozenset[str]  # the two before it are a phrase's, the figure starting after them
    after_1: frozenset[str]  # the character after the figure is a phrase's last
    after_2: frozenset[str]  # the two after it are a phrase's, and the phrase goes on
    whole: frozenset[str]  # lower-cased: the figure is a word
    names: frozenset[str]  # lower-cased: these must reach beyond the figure
    # The characters next to a figure that any of the above may start with: one test each
    # side rejects most figures.
    next_before: frozenset[str]
    next_after: frozenset[str]

    def cover(
        self, folded: str, start: int, end: int, figure: str, before: str, after: str
    ) -> bool:
        """Whether a phrase covers `figure`, folded[start:end]; `before` and `after` are the
        text on either side of it."""
        last, first = before[-1:], after[:1]
        if not (
            (last in self.next_before and (last in self.before_1 or before[-2:] in self.before_2))
            or (first in self.next_after and (first in self.after_1 or after[:2] in self.after_2))
            or figure.lower() in self.whole
        ):
            return False
        lo, hi = max(0, start - self.reach), end + self.reach
        for pattern in (self.cjk, self.latin):
            for m in pattern.finditer(folded, lo, hi):
                covers = m.start() <= start and m.end() >= end
                beyond = m.end() - m.start() > end - start
                if covers and (beyond or m.group().lower() not in self.names):
                    return True
        return False


def phrases_with_numerals(words: Sequence[str], names: Sequence[str]) -> Phrases:
    """The matcher for these words and names."""
    phrases = tuple(dict.fromkeys((*words, *names)))
    before_1: set[str] = set()
    before_2: set[str] = set()
    after_1: set[str] = set()
    after_2: set[str] = set()
    for phrase in phrases:
        n = len(phrase)
        for i in range(1, n):  # where the figure starts (for before) or ends (for after)
            (before_2 if i >= 2 else before_1).update(_cases(phrase[max(0, i - 2) : i]))
            (after_2 if i <= n - 2 else after_1).update(_cases(phrase[i : i + 2]))
    return Phrases(
        _any_phrase([p for p in phrases if not _LATIN_LETTER.search(p)]),
        _any_phrase([p for p in phrases if _LATIN_LETTER.search(p)], re.IGNORECASE | re.ASCII),
        max(map(len, phrases), default=0),
        frozenset(before_1),
        frozenset(before_2),
        frozenset(after_1),
        frozenset(after_2),
        frozenset(w.lower() for w in words),
        frozenset(n.lower() for n in names) - frozenset(w.lower() for w in words),
        frozenset(before_1 | {piece[-1] for piece in before_2}),
        frozenset(after_1 | {piece[0] for piece in after_2}),
    )


_LATIN_LETTER = re.compile("[A-Za-z]")


def _cases(piece: str) -> set[str]:
    """A piece of one or two characters in every case a Latin phrase matches in: 3m, 3M."""
    variants = [""]
    for ch in piece:
        options = {ch.lower(), ch.upper()} if ch.isascii() and ch.isalpha() else {ch}
        variants = [v + c for v in variants for c in options]
    return set(variants)


def _any_phrase(phrases: Sequence[str], flags: int = 0, *, grouped: bool = True) -> re.Pattern[str]:
    """Any of `phrases`, longest first. A Latin letter or digit at either end of a phrase must
    start or end a word there: 3M is not the 3m of 13mm, nor 7-11 the end of 17-11.

    The phrases are grouped by their first character (in either case when `flags` ignore case,
    which they do only with re.ASCII) behind a look-ahead on those characters: the engine
    steps through an alternation one branch at a time, so trying every phrase at each place of
    a figure's window cost about as much as all the other furniture rules together. Phrases of
    different first characters never match at one place, so only the order within a group
    matters, and it is kept. `grouped=False` gives the plain alternation, for tests."""
    folds = bool(flags & re.IGNORECASE)
    groups: dict[str, list[str]] = {}  # first character: the rest of each phrase, as a regex
    plain = []
    for phrase in sorted(dict.fromkeys(phrases), key=len, reverse=True):
        head = "(?<![A-Za-z0-9])" if phrase[0].isascii() and phrase[0].isalnum() else ""
        tail = "(?![A-Za-z0-9])" if phrase[-1].isascii() and phrase[-1].isalnum() else ""
        plain.append(f"{head}{re.escape(phrase)}{tail}")
        first = phrase[0].lower() if folds and phrase[0].isascii() else phrase[0]
        groups.setdefault(first, []).append(f"{re.escape(phrase[1:])}{tail}")
    if not grouped or not groups:
        return re.compile("|".join(plain) or "(?!)", flags)
    alternatives = []
    for first, rests in groups.items():
        head = "(?<![A-Za-z0-9])" if first.isascii() and first.isalnum() else ""
        alternatives.append(f"{head}{re.escape(first)}(?:{'|'.join(rests)})")
    firsts = "".join(re.escape(first) for first in groups)
    return re.compile(f"(?=[{firsts}])(?:{'|'.join(alternatives)})", flags)
