"""files.py: a pair of files replaced together survives a crash at any point."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimdesk.errors import ClaimdeskError
from claimdesk.files import atomic as files
from claimdesk.files.atomic import COMMIT_MARKER, read_text, recover, replace_together


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text("old text", encoding="utf-8")
    (tmp_path / "claims.yml").write_text("old claims", encoding="utf-8")
    return tmp_path


def _contents(folder: Path) -> tuple[str, str]:
    return (
        (folder / "article.txt").read_text("utf-8"),
        (folder / "claims.yml").read_text("utf-8"),
    )


NEW = {"article.txt": "new text", "claims.yml": "new claims"}


def test_replace_together_writes_both(pair: Path) -> None:
    replace_together(pair, NEW)
    assert _contents(pair) == ("new text", "new claims")
    assert sorted(p.name for p in pair.iterdir()) == ["article.txt", "claims.yml"]


def test_a_crash_before_the_commit_leaves_the_old_pair(
    pair: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # as a kill would, after both files were staged

    monkeypatch.setattr(files, "write_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        replace_together(pair, NEW)
    monkeypatch.undo()
    recover(pair)
    assert _contents(pair) == ("old text", "old claims")


def test_a_crash_between_the_two_renames_leaves_the_new_pair(
    pair: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    renames: list[object] = []

    def crash_on_second(src: str | Path, dst: str | Path) -> None:
        renames.append(dst)
        # The first os.replace commits the marker, the second moves one file into place.
        if len(renames) == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        replace_together(pair, NEW)
    monkeypatch.undo()
    assert (pair / COMMIT_MARKER).exists()
    recover(pair)
    assert _contents(pair) == ("new text", "new claims")
    assert not (pair / COMMIT_MARKER).exists()


def test_a_marker_naming_a_file_elsewhere_is_refused(pair: Path) -> None:
    (pair / COMMIT_MARKER).write_text('{"../x": ".a.staged"}', encoding="utf-8")
    with pytest.raises(ClaimdeskError, match="outside"):
        recover(pair)


def test_read_text_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ClaimdeskError, match="not a regular file"):
        read_text(fifo)
