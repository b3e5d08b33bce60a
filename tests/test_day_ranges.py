"""A range of days written once (5月1日至3日) is one date and one time, not a day and a stray 3日.

Made-up sentences: the class, not a sentence of any fixture (none of them has a range of days).
"""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims, find_numbers


def test_a_range_of_days_dates_the_figure_after_it_whole() -> None:
    claims = extract_claims("2023年5月1日至3日，景區收入3億元。")
    assert [(c.text, c.time) for c in claims] == [("3億元", "2023-05-01/2023-05-03")]


def test_a_relative_range_of_days_is_kept_as_written() -> None:
    claims = extract_claims("今年5月1日至3日，旅客人數達120萬人次。")
    assert [(c.text, c.time, c.flags) for c in claims] == [
        ("120萬人次", "今年5月1日至3日", ("relative_time",))
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "value_max"),
    [
        ("展會於2023年5月1日至3日舉行。", "2023年5月1日至3日", 20230501, 20230503),
        ("假期為2023年12月30日至1月2日。", "2023年12月30日至1月2日", 20231230, 20240102),
        ("會議於2024年6月3日－5日召開。", "2024年6月3日－5日", 20240603, 20240605),
        # A range that ends before it starts is one span still, with no last day.
        ("紀錄寫作2023年5月9日至3日。", "2023年5月9日至3日", 20230509, None),
    ],
)
def test_a_range_of_days_that_dates_nothing_is_one_date_claim(
    sentence: str, text: str, value: int, value_max: int | None
) -> None:
    claims = extract_claims(sentence)
    assert [(c.text, c.value, c.value_max, c.unit, c.kind) for c in claims] == [
        (text, value, value_max, "day", "date")
    ]


def test_a_range_of_days_that_ends_before_it_starts_dates_by_its_first_day() -> None:
    claims = extract_claims("2023年5月9日至3日，景區收入3億元。")
    assert [(c.text, c.time) for c in claims] == [("3億元", "2023-05-09")]


def test_a_range_of_days_crossing_the_year_ends_in_the_next() -> None:
    claims = extract_claims("2023年12月30日至1月2日，共售出門票8萬張。")
    assert [(c.text, c.time) for c in claims] == [("8萬張", "2023-12-30/2024-01-02")]


def test_the_numeral_layer_reads_a_relative_range_of_days_as_one_figure() -> None:
    assert [(n.text, n.unit) for n in find_numbers("5月1日至3日")] == [("5月1日至3日", "relative")]
    assert [(n.text, n.unit) for n in find_numbers("今年5月1日到3日")] == [
        ("今年5月1日到3日", "relative")
    ]
