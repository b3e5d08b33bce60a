"""claims/ -> claimdesk.db (public) and reviews.db (editors only).

`build` brings both databases up to date with claims/, writing in place through the one write
path (database/write.py): only the articles whose files changed since the last build are
derived and written again, each in one transaction per database, so a running server sees the
result and a build killed at any point leaves each article as it was or as it is now.

A database that is missing, damaged, or written by another version of claimdesk is built
afresh: into a temporary file beside it (the builder's pid in its name, so a later build can
tell an abandoned one), then renamed into place. A server reading the old file must then be
restarted; `claimdesk serve` does this check before it starts.

Bad input never stops the build: an article whose files do not load keeps the rows it had,
an unreadable or rule-breaking line of a review log is left out, and each is named (file,
line, claim, field) in the returned problems.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.database.derive import ArticleRows, derive_article
from claimdesk.database.write import (
    built_digests,
    built_for,
    connect,
    create_private,
    create_public,
    refresh_shared,
    remove_article,
    taken_claim_ids,
    transaction,
    write_private,
    write_public,
)
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import new_file_mode
from claimdesk.files.store import (
    CLAIMS_FILE,
    StoredArticle,
    article_digest,
    article_folders,
    load_files,
    load_folder,
    read_folder,
)

REVIEWS_DB = "reviews.db"


def reviews_db_beside(db_path: Path) -> Path:
    return db_path.with_name(REVIEWS_DB)


@dataclass
class BuildReport:
    """What a build did, and what it left out and why (each problem names file and line)."""

    written: list[str] = field(default_factory=list)  # slugs derived and written again
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    fresh: bool = False


def build(
    claims_dir: Path, db_path: Path, reviews_path: Path | None = None, *, full: bool = False
) -> BuildReport:
    """Bring both databases up to date with claims/ (afresh with `full`)."""
    private_path = reviews_path or reviews_db_beside(db_path)
    folders = {folder.name: folder for folder in article_folders(claims_dir)}
    report = BuildReport()
    if full or needs_fresh(db_path, claims_dir) or needs_fresh(private_path, claims_dir):
        report.fresh = True
        _build_fresh(claims_dir, folders, db_path, private_path, report)
    else:
        _build_incremental(claims_dir, folders, db_path, private_path, report)
    report.counts = _counts(db_path, private_path)
    return report


def needs_fresh(path: Path, claims_dir: Path) -> bool:
    """Whether the database must be built afresh rather than brought up to date: it is
    missing, damaged, or another version of claimdesk or another claims/ wrote it."""
    if not path.exists() or not is_sound(path):
        return True
    return not is_current(path, claims_dir)


def is_current(path: Path, claims_dir: Path) -> bool:
    """Whether a write may go into the database in place: this version of claimdesk wrote it
    from this claims/ (cheap: no integrity check, which reads the whole file)."""
    if not path.exists():
        return False
    try:
        connection = connect(path)
        try:
            return built_for(connection, claims_dir)
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def needs_build(claims_dir: Path, db_path: Path, reviews_path: Path | None = None) -> str | None:
    """Why the databases are not up to date with claims/, or None when they are."""
    private_path = reviews_path or reviews_db_beside(db_path)
    for path in (db_path, private_path):
        if not path.exists():
            return f"no {path.name} yet"
        if not is_sound(path):
            return f"{path} is damaged"
        if needs_fresh(path, claims_dir):
            return f"{path.name} was built by another version of claimdesk, or from another folder"
    current = {f.name: f for f in article_folders(claims_dir)}
    for path in (db_path, private_path):
        connection = connect(path)
        try:
            built = built_digests(connection)
        finally:
            connection.close()
        if set(built) - set(current) or any(
            built.get(slug) != _digest_of(folder) for slug, folder in current.items()
        ):
            return "claims/ changed"
    return None


def _digest_of(folder: Path) -> str | None:
    try:
        return article_digest(folder.name, read_folder(folder))
    except ClaimdeskError:
        return None


def _load(folders: dict[str, Path], report: BuildReport) -> Iterator[tuple[StoredArticle, str]]:
    for slug in sorted(folders):
        try:
            yield load_folder(folders[slug])
        except ClaimdeskError as error:
            report.problems.append(str(error))


def _derive(
    stored: StoredArticle, digest: str, public: sqlite3.Connection, report: BuildReport
) -> ArticleRows:
    """The article's rows, leaving out claims whose ids another article already holds."""
    rows = derive_article(stored, digest)
    ids = [row["id"] for row in rows.public["claims"]]
    taken = taken_claim_ids(public, stored.slug, ids)
    if not taken:
        return rows
    for claim_id, other in sorted(taken.items()):
        report.problems.append(
            f"{stored.slug}/{CLAIMS_FILE}: claim {claim_id}: id: article {other} "
            f"({other}/{CLAIMS_FILE}) has a claim with this id too; left out of {stored.slug} "
            f"(run `claimdesk add --update` on it to give the claim a new id)"
        )
    return derive_article(stored, digest, leave_out=frozenset(taken))


def _report_log(rows: ArticleRows, claims_dir_label: str, report: BuildReport) -> None:
    for problem in rows.problems:
        # Each message says what became of the line (left out, or counted with a warning).
        report.problems.append(problem.describe(claims_dir_label))


def _build_fresh(
    claims_dir: Path,
    folders: dict[str, Path],
    public_path: Path,
    private_path: Path,
    report: BuildReport,
) -> None:
    public_tmp = _temporary(public_path)
    private_tmp = _temporary(private_path)
    try:
        public, private = connect(public_tmp), connect(private_tmp)
        try:
            # A fresh file nobody reads yet: nothing is lost if the machine stops, so the
            # writes need not reach the disk one by one (the rename below is what counts).
            for connection in (public, private):
                connection.execute("pragma synchronous = off")
            create_public(public, claims_dir)
            create_private(private, claims_dir)
            with transaction(public), transaction(private):
                for stored, digest in _load(folders, report):
                    rows = _derive(stored, digest, public, report)
                    write_public(public, rows, cross=False)
                    write_private(private, rows, own_transaction=False)
                    _report_log(rows, str(claims_dir), report)
                    report.written.append(stored.slug)
                refresh_shared(public)
            _check_foreign_keys(public, public_path)
            _check_foreign_keys(private, private_path)
            for connection in (public, private):
                connection.execute("pragma wal_checkpoint(truncate)")
        finally:
            public.close()
            private.close()
        for tmp, path in ((public_tmp, public_path), (private_tmp, private_path)):
            os.chmod(tmp, new_file_mode(path))
            # A journal left by a process killed while writing the old file would be rolled
            # back into the new one (and a read-only connection cannot even do that): it goes.
            for suffix in ("-journal", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, path)
    except sqlite3.DatabaseError as error:
        raise ClaimdeskError(f"{public_path}: build failed: {error}") from None
    finally:
        for tmp in (public_tmp, private_tmp):
            for suffix in ("", "-journal", "-wal", "-shm"):
                tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)


def _build_incremental(
    claims_dir: Path,
    folders: dict[str, Path],
    public_path: Path,
    private_path: Path,
    report: BuildReport,
) -> None:
    public, private = connect(public_path), connect(private_path)
    try:
        built_public, built_private = built_digests(public), built_digests(private)
        for slug in sorted(set(built_public) - set(folders)):
            remove_article(public, slug, public=True)
            report.removed.append(slug)
        for slug in sorted(set(built_private) - set(folders)):
            remove_article(private, slug, public=False)
        for slug in sorted(folders):
            # Each folder is read once: its digest says whether it changed, and the same
            # bytes are what is loaded when it did.
            try:
                files = read_folder(folders[slug])
                digest = article_digest(slug, files)
                if built_public.get(slug) == digest and built_private.get(slug) == digest:
                    continue
                stored = load_files(folders[slug], files)
            except ClaimdeskError as error:
                report.problems.append(str(error))
                continue
            rows = _derive(stored, digest, public, report)
            write_private(private, rows)
            write_public(public, rows)
            _report_log(rows, str(claims_dir), report)
            report.written.append(slug)
    except sqlite3.DatabaseError as error:
        raise ClaimdeskError(f"{public_path}: build failed: {error}") from None
    finally:
        public.close()
        private.close()


def write_article(
    databases_public: Path, databases_private: Path, stored: StoredArticle, digest: str
) -> list[str]:
    """The desk's write: one article's rows, after an event was appended to its log. Returns
    the problems (as a build would report them)."""
    report = BuildReport()
    public, private = connect(databases_public), connect(databases_private)
    try:
        rows = _derive(stored, digest, public, report)
        write_private(private, rows)
        write_public(public, rows)
    finally:
        public.close()
        private.close()
    return report.problems


def _counts(public_path: Path, private_path: Path) -> dict[str, int]:
    # Read-write connections, though they only read: the last connection to close removes
    # the write-ahead log's files, which a read-only one cannot.
    counts: dict[str, int] = {}
    connection = connect(public_path)
    try:
        for table in ("articles", "sources", "claims", "verdicts", "checks"):
            counts[table] = connection.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        connection.close()
    connection = connect(private_path)
    try:
        counts["events"] = connection.execute("select count(*) from events").fetchone()[0]
    finally:
        connection.close()
    return counts


def _check_foreign_keys(connection: sqlite3.Connection, path: Path) -> None:
    problems = connection.execute("pragma foreign_key_check").fetchall()
    if problems:
        raise ClaimdeskError(f"{path}: foreign key problems: {problems[:5]}")


def _temporary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(path)
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


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
