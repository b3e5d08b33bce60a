"""find_numbers: spans, dates, ranges, model names and the regexes behind them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract import find_numbers, is_model_name
from claimdesk.extract.patterns import ALTERNATIVES, FIRST_CHARS, NUMBER_RE, UNGUARDED_NUMBER_RE
from claimdesk.extract.script import fold
from claimdesk.extract.types import NumberMatch
from claimdesk.extract.units import CURRENCY_PREFIXES, SUFFIXES

SEED = Path(__file__).resolve().parent / "fixtures" / "articles" / "seed.txt"


def only(text: str) -> NumberMatch:
    matches = find_numbers(text)
    assert len(matches) == 1, matches
    return matches[0]


def summary(text: str) -> list[tuple[str, object, object]]:
    return [(m.text, m.value, m.unit) for m in find_numbers(text)]


def test_spans_are_offsets_into_the_original_traditional_text() -> None:
    text = "剛剛解鎖萬億美元市值,融資47億元人民幣"
    for match in find_numbers(text):
        assert text[match.start : match.end] == match.text


def test_folding_keeps_length() -> None:
    text = "萬億兩點個臺週 ３０％ ４，５６５"
    assert len(fold(text)) == len(text)


def test_full_width_comma_between_full_width_digits_is_a_thousands_separator() -> None:
    assert only("４，５６５").value == 4565


def test_full_width_comma_between_ascii_digits_is_clause_punctuation() -> None:
    assert [m.value for m in find_numbers("$20，300美圆")] == [20, 300]


def test_bare_wan_yi_before_a_currency() -> None:
    match = only("解鎖萬億美元市值")
    assert (match.text, match.value, match.unit) == ("萬億美元", 10**12, "USD")


def test_wan_alone_is_no_number() -> None:
    assert find_numbers("萬里長征") == []


def test_malformed_numeral_keeps_span_and_unit() -> None:
    match = only("出貨1,2萬臺")
    assert (match.text, match.value, match.unit) == ("1,2萬臺", None, "count")


def test_year() -> None:
    match = only("成立于2019年")
    assert (match.value, match.unit, match.kind) == (2019, "year", "date")


@pytest.mark.parametrize("text", ["2020-2023年", "2020~2023年", "2020〜2023年", "2020年至2023年"])
def test_year_range(text: str) -> None:
    match = only(text)
    assert (match.value, match.value_max, match.unit, match.kind) == (2020, 2023, "year", "date")


def test_decade_of_last_century() -> None:
    match = only("相比上世紀90年代就已經")
    assert (match.text, match.value, match.value_max) == ("上世紀90年代", 1990, 1999)


def test_month_is_yyyymm() -> None:
    assert (only("截至2022年6月").value, only("2022年6月").unit) == (202206, "month")


def test_day_is_yyyymmdd() -> None:
    assert (only("2022年6月30日").value, only("2022年6月30日").unit) == (20220630, "day")


def test_quarter_is_yyyyq() -> None:
    match = only("2025年第二季度")
    assert (match.value, match.unit) == (20252, "quarter")


def test_chinese_digit_year() -> None:
    assert only("二〇一八年七月四日").value == 20180704


@pytest.mark.parametrize(
    "text", ["今年", "去年", "今年6月", "6月", "第二季度", "第三季", "Q2", "上半年", "前天"]
)
def test_relative_dates_have_no_value(text: str) -> None:
    match = only(text)
    assert (match.text, match.value, match.unit, match.kind) == (text, None, "relative", "date")


def test_n_year_low_is_a_duration() -> None:
    assert (only("創10年新低").text, only("創10年新低").unit) == ("10年", "year")


def test_duration_year_after_a_cue() -> None:
    assert (only("近3年").unit, only("10年内").kind) == ("year", "duration")


def test_two_digit_year_without_a_cue_is_ambiguous_and_bare() -> None:
    assert (only("成立18年").text, only("成立18年").unit) == ("18", None)


def test_range_gives_both_ends() -> None:
    match = only("3至5倍")
    assert (match.value, match.value_max, match.unit) == (3, 5, "x")


def test_percent_range() -> None:
    assert (only("3-5%").value, only("3-5%").value_max) == (3, 5)


def test_low_end_borrows_the_scale_word() -> None:
    match = only("两到三万港元")
    assert (match.value, match.value_max, match.unit) == (20000, 30000, "HKD")


def test_dash_between_bare_numbers_is_not_a_range() -> None:
    assert [m.value for m in find_numbers("电话010-1234")] == [10, 1234]


def test_adjacent_digits_are_an_approximate_range() -> None:
    match = only("三四个")
    assert (match.value, match.value_max) == (3, 4)


@pytest.mark.parametrize(
    ("text", "digits"),
    [("A800芯片", "800"), ("BR100", "100"), ("INT8上", "8"), ("MI300X", "300"), ("5G", "5"),
     ("2.5D", "2.5"), ("COVID-19", "19"), ("D85", "85")],
)  # fmt: skip
def test_numbers_glued_to_latin_letters_have_no_unit(text: str, digits: str) -> None:
    match = only(text)
    assert (match.text, match.unit, match.kind) == (digits, None, None)
    assert is_model_name(text, match.start, match.end)


def test_a_unit_word_ends_the_number_before_latin_letters() -> None:
    assert only("2000款GPU").unit == "count"


def test_latin_unit_is_not_a_model_name() -> None:
    assert only("350W的能耗").unit == "W"


def test_chinese_named_model_is_a_bare_number() -> None:
    assert only("含光800").unit is None


@pytest.mark.parametrize(
    "text", ["一般", "之一。", "两岸关系", "一切", "四川", "陆地", "收拾", "千万别"]
)
def test_lone_chinese_digit_inside_a_word_is_not_a_number(text: str) -> None:
    assert find_numbers(text) == []


def test_lone_chinese_digit_with_a_measure_word_is_a_count() -> None:
    assert (only("一家企业").value, only("一家企业").unit) == (1, "count")


def test_ordinal() -> None:
    assert (only("第二款").value, only("第二款").unit) == (2, "ordinal")


def test_fraction() -> None:
    match = only("三分之一")
    assert (match.unit, match.kind) == ("fraction", "ratio")
    assert match.value == pytest.approx(1 / 3)


def test_bai_fen_wei_does_not_extend_the_percentage() -> None:
    assert summary("百分之七十百分位") == [("百分之七十", 70, "%")]


def test_approximate_marker_stays_in_the_span() -> None:
    assert (only("2000余元").text, only("2000余元").value) == ("2000余元", 2000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("$1 trillion", (10**12, "USD")), ("1.5 million", (1_500_000, None)),
     ("20 percent", (20, "%")), ("3x faster", (3, "x")), ("$4.2bn", (4_200_000_000, "USD"))],
)  # fmt: skip
def test_english_figures(text: str, expected: tuple[object, object]) -> None:
    match = only(text)
    assert (match.value, match.unit) == expected


def test_english_bare_count() -> None:
    match = only("2,000 apps")
    assert (match.text, match.value, match.kind) == ("2,000", 2000, "count")


def test_zero_to_the_power_zero_is_none_not_an_exception() -> None:
    # Found by fuzzing: Decimal raised InvalidOperation on 0^0.
    assert [m.value for m in find_numbers("0^0 0^-1")] == [None, None]


def test_power() -> None:
    assert only("2^-1").value == 0.5


def test_sign_is_not_taken_from_a_hyphen() -> None:
    assert only("X-5").value == 5


def test_first_character_guard_loses_no_match() -> None:
    # NUMBER_RE checks a class of possible first characters before trying every alternative;
    # a character missing from that class would silently drop matches.
    text = fold(SEED.read_text(encoding="utf-8")) + fold(
        "US$3 NT$5 HK$2 RMB 5 人民币5元 港币3元 新台币2元 台币1元 ¥3 €4 £5 -3% .5 负三 参佰 〇 "
        "今年 去年 前年 明年 同期 本月 上月 下月 昨天 第二 翻番 打对折 半成 Q3 上世纪90年代 "
        "二十世纪九十年代 千分之五 万分之三 十五 百分之三 五折 两万 廿二，20世纪90年代，1990年代，"
        "1至3月，1~3月，1-3月，1—10月份，1 至 3月，3月，30日，1号，1季度，2季，12月31日，一至三月"
    )
    guarded = [m.span() for m in NUMBER_RE.finditer(text)]
    assert guarded == [m.span() for m in UNGUARDED_NUMBER_RE.finditer(text)]


# Pieces of text the guards of NUMBER_RE test, and their neighbours: digit runs, the words after
# a figure that make it a date, a decade or a range, and the first characters of every
# alternative. Texts are built from pieces so that 1990 meets 年代 and 1 meets 季度 often.
GUARD_PIECES = [
    *"0123456789 .,-~—–/月日号季年上下个半今去前明同本昨第Q一二三四五六七八九十两百千万亿元%$的a",
    "20", "90", "1990", "2024", "12", "31", "1,000", "3.5",
    "年代", "世纪", "季度", "月份", "至", "到", "上世纪", "二十世纪", "人民币", "US$", "HK$",
    "新台币", "翻番", "对折", "半成", "百分之", "分之", "每",
    "点", "五点七", "3万4000", "1千零20", "12万3,456", "15k", "十多万", "7 万5 千4 百", "参佰",
    "兆", "千米", "多", "几",
    # what a fraction or a range goes on with (patterns._GOES_ON), after a unit or not
    "又", "^", "分", "之", "倍", "TOPS", "个月", "  ",
    # the numerals dates and relative dates are read from
    "二〇二四", "〇", "零", "三十一", "十二", "二十", "1990/", "2024/25", "上个世纪90年代",
]  # fmt: skip


@pytest.mark.parametrize("unit", [*SUFFIXES, *CURRENCY_PREFIXES, "年", "日"])
def test_units_grouped_by_first_character_match_as_the_plain_alternation(unit: str) -> None:
    # NUMBER_RE's units and currency prefixes are grouped by their first character; the plain
    # alternation (FIRST_CHARACTER_ONLY) is what they must match, longest first, guards and all.
    followers = ["", "元", "年", "人", "为", "周年", "湾", "s", " ", "至5", "-5", "亿"]
    for text in [f"3{unit}{after}" for after in followers] + [
        f"{unit}3",
        f"3 {unit}",
        f"3-5{unit}",
    ]:
        guarded = [(m.span(), m.groupdict()) for m in NUMBER_RE.finditer(text)]
        assert guarded == [(m.span(), m.groupdict()) for m in FIRST_CHARACTER_ONLY.finditer(text)]


# The alternatives behind the first-character guard alone (a figure never starts with a blank,
# though a decade's pattern may): what NUMBER_RE's guards on each alternative must not change.
FIRST_CHARACTER_ONLY = re.compile(rf"(?=[{FIRST_CHARS}])(?:{ALTERNATIVES})")


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(GUARD_PIECES), max_size=8).map("".join))
def test_guards_match_exactly_what_the_unguarded_alternatives_match(text: str) -> None:
    # Every look-ahead in NUMBER_RE is only a shortcut: the same spans and the same groups.
    guarded = [(m.span(), m.groupdict()) for m in NUMBER_RE.finditer(text)]
    assert guarded == [(m.span(), m.groupdict()) for m in FIRST_CHARACTER_ONLY.finditer(text)]


@pytest.mark.parametrize("first", GUARD_PIECES)
def test_guards_on_every_pair_of_pieces(first: str) -> None:
    for second in GUARD_PIECES:
        text = first + second
        guarded = [(m.span(), m.groupdict()) for m in NUMBER_RE.finditer(text)]
        expected = [(m.span(), m.groupdict()) for m in FIRST_CHARACTER_ONLY.finditer(text)]
        assert guarded == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990年代", ("1990年代", 1990, 1999)),
        ("2000年代初", ("2000年代", 2000, 2009)),
        ("90年代", ("90年代", 1990, 1999)),
        ("上世紀90年代", ("上世紀90年代", 1990, 1999)),
    ],
)
def test_a_decade_is_a_range_of_years_however_written(
    text: str, expected: tuple[str, int, int]
) -> None:
    match = only(text)
    assert (match.text, match.value, match.value_max, match.unit) == (*expected, "year")


def test_seed_article_key_figures() -> None:
    found = {(m.text, m.value, m.unit) for m in find_numbers(SEED.read_text(encoding="utf-8"))}
    assert {
        ("47億元人民幣", 4_700_000_000, "CNY"),
        ("2020-2023年", 2020, "year"),
        ("2.8倍", 2.8, "x"),
        ("3958 TOPS", 3958, "TOPS"),
        ("350W", 350, "W"),
        ("770億顆", 77_000_000_000, "count"),
        ("30周", 30, "week"),
        ("18個月", 18, "month"),
        ("2025年第二季度", 20252, "quarter"),
        ("1,2萬臺", None, "count"),
    } <= found


@pytest.mark.parametrize("text", ["1至9月", "1—10月份", "1-10月", "1~3月"])
def test_month_range_is_one_relative_date_not_a_range_of_numbers(text: str) -> None:
    match = only(text)
    assert (match.text, match.value, match.unit, match.kind) == (text, None, "relative", "date")


@pytest.mark.parametrize("text", ["昨（17）日", "今(17)日", "今（ 17 ）日"])
def test_taiwanese_bracketed_day_is_one_relative_date(text: str) -> None:
    match = only(text)
    assert (match.text, match.unit, match.kind) == (text, "relative", "date")


def test_quarter_without_du_after_a_year_is_a_quarter() -> None:
    match = only("2025年第二季")
    assert (match.value, match.unit) == (20252, "quarter")


def test_arabic_digits_after_a_scale_word_keep_their_thousands_separator() -> None:
    match = only("12萬3,456人次")
    assert (match.text, match.value, match.unit) == ("12萬3,456人次", 123456, "count")


def test_comma_right_after_a_scale_word_still_breaks_the_figure() -> None:
    assert [m.text for m in find_numbers("規模達12萬,300家")] == ["12萬", "300家"]


@pytest.mark.parametrize(("text", "last"), [("2024/25年度", 2025), ("1999/00年度", 2000)])
def test_fiscal_year_with_a_slash_is_a_year_range_not_a_fraction(text: str, last: int) -> None:
    match = find_numbers(text)[0]
    assert (match.value_max, match.unit, match.kind) == (last, "year", "date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 成 is tenths and 折 a discount only up to the whole: beyond, the number is no share
        # and keeps the value it is written with (it was multiplied as if it were one).
        ("佔30成", ("30", 30, None, None)),
        ("達120成", ("120", 120, None, None)),
        ("約50至120成", ("50至120", 50, 120, None)),
        ("打300折", ("300", 300, None, None)),
        ("逾八成", ("八成", 80, None, "%")),
        ("打7折", ("7折", 70, None, "%")),
    ],
)
def test_a_number_too_large_for_a_share_is_read_without_the_unit(
    text: str, expected: tuple[str, int, int | None, str | None]
) -> None:
    assert [(n.text, n.value, n.value_max, n.unit) for n in find_numbers(text)] == [expected]
