"""The checks in claimdesk.db: written by the build, from public text, so they are public.

Only changed articles are checked again. An article's checks depend on nothing but its text
and its claims' public fields, so each article has a digest of exactly those (and of the code
that checks them); when the database being replaced holds the same digest, its rows for that
article are copied. Conflicts between articles are recomputed only for the quantities that a
changed (or removed) article states or stated; the others are copied too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.checks.article import check_article, check_conflicts, conflict_groups
from claimdesk.checks.conflicts import Quantity
from claimdesk.checks.figures import ArticleFigures, Figure, figure_from_claim
from claimdesk.checks.results import CHECK_KINDS, RESULTS, CheckResult
from claimdesk.database.rows import ReviewedClaim, public_status
from claimdesk.extract.script import to_simplified

_KINDS = ", ".join(f"'{kind}'" for kind in CHECK_KINDS)
_RESULTS = ", ".join(f"'{result}'" for result in RESULTS)
SCHEMA = (
    f"""CREATE TABLE checks (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    result TEXT NOT NULL CHECK (result IN ({_RESULTS})),
    computation TEXT NOT NULL,
    explanation_en TEXT NOT NULL,
    explanation_zh_hant TEXT NOT NULL,
    explanation_zh_hans TEXT NOT NULL,
    related TEXT NOT NULL CHECK (json_valid(related) AND json_type(related) = 'array')
)""",
    # One row per claim a check relates (the checked claim included), for joins.
    """CREATE TABLE check_claims (
    check_id TEXT NOT NULL REFERENCES checks(id),
    claim_id TEXT NOT NULL REFERENCES claims(id),
    PRIMARY KEY (check_id, claim_id)
)""",
    # What each article's checks were computed from, so the next build can reuse them.
    """CREATE TABLE checked_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    digest TEXT NOT NULL
)""",
    # What each figure is a figure of (subject|unit|time|source), to find conflicts.
    """CREATE TABLE check_quantities (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    quantity TEXT NOT NULL
)""",
    "CREATE INDEX checks_claim_id ON checks(claim_id)",
    "CREATE INDEX checks_article_id ON checks(article_id)",
    "CREATE INDEX checks_result ON checks(result)",
    "CREATE INDEX check_claims_claim_id ON check_claims(claim_id)",
    "CREATE INDEX check_quantities_quantity ON check_quantities(quantity)",
)
TABLES = ("checks", "check_claims", "checked_articles", "check_quantities")


@dataclass
class _Previous:
    """What the database being replaced holds, by article."""

    digests: dict[str, str] = field(default_factory=dict)
    results: dict[str, list[CheckResult]] = field(default_factory=lambda: defaultdict(list))
    quantities: dict[str, list[Quantity]] = field(default_factory=lambda: defaultdict(list))
    conflicts: dict[str, list[CheckResult]] = field(default_factory=lambda: defaultdict(list))


def articles_to_check(claims: Iterable[ReviewedClaim]) -> list[ArticleFigures]:
    """Each article's figures as the public sees them: corrections applied, dismissed and
    retracted claims left out."""
    by_article: dict[str, tuple[str, list[Figure]]] = {}
    for item in claims:
        entry = by_article.setdefault(item.article.slug, (item.article.text, []))
        if item.placed and public_status(item.state) not in ("dismissed", "retracted"):
            entry[1].append(figure_from_claim(item.claim, item.state.corrected))
    return [
        ArticleFigures(slug, text, tuple(sorted(found, key=lambda f: (f.start, f.end))))
        for slug, (text, found) in by_article.items()
    ]


def write_checks(
    db: sqlite_utils.Database, claims: Sequence[ReviewedClaim], previous: Path | None = None
) -> dict[str, int]:
    """Create the checks tables in the public database being built and fill them. `previous`
    is the database this build replaces (default: the one the build's temporary file will be
    renamed onto), whose rows are reused for unchanged articles."""
    for statement in SCHEMA:
        db.execute(statement)
    articles = articles_to_check(claims)
    cache_db = previous if previous is not None else _replaced_database(db)
    earlier = _read_previous(cache_db) if cache_db is not None else None
    version = code_version()
    article_of = {f.claim_id: a.slug for a in articles for f in a.figures}
    figures = {f.claim_id: f for a in articles for f in a.figures}
    results: list[CheckResult] = []
    quantities: dict[str, Sequence[Quantity]] = {}
    digests: dict[str, str] = {}
    changed: set[str] = set()
    for article in articles:
        digests[article.slug] = article.digest(version)
        if earlier is not None and earlier.digests.get(article.slug) == digests[article.slug]:
            results.extend(earlier.results[article.slug])
            quantities[article.slug] = earlier.quantities[article.slug]
            continue
        changed.add(article.slug)
        checked = check_article(article)
        results.extend(checked.results)
        quantities[article.slug] = checked.quantities
    touched = {q.key for slug in changed for q in quantities[slug]}
    if earlier is not None:
        gone = changed | (set(earlier.digests) - set(digests))
        touched |= {q.key for slug in gone for q in earlier.quantities[slug]}
    for key, group in conflict_groups(quantities, figures).items():
        if earlier is None or key in touched:
            results.extend(check_conflicts([group], article_of))
        else:
            results.extend(earlier.conflicts[key])
    results = list({r.id: r for r in results}.values())  # each check once
    db.table("checks").insert_all(_check_row(r, article_of) for r in results)
    db.table("check_claims").insert_all(
        {"check_id": r.id, "claim_id": claim_id} for r in results for claim_id in r.related
    )
    db.table("checked_articles").insert_all(
        {"article_id": slug, "digest": digest} for slug, digest in digests.items()
    )
    db.table("check_quantities").insert_all(
        {"claim_id": q.claim_id, "article_id": slug, "quantity": q.key}
        for slug, found in quantities.items()
        for q in found
    )
    return {"checks": len(results), "rechecked": len(changed)}


@cache
def code_version() -> str:
    """A digest of the code that decides a check's result: a new release rechecks everything
    instead of copying rows an older version computed."""
    digest = hashlib.sha256()
    root = files("claimdesk")
    for folder in ("checks", "extract", "review"):
        for entry in sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def _check_row(result: CheckResult, article_of: dict[str, str]) -> dict[str, Any]:
    return {
        "id": result.id,
        "claim_id": result.claim_id,
        "article_id": article_of[result.claim_id],
        "kind": result.kind,
        "result": result.result,
        "computation": result.computation,
        "explanation_en": result.explanation_en,
        "explanation_zh_hant": result.explanation_zh,
        "explanation_zh_hans": to_simplified(result.explanation_zh),
        "related": json.dumps(list(result.related)),
    }


def _replaced_database(db: sqlite_utils.Database) -> Path | None:
    """The database the build will rename its temporary file onto: build.py writes
    `.NAME.PID.tmp` beside NAME."""
    rows = db.execute("pragma database_list").fetchall()
    main = next((Path(row[2]) for row in rows if row[1] == "main" and row[2]), None)
    if main is None or not main.name.startswith(".") or not main.name.endswith(".tmp"):
        return None
    name = main.name[1:].rsplit(".", 2)[0]
    return main.with_name(name)


def _read_previous(path: Path) -> _Previous | None:
    """The rows of the database being replaced, or None when there is none to trust."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return _rows(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None  # damaged, or built before the checks existed: check everything


def _rows(connection: sqlite3.Connection) -> _Previous:
    earlier = _Previous()
    earlier.digests.update(connection.execute("select article_id, digest from checked_articles"))
    key_of: dict[str, str] = {}
    for claim_id, slug, key in connection.execute(
        "select claim_id, article_id, quantity from check_quantities order by rowid"
    ):
        earlier.quantities[slug].append(Quantity(claim_id, key))
        key_of[claim_id] = key
    for row in _results(connection):
        article_id, result = row
        if result.kind == "conflict":
            earlier.conflicts[key_of.get(result.claim_id, "")].append(result)
        else:
            earlier.results[article_id].append(result)
    return earlier


def _results(connection: sqlite3.Connection) -> Iterator[tuple[str, CheckResult]]:
    for row in connection.execute(
        "select article_id, claim_id, kind, result, computation, explanation_en, "
        "explanation_zh_hant, related from checks order by rowid"
    ):
        article_id, claim_id, kind, result, computation, en, zh, related = row
        yield (
            article_id,
            CheckResult(claim_id, kind, result, computation, en, zh, tuple(json.loads(related))),
        )


# Every check that relates a claim (it may be about another figure of the relation), the
# problems first: what the public and the desk show on a claim's page.
CLAIM_CHECKS_SQL = """
select checks.id, checks.claim_id, checks.kind, checks.result, checks.computation,
    checks.explanation_zh_hant, checks.explanation_en, checks.related
from check_claims join checks on checks.id = check_claims.check_id
where check_claims.claim_id = :claim_id
order by checks.result = 'ok', checks.kind, checks.id
"""
# The claims that a warning or an inconsistency relates: the desk's queue filter.
FLAGGED_CLAIMS_SQL = """
select distinct check_claims.claim_id
from checks join check_claims on check_claims.check_id = checks.id
where checks.result in ('warning', 'inconsistent')
"""
