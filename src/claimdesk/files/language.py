"""Which language an article is written in: zh-Hant, zh-Hans or en."""

from __future__ import annotations

import re

from claimdesk.extract.script import to_simplified
from claimdesk.vocabulary import Language

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    """Traditional when at least 1% of its Han characters change under t2s conversion.

    Mainland copy republished in Taiwan or Hong Kong keeps a few Simplified leftovers
    (the seed article has 于, 并, 后), so the test is a share, not "any character"."""
    han = "".join(_HAN.findall(text))
    # A Han character carries about a word; English needs several letters for one.
    if not han or len(han) * 3 < len(_LATIN.findall(text)):
        return "en"
    changed = sum(a != b for a, b in zip(han, to_simplified(han), strict=True))
    return "zh-Hant" if changed >= len(han) / 100 else "zh-Hans"
