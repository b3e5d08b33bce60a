"""Fold article text onto one script so every later regex needs only Simplified forms.

`fold(text)` returns a string of exactly the same length as `text`, character for character, so
an offset found in the folded text is an offset into the original: the extractor reports spans
of the original article without any offset mapping.
"""

from __future__ import annotations

import re

import opencc

# Built once: constructing a converter loads its dictionaries, which costs milliseconds.
_T2S = opencc.OpenCC("t2s")

# Full-width ASCII (U+FF01..U+FF5E) onto ASCII: ３０％ → 30%, ４，５６５ → 4,565, ＄ → $.
# One code point for one code point, so str.translate keeps every offset.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code != 0xFF0C}
_FULL_WIDTH[0xFFE5] = ord("¥")  # ￥, the full-width yen/yuan sign
_FULL_WIDTH[0x301C] = ord("~")  # 〜, a wave dash used in ranges (2020〜2023年)
# The full-width comma ， is Chinese clause punctuation (分别为35，128家 lists two figures), so it
# stays; only between full-width digits (４，５６５) is it a thousands separator.
# It opens with the comma itself, so the engine jumps from comma to comma: a pattern that opens
# with the look-behind is tried at every character.
_DIGIT_COMMA_RE = re.compile("，(?<=[０-９]，)(?=[０-９])")
# str.translate looks up every character in a dict, which costs more than the OpenCC pass on a
# Chinese text; translating only the runs that need it is ~20x cheaper. The run is written
# `[…][…]*`, not `[…]+`: a pattern that opens with one character class lets the engine skip to
# the next candidate character, one that opens with a repeat is tried at every character (3x
# slower on a text with none).
_FULL_WIDTH_CHAR = "[\uff01-\uff0b\uff0d-\uff5e\uffe5\u301c]"
_FULL_WIDTH_RUN_RE = re.compile(f"{_FULL_WIDTH_CHAR}{_FULL_WIDTH_CHAR}*")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, one character for one character.

    OpenCC converts a whole text in C++ at once, which is fast. Its phrase tables could in
    principle change a text's length; then only the lines that changed length are converted
    again character by character, which is always length-preserving.
    """
    converted: str = _T2S.convert(text)
    if len(converted) == len(text):
        return converted
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for line in lines:
        folded = _T2S.convert(line)
        if len(folded) != len(line):
            folded = "".join(_one_char(ch) for ch in line)
        out.append(folded)
    return "".join(out)


def _one_char(ch: str) -> str:
    converted: str = _T2S.convert(ch)
    return converted if len(converted) == 1 else ch


def fold(text: str) -> str:
    """Simplified script and ASCII digits/punctuation, same length as `text`."""
    simplified = to_simplified(text)
    if "，" in simplified:
        simplified = _DIGIT_COMMA_RE.sub(",", simplified)
    return _FULL_WIDTH_RUN_RE.sub(_to_ascii, simplified)


def _to_ascii(run: re.Match[str]) -> str:
    return run.group().translate(_FULL_WIDTH)
