"""web/figure_text.py: figures as people write them, 47億元人民幣 and 4.7 billion yuan."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.extract.units import CURRENCY_WORDS
from claimdesk.web.figure_text import (
    CURRENCIES,
    DECIMALS,
    EN_SCALES,
    ZH_SCALES,
    exact_text,
    figure_text,
)

ZH_POWER = {word: power for power, word in ZH_SCALES}
EN_POWER = {word: power for power, word in EN_SCALES}
NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")


def read_back(text: str, language: str) -> tuple[Decimal, Decimal]:
    """(the value a reader reads in `text`, half a unit of its last digit)."""
    found = NUMBER.search(text)
    assert found is not None, text
    number = found.group().replace(",", "")
    value = Decimal(number)
    decimals = len(number.partition(".")[2])
    power = 0
    rest = text[found.end() :].strip()
    scales = ZH_POWER if language == "zh" else EN_POWER
    for word, scale in scales.items():
        if rest.startswith(word):
            power = scale
    if text.startswith("-") and not number.startswith("-"):
        value = -value
    return value.scaleb(power), Decimal(5).scaleb(power - decimals - 1)


def test_the_issues_example() -> None:
    assert figure_text(4_700_000_000, "CNY") == "47億元人民幣"
    assert figure_text(4_700_000_000, "CNY", language="en") == "4.7 billion yuan"
    assert exact_text(4_700_000_000, "CNY") == "4,700,000,000 CNY"


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (43_200_000_000, "CNY", "432億元人民幣", "43.2 billion yuan"),
        (12_000_000, "count", "1,200萬", "12 million"),
        (9_247_000_000, "CNY", "92.47億元人民幣", "9.25 billion yuan"),
        (480_840_000_000, "TWD", "新台幣4,808.4億元", "NT$480.84 billion"),
        (1_000_000_000_000, "USD", "1兆美元", "US$1 trillion"),
        (47.2, "%", "47.2%", "47.2%"),
        (2.8, "x", "2.8倍", "2.8 times"),
        (3, "pp", "3個百分點", "3 percentage points"),
        (30, "week", "30週", "30 weeks"),
        (1, "year", "1年", "1 year"),
        (2048, "TOPS", "2,048 TOPS", "2,048 TOPS"),
        (9999, "count", "9,999", "9,999"),
    ],
)
def test_figures_read_as_people_write_them(value: float, unit: str, zh: str, en: str) -> None:
    assert figure_text(value, unit) == zh
    assert figure_text(value, unit, language="en") == en


def test_the_scale_word_changes_at_its_boundary() -> None:
    assert figure_text(9_999, "count") == "9,999"
    assert figure_text(10_000, "count") == "1萬"
    assert figure_text(99_999_999, "count") == "1億"  # 9,999.9999萬 rounds to 10,000萬
    assert figure_text(99_990_000, "count") == "9,999萬"
    assert figure_text(100_000_000, "count") == "1億"
    assert figure_text(999_999_999_999, "count") == "1兆"
    assert figure_text(999_900_000_000, "count") == "9,999億"
    assert figure_text(999_999, "count", language="en") == "999,999"
    assert figure_text(999_999_999, "count", language="en") == "1 billion"


def test_negative_figures_keep_their_sign_before_the_currency() -> None:
    assert figure_text(-4_700_000_000, "HKD") == "-47億港元"
    assert figure_text(-4_700_000_000, "HKD", language="en") == "-HK$4.7 billion"
    assert figure_text(-5.5, "%") == "-5.5%"


def test_a_range_shows_both_ends() -> None:
    assert figure_text(4.3e9, "CNY", 4.5e9) == "43億–45億元人民幣"
    assert figure_text(4.3e9, "CNY", 4.5e9, "en") == "4.3 billion–4.5 billion yuan"


def test_no_value_is_no_text() -> None:
    assert figure_text(None, "CNY") == ""
    assert exact_text(None) == ""


def test_every_currency_the_extractor_knows_has_words() -> None:
    assert set(CURRENCIES) == set(CURRENCY_WORDS)
    for code in CURRENCY_WORDS:
        zh, en = figure_text(1e9, code), figure_text(1e9, code, language="en")
        assert "10億" in zh and code not in zh
        assert "1 billion" in en and code not in en


values = st.one_of(
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).map(lambda v: round(v, 4)),
)
units = st.sampled_from([*CURRENCIES, "count", "%", "TOPS", "week", "x"])


@given(values, units, st.sampled_from(["zh", "en"]))
def test_any_figure_reads_back_within_its_shown_precision(
    value: float, unit: str, language: str
) -> None:
    shown = figure_text(value, unit, language=language)  # type: ignore[arg-type]
    read, half_unit = read_back(shown, language)
    assert abs(read - Decimal(str(value))) <= half_unit, shown


@given(values, units)
def test_the_exact_text_has_every_digit(value: float, unit: str) -> None:
    exact = exact_text(value, unit).removesuffix(unit).strip().replace(",", "")
    assert Decimal(exact) == Decimal(str(value))


@given(st.integers(min_value=10_000, max_value=10**15), st.sampled_from(["zh", "en"]))
def test_a_scaled_figure_has_at_most_its_decimals(value: int, language: str) -> None:
    shown = figure_text(value, "count", language=language)  # type: ignore[arg-type]
    if language == "en" and value < 1_000_000:
        return
    number = NUMBER.search(shown)
    assert number is not None
    assert len(number.group().partition(".")[2]) <= DECIMALS
