"""The article cut into sentences, each with its figures stood in for by one placeholder
character, so that a relation is a regular expression over the connecting words:
從⟨0⟩上漲到⟨1⟩，增幅超過⟨2⟩ is `从F到F，增幅…F`.

The text is folded first (Simplified script, ASCII digits, same length), so every pattern is
written once, and lower-cased, so English patterns need no case rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from claimdesk.checks.figures import Figure
from claimdesk.extract.script import fold

# Placeholders come from the Private Use Area, which no article text uses.
PLACEHOLDER_BASE = 0xE000
FIGURE = "[\ue000-\uf8ff]"
_MAX_FIGURES = 0xF8FF - PLACEHOLDER_BASE
# Where a sentence ends. An English full stop ends one only before a space or the end
# (27169.3 and U.S are no sentence ends; "U.S. exports" is cut, which only loses a relation).
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
# Lower-casing only ASCII keeps every offset (str.lower makes 'İ' two characters).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# A sentence that starts with 其中 ("of which") lists parts of the previous sentence's total.
_OF_WHICH = re.compile(r"\s*(?:其中|of (?:which|these|this|the total|them)\b)")


# How far before or after a figure its own words are looked for: a clause, not a paragraph,
# so that a line of a thousand figures costs a thousand short looks, not a thousand long ones.
REACH = 80


@dataclass(frozen=True, slots=True)
class Sentence:
    """A span of the article, its figures in order, and the skeleton (the folded, lower-cased
    text with figure i replaced by chr(PLACEHOLDER_BASE + i)) with where each figure stands."""

    start: int
    end: int
    figures: tuple[Figure, ...]
    skeleton: str
    marks: tuple[int, ...]  # where figure i is in the skeleton

    def figure(self, placeholder: str) -> Figure:
        return self.figures[ord(placeholder) - PLACEHOLDER_BASE]

    def index(self, figure: Figure) -> int:
        at = bisect_left(self.figures, (figure.start, figure.end), key=_at)
        if at == len(self.figures) or self.figures[at] != figure:
            raise ValueError(f"{figure.text!r} is not in this sentence")
        return at

    def count_before(self, position: int) -> int:
        """How many figures stand before `position` of the skeleton."""
        return bisect_left(self.marks, position)

    def before(self, figure: Figure, reach: int = REACH) -> str:
        """Up to `reach` characters of the skeleton before the figure."""
        mark = self.marks[self.index(figure)]
        return self.skeleton[max(0, mark - reach) : mark]

    def after(self, figure: Figure, reach: int = REACH) -> str:
        """Up to `reach` characters of the skeleton after the figure."""
        mark = self.marks[self.index(figure)]
        return self.skeleton[mark + 1 : mark + 1 + reach]


def sentences(text: str, figures: Sequence[Figure]) -> Iterator[Sentence]:
    """The article's sentences that hold at least one figure. A sentence that opens with 其中
    is joined to the one before it in the same paragraph."""
    folded = fold(text).translate(_ASCII_LOWER)
    spans = list(_spans(folded))
    placed = sorted((f for f in figures if 0 <= f.start < f.end <= len(text)), key=_at)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _OF_WHICH.match(folded, start)
            and not folded[previous[0] : previous[1]].endswith("\n")
        ):
            joined[-1] = (previous[0], end)
        else:
            joined.append((start, end))
    cursor = 0
    for start, end in joined:
        inside: list[Figure] = []
        while cursor < len(placed) and placed[cursor].start < end:
            figure = placed[cursor]
            cursor += 1
            if figure.start >= start and figure.end <= end and _no_overlap(inside, figure):
                inside.append(figure)
        # Each figure needs a placeholder of its own; no real sentence has this many.
        if inside and len(inside) <= _MAX_FIGURES:
            skeleton, marks = _skeleton(folded, start, end, inside)
            yield Sentence(start, end, tuple(inside), skeleton, marks)


def _spans(folded: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(folded):
        yield start, match.end()
        start = match.end()
    if start < len(folded):
        yield start, len(folded)


def _skeleton(
    folded: str, start: int, end: int, figures: Sequence[Figure]
) -> tuple[str, tuple[int, ...]]:
    parts: list[str] = []
    marks: list[int] = []
    cursor, length = start, 0
    for index, figure in enumerate(figures):
        parts.append(folded[cursor : figure.start])
        length += figure.start - cursor
        marks.append(length)
        parts.append(_mark(index))
        length += 1
        cursor = figure.end
    parts.append(folded[cursor:end])
    return "".join(parts), tuple(marks)


def _mark(index: int) -> str:
    return chr(PLACEHOLDER_BASE + index)


def _at(figure: Figure) -> tuple[int, int]:
    return figure.start, figure.end


def _no_overlap(inside: Sequence[Figure], figure: Figure) -> bool:
    return not inside or inside[-1].end <= figure.start
