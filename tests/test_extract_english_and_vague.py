"""Issue 10: vague magnitudes (數百億元, 幾千人), English ranges and English dates."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims, find_numbers

Row = tuple[str, float | int | None, float | int | None, str | None]


def _rows(text: str) -> list[Row]:
    return [(c.text, c.value, c.value_max, c.unit) for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("投資數百億元。", ("數百億元", 10**10, 10**11, "CNY")),
        ("吸引數十萬人。", ("數十萬人", 10**5, 10**6, "count")),
        ("開設上百家門市。", ("上百家", 100, 1000, "count")),
        ("裁員幾千人。", ("幾千人", 1000, 10000, "count")),
        ("湧入好幾千人。", ("好幾千人", 1000, 10000, "count")),
    ],
)
def test_vague_magnitude_is_a_range(text: str, row: Row) -> None:
    assert _rows(text) == [row]


def test_vague_magnitude_shu_shi_yi_is_never_one_billion() -> None:
    (claim,) = extract_claims("虧損數十億元。")
    assert (claim.value, claim.value_max) == (10**9, 10**10)


@pytest.mark.parametrize("text", ["以上百分之五。", "提高百分之三。", "逾百億元。"])
def test_vague_magnitude_needs_its_vague_word(text: str) -> None:
    assert all(c.value_max is None for c in extract_claims(text))


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Delivery takes 36 to 52 weeks.", ("36 to 52 weeks", 36, 52, "week")),
        ("Margins were 17% to 20%.", ("17% to 20%", 17, 20, "%")),
        ("It will cost between $2 billion and $3 billion.",
         ("$2 billion and $3 billion", 2 * 10**9, 3 * 10**9, "USD")),
        ("Demand grew 3-5 times.", ("3-5 times", 3, 5, "x")),
    ],
)  # fmt: skip
def test_english_range_is_one_claim(text: str, row: Row) -> None:
    assert _rows(text) == [row]


@pytest.mark.parametrize(
    "text",
    [
        "Its share rose from 5% to 20%.",  # a change, two figures
        "Spending will rise from $17.5 billion in 2020 to $49 billion in 2023.",
        "It grew 3% to $5 billion.",  # a change and a level
    ],
)
def test_english_range_is_not_a_change(text: str) -> None:
    assert all(c.value_max is None for c in extract_claims(text))


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("The plant opened on October 29, 2023.", "October 29, 2023", 20231029),
        ("The plant opened on 3 March 2024.", "3 March 2024", 20240303),
        ("Posted 2023-05-09 14:07:33", "2023-05-09 14:07:33", 20230509),
        ("Updated Dec. 1, 2026 at noon.", "Dec. 1, 2026", 20261201),
    ],
)
def test_english_date_is_one_date(text: str, figure: str, value: int) -> None:
    dates = [m for m in find_numbers(text) if m.kind == "date"]
    assert [(m.text, m.value, m.unit) for m in dates] == [(figure, value, "day")]
    assert all(m.kind == "date" for m in find_numbers(text))


@pytest.mark.parametrize(
    ("text", "row", "noun"),
    [
        ("Acme runs four factories.", ("four", 4, None, "count"), "factories"),
        ("It opened a dozen stores.", ("a dozen", 12, None, "count"), "stores"),
        ("It leads ten markets.", ("ten", 10, None, "count"), "markets"),
        ("It hired twenty-five engineers.", ("twenty-five", 25, None, "count"), "engineers"),
    ],
)
def test_english_number_words_count(text: str, row: Row, noun: str) -> None:
    (claim,) = extract_claims(text)
    assert (claim.text, claim.value, claim.value_max, claim.unit) == row
    assert claim.noun == noun


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("It leads in seven of its ten markets.",
         [("seven", 7, None, "count"), ("ten", 10, None, "count")]),
        ("Two-thirds of sales are online.", [("Two-thirds", 0.6667, None, "fraction")]),
        ("It sold twice as many phones.", [("twice", 2, None, "x")]),
        ("It spent three times as much.", [("three times", 3, None, "x")]),
        ("Dozens of stores and hundreds of people.",
         [("Dozens of", 24, 100, "count"), ("hundreds of", 200, 1000, "count")]),
        ("The deal took two years and five percent of its cash.",
         [("two years", 2, None, "year"), ("five percent", 5, None, "%")]),
    ],
)  # fmt: skip
def test_english_number_words_with_the_rules_of_numerals(text: str, rows: list[Row]) -> None:
    assert _rows(text) == rows


@pytest.mark.parametrize(
    "text",
    [
        "It is one of the largest grocers.",
        "One day the two said nothing.",
        "It opened one store in one of its markets.",
    ],
)
def test_english_number_word_one_is_no_claim(text: str) -> None:
    assert extract_claims(text) == []


def test_an_english_date_inside_a_chinese_article_is_one_date() -> None:
    from claimdesk.extract import extract_claims

    text = (
        "台積電表示，全年稅後淨利182億元。\n"
        "Acme Corp reported revenue of $3 billion on October 29, 2023.\n"
        "The deal closed on 5 May 2024, the company said.\n"
    )
    dates = [c.text for c in extract_claims(text) if c.kind == "date"]
    assert dates == ["October 29, 2023", "5 May 2024"]
    assert not any(c.text in ("29", "5") for c in extract_claims(text))


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Ministry Expects Growth of Around 5.0 Per Cent", ("5.0 Per Cent", 5, "%")),
        ("Exports Fell 3 PERCENT in May", ("3 PERCENT", 3, "%")),
        ("Board Transfers S$75 Billion to the Government", ("S$75 Billion", 75_000_000_000, "SGD")),
        ("Startup Raises US$2 Million", ("US$2 Million", 2_000_000, "USD")),
        ("Rates Cut by 25 Basis Points", ("25 Basis Points", 25, "bp")),
    ],
)
def test_words_of_units_and_scales_in_a_headline_s_capitals(
    headline: str, expected: tuple[str, int, str]
) -> None:
    # Title-case headlines capitalise every word: a unit or scale word in any case is the word.
    (claim,) = extract_claims(headline)
    assert (claim.text, claim.value, claim.unit) == expected


def test_symbols_keep_their_case() -> None:
    # MW is megawatts; mW is no unit we read, and a symbol's case is never folded.
    assert [(c.text, c.unit) for c in extract_claims("A 300 MW plant.")] == [("300 MW", "MW")]
    assert [c.unit for c in extract_claims("A 300 mW laser.")] != ["MW"]
