"""Pages that list many things stay a page long, and none reads every claim to show it.

A claims/ of a few hundred articles (some undated, a third with a published verdict, their
figures attributed to a few dozen sources) is built once; the page size is made small, so
that every list runs over many pages. Each list is walked to its end through its "next" links
and back through its "previous" links; every statement the pages run on either database is
explained (`explain query plan`) against the same files.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

from claimdesk.database.build import build
from claimdesk.vocabulary import NEEDS_WORK, sql_list
from claimdesk.web import hookimpl, paging
from conftest import ARTICLE, CLAIMS_YML, REVIEWS_JSONL, VERIFY_ID, write_article
from desk_fixtures import desk_datasette, editor, write_accounts

ARTICLES = 240
SOURCES = 40
SIZE = 7
APPROVE_ID = "0188dd9c-7b80-7000-b358-4f8cd8f16adf"


def slug_of(n: int) -> str:
    return f"article-{n:03d}"


def claim_ids(n: int) -> tuple[str, str]:
    return f"c{n:08x}01", f"c{n:08x}02"


def write_many(claims: Path) -> None:
    for n in range(ARTICLES):
        first, second = claim_ids(n)
        # Every tenth undated: undated articles come last, and their key is not a date.
        published = "null" if n % 10 == 0 else f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
        yml = (
            CLAIMS_YML.replace("c0000000001", first)
            .replace("c0000000002", second)
            .replace("published: 2023-06-20", f"published: {published}")
            # Each article's first figure is one of a few sources' (long lists of claims),
            # its second one of many (a long list of sources).
            .replace("source: IDC", "source: @")
            .replace("@", f"IDC{n % 5}", 1)
            .replace("@", f"S{n % SOURCES}", 1)
        )
        reviews = None
        if n % 3 == 0:
            reviews = (
                REVIEWS_JSONL.replace("c0000000002", second)
                .replace(VERIFY_ID, f"{VERIFY_ID[:24]}{n:012x}")
                .replace(APPROVE_ID, f"{APPROVE_ID[:24]}{n:012x}")
            )
        write_article(claims, slug_of(n), ARTICLE, yml, reviews)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    write_many(root / "claims")
    build(root / "claims", root / "claimdesk.db")
    write_accounts(root / "editors.json")
    return root


class StatementLog:
    """Every statement run on either database, as SQLite runs it (parameters bound)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, str]] = []

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection, database: str, datasette: Any) -> None:
        if database in ("claimdesk", "reviews"):
            conn.set_trace_callback(lambda sql: self.statements.append((database, sql)))

    def page_statements(self) -> list[tuple[str, str]]:
        # Leave out what SQLite runs inside a statement (FTS5's reads of its shadow tables).
        return [
            (db, s) for db, s in self.statements if not s.startswith("--") and "'main'." not in s
        ]


@pytest.fixture
async def desk(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Datasette, StatementLog]]:
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(many / "editors.json"))
    monkeypatch.setattr(paging, "PAGE_SIZE", SIZE)
    log = StatementLog()
    pm.register(log, name="claimdesk-test-scale-log")
    try:
        yield await desk_datasette(many / "claimdesk.db", many / "claims"), log
    finally:
        pm.unregister(name="claimdesk-test-scale-log")


async def get(ds: Datasette, path: str) -> str:
    response = await ds.client.get(path, actor=editor("amy"))
    assert response.status_code == 200, (path, response.text[:500])
    return str(response.text)


# What each list shows, one match per item, and what it should list in all.
ITEMS = {
    "/progress": re.compile(r'<th scope="row"><a href="/article/([a-z0-9-]+)">'),
    "/sources": re.compile(r'<h2><a href="/source/([^"]+)">'),
    "/source/IDC3": re.compile(r'<a href="/claim/(c[0-9a-f]+)" class="figure-link">'),
    "/desk": re.compile(r'data-href="/desk/claim/(c[0-9a-f]+)"'),
    "/desk?status=unverified": re.compile(r'data-href="/desk/claim/(c[0-9a-f]+)"'),
}
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
PREVIOUS = re.compile(r'<a href="([^"]+)" rel="prev">')


def expected(many: Path, path: str) -> list[str]:
    """Every item of a list, in its order, read from the databases without the pages' SQL."""
    public = sqlite3.connect(many / "claimdesk.db")
    private = sqlite3.connect(many / "reviews.db")
    try:
        if path == "/progress":
            rows = public.execute("select id, coalesce(published, '') from articles").fetchall()
            return [slug for slug, _ in sorted(rows, key=lambda r: (r[1], r[0]), reverse=True)]
        if path == "/sources":
            counted = Counter(
                source
                for source, verdict in public.execute(
                    "select source_id, verdict from claims where status != 'dismissed'"
                )
            )
            checked = Counter(
                source
                for (source,) in public.execute(
                    "select source_id from claims where verdict is not null"
                )
            )
            ranked = sorted(counted, key=lambda s: (checked[s], counted[s], s), reverse=True)
            return list(ranked)
        if path == "/source/IDC3":
            found = public.execute(
                "select id from claims where source_id = 'IDC3' and status != 'dismissed' "
                "order by article_id, position"
            )
            return [claim for (claim,) in found]
        where = f"status in ({sql_list(('unverified',) if 'status' in path else NEEDS_WORK)})"
        found = private.execute(
            f"select claim_id from claim_states where {where} order by article_published is null, "
            "article_published, article_id, start"
        )
        return [claim for (claim,) in found]
    finally:
        public.close()
        private.close()


async def walk(ds: Datasette, path: str) -> list[tuple[str, list[str]]]:
    """(address, items) of every page from the first, through the "next" links."""
    pages: list[tuple[str, list[str]]] = []
    address: str | None = path
    while address is not None:
        html = await get(ds, address)
        pages.append((address, ITEMS[path].findall(html)))
        found = NEXT.search(html)
        address = found[1].replace("&amp;", "&") if found else None
        assert len(pages) <= ARTICLES * 2, "the next links go round in a circle"
    return pages


@pytest.mark.parametrize("path", ITEMS)
async def test_a_list_is_shown_a_page_at_a_time_and_whole(
    desk: tuple[Datasette, StatementLog], many: Path, path: str
) -> None:
    ds, _ = desk
    pages = await walk(ds, path)
    shown = [item for _, items in pages for item in items]
    whole = expected(many, path)
    assert len(whole) > 3 * SIZE  # the list does run over several pages
    assert [len(items) for _, items in pages[:-1]] == [SIZE] * (len(pages) - 1)
    assert 0 < len(pages[-1][1]) <= SIZE
    assert len(shown) == len(whole)
    assert shown == whole
    # Back from the last page through the "previous" links: the same pages, in reverse.
    html = await get(ds, pages[-1][0])
    back = []
    while found := PREVIOUS.search(html):
        html = await get(ds, found[1].replace("&amp;", "&"))
        back.append(ITEMS[path].findall(html))
    assert back == [items for _, items in reversed(pages[:-1])]


async def test_pages_stay_the_same_size_however_many_articles(
    desk: tuple[Datasette, StatementLog],
) -> None:
    ds, _ = desk
    home = await get(ds, "/")
    assert len(re.findall(r'<li>\s*<a href="/article/', home)) == 20
    assert NEXT.search(home)  # the rest continue on /progress
    queue = await get(ds, "/desk")
    # One <option> per article made the queue 5.6 MB at 1M claims: the article is typed.
    assert queue.count("<option") < 40
    assert 'name="article"' in queue
    for path in ("/progress", "/sources", "/desk"):
        assert len(await get(ds, path)) < 60_000, path


# Tables that grow with the corpus, in either database.
LARGE_TABLES = {
    "claims",
    "articles",
    "verdicts",
    "corrections",
    "checks",
    "check_claims",
    "search_index",
    "sources",
    "article_counts",
    "source_counts",
    "claim_states",
    "events",
}
SCAN = re.compile(r"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?")
SEARCH = re.compile(r"^SEARCH (\w+) USING (?:COVERING )?INDEX (\w+) \((.*)\)$")
# Columns of a few values each (closed vocabularies): finding rows by one of them alone finds
# most of a table, so it is read as a scan.
FEW_VALUES = {"status", "verdict", "kind", "result", "change", "language", "field"}


def reads_whole(line: str) -> tuple[str, str | None] | None:
    """(table, index) when a plan line reads a whole table: a scan, or a search by a column
    of a few values only (`status IN ('unverified', 'published')` is nearly every claim)."""
    if scan := SCAN.match(line):
        return scan[1], scan[2]
    if search := SEARCH.match(line):
        columns = {re.split(r"[=<>]", term)[0] for term in search[3].split(" AND ")}
        if columns <= FEW_VALUES:
            return search[1], search[2]
    return None


def whole_table_reads(plans: sqlite3.Connection, statement: str) -> list[str]:
    """The plan lines of a statement that read a large table whole. Walking an index in the
    list's order is allowed only when the statement stops at a LIMIT and sorts nothing: that
    is reading one page, not the table."""
    plan = list(plans.execute(f"explain query plan {statement}"))
    limited = " limit " in " ".join(statement.lower().split())
    found = []
    for _, parent, _, line in plan:
        scan = reads_whole(line)
        if not scan or scan[0] not in LARGE_TABLES:
            continue
        # A sort of everything the scan reads, in the same (sub)query: not one page.
        sorted_whole = any(
            p == parent and re.match(r"USE TEMP B-TREE FOR (ORDER BY|GROUP BY|DISTINCT)", text)
            for _, p, _, text in plan
        )
        if not (limited and scan[1] and not sorted_whole):
            found.append(line)
    return found


PAGES = [
    "/",
    "/progress",
    "/sources",
    "/source/IDC3",
    f"/article/{slug_of(3)}",
    f"/claim/{claim_ids(3)[1]}",
    "/search?q=%E5%B8%82%E5%A0%B4",  # 市場
    "/feed.atom",
    "/corrections",
    "/desk",
    "/desk?status=unverified",
    "/desk?status=published",
]


@pytest.mark.parametrize("path", PAGES)
async def test_no_page_reads_a_whole_large_table(
    desk: tuple[Datasette, StatementLog], many: Path, path: str
) -> None:
    ds, log = desk
    html = await get(ds, path)  # connections, caches and FTS5's config, once
    addresses = [path]
    if found := NEXT.search(html):
        addresses.append(found[1].replace("&amp;", "&"))  # a later page, keyed
    files = {"claimdesk": many / "claimdesk.db", "reviews": many / "reviews.db"}
    for address in addresses:
        log.statements.clear()
        await get(ds, address)
        statements = log.page_statements()
        assert statements, address
        for database, statement in statements:
            plans = sqlite3.connect(f"file:{files[database]}?mode=ro", uri=True)
            try:
                assert whole_table_reads(plans, statement) == [], (address, statement)
            finally:
                plans.close()


def test_the_check_finds_a_whole_table_read(many: Path) -> None:
    """The check above can fail: counting claims, or sorting them, is a whole-table read."""
    plans = sqlite3.connect(f"file:{many / 'claimdesk.db'}?mode=ro", uri=True)
    try:
        assert whole_table_reads(plans, "select status, count(*) from claims group by status")
        assert whole_table_reads(plans, "select * from claims order by text limit 5")
        assert whole_table_reads(plans, "select count(*) from claims where instr(flags, 'x')")
        assert whole_table_reads(
            plans, "select count(*) from claims where status in ('unverified', 'published')"
        )
        assert not whole_table_reads(plans, "select * from claims order by id limit 5")
    finally:
        plans.close()


def test_the_counts_are_the_claims_counted(many: Path) -> None:
    """What the pages read instead of counting is what counting gives."""
    db = sqlite3.connect(many / "claimdesk.db")
    try:
        counted = "status in ('unverified', 'published') and instr(flags, '\"outside_body\"') = 0"
        by_article = db.execute(
            f"select article_id, status, verdict, count(*) from claims where {counted} "
            "group by 1, 2, 3 order by 1, 2, 3"
        ).fetchall()
        assert by_article == db.execute("select * from article_counts order by 1, 2, 3").fetchall()
        totals = db.execute(
            f"select status, verdict, count(*) from claims where {counted} group by 1, 2 "
            "order by 1, 2"
        ).fetchall()
        assert totals == db.execute("select * from status_counts order by 1, 2").fetchall()
        by_source = db.execute(
            "select source_id, status, verdict, count(*) from claims where source_id is not null "
            "and status != 'dismissed' group by 1, 2, 3 order by 1, 2, 3"
        ).fetchall()
        assert by_source == db.execute("select * from source_counts order by 1, 2, 3").fetchall()
        assert len(by_source) > SOURCES + 5  # some sources have a verdict, some not
    finally:
        db.close()


async def test_search_results_come_a_page_at_a_time(desk: tuple[Datasette, StatementLog]) -> None:
    ds, _ = desk
    # Each of a page's 50 hits once (a sentence's figures listed together under it).
    hit = re.compile(r'data-hit="([^"]+)"')
    first = await get(ds, "/search?q=%E5%B8%82%E5%A0%B4")  # 市場: in every article
    link = NEXT.search(first)
    assert link and "page=2" in link[1]
    second = await get(ds, link[1].replace("&amp;", "&"))
    assert len(hit.findall(first)) == len(hit.findall(second)) == 50
    assert not set(hit.findall(first)) & set(hit.findall(second))
    assert PREVIOUS.search(second)
    again = (await ds.client.get("/search.json?q=%E5%B8%82%E5%A0%B4&page=2")).json()
    assert sorted(r["id"] for r in again["results"]) == sorted(hit.findall(second))
