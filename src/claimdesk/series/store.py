"""Reading and writing claims/series/: a folder per series, `series.yml` and `releases/`.

Every file is read once: the bytes a build derives rows from are the bytes it digests, so an
edit made meanwhile is never marked as built. Every write goes to a temporary file that is
renamed into place (files/atomic.py), and nothing is ever rewritten but series.yml: a release,
once written, is a record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from claimdesk import located_yaml
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import decode_text, read_bytes, refuse_link, write_atomic
from claimdesk.series.models import Release, SeriesInfo
from claimdesk.series.periods import check_period
from claimdesk.vocabulary import RELEASE_PATTERN

# claims/series/ is passed by as an article folder (it holds no article.txt or claims.yml),
# as claims/lexicon/ is.
SERIES_FOLDER = "series"
SERIES_FILE = "series.yml"
RELEASES_FOLDER = "releases"
YAML_SUFFIX = ".yml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class StoredRelease:
    name: str  # the file's name without .yml: 2023-05-15, or 2023-05-15-2
    release: Release


@dataclass(frozen=True)
class StoredSeries:
    info: SeriesInfo
    releases: list[StoredRelease]  # oldest first: by release date, then name


def series_dir(claims_dir: Path) -> Path:
    return claims_dir / SERIES_FOLDER


def read_series_files(
    claims_dir: Path, only: str | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """Every series file (or only those of the series `only`), by its path under
    claims/series/ (posix), in path order, and the files that could not be read (a link, a
    device), each named."""
    root = series_dir(claims_dir)
    found: dict[str, bytes] = {}
    problems: list[str] = []
    if not root.is_dir():
        return found, problems
    folders = sorted(os.listdir(root))
    if only is not None:  # a name as listed, never a path made from what was asked
        folders = [only] if only in folders else []
    for folder in folders:
        where = root / folder
        if folder.startswith(".") or not where.is_dir():
            continue
        paths = [where / SERIES_FILE]
        releases = where / RELEASES_FOLDER
        if releases.is_dir():
            paths += [
                releases / name
                for name in sorted(os.listdir(releases))
                if name.endswith(YAML_SUFFIX) and not name.startswith(".")
            ]
        for path in paths:
            if not (path.exists() or path.is_symlink()):
                continue
            try:
                for part in (where, releases, path):
                    refuse_link(part)
                found[path.relative_to(root).as_posix()] = read_bytes(path)
            except ClaimdeskError as error:
                problems.append(str(error))
    return found, problems


@cache
def code_digest() -> bytes:
    """The code the rows are derived from: when it changes, a build derives them again."""
    digest = hashlib.sha256()
    root = Path(str(files("claimdesk.series")))
    for entry in sorted(root.rglob("*")):
        if entry.suffix in (".py", ".yml", ".sql"):
            digest.update(entry.relative_to(root).as_posix().encode() + b"\0" + entry.read_bytes())
    return digest.digest()


def series_digest(found: dict[str, bytes]) -> str:
    """A digest of exactly the series files read, and of the code that reads them."""
    digest = hashlib.sha256(code_digest())
    for name, data in found.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def load_series_files(
    claims_dir: Path, found: dict[str, bytes]
) -> tuple[list[StoredSeries], list[str]]:
    """The series the files hold, and what was left out and why (file, line, field). A bad
    series.yml leaves its series out; a bad release file leaves that release out."""
    root = series_dir(claims_dir)
    by_folder: dict[str, dict[str, bytes]] = {}
    for name, data in found.items():
        folder, _, rest = name.partition("/")
        by_folder.setdefault(folder, {})[rest] = data
    loaded: list[StoredSeries] = []
    problems: list[str] = []
    for folder, contents in sorted(by_folder.items()):
        where = root / folder
        if SERIES_FILE not in contents:
            problems.append(f"{where}: no {SERIES_FILE}; left out · 沒有 {SERIES_FILE}，未發布")
            continue
        try:
            info = _parse(where / SERIES_FILE, contents[SERIES_FILE], SeriesInfo)
            if info.id != folder:
                raise ClaimdeskError(
                    f"{where / SERIES_FILE}:1: id: {info.id!r} 與資料夾名稱不同 · is not the "
                    f"folder's name {folder!r}"
                )
        except ClaimdeskError as error:
            problems.append(f"{error}\n  (series left out · 此數列未發布)")
            continue
        releases = []
        for rest, data in contents.items():
            if rest == SERIES_FILE:
                continue
            path = where / rest
            try:
                releases.append(_load_release(path, data, info))
            except ClaimdeskError as error:
                problems.append(f"{error}\n  (release left out · 此版本未發布)")
        releases.sort(key=lambda stored: (stored.release.released, _order(stored.name)))
        loaded.append(StoredSeries(info, releases))
    return loaded, problems


def _order(name: str) -> tuple[str, int]:
    date, _, number = name[:10], name[10:11], name[11:]
    return date, int(number) if number else 1


def _load_release(path: Path, data: bytes, info: SeriesInfo) -> StoredRelease:
    name = path.name.removesuffix(YAML_SUFFIX)
    if re.fullmatch(RELEASE_PATTERN, name) is None:
        raise ClaimdeskError(
            f"{path}: 檔名要是發布日（2023-05-15.yml，同日再發布 2023-05-15-2.yml）· a release "
            "file is named for its release date (2023-05-15.yml, or 2023-05-15-2.yml for "
            "another that day)"
        )
    release = _parse(path, data, Release)
    source = decode_text(path, data)
    lines = located_yaml.Lines(source)
    for period in release.cells:
        try:
            check_period(info.frequency, period)
        except ValueError as error:
            raise ClaimdeskError(f"{path}:{lines.of(('cells', period))}: cells: {error}") from None
    if name[:10] != release.released.isoformat():
        raise ClaimdeskError(
            f"{path}:{lines.of(('released',))}: released: {release.released} 與檔名不同 · is "
            f"not the date the file is named for ({name})"
        )
    return StoredRelease(name, release)


# The cells of a release as dump_release writes them, one a line: a quoted period, then a
# whole number or one with a point (1.5, 1.5e-05), which YAML 1.1 and int() or float() read as
# the same number. (repr writes 1e+16 without a point; YAML 1.1 reads that as text, so such a
# file goes the slow way, where pydantic reads the text as the float.)
_CELLS_START = "\ncells:\n"
_CELL_LINE = re.compile(
    r'^  "([0-9][0-9/-]*)": (-?(?:0|[1-9][0-9]*)(\.[0-9]+(?:e[-+][0-9]+)?)?)$', re.MULTILINE
)
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)


def _release_data(source: str) -> dict[str, Any] | None:
    """A release file's data as PyYAML reads it, without PyYAML making a node and an object
    for each cell (90% of reading 100,000 cells, issue 19): the details above `cells:` are
    read by PyYAML, the cells a line at a time. None when any cell line is in another form, or
    the details are not a mapping on their own: then PyYAML reads the whole file."""
    start = source.find(_CELLS_START)
    if start < 0:
        return None
    head, block = source[: start + 1], source[start + len(_CELLS_START) :]
    found = _CELL_LINE.findall(block)
    # Every line a cell (none matches twice: each is anchored at its start), the last one
    # ended, and no second document that a whole-file parse would refuse.
    if not found or len(found) != block.count("\n") or _DOCUMENT_MARK.search(head):
        return None
    try:
        raw = located_yaml.parse(head)[1]
    except located_yaml.MalformedYaml:
        return None
    if not isinstance(raw, dict):
        return None
    raw["cells"] = {
        period: float(number) if point else int(number) for period, number, point in found
    }
    return raw


def _parse(path: Path, data: bytes, model: type[M]) -> M:
    source = decode_text(path, data)
    try:
        fast = _release_data(source) if model is Release else None
        raw = fast if fast is not None else located_yaml.parse(source)[1]
    except located_yaml.MalformedYaml as error:
        where = f":{error.line}" if error.line is not None else ""
        raise ClaimdeskError(
            f"{path}{where}: YAML 格式錯誤 malformed YAML: {error.problem}"
        ) from None
    lines = located_yaml.Lines(source)
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ClaimdeskError(
            "\n".join(
                f"{path}:{lines.of(tuple(e['loc']))}: "
                f"{'.'.join(str(part) for part in e['loc']) or 'file'}: "
                f"{str(e['msg']).removeprefix('Value error, ')}"
                for e in error.errors()
            )
        ) from None


def load_all(claims_dir: Path, only: str | None = None) -> tuple[list[StoredSeries], list[str]]:
    found, unread = read_series_files(claims_dir, only)
    loaded, problems = load_series_files(claims_dir, found)
    return loaded, unread + problems


def load_one(claims_dir: Path, series_id: str) -> StoredSeries | None:
    """One series, or None when there is no such folder; a bad file is an error. Only its
    own folder is read: an import does not parse every other series' releases."""
    loaded, problems = load_all(claims_dir, only=series_id)
    ours = [p for p in problems if f"/{SERIES_FOLDER}/{series_id}/" in p]
    if ours:
        raise ClaimdeskError("\n".join(ours))
    return next((stored for stored in loaded if stored.info.id == series_id), None)


# --- writing -----------------------------------------------------------------------------


def _yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000)


def dump_series_info(info: SeriesInfo) -> str:
    return _yaml(info.model_dump(mode="json", exclude_none=True))


def dump_release(release: Release) -> str:
    """Diff-friendly YAML: the details, then one cell a line, in period order, each period
    quoted (a bare 2024 would be read as a number)."""
    record = release.model_dump(mode="json", exclude_none=True, exclude={"cells"})
    record["retrieved"] = utc_text(release.retrieved)
    lines = [_yaml(record).rstrip("\n"), "cells:" if release.cells else "cells: {}"]
    for period in sorted(release.cells):
        lines.append(f'  "{period}": {_number(release.cells[period])}')
    return "\n".join(lines) + "\n"


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _number(value: int | float) -> str:
    return repr(value)  # the shortest text that reads back as the same float


def write_series_info(claims_dir: Path, info: SeriesInfo) -> Path:
    path = series_dir(claims_dir) / info.id / SERIES_FILE
    write_atomic(path, dump_series_info(info))
    return path


def new_release_name(claims_dir: Path, series_id: str, released: dt.date) -> str:
    """The release date, with -2, -3 ... when releases of that day are already there."""
    folder = series_dir(claims_dir) / series_id / RELEASES_FOLDER
    name = released.isoformat()
    number = 1
    while (folder / f"{name}{YAML_SUFFIX}").exists():
        number += 1
        name = f"{released.isoformat()}-{number}"
    return name


def write_release(claims_dir: Path, series_id: str, name: str, release: Release) -> Path:
    path = series_dir(claims_dir) / series_id / RELEASES_FOLDER / f"{name}{YAML_SUFFIX}"
    if path.exists():
        raise ClaimdeskError(f"{path}: 已有此版本 · this release is already written")
    write_atomic(path, dump_release(release))
    return path
