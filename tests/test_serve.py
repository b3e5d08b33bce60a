"""`claimdesk serve` for real: a child process that builds and serves on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get_json(url: str, deadline: float) -> object:
    """Poll until the server answers; the bound keeps a broken server from hanging the suite."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def project(tmp_path: Path, claims_dir: Path) -> Path:
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def server(project: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "claimdesk"), "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE)
    try:
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_builds_then_serves_the_claims(
    server: tuple[subprocess.Popen[bytes], int], project: Path
) -> None:
    process, port = server
    url = f"http://127.0.0.1:{port}/claimdesk/claims.json?_shape=array"
    rows = _get_json(url, time.monotonic() + 30)
    assert isinstance(rows, list)
    assert sorted(row["text"] for row in rows) == ["432億元", "47.2%"]
    assert (project / "claimdesk.db").exists()
    assert process.poll() is None


def test_serve_rebuilds_a_damaged_database(project: Path) -> None:
    from claimdesk.database.build import build, is_sound

    db_path = project / "claimdesk.db"
    build(project / "claims", db_path)
    data = bytearray(db_path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 8192] = b"\xff" * 8192
    db_path.write_bytes(bytes(data))
    assert not is_sound(db_path)
    port = _free_port()
    command = [str(Path(sys.executable).parent / "claimdesk"), "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/claimdesk/claims.json?_shape=array"
        rows = _get_json(url, time.monotonic() + 30)
        assert isinstance(rows, list)
        assert len(rows) == 2
        assert is_sound(db_path)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_without_editors_says_how_to_add_one(project: Path, tmp_path: Path) -> None:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "claimdesk"), "serve", "--port", str(port)]
    env = {**__import__("os").environ, "CLAIMDESK_EDITORS": str(tmp_path / "none.json")}
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.PIPE, env=env)
    try:
        rows = _get_json(f"http://127.0.0.1:{port}/claimdesk/claims.json", time.monotonic() + 60)
        assert isinstance(rows, dict)  # the public side works
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert b"claimdesk editor add NAME" in stderr
