"""reports.db: readers' reports and what editors did with them, beside reviews.db.

Unlike claimdesk.db and reviews.db, nothing rebuilds this file: a report exists only here, so
it is written only in SQLite transactions (a crash leaves each report and each step either
whole or absent) and its rules are the database's own CHECKs, whoever writes. The file is made
readable by its owner alone, since reports may hold e-mail addresses.

A report is never changed: what editors do is appended to `report_steps` (link to a claim,
answer, close, reopen), each with the editor and the time, and the view `report_states` says
what the steps add up to (the last link, the last answer, open or closed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimdesk.errors import ClaimdeskError
from claimdesk.reports.form import MAX_EMAIL, MAX_EVIDENCE_URL, MAX_PROBLEM, ReaderReport
from claimdesk.vocabulary import (
    REPORT_STEPS,
    ReportStep,
    sql_claim_id_check,
    sql_list,
    sql_slug_check,
)

REPORTS_FILE = "reports.db"
# An answer is read by a reader in an e-mail: a few paragraphs.
MAX_ANSWER = 4000
# Open reports at most: past this, new ones are refused (the page says where to write
# instead), so that many addresses together cannot fill the disk or bury the desk's queue.
MAX_OPEN_REPORTS = 5000
# A second writer (another report, an editor's step) waits this long for the lock, off the
# event loop; each write is one short transaction.
BUSY_SECONDS = 5.0

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY CHECK (length(id) = 17 AND id GLOB 'r*'
        AND substr(id, 2) NOT GLOB '*[^0-9a-f]*'),
    received_at TEXT NOT NULL,
    claim_id TEXT CHECK (claim_id IS NULL OR {sql_claim_id_check("claim_id")}),
    article_id TEXT CHECK (article_id IS NULL OR {sql_slug_check("article_id")}),
    problem TEXT NOT NULL CHECK (length(trim(problem)) > 0 AND length(problem) <= {MAX_PROBLEM}),
    evidence_url TEXT CHECK (evidence_url IS NULL OR (length(evidence_url) <= {MAX_EVIDENCE_URL}
        AND (evidence_url LIKE 'http://%' OR evidence_url LIKE 'https://%'))),
    email TEXT CHECK (email IS NULL OR (length(email) <= {MAX_EMAIL} AND email LIKE '%_@_%')),
    CHECK ((claim_id IS NULL) != (article_id IS NULL))
);
CREATE TABLE IF NOT EXISTS report_steps (
    seq INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    at TEXT NOT NULL,
    editor TEXT NOT NULL CHECK (length(trim(editor)) > 0),
    step TEXT NOT NULL CHECK (step IN ({sql_list(REPORT_STEPS)})),
    claim_id TEXT CHECK (claim_id IS NULL OR {sql_claim_id_check("claim_id")}),
    answer TEXT CHECK (answer IS NULL OR
        (length(trim(answer)) > 0 AND length(answer) <= {MAX_ANSWER})),
    CHECK ((step = 'link') = (claim_id IS NOT NULL)),
    CHECK ((step = 'answer') = (answer IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS report_steps_report ON report_steps(report_id, seq);
CREATE TRIGGER IF NOT EXISTS report_steps_append_only BEFORE UPDATE ON report_steps
BEGIN SELECT RAISE(ABORT, 'report_steps only grows'); END;
CREATE VIEW IF NOT EXISTS report_states AS
SELECT reports.*,
    CASE (SELECT step FROM report_steps s WHERE s.report_id = reports.id
              AND s.step IN ('close', 'reopen') ORDER BY s.seq DESC LIMIT 1)
        WHEN 'close' THEN 'closed' ELSE 'open' END AS status,
    (SELECT claim_id FROM report_steps s WHERE s.report_id = reports.id AND s.step = 'link'
        ORDER BY s.seq DESC LIMIT 1) AS linked_claim_id,
    (SELECT answer FROM report_steps s WHERE s.report_id = reports.id AND s.step = 'answer'
        ORDER BY s.seq DESC LIMIT 1) AS answer
FROM reports;
"""


class ReportRefused(ClaimdeskError):
    """A report or a step that cannot be recorded as asked (bilingual: an editor or a reader
    sees it)."""


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[sqlite3.Connection]:
    if not path.exists():
        # Made by us, for us alone, before SQLite opens it: e-mail addresses are in it.
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(SCHEMA)
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE: the check (how many are open, is it closed) and the write see one state.
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")


def new_report_id() -> str:
    return "r" + secrets.token_hex(8)


def file_report(
    path: Path, report: ReaderReport, now: dt.datetime | None = None, limit: int = MAX_OPEN_REPORTS
) -> str:
    """Keep a reader's report; returns its id. Refused when `limit` reports are open."""
    with _connection(path) as connection, _transaction(connection):
        (open_now,) = connection.execute(
            "SELECT count(*) FROM report_states WHERE status = 'open'"
        ).fetchone()
        if open_now >= limit:
            raise ReportRefused("回報太多，暫停收件 · too many reports are waiting to be read")
        report_id = new_report_id()
        connection.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                report_id,
                _now(now),
                report.claim_id,
                report.article_id,
                report.problem,
                report.evidence_url,
                report.email,
            ),
        )
    return report_id


def list_reports(path: Path, status: str | None = "open", limit: int = 200) -> list[dict[str, Any]]:
    """Reports with what their steps add up to, oldest open first (the desk's queue)."""
    if not path.exists():
        return []
    with _connection(path) as connection:
        rows = connection.execute(
            "SELECT * FROM report_states WHERE (:status IS NULL OR status = :status) "
            "ORDER BY status DESC, received_at, id LIMIT :limit",
            {"status": status, "limit": limit},
        ).fetchall()
    return [dict(row) for row in rows]


def report_with_steps(path: Path, report_id: str) -> dict[str, Any] | None:
    if not path.exists():
        return None
    with _connection(path) as connection:
        row = connection.execute("SELECT * FROM report_states WHERE id = ?", (report_id,))
        found = row.fetchone()
        if found is None:
            return None
        steps = connection.execute(
            "SELECT at, editor, step, claim_id, answer FROM report_steps "
            "WHERE report_id = ? ORDER BY seq",
            (report_id,),
        ).fetchall()
    return {**dict(found), "steps": [dict(step) for step in steps]}


def add_step(
    path: Path,
    report_id: str,
    step: ReportStep,
    editor: str,
    *,
    claim_id: str | None = None,
    answer: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record what an editor did with a report. Closing a closed report, or reopening an open
    one, is refused: two editors on one report see the other's step, not a second one."""
    with _connection(path) as connection, _transaction(connection):
        found = connection.execute(
            "SELECT status FROM report_states WHERE id = ?", (report_id,)
        ).fetchone()
        if found is None:
            raise ReportRefused(f"沒有這則回報 · no report {report_id}")
        if (step, found["status"]) in (("close", "closed"), ("reopen", "open")):
            raise ReportRefused(
                f"回報已經是{'結案' if step == 'close' else '未結'}狀態 · "
                f"report {report_id} is already {found['status']}"
            )
        try:
            connection.execute(
                "INSERT INTO report_steps (report_id, at, editor, step, claim_id, answer) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (report_id, _now(now), editor, step, claim_id, answer),
            )
        except sqlite3.IntegrityError as error:
            raise ReportRefused(f"無法記錄 · cannot record {step}: {error}") from None
