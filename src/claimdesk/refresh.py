"""After an event is appended: bring one article's rows in both databases up to date, in place.

The file is the record and is written first; this is the second half of the one write path
(`desk.record`), run under the same lock, so the databases a running server reads show the
event at once. It rewrites only rows the events decide (review states, public status and
verdicts, corrections); everything else waits for the next `claimdesk build`, which `serve`
runs when the files have changed since the last one. If the process dies between the two
halves, that rebuild brings the databases back in line with the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.records import (
    ReviewedClaim,
    claim_state_row,
    correction_rows,
    event_row,
    public_claim_row,
    public_source_names,
    reviewed_claims,
    verdict_rows,
)
from claimdesk.review import Event
from claimdesk.store import StoredArticle

# Columns of a public claim that events never change: where it is and what it quotes.
_PLACE = ("id", "article_id", "position", "start", "end", "text")


@dataclass(frozen=True)
class Databases:
    public: Path
    private: Path

    def exist(self) -> bool:
        return self.public.exists() and self.private.exists()


def refresh_article(databases: Databases, stored: StoredArticle, events: list[Event]) -> None:
    """Rewrite the article's event-derived rows in both databases (nothing if not built)."""
    if not databases.exist():
        return
    items = reviewed_claims(stored, events)
    _refresh_private(databases.private, stored.slug, items, events)
    _refresh_public(databases.public, items)


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
            positions = dict(
                db.execute(
                    "select id, position from claims where article_id = ?",
                    [items[0].article.slug] if items else [""],
                ).fetchall()
            )
            last = db.execute("select coalesce(max(position), 0) from claims").fetchone()[0]
            for item in items:
                _upsert_claim(db, item, positions, last_position=last)
                if item.claim.id not in positions:
                    last += 1
            for item in items:
                for row in verdict_rows(item):
                    _add_verdict(db, row)
                db.table("corrections").insert_all(correction_rows(item), ignore=True)
    finally:
        db.close()


def _upsert_claim(
    db: sqlite_utils.Database,
    item: ReviewedClaim,
    positions: dict[str, int],
    last_position: int,
) -> None:
    known = positions.get(item.claim.id)
    row = public_claim_row(item, known if known is not None else last_position + 1)
    if known is None:
        db.table("claims").insert(row)
        return
    changes = {k: v for k, v in row.items() if k not in _PLACE}
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
