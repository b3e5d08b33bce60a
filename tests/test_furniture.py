"""Furniture: numbers that are not claims, and where the article body ends."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract.furniture import (
    TITLE_REACH,
    Reason,
    body_end,
    furniture_reason,
    in_title,
    is_navigation_line,
)
from claimdesk.extract.script import fold
from claimdesk.extract.types import Kind, NumberMatch


def _reason(
    text: str, figure: str, unit: str | None = None, kind: Kind | None = None, nth: int = 0
) -> Reason | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(figure, start + 1)
    match = NumberMatch(start, start + len(figure), figure, 1, unit, kind)
    return furniture_reason(fold(text), match)


@pytest.mark.parametrize(
    ("text", "figure"),
    [("A800芯片", "800"), ("MI300X GPU", "300"), ("在INT8上", "8"), ("COVID-19 shortage", "19")],
)
def test_number_glued_to_latin_letters_on_the_left_is_a_model_name(text: str, figure: str) -> None:
    assert _reason(text, figure) == "product_name"


@pytest.mark.parametrize(("text", "figure"), [("2.5D CoWos", "2.5"), ("5G網絡", "5")])
def test_unitless_number_glued_to_latin_letters_on_the_right_is_a_model_name(
    text: str, figure: str
) -> None:
    assert _reason(text, figure) == "product_name"


def test_number_with_a_unit_glued_on_the_right_is_kept() -> None:
    assert _reason("僅需要350W的能耗", "350W", unit="W", kind="quantity") is None


@pytest.mark.parametrize(
    ("text", "figure"), [("阿里平頭哥的含光800、", "800"), ("華為昇騰910的算力", "910")]
)
def test_number_after_a_product_stem_is_a_model_name(text: str, figure: str) -> None:
    assert _reason(text, figure) == "product_name"


def test_product_stem_is_matched_in_its_folded_form() -> None:
    assert _reason("華為昇騰910依托於", "910") == "product_name"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("而思遠590的指令", "590"),  # 思遠 is a product stem of the lexicon too
        ("而天樞590的指令", "590"),  # a made-up brand in no list: the rule alone decides
        ("天樞590處理器", "590"),  # ... before a product noun
        ("星河888和天樞590都已上市", "590"),  # ... the last of a list of models
    ],
)
def test_cjk_word_glued_to_bare_digits_reads_as_a_model_name(text: str, figure: str) -> None:
    assert _reason(text, figure) == "product_name"


def test_bare_number_before_an_unknown_measure_word_is_kept() -> None:
    assert _reason("台股今天收盤上漲120點", "120") is None


@pytest.mark.parametrize(
    ("text", "figure"), [("蘋果iPhone 15在第三季", "15"), ("Nvidia RTX 4090 cards", "4090")]
)
def test_number_after_a_capitalised_word_and_space_is_a_model_name(text: str, figure: str) -> None:
    assert _reason(text, figure) == "product_name"


@pytest.mark.parametrize("text", ["In 2019 it grew", "as of June 2022 it grew"])
def test_year_after_a_capitalised_function_word_or_month_is_kept(text: str) -> None:
    figure = "2019" if "2019" in text else "2022"
    assert _reason(text, figure) is None


def test_bare_number_after_a_copula_is_kept() -> None:
    assert _reason("全年營收為800", "800") is None


def test_process_node_is_a_model_name() -> None:
    assert _reason("7奈米及更先進製程", "7") == "product_name"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("壁仞科技“萬里長征”的第一步", "萬"),
        ("壁仞科技便是其中之一", "一"),
        ("並未站在同一起跑線", "一"),
        ("新華三集團副總裁", "三"),
        ("二次元、插畫", "二次"),
    ],
)
def test_word_containing_a_numeral_is_not_a_claim(text: str, figure: str) -> None:
    assert _reason(text, figure) == "word"


@pytest.mark.parametrize(
    ("text", "figure"), [("融資5千萬元", "5千萬元"), ("共有三十一家", "三十一家")]
)
def test_figure_reaching_beyond_a_word_is_kept(text: str, figure: str) -> None:
    assert _reason(text, figure, unit="CNY", kind="money") is None


@pytest.mark.parametrize("figure", ["一篇", "一個", "一道", "一筆", "一宗"])
def test_one_with_a_classifier_is_an_article_not_a_count(figure: str) -> None:
    assert _reason(f"合作的{figure}論文", figure, unit="count", kind="count") == "word"


def test_ordinal_is_not_a_claim() -> None:
    assert _reason("啟動了第二款芯片的架構設計", "第二", unit="ordinal") == "ordinal"


def test_edition_number_is_an_ordinal() -> None:
    assert _reason("人民日報 第04版", "04") == "ordinal"


@pytest.mark.parametrize(
    ("text", "figure"), [("the No. 1 brand", "1"), ("ranked #1 in China", "1")]
)
def test_english_number_sign_is_an_ordinal(text: str, figure: str) -> None:
    assert _reason(text, figure) == "ordinal"


def test_round_the_clock_24_7_is_a_word_not_a_fraction() -> None:
    assert _reason("with 24/7 support", "24/7", unit="fraction", kind="ratio") == "word"


def test_quarter_is_a_date_not_an_ordinal() -> None:
    assert _reason("台積電第二季營收", "第二", unit="ordinal") is None


def test_figure_in_a_report_title_is_part_of_the_name() -> None:
    text = "IDC發布的《市場季度跟蹤報告,2025年第二季度》顯示"
    assert _reason(text, "2025年第二季度", unit="quarter", kind="date") == "title"


def test_figure_after_a_closed_title_is_kept() -> None:
    assert in_title(fold("《報告》顯示,規模達5億元"), 12) is False


@given(st.text(alphabet="《》x", max_size=200))
@settings(max_examples=300)
def test_in_title_is_an_open_mark_nearer_than_any_close(text: str) -> None:
    # The definition, both marks searched for, against the search for 》 made only after a 《.
    for pos in range(len(text) + 1):
        lo = max(0, pos - TITLE_REACH)
        assert in_title(text, pos) == (text.rfind("《", lo, pos) > text.rfind("》", lo, pos))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("© 2023 港股研究社", "2023"),
        ("Copyright 2023 Reuters", "2023"),
        ("本文共341字", "341"),
        ("評論 12", "12"),
        ("12條評論", "12"),
    ],
)
def test_page_furniture_is_not_a_claim(text: str, figure: str) -> None:
    assert _reason(text, figure) == "page_furniture"


def test_cna_dateline_is_furniture() -> None:
    text = "（中央社記者林家豪新竹１５日電）晶圓代工"
    assert _reason(text, "１５日", unit="relative", kind="date") == "page_furniture"


def test_number_on_a_byline_line_is_furniture() -> None:
    text = "營收成長。\n（編輯：陳清芳）1120815"
    assert _reason(text, "1120815") == "page_furniture"


def test_numbers_on_a_publication_stamp_line_are_furniture() -> None:
    text = "標題\n2024年03月15日 08:30 來源：人民網\n據悉，GDP增長5.3%。"
    assert _reason(text, "30", nth=0) == "page_furniture"


def test_navigation_line_of_page_numbers() -> None:
    line = "1 2 3 4 5 … 下一頁"
    assert is_navigation_line(fold(line), 0, len(line))


def test_sentence_with_numbers_is_not_navigation() -> None:
    line = "2022年營收為5億元"
    assert not is_navigation_line(fold(line), 0, len(line))


def test_body_ends_at_the_byline_line() -> None:
    text = "規模達5億元。\n作者:添澤Tyler\n來源:港股研究社\n超過80萬個"
    assert body_end(fold(text)) == text.index("作者")


def test_source_line_ends_the_body() -> None:
    text = "規模達5億元。\n来源：新华社\n超过80万个"
    assert body_end(fold(text)) == text.index("来源")


def test_picture_source_caption_is_not_a_byline() -> None:
    text = "規模達5億元。\n圖片來源:英偉達官方網站\n運行超過2000款應用。"
    assert body_end(fold(text)) == len(text)


def test_byline_above_the_first_sentence_is_a_header() -> None:
    text = "標題\n作者：王小明\n規模達5億元。"
    assert body_end(fold(text)) == len(text)


def test_bracketed_editor_line_ends_the_body() -> None:
    text = "營收成長。\n（編輯：陳清芳）1120815"
    assert body_end(fold(text)) == text.index("（編輯")


def test_english_editing_credit_ends_the_body() -> None:
    text = "Sales rose 5%.\nEditing by Mark Potter\nRelated: shipments rose 33%"
    assert body_end(fold(text)) == text.index("Editing")
