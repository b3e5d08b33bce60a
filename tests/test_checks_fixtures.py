"""Whole articles through the real extractor and every check: the gold articles, whose only
warnings are the real errors in their text, and articles of our own with known consistent and
inconsistent relations (tests/fixtures/checks/*.txt, each with a YAML sidecar listing them)."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimdesk.checks import (
    ArticleFigures,
    CheckResult,
    check_collection,
    figures_from_extracted,
)
from claimdesk.extract import extract_claims

FIXTURES = Path(__file__).parent / "fixtures"
CHECKS = FIXTURES / "checks"
ARTICLES = FIXTURES / "articles"
OWN = sorted(path.name for path in CHECKS.glob("*.txt"))
GOLD = ["seed", "simplified_tourism", "taiwan_semis", "english_chips"]

Named = tuple[str, str, tuple[str, ...], str]  # kind, claim, related, result


def _article(path: Path) -> ArticleFigures:
    text = path.read_text(encoding="utf-8")
    return ArticleFigures(path.name, text, figures_from_extracted(extract_claims(text)))


def _names(articles: list[ArticleFigures]) -> dict[str, str]:
    """Each claim id as the sidecars name it: TEXT, TEXT#N for the N-th occurrence, and
    FILE/TEXT… for a claim of another article."""
    names: dict[str, str] = {}
    for article in articles:
        seen: Counter[str] = Counter()
        for figure in article.figures:
            seen[figure.text] += 1
            names[figure.key] = (
                figure.text if seen[figure.text] == 1 else f"{figure.text}#{seen[figure.text]}"
            )
    return names


def _named(results: list[CheckResult], articles: list[ArticleFigures], slug: str) -> Counter[Named]:
    names = _names(articles)
    article_of = {f.key: a.slug for a in articles for f in a.figures}

    def name(claim_id: str) -> str:
        own = article_of[claim_id] == slug
        return names[claim_id] if own else f"{article_of[claim_id]}/{names[claim_id]}"

    return Counter(
        (r.kind, name(r.claim_id), tuple(name(c) for c in r.related[1:]), r.result)
        for r in results
        if article_of[r.claim_id] == slug
    )


def _expected(checks: list[dict[str, Any]]) -> Counter[Named]:
    return Counter(
        (c["kind"], str(c["claim"]), tuple(str(r) for r in c["related"]), c["result"])
        for c in checks
    )


@cache
def _own_results() -> tuple[list[ArticleFigures], list[CheckResult]]:
    articles = [_article(CHECKS / name) for name in OWN]
    return articles, check_collection(articles)


@cache
def _gold_results() -> tuple[list[ArticleFigures], list[CheckResult]]:
    articles = [_article(ARTICLES / f"{name}.txt") for name in GOLD]
    return articles, check_collection(articles)


def test_there_are_at_least_three_articles_of_our_own_in_each_script_and_english() -> None:
    assert len(OWN) >= 3
    for language in ("_zh_hant.txt", "_zh_hans.txt", "_en.txt"):
        assert any(name.endswith(language) for name in OWN)


@pytest.mark.parametrize("name", OWN)
def test_our_articles_give_exactly_the_checks_their_sidecar_lists(name: str) -> None:
    sidecar = yaml.safe_load((CHECKS / name).with_suffix(".yml").read_text(encoding="utf-8"))
    assert sidecar["article"] == name
    articles, results = _own_results()
    assert _named(results, articles, name) == _expected(sidecar["checks"])


@pytest.mark.parametrize("name", GOLD)
def test_gold_articles_warn_only_of_the_real_errors_in_their_text(name: str) -> None:
    gold = yaml.safe_load((CHECKS / "gold_articles.yml").read_text(encoding="utf-8"))
    articles, results = _gold_results()
    assert _named(results, articles, f"{name}.txt") == _expected(gold[name])


@pytest.mark.parametrize("name", OWN)
def test_every_listed_inconsistency_is_found_and_every_consistency_is_ok(name: str) -> None:
    # The same as the exact comparison above, said the other way round: no listed relation is
    # missed, and a consistent one is never flagged.
    sidecar = yaml.safe_load((CHECKS / name).with_suffix(".yml").read_text(encoding="utf-8"))
    articles, results = _own_results()
    found = _named(results, articles, name)
    for check in sidecar["checks"]:
        assert _expected([check]) <= found, check["why"]


def test_seed_multiple_explains_both_readings() -> None:
    articles, results = _gold_results()
    names = _names(articles)
    (multiple,) = [r for r in results if r.kind == "multiple" and names[r.claim_id] == "2.8倍"]
    assert "490億美元 ÷ 175億美元 = 2.8倍" in multiple.computation
    assert "490億美元 ÷ 175億美元 − 1 = 1.8倍" in multiple.computation
    assert "the ratio of the two figures" in multiple.explanation_en
    assert "665億美元" in multiple.explanation_en and "665億美元" in multiple.explanation_zh
    assert "'超過' is not borne out" in multiple.explanation_en
    assert "兩數之比" in multiple.explanation_zh and "增幅" in multiple.explanation_zh


def test_seed_derived_figure_is_said_to_be_truncated() -> None:
    _, results = _gold_results()
    (derived,) = [r for r in results if r.kind == "derived"]
    assert derived.computation == "92.47億元 × 2 = 184.94億元"
    assert "truncated, not rounded" in derived.explanation_en
    assert "185億元" in derived.explanation_en
    assert "捨去尾數" in derived.explanation_zh
