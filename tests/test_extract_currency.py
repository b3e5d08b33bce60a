"""Issue 10, units and values: the article's currency, the currency table, and bare amounts of
money that their noun makes money."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.extract import extract_claims
from claimdesk.extract.currency import article_currency
from claimdesk.extract.script import fold
from claimdesk.extract.units import CURRENCY_SUFFIXES, CURRENCY_WORDS
from claimdesk.files.ingest import ArticleDetails, add_article


def _units(text: str, currency: str | None = None) -> dict[str, str | None]:
    return {c.text: c.unit for c in extract_claims(text, currency=currency)}


# The article's currency ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        # 元 before the article names 新台幣 several lines later.
        (
            "全年稅後淨利182億元，每股盈餘9.6元。\n董事會決議配發現金股利，以新台幣計價。",
            "182億元",
            "TWD",
        ),
        (
            "全年稅後淨利182億元，每股盈餘9.6元。\n董事會決議配發現金股利，以新台幣計價。",
            "9.6元",
            "TWD",
        ),
        ("宣傳預算為2億4800萬。\n旅發局在立法會上表示，訪港旅客人數回升。", "2億4800萬", "HKD"),
        ("今年營收為300億元。\n行政院主計總處公布經濟成長率。", "300億元", "TWD"),
        ("全年財政收入為5萬億元。\n國務院常務會議部署穩增長措施。", "5萬億元", "CNY"),
        ("博彩稅收為80億元。\n澳門特區政府統計暨普查局公布數據。", "80億元", "MOP"),
    ],
)
def test_article_currency_is_inferred_from_the_whole_text(
    text: str, figure: str, unit: str
) -> None:
    assert _units(text)[figure] == unit


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("新台幣升值，NT$30元。", "TWD"),
        ("特區政府公布，港元匯價穩定。", "HKD"),
        ("國家統計局公布數據。", "CNY"),
        ("澳門特區政府公布，以澳門元計。", "MOP"),
        ("No currency word here.", None),
    ],
)
def test_article_currency_of_the_text(text: str, currency: str | None) -> None:
    assert article_currency(fold(text)) == currency


@pytest.mark.parametrize("currency", ["TWD", "HKD", "SGD"])
def test_article_currency_given_by_the_editor_wins(currency: str) -> None:
    text = "全年淨利182億元，預算為3億。國務院表示。"
    assert set(_units(text, currency=currency).values()) == {currency}


def test_article_currency_named_currency_still_wins_after_it() -> None:
    units = _units("淨利182億元，另以人民幣計為40億元。", currency="TWD")
    assert units == {"182億元": "TWD", "40億元": "CNY"}


def test_article_currency_is_kept_by_claimdesk_add(tmp_path: Path) -> None:
    article = tmp_path / "twd.txt"
    article.write_text("台積電稅後淨利182億元。\n", encoding="utf-8")
    claims_dir = tmp_path / "claims"
    stored = add_article(article, claims_dir, details=ArticleDetails(currency="TWD"))
    assert stored.article.currency == "TWD"
    assert [c.unit for c in stored.claims] == ["TWD"]
    again = add_article(article, claims_dir, update=True)  # no --currency: kept
    assert again.article.currency == "TWD"
    assert [c.unit for c in again.claims] == ["TWD"]


def test_article_currency_option_of_claimdesk_add(tmp_path: Path) -> None:
    article = tmp_path / "hk.txt"
    article.write_text("宣傳預算為2億4800萬。\n", encoding="utf-8")
    claims_dir = tmp_path / "claims"
    args = ["add", str(article), "--slug", "hk", "--claims-dir", str(claims_dir)]
    result = CliRunner().invoke(cli, [*args, "--currency", "hkd"])
    assert result.exit_code == 0, result.output
    saved = (claims_dir / "hk" / "claims.yml").read_text("utf-8")
    assert "currency: HKD" in saved and "unit: HKD" in saved
    refused = CliRunner().invoke(cli, [*args, "--update", "--currency", "dollars"])
    assert refused.exit_code != 0 and "--currency" in refused.output


# Every currency a Chinese-language newsroom writes ------------------------------------------


@pytest.mark.parametrize(
    ("figure", "unit"),
    [
        ("300澳門元", "MOP"), ("300澳門幣", "MOP"), ("300葡幣", "MOP"),
        ("300新加坡元", "SGD"), ("300新元", "SGD"),
        ("300林吉特", "MYR"), ("300令吉", "MYR"),
        ("300日圓", "JPY"), ("300日元", "JPY"),
        ("300韓圓", "KRW"), ("300歐元", "EUR"), ("300英鎊", "GBP"), ("300泰銖", "THB"),
        ("300新台幣", "TWD"), ("300港元", "HKD"), ("300人民幣", "CNY"), ("300美元", "USD"),
    ],
)  # fmt: skip
def test_currency_table_reads_every_newsroom_currency(figure: str, unit: str) -> None:
    assert _units(f"金額為{figure}。") == {figure: unit}


def test_currency_table_is_one_table() -> None:
    # Every word of CURRENCY_WORDS, and only those, is a currency suffix.
    words = {w: code for code, ws in CURRENCY_WORDS.items() for w in ws}
    assert {w: u.unit for w, u in CURRENCY_SUFFIXES.items()} == words
    assert all(u.kind == "money" for u in CURRENCY_SUFFIXES.values())


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("總額30億元（澳門元，下同），其中博彩10億元。", "MOP"),
        ("（單位：新加坡元）\n收入30億元，支出10億元。", "SGD"),
        ("營收30億元（港元，下同），淨利10億元。", "HKD"),
        ("（單位：新台幣）\n收入30億元，支出10億元。", "TWD"),
    ],
)
def test_currency_table_in_notes(text: str, unit: str) -> None:
    assert set(_units(text).values()) == {unit}


# Bare amounts of money ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("旅發局宣傳預算為2億4800萬。", "2億4800萬"),
        ("公司全年營收約120億。", "120億"),
        ("項目總投資達3億。", "3億"),
        ("該公司估值為50億。", "50億"),
        ("公司市值高達2萬億。", "2萬億"),
        ("員工薪金總額為8000萬。", "8000萬"),
    ],
)
def test_bare_money_noun_makes_a_figure_money(text: str, figure: str) -> None:
    claim = next(c for c in extract_claims(text) if c.text == figure)
    assert (claim.kind, claim.unit) == ("money", "CNY")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "The marketing budget was 3 million. The Legislative Council approved HK$ spending.",
            "HKD",
        ),
        ("Revenue of 3 billion was reported.", "USD"),
        ("宣傳預算為2億4800萬。立法會通過。", "HKD"),
    ],
)
def test_bare_money_noun_takes_the_article_currency(text: str, unit: str) -> None:
    money = [c for c in extract_claims(text) if c.kind == "money"]
    assert [c.unit for c in money] == [unit]


@pytest.mark.parametrize(
    "text", ["預算增加了300人。", "營收成長5%。", "投資2000家企業。", "收入在2024年回升。"]
)
def test_bare_money_noun_leaves_figures_with_units_alone(text: str) -> None:
    assert all(c.kind != "money" for c in extract_claims(text))
