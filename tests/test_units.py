"""Units, currencies, percentages, multiples, durations and counts after a numeral."""

from __future__ import annotations

import pytest

from claimdesk.extract import find_numbers
from claimdesk.extract.types import NumberMatch


def only(text: str) -> NumberMatch:
    matches = find_numbers(text)
    assert len(matches) == 1, matches
    return matches[0]


def test_chinese_money_scale_multiplied_out() -> None:
    match = only("融资47亿元")
    assert (match.value, match.unit, match.kind) == (4_700_000_000, "CNY", "money")


def test_renminbi_after_yuan_is_part_of_the_figure() -> None:
    assert only("47億元人民幣").text == "47億元人民幣"


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("175億美元", "USD"), ("5美金", "USD"), ("1000元", "CNY"), ("5306亿台币", "TWD"),
        ("100新台币", "TWD"), ("1.95港元", "HKD"), ("3港币", "HKD"), ("1欧元", "EUR"),
        ("1万亿日元", "JPY"), ("5日圆", "JPY"), ("3英镑", "GBP"), ("US$3", "USD"),
        ("NT$500", "TWD"), ("HK$3", "HKD"), ("¥300", "CNY"), ("€5", "EUR"), ("£2", "GBP"),
        ("$20", "USD"),
    ],
)  # fmt: skip
def test_currency_table(text: str, currency: str) -> None:
    assert only(text).unit == currency


def test_prefix_currency_wins_over_yuan() -> None:
    assert only("港币两千九百六十元").unit == "HKD"


def test_jiao_and_fen_add_to_yuan() -> None:
    assert only("123元1角1分").value == 123.11


def test_english_scale_word() -> None:
    assert only("US$3.5 billion").value == 3_500_000_000


def test_percent_sign() -> None:
    assert (only("47.2%").value, only("47.2%").unit) == (47.2, "%")


def test_full_width_percent() -> None:
    assert only("３０％").value == 30


def test_bai_fen_zhi() -> None:
    assert (only("百分之二十").value, only("百分之二十").unit) == (20, "%")


def test_cheng_is_tenths() -> None:
    assert (only("八成").value, only("八成").unit) == (80, "%")


def test_cheng_inside_a_word_is_not_a_share() -> None:
    assert only("3成为").unit is None


def test_per_mille_is_reported_as_percent() -> None:
    assert (only("千分之五").value, only("千分之五").unit) == (0.5, "%")


def test_percentage_points_are_pp() -> None:
    match = only("3个百分点")
    assert (match.value, match.unit, match.kind) == (3, "pp", "percent")


@pytest.mark.parametrize(
    ("text", "paid"), [("7折", 70), ("75折", 75), ("9.9折", 99), ("三八折", 38)]
)
def test_discount_is_the_share_paid(text: str, paid: int) -> None:
    assert only(text).value == paid


def test_bei_is_a_multiple() -> None:
    match = only("2.8倍")
    assert (match.value, match.unit, match.kind) == (2.8, "x", "ratio")


def test_doubling_word_is_two_times() -> None:
    assert (only("翻番").value, only("翻倍").unit) == (2, "x")


@pytest.mark.parametrize(("text", "times"), [("翻了一番", 2), ("翻一番", 2), ("翻了兩番", 4)])
def test_doubling_n_times_is_two_to_the_n(text: str, times: int) -> None:
    assert (only(text).text, only(text).value) == (text, times)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("350W", "W"), ("350 W", "W"), ("3958 TOPS", "TOPS"), ("5nm", "nm"), ("80GB", "GB"),
     ("3.2GHz", "GHz"), ("12千米", "km"), ("50兆瓦", "MW"), ("20万公斤", "kg"), ("1吨", "t")],
)  # fmt: skip
def test_physical_units(text: str, unit: str) -> None:
    match = only(text)
    assert (match.unit, match.kind) == (unit, "quantity")


def test_qian_before_mi_is_the_kilo_prefix_not_a_thousand() -> None:
    assert only("12千米").value == 12


def test_zhao_before_wa_is_mega_not_ten_to_the_twelfth() -> None:
    assert only("50兆瓦").value == 50


@pytest.mark.parametrize(
    ("text", "unit"),
    [("30周", "week"), ("3个星期", "week"), ("18个月", "month"), ("7天", "day"),
     ("2小时", "hour"), ("30日内", "day"), ("about 30 weeks", "week")],
)  # fmt: skip
def test_durations(text: str, unit: str) -> None:
    match = only(text)
    assert (match.unit, match.kind) == (unit, "duration")


def test_zhou_nian_is_an_anniversary_not_weeks() -> None:
    assert only("10周年").unit is None


def test_half_after_the_measure_word() -> None:
    assert (only("一个半月").value, only("一个半月").unit) == (1.5, "month")


@pytest.mark.parametrize("word", "个 款 台 臺 颗 家 辆 名 位 件 部 架 套 项 座 条 篇 次".split())
def test_measure_words_are_counts(word: str) -> None:
    match = only(f"20{word}")
    assert (match.value, match.unit, match.kind) == (20, "count", "count")


def test_person_times_is_one_count() -> None:
    assert only("300人次").text == "300人次"


def test_dozen() -> None:
    assert only("十打").value == 120


@pytest.mark.parametrize("text", ["65歲", "5岁", "18周岁"])
def test_age_is_years(text: str) -> None:
    match = only(text)
    assert (match.text, match.unit, match.kind) == (text, "year", "duration")


def test_age_before_a_monthly_salary_is_still_an_age() -> None:
    assert find_numbers("35歲月薪3萬元")[0].text == "35歲"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("rose 0.5 percentage points", "pp"), ("9 per cent", "%"), ("25 basis points", "bp")],
)
def test_english_units_of_two_words_keep_their_space(text: str, unit: str) -> None:
    assert find_numbers(text)[0].unit == unit


@pytest.mark.parametrize(("text", "value"), [("調貶38個基點", 38), ("降息25个基点", 25)])
def test_basis_points_are_bp(text: str, value: int) -> None:
    match = find_numbers(text)[0]
    assert (match.value, match.unit, match.kind) == (value, "bp", "percent")


@pytest.mark.parametrize(("text", "value"), [("收報17,236點", 17236), ("上漲120點", 120)])
def test_index_points_after_an_arabic_number(text: str, value: int) -> None:
    match = find_numbers(text)[0]
    assert (match.value, match.unit, match.kind) == (value, "point", "quantity")


@pytest.mark.parametrize("text", ["增長了一點", "下午3點半", "3點鐘"])
def test_yidian_and_clock_times_are_not_index_points(text: str) -> None:
    assert all(m.unit != "point" for m in find_numbers(text))


def test_zong_before_religion_is_no_measure_word() -> None:
    assert all(m.unit != "count" for m in find_numbers("三宗教團體"))


def test_wa_is_kilowatt_in_taiwanese_usage() -> None:
    match = only("4,100萬瓩")
    assert (match.value, match.unit) == (41000000, "kW")


@pytest.mark.parametrize("text", ["1.1萬宗", "300筆", "20棟", "5艘", "250萬劑", "3間"])
def test_more_measure_words_are_counts(text: str) -> None:
    assert (only(text).text, only(text).unit) == (text, "count")
