"""Reading and writing claims/: one folder per article, holding `article.txt` exactly as
published and `claims.yml` with the article's metadata and claims.

Every write goes to a temporary file that is renamed into place, and the pair is replaced
together (see `files.replace_together`), so nothing is ever lost to a crash half-way through.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.representer import SafeRepresenter

from claimdesk import located_yaml
from claimdesk.claim import Claim
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import decode_text, read_bytes, recover, refuse_link, replace_together
from claimdesk.files.models import Article, ArticleFile

ARTICLE_TEXT = "article.txt"
CLAIMS_FILE = "claims.yml"
REVIEWS_FILE = "reviews.jsonl"
ARTICLE_FILES = (ARTICLE_TEXT, CLAIMS_FILE)
_STATTED = tuple(f"/{name}" for name in (*ARTICLE_FILES, REVIEWS_FILE))


@dataclass(frozen=True)
class StoredArticle:
    slug: str
    article: Article
    text: str
    claims: list[Claim]
    retracted: list[Claim]
    # reviews.jsonl as read, a line each, not yet parsed: review/ makes events of them.
    review_lines: list[str]


@dataclass(frozen=True)
class Collection:
    """Every article under claims/, and the fingerprint of exactly the bytes they came from."""

    articles: list[StoredArticle]
    fingerprint: str


# --- reading -----------------------------------------------------------------------------


def article_folders(claims_dir: Path) -> Iterator[Path]:
    """The article folders under claims/, in slug order. Hidden folders (.git, an editor's
    own) and folders holding neither article file are not articles."""
    if not claims_dir.is_dir():
        raise ClaimdeskError(f"{claims_dir}: no such folder")
    # os.scandir knows which entries are folders without a stat each, and lexists on strings
    # spares a Path per file: a no-op build goes through every folder of a million claims.
    with os.scandir(claims_dir) as entries:
        names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
    for name in names:
        where = os.path.join(claims_dir, name)
        if any(os.path.lexists(os.path.join(where, file)) for file in ARTICLE_FILES):
            yield claims_dir / name


def read_folder(folder: Path) -> dict[str, bytes]:
    """The raw files of one article folder, each read once: what is parsed and what is
    fingerprinted are the same bytes, so an edit made meanwhile is never marked as built."""
    refuse_link(folder)
    recover(folder)
    files: dict[str, bytes] = {}
    missing = []
    for name in ARTICLE_FILES:
        path = folder / name
        refuse_link(path)
        if not path.exists():
            missing.append(name)
            continue
        files[name] = read_bytes(path)
    if missing:
        raise ClaimdeskError(f"{folder}: missing {', '.join(missing)}")
    reviews = folder / REVIEWS_FILE
    refuse_link(reviews)
    if reviews.exists():
        data = read_bytes(reviews)
        # An empty log is no log: taking the lock creates the file, and a refused action
        # must leave the article as it was (its digest included).
        if data:
            files[REVIEWS_FILE] = data
    return files


def folder_stat(folder: Path) -> tuple[int, ...]:
    """The inode, size, modification and change times of each of the article's files (zeros
    for a file that is not there), without reading them.

    A build re-reads a folder only when this changed since it last read it. An edit changes a
    file's mtime and ctime, and a file replaced by rename (every write claimdesk makes, and
    most editors') its inode and ctime; the ctime cannot be set back by a program, so an edit
    that restores the size and the mtime is still seen, and so is a folder deleted and made
    again with the same bytes. (The folder's own stat would add nothing: only these files are
    read.) What this cannot see is a file written twice within the file system's timestamp
    granularity: the build does not trust a stat younger than a few seconds, and
    `build --full` reads every folder whatever it says."""
    return _stat_of(str(folder))


_ABSENT = (0, 0, 0, 0)


def _stat_of(where: str) -> tuple[int, ...]:
    # Three system calls a folder, a million claims' folders a build: kept plain.
    values: list[int] = []
    for name in _STATTED:
        try:
            found = os.lstat(where + name)
        except FileNotFoundError:
            values += _ABSENT
            continue
        values += (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
    return tuple(values)


def folder_stats(claims_dir: Path) -> dict[str, tuple[int, ...]]:
    """`folder_stat` of every article folder, by slug, in slug order: the folders
    `article_folders` lists (one holding article.txt or claims.yml), found with the same
    system calls that stat them."""
    if not claims_dir.is_dir():
        raise ClaimdeskError(f"{claims_dir}: no such folder")
    with os.scandir(claims_dir) as entries:
        names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir())
    stats: dict[str, tuple[int, ...]] = {}
    root = str(claims_dir)
    for name in names:
        found = _stat_of(f"{root}/{name}")  # a Path a folder cost as much as the stats
        if any(found[0:8]):  # article.txt's or claims.yml's inode: the folder holds one
            stats[name] = found
    return stats


def article_digest(slug: str, files: dict[str, bytes]) -> str:
    """A digest of exactly the bytes an article was loaded from: a build redoes the article
    when it changes."""
    return _digest(slug, files).hex()


def load_folder(folder: Path) -> tuple[StoredArticle, str]:
    """One article folder, loaded and checked, with the digest of the bytes it came from."""
    files = read_folder(folder)
    return load_files(folder, files), article_digest(folder.name, files)


def _digest(slug: str, files: dict[str, bytes]) -> bytes:
    digest = hashlib.sha256(slug.encode("utf-8") + b"\0")
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.digest()


def _combine(digests: Iterable[bytes]) -> str:
    return hashlib.sha256(b"".join(digests)).hexdigest()


def fingerprint(claims_dir: Path) -> str:
    """A digest of every article's files: the build is redone when it changes."""
    return _combine(_digest(f.name, read_folder(f)) for f in article_folders(claims_dir))


def parse_article_file(path: Path, source: str) -> tuple[ArticleFile, located_yaml.Lines]:
    """claims.yml, validated, with where its parts are, for naming the line of later errors.
    The data is read by `located_yaml.load` (fast); the line of a part only when asked."""
    try:
        raw = located_yaml.load(source)
    except located_yaml.MalformedYaml as error:
        where = f":{error.line}" if error.line is not None else ""
        raise ClaimdeskError(f"{path}{where}: malformed YAML: {error.problem}") from None
    lines = located_yaml.Lines(source)
    try:
        return ArticleFile.model_validate(raw), lines
    except ValidationError as error:
        raise ClaimdeskError(
            "\n".join(_describe(path, lines, raw, e) for e in error.errors())
        ) from None
    except RecursionError:
        raise ClaimdeskError(f"{path}: nested too deeply to be a claims file") from None


def read_article_file(folder: Path) -> ArticleFile:
    """claims.yml alone, unchecked against article.txt: what re-adding an edited article
    starts from."""
    path = folder / CLAIMS_FILE
    refuse_link(folder)
    recover(folder)
    refuse_link(path)
    return parse_article_file(path, decode_text(path, read_bytes(path)))[0]


# Parsed articles by the digest of the bytes they were parsed from: a server or a command acts
# on one article many times, and claims.yml does not change when an event is appended (its
# parse is most of the cost of a desk write). Small articles only, a few at a time.
_PARSED: dict[bytes, tuple[ArticleFile, str]] = {}
_PARSED_KEEP = 16
_PARSED_MAX_BYTES = 1 << 20


def _parsed(folder: Path, files: dict[str, bytes]) -> tuple[ArticleFile, str]:
    """claims.yml parsed and checked against article.txt; the same bytes give the same result."""
    size = len(files[ARTICLE_TEXT]) + len(files[CLAIMS_FILE])
    key = hashlib.sha256(
        folder.name.encode() + b"\0" + hashlib.sha256(files[ARTICLE_TEXT]).digest()
        + hashlib.sha256(files[CLAIMS_FILE]).digest()
    ).digest()  # fmt: skip
    if key in _PARSED:
        return _PARSED[key]
    claims_path = folder / CLAIMS_FILE
    text = decode_text(folder / ARTICLE_TEXT, files[ARTICLE_TEXT])
    parsed, lines = parse_article_file(claims_path, decode_text(claims_path, files[CLAIMS_FILE]))
    problems = list(_check_against_text(claims_path, lines, parsed, text))
    if problems:
        raise ClaimdeskError("\n".join(problems))
    if size <= _PARSED_MAX_BYTES:
        if len(_PARSED) >= _PARSED_KEEP:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = (parsed, text)
    return parsed, text


def load_files(folder: Path, files: dict[str, bytes]) -> StoredArticle:
    """An article from the bytes `read_folder` read: what is parsed and what is digested are
    the same bytes."""
    parsed, text = _parsed(folder, files)
    reviews_path = folder / REVIEWS_FILE
    lines = log_lines(decode_text(reviews_path, files.get(REVIEWS_FILE, b"")))
    return StoredArticle(folder.name, parsed.article, text, parsed.claims, parsed.retracted, lines)


def load_article(folder: Path) -> StoredArticle:
    """Load and check one article folder. Errors name the file, line, claim and field."""
    return load_files(folder, read_folder(folder))


def load_collection(claims_dir: Path) -> Collection:
    """Every article under claims/, in slug order; all files' errors are reported at once."""
    articles: list[StoredArticle] = []
    digests: list[bytes] = []
    problems: list[str] = []
    for folder in article_folders(claims_dir):
        try:
            files = read_folder(folder)
            articles.append(load_files(folder, files))
            digests.append(_digest(folder.name, files))
        except ClaimdeskError as error:
            problems.append(str(error))
    if problems:
        raise ClaimdeskError("\n".join(problems))
    return Collection(articles, _combine(digests))


def load_all(claims_dir: Path) -> list[StoredArticle]:
    return load_collection(claims_dir).articles


def _check_against_text(
    path: Path, lines: located_yaml.Lines, parsed: ArticleFile, text: str
) -> Iterable[str]:
    seen = {claim.id for claim in parsed.retracted}
    for index, claim in enumerate(parsed.claims):
        if claim.id in seen:
            line = lines.of(("claims", index, "id"))
            yield f"{path}:{line}: claim {claim.id}: id: duplicate claim id"
        seen.add(claim.id)
        quoted = text[claim.start : claim.end]
        if quoted != claim.text:
            line = lines.of(("claims", index, "text"))
            yield (
                f"{path}:{line}: claim {claim.id}: text: {claim.text!r} does not match the "
                f"article text at {claim.start}-{claim.end} ({quoted!r})"
            )


def _describe(path: Path, lines: located_yaml.Lines, raw: Any, error: Any) -> str:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    claim = ""
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        try:
            claim = f" claim {raw['claims'][loc[1]].get('id', f'#{loc[1] + 1}')}:"
        except (AttributeError, IndexError, KeyError, TypeError):
            claim = f" claim #{loc[1] + 1}:"
        field = ".".join(str(part) for part in loc[2:]) or "claim"
    else:
        field = ".".join(str(part) for part in loc) or "file"
    return f"{path}:{lines.of(loc)}:{claim} {field}: {error['msg']}"


def claim_ids_in(folder: Path) -> set[str]:
    """Every claim id the article's files name, parsed (never searched for as bytes)."""
    ids: set[str] = set()
    claims_file = folder / CLAIMS_FILE
    if claims_file.exists():
        try:
            parsed, _ = parse_article_file(
                claims_file, decode_text(claims_file, read_bytes(claims_file))
            )
        except ClaimdeskError:
            parsed = None
        if parsed is not None:
            ids.update(c.key for c in (*parsed.claims, *parsed.retracted))
    stored_log = folder / REVIEWS_FILE
    if stored_log.exists():
        for line in decode_text(stored_log, read_bytes(stored_log)).split("\n"):
            if '"add"' in line:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("type") == "add":
                    ids.add(str(record.get("claim_id")))
    return ids


# --- writing -----------------------------------------------------------------------------


def dump_article_file(
    article_file: ArticleFile, dumper: type[SafeRepresenter] | None = None
) -> str:
    """Diff-friendly YAML: fields in model order, one claim per block, Chinese not escaped.
    The same bytes with either emitter (`DUMPERS`); the C one is used when it is there."""
    dumper = dumper or DUMPER
    record = article_file.model_dump(mode="json")
    parts = [
        _yaml({"article": record["article"]}, dumper),
        "claims:\n" if record["claims"] else "claims: []\n",
    ]
    parts.extend("\n" + _yaml([claim], dumper) for claim in record["claims"])
    if record["retracted"]:
        parts.append("\nretracted:\n")
        parts.extend("\n" + _yaml([claim], dumper) for claim in record["retracted"])
    return "".join(parts)


# Characters the two emitters write differently when left to choose a style: PyYAML's Python
# emitter writes astral characters (emoji, CJK extension B) as they are, where libyaml escapes
# them, and breaks a single-quoted line at U+0085, U+2028 and U+2029, where libyaml writes \N,
# \L and \P in double quotes. A string holding any of them is written double-quoted, the one
# style in which both escape them alike (\U0001F600, \L).
_EMITTERS_DIFFER = re.compile("[\x85\u2028\u2029\U00010000-\U0010ffff]")


def _represent_str(dumper: SafeRepresenter, data: str) -> yaml.ScalarNode:
    if _EMITTERS_DIFFER.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


class PythonDumper(yaml.SafeDumper):
    """PyYAML's own emitter, in Python: always there."""


PythonDumper.add_representer(str, _represent_str)
DUMPERS: dict[str, type[SafeRepresenter]] = {"python": PythonDumper}
if yaml.__with_libyaml__:

    class LibyamlDumper(yaml.CSafeDumper):
        """libyaml's emitter, in C: about five times faster (8 ms against 40 on the seed)."""

    LibyamlDumper.add_representer(str, _represent_str)
    DUMPERS["libyaml"] = LibyamlDumper
DUMPER = DUMPERS.get("libyaml", PythonDumper)


def _yaml(value: Any, dumper: type[SafeRepresenter]) -> str:
    return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def save_article(
    folder: Path,
    article: Article,
    text: str,
    claims: list[Claim],
    retracted: list[Claim] | None = None,
    *,
    dumped: str | None = None,
) -> None:
    """Write article.txt and claims.yml together: a crash leaves the old pair or the new.
    `dumped` is claims.yml as `dump_article_file` wrote it already (in a worker process)."""
    refuse_link(folder)
    for name in ARTICLE_FILES:
        refuse_link(folder / name)
    folder.mkdir(parents=True, exist_ok=True)
    if dumped is None:
        dumped = dump_article_file(
            ArticleFile(article=article, claims=claims, retracted=retracted or [])
        )
    replace_together(folder, {ARTICLE_TEXT: text, CLAIMS_FILE: dumped})


def log_lines(text: str) -> list[str]:
    """reviews.jsonl's lines, split at "\n" only, as it is written: `str.splitlines` would
    also split at U+2028, U+2029, U+0085 and other characters an editor can type inside a
    JSON string, and break the event in two."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class ReviewLog:
    """reviews.jsonl, held under an exclusive lock: read it, decide, append, all while no
    other process can append in between (see `locked_reviews`)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    def lines(self) -> list[str]:
        size = os.fstat(self._fd).st_size
        data = os.pread(self._fd, size, 0) if size else b""
        return log_lines(decode_text(self.path, data))

    def append(self, line: str) -> None:
        """One line, written with one write(2) on an O_APPEND file and synced before the
        caller is told it is saved: lines never interleave, and an acknowledged event
        survives a crash."""
        if "\n" in line:
            raise ValueError("an event is one line")
        data = (line + "\n").encode("utf-8")
        size = os.fstat(self._fd).st_size
        if size and os.pread(self._fd, 1, size - 1) != b"\n":
            data = b"\n" + data  # a hand edit left no final newline: never glue two events
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(f"{self.path}: short write ({written} of {len(data)} bytes)")
            os.fsync(self._fd)
        except OSError:
            # A full disk or a short write must not leave half a line for good: put the
            # file back as it was (we hold the lock, so no one else appended meanwhile).
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
            raise


@contextmanager
def locked_reviews(folder: Path) -> Iterator[ReviewLog]:
    """The article's reviews.jsonl, created if need be, locked against every other writer."""
    path = folder / REVIEWS_FILE
    refuse_link(folder)
    refuse_link(path)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield ReviewLog(path, fd)
    finally:
        os.close(fd)  # closing releases the lock
