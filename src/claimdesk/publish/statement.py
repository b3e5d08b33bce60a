"""A claim as a short statement: its sentence cut to the clause that holds the figure.

What a reader (and ClaimReview's `claimReviewed`, which Google wants short) reads first:
"2021年我國AI晶片市場規模將達到432億元", not the whole sentence with its attribution and the
other figures. Pure; the claim page and claimreview.py call it.

- The sentence is cut at clause punctuation (，,；;：:。！？!? and the like), never at a comma
  between digits (1,200) or a point inside a number (47.2).
- A clause too short to say anything alone (同比增長47.2%) takes its neighbours, the one before
  first, while the statement stays within the limit.
- A clause longer than the limit is cut around the figure, at a space in Latin text, with …
  where something was left out.
"""

from __future__ import annotations

import re
import unicodedata

# ClaimReview's claimReviewed is best under 75 characters (Google's fact-check markup guide).
LIMIT = 74
# A statement shorter than this (a CJK character counts twice: it says about as much as a
# short Latin word) takes the neighbouring clause.
MIN_WEIGHT = 32
CLAUSE_END = re.compile(
    r"[，；：。！？、;!?]|,(?![0-9])|(?<![0-9]),|:(?![0-9])|\.(?![0-9])(?=\s|$|[\"”’'）)])"
)
ELLIPSIS = "…"
_TRIM = " \t\n\u3000，,；;：:、"


def statement(sentence: str, figure: str, at: int | None = None, limit: int = LIMIT) -> str:
    """The clause of `sentence` that holds `figure` (at offset `at` in the sentence when it
    is known), with short neighbours, at most `limit` characters. The figure itself when
    the sentence does not hold it."""
    if at is None or sentence[at : at + len(figure)] != figure:
        at = sentence.find(figure)
    if not figure or at < 0:
        return _cut(figure or sentence, 0, len(figure or sentence), limit)
    clauses = _clauses(sentence)
    k = next(i for i, (_, b) in enumerate(clauses) if at <= b)
    lo, hi = k, k
    while weight(_text(sentence, clauses, lo, hi)) < MIN_WEIGHT:
        before = lo > 0 and len(_text(sentence, clauses, lo - 1, hi)) <= limit
        after = hi + 1 < len(clauses) and len(_text(sentence, clauses, lo, hi + 1)) <= limit
        if before:
            lo -= 1
        elif after:
            hi += 1
        else:
            break
    # A figure that runs over a clause mark (rare: 1,200 is not cut) stays whole.
    start, end = min(clauses[lo][0], at), max(clauses[hi][1], at + len(figure))
    return _cut(sentence, start, end, limit, at, at + len(figure))


def weight(text: str) -> int:
    """How much a text says: a wide (CJK) character counts 2, any other 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, its closing mark left out."""
    clauses, start = [], 0
    for mark in CLAUSE_END.finditer(sentence):
        clauses.append((start, mark.start()))
        start = mark.end()
    clauses.append((start, len(sentence)))
    return clauses


def _text(sentence: str, clauses: list[tuple[int, int]], lo: int, hi: int) -> str:
    return sentence[clauses[lo][0] : clauses[hi][1]].strip(_TRIM)


def _cut(text: str, start: int, end: int, limit: int, fig_start: int = 0, fig_end: int = 0) -> str:
    """text[start:end] trimmed; when longer than `limit`, a window around the figure."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end - start <= limit:
        return text[start:end]
    room = limit - 2  # an ellipsis at each end at most
    fig_start, fig_end = max(fig_start, start), min(max(fig_end, fig_start), end)
    spare = max(0, room - (fig_end - fig_start))
    lo = max(start, fig_start - spare // 2)
    hi = min(end, lo + room)
    lo = max(start, hi - room)
    if " " in text[start:end]:  # Latin text: cut between words
        if lo > start and " " in text[lo:fig_start]:
            lo = text.index(" ", lo, fig_start) + 1
        if hi < end and " " in text[fig_end:hi]:
            hi = text.rindex(" ", fig_end, hi)
    shown = text[lo:hi].strip(_TRIM)
    return (ELLIPSIS if lo > start else "") + shown + (ELLIPSIS if hi < end else "")
