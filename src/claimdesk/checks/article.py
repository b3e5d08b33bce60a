"""All checks, as pure functions: one article's (`check_article`), the conflicts between
articles (`check_conflicts`), and a whole collection's (`check_collection`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claimdesk.checks.arithmetic import check_change, check_total_change
from claimdesk.checks.conflicts import Quantity, quantities, same_quantity
from claimdesk.checks.figures import ArticleFigures, Figure
from claimdesk.checks.plausibility import implausible
from claimdesk.checks.relations import Change, Parts, Relation, Shares, TotalChange, find_relations
from claimdesk.checks.results import CheckResult
from claimdesk.checks.sentences import sentences
from claimdesk.checks.totals import check_derived, check_parts, check_shares


@dataclass(frozen=True, slots=True)
class ArticleChecks:
    """What checking one article gives: its results, and the key of every figure that another
    article may state too (for `check_conflicts`)."""

    results: tuple[CheckResult, ...]
    quantities: tuple[Quantity, ...]


def check_article(article: ArticleFigures) -> ArticleChecks:
    """Every check within one article: relations the text states, figures stated twice, and
    figures implausible on their own. Depends on nothing but the article."""
    results: list[CheckResult] = []
    local: dict[str, list[Figure]] = defaultdict(list)
    shared: list[Quantity] = []
    by_id = {figure.key: figure for figure in article.figures}
    for sentence in sentences(article.text, article.figures):
        for relation in find_relations(sentence):
            found = _check(relation)
            if found is not None:
                results.append(found)
        results.extend(implausible(sentence))
        for quantity in quantities(sentence, across_articles=False):
            local[quantity.key].append(by_id[quantity.claim_id])
        shared.extend(quantities(sentence, across_articles=True))
    results.extend(same_quantity((g for g in local.values() if len(g) > 1), "same_quantity"))
    place = {figure.key: (figure.start, figure.end) for figure in article.figures}
    return ArticleChecks(tuple(in_order(results, place)), tuple(shared))


def check_conflicts(
    groups: Iterable[Sequence[Figure]], article_of: Mapping[str, str]
) -> list[CheckResult]:
    """Figures of one quantity in different articles that disagree (or agree)."""
    return list(same_quantity(groups, "conflict", dict(article_of)))


def conflict_groups(
    quantities_by_article: Mapping[str, Sequence[Quantity]], figures: Mapping[str, Figure]
) -> dict[str, list[Figure]]:
    """The figures of each quantity that more than one article states, by key."""
    groups: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    for slug, found in quantities_by_article.items():
        for quantity in found:
            groups[quantity.key].append((slug, figures[quantity.claim_id]))
    return {
        key: [figure for _, figure in members]
        for key, members in sorted(groups.items())
        if len({slug for slug, _ in members}) > 1
    }


def check_collection(articles: Sequence[ArticleFigures]) -> list[CheckResult]:
    """Every check of every article, and the conflicts between them, from scratch."""
    article_of = {f.key: a.slug for a in articles for f in a.figures}
    figures = {f.key: f for a in articles for f in a.figures}
    checked = {a.slug: check_article(a) for a in articles}
    results = [result for a in articles for result in checked[a.slug].results]
    groups = conflict_groups({slug: c.quantities for slug, c in checked.items()}, figures)
    results.extend(check_conflicts(groups.values(), article_of))
    place = {f.key: (f.start, f.end) for f in figures.values()}
    order = {a.slug: index for index, a in enumerate(articles)}
    return sorted(
        _unique(results),
        key=lambda r: (order[article_of[r.claim_id]], place[r.claim_id], r.kind, r.id),
    )


def in_order(
    results: Iterable[CheckResult], place: Mapping[str, tuple[int, int]]
) -> list[CheckResult]:
    """Each check once, in the order of the claims they are about."""
    return sorted(_unique(results), key=lambda r: (place[r.claim_id], r.kind, r.id))


def _unique(results: Iterable[CheckResult]) -> Iterator[CheckResult]:
    seen: set[str] = set()
    for result in results:
        if result.id not in seen:
            seen.add(result.id)
            yield result


def _check(relation: Relation) -> CheckResult | None:
    if isinstance(relation, Change):
        return check_change(relation)
    if isinstance(relation, TotalChange):
        return check_total_change(relation)
    if isinstance(relation, Shares):
        return check_shares(relation)
    if isinstance(relation, Parts):
        return check_parts(relation)
    return check_derived(relation)
