"""A normalised figure written the way people write it: 4700000000 CNY reads 47億元人民幣 in
Chinese and 4.7 billion yuan in English, 12000000 count reads 1,200萬 and 12 million.

Pure. The exact value stays one step away on the pages (a title or a <details>): this text
is rounded to at most DECIMALS digits past the point of its scale word, so that it reads
back to the exact value within half a unit of its last digit (tests/test_figure_text.py).
Chinese scales are 萬 (10⁴), 億 (10⁸) and 兆 (10¹²), as Taiwan and Hong Kong write them;
English ones are million, billion and trillion. Registered as the Jinja filter `figure_text`
(web/__init__.py), so that the public pages and the desk write figures alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

Language = Literal["zh", "en"]

DECIMALS = 2
# A figure below the smallest scale word (47.2%, 2,048 TOPS) keeps up to this many decimals.
PLAIN_DECIMALS = 6
ZH_SCALES: tuple[tuple[int, str], ...] = ((12, "兆"), (8, "億"), (4, "萬"))
EN_SCALES: tuple[tuple[int, str], ...] = ((12, "trillion"), (9, "billion"), (6, "million"))

# Every currency of the extractor's vocabulary (extract/units.py, CURRENCY_WORDS): the words
# before and after the number, in Chinese, then in English. 新台幣182億元 and 47億元人民幣 are
# how the Chinese press writes them; 元 alone would read as a Taiwanese reader's own dollar.
CURRENCIES: Mapping[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "USD": (("", "美元"), ("US$", "")),
    "CNY": (("", "元人民幣"), ("", " yuan")),
    "TWD": (("新台幣", "元"), ("NT$", "")),
    "HKD": (("", "港元"), ("HK$", "")),
    "MOP": (("", "澳門元"), ("", " patacas")),
    "SGD": (("", "新加坡元"), ("S$", "")),
    "MYR": (("", "令吉"), ("", " ringgit")),
    "EUR": (("", "歐元"), ("€", "")),
    "JPY": (("", "日圓"), ("", " yen")),
    "GBP": (("", "英鎊"), ("£", "")),
    "KRW": (("", "韓元"), ("", " won")),
    "THB": (("", "泰銖"), ("", " baht")),
    "CHF": (("", "瑞士法郎"), ("", " Swiss francs")),
    "RUB": (("", "盧布"), ("", " roubles")),
    "AUD": (("", "澳元"), ("A$", "")),
    "NGN": (("", "奈拉"), ("", " naira")),
}
# Other units: (Chinese suffix, English singular suffix, English plural suffix).
UNITS: Mapping[str, tuple[str, str, str]] = {
    "%": ("%", "%", "%"),
    "pp": ("個百分點", " percentage point", " percentage points"),
    "bp": ("個基點", " basis point", " basis points"),
    "x": ("倍", " time", " times"),
    "count": ("", "", ""),
    "year": ("年", " year", " years"),
    "quarter": ("季", " quarter", " quarters"),
    "month": ("個月", " month", " months"),
    "week": ("週", " week", " weeks"),
    "day": ("天", " day", " days"),
    "hour": ("小時", " hour", " hours"),
    "minute": ("分鐘", " minute", " minutes"),
    "second": ("秒", " second", " seconds"),
}
# Units that are shares or multiples: never written with a scale word (47.2%, not 0.47...).
UNSCALED = frozenset({"%", "pp", "bp", "x"})


def figure_text(
    value: float | int | None,
    unit: str | None = None,
    value_max: float | int | None = None,
    language: Language = "zh",
) -> str:
    """The figure as a reader writes it; "" when there is no value. A range is low–high."""
    if value is None or isinstance(value, bool):
        return ""
    if not math.isfinite(value):
        return str(value)
    unit = unit or "count"
    number = _number(value, unit, language)
    if value_max is not None and value_max != value and math.isfinite(value_max):
        number = f"{number}–{_number(value_max, unit, language)}"
    if unit in CURRENCIES:
        before, after = CURRENCIES[unit][0 if language == "zh" else 1]
        if number.startswith("-"):
            return f"-{before}{number[1:]}{after}"
        return f"{before}{number}{after}"
    if unit in UNITS:
        zh, one, many = UNITS[unit]
        if language == "zh":
            return number + zh
        return number + (one if abs(value_max if value_max is not None else value) == 1 else many)
    # A physical unit (TOPS, km, W) is written after the number, in both languages.
    return f"{number} {unit}"


def _number(value: float | int, unit: str, language: Language) -> str:
    exact = Decimal(str(value))
    if unit not in UNSCALED:
        scales = ZH_SCALES if language == "zh" else EN_SCALES
        space = "" if language == "zh" else " "
        for k, (power, word) in enumerate(scales):
            if abs(exact) < Decimal(1).scaleb(power):
                continue
            scaled = _rounded(exact.scaleb(-power))
            # 9,999.999萬 rounds to 10,000萬: that is written 1億.
            if k and abs(scaled) >= Decimal(1).scaleb(scales[k - 1][0] - power):
                power, word = scales[k - 1]
                scaled = _rounded(exact.scaleb(-power))
            return f"{_grouped(scaled)}{space}{word}"
    # Below the smallest scale word the figure is written whole, as the source wrote it.
    return _grouped(_rounded(exact, PLAIN_DECIMALS))


def _rounded(value: Decimal, decimals: int = DECIMALS) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN).normalize()


def _grouped(value: Decimal) -> str:
    """1234.5 → 1,234.5; no exponent, no trailing zeros, no -0."""
    if value == 0:
        return "0"
    whole, _, fraction = format(value, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return sign + grouped + (f".{fraction}" if fraction else "")


def exact_text(value: float | int | None, unit: str | None = None) -> str:
    """The exact value, every digit, with its unit code: the one step away from figure_text."""
    if value is None or isinstance(value, bool):
        return ""
    shown = _grouped(Decimal(str(value)).normalize()) if math.isfinite(value) else str(value)
    if not unit or unit == "count":
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"
