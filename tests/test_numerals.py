"""Numeral strings to exact values (claimdesk.extract.numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimdesk.extract.numerals import parse_arabic, parse_numeral, to_value


def value(text: str) -> int | float | None:
    return to_value(parse_numeral(text))


def test_arabic_thousands_separators() -> None:
    assert value("1,050,000,000") == 1050000000


def test_arabic_decimal_is_exact() -> None:
    assert parse_numeral("396.36") == Decimal("396.36")


def test_comma_not_followed_by_three_digits_is_malformed() -> None:
    assert parse_arabic("1,2") is None


def test_malformed_numeral_with_scale_word_is_none_not_a_guess() -> None:
    assert value("1,2万") is None


def test_scale_word_yi_times_ten_thousand() -> None:
    assert value("47亿") == 4_700_000_000


def test_decimal_before_scale_word_is_exact() -> None:
    assert value("27169.3万") == 271_693_000


def test_thousands_separator_before_scale_word() -> None:
    assert value("1,200万") == 12_000_000


def test_zhao_is_ten_to_the_twelfth() -> None:
    assert value("4.08兆") == 4_080_000_000_000


def test_bare_wan_yi_is_ten_to_the_twelfth() -> None:
    assert value("万亿") == 10**12


def test_wan_wan_is_one_hundred_million() -> None:
    assert value("四万万") == 400_000_000


def test_nested_sections_multiply_by_the_larger_scale() -> None:
    text = "四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二"
    assert value(text) == 4569831148725382


def test_one_digit_after_a_scale_word_counts_in_the_next_unit_down() -> None:
    assert value("一万三") == 13000


def test_ling_keeps_the_digit_in_units() -> None:
    assert value("五亿零六") == 500000006


def test_abbreviated_hundreds() -> None:
    assert value("两千四百五") == 2450


def test_financial_numerals() -> None:
    assert value("肆佰陆拾") == 460


def test_leading_ling_shi_is_ten() -> None:
    assert value("零十") == 10


def test_ling_then_shi_inside_a_section() -> None:
    assert value("一百零十万") == 1_100_000


def test_mixed_arabic_and_chinese_units() -> None:
    assert value("5亿1万4千6百") == 500014600


def test_arabic_after_chinese_scale() -> None:
    assert value("3万4000") == 34000


def test_chinese_decimal_point() -> None:
    assert value("十五点七") == 15.7


def test_chinese_decimal_before_scale_word() -> None:
    assert value("二点五亿") == 250_000_000


def test_negative_chinese_numeral() -> None:
    assert value("负三十二") == -32


def test_digit_by_digit_year() -> None:
    assert value("二〇二二") == 2022


def test_approximate_marker_keeps_the_base() -> None:
    assert value("十多万") == 100000


def test_k_means_thousands() -> None:
    assert value("15k") == 15000


def test_falling_units_are_required() -> None:
    assert value("五十千") is None


def test_whole_values_are_int() -> None:
    assert isinstance(value("47.0亿"), int)


def test_fractional_values_are_float() -> None:
    assert isinstance(value("92.47"), float)


@pytest.mark.parametrize("text", ["1" * 200_000, "一" * 200, "1e400", ""])
def test_absurd_numerals_are_none_not_an_exception(text: str) -> None:
    assert value(text) is None
