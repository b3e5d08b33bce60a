"""After an event is appended: bring one article's rows in both databases up to date, in place.

The file is the record and is written first; this is the second half of the one write path
(`desk.record`), run under the same lock, so the databases a running server reads show the
event at once. It rewrites only rows the events decide (review states, public status and
verdicts, corrections); everything else waits for the next `claimdesk build`, which `serve`
runs when the files have changed since the last one. If the process dies between the two
halves, that rebuild brings the databases back in line with the files.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.database.rows import (
    ReviewedClaim,
    claim_state_row,
    correction_rows,
    event_row,
    public_claim_row,
    public_source_names,
    reviewed_claims,
    verdict_rows,
)
from claimdesk.files.store import StoredArticle
from claimdesk.review import Event

# Columns of a public claim that events never change: where it is and what it quotes.
_PLACE = ("id", "article_id", "position", "start", "end", "text")


@dataclass(frozen=True)
class Databases:
    public: Path
    private: Path

    def exist(self) -> bool:
        return self.public.exists() and self.private.exists()


def refresh_article(databases: Databases, stored: StoredArticle, events: list[Event]) -> bool:
    """Rewrite the article's event-derived rows in both databases. False when they cannot be
    brought up to date in place (not built yet, or built before this article was added): the
    event is safe in its file, and the next build, which `serve` runs, includes it."""
    if not databases.exist() or not _has_article(databases.public, stored.slug):
        return False
    items = reviewed_claims(stored, events)
    try:
        _refresh_private(databases.private, stored.slug, items, events)
        _refresh_public(databases.public, items)
        _refresh_search(databases.public, stored.slug)
    except sqlite3.Error:
        return False
    return True


def _refresh_search(path: Path, slug: str) -> None:
    """A claim added by hand, or a corrected source, must be found by search at once."""
    from claimdesk.database.search import write_search_index

    db = _connect(path)
    try:
        write_search_index(db, [slug])
    finally:
        db.close()


def _has_article(path: Path, slug: str) -> bool:
    db = _connect(path)
    try:
        return db.execute("select 1 from articles where id = ?", [slug]).fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        db.close()


def _connect(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.conn.execute("pragma busy_timeout = 30000")  # the server may be reading
    db.conn.execute("pragma foreign_keys = on")
    return db


def _refresh_private(
    path: Path, slug: str, items: list[ReviewedClaim], events: list[Event]
) -> None:
    db = _connect(path)
    ignored = {e.event.id: e.reason for item in items for e in item.state.ignored}
    try:
        with db.conn:
            db.table("events").insert_all(
                (event_row(event, slug, ignored) for event in events), ignore=True
            )
            db.execute("delete from claim_states where article_id = ?", [slug])
            db.table("claim_states").insert_all(claim_state_row(item) for item in items)
    finally:
        db.close()


def _refresh_public(path: Path, items: list[ReviewedClaim]) -> None:
    db = _connect(path)
    try:
        with db.conn:
            names = public_source_names(items)
            db.table("sources").insert_all(
                ({"id": k, "name": v} for k, v in names.items()), ignore=True
            )
            slug = items[0].article.slug if items else ""
            current = {
                row["id"]: row
                for row in db.query("select * from claims where article_id = ?", [slug])
            }
            last = db.execute("select coalesce(max(position), 0) from claims").fetchone()[0]
            for item in items:
                if item.claim.id not in current:
                    last += 1
                    db.table("claims").insert(public_claim_row(item, last))
                else:
                    _update_claim(db, item, current[item.claim.id])
            for item in items:
                for row in verdict_rows(item):
                    _add_verdict(db, row)
                db.table("corrections").insert_all(correction_rows(item), ignore=True)
    finally:
        db.close()


def _update_claim(db: sqlite_utils.Database, item: ReviewedClaim, current: dict[str, Any]) -> None:
    """Only the columns the events changed: an update rewrites the claim's full-text entry,
    so rewriting every claim of the article for one event made each form cost seconds."""
    row = public_claim_row(item, current["position"])
    changes = {k: v for k, v in row.items() if k not in _PLACE and current.get(k) != v}
    if not changes:
        return
    assignments = ", ".join(f'"{k}" = ?' for k in changes)
    db.execute(f"update claims set {assignments} where id = ?", [*changes.values(), item.claim.id])


def _add_verdict(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    exists = db.execute("select superseded_at from verdicts where id = ?", [row["id"]]).fetchone()
    if exists is None:
        db.table("verdicts").insert(row)
    elif exists[0] is None and row["superseded_at"] is not None:
        # The one change a published verdict may see: a later one replaced it.
        db.execute(
            "update verdicts set superseded_at = ? where id = ?", [row["superseded_at"], row["id"]]
        )
