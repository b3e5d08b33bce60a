"""The one path that writes claimdesk.db and reviews.db.

A write replaces exactly one article's rows (database/derive.py made them) in one transaction
per database, then works out again the rows that belong to no one article for what the write
touched: the sources its claims name or named, and the conflicts of the quantities they state
or stated. A full build is the schema, the same writes for every article, and that pass once
for everything; a desk action is one such write after its event is appended. Nothing updates
"only the changed rows" by hand, so a write and a build cannot disagree (tests/test_guard.py).

The databases are in WAL mode and written in place, so a running server sees every write
at once, and its readers never see half of one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

import sqlite_utils

from claimdesk.checks.conflicts import FIRST_STATEMENTS
from claimdesk.claim import Claim
from claimdesk.database.derive import (
    PRIVATE_TABLES,
    PUBLIC_TABLES,
    ArticleRows,
    conflict_rows,
    source_rows,
)
from claimdesk.database.facet_counts import SCHEMA as FACET_SCHEMA
from claimdesk.database.revisions import refresh_revisions
from claimdesk.database.search import SCHEMA as SEARCH_SCHEMA
from claimdesk.database.search import SEARCH_TABLE
from claimdesk.review.verdicts import VERDICTS
from claimdesk.vocabulary import sql_words

_HERE = files("claimdesk.database")
# Chinese has no spaces between words, so the default unicode61 tokenizer would index a whole
# sentence as one token. Trigrams find any run of three or more characters.
FTS_TOKENIZER = "trigram"
# SQLite's default limit on the ? of one statement is 32766; stay well below it.
_CHUNK = 10_000


def _sql(name: str) -> str:
    return Template(_HERE.joinpath(name).read_text(encoding="utf-8")).substitute(sql_words())


@cache
def public_schema() -> str:
    parts = (_sql("schema.sql"), _sql("triggers.sql"), SEARCH_SCHEMA, FACET_SCHEMA)
    return "\n".join(parts)


@cache
def private_schema() -> str:
    return _sql("reviews_schema.sql")


@cache
def code_version() -> str:
    """A digest of the schema and of the code rows are derived from: when it changes, the
    rows an older version wrote cannot be trusted, and the next build starts afresh."""
    digest = hashlib.sha256(public_schema().encode() + private_schema().encode())
    root = Path(str(files("claimdesk")))
    for folder in ("checks", "extract", "review", "database", "files"):
        for entry in sorted(root.joinpath(folder).rglob("*")):
            if entry.suffix in (".py", ".yml", ".sql"):
                name = entry.relative_to(root).as_posix()
                digest.update(name.encode() + b"\0" + entry.read_bytes())
    for name in ("claim.py", "vocabulary.py"):
        digest.update(root.joinpath(name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Databases:
    public: Path
    private: Path

    def exist(self) -> bool:
        return self.public.exists() and self.private.exists()


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("pragma busy_timeout = 30000")  # a server may be reading, or a build
    connection.execute("pragma foreign_keys = on")
    return connection


# --- creating ------------------------------------------------------------------------------


def _build_rows(claims_dir: Path) -> list[dict[str, Any]]:
    # Which code wrote the rows, and from which folder: a write from another claims/ (a test's,
    # a colleague's checkout) must never land in these databases.
    return [
        {"key": "version", "value": code_version()},
        {"key": "claims_dir", "value": str(claims_dir.resolve())},
    ]


def create_public(connection: sqlite3.Connection, claims_dir: Path) -> None:
    connection.execute("pragma journal_mode = wal")
    connection.executescript(public_schema())
    db = sqlite_utils.Database(connection)
    db.table("claims").enable_fts(
        ["text", "sentence"], tokenize=FTS_TOKENIZER, create_triggers=True
    )
    db.table("articles").enable_fts(["title", "text"], tokenize=FTS_TOKENIZER, create_triggers=True)
    db.table(SEARCH_TABLE).enable_fts(
        ["title_terms", "body_terms"], tokenize="unicode61", create_triggers=True
    )
    with transaction(connection):
        _insert(connection, "verdict_scale", list(_verdict_scale_rows()))
        _insert(connection, "claimdesk_build", _build_rows(claims_dir))


def create_private(connection: sqlite3.Connection, claims_dir: Path) -> None:
    connection.execute("pragma journal_mode = wal")
    connection.executescript(private_schema())
    with transaction(connection):
        _insert(connection, "claimdesk_build", _build_rows(claims_dir))


def built_for(connection: sqlite3.Connection, claims_dir: Path) -> bool:
    """Whether this version of claimdesk wrote the database, from this claims/ folder."""
    try:
        built = dict(connection.execute("select key, value from claimdesk_build"))
    except sqlite3.DatabaseError:
        return False
    return built == {row["key"]: row["value"] for row in _build_rows(claims_dir)}


def built_digests(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("select article_id, digest from built_articles"))


@dataclass
class Touched:
    """The rows of no one article that writes touched, derived again once after them
    (refresh_shared): the sources their claims name or named, and the quantities they state
    or stated, each with the articles written.

    Every figure of a quantity is compared with its first statements (checks/conflicts.py,
    FIRST_STATEMENTS) and with nothing else. When no written article is among them, before
    or after its write, they are as they were: the other articles' results stand, and only
    the written articles' figures are compared again. Otherwise the quantity is `whole`: all
    its conflicts are derived again. A full build touches `everything`."""

    sources: set[str] = field(default_factory=set)
    quantities: dict[str, set[str]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    everything: bool = False
    # The articles written, whose claims' source revisions are derived again, or every one's
    # when the series rows were (database/revisions.py).
    articles: set[str] = field(default_factory=set)
    series: bool = False

    def note(
        self,
        connection: sqlite3.Connection,
        slug: str,
        inputs: _SharedInputs,
        quantities: set[str],
        sources: set[str],
    ) -> None:
        """The article states these quantities and names these sources, now (before or after
        its write): what changed of them is to be derived again."""
        if inputs.sources_changed:
            self.sources |= sources
        if not inputs.conflicts_changed:
            return
        for quantity in quantities:
            self.quantities.setdefault(quantity, set()).add(slug)
            if quantity not in self.whole and _among_first(connection, quantity, slug):
                self.whole.add(quantity)


def _among_first(connection: sqlite3.Connection, quantity: str, slug: str) -> bool:
    """Whether the article's statements of the quantity (if any) are among its first ones:
    fewer than FIRST_STATEMENTS statements come from articles before it (an index range of
    at most that many entries)."""
    (before,) = connection.execute(
        "select count(*) from (select 1 from check_quantities "
        "where quantity = ? and article_id < ? limit ?)",
        [quantity, slug, FIRST_STATEMENTS],
    ).fetchone()
    return bool(before < FIRST_STATEMENTS)


# --- writing one article -------------------------------------------------------------------


def taken_claim_ids(
    connection: sqlite3.Connection, slug: str, claim_ids: Sequence[str]
) -> dict[str, str]:
    """Which of these claim ids another article already holds, and which article."""
    taken: dict[str, str] = {}
    for chunk in _chunks(claim_ids):
        marks = ", ".join("?" for _ in chunk)
        taken.update(
            connection.execute(
                f"select id, article_id from claims where id in ({marks}) and article_id != ?",
                [*chunk, slug],
            )
        )
    return taken


@dataclass
class Held:
    """Rows of a fresh build's articles for the tables of one or two rows an article, held
    and inserted many articles at a time: one executemany per article cost 25 to 37 times
    the rows' own insert at a million claims. Only tables nothing reads while the build
    goes on (the shared rows are derived after `flush`)."""

    connection: sqlite3.Connection
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    TABLES = ("article_counts", "built_articles")
    ROWS = 20_000

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.rows[table].extend(rows)
        if len(self.rows[table]) >= self.ROWS:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            _insert(self.connection, table, rows)
        self.rows.clear()


def write_public(
    connection: sqlite3.Connection,
    rows: ArticleRows,
    touched: Touched | None = None,
    held: Held | None = None,
) -> None:
    """Replace the article's rows in claimdesk.db, then its sources' and its quantities' rows.
    One transaction: readers see the article before or after, never half.

    With `touched`, the caller is a build writing many articles inside its own transaction:
    what this write touched is added to it, and the caller derives the shared rows once at
    the end (refresh_shared), after flushing what it `held`."""
    if touched is not None:
        _replace(connection, rows.slug, rows.public, PUBLIC_TABLES, touched, held)
        return
    mine = Touched()
    with transaction(connection):
        _replace(connection, rows.slug, rows.public, PUBLIC_TABLES, mine)
        refresh_shared(connection, mine)


def write_private(
    connection: sqlite3.Connection,
    rows: ArticleRows,
    *,
    own_transaction: bool = True,
    held: Held | None = None,
) -> None:
    if not own_transaction:
        _replace(connection, rows.slug, rows.private, PRIVATE_TABLES, held=held)
        return
    with transaction(connection):
        _replace(connection, rows.slug, rows.private, PRIVATE_TABLES)


def remove_article(
    connection: sqlite3.Connection, slug: str, *, public: bool, touched: Touched | None = None
) -> None:
    """An article whose folder is gone: its rows go, and what they touched is redone (now, or
    by the caller holding `touched`, as write_public)."""
    tables = PUBLIC_TABLES if public else PRIVATE_TABLES
    mine = Touched() if touched is None else touched
    with transaction(connection):
        _replace(connection, slug, {t: [] for t in tables}, tables, mine if public else None)
        if public and touched is None:
            refresh_shared(connection, mine)


# How each article-scoped table names the article its rows belong to. (Written out: SQLite
# reads a double-quoted name that is no column as a string, so a wrong one would delete
# nothing, silently.)
_OF_ARTICLE = {
    "articles": "id = ?",
    "check_claims": "check_id in (select id from checks where article_id = ? and quantity is null)",
    "claims": "article_id = ?",
    "article_counts": "article_id = ?",
    "verdicts": "claim_id in (select id from claims where article_id = ?)",
    "corrections": "article_id = ?",
    # A conflict names an article too, but belongs to no one article: refresh_shared writes it.
    "checks": "article_id = ? and quantity is null",
    "check_quantities": "article_id = ?",
    "search_index": "article_id = ?",
    "built_articles": "article_id = ?",
    "events": "article_id = ?",
    "claim_states": "article_id = ?",
    "log_problems": "article_id = ?",
}


def _replace(
    connection: sqlite3.Connection,
    slug: str,
    rows: dict[str, list[dict[str, Any]]],
    tables: Sequence[str],
    touched: Touched | None = None,
    held: Held | None = None,
) -> None:
    """Make the article's rows in `tables` exactly `rows`, and add to
    `touched` what the shared rows must be redone for, before and after. An article new to
    the database has its small tables' rows `held` for later, when the caller holds them.

    Rows already there as derived are left in place and only the difference is deleted and
    inserted: which rows differ is found by comparing every derived row, whole, with the rows
    present, the same way for every table, never chosen by hand. (Deleting and inserting an
    unchanged row would make the full-text indexes tokenise it again at every desk action.)"""
    track = touched is not None and not touched.everything
    if touched is not None:
        touched.articles.add(slug)
    connection.execute("pragma defer_foreign_keys = on")
    inputs = _SharedInputs.of_rows(rows) if track else None
    if "built_articles" in tables and not _built(connection, slug):
        # Every write of an article writes its built_articles row with the rest, and removing
        # it removes them all: without that row the article has no rows to compare with
        # (every article of a fresh build), and its rows go in as they are.
        for table in tables:
            if held is not None and table in Held.TABLES:
                held.add(table, rows[table])
            else:
                _insert(connection, table, rows[table])
    else:
        if track:
            assert touched is not None and inputs is not None
            before = _SharedInputs.built(connection, slug)
            inputs.compare(before)
            touched.note(connection, slug, inputs, before.quantities(), before.source_ids())
            # Conflicts relate claims of several articles: those that may name this article's
            # claims go before the claims do.
            if inputs.conflicts_changed:
                _delete_conflicts(
                    connection, touched, only={q: {slug} for q in before.quantities()}
                )
        missing: dict[str, list[dict[str, Any]]] = {}
        for table in reversed(tables):
            missing[table] = _delete_all_but(connection, table, slug, rows[table])
        for table in tables:
            _insert(connection, table, missing[table])
    if track:
        assert touched is not None and inputs is not None
        touched.note(connection, slug, inputs, inputs.quantities(), inputs.source_ids())


# What the shared rows are derived from, of an article's claims: conflicts from the figures
# of its quantities (the columns write._MEMBERS reads, and their order), sources from who
# is named where, and with what status and verdict. A write that leaves them as they were
# (an assignment, a verification awaiting approval, an unchanged article) leaves the shared
# rows as they were: a quantity's thousands of statements are not compared again for it.
_CONFLICT_INPUTS = (
    "id", "position", "start", "end", "text", "sentence", "value", "value_max", "unit", "kind",
    "qualifier", "qualifier_meaning", "time", "source", "noun", "flags", "margin",
)  # fmt: skip
_SOURCE_INPUTS = ("source_id", "source", "position", "status", "verdict")


@dataclass
class _SharedInputs:
    conflicts: Counter[tuple[Any, ...]]
    sources: Counter[tuple[Any, ...]]
    conflicts_changed: bool = True
    sources_changed: bool = True

    @classmethod
    def of_rows(cls, rows: dict[str, list[dict[str, Any]]]) -> _SharedInputs:
        claims = rows.get("claims", [])
        by_id = {claim["id"]: claim for claim in claims}
        return cls(
            Counter(
                (q["quantity"], *(by_id[q["claim_id"]][c] for c in _CONFLICT_INPUTS))
                for q in rows.get("check_quantities", [])
            ),
            Counter(
                tuple(claim[c] for c in _SOURCE_INPUTS)
                for claim in claims
                if claim["source_id"] is not None
            ),
        )

    @classmethod
    def built(cls, connection: sqlite3.Connection, slug: str) -> _SharedInputs:
        columns = ", ".join(f'c."{c}"' for c in _CONFLICT_INPUTS)
        conflicts = connection.execute(
            f"select q.quantity, {columns} from check_quantities as q "
            "join claims as c on c.id = q.claim_id where q.article_id = ?",
            [slug],
        )
        sources = connection.execute(
            f"select {', '.join(_SOURCE_INPUTS)} from claims "
            "where article_id = ? and source_id is not null",
            [slug],
        )
        return cls(Counter(map(tuple, conflicts)), Counter(map(tuple, sources)))

    def quantities(self) -> set[str]:
        return {key[0] for key in self.conflicts}

    def source_ids(self) -> set[str]:
        return {key[0] for key in self.sources}

    def compare(self, before: _SharedInputs) -> None:
        self.conflicts_changed = self.conflicts != before.conflicts
        self.sources_changed = self.sources != before.sources


def _built(connection: sqlite3.Connection, slug: str) -> bool:
    found = connection.execute("select 1 from built_articles where article_id = ?", [slug])
    return found.fetchone() is not None


def _delete_all_but(
    connection: sqlite3.Connection, table: str, slug: str, wanted: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Delete the article's rows of `table` that are not among `wanted`; return the wanted
    rows that are not there yet."""
    where = _OF_ARTICLE[table]
    if not wanted:
        connection.execute(f"delete from {table} where {where}", [slug])
        return []
    columns = list(wanted[0])
    names = ", ".join(f'"{c}"' for c in columns)
    pending = Counter(tuple(row[c] for c in columns) for row in wanted)
    stale: list[int] = []
    for rowid, *values in connection.execute(
        f"select rowid, {names} from {table} where {where}", [slug]
    ):
        key = tuple(values)
        if pending[key] > 0:
            pending[key] -= 1
        else:
            stale.append(rowid)
    for start in range(0, len(stale), _CHUNK):
        chunk = stale[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        connection.execute(f"delete from {table} where rowid in ({marks})", chunk)
    missing = []
    for row in wanted:
        key = tuple(row[c] for c in columns)
        if pending[key] > 0:
            pending[key] -= 1
            missing.append(row)
    return missing


# --- rows of no one article ----------------------------------------------------------------


def refresh_shared(connection: sqlite3.Connection, touched: Touched) -> None:
    """Derive again what the writes touched of the sources, the conflicts and the source
    revisions, from the article (and series) rows as they now are, and the totals over every
    article."""
    _refresh_sources(connection, None if touched.everything else touched.sources)
    _refresh_conflicts(connection, touched)
    _refresh_totals(connection)
    everything = touched.everything or touched.series
    refresh_revisions(connection, None if everything else touched.articles)


def _refresh_totals(connection: sqlite3.Connection) -> None:
    # Summed from article_counts (a few rows per article), never from the claims.
    connection.execute("delete from status_counts")
    connection.execute(
        "insert into status_counts (status, verdict, claims) "
        "select status, verdict, sum(claims) from article_counts group by status, verdict "
        "order by status, verdict"
    )


def _refresh_sources(connection: sqlite3.Connection, ids: Collection[str] | None) -> None:
    if ids is None:
        connection.execute("delete from source_counts")
        connection.execute("delete from sources")
        connection.execute(f"delete from {SEARCH_TABLE} where kind = 'source'")
        named = dict(connection.execute(_FIRST_NAMES.format(where="source_id is not null")))
        counts = _source_counts(connection, "source_id is not null", [])
    else:
        named, counts = {}, defaultdict(list)
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" for _ in chunk)
            connection.execute(f"delete from source_counts where source_id in ({marks})", chunk)
            connection.execute(f"delete from sources where id in ({marks})", chunk)
            connection.execute(
                f"delete from {SEARCH_TABLE} where kind = 'source' and key in ({marks})", chunk
            )
            named.update(_first_names(connection, chunk))
            counts.update(_source_counts(connection, f"source_id in ({marks})", chunk))
    sources, scores, search = source_rows(named, counts)
    _insert(connection, "sources", sources)
    _insert(connection, "source_counts", scores)
    _insert(connection, SEARCH_TABLE, search)


def _source_counts(
    connection: sqlite3.Connection, where: str, params: Sequence[str]
) -> dict[str, list[tuple[str, str | None, int]]]:
    """Each source's claims that are not dismissed, by (status, verdict)."""
    counts: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
    for source, status, verdict, n in connection.execute(
        f"select source_id, status, verdict, count(*) from claims where {where} "
        "and status != 'dismissed' group by source_id, status, verdict",
        params,
    ):
        counts[source].append((status, verdict, n))
    return counts


# A source's name as the first claim that names it writes it (articles in slug order, then
# claims in the order of the text): the same whichever write made the row. For every source
# at once (a full build), one pass ranking the claims.
_FIRST_NAMES = """
select source_id, source from (
  select source_id, source,
    row_number() over (partition by source_id order by article_id, position) as n
  from claims where {where}
) where n = 1
"""


def _first_names(connection: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    # For the few sources a write touched, the first entry of each in claims_source_id: ranking
    # a popular source's 49,000 claims took 0.3 s of a desk write at a million claims.
    named = {}
    for source_id in ids:
        row = connection.execute(
            "select source from claims where source_id = ? order by article_id, position limit 1",
            [source_id],
        ).fetchone()
        if row is not None:
            named[source_id] = row[0]
    return named


def _delete_conflicts(
    connection: sqlite3.Connection, touched: Touched, only: dict[str, set[str]] | None = None
) -> None:
    """Delete the conflicts to derive again: every one when `touched` is everything, all of
    each whole quantity's, and of the other quantities (of `only`, or all touched), those of
    the written articles' figures."""
    if touched.everything:
        connection.execute(
            "delete from check_claims where check_id in "
            "(select id from checks where quantity is not null)"
        )
        connection.execute("delete from checks where quantity is not null")
        return
    selected = touched.quantities if only is None else only
    for quantity, slugs in sorted(selected.items()):
        where, params = "quantity = ?", [quantity]
        if quantity not in touched.whole:
            where += f" and article_id in ({', '.join('?' for _ in slugs)})"
            params += sorted(slugs)
        connection.execute(
            f"delete from check_claims where check_id in (select id from checks where {where})",
            params,
        )
        connection.execute(f"delete from checks where {where}", params)


def _refresh_conflicts(connection: sqlite3.Connection, touched: Touched) -> None:
    _delete_conflicts(connection, touched)
    if touched.everything:
        # Every quantity stated in more than one article, read in one pass in quantity order.
        stated = (
            "select quantity from check_quantities group by quantity "
            "having count(distinct article_id) > 1"
        )
        _derive_conflicts(connection, [(f"q.quantity in ({stated})", [])])
        return
    whole = sorted(touched.whole & set(touched.quantities))
    _derive_conflicts(
        connection,
        [(f"q.quantity in ({', '.join('?' for _ in chunk)})", chunk) for chunk in _chunks(whole)],
    )
    partial = sorted(set(touched.quantities) - touched.whole)
    checks: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for quantity in partial:
        slugs = sorted(touched.quantities[quantity])
        # The first statements, then the written articles' (which come after them), in the
        # order a whole derivation reads them; only the written articles' results are new.
        members = _members(
            connection,
            "q.quantity = ? order by q.article_id, c.position limit ?",
            [quantity, FIRST_STATEMENTS],
        ) + _members(
            connection,
            f"q.quantity = ? and q.article_id in ({', '.join('?' for _ in slugs)}) "
            "order by q.article_id, c.position",
            [quantity, *slugs],
        )
        found, linked = conflict_rows(quantity, members, of_articles=set(slugs))
        checks += found
        links += linked
    _insert(connection, "checks", checks)
    _insert(connection, "check_claims", links)


def _members(
    connection: sqlite3.Connection, where: str, params: Sequence[Any]
) -> list[tuple[str, Claim]]:
    cursor = connection.execute(f"{_MEMBERS} where {where}", params)
    columns = [d[0] for d in cursor.description]
    members = []
    for row in cursor:
        record = dict(zip(columns, row, strict=True))
        record.pop("quantity")
        members.append((record["article_id"], _claim_from_row(record)))
    return members


# Rows held before they are inserted: memory stays flat however large the corpus.
_CONFLICT_BATCH = 5_000
# A quantity's figures held as claims at once. Every figure is compared with the quantity's
# first statements and nothing else (checks/conflicts.py), so a group is derived a part at a
# time, each part with the first statements, as a write derives its own figures: the largest
# group at a million claims (14,296 statements) held its claims and all its rows at once,
# about 130 MB of Python objects at the end of a fresh build.
_GROUP_PART = 1_000


def _derive_conflicts(
    connection: sqlite3.Connection, selections: Iterable[tuple[str, Sequence[str]]]
) -> None:
    checks: dict[str, dict[str, Any]] = {}
    links: dict[tuple[str, str], dict[str, Any]] = {}

    def flush() -> None:
        _insert(connection, "checks", list(checks.values()))
        _insert(connection, "check_claims", list(links.values()))
        checks.clear()
        links.clear()

    def add(
        quantity: str, members: list[tuple[str, Claim]], first: list[tuple[str, Claim]] | None
    ) -> None:
        if first is None:  # the group's first part: its first statements are in it
            found, linked = conflict_rows(quantity, members)
        else:
            part = {slug for slug, _ in members}
            found, linked = conflict_rows(quantity, first + members, of_articles=part)
        for check in found:
            checks.setdefault(check["id"], check)
        for link in linked:
            links.setdefault((link["check_id"], link["claim_id"]), link)
        if len(checks) + len(links) >= _CONFLICT_BATCH:
            flush()

    for where, params in selections:
        # Streamed: the inserts go to checks and check_claims, which this cursor does not read.
        cursor = connection.execute(
            f"{_MEMBERS} where {where} order by q.quantity, q.article_id, c.position", params
        )
        columns = [d[0] for d in cursor.description]
        current: str | None = None
        members: list[tuple[str, Claim]] = []
        first: list[tuple[str, Claim]] | None = None  # once the group's first part is done
        for row in cursor:
            record = dict(zip(columns, row, strict=True))
            quantity = record.pop("quantity")
            slug = record["article_id"]
            if quantity != current:
                if current is not None:
                    add(current, members, first)
                current, members, first = quantity, [], None
            elif (
                len(members) >= _GROUP_PART
                and members[-1][0] != slug
                and (first is not None or len(members) >= FIRST_STATEMENTS)
            ):
                # A part ends between two articles, as a write's figures are its article's;
                # the first part holds the first statements, which every later part reads.
                add(quantity, members, first)
                first = first if first is not None else members[:FIRST_STATEMENTS]
                members = []
            members.append((slug, _claim_from_row(record)))
        if current is not None:
            add(current, members, first)
    flush()


# Ordered by check_quantities' own article_id (each row's is its claim's), so that the index on
# (quantity, article_id) gives the order and a quantity's first statements are read without
# sorting all of its thousands (80 ms to 0.7 ms at a million claims).
_MEMBERS = """
select q.quantity, c.article_id, c.id, c.start, c."end", c.text, c.sentence, c.value,
  c.value_max, c.unit, c.kind, c.qualifier, c.qualifier_meaning, c.time, c.source, c.noun,
  c.flags, c.margin
from check_quantities as q join claims as c on c.id = q.claim_id
"""


def _claim_from_row(record: dict[str, Any]) -> Claim:
    record.pop("article_id")
    record["flags"] = tuple(json.loads(record["flags"]))
    return Claim.model_validate(record)


# --- plumbing ------------------------------------------------------------------------------


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: a writer that dies half-way
    leaves the database as it was. Inside a transaction already (a build that writes many
    articles and commits once), it is a savepoint of that transaction: an error undoes its
    part, and nothing is committed until the outer transaction is."""
    if connection.in_transaction:
        connection.execute("savepoint nested")
        try:
            yield
        except BaseException:
            connection.execute("rollback to nested")
            connection.execute("release nested")
            raise
        connection.execute("release nested")
        return
    connection.execute("begin immediate")
    try:
        yield
    except BaseException:
        connection.execute("rollback")
        raise
    connection.execute("commit")


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    connection.executemany(
        f'insert into "{table}" ({names}) values ({marks})',
        ([row[c] for c in columns] for row in rows),
    )


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _verdict_scale_rows() -> Iterable[dict[str, Any]]:
    for info in VERDICTS.values():
        yield {
            "verdict": str(info.verdict),
            "label_zh_hant": info.zh_hant,
            "label_zh_hans": info.zh_hans,
            "label_en": info.en,
            "definition_en": info.definition_en,
            "definition_zh_hant": info.definition_zh_hant,
            "rating": info.rating,
        }
