"""Time: which period a figure refers to, and when a year is a claim of its own."""

from __future__ import annotations

import pytest

from claimdesk.extract import ExtractedClaim, extract_claims
from claimdesk.extract.script import fold
from claimdesk.extract.timeref import CLAUSE_BREAK, TimePhrase, find_time_phrases, is_deictic


def _claims(text: str) -> dict[str, ExtractedClaim]:
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
