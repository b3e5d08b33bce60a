"""File I/O that never loses work: reads that refuse what is not a plain text file, atomic
writes that keep the file's mode, and a pair of files replaced together or not at all.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from claimdesk.errors import ClaimdeskError

# A staged set of replacements is committed by writing this file; see `replace_together`.
COMMIT_MARKER = ".commit.json"
_STAGED = ".staged"
BOM = "\ufeff"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file. A device such as /dev/zero or a FIFO would never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ClaimdeskError(f"{path}: no such file") from None
    if not stat.S_ISREG(mode):
        raise ClaimdeskError(f"{path}: not a regular file")
    return path.read_bytes()


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 with no newline translation, so that offsets are Python str indices into exactly
    what was published. A NUL byte means this is not text, and SQLite's text functions stop at
    one, so it is refused here, with its line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ClaimdeskError(
            f"{path}:{line}: not UTF-8 text (byte {error.start}: {error.reason}); "
            "save the article as UTF-8"
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ClaimdeskError(f"{path}:{line}: contains a NUL byte; this is not a text file")
    return text


def read_text(path: Path) -> str:
    return decode_text(path, read_bytes(path))


def refuse_link(path: Path) -> None:
    """claims/ holds plain files only: a link could publish anything on the machine."""
    if path.is_symlink():
        raise ClaimdeskError(f"{path}: is a symbolic link; claims/ holds only plain files")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def new_file_mode(path: Path) -> int:
    """The mode a rewritten file keeps: its own, or what a plain `open()` would give it.
    (mkstemp's 0600 would hide the file from the web server's user and from colleagues.)"""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return _default_mode()


def _write_temp(path: Path, data: bytes, suffix: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        os.fchmod(fd, new_file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = _write_temp(path, data, ".tmp")
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def replace_together(folder: Path, contents: Mapping[str, str | bytes]) -> None:
    """Replace several files of one folder so that a crash leaves all old or all new.

    A small redo log: every new file is staged and synced, then a commit marker naming them is
    renamed into place, then each is renamed over its old file. `recover` finishes a committed
    set and discards an uncommitted one, so readers call it first."""
    recover(folder)
    staged: dict[str, str] = {}
    try:
        for name, content in contents.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            staged[name] = _write_temp(folder / name, data, _STAGED).name
        write_atomic(folder / COMMIT_MARKER, json.dumps(staged))
    except BaseException:
        for name in staged.values():
            (folder / name).unlink(missing_ok=True)
        raise
    recover(folder)


def recover(folder: Path) -> None:
    """Finish or discard an interrupted `replace_together` in `folder`."""
    marker = folder / COMMIT_MARKER
    if marker.exists():
        staged: dict[str, str] = json.loads(marker.read_text(encoding="utf-8"))
        for name, temp in staged.items():
            if Path(name).name != name or Path(temp).name != temp:
                raise ClaimdeskError(f"{marker}: names a file outside {folder}")
            if (folder / temp).exists():
                os.replace(folder / temp, folder / name)
        _fsync_dir(folder)
        marker.unlink()
    if folder.is_dir():
        for leftover in folder.glob(f".*{_STAGED}"):
            leftover.unlink(missing_ok=True)
