"""Issue 18, figures written in several units are one figure: a duration in hours, minutes and
seconds, a score, a margin of error, and a count written as its noun and a bare number. The
examples are made up; each stands for a class (extract/compound.py, extract/numbers.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.claim import Claim
from claimdesk.extract import extract_claims


def _only(text: str) -> Claim:
    [claim] = extract_claims(text)
    return claim


# --- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "seconds"),
    [
        ("他以2小時05分30秒跑完全程。", "2小時05分30秒", 7530),
        ("她的成績為3分12秒45。", "3分12秒45", 192.45),  # hundredths after 秒
        ("手術耗時1小時30分。", "1小時30分", 5400),
        ("手術耗時1小時30分鐘。", "1小時30分鐘", 5400),  # two durations side by side
        ("選手以2時05分30秒奪冠。", "2時05分30秒", 7530),  # 時 with seconds: a race result
        ("He won the marathon in 1:02:03.", "1:02:03", 3723),
        ("Her time was 2:05:30.5 on Sunday.", "2:05:30.5", 7530.5),
        ("She ran the mile in 3:42.5 yesterday.", "3:42.5", 222.5),
        ("The flight took 2 hours 5 minutes.", "2 hours 5 minutes", 7500),
        ("The talk lasted 1 hour and 30 minutes.", "1 hour and 30 minutes", 5400),
    ],
)
def test_a_duration_in_several_units_is_one_figure_in_seconds(
    text: str, figure: str, seconds: float
) -> None:
    claim = _only(text)
    assert (claim.text, claim.value, claim.unit, claim.kind) == (
        figure,
        seconds,
        "second",
        "duration",
    )


@given(st.integers(0, 99), st.integers(0, 59), st.integers(0, 59))
def test_any_hours_minutes_seconds_are_their_sum(h: int, m: int, s: int) -> None:
    for text in (f"他以{h}小時{m:02d}分{s:02d}秒完成。", f"He finished in {h}:{m:02d}:{s:02d}."):
        claim = _only(text)
        assert (claim.value, claim.unit) == (3600 * h + 60 * m + s, "second")


@given(st.integers(0, 59), st.integers(0, 59), st.integers(0, 99))
def test_any_minutes_seconds_hundredths_are_their_sum(m: int, s: int, cs: int) -> None:
    claim = _only(f"成績為{m}分{s}秒{cs:02d}。")
    assert claim.value == pytest.approx(60 * m + s + cs / 100)


def test_a_part_of_sixty_or_more_is_no_compound() -> None:
    # 90 minutes after an hour is no stopwatch reading: the figures stay apart.
    assert [c.text for c in extract_claims("The flight took 2 hours 90 minutes.")] == [
        "2 hours",
        "90 minutes",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "會議於下午3時15分開始，出口增長5%。",
        "今晚8點30分開始，出口增長5%。",
        "凌晨2時，出口增長5%。",
        "The meeting starts at 3:15, and exports grew 5%.",
        "At 3:15 p.m. exports had grown 5%.",
        "The vote closed at 10:30:15 GMT and exports grew 5%.",
    ],
)
def test_a_clock_time_is_no_figure(text: str) -> None:
    assert [c.text for c in extract_claims(text)] == ["5%"]


# --- scores -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("甲隊以3比1擊敗乙隊。", "3比1"),
        ("主隊以3:1獲勝。", "3:1"),
        ("終場比分101-98。", "101-98"),
        ("The home side won 3-1.", "3-1"),
        ("丙隊以2:0取勝。", "2:0"),
        ("比分3比2，甲隊晉級。", "3比2"),
        ("議案以45比30票通過。", "45比30"),  # a vote's tally
    ],
)
def test_a_score_is_one_claim_with_no_value(text: str, figure: str) -> None:
    claim = _only(text)
    assert (claim.text, claim.value, claim.unit, claim.kind, claim.flags) == (
        figure,
        None,
        None,
        "score",
        (),
    )


@pytest.mark.parametrize(
    "text",
    ["螢幕長寬比16:9。", "該校男女比例1:1.2。", "球隊控球比例6:4。", "The ratio was 3:1."],
)
def test_a_proportion_is_no_score(text: str) -> None:
    assert all(c.kind != "score" for c in extract_claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "球隊在24-25賽季表現不俗。",  # a season
        "決賽於3-5日舉行。",  # days
        "The final is on 12-14 June.",
        "Chapter 3-1 of the game rules changed.",
        "他在第3-4局發揮出色。",
    ],
)
def test_a_range_in_a_story_of_a_contest_is_no_score(text: str) -> None:
    assert all(c.kind != "score" for c in extract_claims(text))


@given(st.integers(0, 199), st.integers(0, 199))
def test_any_two_numbers_in_a_contest_are_one_score(a: int, b: int) -> None:
    claim = _only(f"甲隊以{a}比{b}擊敗乙隊。")
    assert (claim.kind, claim.text) == ("score", f"{a}比{b}")


# --- margins ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "unit"),
    [
        ("抽樣誤差為正負3個百分點。", "正負", "pp"),
        ("誤差在正負3%以內。", "正負", "%"),
        ("The margin of error is ±3 percentage points.", "±", "pp"),
        ("The margin of error is +/-3%.", "+/-", "%"),
        ("The poll has a margin of plus or minus 3 points.", "plus or minus", "count"),
    ],
)
def test_a_margin_of_error_is_a_positive_figure_qualified_plus_minus(
    text: str, qualifier: str, unit: str
) -> None:
    claim = _only(text)
    assert (claim.value, claim.unit, claim.qualifier, claim.qualifier_meaning) == (
        3,
        unit,
        qualifier,
        "plus_minus",
    )


def test_a_margin_after_a_figure_stays_its_margin() -> None:
    claim = _only("支持率52%±2%。")
    assert (claim.value, claim.margin) == (52, 2)
    claim = _only("支持率52%正負2%。")
    assert (claim.value, claim.margin) == (52, 2)


def test_fu_alone_is_still_a_minus_sign() -> None:
    assert _only("增長率為負3%。").value == -3


# --- counts written as a noun and a bare number -------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("該公司員工800，去年增加。", 800, "公司員工"),
        ("新車月銷量8000，創新高。", 8000, "月銷量"),
        ("昨日新增病例1200。", 1200, "新增病例"),
        ("確診數字1,200。", 1200, "確診數字"),
        ("甲校學生300和乙校學生500。", 300, "甲校學生"),
        ("本場觀眾人數800左右。", 800, "觀眾人數"),
        ("集團員工5000較去年增加。", 5000, "集團員工"),
    ],
)
def test_a_noun_of_quantity_and_a_bare_number_is_a_count(text: str, value: int, noun: str) -> None:
    claim = extract_claims(text)[0]
    assert (claim.value, claim.kind, claim.unit, claim.noun) == (value, "count", "count", noun)


@pytest.mark.parametrize(
    "text",
    [
        # Made-up brands, in no list: a product noun follows, or they sit in a list of models.
        "天樞990處理器的效能更好。",
        "天樞990、星河888和北辰700都已上市。",
        "新款天樞990，效能更好。",
    ],
)
def test_a_model_number_after_an_unlisted_brand_is_no_count(text: str) -> None:
    assert extract_claims(text) == []
