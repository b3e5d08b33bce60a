"""claims/ -> claimdesk.db (public) and reviews.db (editors only).

`build` brings both databases up to date with claims/, writing in place through the one write
path (database/write.py): only the articles whose files changed since the last build are
derived and written again, all in one transaction per database, so a running server sees the
result at once and a build killed at any point leaves each database as it was or complete.
Which folders changed is known without reading the others: `FileIndex` remembers what the file
system said about each folder when it was last read, with the digest of its bytes.

A database that is missing, damaged, or written by another version of claimdesk is built
afresh: into a temporary file beside it (the builder's pid in its name, so a later build can
tell an abandoned one), then renamed into place. A server reading the old file must then be
restarted; `claimdesk serve` does this check before it starts.

Either way the articles are streamed, one folder read, derived, written and let go at a
time, so memory does not grow with the corpus.

Bad input never stops the build: an article whose files do not load keeps the rows it had,
an unreadable or rule-breaking line of a review log is left out, and each is named (file,
line, claim, field) in the returned problems.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimdesk.database.derive import ArticleRows, derive_article
from claimdesk.database.write import (
    Held,
    Touched,
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
    folder_stat,
    folder_stats,
    load_files,
    read_folder,
)
from claimdesk.series.tables import series_current, series_to_write, write_series

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


Progress = Callable[[int, int], None]


def build(
    claims_dir: Path,
    db_path: Path,
    reviews_path: Path | None = None,
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Bring both databases up to date with claims/ (afresh with `full`). `progress` is told
    (articles done, articles in all) as the folders are gone through."""
    private_path = reviews_path or reviews_db_beside(db_path)
    stats = folder_stats(claims_dir)
    report = BuildReport()
    index = FileIndex.load(private_path, claims_dir)
    index.keep_only(set(stats))
    fresh = full or needs_fresh(db_path, claims_dir) or needs_fresh(private_path, claims_dir)
    if not fresh:
        try:
            _build_incremental(claims_dir, stats, db_path, private_path, index, report, progress)
        except DamagedDatabase:
            # SQLite found a damaged page on the way (the articles written before it were
            # committed whole): a fresh build replaces the files.
            report = BuildReport()
            fresh = True
    if fresh:
        report.fresh = True  # which reads every folder, whatever the file system says
        folders = {slug: claims_dir / slug for slug in stats}
        _build_fresh(claims_dir, folders, db_path, private_path, index, report, progress)
    index.save()
    report.counts = _counts(db_path, private_path)
    return report


class DamagedDatabase(ClaimdeskError):
    """SQLite read a damaged page while bringing a database up to date."""


# Whether each database file is sound, by the file's identity and size and times, for as long
# as the process runs: `claimdesk serve` asks `needs_build`, then builds, and the file is read
# through only once (at a million claims `pragma quick_check` reads gigabytes).
_SOUND: dict[tuple[str, tuple[int, ...]], bool] = {}


def _identity(path: Path) -> tuple[int, ...]:
    found = os.stat(path)
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def is_sound_once(path: Path) -> bool:
    """`is_sound`, asked once per state of the file in this process."""
    key = (str(path.resolve()), _identity(path))
    if key not in _SOUND:
        _SOUND[key] = is_sound(path)
    return _SOUND[key]


def needs_fresh(path: Path, claims_dir: Path) -> bool:
    """Whether the database must be built afresh rather than brought up to date: it is
    missing, another version of claimdesk or another claims/ wrote it, or it was found damaged
    in this process (`needs_build` checks every page; a build reads the pages it needs, and a
    damaged one makes it start afresh)."""
    if not path.exists() or _SOUND.get((str(path.resolve()), _identity(path))) is False:
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
    """Why the databases are not up to date with claims/, or None when they are. Every page
    of both is checked (once per process: a build that follows does not check again)."""
    private_path = reviews_path or reviews_db_beside(db_path)
    for path in (db_path, private_path):
        if not path.exists():
            return f"no {path.name} yet"
        if not is_sound_once(path):
            return f"{path} is damaged"
        if needs_fresh(path, claims_dir):
            return f"{path.name} was built by another version of claimdesk, or from another folder"
    current = folder_stats(claims_dir)
    index = FileIndex.load(private_path, claims_dir)
    built: list[dict[str, str]] = []
    for path in (db_path, private_path):
        connection = connect(path)
        try:
            built.append(built_digests(connection))
        finally:
            connection.close()
    if any(set(digests) - set(current) for digests in built):
        return "claims/ changed"
    if not series_current(db_path, claims_dir):
        return "claims/series/ changed"
    for slug, stat in current.items():
        digest = index.known(slug, stat)
        if digest is None:
            digest = _digest_of(claims_dir / slug)
        if any(digests.get(slug) != digest for digests in built):
            return "claims/ changed"
    return None


def _digest_of(folder: Path) -> str | None:
    try:
        return article_digest(folder.name, read_folder(folder))
    except ClaimdeskError:
        return None


# folder_stat's twelve integers, packed: what the index keeps and compares.
_STAT = struct.Struct("<12q")


def packed_stat(stat: tuple[int, ...]) -> bytes:
    return _STAT.pack(*stat)


@dataclass
class FileIndex:
    """The digest of each article's files as last read, by what the file system said about
    them then (`store.folder_stat`): like git's index, it spares a build from reading and
    hashing the folders whose files did not change. It is only a cache of what the files hold,
    never of what the databases hold (each build compares digests with the databases' own),
    so a lost, stale or damaged index costs time, not correctness.

    Kept beside reviews.db as `reviews.db-files`, an SQLite file of one row per folder: a
    build loads it with one query and writes back only the folders it read, in a transaction.
    (As JSON, the 31,134 folders of a million claims took 0.22 s to load, and as long to
    write whole again, of a build meant to take under a second.) A file of another format or
    version is replaced whole, temp-then-rename."""

    path: Path
    claims_dir: str
    entries: dict[str, tuple[bytes, str]]
    # Whether the file holds `entries` as loaded, so that saving need write only `dirty`.
    kept: bool = False
    dirty: set[str] = field(default_factory=set)

    # A stat this young may not yet show a second write made within the file system's
    # timestamp granularity, so it is not remembered (git's "racily clean" entries).
    SETTLE_NS = 2_000_000_000
    VERSION = 3  # 2: three files a folder, not the folder itself; 3: SQLite, stats packed

    @classmethod
    def load(cls, private_path: Path, claims_dir: Path) -> FileIndex:
        path = private_path.with_name(private_path.name + "-files")
        where = str(claims_dir.resolve())
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return cls(path, where, {})
        try:
            about = dict(connection.execute("select key, value from about"))
            if about != {"version": str(cls.VERSION), "claims_dir": where}:
                return cls(path, where, {})
            entries = {
                slug: (stat, digest)
                for slug, stat, digest in connection.execute("select slug, stat, digest from files")
            }
            return cls(path, where, entries, kept=True)
        except sqlite3.Error:  # no such file, another format, damaged: read the folders
            return cls(path, where, {})
        finally:
            connection.close()

    def known(self, slug: str, stat: tuple[int, ...]) -> str | None:
        """The digest of the folder's files when they looked like `stat`, if remembered."""
        entry = self.entries.get(slug)
        return entry[1] if entry is not None and entry[0] == packed_stat(stat) else None

    def remember(
        self, slug: str, before: tuple[int, ...], after: tuple[int, ...], digest: str
    ) -> None:
        """The folder looked like `before` when read and `after` once read: the digest is
        remembered only when nothing changed meanwhile and the times are old enough."""
        now = time.time_ns()
        times = [value for i, value in enumerate(before) if i % 4 >= 2]
        if before != after or any(now - t < self.SETTLE_NS for t in times):
            if self.entries.pop(slug, None) is not None:
                self.dirty.add(slug)
            return
        entry = (packed_stat(before), digest)
        if self.entries.get(slug) != entry:
            self.entries[slug] = entry
            self.dirty.add(slug)

    def keep_only(self, slugs: set[str]) -> None:
        for slug in set(self.entries) - slugs:
            del self.entries[slug]
            self.dirty.add(slug)

    def save(self) -> None:
        if not self.dirty and (self.kept or not self.entries):
            return  # nothing new to keep
        with contextlib.suppress(OSError, sqlite3.Error):  # only a cache (see above)
            if self.kept:
                self._write_dirty()
            else:
                self._write_whole()
            self.kept = True
            self.dirty.clear()

    def _write_dirty(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            connection.execute("begin immediate")
            for slug in sorted(self.dirty):
                if slug in self.entries:
                    connection.execute(
                        "insert or replace into files (slug, stat, digest) values (?, ?, ?)",
                        [slug, *self.entries[slug]],
                    )
                else:
                    connection.execute("delete from files where slug = ?", [slug])
            connection.execute("commit")
        finally:
            connection.close()

    def _write_whole(self) -> None:
        temporary = _temporary(self.path)
        temporary.unlink(missing_ok=True)
        try:
            connection = sqlite3.connect(temporary, isolation_level=None)
            try:
                connection.execute("pragma journal_mode = off")  # a new file, renamed when done
                connection.execute("begin")
                connection.execute("create table about (key TEXT PRIMARY KEY, value TEXT)")
                connection.execute(
                    "create table files (slug TEXT PRIMARY KEY, stat BLOB NOT NULL, "
                    "digest TEXT NOT NULL) WITHOUT ROWID"
                )
                connection.executemany(
                    "insert into about values (?, ?)",
                    [("version", str(self.VERSION)), ("claims_dir", self.claims_dir)],
                )
                connection.executemany(
                    "insert into files values (?, ?, ?)",
                    ((slug, stat, digest) for slug, (stat, digest) in sorted(self.entries.items())),
                )
                connection.execute("commit")
            finally:
                connection.close()
            os.replace(temporary, self.path)
        finally:
            temporary.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Read:
    slug: str
    folder: Path
    files: dict[str, bytes]
    digest: str


def _read(folder: Path, index: FileIndex, report: BuildReport) -> _Read | None:
    """One folder's files and their digest, remembered in the index (None, with the
    problem reported, when they cannot be read)."""
    before = folder_stat(folder)
    try:
        files = read_folder(folder)
    except ClaimdeskError as error:
        report.problems.append(str(error))
        return None
    digest = article_digest(folder.name, files)
    index.remember(folder.name, before, folder_stat(folder), digest)
    return _Read(folder.name, folder, files, digest)


def _load(read: _Read, report: BuildReport) -> StoredArticle | None:
    try:
        return load_files(read.folder, read.files)
    except ClaimdeskError as error:
        report.problems.append(str(error))
        return None


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


# The page cache while the shared rows are derived at the end of a fresh build (MB).
SHARED_CACHE_MB = 32


def _build_fresh(
    claims_dir: Path,
    folders: dict[str, Path],
    public_path: Path,
    private_path: Path,
    index: FileIndex,
    report: BuildReport,
    progress: Progress | None,
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
            # Nor is a journal of any use: a failed build's file is deleted. Written through
            # the write-ahead log instead, its one transaction made a log as large as the
            # database (3 GB at a million claims), every page read looked it up, and the
            # build slowed down as it went. A page cache of fixed size (not growing with the
            # corpus) keeps the full-text indexes' pages in memory while they fill.
            for connection, cache_mb in ((public, 256), (private, 64)):
                connection.execute("pragma journal_mode = off")
                connection.execute(f"pragma cache_size = -{cache_mb * 1024}")
            everything = Touched(everything=True)
            held_public, held_private = Held(public), Held(private)
            with transaction(public), transaction(private):
                # One article at a time, read, derived, written and let go: memory stays
                # flat however many there are.
                for done, slug in enumerate(sorted(folders), start=1):
                    read = _read(folders[slug], index, report)
                    stored = _load(read, report) if read is not None else None
                    if read is not None and stored is not None:
                        rows = _derive(stored, read.digest, public, report)
                        write_public(public, rows, everything, held_public)
                        write_private(private, rows, own_transaction=False, held=held_private)
                        _report_log(rows, str(claims_dir), report)
                        report.written.append(slug)
                    if progress is not None:
                        progress(done, len(folders))
                held_public.flush()
                held_private.flush()
                # The shared rows read the whole corpus in a few large sorted queries, and
                # SQLite lets a sort hold as much memory as the page cache may: with the cache
                # the inserts needed, the peak grew with the corpus (726 MB at a million
                # claims). Those pages are no longer needed; the sorts spill to temporary
                # files beyond this.
                public.execute(f"pragma cache_size = -{SHARED_CACHE_MB * 1024}")
                # The series first: the source revisions are derived from them too.
                write_series(public, claims_dir, report.problems)
                refresh_shared(public, everything)
            _check_foreign_keys(public, public_path)
            _check_foreign_keys(private, private_path)
            for connection in (public, private):
                connection.execute("pragma journal_mode = wal")  # as every reader expects
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
    stats: dict[str, tuple[int, ...]],
    public_path: Path,
    private_path: Path,
    index: FileIndex,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    public, private = connect(public_path), connect(private_path)
    try:
        built_public, built_private = built_digests(public), built_digests(private)
        built = (built_public, built_private)
        changed = _changed(stats, built, index)
        gone_public = sorted(set(built_public) - set(stats))
        gone_private = sorted(set(built_private) - set(stats))
        series = series_to_write(public, claims_dir)
        if not (changed or gone_public or gone_private or series):
            if progress is not None and stats:
                progress(len(stats), len(stats))
            return
        # One transaction per database for the whole build: killed at any point, each is as
        # it was or complete (each article's write inside is a savepoint of it). A desk
        # action meanwhile waits for the commit (connect's busy timeout).
        with transaction(public), transaction(private):
            touched = Touched()
            for slug in gone_public:
                remove_article(public, slug, public=True, touched=touched)
                report.removed.append(slug)
            for slug in gone_private:
                remove_article(private, slug, public=False)
            unchanged = len(stats) - len(changed)
            for done, slug in enumerate(changed, start=unchanged + 1):
                connections = (public, private)
                _write_changed(
                    claims_dir / slug, built, connections, index, touched, claims_dir, report
                )
                if progress is not None:
                    progress(done, len(stats))
            if series is not None:  # first: the source revisions are derived from them too
                write_series(public, series, report.problems)
                touched.series = True
            # Always: the totals over every article change with any article's rows, even when
            # no source or quantity did (an article removed, a figure moved out of the body).
            refresh_shared(public, touched)
    except sqlite3.DatabaseError as error:
        if "malformed" in str(error) or "not a database" in str(error):
            raise DamagedDatabase(f"{public_path}: {error}") from None
        raise ClaimdeskError(f"{public_path}: build failed: {error}") from None
    finally:
        public.close()
        private.close()


def _changed(
    stats: dict[str, tuple[int, ...]],
    built: tuple[dict[str, str], dict[str, str]],
    index: FileIndex,
) -> list[str]:
    """The folders to read: those the file system does not say are as they were when last
    read, with both databases built from what was read then. (One pass over plain dicts: at
    a million claims it runs for 31,134 folders on every build.)"""
    public, private = built
    entries = index.entries
    pack = _STAT.pack
    changed = []
    for slug, stat in stats.items():
        entry = entries.get(slug)
        if entry is None or entry[0] != pack(*stat):
            changed.append(slug)
            continue
        digest = entry[1]
        if public.get(slug) != digest or private.get(slug) != digest:
            changed.append(slug)
    return changed


def _write_changed(
    folder: Path,
    built: tuple[dict[str, str], dict[str, str]],
    connections: tuple[sqlite3.Connection, sqlite3.Connection],
    index: FileIndex,
    touched: Touched,
    claims_dir: Path,
    report: BuildReport,
) -> None:
    """Read the folder once (its digest says whether it changed, and the same bytes are what
    is loaded when it did), and write its rows when it did."""
    read = _read(folder, index, report)
    if read is None or all(digests.get(read.slug) == read.digest for digests in built):
        return
    stored = _load(read, report)
    if stored is None:
        return
    public, private = connections
    rows = _derive(stored, read.digest, public, report)
    write_private(private, rows)
    write_public(public, rows, touched)
    _report_log(rows, str(claims_dir), report)
    report.written.append(read.slug)


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


# What `claimdesk build` counts for the newsroom: the articles' tables, then the reference
# series and the published verdicts whose series a later release revised (series/, revisions.py).
SUMMARY_TABLES = (
    "articles",
    "sources",
    "claims",
    "verdicts",
    "checks",
    "series",
    "source_revisions",
)


def _counts(public_path: Path, private_path: Path) -> dict[str, int]:
    # Read-write connections, though they only read: the last connection to close removes
    # the write-ahead log's files, which a read-only one cannot.
    counts: dict[str, int] = {}
    connection = connect(public_path)
    try:
        for table in SUMMARY_TABLES:
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
