"""claimdesk's Datasette plugin, registered through the `datasette` entry point.

The public pages (`web/public/`) read only claimdesk.db; the editors' desk (`web/desk/`)
writes only through `claimdesk.desk.record`, the function the command line uses. Templates
are in `web/templates/`, static files in `web/static/`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar, cast

import datasette

F = TypeVar("F", bound=Callable[..., Any])
# Datasette ships no type hints; its marker returns the function it decorates.
hookimpl = cast(Callable[[F], F], datasette.hookimpl)

# Without limits, one anonymous `select randomblob(1000000000), randomblob(…)` made Datasette
# build a response of gigabytes: SQLite's time limit is checked between VM steps, and making a
# blob is one step. No value stored in a database file can be longer than the file, so a query
# may make no longer string or blob than that (and at least MIN_VALUE_BYTES); with the columns
# of a row capped too, one row is bounded, and the time limit bounds the number of rows.
MIN_VALUE_BYTES = 1024 * 1024
# The widest of our tables has about twenty columns; Datasette adds a few (rowid, labels).
MAX_COLUMNS = 64


def value_limit(path: str | None) -> int:
    size = os.path.getsize(path) if path and os.path.exists(path) else 0
    return max(MIN_VALUE_BYTES, size)


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    db = datasette.databases.get(database)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, value_limit(getattr(db, "path", None)))
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    from claimdesk.web.desk import routes as desk_routes
    from claimdesk.web.public import routes as public_routes

    return [*public_routes(), *desk_routes()]


@hookimpl
def startup(datasette: Any) -> None:
    from claimdesk.web.desk.auth import install_accounts

    install_accounts(datasette)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    from claimdesk.web.desk.auth import guarded_app, trust_proxies

    trust_proxies(datasette)
    return lambda app: guarded_app(app, datasette)


@hookimpl
def top_table(datasette: Any, request: Any, database: str, table: str) -> Any:
    from claimdesk.web.public.backlinks import table_link

    return table_link(database, table)


@hookimpl
def top_row(datasette: Any, request: Any, database: str, table: str, row: Any) -> Any:
    from claimdesk.web.public.backlinks import row_link

    return row_link(database, table, row)


@hookimpl
def top_stored_query(datasette: Any, request: Any, database: str, query_name: str) -> Any:
    from claimdesk.web.public.backlinks import table_link

    return table_link(database, query_name)
