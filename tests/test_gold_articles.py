"""Hand-annotated articles: every claim the extractor must find, and nothing else.

Each `tests/fixtures/articles/NAME.gold.yml` lists the claims of `NAME.txt` by span, with the
fields an editor relies on, and `not_claims`: the traps (model names, idioms, bylines) that must
not come out as claims.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdesk.claim import Claim
from claimdesk.extract import extract_claims

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
NAMES = [
    "seed", "simplified_tourism", "taiwan_semis", "english_chips", "hk_retail_release",
    "cn_nbs_release",
]  # fmt: skip
CHECKED_FIELDS = [
    "text", "value", "value_max", "unit", "kind", "qualifier", "qualifier_meaning", "source",
    "source_report", "time", "flags", "source_detail", "margin",
]  # fmt: skip
# Fields that came later: a gold claim that leaves them out expects null.
OPTIONAL_FIELDS = ("source_detail", "margin")


@cache
def _gold(name: str) -> dict[str, Any]:
    gold: dict[str, Any] = yaml.safe_load((ARTICLES / f"{name}.gold.yml").read_text("utf-8"))
    return gold


@cache
def _article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text("utf-8")


@cache
def _extracted(name: str) -> dict[tuple[int, int], Claim]:
    return {(c.start, c.end): c for c in extract_claims(_article(name))}


def _expected(name: str) -> dict[tuple[int, int], dict[str, Any]]:
    return {(c["start"], c["end"]): c for c in _gold(name)["claims"]}


def test_seed_fixture_is_the_seed_claim_article() -> None:
    # The gold-annotated seed is the article of claims/ai-chips-nvidia-biren, byte for byte.
    article = Path(__file__).resolve().parents[1] / "claims/ai-chips-nvidia-biren/article.txt"
    assert (ARTICLES / "seed.txt").read_bytes() == article.read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_gold_spans_quote_the_article(name: str) -> None:
    text = _article(name)
    for claim in _gold(name)["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.parametrize("name", NAMES)
def test_recall(name: str) -> None:
    missing = sorted(set(_expected(name)) - set(_extracted(name)))
    recall = 1 - len(missing) / len(_expected(name))
    assert not missing, (
        f"recall {recall:.0%}; missing {[_expected(name)[k]['text'] for k in missing]}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_precision(name: str) -> None:
    extra = sorted(set(_extracted(name)) - set(_expected(name)))
    precision = 1 - len(extra) / max(1, len(_extracted(name)))
    assert not extra, (
        f"precision {precision:.0%}; extra {[_extracted(name)[k].text for k in extra]}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_fields_of_matched_claims(name: str) -> None:
    extracted = _extracted(name)
    wrong = []
    for span, want in _expected(name).items():
        if span not in extracted:
            continue
        got = extracted[span].to_json()
        for field in CHECKED_FIELDS:
            wanted = want.get(field) if field in OPTIONAL_FIELDS else want[field]
            if got[field] != wanted:
                wrong.append(f"{want['text']} @{span[0]}: {field} {got[field]!r} != {wanted!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", NAMES)
def test_traps_are_not_claims(name: str) -> None:
    text = _article(name)
    spans = list(_extracted(name))
    caught = []
    for trap in _gold(name)["not_claims"]:
        at = text.find(trap)
        assert at >= 0, f"trap {trap!r} is not in the article"
        while at >= 0:
            if any(s < at + len(trap) and e > at for s, e in spans):
                caught.append(f"{trap} @{at}")
            at = text.find(trap, at + 1)
    assert not caught, caught
