"""Calendar dates, decades and relative dates, as regex fragments and their values.

How a date is represented in a NumberMatch (kind "date"); `unit` gives the precision:
- unit "year":    value 2019                  (2019年, 二〇一九年)
- unit "year":    value 2019, value_max 2021  (2019-2021年, 2020~2023年, 2020年至2023年,
                                               the fiscal year 2024/25年度 → 2024..2025)
- unit "year":    value 1990, value_max 1999  (上世纪90年代, 1990年代)
- unit "month":   value 202206 = YYYYMM       (2022年6月)
- unit "day":     value 20220630 = YYYYMMDD   (2022年6月30日)
- unit "day":     value 20230501, value_max 20230503 (2023年5月1日至3日, a range of days)
- unit "quarter": value 20252 = YYYYQ         (2025年第二季度, 2025年Q2)
- unit "relative": value None                 (今年, 去年, 今年6月, 6月, 1至9月, 30日, 第二季度, Q2)
  A relative date names a time only against the article's date, which the numeral layer does
  not know; the claim layer flags it ("relative_time").
"""

from __future__ import annotations

import re

from claimdesk.extract.numerals import parse_numeral

# Four Arabic digits from 1000 to 2999, or four Chinese digits (二〇二二), not inside a longer
# number: 12019年 is no year.
YEAR = r"(?<![0-9])(?:1[0-9]{3}|2[0-9]{3})(?![0-9])|[一二][〇零一二三四五六七八九]{3}"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?![0-9])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# 第三季 without 度 is the Taiwanese spelling; a bare 三季 needs its 度; 每一季度 is "each quarter"
# and no date.
QUARTER = r"第[一二三四1-4]季度?|(?<!每)[一二三四1-4]季度|Q[1-4](?![0-9])"
RANGE_SEP = r" *+(?:-{1,2}|~|至|到|—{1,2}|–) *+"
# 5月1日至3日, 12月30日至1月2日: a range of days is one date, to its last day (the 3日 is no
# day of its own).
_DAY_RANGE_END_GROUPS = rf"(?:{RANGE_SEP}(?:(?P<month_end>{MONTH})月)?(?P<day_end>{DAY})[日号])?"
DAY_RANGE_END = re.sub(r"\(\?P<\w+>", "(?:", _DAY_RANGE_END_GROUPS)  # for RELATIVE: no groups

# 2019-2021年 / 2020年至2023年 / 2022年6月30日 / 2025年第二季度: a year decides the date. Not
# 1990年代, the decade below (tried after this).
DATE = (
    rf"(?P<year>{YEAR})(?:年?{RANGE_SEP}(?P<year_end>{YEAR})|/(?P<fiscal_end>[0-9]{{2}}))?年(?!代)"
    rf"(?: *+(?:(?P<month>{MONTH})月(?:(?P<day>{DAY})[日号]{_DAY_RANGE_END_GROUPS})?"
    rf"|(?P<quarter>{QUARTER})))?"
)
# 上世纪90年代 / 1990年代 / 九十年代: a decade is a year range.
DECADE = (
    r"(?P<century>上个?世纪|20世纪|二十世纪)? *+"
    r"(?P<decade>(?<![0-9])(?:[0-9]0|1[0-9]{2}0|2[0-9]{2}0)|[一二三四五六七八九]十)年代"
)
DATE_RE = re.compile(DATE)  # each alone, for their groups (patterns.READ_AGAIN)
DECADE_RE = re.compile(DECADE)
# 今年 / 去年第二季度 / 今年6月 / 6月30日 / Q2: a date only against the article's own date.
# Taiwanese papers write the day of 今天/昨天 in brackets: 今（17）日 is one date, not 17 things.
# A bare day (30日) is relative unless 内 follows: 30日内 is a duration.
# 1至9月 / 1—10月份: the months of the current year so far, one relative date, not a range of
# bare numbers.
MONTH_RANGE = rf"(?<![0-9]){MONTH}月?{RANGE_SEP}{MONTH}月份?"
RELATIVE = (
    rf"{MONTH_RANGE}"
    rf"|(?:(?:今|去|前|明)年|同期)"
    rf"(?: *+(?:{MONTH}月(?:{DAY}[日号]{DAY_RANGE_END})?|{QUARTER}|[上下]半年))?"
    rf"|前一(?:周|星期|天|日|个月|年)|(?:本|上|下)个?月"
    rf"|(?:今|昨|明|前)(?: *+\( *+{DAY} *+\))?[天日]|[上下]半年|本季度|上季度"
    rf"|(?<![0-9]){MONTH}月(?:{DAY}[日号]{DAY_RANGE_END})?|(?<![0-9A-Za-z]){QUARTER}"
    rf"|(?<![0-9]){DAY}[日号](?![内本元圆币])"
)
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _number(text: str) -> int:
    value = parse_numeral(text)
    return int(value) if value is not None else 0


def _year(text: str) -> int:
    # 二〇二二 is read digit by digit; parse_numeral does that for pure digit runs.
    return _number(text)


def fiscal_year_end(year: int, short: str) -> int:
    """2024/25年度 ends in 2025, 1999/00 in 2000: the two digits are the end's last two."""
    end = year // 100 * 100 + int(short)
    return end if end > year else end + 100


def date_value(match: re.Match[str]) -> tuple[int, int | None, str]:
    """(value, value_max, unit) of a DATE match."""
    year = _year(match["year"])
    if match["year_end"]:
        return year, _year(match["year_end"]), "year"
    if match["fiscal_end"]:
        return year, fiscal_year_end(year, match["fiscal_end"]), "year"
    if match["quarter"]:
        digit = match["quarter"].strip("第季度Q")
        quarter = int(digit) if digit.isdigit() else QUARTERS[digit]
        return year * 10 + quarter, None, "quarter"
    if match["month"]:
        month = _number(match["month"])
        if match["day"]:
            first = (year * 100 + month) * 100 + _number(match["day"])
            return first, _last_day(year, month, match), "day"
        return year * 100 + month, None, "month"
    return year, None, "year"


def _last_day(year: int, month: int, match: re.Match[str]) -> int | None:
    """The last day of 5月1日至3日 (20230503), of 12月30日至1月2日 in the next year; None for a
    single day, or a range that ends before it starts."""
    if not match["day_end"]:
        return None
    month_end = _number(match["month_end"]) if match["month_end"] else month
    year_end = year + 1 if month_end < month else year
    last = (year_end * 100 + month_end) * 100 + _number(match["day_end"])
    first = (year * 100 + month) * 100 + _number(match["day"])
    return last if last > first else None


def decade_value(match: re.Match[str]) -> tuple[int, int]:
    """First and last year of a DECADE match: 上世纪90年代 → (1990, 1999)."""
    decade = _number(match["decade"])
    if decade < 100:
        # 上世纪/20世纪 say 1900s; a bare 90年代 in today's news is the 1990s, 20年代 the 2020s.
        century = 1900 if match["century"] or decade > 20 else 2000
        decade += century
    return decade, decade + 9
