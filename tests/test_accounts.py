"""Editors' accounts, the signing secret, and the sign-in throttle."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.web.desk.accounts import load_accounts, server_secret
from claimdesk.web.desk.auth import FIRST_DELAY, MAX_FAILURES, WINDOW, Throttle
from conftest import ARTICLE, CLAIMS_YML, ROOT, write_article
from desk_fixtures import PASSWORD, desk_datasette, write_accounts


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "editors.json"
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(path))
    monkeypatch.delenv("DATASETTE_SECRET", raising=False)
    return path


def _editor(*args: str, password: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["editor", *args], input=password)
    assert result.exit_code == 0, result.output
    return result.output


def test_editor_add_asks_twice_and_stores_only_a_hash(accounts: Path) -> None:
    _editor("add", "amy", password=f"{PASSWORD}\n{PASSWORD}\n")
    stored = accounts.read_text("utf-8")
    assert PASSWORD not in stored
    assert json.loads(stored)["editors"]["amy"]["password_hash"].startswith("pbkdf2_sha256$")
    assert accounts.stat().st_mode & 0o777 == 0o600


def test_editor_add_refuses_two_different_passwords(accounts: Path) -> None:
    result = CliRunner().invoke(
        cli, ["editor", "add", "amy"], input=f"{PASSWORD}\nsomething else entirely\n" * 3
    )
    assert "do not match" in result.output
    assert result.exit_code == 1  # asked again until the input ran out: aborted
    assert "amy" not in load_accounts()


def test_editor_list_and_remove(accounts: Path) -> None:
    for name in ("amy", "ben"):
        _editor("add", name, "--password-stdin", password=PASSWORD + "\n")
    assert _editor("list").split() == ["amy", "ben"]
    _editor("remove", "amy")
    assert _editor("list").split() == ["ben"]


def test_a_short_password_or_odd_name_is_refused(accounts: Path) -> None:
    short = CliRunner().invoke(cli, ["editor", "add", "amy", "--password-stdin"], input="abc\n")
    assert short.exit_code == 1
    assert "password: use at least" in short.output
    odd = CliRunner().invoke(
        cli, ["editor", "add", "amy_password_hash x", "--password-stdin"], input=PASSWORD
    )
    assert odd.exit_code == 1


def test_the_secret_is_generated_once_and_kept(accounts: Path) -> None:
    first = server_secret()
    assert server_secret() == first
    assert accounts.with_name("datasette-secret").stat().st_mode & 0o777 == 0o600
    os.environ["DATASETTE_SECRET"] = "from-the-environment"
    try:
        assert server_secret() == "from-the-environment"
    finally:
        del os.environ["DATASETTE_SECRET"]


async def test_a_sign_in_survives_a_restart(tmp_path: Path, accounts: Path) -> None:
    accounts.parent.mkdir(parents=True)
    write_accounts(accounts)
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    secret = server_secret()

    async def server() -> Datasette:
        # `claimdesk serve` hands Datasette this secret through $DATASETTE_SECRET.
        return await desk_datasette(tmp_path / "claimdesk.db", tmp_path / "claims", secret)

    before = await server()
    login = await before.client.post("/-/login", data={"username": "amy", "password": PASSWORD})
    cookie = login.cookies["ds_actor"]
    after = await server()  # a new process would read the same secret file
    page = await after.client.get("/desk", cookies={"ds_actor": cookie})
    assert page.status_code == 200


def test_throttle_slows_a_name_and_address_after_five_failures_with_a_growing_delay() -> None:
    now = [1000.0]
    throttle = Throttle(clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        assert throttle.wait("name:amy|1.2.3.4") == 0
        throttle.fail("name:amy|1.2.3.4", "address:1.2.3.4")
    assert throttle.wait("name:amy|1.2.3.4") == pytest.approx(FIRST_DELAY)
    assert throttle.wait("address:1.2.3.4") == 0  # an address holds several editors
    assert throttle.wait("name:amy|5.6.7.8") == 0
    now[0] += FIRST_DELAY
    throttle.fail("name:amy|1.2.3.4")
    assert throttle.wait("name:amy|1.2.3.4") == pytest.approx(2 * FIRST_DELAY)
    now[0] += WINDOW + 1
    assert throttle.wait("name:amy|1.2.3.4") == 0


async def test_the_login_page_says_when_a_name_is_locked(tmp_path: Path, accounts: Path) -> None:
    accounts.parent.mkdir(parents=True)
    write_accounts(accounts)
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    ds = await desk_datasette(tmp_path / "claimdesk.db", tmp_path / "claims")
    for _ in range(MAX_FAILURES):
        wrong = await ds.client.post("/-/login", data={"username": "amy", "password": "nope"})
        assert wrong.status_code == 200
        assert "Invalid username or password" in wrong.text
    locked = await ds.client.post("/-/login", data={"username": "amy", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert "ds_actor" not in locked.cookies


async def test_a_good_sign_in_lands_on_the_desk(tmp_path: Path, accounts: Path) -> None:
    accounts.parent.mkdir(parents=True)
    write_accounts(accounts)
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    ds = await desk_datasette(tmp_path / "claimdesk.db", tmp_path / "claims")
    response = await ds.client.post("/-/login", data={"username": "ben", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["location"] == "/desk"


def test_no_secret_is_committed() -> None:
    """Password hashes, signing secrets and private keys come from the environment only."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    suspicious = re.compile(
        r"pbkdf2_sha256\$\d+\$|-----BEGIN [A-Z ]*PRIVATE KEY-----|DATASETTE_SECRET\s*=\s*\S{8,}"
    )
    found = []
    for name in tracked:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".db"} or "tests/" in name:
            continue
        text = path.read_text("utf-8", errors="ignore")
        found += [name for _ in suspicious.finditer(text)]
    assert found == []
