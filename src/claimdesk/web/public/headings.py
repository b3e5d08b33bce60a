"""Which lines of an article's text are its subheadings, and which its pictures' captions.
Texts come as plain lines, one a paragraph; a subheading is a short line standing between two
paragraphs of prose, and ends without the punctuation that ends or continues a sentence (a
question mark may end one: 國產AI芯片逆襲記,壁仞科技會是意外么?). A caption (圖片來源:…) is a
short line after the blank line left where its picture was; the title and byline are not
between paragraphs. Pure: lines in, the numbers of the lines out."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Display width, a CJK character counting two: 30 Chinese characters, or 60 Latin ones.
MAX_WIDTH = 60
# Quotes and brackets that may close a line after its last word or punctuation.
CLOSERS = "」』”’\"')）》】"
# A line ending in one of these is (part of) a sentence, not a heading.
NOT_A_HEADING_END = "。．.，,、；;：:…"
# A paragraph of prose ends a sentence.
SENTENCE_END = "。．.！!？?…"


def subheadings(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines that are subheadings."""
    return {
        number
        for number in range(1, len(lines) - 1)
        if is_subheading(lines[number], lines[number - 1], lines[number + 1])
    }


def is_subheading(line: str, before: str, after: str) -> bool:
    """Whether `line`, between the lines `before` and `after`, is a subheading."""
    text = line.strip()
    if not text or _width(text) > MAX_WIDTH:
        return False
    if _last(text) in NOT_A_HEADING_END:
        return False
    return all(_is_prose(neighbour, text) for neighbour in (before, after))


def _is_prose(paragraph: str, heading: str) -> bool:
    text = paragraph.strip()
    return len(text) > len(heading) and _last(text) in SENTENCE_END


def _last(text: str) -> str:
    stripped = text.rstrip(CLOSERS)
    return stripped[-1] if stripped else ""


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def captions(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines that caption a picture: short lines after a blank line."""
    return {
        number
        for number in range(1, len(lines))
        if not lines[number - 1].strip()
        and lines[number].strip()
        and _width(lines[number].strip()) <= MAX_WIDTH
        and _last(lines[number].strip()) not in "。．."
    }
