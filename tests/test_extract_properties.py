"""Properties of the numeral layer, checked with hypothesis.

The pathological inputs are big enough that quadratic behaviour would take minutes and hang
the run; the tests assert on results only, never on timing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract import find_numbers
from claimdesk.extract.numerals import parse_numeral
from claimdesk.extract.script import fold

DIGITS = "零一二三四五六七八九"
SECTION_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
SCALES = ((10**8, "亿"), (10**4, "万"))


def section_to_chinese(number: int) -> str:
    """0 < number < 10000 in the standard written form: 4015 → 四千零一十五."""
    out = []
    pending_zero = False
    for unit, name in SECTION_UNITS:
        digit = number // unit % 10
        if digit:
            if pending_zero:
                out.append("零")
            out.append(DIGITS[digit] + name)
            pending_zero = False
        elif out:
            pending_zero = True
    if number % 10:
        if pending_zero:
            out.append("零")
        out.append(DIGITS[number % 10])
    return "".join(out)


def int_to_chinese(number: int) -> str:
    """Our own writer, independent of the parser: 456420015 → 四亿五千六百四十二万零一十五."""
    if number == 0:
        return "零"
    out = []
    rest = number
    for scale, name in SCALES:
        if rest >= scale:
            high, rest = divmod(rest, scale)
            out.append(int_to_chinese(high) + name)
            if 0 < rest < scale // 10:
                out.append("零")
    if rest:
        out.append(section_to_chinese(rest))
    return "".join(out)


def test_writer_writes_the_textbook_form() -> None:
    assert int_to_chinese(456420015) == "四亿五千六百四十二万零一十五"


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_any_int_in_chinese_numerals_parses_back(number: int) -> None:
    assert parse_numeral(int_to_chinese(number)) == number


@given(
    st.integers(min_value=0, max_value=10**12),
    st.text(alphabet="0123456789", min_size=1, max_size=6),
)
def test_any_decimal_in_chinese_numerals_parses_back(whole: int, fraction: str) -> None:
    written = int_to_chinese(whole) + "点" + "".join(DIGITS[int(d)] for d in fraction)
    assert parse_numeral(written) == Decimal(f"{whole}.{fraction}")


@given(st.integers(min_value=0, max_value=10**15))
def test_any_int_with_thousands_separators_parses_back(number: int) -> None:
    assert parse_numeral(f"{number:,}") == number


@given(st.text())
@settings(max_examples=300)
def test_find_numbers_never_raises_and_spans_match(text: str) -> None:
    for match in find_numbers(text):
        assert text[match.start : match.end] == match.text


@given(
    st.text(alphabet="0123456789,.万亿兆一二三四五六七八九十百千零两点%-~至年月个元分之又^/k aA$")
)
@settings(max_examples=500)
def test_numeral_soup_never_raises_and_spans_match(text: str) -> None:
    for match in find_numbers(text):
        assert text[match.start : match.end] == match.text


@given(st.text())
def test_folding_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("1" * 200_000, 1),
        ("一" * 200_000, 1),
        ("万" * 100_000, 0),
        ("1," * 100_000, 1),
        ("一 " * 100_000, 1),
        ("1" + " " * 200_000 + "x", 1),
        ("百分之" * 50_000, 25_000),  # each 百分之 reads the next 百 as its number
        ("第" * 200_000, 0),
        ("-" * 200_000 + "1", 1),
    ],
    ids=["digits", "yi", "wan", "one-comma", "spaced-yi", "spaces", "bai-fen-zhi", "di", "dashes"],
)
def test_pathological_input_is_read_in_one_pass(text: str, matches: int) -> None:
    assert len(find_numbers(text)) == matches


def test_a_long_run_of_digits_is_malformed_not_a_huge_value() -> None:
    assert find_numbers("1" * 200_000)[0].value is None
