"""`claimdesk build` and `serve` against bad input and faults: nothing lost, nothing blocked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database import build as build_module
from claimdesk.database.build import build, is_sound, needs_build
from claimdesk.files import store
from conftest import ARTICLE, CLAIMS_YML, ROOT, make_datasette


def _build_error(claims_dir: Path, db_path: Path) -> str:
    """What the build reports of bad input: named, left out, never a crash."""
    problems = build(claims_dir, db_path).problems
    assert problems
    return "\n".join(problems)


def test_a_symlinked_article_is_refused(claims_dir: Path, db_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    article = claims_dir / "idc-market" / "article.txt"
    article.unlink()
    article.symlink_to(secret)
    assert "article.txt: is a symbolic link" in _build_error(claims_dir, db_path)
    assert b"root:x" not in db_path.read_bytes()


def test_a_symlinked_article_folder_is_refused(
    claims_dir: Path, db_path: Path, tmp_path: Path
) -> None:
    (claims_dir / "elsewhere").symlink_to(claims_dir / "idc-market")
    assert "elsewhere: is a symbolic link" in _build_error(claims_dir, db_path)


def test_deeply_nested_yaml_is_a_one_line_error(claims_dir: Path, db_path: Path) -> None:
    nested = "article: " + "[" * 5000 + "]" * 5000 + "\nclaims: []\n"
    (claims_dir / "idc-market" / "claims.yml").write_text(nested, encoding="utf-8")
    message = _build_error(claims_dir, db_path)
    assert "idc-market/claims.yml:1: malformed YAML" in message
    assert len(message.splitlines()) == 1


def test_a_nan_value_is_an_error_naming_the_claim(claims_dir: Path, db_path: Path) -> None:
    broken = CLAIMS_YML.replace("value: 47.2", "value: .nan")
    (claims_dir / "idc-market" / "claims.yml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("  value: .nan") + 1
    message = _build_error(claims_dir, db_path)
    assert f"idc-market/claims.yml:{line}: claim c0000000002: value:" in message
    assert "finite" in message


def test_a_value_past_64_bits_builds_as_a_float(claims_dir: Path, db_path: Path) -> None:
    huge = CLAIMS_YML.replace("value: 43200000000", "value: 99999999999999999999999")
    (claims_dir / "idc-market" / "claims.yml").write_text(huge, encoding="utf-8")
    build(claims_dir, db_path)
    value = (
        sqlite_utils.Database(db_path)
        .execute("select value from claims where id = 'c0000000001'")
        .fetchone()[0]
    )
    assert value == pytest.approx(1e23)


def test_a_nul_byte_in_a_stored_article_names_the_file(claims_dir: Path, db_path: Path) -> None:
    (claims_dir / "idc-market" / "article.txt").write_text(ARTICLE + "\0", encoding="utf-8")
    assert "idc-market/article.txt:3: contains a NUL byte" in _build_error(claims_dir, db_path)


def test_hidden_and_empty_folders_do_not_block_the_build(claims_dir: Path, db_path: Path) -> None:
    (claims_dir / ".git" / "objects").mkdir(parents=True)
    (claims_dir / "drafts").mkdir()
    assert build(claims_dir, db_path).counts["articles"] == 1


def test_a_folder_with_only_one_file_is_an_error(claims_dir: Path, db_path: Path) -> None:
    (claims_dir / "half").mkdir()
    (claims_dir / "half" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    assert "half: missing claims.yml" in _build_error(claims_dir, db_path)


def test_an_edit_during_the_build_is_not_marked_as_built(
    claims_dir: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_load = store.load_files
    claims_file = claims_dir / "idc-market" / "claims.yml"

    def load_then_edit(*args: Any) -> Any:
        # An editor saves just after the build has read the file.
        loaded = real_load(*args)
        claims_file.write_text(CLAIMS_YML.replace("AI芯片市場", "新標題"), encoding="utf-8")
        return loaded

    monkeypatch.setattr(build_module, "load_files", load_then_edit)
    build(claims_dir, db_path)
    assert needs_build(claims_dir, db_path) == "claims/ changed"


def test_an_abandoned_build_is_cleaned_up(claims_dir: Path, db_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftovers = [
        db_path.with_name(f".claimdesk.db.{dead.pid}.tmp"),
        db_path.with_name(f".claimdesk.db.{dead.pid}.tmp-journal"),
    ]
    for path in leftovers:
        path.write_bytes(b"half a database")
    build(claims_dir, db_path)
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "claimdesk.db",
        "claims",
        "reviews.db",
    ]


def test_a_running_build_is_not_disturbed(claims_dir: Path, db_path: Path) -> None:
    alive = db_path.with_name(f".claimdesk.db.{os.getppid()}.tmp")
    alive.write_bytes(b"another build in progress")
    build(claims_dir, db_path)
    assert alive.exists()


def test_build_leftovers_are_ignored_by_git() -> None:
    names = [".claimdesk.db.123.tmp", ".claimdesk.db.123.tmp-journal", "claimdesk.db-journal"]
    result = subprocess.run(
        ["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert sorted(result.stdout.split()) == sorted(names)


def test_the_database_gets_the_usual_mode(claims_dir: Path, db_path: Path) -> None:
    old = os.umask(0o022)
    try:
        build(claims_dir, db_path)
        assert db_path.stat().st_mode & 0o777 == 0o644
        db_path.chmod(0o640)
        build(claims_dir, db_path)
        assert db_path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_an_unwritable_database_folder_is_a_one_line_error(
    claims_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "--claims-dir", str(claims_dir), "--db", str(blocker / "claimdesk.db")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "a-file" in result.output
    assert len(result.output.strip().splitlines()) == 1


def _corrupt(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = len(data) // page // 2 * page
    data[middle : middle + 2 * page] = b"\xff" * (2 * page)
    db_path.write_bytes(bytes(data))


def test_a_damaged_database_is_noticed_and_rebuilt(claims_dir: Path, db_path: Path) -> None:
    build(claims_dir, db_path)
    assert is_sound(db_path)
    _corrupt(db_path)
    assert not is_sound(db_path)
    assert needs_build(claims_dir, db_path) == f"{db_path} is damaged"
    build(claims_dir, db_path)
    assert needs_build(claims_dir, db_path) is None


async def test_a_query_cannot_make_a_huge_value(
    claims_dir: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_fixtures import editor, write_accounts

    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    build(claims_dir, db_path)
    ds = make_datasette(db_path)
    # Arbitrary SQL is for editors only since issue 15; the limits hold for them too.
    amy = editor("amy")
    huge = await ds.client.get(
        "/claimdesk/-/query.json",
        params={"sql": "select randomblob(1000000000) a, randomblob(1000000000) b"},
        actor=amy,
    )
    assert huge.status_code == 400
    assert "too big" in huge.json()["error"]
    assert len(huge.content) < 1000
    wide = await ds.client.get(
        "/claimdesk/-/query.json",
        params={"sql": "select " + ", ".join(f"{i} c{i}" for i in range(100))},
        actor=amy,
    )
    assert wide.status_code == 400
    ordinary = await ds.client.get(
        "/claimdesk/-/query.json", params={"sql": "select text from articles"}, actor=amy
    )
    assert ordinary.status_code == 200
    assert ordinary.json()["rows"][0]["text"] == ARTICLE


KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("begin immediate")
conn.execute("delete from claim_states")
conn.execute("insert into claim_states select * from claim_states")
os._exit(9)  # killed mid-transaction: its pages are in the write-ahead log, uncommitted
"""


def test_a_writer_killed_mid_transaction_changes_nothing(claims_dir: Path, db_path: Path) -> None:
    import sqlite3
    import sys

    build(claims_dir, db_path)
    reviews = db_path.with_name("reviews.db")
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(reviews)], check=False)
    # As Datasette reads it: read-only. The killed transaction never committed, so it is not
    # there, before or after the next build (which finds nothing to write).
    readonly = sqlite3.connect(f"file:{reviews}?mode=ro", uri=True)
    try:
        assert readonly.execute("select count(*) from claim_states").fetchone()[0] == 2
    finally:
        readonly.close()
    assert build(claims_dir, db_path).written == []
    readonly = sqlite3.connect(f"file:{reviews}?mode=ro", uri=True)
    try:
        assert readonly.execute("select count(*) from claim_states").fetchone()[0] == 2
    finally:
        readonly.close()


KILLED_BUILD = """
import sys
from pathlib import Path
from claimdesk.database.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]), full=sys.argv[3] == "full")
"""


def _by_database(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, dict[str, Any]]:
    databases: dict[str, dict[str, Any]] = {"claimdesk.db": {}, "reviews.db": {}}
    for key, rows in tables.items():
        name, table = key.split(":")
        databases[name][table] = rows
    return databases


def test_a_build_killed_at_any_moment_leaves_each_database_as_before_or_complete(
    tmp_path: Path,
) -> None:
    import random
    import shutil
    import signal
    import sys
    import time

    from test_guard import snapshot

    project = tmp_path / "project"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), str(project), "--claims", "600"],
        check=True,
        capture_output=True,
    )
    claims_dir, db_path = project / "claims", project / "claimdesk.db"
    build(claims_dir, db_path)
    saved = tmp_path / "saved"
    saved.mkdir()
    names = ("claimdesk.db", "reviews.db", "reviews.db-files")
    for name in names:
        if (project / name).exists():
            shutil.copy2(project / name, saved / name)
    before = _by_database(snapshot(db_path))
    # Colleagues' changes arrive: edited articles, one article gone.
    folders = sorted(p for p in claims_dir.iterdir() if p.is_dir())
    for folder in folders[::4]:
        with open(folder / "article.txt", "a", encoding="utf-8") as file:
            file.write("\n更正：本文已更新。\n")
    shutil.rmtree(folders[1])

    def restore() -> None:
        for path in project.iterdir():
            if path.name != "claims":
                path.unlink()
        for name in names:
            if (saved / name).exists():
                shutil.copy2(saved / name, project / name)

    def run(mode: str, kill_after: float | None) -> float:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_BUILD, str(claims_dir), str(db_path), mode]
        )
        if kill_after is not None:
            try:
                child.wait(timeout=kill_after)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
        assert child.wait() in (0, -signal.SIGKILL)
        return time.monotonic() - started

    rng = random.Random(16)
    states: list[tuple[str, float, dict[str, dict[str, Any]]]] = []
    for mode in ("incremental", "full"):
        restore()
        duration = run(mode, None)
        for _ in range(4):
            restore()
            moment = rng.uniform(0.2, duration)
            run(mode, moment)
            for name in ("claimdesk.db", "reviews.db"):
                assert is_sound(project / name), (mode, moment, name)
            states.append((mode, moment, _by_database(snapshot(db_path))))
    restore()
    build(claims_dir, db_path)
    complete = _by_database(snapshot(db_path))
    assert complete != before
    for mode, moment, state in states:
        for name in ("claimdesk.db", "reviews.db"):
            assert state[name] in (before[name], complete[name]), (mode, moment, name)
    assert len(states) == 8


def test_serve_checks_the_databases_once(
    claims_dir: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`claimdesk serve` asks needs_build, then builds: every page is read through once."""
    build(claims_dir, db_path)
    checked: list[str] = []

    def counted(path: Path) -> bool:
        checked.append(path.name)
        return is_sound(path)

    monkeypatch.setattr(build_module, "is_sound", counted)
    (claims_dir / "idc-market" / "article.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    assert needs_build(claims_dir, db_path) == "claims/ changed"
    assert build(claims_dir, db_path).written == ["idc-market"]
    assert sorted(checked) == ["claimdesk.db", "reviews.db"]
