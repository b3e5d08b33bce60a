"""Each relation the checks find, read from real sentences through the real extractor: what
holds within rounding, what does not, and what the qualifiers (約, 超過, 將近) allow."""

from __future__ import annotations

import pytest

from claimdesk.checks import (
    ArticleFigures,
    CheckResult,
    check_article,
    figures_from_extracted,
)
from claimdesk.extract import extract_claims


def checks(text: str) -> list[CheckResult]:
    return list(
        check_article(
            ArticleFigures("a", text, figures_from_extracted(extract_claims(text)))
        ).results
    )


def summary(text: str) -> list[tuple[str, str, str]]:
    """(kind, the checked claim as written, result) for every check of the text."""
    figures = {f.key: f.text for f in figures_from_extracted(extract_claims(text))}
    return [(r.kind, figures[r.claim_id], r.result) for r in checks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stated multiple against the two figures it relates (the seed's sentence).
        (
            "全球AI芯片的市場規模將從175億美元上漲到490億美元，增幅超過2.8倍。",
            [("multiple", "2.8倍", "warning")],
        ),
        ("銷量從10萬輛增至30萬輛，增長了2倍。", [("multiple", "2倍", "ok")]),
        ("銷量從10萬輛增至30萬輛，是原來的3倍。", [("multiple", "3倍", "ok")]),
        ("銷量從10萬輛增至30萬輛，增長了5倍。", [("multiple", "5倍", "inconsistent")]),
        ("2023年營收達到400億元，是2020年100億元的4倍。", [("multiple", "4倍", "ok")]),
        (
            "Sales grew from $17.5 billion to $49 billion, an increase of 2.8 times.",
            [("multiple", "2.8 times", "warning")],
        ),
        # A stated growth rate against the base and the new value.
        ("出口額由50億美元增至80億美元，增幅達60%。", [("growth_rate", "60%", "ok")]),
        ("出口額由50億美元增至80億美元，增幅達50%。", [("growth_rate", "50%", "inconsistent")]),
        ("出口額由80億美元降至60億美元，降幅25%。", [("growth_rate", "25%", "ok")]),
        (
            "Exports fell 12.5% to NT$3.5 billion from NT$4 billion.",
            [("growth_rate", "12.5%", "ok")],
        ),
        ("Sales rose 180% from $17.5 billion to $49 billion.", [("growth_rate", "180%", "ok")]),
        # ... and against a total and its change since the year before.
        ("稅收5.75兆元，比上年增加0.84兆元，年增長17.1%。", [("growth_rate", "17.1%", "ok")]),
        (
            "稅收5.75兆元，比上年增加0.84兆元，年增長21.7%。",
            [("growth_rate", "21.7%", "inconsistent")],
        ),
        ("稅收5.75兆元，年增長17.1%，比上年增加0.84兆元。", [("growth_rate", "17.1%", "ok")]),
        (
            "Revenue rose to $5.75 trillion, up $0.84 trillion, or 17.1%, from a year earlier.",
            [("growth_rate", "17.1%", "ok")],
        ),
        # A stated change in percentage points against the two rates.
        ("失業率從3.2%升至4.1%，上升0.9個百分點。", [("percentage_points", "0.9個百分點", "ok")]),
        (
            "失業率從3.2%升至4.1%，上升1.9個百分點。",
            [("percentage_points", "1.9個百分點", "inconsistent")],
        ),
        ("失業率從4.1%降至3.2%，下降0.9個百分點。", [("percentage_points", "0.9個百分點", "ok")]),
        # 上升0.9% after two rates means points: a warning that explains both readings.
        ("失業率從3.2%升至4.1%，上升0.9%。", [("growth_rate", "0.9%", "warning")]),
        # Shares that add up to 100%.
        (
            "英偉達獨占85%的份額，其他企業只能在剩餘的15%市場中搏殺。",
            [("shares_total", "15%", "ok")],
        ),
        (
            "英偉達獨占85%的份額，其他企業只能在剩餘的25%市場中搏殺。",
            [("shares_total", "25%", "inconsistent")],
        ),
        (
            "Men accounted for 54% of the jobless and women for the remaining 46%.",
            [("shares_total", "46%", "ok")],
        ),
        # A part-whole sum.
        (
            "三家公司合計營收300億元，分別為100億元、120億元和80億元。",
            [("part_whole", "300億元", "ok")],
        ),
        (
            "三家公司合計營收310億元，分別為100億元、120億元和80億元。",
            [("part_whole", "310億元", "inconsistent")],
        ),
        (
            "產值4.84兆元，其中IC設計業產值約1.2兆元、封測業0.6兆元。",
            [("part_whole", "4.84兆元", "ok")],
        ),
        (
            "產值1.84兆元，其中IC設計業產值1.2兆元、封測業0.9兆元。",
            [("part_whole", "1.84兆元", "inconsistent")],
        ),
        # A stated change in the figures' own unit.
        ("營收從120億元增至150億元，增加30億元。", [("change", "30億元", "ok")]),
        ("營收從120億元增至150億元，增加40億元。", [("change", "40億元", "inconsistent")]),
        # A derived figure.
        ("融資額僅為92.47億元，按全年兩倍計算也僅為185億元。", [("derived", "185億元", "ok")]),
        ("融資額僅為92.47億元，按全年兩倍計算也僅為184億元。", [("derived", "184億元", "warning")]),
        (
            "融資額僅為92.47億元，按全年兩倍計算也僅為190億元。",
            [("derived", "190億元", "inconsistent")],
        ),
    ],
)
def test_relation(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "result"),
    [
        # 約 widens to one whole unit of the last digit: 約1個百分點 covers 0 to 2.
        ("失業率從3.2%升至4.1%，上升約1個百分點。", "ok"),
        # Exact: half a unit. 1個百分點 covers 0.5 to 1.5, and 0.9 is in it.
        ("失業率從3.2%升至4.1%，上升1個百分點。", "ok"),
        ("失業率從3.2%升至4.9%，上升1個百分點。", "inconsistent"),
        # 超過 is a lower bound: 28% is not more than 30% (nor is the ratio, 128%, a reading
        # of it: another reading must give the figure itself, not merely exceed it).
        ("營收由100.0億元增至128.0億元，增長超過30%。", "inconsistent"),
        ("營收由100.0億元增至132.0億元，增長超過30%。", "ok"),
        # 將近 is an upper bound: 28% is nearly 30%, 31% is not.
        ("營收由100.0億元增至128.0億元，增長將近30%。", "ok"),
        ("營收由100.0億元增至131.0億元，增長將近30%。", "inconsistent"),
        # ... within the rounding of the figures it relates: 100億 and 131億 may give 29.9%.
        ("營收由100億元增至131億元，增長將近30%。", "ok"),
        # The figures related are rounded too: 1.8 and 2.3 billion may be 1.85 and 2.25.
        ("Payments rose from $1.8 billion to $2.3 billion, an increase of 21.7%.", "ok"),
        (
            "Payments rose from $1.84 billion to $2.35 billion, an increase of 21.7%.",
            "inconsistent",
        ),
    ],
)
def test_tolerance_follows_how_a_figure_is_written(text: str, result: str) -> None:
    assert [r.result for r in checks(text)] == [result]


def test_a_figure_stated_twice_in_one_article_links_both_claims() -> None:
    text = "2023年全國賦稅收入新台幣5.57兆元\n財政部指出，2023年全國賦稅收入新台幣5.75兆元。"
    found = checks(text)
    assert [(r.kind, r.result) for r in found] == [("same_quantity", "warning")] * 2
    first, second = found
    assert first.related == (first.claim_id, second.claim_id)
    assert second.related == (second.claim_id, first.claim_id)


def test_a_figure_stated_twice_alike_agrees() -> None:
    text = "2023年全國賦稅收入新台幣5.75兆元\n財政部指出，2023年全國賦稅收入新台幣5.75兆元。"
    assert [(r.kind, r.result) for r in checks(text)] == [("same_quantity", "ok")] * 2


def test_two_sources_may_estimate_one_quantity_differently() -> None:
    text = (
        "據IDC統計，2025年全球AI芯片市場規模為900億美元。"
        "據Gartner統計，2025年全球AI芯片市場規模為1000億美元。"
    )
    assert checks(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("比亞迪在插電混動市場的份額高達112%。", "share_over_100"),
        ("該國鋼鐵出口量同比下降120%。", "decrease_over_100"),
        ("The youth jobless rate reached 9.4832%.", "excess_precision"),
        ("該公司員工人數為-120人。", "negative_count"),
    ],
)
def test_implausible_figures_are_warnings(text: str, kind: str) -> None:
    assert [(r.kind, r.result) for r in checks(text)] == [(kind, "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "政府債務占GDP的比重達120%。",  # a ratio of two quantities, not a share of a whole
        "該公司淨利潤同比下降120%，由盈轉虧。",  # profit can go below zero
        "10年期國債收益率報2.6512%。",  # yields are quoted to four decimals
        "占比僅0.005%。",  # small, but only one significant digit
        "恢復至2019年同期的119.09%。",  # two decimals, as statistics offices publish
        "該市常住人口淨增-1.2萬人。",  # a net change may be below zero
    ],
)
def test_plausible_figures_are_left_alone(text: str) -> None:
    assert checks(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # The stated change is another subject's: no relation.
        "營收從100億元增至120億元，淨利潤增長35%。",
        # A compound annual rate is not the change between the two figures.
        "出口額從2019年的50億美元增至2023年的80億美元，年均增長12.5%。",
        "Revenue grew from $10 billion in 2020 to $30 billion in 2023, a compound annual growth "
        "rate of 44%.",
        # Changes listed with 分別 are no parts.
        "A公司營收100億元，B公司營收80億元，分別增長10%和20%。",
        # A total smaller than a part is the total of something else.
        "兩家公司營收分別為100億元和80億元，淨利潤合計30億元。",
        # After 其中, a change is no part.
        "營收100億元，其中海外營收較上年增加50億元至80億元。",
        # Two totals before 其中: which one the parts belong to would be a guess.
        "營收100億元，淨利潤20億元，其中海外營收60億元。",
        # 按…計算 at an exchange rate is no multiple.
        "按1美元兌7.2元人民幣計算，約合720億元。",
        # A vague subject (營收) is never matched as the same quantity.
        "今年營收100億元。\n今年營收120億元。",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert [r for r in checks(text) if r.result != "ok"] == []


def test_a_sentence_opening_with_qizhong_lists_parts_of_the_one_before() -> None:
    text = "全年產值4.84兆元。其中，IC設計業1.2兆元、封測業3.9兆元。"
    assert summary(text) == [("part_whole", "4.84兆元", "inconsistent")]


def test_qizhong_in_a_new_paragraph_belongs_to_nothing_before() -> None:
    text = "全年產值4.84兆元。\n其中，IC設計業1.2兆元、封測業3.9兆元。"
    assert summary(text) == []
