"""What one query may cost: SQLite's limits and the functions no query may call as built.

Datasette's time limit is a progress handler, checked between VM steps, and some functions do
unbounded work in one step: `printf('%.*c', 2147483647, 'x')` pads for nine seconds. So each
connection gets `printf` and `format` that refuse a width or precision past MAX_FORMAT_WIDTH
and otherwise answer exactly as SQLite's own, and an `fts3_tokenizer` that always refuses (it
hands out a native pointer, and its two-argument form installs one). Datasette clears any
authorizer after analysing a query, so replacing the functions is what holds on every query,
the public pages' own and a visitor's alike.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from typing import Any

# Without limits, one anonymous `select randomblob(1000000000), randomblob(…)` made Datasette
# build a response of gigabytes: SQLite's time limit is checked between VM steps, and making a
# blob is one step. No value stored in a database file can be longer than the file, so a query
# may make no longer string or blob than that (and at least MIN_VALUE_BYTES); with the columns
# of a row capped too, one row is bounded, and the time limit bounds the number of rows.
MIN_VALUE_BYTES = 1024 * 1024
# SQLite caps SQLITE_LIMIT_LENGTH at its compiled maximum (1e9 by default), and Python's
# setlimit overflows on a value past 2**31 - 1: a claimdesk.db over 2 GiB stopped the server.
MAX_VALUE_BYTES = 1_000_000_000
# The widest of our tables has about twenty columns; Datasette adds a few (rowid, labels).
MAX_COLUMNS = 64
# Wide enough for any column a page lays out; far too narrow to keep a thread busy.
MAX_FORMAT_WIDTH = 1000

# One conversion of a printf format: flags, then width and precision, each digits or `*`.
FORMAT_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?")

# SQLite's own printf, on a connection of its own, for formats within the limit.
_builtin = sqlite3.connect(":memory:", check_same_thread=False)
_builtin_lock = threading.Lock()


class QueryRefused(sqlite3.OperationalError):
    pass


def value_limit(path: str | None) -> int:
    size = os.path.getsize(path) if path and os.path.exists(path) else 0
    return min(MAX_VALUE_BYTES, max(MIN_VALUE_BYTES, size))


def format_widths(template: str, args: tuple[Any, ...]) -> list[int]:
    """Every width and precision `template` asks for, `*` read from its argument."""
    widths: list[int] = []
    position = 0
    for spec in FORMAT_SPEC.finditer(template.replace("%%", "")):
        for part in (spec.group(1), spec.group(2)):
            if part == "*":
                value = args[position] if position < len(args) else 0
                position += 1
                try:
                    widths.append(abs(int(value)))
                except (TypeError, ValueError):
                    widths.append(0)
            elif part:
                widths.append(int(part))
        position += 1
    return widths


def bounded_printf(name: str) -> Any:
    def printf(template: Any = None, *args: Any) -> Any:
        if isinstance(template, str) and any(
            w > MAX_FORMAT_WIDTH for w in format_widths(template, args)
        ):
            raise QueryRefused(f"{name}() width over {MAX_FORMAT_WIDTH}")
        placeholders = ", ".join("?" for _ in range(1 + len(args)))
        with _builtin_lock:
            row = _builtin.execute(f"select {name}({placeholders})", (template, *args)).fetchone()
        return row[0]

    return printf


def refuse(name: str) -> Any:
    def refused(*args: Any) -> Any:
        raise QueryRefused(f"{name}() is not allowed")

    return refused


def limit_connection(conn: sqlite3.Connection, path: str | None) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, value_limit(path))
    conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, MAX_COLUMNS)
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf(name))
    for arity in (-1, 1, 2):
        conn.create_function("fts3_tokenizer", arity, refuse("fts3_tokenizer"))
