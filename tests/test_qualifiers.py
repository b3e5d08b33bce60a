"""Qualifiers: how exact a figure is, as written in the article."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims
from claimdesk.extract.qualifiers import Qualifier, find_qualifier
from claimdesk.extract.script import fold


def _qualifier(text: str, figure: str) -> Qualifier | None:
    start = text.index(figure)
    return find_qualifier(text, fold(text), start, start + len(figure))


@pytest.mark.parametrize(
    ("text", "figure", "word", "meaning"),
    [
        ("算力約為2048 TOPS", "2048 TOPS", "約", "approximate"),
        ("規模大約300億元", "300億元", "大約", "approximate"),
        ("市場規模將超過1000億元", "1000億元", "超過", "lower_bound"),
        ("出貨可望年增逾３成", "３成", "逾", "lower_bound"),
        ("有望突破20亿人次", "20亿人次", "突破", "lower_bound"),
        ("至少5家", "5家", "至少", "lower_bound"),
        ("價格已經上漲了將近30%", "30%", "將近", "upper_bound"),
        ("員工接近7萬人", "7萬人", "接近", "upper_bound"),
        ("減少了不到兩成", "兩成", "不到", "upper_bound"),
        ("股價上看1000元", "1000元", "上看", "upper_bound"),
        ("設計功耗則高達550W", "550W", "高達", "emphasis"),
        ("算力只有820 TOPS", "820 TOPS", "只有", "emphasis"),
        ("rated at up to 550 W", "550 W", "up to", "upper_bound"),
        ("draws only 350 W", "350 W", "only", "emphasis"),
        ("climbed nearly 30%", "30%", "nearly", "upper_bound"),
        ("almost 30%", "30%", "almost", "upper_bound"),
        ("over 30%", "30%", "over", "lower_bound"),
        ("推理性能提升最高30倍", "30倍", "最高", "upper_bound"),
        ("性能最高可達30倍", "30倍", "最高", "upper_bound"),
        ("每場最多500人", "500人", "最多", "upper_bound"),
        ("最少需要3天", "3天", "最少", "lower_bound"),
    ],
)
def test_qualifier_before_a_figure_has_its_meaning(
    text: str, figure: str, word: str, meaning: str
) -> None:
    q = _qualifier(text, figure)
    assert q is not None
    assert (q.text, q.meaning) == (word, meaning)


def test_traditional_qualifier_is_reported_as_written() -> None:
    q = _qualifier("上漲了將近30%", "30%")
    assert q is not None and q.text == "將近"


def test_longest_qualifier_wins_jiangjin_over_jin() -> None:
    q = _qualifier("上涨了将近30%", "30%")
    assert q is not None and q.text == "将近"


def test_qualifier_reaches_over_a_copula() -> None:
    q = _qualifier("融資額僅為92.47億元", "92.47億元")
    assert q is not None and q.text == "僅"


def test_emphasis_reaches_over_a_comparison_base() -> None:
    q = _qualifier("其性能僅為A100的70%", "70%")
    assert q is not None and (q.text, q.meaning) == ("僅", "emphasis")


def test_jin_at_a_distance_is_not_a_qualifier() -> None:
    assert _qualifier("近期價格上漲的30%", "30%") is None


def test_zuijin_is_the_last_days_not_nearly() -> None:
    assert _qualifier("最近30天", "30天") is None


def test_zuoyou_after_a_figure_is_approximate() -> None:
    q = _qualifier("供貨周期在30周左右", "30周")
    assert q is not None and (q.text, q.meaning) == ("左右", "approximate")


def test_yishang_after_a_figure_is_lower_bound() -> None:
    q = _qualifier("占比达五成以上", "五成")
    assert q is not None and (q.text, q.meaning) == ("以上", "lower_bound")


def test_yixia_after_a_figure_is_upper_bound() -> None:
    q = _qualifier("5歲以下兒童", "5歲")
    assert q is not None
    assert (q.text, q.meaning) == ("以下", "upper_bound")


def test_duo_inside_the_figure_is_lower_bound() -> None:
    q = _qualifier("花費2000余元", "2000余元")
    assert q is not None and (q.text, q.meaning) == ("余", "lower_bound")


def test_duo_starting_the_next_word_is_not_a_qualifier() -> None:
    assert _qualifier("2022年多家企業", "2022年") is None


def test_english_qualifier_stands_before_the_dollar_sign() -> None:
    q = _qualifier("worth about $1 trillion", "1 trillion")
    assert q is not None and q.text == "about"


def test_english_qualifier_must_be_a_whole_word() -> None:
    assert _qualifier("turnover 30%", "30%") is None


def test_no_qualifier() -> None:
    assert _qualifier("市場規模將達到432億元", "432億元") is None


def test_qualifier_before_a_list_qualifies_every_figure_in_it() -> None:
    claims = extract_claims("含光800、昇騰910的算力只有820 TOPS 、512 TOPS和256 TOPS。")
    assert [(c.text, c.qualifier) for c in claims] == [
        ("820 TOPS", "只有"),
        ("512 TOPS", "只有"),
        ("256 TOPS", "只有"),
    ]


def test_qualifier_does_not_carry_past_a_clause() -> None:
    first, second = extract_claims("前者約820 TOPS，後者為512 TOPS。")
    assert (first.qualifier, second.qualifier) == ("約", None)
