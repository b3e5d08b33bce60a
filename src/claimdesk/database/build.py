"""claims/ -> claimdesk.db (public) and reviews.db (editors only), with sqlite-utils.

Each database is built in a temporary file beside its target and renamed into place, so a
failed build never leaves a broken or half-built database, and readers never see one. The
same claims/ always give the same rows.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.database.checks import write_checks
from claimdesk.database.rows import (
    ReviewedClaim,
    claim_state_row,
    correction_rows,
    event_row,
    parse_reviews,
    public_claim_row,
    public_source_names,
    reviewed_claims,
    verdict_rows,
)
from claimdesk.database.search import write_search_index
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import new_file_mode
from claimdesk.files.store import Collection, StoredArticle, fingerprint, load_collection
from claimdesk.review import VERDICTS, Event

SCHEMA = files("claimdesk.database").joinpath("schema.sql").read_text(encoding="utf-8")
TRIGGERS = files("claimdesk.database").joinpath("triggers.sql").read_text(encoding="utf-8")
REVIEWS_SCHEMA = (
    files("claimdesk.database").joinpath("reviews_schema.sql").read_text(encoding="utf-8")
)
# Chinese has no spaces between words, so the default unicode61 tokenizer would index a whole
# sentence as one token. Trigrams find any run of three or more characters.
FTS_TOKENIZER = "trigram"
REVIEWS_DB = "reviews.db"


@dataclass(frozen=True)
class Reviewed:
    """Everything both databases are made from: the articles, their events and claims."""

    collection: Collection
    events: dict[str, list[Event]]  # by article slug
    claims: list[ReviewedClaim]  # in the order of the articles, then of their text


def reviews_db_beside(db_path: Path) -> Path:
    return db_path.with_name(REVIEWS_DB)


def build(claims_dir: Path, db_path: Path, reviews_path: Path | None = None) -> dict[str, int]:
    """Validate everything under claims/ and (re)build both databases. Returns row counts."""
    reviewed = review(load_collection(claims_dir), claims_dir)
    counts = _build_file(db_path, lambda db: _write_public(db, reviewed))
    counts |= _build_file(
        reviews_path or reviews_db_beside(db_path), lambda db: _write_private(db, reviewed)
    )
    return counts


def review(collection: Collection, claims_dir: Path) -> Reviewed:
    events: dict[str, list[Event]] = {}
    claims: list[ReviewedClaim] = []
    problems: list[str] = []
    for stored in collection.articles:
        try:
            events[stored.slug] = parse_reviews(stored, str(claims_dir / stored.slug))
        except ClaimdeskError as error:
            problems.append(str(error))
            continue
        found = reviewed_claims(stored, events[stored.slug])
        claims.extend(sorted(found, key=_place))
    if problems:
        raise ClaimdeskError("\n".join(problems))
    return Reviewed(collection, events, claims)


def _place(item: ReviewedClaim) -> tuple[int, int, int, str]:
    # Retracted claims, which have no place in the text any more, come after the others.
    claim = item.claim
    return (0 if item.placed else 1, claim.start, claim.end, claim.id)


def _build_file(
    db_path: Path, write: Callable[[sqlite_utils.Database], dict[str, int]]
) -> dict[str, int]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(db_path)
    # The builder's pid is in the name, so a later build can tell an abandoned one.
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        db = sqlite_utils.Database(tmp, recreate=True)
        try:
            counts = write(db)
            db.execute("vacuum")
        finally:
            db.close()
        os.chmod(tmp, new_file_mode(db_path))
        # A journal left by a process killed while writing the old file would be rolled back
        # into the new one (and a read-only connection cannot even do that): it goes with it.
        for suffix in ("-journal", "-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except sqlite3.DatabaseError as error:
        raise ClaimdeskError(f"{db_path}: build failed: {error}") from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
    return counts


_TEMP_NAME = re.compile(r"\.(?P<db>.+)\.(?P<pid>\d+)\.tmp(?:-journal|-wal|-shm)?")


def remove_abandoned_builds(db_path: Path) -> None:
    """Delete the temporary files of builds whose process is gone (killed, or the machine
    went down): nothing else will, and a journal would show up in `git status`."""
    for path in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        m = _TEMP_NAME.fullmatch(path.name)
        if m is None or m["db"] != db_path.name:
            continue
        if not _process_alive(int(m["pid"])):
            path.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier, failed attempt
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_sound(db_path: Path) -> bool:
    """False when SQLite finds the file damaged (`pragma quick_check`), or it is no database."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = connection.execute("pragma quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def needs_build(claims_dir: Path, db_path: Path, reviews_path: Path | None = None) -> str | None:
    """Why `serve` must build before serving, or None when both databases are current."""
    current = fingerprint(claims_dir)
    for path in (db_path, reviews_path or reviews_db_beside(db_path)):
        if not path.exists():
            return f"no {path.name} yet"
        if not is_sound(path):
            return f"{path} is damaged"
        if built_from(path) != current:
            return "claims/ changed"
    return None


def built_from(db_path: Path) -> str | None:
    """The claims/ fingerprint the database was built from, or None."""
    if not db_path.exists():
        return None
    try:
        db = sqlite_utils.Database(db_path)
        row = db.execute("select value from claimdesk_build where key = 'fingerprint'").fetchone()
        db.close()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def _write_public(db: sqlite_utils.Database, reviewed: Reviewed) -> dict[str, int]:
    db.execute("pragma foreign_keys = on")
    db.conn.executescript(SCHEMA)
    articles = reviewed.collection.articles
    with db.conn:
        db.table("verdict_scale").insert_all(_verdict_scale_rows())
        db.table("articles").insert_all(_article_rows(articles))
        names = public_source_names(reviewed.claims)
        db.table("sources").insert_all({"id": k, "name": names[k]} for k in sorted(names))
        db.table("claims").insert_all(
            public_claim_row(item, position)
            for position, item in enumerate(reviewed.claims, start=1)
        )
        db.table("verdicts").insert_all(
            row for item in reviewed.claims for row in verdict_rows(item)
        )
        db.table("corrections").insert_all(
            sorted(
                (row for item in reviewed.claims for row in correction_rows(item)),
                key=lambda row: (row["at"], row["id"]),
            )
        )
        write_checks(db, reviewed.claims)
        _record_fingerprint(db, reviewed.collection.fingerprint)
    db.conn.executescript(TRIGGERS)
    db.table("claims").enable_fts(
        ["text", "sentence"], tokenize=FTS_TOKENIZER, create_triggers=True
    )
    db.table("articles").enable_fts(["title", "text"], tokenize=FTS_TOKENIZER, create_triggers=True)
    write_search_index(db)
    _check_foreign_keys(db)
    return {name: db[name].count for name in ("articles", "sources", "claims", "verdicts")}


def _write_private(db: sqlite_utils.Database, reviewed: Reviewed) -> dict[str, int]:
    db.execute("pragma foreign_keys = on")
    db.conn.executescript(REVIEWS_SCHEMA)
    ignored = {
        entry.event.id: entry.reason for item in reviewed.claims for entry in item.state.ignored
    }
    events = sorted(
        (event_row(event, slug, ignored) for slug, log in reviewed.events.items() for event in log),
        key=lambda row: (row["at"], row["id"]),
    )
    with db.conn:
        # A line seen twice after a union merge is one event.
        db.table("events").insert_all(events, ignore=True)
        db.table("claim_states").insert_all(claim_state_row(item) for item in reviewed.claims)
        _record_fingerprint(db, reviewed.collection.fingerprint)
    _check_foreign_keys(db)
    return {"events": db["events"].count}


def _record_fingerprint(db: sqlite_utils.Database, digest: str) -> None:
    db.table("claimdesk_build").insert({"key": "fingerprint", "value": digest})


def _check_foreign_keys(db: sqlite_utils.Database) -> None:
    problems = db.execute("pragma foreign_key_check").fetchall()
    if problems:
        raise ClaimdeskError(f"foreign key problems: {problems}")


def _verdict_scale_rows() -> Iterator[dict[str, Any]]:
    for info in VERDICTS.values():
        yield {
            "verdict": str(info.verdict),
            "label_zh_hant": info.zh_hant,
            "label_zh_hans": info.zh_hans,
            "label_en": info.en,
            "definition_en": info.definition_en,
            "definition_zh_hant": info.definition_zh_hant,
            "rating": info.rating,
        }


def _article_rows(articles: list[StoredArticle]) -> Iterator[dict[str, Any]]:
    for stored in articles:
        record = stored.article.model_dump(mode="json")
        yield {"id": stored.slug, **record, "text": stored.text}
