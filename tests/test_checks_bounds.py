"""Checks stay linear in the article: a quantity stated many times is compared with its first
statements only, so the results (and the build) grow with the text, not its square."""

from __future__ import annotations

from collections.abc import Callable

from claimdesk.checks.article import check_article
from claimdesk.checks.conflicts import MAX_COMPARED
from claimdesk.checks.figures import ArticleFigures, figures_from_extracted
from claimdesk.extract import extract_claims
from conftest import ROOT

# The seed states its market sizes with a subject, unit and period: comparable quantities.
STATED = (ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt").read_text("utf-8")


def _checks(copies: int) -> list[tuple[str, ...]]:
    text = STATED * copies
    article = ArticleFigures("repeated", text, figures_from_extracted(extract_claims(text)))
    return [result.related for result in check_article(article).results]


def test_a_quantity_stated_many_times_relates_a_bounded_number_of_claims() -> None:
    related = _checks(3 * MAX_COMPARED)
    assert related  # the repetitions are found
    assert max(len(ids) for ids in related) <= MAX_COMPARED + 1


def test_the_results_grow_with_the_article_not_its_square() -> None:
    small, large = _checks(2 * MAX_COMPARED), _checks(8 * MAX_COMPARED)
    size: Callable[[list[tuple[str, ...]]], int] = lambda checks: sum(len(ids) for ids in checks)  # noqa: E731
    assert size(large) <= 4.2 * size(small)
