"""Does a claim hold as worded? Written precision, what a qualifier allows, and the suggested
verdict against the source's figure. The shapes are those of real articles (the seed: market
sizes, 4.08兆, 47億元, 將近30%, 超過1000億, TOPS and watts)."""

from __future__ import annotations

import math

import pytest

from claimdesk.extract.types import QualifierMeaning, Value
from claimdesk.review.discrepancy import (
    MOSTLY_CORRECT_WITHIN,
    Assessment,
    SourceValue,
    assess,
    parse_source_value,
)
from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, holds, tolerance_interval, written_precision
from claimdesk.review.verdicts import Verdict

# --- written precision -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("4.08兆", 1e10),
        ("4.08兆元", 1e10),
        ("47億元", 1e8),
        ("47億元人民幣", 1e8),
        ("175億美元", 1e8),
        ("1,200", 1),  # Arabic zeros are written digits
        ("1000億", 1e8),
        ("27169.3", 0.1),
        ("28%", 1),
        ("將近30%", 1),  # the qualifier is not part of the figure
        ("47.2%", 0.1),
        ("約2.8倍", 0.1),
        ("2048 TOPS", 1),
        ("兩千", 1000),  # a Chinese numeral writes no trailing zeros
        ("兩千零四十八", 1),
        ("一萬三", 1000),  # 13000: the 三 counts thousands
        ("十", 10),
        ("十萬", 1e5),
        ("兩千萬", 1e7),
        ("一點五億", 1e7),
        ("八成", 10),  # 成 is ten percent
        ("七折", 10),
        ("千分之五", 0.1),
        ("3.5 billion", 1e8),
        ("US$49 billion", 1e9),
        ("1.02e11", 1e9),
        ("15k", 1000),
        ("12萬3,456", 1),
        ("3至5倍", 1),  # a range: its high end
        ("2021年", 1),
        ("1.9個百分點", 0.1),  # the 百 of 百分點 is a unit word, not a written digit
        ("0.9个百分点", 0.1),
        ("百分之三十", 10),  # as 三十 alone: a Chinese numeral writes no trailing zeros
    ],
)
def test_written_precision_is_one_unit_of_the_last_written_digit(
    text: str, precision: float
) -> None:
    assert written_precision(text) == pytest.approx(precision)


def test_written_precision_needs_a_figure() -> None:
    with pytest.raises(ReviewError, match="text: '大幅上漲' has no figure to check"):
        written_precision("大幅上漲")


# --- what a figure covers as worded ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "meaning", "low", "high"),
    [
        (4080000000000, "4.08兆元", None, 4.075e12, 4.085e12),
        (4700000000, "47億元", None, 4.65e9, 4.75e9),
        (1200, "1,200", None, 1199.5, 1200.5),
        (27169.3, "27169.3", None, 27169.25, 27169.35),
        (2000, "兩千", None, 1500, 2500),
        (550, "550W", "emphasis", 549.5, 550.5),  # 高達 stresses the figure, hedges nothing
        (2.8, "2.8倍", "approximate", 2.7, 2.9),
        (30, "30%", "approximate", 29, 31),
        (30, "30%", "upper_bound", -math.inf, 30),
        (100000000000, "1000億元", "lower_bound", 1e11, math.inf),
    ],
)
def test_tolerance_interval_by_precision_and_qualifier(
    value: Value, text: str, meaning: QualifierMeaning | None, low: float, high: float
) -> None:
    assert tolerance_interval(value, text, meaning) == Interval(low, high)


def test_a_range_covers_from_its_low_end_to_its_high_end_each_at_its_own_precision() -> None:
    assert tolerance_interval(2.5, "2.5至3倍", None, value_max=3) == Interval(2.45, 3.5)


def test_tolerance_interval_is_a_low_high_pair() -> None:
    low, high = tolerance_interval(47, "47", None)
    assert (low, high) == (46.5, 47.5)


@pytest.mark.parametrize(
    ("other", "inside"),
    [(46.5, True), (47, True), (47.5, True), (46.49, False), (47.51, False)],
)
def test_holds_includes_the_bounds(other: float, inside: bool) -> None:
    assert holds(Interval(46.5, 47.5), other) is inside


def test_holds_on_an_open_side() -> None:
    assert holds(Interval(-math.inf, 30), -1e30)
    assert not holds(Interval(1e11, math.inf), 9.9e10)


# --- reading the source's figure ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "default_unit", "expected"),
    [
        ("1020億", "CNY", SourceValue(102000000000, "CNY")),
        ("1.02e11", "CNY", SourceValue(102000000000, "CNY")),
        (102000000000, "CNY", SourceValue(102000000000, "CNY")),
        ("4.08兆", None, SourceValue(4080000000000, None)),
        ("4.08兆元", None, SourceValue(4080000000000, "CNY")),
        ("490億美元", "CNY", SourceValue(49000000000, "USD")),  # its own unit wins
        ("28%", None, SourceValue(28, "%")),
        ("八成", None, SourceValue(80, "%")),
        ("0.3個百分點", "%", SourceValue(0.3, "pp")),
        ("  4,080,000,000,000 ", "CNY", SourceValue(4080000000000, "CNY")),
        (27169.3, None, SourceValue(27169.3, None)),
    ],
)
def test_source_value_is_read_like_the_article(
    source: str | float, default_unit: str | None, expected: SourceValue
) -> None:
    assert parse_source_value(source, default_unit) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("abc", "'abc' is not one figure"),
        ("", "'' is not one figure"),
        ("約1020億", "write only the figure"),
        ("2021年1020億", "is not one figure"),
        ("3至5倍", "is a range; give one figure"),
        ("1,2萬", "is not a well-formed number"),
        (True, "should be a number, not true or false"),
        (math.nan, "should be a finite number"),
    ],
)
def test_source_value_that_is_not_one_figure_is_refused(source: str | float, message: str) -> None:
    with pytest.raises(ReviewError, match=message) as caught:
        parse_source_value(source, claim_id="c0123456789")
    assert caught.value.field == "source_value"
    assert str(caught.value).startswith("claim c0123456789: source_value: ")


# --- the suggested verdict ---------------------------------------------------------------

EXACT: QualifierMeaning | None = None  # no qualifier: the figure as written
CASES: list[
    tuple[str, Value, str | None, QualifierMeaning | None, Value, str | None, bool, Verdict]
] = [
    # market sizes: 從175億美元上漲到490億美元
    ("175億美元", 17500000000, "USD", EXACT, 17500000000, "USD", True, Verdict.CORRECT),
    ("175億美元", 17500000000, "USD", EXACT, 17520000000, "USD", True, Verdict.CORRECT),
    ("490億美元", 49000000000, "USD", EXACT, 48200000000, "USD", False, Verdict.MOSTLY_CORRECT),
    ("490億美元", 49000000000, "USD", EXACT, 40000000000, "USD", False, Verdict.INCORRECT),
    # 4.08兆 covers 4.075兆 to 4.085兆
    ("4.08兆元", 4080000000000, "CNY", EXACT, 4075000000000, "CNY", True, Verdict.CORRECT),
    ("4.08兆元", 4080000000000, "CNY", EXACT, 4090000000000, "CNY", False, Verdict.MOSTLY_CORRECT),
    # funding: 47億元 covers 46.5億 to 47.5億
    ("47億元", 4700000000, "CNY", EXACT, 4650000000, "CNY", True, Verdict.CORRECT),
    ("47億元", 4700000000, "CNY", EXACT, 4640000000, "CNY", False, Verdict.MOSTLY_CORRECT),
    ("47億元", 4700000000, "CNY", EXACT, 3700000000, "CNY", False, Verdict.INCORRECT),
    ("1,200億元", 120000000000, "CNY", EXACT, 119950000000, "CNY", True, Verdict.CORRECT),
    ("27169.3億元", 2716930000000, "CNY", EXACT, 2716925000000, "CNY", True, Verdict.CORRECT),
    # 將近30% is at most 30%
    ("30%", 30, "%", "upper_bound", 28, "%", True, Verdict.CORRECT),
    ("30%", 30, "%", "upper_bound", 31, "%", False, Verdict.MOSTLY_CORRECT),
    # 超過1000億 is at least 1000億; 1000億以上 includes 1000億
    ("1000億元", 100000000000, "CNY", "lower_bound", 102000000000, "CNY", True, Verdict.CORRECT),
    ("1000億元", 100000000000, "CNY", "lower_bound", 100000000000, "CNY", True, Verdict.CORRECT),
    (
        "1000億元",
        100000000000,
        "CNY",
        "lower_bound",
        99000000000,
        "CNY",
        False,
        Verdict.MOSTLY_CORRECT,
    ),
    ("1000億元", 100000000000, "CNY", "lower_bound", 80000000000, "CNY", False, Verdict.INCORRECT),
    # 約2.8倍 covers 2.7 to 2.9; a source with no unit is in the claim's
    ("2.8倍", 2.8, "x", "approximate", 2.9, "x", True, Verdict.CORRECT),
    ("2.8倍", 2.8, "x", "approximate", 2.95, None, False, Verdict.MOSTLY_CORRECT),
    ("2.8倍", 2.8, "x", "approximate", 3.5, "x", False, Verdict.INCORRECT),
    # compute: 約2048 TOPS, 3958 TOPS, 256 TOPS
    ("2048 TOPS", 2048, "TOPS", "approximate", 2048, "TOPS", True, Verdict.CORRECT),
    ("3958 TOPS", 3958, "TOPS", EXACT, 3958.4, "TOPS", True, Verdict.CORRECT),
    ("256 TOPS", 256, "TOPS", EXACT, 280, "TOPS", False, Verdict.INCORRECT),
    # power: 高達550W, against a data sheet in kW
    ("550W", 550, "W", "emphasis", 550, "W", True, Verdict.CORRECT),
    ("550W", 550, "W", "emphasis", 0.55, "kW", True, Verdict.CORRECT),
    ("350W", 350, "W", EXACT, 400, "W", False, Verdict.INCORRECT),
    # 成: 八成 is 80 %, 75 % to 85 %; 不到兩成 is at most 20 %
    ("八成", 80, "%", EXACT, 78, "%", True, Verdict.CORRECT),
    ("八成", 80, "%", EXACT, 70, "%", False, Verdict.INCORRECT),
    ("兩成", 20, "%", "upper_bound", 19.6, "%", True, Verdict.CORRECT),
    ("兩成", 20, "%", "upper_bound", 21, "%", False, Verdict.MOSTLY_CORRECT),
    # 30周左右 covers 29 to 31 weeks; 兩千人 covers 1,500 to 2,500
    ("30周", 30, "week", "approximate", 31, "week", True, Verdict.CORRECT),
    ("兩千人", 2000, "count", EXACT, 2400, "count", True, Verdict.CORRECT),
    ("770億顆", 77000000000, "count", EXACT, 77000000000, "count", True, Verdict.CORRECT),
    ("47.2%", 47.2, "%", EXACT, 47.25, "%", True, Verdict.CORRECT),
    ("25個基點", 25, "bp", EXACT, 0.25, "pp", True, Verdict.CORRECT),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "meaning", "source", "source_unit", "within", "verdict"), CASES
)
def test_suggested_verdict_against_the_source(
    text: str,
    value: Value,
    unit: str | None,
    meaning: QualifierMeaning | None,
    source: Value,
    source_unit: str | None,
    within: bool,
    verdict: Verdict,
) -> None:
    assessment = assess(value, text, unit, meaning, source, source_unit)
    assert (assessment.holds, assessment.suggested_verdict) == (within, verdict)


@pytest.mark.parametrize(
    ("source", "within", "verdict"),
    [(4, True, Verdict.CORRECT), (5.5, True, Verdict.CORRECT), (6, False, Verdict.INCORRECT)],
)
def test_a_range_holds_anywhere_between_its_ends(
    source: float, within: bool, verdict: Verdict
) -> None:
    assessment = assess(3, "3至5倍", "x", None, source, "x", claim_value_max=5)
    assert (assessment.holds, assessment.suggested_verdict) == (within, verdict)


def test_mostly_correct_ends_five_percent_beyond_what_the_claim_covers() -> None:
    assert MOSTLY_CORRECT_WITHIN == 0.05
    # 47億 covers up to 47.5億; 50億 is 2.5億 (5%) beyond it, 50.1億 is a little more.
    assert (
        assess(4.7e9, "47億元", "CNY", None, 5.0e9, "CNY").suggested_verdict
        is Verdict.MOSTLY_CORRECT
    )
    assert (
        assess(4.7e9, "47億元", "CNY", None, 5.01e9, "CNY").suggested_verdict is Verdict.INCORRECT
    )


@pytest.mark.parametrize(
    ("unit", "source_unit", "why"),
    [
        ("USD", "CNY", "convert at the exchange rate of the claim's period"),
        ("%", "pp", "a percentage and a change in percentage points are different things"),
        (
            "TOPS",
            "TFLOPS",
            "the claim is in TOPS and the source in TFLOPS, which cannot be compared",
        ),
        ("W", "TOPS", "cannot be compared"),
    ],
)
def test_different_units_give_no_suggestion_and_say_why(
    unit: str, source_unit: str, why: str
) -> None:
    assessment = assess(175, "175", unit, None, 175, source_unit)
    assert (assessment.holds, assessment.suggested_verdict, assessment.difference) == (
        None,
        None,
        None,
    )
    assert why in assessment.reason
    assert assessment.reason_zh_hant


def test_a_malformed_claim_gives_no_suggestion() -> None:
    assessment = assess(None, "1,2萬臺", "count", None, 12000, "count")
    assert (assessment.holds, assessment.suggested_verdict) == (None, None)
    assert "could not be read" in assessment.reason


def test_without_a_source_figure_there_is_no_suggestion() -> None:
    assessment = assess(4.7e9, "47億元", "CNY", None, None, None)
    assert (assessment.holds, assessment.suggested_verdict) == (None, None)
    assert "no figure from the source" in assessment.reason


def test_difference_is_the_claim_minus_the_source_in_the_claims_unit() -> None:
    assessment = assess(550, "550W", "W", None, 0.5, "kW")
    assert assessment.source_value == 500
    assert assessment.difference == 50
    assert assessment.relative_difference == pytest.approx(0.1)


def test_difference_to_a_range_is_to_its_nearest_end() -> None:
    assert assess(3, "3至5倍", "x", None, 6, "x", claim_value_max=5).difference == -1


def test_relative_difference_against_zero_is_none() -> None:
    assert assess(1, "1%", "%", None, 0, "%").relative_difference is None


def test_reason_says_what_the_claim_covers_and_which_way_it_is_off() -> None:
    assessment: Assessment = assess(4.7e9, "47億元", "CNY", None, 4.9e9, "CNY")
    assert assessment.reason == (
        "the source's 4.9 billion CNY is outside what '47億元' covers as worded "
        "(4.65 billion CNY to 4.75 billion CNY); the article's figure is lower by 4.1%"
    )
    assert assessment.reason_zh_hant == (
        "來源數字 49億 CNY 超出「47億元」按字面涵蓋的範圍（46.5億 CNY 至 47.5億 CNY）；"
        "文章數字偏低 4.1%"
    )


def test_reason_for_a_bound_says_or_more() -> None:
    assessment = assess(1e11, "1000億元", "CNY", "lower_bound", 1.02e11, "CNY")
    assert "within what '1000億元' covers as worded (100 billion CNY or more)" in assessment.reason
    assert "1,000億 CNY 或以上" in assessment.reason_zh_hant


def test_source_read_from_text_compares_with_the_claim() -> None:
    source = parse_source_value("1020億", "CNY")
    assessment = assess(1e11, "1000億元", "CNY", "lower_bound", source.value, source.unit)
    assert assessment.suggested_verdict is Verdict.CORRECT
