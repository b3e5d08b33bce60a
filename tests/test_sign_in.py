"""Signing in and how sessions end (issue 15, items 1-8), over real HTTP on 127.0.0.1.

Each test names the defect it was written against. Loads are bounded in count and time."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from claimdesk.cli import cli
from claimdesk.web.desk.auth import (
    FIRST_DELAY,
    MAX_ADDRESS_FAILURES,
    MAX_FAILURES,
    MAX_KEYS,
    Throttle,
    throttle_keys,
)
from conftest import free_port
from desk_fixtures import PASSWORD, live_project, sign_in, start_server

SEED = "ai-chips-nvidia-biren"


class Serve:
    """Starts a server for a project in tmp_path with these claimdesk settings; a second call
    is a restart of the same project."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.processes: list[subprocess.Popen[bytes]] = []
        self.env: dict[str, str] | None = None

    def __call__(self, accounts: dict[str, str] | None = None, **settings: Any) -> str:
        if self.env is None:
            self.env = live_project(self.project)
        if accounts is not None:  # name -> hash, written before the server reads them
            editors = {name: {"password_hash": h} for name, h in accounts.items()}
            (self.project / "editors.json").write_text(json.dumps({"editors": editors}), "utf-8")
        config_path = self.project / "datasette.yaml"
        config = yaml.safe_load(config_path.read_text("utf-8"))
        config["plugins"]["claimdesk"].update(settings)
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        port = free_port()
        self.processes.append(start_server(self.project, self.env, port))
        return f"http://127.0.0.1:{port}"

    def peak_memory(self) -> int:
        """The newest server's peak resident memory, in bytes."""
        status = Path(f"/proc/{self.processes[-1].pid}/status").read_text("utf-8")
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) * 1024


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    servers = Serve(tmp_path)
    yield servers
    for process in servers.processes:
        process.terminate()
        process.wait(timeout=30)


def _basic(name: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"authorization": f"Basic {token}"}


def _editor_cli(tmp_path: Path, *args: str, password: str = "") -> None:
    claimdesk = str(Path(sys.executable).parent / "claimdesk")
    env = {"CLAIMDESK_EDITORS": str(tmp_path / "editors.json"), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [claimdesk, "editor", *args], env=env, input=password.encode(), check=True, timeout=60
    )


def _a_claim(project: Path) -> str:
    stored = yaml.safe_load((project / "claims" / SEED / "claims.yml").read_text("utf-8"))
    return str(stored["claims"][0]["id"])


def _login(client: httpx.Client, base: str, name: str, password: str, **headers: str) -> int:
    response = client.post(
        f"{base}/-/login",
        data={"username": name, "password": password},
        headers=headers,
        follow_redirects=False,
    )
    return response.status_code


def _on_desk(client: httpx.Client, base: str) -> bool:
    return client.get(f"{base}/desk", follow_redirects=False).status_code == 200


# --- 1. HTTP Basic auth ----------------------------------------------------------------------


def test_basic_auth_is_ignored_unless_a_setting_asks_for_it(serve: Serve) -> None:
    base = serve()
    private = httpx.get(f"{base}/reviews/events.json", headers=_basic("amy", PASSWORD))
    assert private.status_code == 403


def test_basic_auth_when_set_is_throttled_like_the_form(serve: Serve) -> None:
    base = serve(basic_auth=True)
    with httpx.Client(timeout=30) as client:
        for n in range(12):
            wrong = client.get(f"{base}/reviews/events.json", headers=_basic("amy", f"wrong{n}"))
            assert wrong.status_code in (401, 429)
        right = client.get(f"{base}/reviews/events.json", headers=_basic("amy", PASSWORD))
    assert right.status_code == 429


# --- 2. the lock on a name ---------------------------------------------------------------------


def test_a_username_sent_twice_is_refused(serve: Serve) -> None:
    base = serve()
    form = f"username=ben&username=amy&password={PASSWORD.replace(' ', '+')}"
    response = httpx.post(
        f"{base}/-/login",
        content=form,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "ds_actor" not in response.cookies


def test_a_login_form_with_more_fields_than_it_has_is_refused(serve: Serve) -> None:
    base = serve()
    form = "username=amy&password=x&" + "&".join(f"f{n}=1" for n in range(20))
    response = httpx.post(
        f"{base}/-/login",
        content=form,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400


def test_forty_concurrent_guesses_check_at_most_five_passwords(serve: Serve) -> None:
    base = serve()
    statuses: list[int] = []

    def guess(n: int) -> None:
        with httpx.Client(timeout=60) as client:
            statuses.append(_login(client, base, "amy", f"wrong{n}"))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - start
    assert len(statuses) == 40
    # Five, and then one more each time the growing delay has run out while they were sent.
    extra, waited = 0, 0.0
    while waited + FIRST_DELAY * 2**extra <= elapsed:
        waited += FIRST_DELAY * 2**extra
        extra += 1
    assert sum(1 for status in statuses if status != 429) <= MAX_FAILURES + extra


# --- 3. removal, expiry, sign-out ----------------------------------------------------------


def test_removing_an_editor_ends_their_session_and_sign_in_at_once(
    serve: Serve, tmp_path: Path
) -> None:
    base = serve()
    with httpx.Client(timeout=30) as client:
        sign_in(client, base, "amy")
        assert _on_desk(client, base)
        _editor_cli(tmp_path, "remove", "amy")
        assert not _on_desk(client, base)
        claim_id = _a_claim(tmp_path)
        assigned = client.post(f"{base}/desk/claim/{claim_id}/assign", follow_redirects=False)
        assert assigned.status_code == 403
        assert _login(client, base, "amy", PASSWORD) == 200


def test_an_editor_added_while_the_server_runs_can_sign_in_at_once(
    serve: Serve, tmp_path: Path
) -> None:
    base = serve()
    _editor_cli(tmp_path, "add", "carol", "--password-stdin", password=PASSWORD + "\n")
    with httpx.Client(timeout=30) as client:
        sign_in(client, base, "carol")
        assert _on_desk(client, base)


def test_a_cookie_from_before_sessions_opens_nothing(serve: Serve) -> None:
    base = serve()
    forged = Datasette(secret="test-secret").sign({"a": {"id": "amy", "editor": True}}, "actor")
    with httpx.Client(timeout=30, cookies={"ds_actor": forged}) as client:
        assert not _on_desk(client, base)
        assert client.get(f"{base}/reviews/events.json").status_code == 403


def test_each_sign_in_gets_a_new_cookie(serve: Serve) -> None:
    base = serve()
    cookies = []
    for _ in range(2):
        with httpx.Client(timeout=30) as client:
            sign_in(client, base, "amy")
            cookies.append(client.cookies["ds_actor"])
    assert cookies[0] != cookies[1]


def test_signing_out_ends_the_session_on_the_server(serve: Serve) -> None:
    base = serve()
    with httpx.Client(timeout=30) as client:
        sign_in(client, base, "amy")
        cookie = client.cookies["ds_actor"]
        client.post(f"{base}/-/logout", follow_redirects=False)
    with httpx.Client(timeout=30, cookies={"ds_actor": cookie}) as replay:
        assert not _on_desk(replay, base)


def test_a_session_ends_after_the_idle_limit(serve: Serve) -> None:
    base = serve(session_hours=2 / 3600)  # two seconds
    with httpx.Client(timeout=30) as client:
        sign_in(client, base, "amy")
        assert _on_desk(client, base)
        time.sleep(3)
        assert not _on_desk(client, base)


def test_a_session_survives_a_restart(serve: Serve) -> None:
    first = serve()
    with httpx.Client(timeout=30) as client:
        sign_in(client, first, "amy")
        cookie = client.cookies["ds_actor"]
    second = serve()
    with httpx.Client(timeout=30, cookies={"ds_actor": cookie}) as client:
        assert _on_desk(client, second)


# --- 4. cookie flags -------------------------------------------------------------------------


def test_the_session_cookie_is_httponly_and_samesite_lax(serve: Serve) -> None:
    base = serve()
    response = httpx.post(f"{base}/-/login", data={"username": "amy", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie


def test_the_session_cookie_is_secure_when_the_setting_says_https(serve: Serve) -> None:
    base = serve(secure_cookies=True)
    response = httpx.post(f"{base}/-/login", data={"username": "amy", "password": PASSWORD})
    assert "secure" in response.headers["set-cookie"].lower()


# --- 5. locking out, and telling names apart -------------------------------------------------


def test_failures_from_elsewhere_do_not_lock_an_editor_out(serve: Serve) -> None:
    base = serve(trusted_proxies=["127.0.0.1"])
    with httpx.Client(timeout=30) as client:
        for n in range(12):
            _login(client, base, "amy", f"wrong{n}", **{"x-forwarded-for": "203.0.113.9"})
        assert _login(client, base, "amy", PASSWORD, **{"x-forwarded-for": "198.51.100.7"}) == 302


def test_an_unknown_name_takes_as_long_as_an_editors(serve: Serve) -> None:
    # A realistic hash for amy, so that checking it takes long enough to measure.
    slow = {"amy": hash_password(PASSWORD, iterations=400_000)}
    base = serve(slow, trusted_proxies=["127.0.0.1"])

    def timed(name: str, n: int) -> float:
        start = time.perf_counter()
        with httpx.Client(timeout=60) as client:
            _login(client, base, name, "wrong", **{"x-forwarded-for": f"10.0.{n}.1"})
        return time.perf_counter() - start

    real = sorted(timed("amy", n) for n in range(3))[1]
    unknown = sorted(timed("nobody", 10 + n) for n in range(3))[1]
    assert unknown > real / 2


# --- 6. the event loop, and the password tool ------------------------------------------------


def test_the_password_tool_is_off(serve: Serve) -> None:
    base = serve()
    assert httpx.get(f"{base}/-/password-tool").status_code == 404
    assert httpx.post(f"{base}/-/password-tool", data={"password": "x"}).status_code == 404


def test_checking_passwords_leaves_pages_answering(serve: Serve) -> None:
    base = serve({"amy": hash_password(PASSWORD, iterations=3_000_000)})
    finished: list[float] = []
    start = time.perf_counter()

    def guess(n: int) -> None:
        with httpx.Client(timeout=120) as client:
            _login(client, base, "amy", f"wrong{n}")
        finished.append(time.perf_counter() - start)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    page_start = time.perf_counter()
    httpx.get(f"{base}/-/versions.json", timeout=120)
    page = time.perf_counter() - start
    page_took = time.perf_counter() - page_start
    for thread in threads:
        thread.join(timeout=120)
    # The page must not queue behind the hashing: it answers before the sign-ins do.
    assert page < min(finished), (page_took, finished)


# --- 7. what is read and what is remembered --------------------------------------------------


def test_a_huge_login_body_is_refused_without_reading_it_all(serve: Serve) -> None:
    base = serve()
    before = serve.peak_memory()
    huge = 96 * 1024 * 1024

    def body() -> Iterator[bytes]:
        yield b"username=amy&password="
        for _ in range(huge // (1024 * 1024)):
            yield b"x" * (1024 * 1024)

    try:
        response = httpx.post(
            f"{base}/-/login",
            content=body(),
            headers={"content-type": "application/x-www-form-urlencoded"},
            timeout=60,
        )
        assert response.status_code == 413
    except httpx.TransportError:
        pass  # the server may answer and close before the client has sent it all
    assert serve.peak_memory() - before < huge // 4


def test_the_throttle_remembers_no_name_an_editor_could_not_have() -> None:
    keys = throttle_keys("x" * 2_000_000, "203.0.113.9")
    assert max(len(key) for key in keys) < 100


def test_the_throttle_remembers_a_bounded_number_of_keys() -> None:
    throttle = Throttle()
    for n in range(MAX_KEYS + 500):
        throttle.fail(f"name:editor{n}|203.0.113.9")
    assert len(throttle.failures) <= MAX_KEYS


# --- 8. smaller ------------------------------------------------------------------------------


def test_a_malformed_basic_header_is_no_server_error(serve: Serve) -> None:
    base = serve()
    for header in ("Basic !!!", "Basic " + base64.b64encode(b"\xff\xfe").decode(), "Basic"):
        assert httpx.get(f"{base}/", headers={"authorization": header}).status_code == 200


def test_a_malformed_basic_header_is_refused_cleanly_when_basic_auth_is_on(serve: Serve) -> None:
    base = serve(basic_auth=True)
    response = httpx.get(f"{base}/", headers={"authorization": "Basic !!!"})
    assert response.status_code == 400


def test_an_editor_named_like_a_password_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(tmp_path / "editors.json"))
    result = CliRunner().invoke(
        cli, ["editor", "add", "amy_password_hash", "--password-stdin"], input=PASSWORD
    )
    assert result.exit_code == 1


def test_x_forwarded_for_from_loopback_is_not_trusted_by_default(serve: Serve) -> None:
    base = serve()
    with httpx.Client(timeout=30) as client:
        for n in range(MAX_ADDRESS_FAILURES):
            forwarded = {"x-forwarded-for": f"198.51.100.{n}"}
            assert _login(client, base, f"nobody{n}", "wrong", **forwarded) == 200
        spoofed = {"x-forwarded-for": "198.51.100.200"}
        assert _login(client, base, "nobody-else", "wrong", **spoofed) == 429
