"""Which language an article is written in: zh-Hant, zh-Hans or en."""

from __future__ import annotations

import re

import opencc

from claimdesk.models import Language

_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def simplify(text: str) -> str:
    """Traditional folded to Simplified, for matching names written in either script."""
    return str(_TO_SIMPLIFIED.convert(text))


def detect_language(text: str) -> Language:
    """Traditional when at least 1% of its Han characters change under t2s conversion.

    Mainland copy republished in Taiwan or Hong Kong keeps a few Simplified leftovers
    (the seed article has 于, 并, 后), so the test is a share, not "any character"."""
    han = _HAN.findall(text)
    if len(han) < max(20, len(text) // 20):
        return "en"
    joined = "".join(han)
    changed = sum(a != b for a, b in zip(joined, simplify(joined), strict=False))
    return "zh-Hant" if changed >= len(han) / 100 else "zh-Hans"
