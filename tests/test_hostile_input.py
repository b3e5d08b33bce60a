"""Hostile input: whatever the text, extraction ends and its output grows with the input.

Each input is big enough (at least 20,000 characters) that output quadratic in the input would
be gigabytes, or hang the run; the tests assert on output size and values, never on timing.
`bench/bench_hostile.py` times the same inputs at full size (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.claim import Claim, claims_json
from claimdesk.cli.main import cli
from claimdesk.extract import extract_claims, find_numbers
from claimdesk.extract.attribution import MAX_NAME_CHARS
from claimdesk.extract.claims import SENTENCE_WINDOW
from claimdesk.extract.numerals import MAX_INT
from claimdesk.extract.timeref import LEAD_PREFIX, MAX_TIME_PHRASE_CHARS, NOT_IN_LEAD_PREFIX

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
SEED = (ARTICLES / "seed.txt").read_text(encoding="utf-8")

# JSON bytes per input character. A claim's record is about 450 bytes of keys and values and a
# sentence of at most SENTENCE_WINDOW (+2) characters, 3 bytes each in Chinese, so under 1,000
# bytes in all; a claim's figure and the punctuation after it take at least two characters
# ('1，' * N, the densest here at about 500 bytes a character since margin and source_detail
# joined the record; '.5' * N makes about 195).
BYTES_PER_CHAR = 550

HOSTILE = {
    "digits": "1" * 200_000,
    "yi": "一" * 200_000,
    "wan": "萬" * 100_000,
    "one-comma": "1," * 100_000,
    "point-five": ".5" * 100_000,
    "percent": "%" * 100_000,
    "about-over": "約超過" * 50_000,
    "seed-x20": SEED * 20,
    "million-digits": "營收" + "1" * 1_000_000 + "元",
    "ling-yi": "零1" * 50_000,  # one numeral of 100,000 characters, tail by tail
    "year-figure": "2021年1元，" * 5_000,  # one sentence: 5,000 phrases dating 5,000 figures
    "long-name": "according to " + "Abc " * 5_000 + ", " + "1, " * 5_000,
    "near-years": "近" + "1" * 5_000 + "年，" + "1元，" * 5_000,
    "blank-lead-in": "，" + " " * 20_000 + "2021年1元" * 2_000,
    "source-notes": "營收1元。" + "資料來源：IDC。" * 5_000,
    "unit-notes": "（單位：美元）" * 5_000,
    "dense": "1，" * 10_000,  # a claim every two characters, each with a 300-character sentence
}


def _json_size(text: str) -> int:
    return len(claims_json(extract_claims(text)).encode("utf-8"))


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_output_grows_linearly_with_hostile_input(text: str) -> None:
    assert len(text) >= 20_000
    claims = extract_claims(text)
    assert len(claims_json(claims).encode("utf-8")) <= BYTES_PER_CHAR * len(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert len(claim.sentence) <= SENTENCE_WINDOW + 2  # and an … on each side
        assert len(claim.source or "") <= MAX_NAME_CHARS
        assert len(claim.time or "") <= MAX_TIME_PHRASE_CHARS
        assert len(claim.noun or "") <= 40
        for value in (claim.value, claim.value_max):
            _assert_sane(value)


def _assert_sane(value: int | float | None) -> None:
    if isinstance(value, int):
        assert -MAX_INT < value < MAX_INT
    elif value is not None:
        assert math.isfinite(value)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (HOSTILE["digits"], 1),
        (HOSTILE["yi"], 1),
        (HOSTILE["wan"], 0),
        (HOSTILE["one-comma"], 1),
        (HOSTILE["point-five"], 50_001),
        (HOSTILE["percent"], 0),
        (HOSTILE["about-over"], 0),
        (HOSTILE["million-digits"], 1),
        (HOSTILE["ling-yi"], 1),
    ],
    ids=["digits", "yi", "wan", "one-comma", "point-five", "percent", "about-over", "1M", "ling"],
)
def test_hostile_input_gives_the_claims_it_holds(text: str, claims: int) -> None:
    assert len(extract_claims(text)) == claims


@pytest.mark.parametrize("unit", [".5", "1，", "2021年1元，", "1元，"])
def test_json_output_of_a_text_with_no_sentence_end_is_linear(unit: str) -> None:
    # Every one of the 50,001 claims of '.5' * 100,000 used to carry all 200,000 characters as
    # its sentence: four times the text made sixteen times the output.
    small, large = unit * 5_000, unit * 20_000
    assert _json_size(large) <= 4.1 * _json_size(small)


def test_a_long_sentence_is_cut_at_clauses_around_the_figure() -> None:
    text = "甲" * 200 + "，營收為47億元，" + "乙" * 200 + "。"
    (claim,) = extract_claims(text)
    assert claim.sentence == "…營收為47億元…"


def test_a_long_sentence_without_clauses_is_cut_to_the_window() -> None:
    text = "甲" * 400 + "營收為47億元" + "乙" * 400 + "。"
    (claim,) = extract_claims(text)
    assert claim.sentence.startswith("…") and claim.sentence.endswith("…")
    assert len(claim.sentence) == SENTENCE_WINDOW + 2
    assert "營收為47億元" in claim.sentence


def test_a_sentence_as_long_as_the_window_is_kept_whole() -> None:
    text = "營收為47億元" + "甲" * (SENTENCE_WINDOW - 8) + "。"
    assert len(text) == SENTENCE_WINDOW
    assert extract_claims(text)[0].sentence == text


def test_a_window_is_not_cut_inside_a_number() -> None:
    # The last comma before the right edge is a thousands separator (1,200): not a clause.
    text = "營收為47億元" + "甲" * 146 + "，乙" + "1,200" + "丙" * 300 + "。"
    sentence = extract_claims(text)[0].sentence
    assert sentence.endswith("甲…")


def test_an_overlong_numeral_is_one_malformed_figure() -> None:
    for text in ("一" * 1_000_000, "零1" * 500_000, "百" * 200_000, "一 " * 100_000):
        (match,) = find_numbers(text)
        assert (match.start, match.end, match.value) == (0, len(text.rstrip()), None)
    (claim,) = extract_claims("一" * 200_000)
    assert claim.flags == ("malformed",)
    # A run of plain digits is read by the numeral regex itself, so its unit is kept.
    assert find_numbers("一" * 100_000 + "元")[0].unit == "CNY"


def test_a_huge_power_is_malformed_not_an_error() -> None:
    (match,) = find_numbers("2^" + "1" * 5_000)  # int() refuses more than 4,300 digits
    assert match.value is None


def test_a_value_too_big_for_sqlite_is_a_float() -> None:
    (claim,) = extract_claims("營收為99999999999999億元。")
    assert isinstance(claim.value, float) and claim.value == 9.9999999999999e21
    assert extract_claims("營收為9223372036854775807元。")[0].value == 2**63 - 1
    assert isinstance(extract_claims("營收為9223372036854775808元。")[0].value, float)


@given(st.text(alphabet="0123456789,.万亿兆一二三四五六七八九十百千零点%-~至年个元分之又^/k eE"))
@settings(max_examples=300)
def test_every_value_is_finite_and_fits_sqlite(text: str) -> None:
    for match in find_numbers(text):
        _assert_sane(match.value)
        _assert_sane(match.value_max)


def test_no_time_phrase_character_can_lead_a_clause() -> None:
    # timeref.date_figures relies on it to try LEAD_PREFIX once per clause.
    assert not set("0123456789年月季周日天") & set(LEAD_PREFIX.pattern)
    assert NOT_IN_LEAD_PREFIX.fullmatch("年")


# --- the JSON text of `claimdesk extract --format json` -------------------------------------


def _dumps(claims: list[Claim]) -> str:
    records = [claim.to_json() for claim in claims]
    return json.dumps({"claims": records}, ensure_ascii=False, indent=2)


def test_to_json_has_the_fields_in_order() -> None:
    (claim,) = extract_claims("營收為47億元。")
    # The interface's order (start, end, text, value, unit, kind, sentence, ...), not the
    # model's (claims.yml's, which puts id first).
    assert list(claim.to_json()) == [
        "start", "end", "text", "value", "unit", "kind", "sentence", "value_max", "qualifier",
        "qualifier_meaning", "source", "source_report", "time", "noun", "flags", "margin",
        "source_detail",
    ]  # fmt: skip
    assert claim.to_json()["flags"] == []


@pytest.mark.parametrize(
    "text",
    [
        *(path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))),
        "",
        '他說"漲了\\3成"\t\x00\x1f\u2028據"IDC\\"統計，營收為47億元🙂，約兩成。',
        'According to "Q\\R", sales rose 5% to US$3.5 billion in 2023; 1e999 and 2^-3.',
        "營收為99999999999999億元，1,2萬臺，三分之一。\n作者：某人 12",
        "去年營收增長2.8倍。" + "甲" * 400 + "，營收為47億元，" + "乙" * 400,
    ],
)
def test_claims_json_is_what_json_dumps_writes(text: str) -> None:
    claims = extract_claims(text)
    assert claims_json(claims) == _dumps(claims)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
@settings(max_examples=200)
def test_claims_json_is_what_json_dumps_writes_for_any_strings(text: str) -> None:
    quote = text[:1] or "x"
    claim = Claim(
        start=0, end=1, text=quote, value=1.5, unit=text or None, kind="count", sentence=text,
        qualifier=text, qualifier_meaning="approximate", source=text, noun=text,
    )  # fmt: skip
    flagged = Claim(
        start=0, end=1, text="1", value=None, unit=None, kind="count", sentence="",
        flags=("malformed", "outside_body"),
    )  # fmt: skip
    claims = [claim, flagged]
    assert claims_json(claims) == _dumps(claims)


def test_cli_json_output_of_hostile_input_is_linear(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    text = ".5" * 20_000
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout_bytes) <= BYTES_PER_CHAR * len(text)
    assert result.stdout == _dumps(extract_claims(text)) + "\n"
