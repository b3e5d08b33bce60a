"""The blind gold set (tests/fixtures/blind/) is well formed, and bench/gold_score.py, which
scores the extractor against it, counts right.

Nothing here runs the extractor on the blind texts or asserts a score: the set measures the
extractor (bench/score_gold.py), it is no test the extractor is tuned to pass.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdesk.claim import Claim
from claimdesk.vocabulary import FLAGS, KINDS, QUALIFIER_MEANINGS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from gold_score import combine, match, same_number, score_text

BLIND = Path(__file__).parent / "fixtures" / "blind"
NAMES = sorted(p.name.removesuffix(".gold.yml") for p in BLIND.glob("*.gold.yml"))
# The keys of a gold claim, as in tests/fixtures/articles/ (margin only where there is one).
KEYS = {
    "text", "start", "end", "value", "value_max", "unit", "kind", "qualifier",
    "qualifier_meaning", "source", "source_detail", "source_report", "time", "noun", "flags",
}  # fmt: skip


@cache
def _gold(name: str) -> dict[str, Any]:
    gold: dict[str, Any] = yaml.safe_load((BLIND / f"{name}.gold.yml").read_text("utf-8"))
    return gold


def _article(name: str) -> str:
    article: str = _gold(name)["article"]
    return (BLIND / article).read_text("utf-8")


def test_the_set_has_ten_texts_or_more_all_listed_in_the_readme() -> None:
    readme = (BLIND / "README.md").read_text("utf-8")
    assert len(NAMES) >= 10
    assert all(f"`{name}`" in readme for name in NAMES)
    assert {p.name.removesuffix(".txt") for p in BLIND.glob("*.txt")} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_names_origin_and_blindness(name: str) -> None:
    header = (BLIND / f"{name}.gold.yml").read_text("utf-8").split("\narticle:")[0]
    assert "BEFORE the extractor" in header
    assert "http" in header and "Terms:" in header and "Decisions:" in header
    assert _gold(name)["article"] == f"{name}.txt"


@pytest.mark.parametrize("name", NAMES)
def test_spans_quote_the_article(name: str) -> None:
    text = _article(name)
    for claim in _gold(name)["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"], claim


@pytest.mark.parametrize("name", NAMES)
def test_claims_are_valid_claims_with_the_gold_keys(name: str) -> None:
    for claim in _gold(name)["claims"]:
        assert KEYS <= set(claim) <= KEYS | {"margin"}, claim["text"]
        assert claim["kind"] in KINDS
        assert claim["qualifier_meaning"] in (None, *QUALIFIER_MEANINGS)
        assert set(claim["flags"]) <= set(FLAGS)
        # The claim model's own rules (a qualifier with its meaning, a range with its low end).
        Claim.model_validate({**claim, "sentence": claim["text"]})


@pytest.mark.parametrize("name", NAMES)
def test_no_duplicate_spans_and_claims_in_text_order(name: str) -> None:
    spans = [(c["start"], c["end"]) for c in _gold(name)["claims"]]
    assert len(set(spans)) == len(spans)
    assert spans == sorted(spans)


@pytest.mark.parametrize("name", NAMES)
def test_traps_are_in_the_text_and_no_gold_claim(name: str) -> None:
    text = _article(name)
    spans = [(c["start"], c["end"]) for c in _gold(name)["claims"]]
    for trap in _gold(name)["not_claims"]:
        at = text.find(trap)
        assert at >= 0, trap
        while at >= 0:
            assert not any(s < at + len(trap) and e > at for s, e in spans), trap
            at = text.find(trap, at + 1)


# --- the scorer's arithmetic, on a hand-made text -------------------------------------------

TEXT = "Sales rose 5% to HK$3 billion, IDC said. Call 2860 5012. Costs fell 2%."


def _claim(text: str, occurrence: int = 0, **fields: Any) -> dict[str, Any]:
    at = -1
    for _ in range(occurrence + 1):
        at = TEXT.index(text, at + 1)
    base = {"value": None, "value_max": None, "unit": None, "kind": "percent"}
    base |= {"source": None, "time": None}
    return {"text": text, "start": at, "end": at + len(text), **base, **fields}


GOLD = [
    _claim("5%", value=5, unit="%", source="IDC"),
    _claim("HK$3 billion", value=3e9, unit="HKD", kind="money", source="IDC"),
    _claim("2%", value=2, unit="%"),
]
EXTRACTED = [
    _claim("5%", value=5, unit="%", source="idc"),  # exact span; source differs only in case
    _claim("3 billion", value=3000000000, unit="HKD", kind="money"),  # overlap; no source
    _claim("2860 5012", value=28605012, unit="count", kind="count"),  # a trap
    _claim("rose", value=None, unit=None),  # an extra that is no trap
]


def test_scorer_counts_exact_and_overlapping_spans() -> None:
    score = score_text("example", TEXT, GOLD, ["2860 5012"], EXTRACTED)
    assert (score.gold, score.extracted, score.exact, score.overlap) == (3, 4, 1, 2)
    assert score.recall_exact == pytest.approx(1 / 3)
    assert score.precision_exact == pytest.approx(1 / 4)
    assert score.recall_overlap == pytest.approx(2 / 3)
    assert score.precision_overlap == pytest.approx(2 / 4)
    assert score.traps == 1
    assert [c["text"] for c in score.missed] == ["2%"]
    assert [c["text"] for c in score.extra] == ["2860 5012", "rose"]


def test_scorer_compares_fields_of_found_claims() -> None:
    score = score_text("example", TEXT, GOLD, ["2860 5012"], EXTRACTED)
    # 3e9 and 3000000000 are one value; "idc" and "IDC" one source.
    assert score.field_share("value") == 1
    assert score.field_share("unit") == 1
    assert score.field_share("kind") == 1
    source = score.fields["source"]
    assert (source.right, source.total, source.missing, source.spurious) == (1, 2, 1, 0)
    assert score.field_share("source") == pytest.approx(1 / 2)


def test_scorer_sums_texts_over_their_claims() -> None:
    one = score_text("one", TEXT, GOLD, ["2860 5012"], EXTRACTED)
    other = score_text("other", TEXT, GOLD[2:], [], [_claim("2%", value=2, unit="%", source="X")])
    total = combine([one, other])
    assert (total.gold, total.extracted, total.overlap, total.exact) == (4, 5, 3, 2)
    assert total.recall_overlap == pytest.approx(3 / 4)
    assert total.precision_overlap == pytest.approx(3 / 5)
    assert total.fields["source"].spurious == 1
    assert total.field_share("source") == pytest.approx(1 / 3)


def test_matching_is_one_to_one_and_prefers_the_exact_span() -> None:
    gold = [{"start": 10, "end": 14}]
    extracted = [{"start": 8, "end": 14}, {"start": 10, "end": 14}, {"start": 11, "end": 12}]
    assert match(gold, extracted) == [(0, 1)]
    # With no exact span, the one sharing most characters wins, then the earlier one.
    assert match(gold, [{"start": 11, "end": 12}, {"start": 9, "end": 13}]) == [(0, 1)]
    assert match(gold, [{"start": 9, "end": 12}, {"start": 12, "end": 15}]) == [(0, 0)]
    # One extracted claim over two gold figures finds one of them, not both.
    two = [{"start": 0, "end": 5}, {"start": 6, "end": 10}]
    assert match(two, [{"start": 0, "end": 10}]) == [(0, 0)]


def test_values_compare_to_ten_significant_digits() -> None:
    assert same_number(4165400000000, 4.1654e12)
    assert same_number(0.1 + 0.2, 0.3)  # a float sum is the figure it stands for
    assert same_number(None, None)
    assert not same_number(0, None)
    assert not same_number(1.13, 1.1)
