"""Issue 18, classes of attribution found missing on the development set
(tests/fixtures/dev/): each test is a made-up example of a class, never a sentence of the dev
or blind texts. Every organisation and person here is made up."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims


def _sources(text: str) -> list[str | None]:
    return [c.source for c in extract_claims(text)]


@pytest.mark.parametrize(
    "opening",
    ["據北辰電子產業協會（NEIA）統計，產值增長5%。", "北辰電子產業協會（NEIA）表示，產值增長5%。"],
)
def test_a_chinese_name_with_its_abbreviation_in_brackets(opening: str) -> None:
    # The name is the source without its bracket, and the bare abbreviation later names it.
    text = opening + "\n嘉禾證券表示，股價上漲3%。\nNEIA指出，出口增加4%。"
    assert _sources(text) == ["北辰電子產業協會", "嘉禾證券", "北辰電子產業協會"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The Norwell Fisheries Board (NFB) licenses the island's boats.\n\n"
            "Acme Bank said loans rose 4%.\n\nNFB said catches rose 6%.",
            "Norwell Fisheries Board",
        ),
        (
            "北辰漁業局（NFB）負責發牌。\n\n嘉禾證券表示，股價上漲3%。\n\nNFB指出，漁獲增加6%。",
            "北辰漁業局",
        ),
    ],
)
def test_an_abbreviation_defined_outside_an_attribution(text: str, source: str) -> None:
    # The bracket that gives the abbreviation need not be an attribution itself.
    assert _sources(text)[-1] == source


def test_an_abbreviation_never_defined_stays_as_written() -> None:
    assert _sources("NFB said catches rose 6%.") == ["NFB"]


def _credits(text: str) -> list[tuple[str | None, str | None]]:
    return [(c.source, c.source_detail) for c in extract_claims(text)]


def test_a_name_in_brackets_is_a_speaker_label() -> None:
    # The label opens a transcript far from any figure: it credits what its speaker says later.
    text = (
        " 【王大同】:\n\n各位朋友:\n\n大家好。\n\n"
        " 【北辰日報記者】:\n\n今年出口增長3%,前景如何?\n\n"
        " 【王大同】:\n\n今年以來,外貿穩健。\n\n一是市場多元。對東盟增長9%。\n"
    )
    assert _credits(text) == [("北辰日報", "記者"), ("王大同", None)]


def test_a_title_or_an_organisation_then_a_name_after_a_space_is_a_speaker_label() -> None:
    text = (
        "北辰市統計局發言人 王大同:\n\n今年經濟增長3%。\n\n北辰市新聞處 李小明:\n\n"
        "請提問。\n\n北辰市統計局發言人 王大同:\n\n出口增加5%。\n"
    )
    assert _credits(text) == [("王大同", "北辰市統計局發言人"), ("王大同", "北辰市統計局發言人")]


def test_a_bare_name_is_a_speaker_label_only_in_a_transcript() -> None:
    transcript = "北辰日報記者:\n\n增長多少?\n\n王大同:\n\n今年增長3%。\n"
    assert _credits(transcript) == [("王大同", None)]
    # Alone, a short word and a colon on a line of its own may be a heading.
    assert _sources("重點:\n\n今年增長3%。\n") == [None]


def test_who_answers_with_their_offices_is_an_english_speaker_label() -> None:
    text = (
        "Answer by Mr Tan Ah Kow, Minister for Trade, and Chairman of the Norwell Port Board:\n"
        "1. Exports rose 3%.\n2. Imports fell 2%.\n"
    )
    expected = ("Tan Ah Kow", "Minister for Trade, and Chairman of the Norwell Port Board")
    assert _credits(text) == [expected, expected]


def test_an_english_title_with_its_portfolio_is_a_speaker_label() -> None:
    text = "Reporter: Did arrivals rise 5%?\n\nSecretary for Trade and Industry: They rose 4%.\n"
    assert _sources(text) == ["Reporter", "Secretary for Trade and Industry"]


def test_a_sign_off_above_the_spokesman_and_press_contact_lines_is_the_issuer() -> None:
    text = (
        "北辰市工業生產統計\n1.工業生產增加3%。\n2.製造業減少2%。\n北辰市經濟局統計處\n"
        "發言人:王副處長大同\n聯絡電話:(02)1234-5678\nEmail:wang@example.gov\n"
        "新聞聯絡人:李專員小明\n"
    )
    claims = [c for c in extract_claims(text) if c.unit == "%"]
    assert [c.source for c in claims] == ["北辰市經濟局統計處"] * 2
    # The sign-off must still be near the end: a contact line is no part of a body.
    body = text.replace("北辰市經濟局統計處\n", "")
    assert {c.source for c in extract_claims(body) if c.unit == "%"} == {None}


@pytest.mark.parametrize("breakdown", ["按地區統計，", "按主要市場測算，", "按行業估算，"])
def test_a_breakdown_is_no_source(breakdown: str) -> None:
    # 按X統計 says how the figures are cut, not who counted them: the paragraph's source goes on.
    assert _sources(f"嘉禾證券表示，營收增長5%。{breakdown}北部增長3%。") == ["嘉禾證券"] * 2


@pytest.mark.parametrize(
    "text", ["今年增長5%，比不少機構預測的要高。", "我看了機構的預計，今年增長5%已算不錯。"]
)
def test_a_verb_of_forecasting_next_to_de_is_a_noun(text: str) -> None:
    # 機構預測的 ("what institutions forecast"), 機構的預計 ("the institutions' forecast"): no
    # one is forecasting here, so the clause before is no source.
    assert _sources(text) == [None]


@pytest.mark.parametrize(
    "dateline", ["Norwell, 7 April 2022\u2026", "Norwell, 7 April 2022 \u2013 ", "NORWELL - "]
)
def test_a_release_s_lead_after_its_dateline(dateline: str) -> None:
    text = dateline + "The Norwell Monetary Authority (NMA) today announced that reserves rose 3%."
    assert _sources(text) == ["Norwell Monetary Authority"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to the statistics released by an accounting firm, listings fell 9%.",
         "an accounting firm"),
        ("According to figures published by Acme Consulting, listings fell 9%.", "Acme Consulting"),
        ("According to data compiled by the ministry, exports fell 9%.", "the ministry"),
    ],
)  # fmt: skip
def test_according_to_figures_released_by_someone(text: str, source: str) -> None:
    assert _sources(text) == [source]


def test_a_text_that_opens_with_an_authority_s_data_is_its_release() -> None:
    text = (
        "北辰市統計局資料顯示，第一季旅客消費上升5%。\n第一季人均消費下跌3%。\n"
        "按客源地統計，內地旅客消費上升4%。\n"
    )
    assert _sources(text) == ["北辰市統計局"] * 3
    # A firm opening a story is no issuer: its attribution reaches the next paragraph only.
    story = text.replace("北辰市統計局資料顯示", "嘉禾證券資料顯示")
    assert _sources(story) == ["嘉禾證券", "嘉禾證券", None]


def test_a_press_release_s_dateline_then_the_authority_announcing() -> None:
    text = (
        "Norwell Moves Reserves\n\n"
        "Norwell, 7 April 2022\u2026The Norwell Monetary Authority (NMA) today announced that "
        "reserves rose 3%.\n\n2   The rules were changed last year.\n\n"
        "3   The optimal amount that NMA estimates it needs is 65% of GDP.\n\n"
        "4   Reserves reached 106% of GDP.\n"
    )
    percents = [c.source for c in extract_claims(text) if c.unit == "%"]
    assert percents == ["Norwell Monetary Authority"] * 3
