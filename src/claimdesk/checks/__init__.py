"""Consistency arithmetic: relations between the figures of an article (a multiple against
the two figures it relates, shares that add up to 100%, parts against their total, a derived
figure), the same quantity stated twice, and figures implausible on their own.

Pure: figures and article text in, results out (`check_article`, `check_collection`). The
build writes them to claimdesk.db (`store.write_checks`); `claimdesk check` prints them.
"""

from claimdesk.checks.article import (
    ArticleChecks,
    check_article,
    check_collection,
    check_conflicts,
    conflict_groups,
)
from claimdesk.checks.figures import (
    ArticleFigures,
    Figure,
    figures_from_extracted,
)
from claimdesk.checks.results import CHECK_KINDS, RESULTS, CheckKind, CheckResult, Result

__all__ = [
    "CHECK_KINDS",
    "RESULTS",
    "ArticleChecks",
    "ArticleFigures",
    "CheckKind",
    "CheckResult",
    "Figure",
    "Result",
    "check_article",
    "check_collection",
    "check_conflicts",
    "conflict_groups",
    "figures_from_extracted",
]
