"""Datasette's own pages for every table and view of claimdesk.db, crawled through ds.client:
a few rows of each, found from the database itself, so that a new table is covered without
editing this test. A plugin hook that assumes a column (a row's `id`) broke every row page
of the tables without one (issue 17, defect 1)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette.utils import path_from_row_pks, tilde_encode

from claimdesk.database.build import build
from claimdesk.web.public.site import DATABASE as DATABASE_NAME
from conftest import ROOT, make_datasette

pytest_plugins = ["public_fixtures"]

ROWS_PER_TABLE = 3


def primary_keys(connection: sqlite3.Connection, table: str) -> list[str]:
    """The table's primary key columns in key order; none for a rowid table."""
    columns = connection.execute(f"pragma table_info([{table}])").fetchall()
    return [name for _, name, *_, pk in sorted(columns, key=lambda c: c[-1]) if pk]


def row_pages(db_path: Path) -> Iterator[tuple[str, str]]:
    """(table, path of a row page) for the first rows of every table."""
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "select name from sqlite_master where type = 'table' "
                "and name not like 'sqlite_%' order by name"
            )
        ]
        for table in tables:
            keys = primary_keys(connection, table)
            select = ", ".join(f"[{key}]" for key in keys) if keys else "rowid"
            for row in connection.execute(
                f"select {select} from [{table}] limit {ROWS_PER_TABLE}"
            ).fetchall():
                if None in tuple(row):
                    continue  # a NULL in a key has no row page in Datasette
                key = path_from_row_pks(dict(row), keys, use_rowid=not keys)
                yield table, f"/{DATABASE_NAME}/{tilde_encode(table)}/{key}"
    finally:
        connection.close()


def table_and_view_pages(db_path: Path) -> list[str]:
    connection = sqlite3.connect(db_path)
    try:
        names = connection.execute(
            "select name from sqlite_master where type in ('table', 'view') "
            "and name not like 'sqlite_%' order by name"
        ).fetchall()
    finally:
        connection.close()
    return [f"/{DATABASE_NAME}/{tilde_encode(name)}" for (name,) in names]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own claims/ (its automatic checks fill check_claims, which the
    newsroom does not)."""
    db_path = tmp_path_factory.mktemp("seed") / "claimdesk.db"
    build(ROOT / "claims", db_path)
    return db_path


@pytest.fixture(params=["newsroom", "seed"])
def crawled_db(request: pytest.FixtureRequest, newsroom_db: Path, seed_db: Path) -> Path:
    return newsroom_db if request.param == "newsroom" else seed_db


async def test_every_row_page_answers_without_a_server_error(crawled_db: Path) -> None:
    datasette = make_datasette(crawled_db)
    await datasette.invoke_startup()
    answered: dict[str, set[int]] = {}
    failures: list[str] = []
    for table, path in row_pages(crawled_db):
        response = await datasette.client.get(path)
        answered.setdefault(table, set()).add(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
    assert failures == []
    # Tables keyed by something other than `id`, by two columns, and by `id` were shown (the
    # settings forbid some hidden tables with a 403, which is not what this test is about).
    for table in ("verdict_scale", "claimdesk_build", "claims", "sources"):
        assert answered[table] == {200}, table


async def test_the_crawl_reaches_tables_keyed_by_two_columns(seed_db: Path) -> None:
    assert any(table == "check_claims" for table, _ in row_pages(seed_db))


async def test_every_table_and_view_page_answers_without_a_server_error(
    crawled_db: Path,
) -> None:
    datasette = make_datasette(crawled_db)
    await datasette.invoke_startup()
    failures = []
    for path in table_and_view_pages(crawled_db):
        response = await datasette.client.get(path)
        if response.status_code >= 500:
            failures.append(f"{path}: {response.status_code}")
    assert failures == []


async def test_rows_with_a_public_page_still_link_to_it(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/claimdesk/sources/IDC")).text
    assert 'href="/source/IDC"' in html
    html = (await newsroom_ds.client.get("/claimdesk/verdict_scale/correct")).text
    assert "claimdesk-public-link" not in html
