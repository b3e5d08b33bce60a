"""Fast pages: each runs a handful of SQL statements, and none scans a whole large table.

Statements are counted as SQLite runs them: a test plugin's `prepare_connection` puts a trace
callback on every connection Datasette opens to claimdesk.db. Nothing is mocked; each counted
statement is then explained (`explain query plan`) against the same file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

from claimdesk.web import hookimpl
from conftest import make_datasette
from public_fixtures import A_GROWTH, A_MARKET, TRADITIONAL

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]

MAX_STATEMENTS = 5
PAGES = {
    "/": 3,
    f"/article/{TRADITIONAL}": 2,
    f"/claim/{A_MARKET.id}": 5,
    f"/claim/{A_GROWTH.id}": 5,
    "/source/IDC": 3,
    "/sources": 1,
    "/progress": 2,
    "/methods": 0,
    "/corrections": 1,
    "/search?q=%E5%A3%81%E4%BB%9E": 1,
    "/search.json?q=2048": 1,
    "/feed.atom": 1,
    "/revised.atom": 1,
}
# Tables that grow with every article, figure and decision.
LARGE_TABLES = (
    "articles",
    "claims",
    "verdicts",
    "corrections",
    "search_index",
    "series_cells",
    "source_revisions",
)
# Whole-table scans accepted, and why (none: schema.sql indexes what the pages sort by).
ACCEPTED_SCANS: dict[tuple[str, str], str] = {}
BARE_SCAN = re.compile(r"^SCAN (\w+)$")


class StatementLog:
    """Every statement run on claimdesk.db, as SQLite runs it (parameters bound)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection, database: str, datasette: Any) -> None:
        if database == "claimdesk":
            conn.set_trace_callback(self.statements.append)

    def page_statements(self) -> list[str]:
        # Leave out what SQLite runs inside a statement: a virtual table's own statements
        # (reported with a leading "--") and FTS5's reads of its shadow tables ('main'.'…').
        return [s for s in self.statements if not s.startswith("--") and "'main'." not in s]


@pytest.fixture
async def traced(newsroom_db: Path) -> AsyncIterator[tuple[Datasette, StatementLog]]:
    log = StatementLog()
    pm.register(log, name="claimdesk-test-statement-log")
    try:
        datasette = make_datasette(newsroom_db)
        await datasette.invoke_startup()
        yield datasette, log
    finally:
        pm.unregister(name="claimdesk-test-statement-log")


async def statements_of(traced: tuple[Datasette, StatementLog], path: str) -> list[str]:
    datasette, log = traced
    await datasette.client.get(path)  # connections, caches and FTS5's config, once
    log.statements.clear()
    response = await datasette.client.get(path)
    assert response.status_code == 200, path
    return log.page_statements()


@pytest.mark.parametrize(("path", "expected"), PAGES.items())
async def test_a_page_runs_a_handful_of_statements(
    traced: tuple[Datasette, StatementLog], path: str, expected: int
) -> None:
    statements = await statements_of(traced, path)
    assert len(statements) <= MAX_STATEMENTS
    # Exactly as many as the page's own queries: a page that starts looping over rows with a
    # query each shows up here first.
    assert len(statements) == expected, statements


@pytest.mark.parametrize("path", PAGES)
async def test_no_page_scans_a_whole_large_table(
    traced: tuple[Datasette, StatementLog], newsroom_db: Path, path: str
) -> None:
    plans = sqlite3.connect(f"file:{newsroom_db}?mode=ro", uri=True)
    try:
        for statement in await statements_of(traced, path):
            for row in plans.execute(f"explain query plan {statement}"):
                scan = BARE_SCAN.match(row[3])
                if scan and scan[1] in LARGE_TABLES:
                    assert (path, scan[1]) in ACCEPTED_SCANS, (path, row[3], statement)
    finally:
        plans.close()
