"""claims/ -> claimdesk.db, with sqlite-utils.

The database is built in a temporary file beside the target and renamed into place, so a
failed build never leaves a broken or half-built database, and readers never see one.
The same claims/ always give the same rows.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlite_utils

from claimdesk.errors import ClaimdeskError
from claimdesk.extract.script import to_simplified
from claimdesk.files import new_file_mode
from claimdesk.store import StoredArticle, fingerprint, load_collection

SCHEMA = files("claimdesk").joinpath("schema.sql").read_text(encoding="utf-8")
TRIGGERS = files("claimdesk").joinpath("triggers.sql").read_text(encoding="utf-8")
# Chinese has no spaces between words, so the default unicode61 tokenizer would index a whole
# sentence as one token. Trigrams find any run of three or more characters.
FTS_TOKENIZER = "trigram"


def build(claims_dir: Path, db_path: Path) -> dict[str, int]:
    """Validate everything under claims/ and (re)build the database. Returns row counts."""
    collection = load_collection(claims_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(db_path)
    # The builder's pid is in the name, so a later build can tell an abandoned one.
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    try:
        db = sqlite_utils.Database(tmp, recreate=True)
        counts = _write(db, collection.articles, collection.fingerprint)
        os.chmod(tmp, new_file_mode(db_path))
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


def needs_build(claims_dir: Path, db_path: Path) -> str | None:
    """Why `serve` must build before serving, or None when the database is current."""
    if not db_path.exists():
        return "no database yet"
    if not is_sound(db_path):
        return f"{db_path} is damaged"
    if built_from(db_path) != fingerprint(claims_dir):
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


def _write(db: sqlite_utils.Database, articles: list[StoredArticle], digest: str) -> dict[str, int]:
    db.execute("pragma foreign_keys = on")
    db.conn.executescript(SCHEMA)
    with db.conn:
        db.table("articles").insert_all(_article_rows(articles))
        db.table("sources").insert_all(_source_rows(articles))
        db.table("claims").insert_all(_claim_rows(articles))
        db.table("verifications").insert_all(_verification_rows(articles))
        db.table("claimdesk_build").insert({"key": "fingerprint", "value": digest})
    db.conn.executescript(TRIGGERS)
    db.table("claims").enable_fts(
        ["text", "sentence"], tokenize=FTS_TOKENIZER, create_triggers=True
    )
    db.table("articles").enable_fts(["title", "text"], tokenize=FTS_TOKENIZER, create_triggers=True)
    problems = db.execute("pragma foreign_key_check").fetchall()
    if problems:
        raise ClaimdeskError(f"foreign key problems: {problems}")
    counts = {name: db[name].count for name in ("articles", "sources", "claims", "verifications")}
    db.execute("vacuum")
    db.close()
    return counts


def source_id(name: str) -> str:
    """One source whichever script an article writes its name in."""
    return to_simplified(name.strip())


def _article_rows(articles: list[StoredArticle]) -> Iterator[dict[str, Any]]:
    for stored in articles:
        record = stored.article.model_dump(mode="json")
        yield {"id": stored.slug, **record, "text": stored.text}


def _source_rows(articles: list[StoredArticle]) -> Iterator[dict[str, Any]]:
    names: dict[str, str] = {}
    for stored in articles:
        for claim in stored.claims:
            if claim.source:
                names.setdefault(source_id(claim.source), claim.source)
    for key in sorted(names):
        yield {"id": key, "name": names[key]}


def _claim_rows(articles: list[StoredArticle]) -> Iterator[dict[str, Any]]:
    position = 0
    for stored in articles:
        for claim in sorted(stored.claims, key=lambda c: (c.start, c.end, c.id)):
            position += 1
            record = claim.model_dump(mode="json", exclude={"verifications", "source"})
            record.update(
                article_id=stored.slug,
                position=position,
                source_id=source_id(claim.source) if claim.source else None,
                flags=json.dumps(record["flags"], ensure_ascii=False),
            )
            yield record


def _verification_rows(articles: list[StoredArticle]) -> Iterator[dict[str, Any]]:
    for stored in articles:
        for claim in stored.claims:
            for seq, verification in enumerate(claim.verifications, start=1):
                yield {"claim_id": claim.id, "seq": seq, **verification.model_dump(mode="json")}
