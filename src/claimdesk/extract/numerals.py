"""Numeral strings to exact values: 1,200 / 4.08兆 / 27169.3万 / 四亿五千六百四十二万零一十五.

Input is folded text (see `script.fold`): Simplified characters and ASCII digits. Arithmetic is
done in `decimal.Decimal` so 27169.3万 is exactly 271693000, never 271692999.99999997.

Scale words: 万 = 10^4, 亿 = 10^8, and a run of them multiplies (万亿 = 10^12, 万万 = 10^8).
A bare 万亿 with no leading 一 is 10^12, as in 万亿美元市值.
"""

from __future__ import annotations

import math
import re
from decimal import Context, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from typing import Any

from claimdesk.extract.types import Value

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "幺": 1, "壹": 1, "二": 2, "两": 2, "俩": 2, "贰": 2,
    "三": 3, "叁": 3, "参": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# 兆 is 10^12 here, as in modern Taiwanese and mainland news (4.08兆元), not the old 10^6.
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8, "兆": 10**12}

# Longer numerals than this are not numbers a reporter wrote; refusing them keeps parsing linear
# and keeps Decimal/int conversion of a 200,000-digit run from blowing up.
MAX_NUMERAL_CHARS = 64
# Values beyond 10^30 are garbage in news text (and would not fit a float meaningfully).
MAX_EXPONENT = 30
# A whole value from 2^63 up (in size) is returned as a float: SQLite's INTEGER is 64-bit signed.
MAX_INT = 2**63
_CONTEXT = Context(prec=80)
_DROPPED = str.maketrans("", "", " 多余几")

# A plain Arabic number. Thousands separators must group exactly three digits: 1,200 is 1200
# but 1,2 (as in the misprint 1,2萬臺) is malformed, never 12.
ARABIC_RE = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
)
# An Arabic number with no exponent, as ARABIC_RE reads it.
_PLAIN_ARABIC_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]*\.[0-9]+")
# A run of scale words ends a section: 47|亿, 4.78|万亿, 四千|万|零六.
_BIG_RUN_RE = re.compile(r"([万亿兆]+)")
# Tokens of a section below 万: an Arabic number, one Chinese digit, or a small unit.
_SECTION_TOKEN_RE = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|.")
# Chinese decimal point: 二点五亿 = 2.5 × 10^8, 十五点七 = 15.7.
# 两 is never a decimal digit: 一点两小时 is not 1.2 hours.
DECIMAL_DIGITS = "".join(ch for ch in DIGITS if ch not in "两俩")
_POINT_RE = re.compile(rf"(?P<int>.*?)点(?P<frac>[0-9{DECIMAL_DIGITS}]+)(?P<big>[万亿兆]*)")
_PURE_CHINESE_RE = re.compile(r"[〇零一二两俩三四五六七八九幺壹贰叁参肆伍陆柒捌玖廿十拾百佰千仟]+")


def to_value(number: Decimal | None) -> Value | None:
    """An exact Decimal as the record's Value: int when whole, float otherwise.

    Every value the numeral layer computes is finalized here. None (malformed) for a value that
    is not finite; a float for a whole value too big for SQLite's 64-bit INTEGER (99999999999999
    億元 is 9.9999999999999e21), since the database stores a float as REAL but refuses such an int.
    """
    if number is None or not number.is_finite() or number.adjusted() > MAX_EXPONENT:
        return None
    if number == number.to_integral_value():
        whole = int(number)
        if -MAX_INT < whole < MAX_INT:
            return whole
    value = float(number)
    return value if math.isfinite(value) else None


def parse_arabic(text: str) -> Decimal | None:
    """1,200 → 1200; 10,000.233 → 10000.233; 1,2 → None (a comma must group three digits)."""
    if len(text) > MAX_NUMERAL_CHARS or not ARABIC_RE.fullmatch(text):
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.adjusted() <= MAX_EXPONENT else None


def parse_numeral(text: str) -> Decimal | None:
    """Any numeral as written (spaces allowed): 47亿 → 4700000000, 负三十二 → -32, 1,2万 → None."""
    # Checked before the cache, so a 200,000-digit run is never kept as a cache key.
    if len(text) > MAX_NUMERAL_CHARS:
        return None
    # Plain digits, the most common numeral, are read directly and kept out of the cache: on a
    # corpus they are mostly different, so caching them would only push out the Chinese ones.
    # So are other Arabic numbers with no exponent (12.5, 1,234.5): _parse_numeral reads them
    # to the same Decimal (adding it to 0 and multiplying it by 1 keep its exponent), through a
    # decimal context, a split and three regexes.
    if (text.isdigit() and text.isascii()) or _PLAIN_ARABIC_RE.fullmatch(text):
        number = Decimal(text.replace(",", ""))
        return number if number.adjusted() <= MAX_EXPONENT else None
    return _parse_numeral(text)


def numeral_value(text: str) -> Value | None:
    """to_value(parse_numeral(text)), with a numeral of up to 18 plain digits (under 2^63)
    read as an int directly."""
    if len(text) <= 18 and text.isdigit() and text.isascii():
        return int(text)
    return to_value(parse_numeral(text))


@lru_cache(maxsize=8192)
def _parse_numeral(text: str) -> Decimal | None:
    # 十多万, 500余万, 二十几万: the approximate marker does not change the stated base.
    text = text.translate(_DROPPED)
    if not text or not text.strip("-负.点"):
        return None
    if text.endswith("k"):  # 15k
        thousands = _parse_numeral(text[:-1])
        return thousands * 1000 if thousands is not None else None
    sign = 1
    if text[0] in "-负":
        sign, text = -1, text[1:]
    with localcontext(_CONTEXT):
        number = _parse_unsigned(text)
        if number is None or number.adjusted() > MAX_EXPONENT:
            return None
        return sign * number


def _parse_unsigned(text: str) -> Decimal | None:
    point = _POINT_RE.fullmatch(text)
    if point:
        whole = _parse_integer(point["int"]) if point["int"] else Decimal(0)
        if whole is None:
            return None
        fraction = Decimal("0." + "".join(str(_digit(ch)) for ch in point["frac"]))
        return (whole + fraction) * _multiplier(point["big"])
    return _parse_integer(text)


def _digit(ch: str) -> int:
    return int(ch) if ch.isascii() else DIGITS[ch]


def _multiplier(run: str) -> int:
    result = 1
    for ch in run:
        result *= BIG_UNITS[ch]
    return result


def _parse_integer(text: str) -> Decimal | None:
    """Sections between scale words, combined: (4569万8311)亿4872万5382."""
    parts = _BIG_RUN_RE.split(text)
    total = Decimal(0)
    highest = 0
    last_multiplier = 1
    # parts alternates section, scale run, section, ...; the last section has no scale.
    for index in range(0, len(parts) - 1, 2):
        section, run = parts[index], parts[index + 1]
        if section == "" and index > 0:
            return None  # 亿万 or 万零万: two scale runs with nothing between
        value = _parse_section(section) if section else Decimal(1)
        if value is None:
            return None
        last_multiplier = _multiplier(run)
        if last_multiplier > highest:
            total = (total + value) * last_multiplier
            highest = last_multiplier
        else:
            total += value * last_multiplier
    tail = parts[-1]
    if not tail:
        return total if len(parts) > 1 else None
    after_zero = tail[0] in "零〇"
    tail = tail.lstrip("零〇") if len(parts) > 1 else tail
    if not tail:
        return total
    value = _parse_section(tail)
    if value is None:
        return None
    # 一万三 is 13000 and 九十二万四 is 924000: one digit after a scale word counts in the next
    # unit down, unless a 零 says it is units (五亿零六 = 500000006).
    if len(parts) > 1 and not after_zero and len(tail) == 1:
        value *= Decimal(last_multiplier) / 10
    return total + value


def _parse_section(section: str) -> Decimal | None:
    """A number below 万: 4.78, 1,200, 两千四百五, 5千, 1千零20, 二〇二二, 廿二."""
    if section.isascii():
        return parse_arabic(section)
    one = _ONE_CHARACTER.get(section)
    if one is not None:
        return one
    if _PURE_CHINESE_RE.fullmatch(section):
        try:
            return Decimal(str(_cn2an()(section, "normal")))
        except (ValueError, KeyError, IndexError):
            pass  # cn2an rejects 零十 and 一百零十; the reading below accepts them
    return _parse_mixed_section(section)


# One digit or unit (三, 百) is read from the tables, as cn2an reads it: most articles then
# never need cn2an, whose import costs every command a tenth of a second.
_ONE_CHARACTER = {ch: Decimal(value) for ch, value in (DIGITS | SMALL_UNITS).items()}


@lru_cache(maxsize=1)
def _cn2an() -> Any:
    import cn2an

    return cn2an.cn2an


def _parse_mixed_section(section: str) -> Decimal | None:
    total = Decimal(0)
    current: Decimal | None = None
    current_chars = 0
    last_unit = 0
    after_zero = False
    for token in _SECTION_TOKEN_RE.findall(section):
        if token in "零〇":
            after_zero = True
        elif token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if last_unit and unit >= last_unit:
                return None  # 五十千: units must fall
            total += (current if current is not None else 1) * unit
            current, last_unit, after_zero = None, unit, False
        elif token in DIGITS or token[0].isascii():
            if current is not None:
                return None
            current = Decimal(DIGITS[token]) if token in DIGITS else parse_arabic(token)
            if current is None:
                return None
            current_chars = len(token)
        else:
            return None
    if current is not None:
        # 两千六 = 2600, but 十五 = 15 and 一千零六 = 1006.
        if last_unit >= 100 and not after_zero and current_chars == 1:
            current *= Decimal(last_unit) / 10
        total += current
    return total
