"""Time: which period a figure refers to, and when a year is a claim of its own."""

from __future__ import annotations

import pytest

from claimdesk.claim import Claim
from claimdesk.extract import extract_claims
from claimdesk.extract.script import fold
from claimdesk.extract.timeref import CLAUSE_BREAK, TimePhrase, find_time_phrases, is_deictic


def _claims(text: str) -> dict[str, Claim]:
    return {c.text: c for c in extract_claims(text)}


def _phrases(text: str) -> list[TimePhrase]:
    return find_time_phrases(text, fold(text), 0, len(text))


def test_year_that_dates_a_figure_is_its_time_not_a_claim() -> None:
    claims = _claims("2021年我國AI芯片市場規模將達到432億元。")
    assert list(claims) == ["432億元"]
    assert claims["432億元"].time == "2021"


def test_leading_year_dates_later_clauses_too() -> None:
    claims = _claims("2022年,英偉達獨占85%的份額,而其他企業只能在剩余的15%市場中搏殺。")
    assert (claims["85%"].time, claims["15%"].time) == ("2022", "2022")


def test_next_time_phrase_takes_over() -> None:
    claims = _claims("2021年規模將達到432億元,同比增長47.2%,預計到2025年,規模將超過1000億元。")
    assert [c.time for c in claims.values()] == ["2021", "2021", "2025"]


def test_year_after_a_short_subject_still_leads() -> None:
    claims = _claims("中國平安2022年淨利潤837.74億元，同比下降18.8%。")
    assert claims["18.8%"].time == "2022"


def test_quarter_without_a_year_dates_its_clause() -> None:
    claim = _claims("其中第四季度淨利潤約為200億元。")["200億元"]
    assert (claim.time, claim.flags) == ("第四季度", ("relative_time",))


def test_year_in_a_clause_without_a_figure_is_a_date_claim() -> None:
    claims = _claims("壁仞科技成立于2019年,曾在18個月內融資47億元人民幣。")
    assert claims["2019年"].kind == "date"
    assert claims["2019年"].value == 2019


def test_year_ending_a_clause_it_does_not_lead_dates_nothing_further() -> None:
    claims = _claims("壁仞科技成立于2019年,曾在18個月內融資47億元人民幣。")
    assert claims["47億元人民幣"].time is None


def test_year_range_gives_from_its_first_year_and_to_its_last() -> None:
    claims = _claims("2020-2023年,市場規模將從175億美元上漲到490億美元,增幅超過2.8倍。")
    assert claims["175億美元"].time == "2020"
    assert claims["490億美元"].time == "2023"
    assert claims["2.8倍"].time == "2020/2023"


def test_year_range_alone_is_a_date_claim_with_value_max() -> None:
    claim = _claims("大多數芯片都在2019-2021年推出。")["2019-2021年"]
    assert (claim.value, claim.value_max, claim.kind) == (2019, 2021, "date")


def test_as_of_month_is_iso() -> None:
    claims = _claims("截至2022年6月,AI芯片融資額僅為92.47億元。")
    assert claims["92.47億元"].time == "2022-06"


def test_quarter_is_an_iso_interval() -> None:
    (phrase,) = _phrases("2025年第二季度")
    assert phrase.time == "2025-04/2025-06"


def test_year_with_quanian_is_one_phrase() -> None:
    (phrase,) = _phrases("２０２３年全年出貨")
    assert phrase.time == "2023"


def test_year_before_zhongguo_is_not_mid_year() -> None:
    (phrase,) = _phrases("2021年中國市場")
    assert (phrase.time, phrase.end) == ("2021", 5)


def test_relative_time_is_kept_as_written_and_flagged() -> None:
    claim = _claims("近一周來其價格已經上漲了將近30%。")["30%"]
    assert claim.time == "近一周"
    assert "relative_time" in claim.flags


def test_relative_time_after_the_subject_dates_its_clause() -> None:
    claim = _claims("壁仞科技去年推出的BR100算力約為2048 TOPS。")["2048 TOPS"]
    assert (claim.time, claim.flags) == ("去年", ("relative_time",))


def test_relative_date_with_a_numeral_is_a_claim() -> None:
    claim = _claims("因此,AMD今年6月發布的高性能芯片就拋棄了框架。")["今年6月"]
    assert (claim.kind, claim.value, claim.flags) == ("date", None, ("relative_time",))


@pytest.mark.parametrize("word", ["今日", "今年", "去年", "同期", "上半年"])
def test_deictic_date_alone_is_not_a_claim(word: str) -> None:
    assert is_deictic(fold(word))


def test_today_in_a_sentence_is_not_a_claim() -> None:
    assert "今日" not in _claims("IDC今日發布報告,出貨增長33%。")


def test_english_year_right_after_a_figure_dates_it() -> None:
    claims = _claims("Spending will rise from $17.5 billion in 2020 to $49 billion in 2023.")
    assert (claims["$17.5 billion"].time, claims["$49 billion"].time) == ("2020", "2023")


def test_english_half_year() -> None:
    claim = _claims("Funding fell to 9.2 billion yuan in the first half of 2022.")[
        "9.2 billion yuan"
    ]
    assert claim.time == "2022-01/2022-06"


def test_full_width_comma_breaks_a_clause() -> None:
    assert CLAUSE_BREAK.search("財報，第二季") is not None


def test_comma_between_digits_belongs_to_the_number() -> None:
    assert CLAUSE_BREAK.search("出貨1,2萬臺") is None


def test_comma_before_a_year_breaks_a_clause() -> None:
    assert CLAUSE_BREAK.search("報告顯示,2020-2023年") is not None


def test_month_without_a_year_dates_its_clause() -> None:
    claims = _claims("截至9月30日，公司账上货币资金超过690亿元。")
    assert list(claims) == ["690亿元"]
    assert (claims["690亿元"].time, claims["690亿元"].flags) == ("9月30日", ("relative_time",))


def test_month_range_dates_the_figures_and_is_not_a_claim() -> None:
    claims = _claims("1—10月份，全國房地產開發投資86309億元，同比下降10.3%。")
    assert list(claims) == ["86309億元", "10.3%"]
    assert claims["10.3%"].time == "1—10月份"


def test_month_range_after_jinnian_is_one_phrase() -> None:
    claims = _claims("今年1至9月來台旅客達578萬人次。")
    assert list(claims) == ["578萬人次"]
    assert claims["578萬人次"].time == "今年1至9月"


def test_end_of_month_dates_its_clause() -> None:
    claims = _claims("10月末，商品房待售面積73469萬平方米。")
    assert claims["73469萬平方米"].time == "10月末"


@pytest.mark.parametrize(
    ("text", "figure", "time"),
    [
        ("前三季度国内生产总值949746亿元。", "949746亿元", "前三季度"),
        ("分季度看，一季度同比增长5.3%。", "5.3%", "一季度"),
        ("首八個月零售業總銷貨價值跌6.9%。", "6.9%", "首八個月"),
        ("上週全國共報告流感樣病例約12.3萬例。", "12.3萬例", "上週"),
        ("国庆节假期全国国内出游7.65亿人次。", "7.65亿人次", "国庆节假期"),
    ],
)
def test_periods_of_the_current_year_date_their_figures(text: str, figure: str, time: str) -> None:
    claims = _claims(text)
    assert list(claims) == [figure]
    assert (claims[figure].time, claims[figure].flags) == (time, ("relative_time",))


def test_comparison_base_year_does_not_lead_later_clauses() -> None:
    claims = _claims("国庆假期出游7.65亿人次，较2019年同期增长10.2%；游客总花费7008.17亿元。")
    assert claims["10.2%"].time == "2019"
    assert claims["7008.17亿元"].time == "国庆假期"


def test_bracketed_day_of_today_is_deictic() -> None:
    assert is_deictic(fold("昨（17）日"))
    assert "17" not in _claims("台積電昨（17）日公布財報，稅後純益3252.6億元。")


def test_english_year_after_since_is_a_date_not_a_count() -> None:
    claim = _claims("It was the biggest cut since 2019.")["2019"]
    assert (claim.kind, claim.unit) == ("date", "year")


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("112學年度大專校院學生人數約116.5萬人。", "112學年度"),
        ("民國113年出生人數約13.5萬人。", "2024"),
        ("政府113年度總預算達2.88兆元。", "2024"),
        ("財政部統計，113年1月出口值達380億美元。", "2024-01"),
    ],
)
def test_taiwanese_roc_year_dates_its_figure(text: str, time: str) -> None:
    (claim,) = extract_claims(text)
    assert (claim.time, claim.flags) == (time, ())


@pytest.mark.parametrize("text", ["線上周邊商品銷售額增長20%。", "登上月球的費用達1億美元。"])
def test_shang_zhou_inside_another_word_is_no_time(text: str) -> None:
    assert all(c.time is None for c in extract_claims(text))


def test_bare_three_digit_years_are_not_roc_years() -> None:
    claim = _claims("公司成立118年來營收增長5%。")["118年"]
    assert (claim.kind, claim.unit) == ("duration", "year")


def test_fiscal_year_dates_its_figures() -> None:
    (claim,) = extract_claims("2024/25年度綜合赤字約為1,000億元。")
    assert claim.time == "2024/2025"


def test_the_week_before_is_a_reference_point_not_a_duration() -> None:
    claims = _claims("上週病例較前一週上升近兩成。")
    assert list(claims) == ["兩成"]
    assert claims["兩成"].time == "上週"


def test_english_month_without_a_year_is_relative() -> None:
    claim = _claims("Borrowing hit £17.4bn in October.")["£17.4bn"]
    assert (claim.time, claim.flags) == ("October", ("relative_time",))


def test_english_month_with_a_year_stays_iso() -> None:
    assert _claims("Sales rose 5% in October 2023.")["5%"].time == "2023-10"


def test_every_quarter_is_no_time() -> None:
    assert _claims("公司每一季度分紅0.5元。")["0.5元"].time is None


# Issue 10: Hong Kong government releases write years digit by digit.
@pytest.mark.parametrize(
    ("sentence", "figure", "time"),
    [
        ("二零一五年六月的零售業總銷貨價值為370億元。", "370億元", "2015-06"),
        ("二零一五年上半年的零售業總銷貨價值下跌1.6%。", "1.6%", "2015-01/2015-06"),
        ("二零一五年第二季的銷貨數量下跌3.0%。", "3.0%", "2015-04/2015-06"),
        ("二零一五年十一月的銷貨價值上升2.1%。", "2.1%", "2015-11"),
        ("一九九八年的出口下跌4%。", "4%", "1998"),
    ],
)
def test_chinese_numeral_year_dates_its_clause(sentence: str, figure: str, time: str) -> None:
    assert _claims(sentence)[figure].time == time


@pytest.mark.parametrize(
    "sentence",
    [
        "政府統計處今日(七月三十一日)發表最新的數字。",
        "統計處昨日（十五日）公布最新的數字。",
        "國家統計局週一(15日)公布最新的數字。",
    ],
)
def test_release_date_in_brackets_is_no_claim(sentence: str) -> None:
    assert extract_claims(sentence) == []
