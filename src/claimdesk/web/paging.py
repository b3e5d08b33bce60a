"""Keyset pagination for the public pages and the desk's queue: a page is the rows after (or
before) the key of the last (or first) row another page showed, found through an index that
holds the key in order, so page 600 costs what page 1 costs. (OFFSET would read and drop every
row before the page.)

A list is ordered by a key of SQL expressions, every one in the same direction, so that SQLite
compares the key as a row value, `(a, b) < (:k0, :k1)`, and walks the index from the cursor.
The cursor in an address (`?after=…`, `?before=…`) is the key as JSON in URL-safe base64: opaque,
and any value a key may hold (a source's name in any script, a date, a number) survives it.
"""

from __future__ import annotations

import base64
import binascii
import json
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 50
# The key must fit in an address; no key of these lists comes near it.
MAX_CURSOR = 2000


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after a key, or (backwards) before one."""

    key: tuple[Any, ...]
    backwards: bool = False


@dataclass(frozen=True)
class Keyset:
    """A list's order: the key's SQL expressions, and whether the list runs high to low."""

    columns: tuple[str, ...]
    descending: bool = False

    def clause(self, cursor: Cursor | None) -> tuple[str, str, dict[str, Any]]:
        """(condition to add with AND, ORDER BY, parameters) for the page at `cursor`. A page
        before the cursor is read in the opposite order and turned round by `page`."""
        reverse = cursor is not None and cursor.backwards
        descending = self.descending != reverse
        order = ", ".join(f"{c} {'desc' if descending else 'asc'}" for c in self.columns)
        if cursor is None or len(cursor.key) != len(self.columns):
            return "1", order, {}
        names = [f"k{n}" for n in range(len(self.columns))]
        condition = (
            f"({', '.join(self.columns)}) {'<' if descending else '>'} "
            f"({', '.join(':' + n for n in names)})"
        )
        return condition, order, dict(zip(names, cursor.key, strict=True))


def encode(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text: str) -> tuple[Any, ...] | None:
    """The key a cursor holds; None for anything that is not one (a page then starts at the
    beginning, never fails)."""
    if len(text) > MAX_CURSOR:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(key, list) or not all(
        isinstance(v, str | int | float) or v is None for v in key
    ):
        return None
    return tuple(key)


def cursor_of(args: Mapping[str, str] | Any) -> Cursor | None:
    """The cursor a request's query string names, if any."""
    for name, backwards in (("after", False), ("before", True)):
        raw = args.get(name)
        if raw and (key := decode(raw)) is not None:
            return Cursor(key, backwards)
    return None


@dataclass(frozen=True)
class Page:
    """One page of a list, in the list's order, and the addresses of its neighbours."""

    rows: list[dict[str, Any]]
    next_url: str | None
    previous_url: str | None


def page(
    fetched: Sequence[Mapping[str, Any]],
    cursor: Cursor | None,
    key_of: Callable[[Mapping[str, Any]], Sequence[Any]],
    path: str,
    size: int | None = None,
    params: Mapping[str, str] | None = None,
) -> Page:
    """The page from up to size + 1 rows read with `Keyset.clause` (the extra row says there
    is more), with links that keep `params` (a filter) and replace the cursor. `size` is
    PAGE_SIZE unless given."""
    size = PAGE_SIZE if size is None else size
    more = len(fetched) > size
    rows = [dict(row) for row in fetched[:size]]
    backwards = cursor is not None and cursor.backwards
    if backwards:
        rows.reverse()
    has_next = (more and not backwards) or backwards
    has_previous = (more and backwards) or (cursor is not None and not backwards)
    next_url = previous_url = None
    if rows and has_next:
        next_url = _url(path, params, "after", key_of(rows[-1]))
    if rows and has_previous:
        previous_url = _url(path, params, "before", key_of(rows[0]))
    if not rows and cursor is not None:
        # Past either end (the rows changed meanwhile, or an old link): back to the start.
        previous_url = _url(path, params, None, ())
    return Page(rows, next_url, previous_url)


def _url(path: str, params: Mapping[str, str] | None, name: str | None, key: Sequence[Any]) -> str:
    query = {k: v for k, v in (params or {}).items() if v}
    if name is not None:
        query[name] = encode(key)
    return path + (f"?{urllib.parse.urlencode(query)}" if query else "")
