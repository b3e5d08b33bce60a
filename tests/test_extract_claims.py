"""extract_claims: the claim layer end to end on short texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.claim import Claim
from claimdesk.extract import extract_claims
from claimdesk.extract.claims import SENTENCE_END, split_sentences
from claimdesk.extract.script import fold


def _claims(text: str) -> dict[str, Claim]:
    return {c.text: c for c in extract_claims(text)}


def test_growth_by_a_multiple_is_flagged_ambiguous() -> None:
    claim = _claims("全球AI芯片的市場規模增幅超過2.8倍。")["2.8倍"]
    assert (claim.kind, claim.unit, claim.flags) == ("ratio", "x", ("ambiguous_increase",))


def test_multiple_without_growth_is_not_ambiguous() -> None:
    assert "ambiguous_increase" not in _claims("按全年兩倍計算也僅為184億元。")["兩倍"].flags


def test_count_keeps_its_noun() -> None:
    assert _claims("可容納770億顆晶體管,以提高良品率。")["770億顆"].noun == "晶體管"


def test_count_noun_may_start_with_latin_letters() -> None:
    assert _claims("并運行超過2000款GPU加速應用。")["2000款"].noun == "GPU加速應用"


@pytest.mark.parametrize(
    ("text", "figure", "noun"),
    [
        ("At least 1,200 people have died of cholera.", "1,200", "people"),
        ("OPEC+ will add 180,000 barrels per day.", "180,000", "barrels"),
    ],
)
def test_english_count_noun_stops_at_a_function_word(text: str, figure: str, noun: str) -> None:
    assert _claims(text)[figure].noun == noun


def test_bare_four_digit_number_in_year_range_is_a_date() -> None:
    claim = _claims("The 2024 Paris Olympics drew 9.5 million spectators.")["2024"]
    assert (claim.kind, claim.unit) == ("date", "year")


def test_four_digit_count_with_a_plural_noun_stays_a_count() -> None:
    assert _claims("He scored 2019 points.")["2019"].kind == "count"


def test_english_count_noun_is_the_head_word() -> None:
    claims = _claims("CUDA supports more than 2,000 GPU-accelerated apps, one of the reasons.")
    assert claims["2,000"].noun == "apps"


def test_figures_after_the_byline_are_flagged_outside_body() -> None:
    text = "規模達5億元。\n作者:添澤Tyler\n來源:港股研究社\n模型數超過80萬個。"
    claims = _claims(text)
    assert claims["5億元"].flags == ()
    assert claims["80萬個"].flags == ("outside_body",)


def test_malformed_numeral_is_kept_with_value_none() -> None:
    claim = _claims("市場出貨1,2萬臺。")["1,2萬臺"]
    assert (claim.value, claim.flags) == (None, ("malformed",))


def test_yuan_after_new_taiwan_dollar_is_twd() -> None:
    claims = _claims("營收約新台幣4808.4億元，稅後純益1818億元。")
    assert claims["1818億元"].unit == "TWD"


def test_yuan_without_a_named_currency_stays_cny() -> None:
    assert _claims("融資額僅為92.47億元。")["92.47億元"].unit == "CNY"


def test_renminbi_written_with_the_figure_stays_cny_after_new_taiwan_dollar() -> None:
    claims = _claims("營收約新台幣100億元，另融資47億元人民幣。")
    assert claims["47億元人民幣"].unit == "CNY"


def test_currency_note_covers_the_figure_before_it_and_those_after() -> None:
    claims = _claims("公司營收為30億元（美元，下同），淨利5億元。")
    assert claims["30億元"].unit == "USD"
    assert claims["5億元"].unit == "USD"


def test_unit_note_sets_the_currency_of_yuan() -> None:
    assert _claims("（單位：港元）營收12億元。")["12億元"].unit == "HKD"


def test_parenthesis_that_names_no_currency_changes_nothing() -> None:
    assert _claims("他說（笑），賺了10元。")["10元"].unit == "CNY"


def test_a_date_takes_no_time_from_an_earlier_phrase() -> None:
    claims = _claims("2020~2023年複合增長率達15%，上世紀90年代以來一直如此。")
    assert claims["15%"].time == "2020/2023"
    assert claims["上世紀90年代"].time is None


def test_model_names_and_idioms_are_not_claims() -> None:
    text = "A800只是A100的替代,含光800、昇騰910是“萬里長征”的第一步,一直是其中之一。"
    assert extract_claims(text) == []


def test_claim_carries_its_sentence() -> None:
    claim = _claims("AI的水位漸高。新華三表示,供貨周期在30周左右。")["30周"]
    assert claim.sentence == "新華三表示,供貨周期在30周左右。"


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    text = "U.S. sales rose 5%. Then they fell."
    ends = [s.end for s in split_sentences(fold(text))]
    assert ends == [text.index("Then") - 1, len(text)]


def test_decimal_point_does_not_end_a_sentence() -> None:
    assert SENTENCE_END.search("增幅超過2.8倍") is None


def test_sentences_are_numbered_by_paragraph() -> None:
    sentences = list(split_sentences("一句。二句。\n三句。"))
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_claims_are_in_text_order() -> None:
    starts = [c.start for c in extract_claims("據IDC統計,2021年規模為432億元,同比增長47.2%。")]
    assert starts == sorted(starts)


_ALPHABET = "0123456789,.%年月億萬元美倍約超過近左右據顯示作者:\n。,AB一二十 "


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_every_claim_quotes_the_text(text: str) -> None:
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
        assert claim.sentence.strip() in text
