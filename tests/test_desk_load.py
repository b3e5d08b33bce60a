"""The desk over real HTTP on 127.0.0.1: ten editors at once, and a server killed mid-load.
Loads are bounded in count and time; no test asserts on speed."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils

from conftest import free_port
from desk_fixtures import live_project, sign_in, start_server

EDITORS = tuple(f"editor{n}" for n in range(10))
FORMS_EACH = 50
SEED = "ai-chips-nvidia-biren"


def _claims(project: Path) -> list[str]:
    import yaml

    stored = yaml.safe_load((project / "claims" / SEED / "claims.yml").read_text("utf-8"))
    return [claim["id"] for claim in stored["claims"]]


def _work(base: str, name: str, claim_id: str, forms: int, acknowledged: list[str]) -> None:
    """One editor takes and gives back their own claim, `forms` times in all."""
    with httpx.Client(timeout=60) as client:
        sign_in(client, base, name)
        last = ""
        for n in range(forms):
            action = "assign" if n % 2 == 0 else "unassign"
            try:
                response = client.post(
                    f"{base}/desk/claim/{claim_id}/{action}",
                    data={"last_event_id": last},
                    follow_redirects=False,
                )
            except httpx.TransportError:
                return  # the server is gone (the kill test)
            assert response.status_code == 303, response.text
            last = response.headers["x-claimdesk-event"]
            acknowledged.append(last)


def _run_editors(base: str, claims: list[str], forms: int) -> tuple[list[str], list[Any]]:
    acknowledged: list[str] = []
    errors: list[Any] = []

    def guarded(name: str, claim_id: str) -> None:
        try:
            _work(base, name, claim_id, forms, acknowledged)
        except BaseException as error:  # reported by the test, not lost in a thread
            errors.append(error)

    threads = [
        threading.Thread(target=guarded, args=(name, claim_id))
        for name, claim_id in zip(EDITORS, claims, strict=False)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return acknowledged, errors


def _logged(project: Path) -> list[str]:
    lines = (project / "claims" / SEED / "reviews.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line)["id"] for line in lines]  # every line parses: none interleaved


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return tmp_path, live_project(tmp_path, EDITORS)


def test_ten_editors_at_once_leave_exactly_every_event(
    project: tuple[Path, dict[str, str]],
) -> None:
    folder, env = project
    port = free_port()
    server = start_server(folder, env, port)
    try:
        acknowledged, errors = _run_editors(f"http://127.0.0.1:{port}", _claims(folder), FORMS_EACH)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert errors == []
    logged = _logged(folder)
    assert len(acknowledged) == len(EDITORS) * FORMS_EACH == 500
    assert sorted(logged) == sorted(acknowledged)  # none lost, none duplicated
    in_db = sqlite_utils.Database(folder / "reviews.db").execute("select id from events")
    assert sorted(row[0] for row in in_db.fetchall()) == sorted(acknowledged)


def test_every_acknowledged_event_survives_a_kill(project: tuple[Path, dict[str, str]]) -> None:
    folder, env = project
    port = free_port()
    server = start_server(folder, env, port)
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    killer = threading.Timer(3.0, lambda: server.send_signal(signal.SIGKILL))
    killer.start()
    try:
        acknowledged, _ = _run_editors(base, _claims(folder), FORMS_EACH)
    finally:
        killer.cancel()
        server.kill()
        server.wait(timeout=30)
    assert acknowledged, "the kill came before any event was acknowledged"
    restarted = start_server(folder, env, port)  # rebuilds: the files changed since the build
    try:
        with httpx.Client(timeout=30) as client:
            rows = client.get(f"{base}/claimdesk.json").status_code
        assert rows == 200
    finally:
        restarted.terminate()
        restarted.wait(timeout=30)
    assert set(acknowledged) <= set(_logged(folder))
    in_db = sqlite_utils.Database(folder / "reviews.db").execute("select id from events")
    assert set(acknowledged) <= {row[0] for row in in_db.fetchall()}
