"""find_numbers: every numeric expression in an article, with exact values and units.

Conventions the claim layer relies on (see also dates.py and units.py):
- Offsets are Python str offsets into the original text: `text == article[start:end]`.
- `value` is in base units with scale words multiplied out: 47億元 → 4700000000, unit "CNY";
  4.08兆 → 4080000000000 (兆 = 10^12). A malformed numeral (1,2萬) keeps its span and unit
  with value None. A numeral longer than MAX_NUMERAL_CHARS is malformed too; one whose tail
  NUMERAL cut at that bound (百百百…, 零1零1…) is a single figure with no value and no unit.
  A whole value of 2^63 or more is a float (see numerals.to_value).
- Ranges give both ends: 2019-2021年 → 2019..2021; 3至5倍 → 3..5 x; 两到三万 → 20000..30000.
- Dates are kind "date" with the precision as unit (year, month = YYYYMM, day = YYYYMMDD,
  quarter = YYYYQ); decades are year ranges (上世纪90年代 → 1990..1999); relative dates
  (今年, 去年, 今年6月, 6月, Q2) are kind "date", unit "relative", value None.
- Durations are kind "duration": 30周 → 30 week, 18个月 → 18 month, 近3年 → 3 year. A two-digit
  N年 with no duration cue (成立18年? or '18 = 2018?) is ambiguous and comes back bare.
- Ordinals (第二款) are unit "ordinal", kind None. Fractions (三分之一) are unit "fraction",
  kind "ratio", value 1/3.
- Numbers glued to Latin letters are product or model names (A800, BR100, INT8, MI300X, 5G,
  2.5D, COVID-19): unit None and kind None, whatever follows. `is_model_name(article, start,
  end)` says the same for any span. Chinese-named models (含光800, 昇腾910) are bare numbers
  (unit None): telling them apart from claims needs the claim layer's context.
- 多/余/几 stay inside the span (2000余元, 十多万) and the value is the stated base; the claim
  layer reads them as a lower bound.
- A lone Chinese digit with no unit (一般, 之一, 两岸) is not returned; 一家 (count 1) is.
- Figures written in several units are one (compound.py): 2小时05分30秒 and 1:02:03 are
  durations in seconds, 3比1 in a contest a score (kind "score", value None); a clock time
  (下午3时15分, 3:15 p.m.) is not returned.
- A bare number glued after a noun of quantity (员工800，) is a count (counted_noun_before).
"""

from __future__ import annotations

import re
from decimal import Decimal

from claimdesk.extract.compound import join_compounds
from claimdesk.extract.dates import DATE_RE, DECADE_RE, date_value, decade_value
from claimdesk.extract.english import english_figures
from claimdesk.extract.numerals import (
    MAX_EXPONENT,
    MAX_NUMERAL_CHARS,
    numeral_value,
    parse_numeral,
    to_value,
)
from claimdesk.extract.patterns import (
    NUMBER_RE,
    NUMERAL_GROUPS,
    NUMERAL_TAIL,
    NUMERAL_TAIL_RUN,
    PERCENT_PREFIX_RE,
    WORD_PERCENTS,
)
from claimdesk.extract.script import fold
from claimdesk.extract.types import Kind, NumberMatch
from claimdesk.extract.units import (
    CURRENCY_PREFIXES,
    DOUBLING_RE,
    DOUBLINGS,
    ENGLISH_SCALES,
    QUANTITY_NOUN_ENDS,
    SUFFIXES,
    Unit,
    discount_percent,
    unit_fits,
)

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FINANCIAL = frozenset("壹贰叁参肆伍陆柒捌玖拾佰仟")
_SCALE_CHARS = frozenset("十拾百佰千仟万亿兆k")
_PAIR_DIGITS = "〇一二三四五六七八九"
_ASCII_DIGITS = frozenset("0123456789")
# Before N年, these make it a span of years (近3年, 长达10年); after it, 内/来/以上 do.
_YEAR_CUE_BEFORE = re.compile(
    r"(?:近|长达|过去|未来|历时|连续|超过|不到|约|仅|花了|用了|耗时|至少|达) *$"
)
_YEAR_CUE_AFTER = re.compile(r"^(?:内|来|间|后|前|多|半|以上|以下|以内|之内|左右|的时间|新高|新低)")
# An English count: 2,000 apps. The noun is not part of the span.
_ENGLISH_PLURAL = re.compile(r" [a-z]{2,}s\b")


def is_model_name(text: str, start: int, end: int) -> bool:
    """True when the span is glued to Latin letters: A800, INT8, MI300X, 5G, 2.5D, COVID-19."""
    return _letter_before(text, start) or _letter_at(text, end)


def _letter_before(text: str, start: int) -> bool:
    if start > 1 and text[start - 1] == "-":
        start -= 1  # COVID-19, MI-300
    return start > 0 and text[start - 1] in _LATIN


def _letter_at(text: str, index: int) -> bool:
    return index < len(text) and text[index] in _LATIN


def find_numbers(text: str) -> list[NumberMatch]:
    """Every numeric expression in `text`, in order, with spans into `text` itself."""
    return scan(text, fold(text))


def scan(text: str, folded: str) -> list[NumberMatch]:
    """find_numbers for a caller that has already folded the text (the claim layer)."""
    found: list[NumberMatch] = []
    skip_to = 0  # the end of an overlong numeral: matches before it are pieces of it
    for match in NUMBER_RE.finditer(folded):
        start, end = match.span()
        # One test for the rare cases, as it is made for every figure: a piece of an overlong
        # numeral, or a match longer than MAX_NUMERAL_CHARS, which may hold one cut at the bound.
        if end - start > MAX_NUMERAL_CHARS or start < skip_to:
            if start < skip_to:
                continue
            overlong = _overlong_end(folded, match)
            if overlong is not None:
                found.append(NumberMatch(start, overlong, text[start:overlong], None, None))
                skip_to = overlong
                continue
        for start, end, value, unit, kind, value_max in _read(folded, match):
            if (
                start
                and folded[start] in _VAGUE_SCALES
                and value is not None
                and not folded.startswith(_PER, start)
            ):
                vague = _vague_start(folded, start)
                if vague is not None and value_max is None:
                    start, value_max = vague, value * 10
            found.append(NumberMatch(start, end, text[start:end], value, unit, kind, value_max))
            if end > match.end():  # 8成3 reads on past its match: 3 is part of it
                skip_to = end
    return join_compounds(text, folded, english_figures(text, folded, found))


# 數百億元, 數十萬人, 幾千人, 上百家: a vague magnitude is a range from the scale word's value to
# ten times it (數百億 is 1e10 to 1e11; "at least two hundred 億" would be as fair a reading,
# we keep the order of magnitude). Never one value: 數十億 is not 1e9.
_VAGUE_SCALES = frozenset("十百千万亿")
_VAGUE_BEFORE = frozenset("数几")
_PER = ("百分", "千分", "万分")  # 以上百分之五 is 5 %, not a vague 上百


def _vague_start(folded: str, start: int) -> int | None:
    before = folded[start - 1]
    if before in _VAGUE_BEFORE:
        return start - 1 - (folded[start - 2 : start - 1] == "好")  # 好幾千
    if before == "上" and folded[start] in "百千万":
        return start - 1
    return None


def _overlong_end(folded: str, match: re.Match[str]) -> int | None:
    """Where a numeral of `match` that NUMERAL cut at its bound really ends, or None when none
    was cut. The whole numeral, read in bounded chunks, is one malformed figure, not a value."""
    for group in NUMERAL_GROUPS:
        end = match.end(group)
        if end >= 0 and NUMERAL_TAIL.match(folded, end):
            while (more := NUMERAL_TAIL_RUN.match(folded, end)) is not None:
                end = more.end()
            return end
    return None


_Reading = tuple[int, int, "int | float | None", "str | None", "Kind | None", "int | float | None"]


def _read(folded: str, match: re.Match[str]) -> list[_Reading]:
    # The outermost group of the alternative that matched (of 第N, the numeral's own group).
    alternative = match.lastgroup
    if alternative == "number":
        return _read_number(folded, match)
    start, end = match.span()
    if alternative == "relative":
        return [(start, end, None, "relative", "date", None)]
    # Their groups are not NUMBER_RE's (patterns.READ_AGAIN): the alternative is matched alone.
    if alternative == "date":
        value, value_max, unit = date_value(_again(DATE_RE, folded, start))
        return [(start, end, value, unit, "date", value_max)]
    if alternative == "ordinal":
        return [(start, end, to_value(parse_numeral(match["ordinal"])), "ordinal", None, None)]
    if alternative == "decade_all":
        first, last = decade_value(_again(DECADE_RE, folded, start))
        return [(start, end, first, "year", "date", last)]
    if alternative == "doubling":
        doublings = _again(DOUBLING_RE, folded, start)["doublings"]
        return [(start, end, 2 ** DOUBLINGS.get(doublings or "一", 1), "x", "ratio", None)]
    if alternative == "word_percent":
        return [(start, end, WORD_PERCENTS[match["word_percent"]], "%", "percent", None)]
    if alternative == "percent":
        per = parse_numeral(_again(PERCENT_PREFIX_RE, folded, start)["per"])
        number = parse_numeral(match["pn"])
        if per is None or number is None:
            return [(start, end, None, "%", "percent", None)]
        return [(start, end, to_value(number * 100 / per), "%", "percent", None)]
    return _read_number(folded, match)


def _again(alternative: re.Pattern[str], folded: str, start: int) -> re.Match[str]:
    again = alternative.match(folded, start)
    assert again is not None  # NUMBER_RE matched it here
    return again


def _read_number(folded: str, match: re.Match[str]) -> list[_Reading]:
    start, end = match.span()
    if match.span("n1") == (start, end):
        # Most figures are a bare numeral: no prefix, scale word, fraction, range or unit (each
        # of those is a non-empty group before or after n1), so none of the tests below apply.
        n1 = folded[start:end]
        if _letter_before(folded, start) or _letter_at(folded, end):
            return [(start, end, numeral_value(n1), None, None, None)]
        return _bare(folded, start, end, n1)
    # One call for the groups this reading needs, not one look-up each (a dozen per figure).
    prefix, n1, scale1, fn, slash, power, unit_lo, n2, approx, suffix, half, jiao, fen = (
        match.group(*_NUMBER_GROUPS)
    )
    low = _scaled(n1, scale1)
    if fn or slash or power:
        return [(start, end, to_value(_fraction_or_power(match, low)), "fraction", "ratio", None)]
    # A unit word ends the number: 2000款GPU is a count and 350W a power, not model names.
    if _letter_before(folded, match.start("n1")) or (not suffix and _letter_at(folded, end)):
        return [(match.start("n1"), match.end("n1"), to_value(low), None, None, None)]
    surface = _surface(suffix)
    prefix = (prefix or "").strip()
    if not surface and not prefix and not scale1 and not n2:
        return _bare(folded, start, end, n1)
    high: Decimal | None = None
    # A pair opens with two Chinese digits: a test of the first spares most figures the call.
    if n1[0] in _PAIR_DIGITS and (surface or n1[-1] in _SCALE_CHARS):
        pair = _digit_pair(n1)
        if pair:
            low, high = pair
    if n2 and unit_lo and _changes_to_level(surface, unit_lo):
        return _change_and_level(folded, match, low)
    if n2:
        high = _scaled(n2, match["scale2"])
        low = _share_scale(n1, low, n2)
        if not (surface or prefix or unit_lo) and match["sep"].strip() in "-–":
            return _split_range(folded, match)
    if surface == "年":
        return _years(folded, match, low, high)
    unit = _unit(surface, prefix)
    if unit is None:  # a prefix currency, or only an English scale / range with no unit
        kind: Kind | None = "money" if prefix else None
        return [(start, end, to_value(low), _currency(prefix), kind, to_value(high))]
    written = low, high
    low = _in_unit(low, surface, unit, half, jiao, fen)
    if high is not None:
        high = _in_unit(high, surface, unit, half, jiao, fen)
    # unit_fits tests only 成 and 折: the other units spare the call. A number that is no share
    # (30成, 300折) is read without the unit, and so keeps the value it is written with.
    if low is not None and surface in _SHARES and not unit_fits(surface, low):
        end = match.start("suffix") - (1 if approx else 0)
        return [(start, end, to_value(written[0]), None, None, to_value(written[1]))]
    if jiao is None and fen is None:
        end = match.end("half") if half else match.end("suffix")
    tenths = CHENG_TENTHS.match(folded, end) if surface == "成" and high is None else None
    if tenths is not None and low is not None and not half:
        # 一成五 is 15%, 8成3 83%: the digit after 成 is tenths of it.
        low += parse_numeral(tenths.group()) or 0
        end = tenths.end()
    code = _currency(prefix) if prefix else unit.unit
    # Most figures are no range: to_value(None) is None, without the call.
    return [(start, end, to_value(low), code, unit.kind, None if high is None else to_value(high))]


_SHARES = ("成", "折")  # the units unit_fits bounds
_NUMBER_GROUPS = (
    "prefix", "n1", "scale1", "fn", "slash", "power", "unit_lo", "n2", "approx", "suffix", "half",
    "jiao", "fen",
)  # fmt: skip


# 一成五, 8成3, 三成五: one digit after 成, standing alone (not 三成5家, 八成50%).
CHENG_TENTHS = re.compile(r"[1-9一二三四五六七八九](?![0-9.%一二三四五六七八九十百千万亿个家人元])")


def _changes_to_level(surface: str, unit_lo: str) -> bool:
    """上升12.4%至86.5億元: a change and then a level, two kinds of quantity, not a range."""
    below = SUFFIXES.get(_surface(unit_lo))
    above = SUFFIXES.get(surface) if surface else None
    # 25個基點至5.5%: both are percent-kind, but a change in bp and a level in %.
    return below is not None and (
        above is None or (above.kind, above.unit) != (below.kind, below.unit)
    )


def _change_and_level(folded: str, match: re.Match[str], low: Decimal | None) -> list[_Reading]:
    """Read the two ends of 12.4%至86.5億元 as two figures."""
    below = SUFFIXES[_surface(match["unit_lo"])]
    prefix = (match["prefix"] or "").strip()
    value = low * below.factor if low is not None else None
    first: _Reading = (
        match.start(), match.end("unit_lo"), to_value(value),
        _currency(prefix) if prefix else below.unit, below.kind, None,
    )  # fmt: skip
    second_start = match.start("prefix2") if match["prefix2"] else match.start("n2")
    second = NUMBER_RE.match(folded, second_start)
    return [first, *(_read(folded, second) if second is not None else [])]


def _fraction_or_power(match: re.Match[str], low: Decimal | None) -> Decimal | None:
    """三分之一, 一又二分之一 (1.5), 3/5, 2^-1: a fraction of what is written, or a power."""
    if low is None:
        return None
    if match["power"]:
        if len(match["power"]) > MAX_NUMERAL_CHARS:
            return None  # and int() refuses a string of more than 4,300 digits
        exponent = int(match["power"].lstrip("+-")) * (-1) ** match["power"].count("-")
        if abs(exponent) > MAX_EXPONENT or (low == 0 and exponent <= 0):
            return None  # 0^0 and 0^-1 have no value
        power: Decimal = abs(low) ** exponent
        return -power if low < 0 else power
    if match["slash"]:
        below = parse_numeral(match["slash"])
        return low / below if below else None
    denominator = parse_numeral(match["den"]) if match["den"] else low
    top = parse_numeral(match["fn"])
    if top is None or denominator is None or denominator == 0:
        return None
    if not match["den"]:
        return top / denominator
    whole = abs(low) + top / denominator  # 负一又二分之一 is -(1 + 1/2)
    return -whole if low < 0 else whole


def _scaled(numeral: str, english_scale: str | None) -> Decimal | None:
    """1.5 million, US$3.5 billion: an English scale word follows the numeral."""
    value = parse_numeral(numeral)
    if value is not None and english_scale:
        value *= ENGLISH_SCALES[english_scale.strip().lower()]  # S$75 Billion in a headline
    return value


def _share_scale(n1: str, low: Decimal | None, n2: str) -> Decimal | None:
    """两到三万 is 2万 to 3万 and 10~15k is 10k to 15k: the low end borrows the high end's
    trailing scale word when it has none and is not larger than the high end's digits."""
    if low is None or any(ch in n1 for ch in "万亿兆k"):
        return low
    stripped = n2.rstrip("万亿兆k")
    if stripped == n2:
        stripped = n2.rstrip("百佰千仟")
    base = parse_numeral(stripped) if stripped else None
    whole = parse_numeral(n2)
    if stripped == n2 or base is None or whole is None or base <= 0 or low > base:
        return low
    return low * (whole / base)


def _digit_pair(n1: str) -> tuple[Decimal, Decimal] | None:
    """三五百 is 300 to 500, 八九亿 800 million to 900 million, 七八个 seven or eight."""
    if len(n1) < 2 or n1[0] not in _PAIR_DIGITS or n1[1] not in _PAIR_DIGITS:
        return None
    first, second = _PAIR_DIGITS.index(n1[0]), _PAIR_DIGITS.index(n1[1])
    rest = n1[2:]
    if not first < second <= first + 2 or (rest and rest[0] not in _SCALE_CHARS):
        return None
    scale = parse_numeral("一" + rest) if rest else Decimal(1)
    if scale is None:
        return None
    return first * scale, second * scale


def _split_range(folded: str, match: re.Match[str]) -> list[_Reading]:
    """2022-06-30 or 010-1234: a dash between bare numbers is no range; read each alone."""
    readings: list[_Reading] = []
    for group in ("n1", "n2"):
        start, end = match.span(group)
        if folded[start] == "-":
            start += 1
        readings.append((start, end, to_value(parse_numeral(folded[start:end])), None, None, None))
    return readings


def _bare(folded: str, start: int, end: int, numeral: str) -> list[_Reading]:
    value = numeral_value(numeral)
    # Most numerals open with a digit; the others may hold one further on (-5, 两3).
    chinese = numeral[0] not in _ASCII_DIGITS and not any(
        ch.isdigit() and ch.isascii() for ch in numeral
    )
    if chinese and not _chinese_stands_alone(folded, start, end, numeral):
        return []
    unit: str | None = None
    kind: Kind | None = None
    if _ENGLISH_PLURAL.match(folded, end) or (
        not chinese and counted_noun_before(folded, start, end) is not None
    ):
        unit, kind = "count", "count"
    return [(start, end, value, unit, kind, None)]


# 公司員工800，月銷量8000。新增病例1200: a noun naming a quantity, glued to a bare number that ends
# its clause, is what the number counts. A model number follows a brand (麒麟990), not such a
# noun, and is followed by a product word or sits in a list of models (麒麟990、驍龍888).
# The noun is its last word and at most two characters before it: (該)公司員工, (新車)月銷量.
_QUANTITY_ENDS = "|".join(sorted(QUANTITY_NOUN_ENDS.split(), key=len, reverse=True))
QUANTITY_NOUN_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{0,2}}(?:{_QUANTITY_ENDS})$")
# What may follow such a count: the end of its clause, a list word, a qualifier (人數800左右) or a
# verb of change or comparison (員工800較去年增加).
CLAUSE_AFTER = re.compile(
    r"[，。；;！!？?\n)）、和及与或增减升降涨跌达超创较比多余]|左右|上下|以上|以下|,(?![0-9])|\.(?![0-9])|$"
)
_NOUN_CUT = re.compile(r".*[的和与及等在以为是了将从到被把对向由并也都还已均共]")


def counted_noun_before(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the noun a bare number counts lies before it (公司員工800，), or None."""
    if not start or not _is_han(folded[start - 1]) or CLAUSE_AFTER.match(folded, end) is None:
        return None
    noun = QUANTITY_NOUN_BEFORE.search(folded, max(0, start - 8), start)
    if noun is None:
        return None
    cut = _NOUN_CUT.match(folded, noun.start(), start)
    return (cut.end() if cut else noun.start()), start


def _chinese_stands_alone(folded: str, start: int, end: int, numeral: str) -> bool:
    """A Chinese numeral with no unit counts only when it reads as a number on its own."""
    if numeral[0] in "百佰千仟万" or (set(numeral) & _FINANCIAL and len(numeral) == 1):
        return False  # 千万别, 百度, 陆地, 收拾
    if any(ch in numeral for ch in "十拾百佰千仟万亿兆点") and len(numeral) > 1:
        return True  # 一百五十二, 十五点七
    before = folded[start - 1] if start > 0 else ""
    after = folded[end] if end < len(folded) else ""
    if before and before in "是为前":
        return True  # 答案是四, 排名前三
    return not _is_han(before) and (not _is_han(after) or after == "的")  # “一”, 三的写法


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _years(
    folded: str, match: re.Match[str], low: Decimal | None, high: Decimal | None
) -> list[_Reading]:
    start, end = match.start(), match.end("suffix")
    if match["half"]:
        end = match.end("half")
        low = low + Decimal("0.5") if low is not None else None
    n1 = match["n1"]
    # The cues matter only for a bare two-digit N年, so they are looked for only then.
    if (
        len(n1) == 2
        and n1.isdigit()
        and high is None
        and not (
            _YEAR_CUE_BEFORE.search(folded, max(0, start - 3), start)
            or _YEAR_CUE_AFTER.match(folded[end : end + 4])
        )
    ):
        return [(start, match.end("n1"), to_value(low), None, None, None)]
    return [(start, end, to_value(low), "year", "duration", to_value(high))]


def _surface(suffix: str | None) -> str:
    """The unit as keyed in SUFFIXES: "percentage points" keeps its inner space, the spaced-out
    个 百 分 点 of Recognizers-Text's specs loses it, and a word a headline capitalises (5.0 Per
    Cent, 3 YEARS) is its lower case (patterns._any_case)."""
    surface = (suffix or "").strip()
    if surface in SUFFIXES:
        return surface
    lowered = surface.lower()
    return lowered if lowered in SUFFIXES else surface.replace(" ", "")


def _unit(surface: str, prefix: str) -> Unit | None:
    if surface == "日":
        return Unit("day", "duration")
    if surface:
        return SUFFIXES[surface]
    return None


def _currency(prefix: str) -> str | None:
    return CURRENCY_PREFIXES.get(prefix) if prefix else None


def _in_unit(
    value: Decimal | None,
    surface: str,
    unit: Unit,
    half: str | None,
    jiao: str | None,
    fen: str | None,
) -> Decimal | None:
    if value is None:
        return None
    if surface == "折":
        return discount_percent(value)
    if half or "半" in surface:  # 一吨半, 三成半, 一个半月
        value += Decimal("0.5")
    value *= unit.factor
    if jiao and unit.unit == "CNY":
        value += Decimal(_digit(jiao)) / 10
    if fen and unit.unit == "CNY":
        value += Decimal(_digit(fen)) / 100
    return value


def _digit(ch: str) -> int:
    value = parse_numeral(ch)
    return int(value) if value is not None else 0
