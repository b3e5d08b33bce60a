"""Editors' sessions, kept on the server so that signing out, expiry and removal are real.

A sign-in makes a random session id; the signed `ds_actor` cookie carries it, and every request
that carries the cookie is checked against this store (a private SQLite file beside the accounts
file, never in reviews.db, which the build derives). A session ends when the editor signs out,
when it has been idle longer than the `session_hours` setting, or when the editor is removed from
the accounts file. The store survives a restart, so a restart signs nobody out.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

SESSIONS_FILE = "sessions.db"
# Writing last_seen on every request would make every page a write; a minute is fine-grained
# enough for an idle limit counted in hours.
TOUCH_EVERY = 60.0


class SessionStore:
    def __init__(self, path: Path) -> None:
        # Nothing is written until the first sign-in: a server nobody signs in to (a test, a
        # public mirror) leaves no file beside the accounts.
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=5, isolation_level=None)) as conn:
            yield conn

    def create(self, editor: str) -> str:
        session = secrets.token_urlsafe(32)
        now = time.time()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute(
                "create table if not exists sessions ("
                " id text primary key, editor text not null,"
                " created real not null, last_seen real not null)"
            )
            conn.execute("insert into sessions values (?, ?, ?, ?)", (session, editor, now, now))
        self.path.chmod(0o600)
        return session

    def check(self, session: str, editor: str, max_idle: float) -> bool:
        """True while `session` is `editor`'s and was used within `max_idle` seconds."""
        now = time.time()
        if not self.path.exists():
            return False
        with self._connect() as conn:
            row = conn.execute(
                "select last_seen from sessions where id = ? and editor = ?", (session, editor)
            ).fetchone()
            if row is None:
                return False
            if now - row[0] > max_idle:
                conn.execute("delete from sessions where id = ?", (session,))
                return False
            if now - row[0] > TOUCH_EVERY:
                conn.execute("update sessions set last_seen = ? where id = ?", (now, session))
        return True

    def end(self, session: str) -> None:
        if not self.path.exists():
            return
        with self._connect() as conn:
            conn.execute("delete from sessions where id = ?", (session,))

    def end_all(self, editor: str) -> None:
        if not self.path.exists():
            return
        with self._connect() as conn:
            conn.execute("delete from sessions where editor = ?", (editor,))
