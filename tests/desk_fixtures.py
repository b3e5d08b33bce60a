"""Fixtures for the desk: editors' accounts in a file outside the repository, and a Datasette
configured to read claims/ from tmp_path."""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from conftest import load_yaml

PASSWORD = "correct horse battery"
EDITORS = ("amy", "ben")


def write_accounts(path: Path, names: tuple[str, ...] = EDITORS) -> Path:
    # Few PBKDF2 rounds: the hash format is the real one, the test just needs no 0.3 s a try.
    editors = {n: {"password_hash": hash_password(PASSWORD, iterations=1000)} for n in names}
    path.write_text(json.dumps({"editors": editors}), encoding="utf-8")
    return path


def desk_config(claims_dir: Path) -> dict[str, Any]:
    config = load_yaml("datasette.yaml")
    config["plugins"]["claimdesk"]["claims_dir"] = str(claims_dir)
    return config


async def desk_datasette(db: Path, claims_dir: Path, secret: str | None = None) -> Datasette:
    datasette = Datasette(
        [str(db), str(db.with_name("reviews.db"))],
        metadata=load_yaml("metadata.yml"),
        config=desk_config(claims_dir),
        secret=secret,
    )
    await datasette.invoke_startup()
    return datasette


def editor(name: str) -> dict[str, Any]:
    """A signed-in editor's actor for `ds.client`: a real session in the store beside
    $CLAIMDESK_EDITORS, since the server refuses an actor cookie without one."""
    from claimdesk.web.desk.accounts import accounts_path
    from claimdesk.web.desk.sessions import SESSIONS_FILE, SessionStore

    session = SessionStore(accounts_path().with_name(SESSIONS_FILE)).create(name)
    return {"id": name, "editor": True, "session": session}


def idc_project(tmp_path: Path, editors_env: dict[str, str]) -> Path:
    """conftest's idc-market article, built, with editors' accounts (their path is put in
    `editors_env` under CLAIMDESK_EDITORS, for monkeypatch.setitem(os.environ, ...))."""
    from claimdesk.database.build import build
    from conftest import ARTICLE, CLAIMS_YML, write_article

    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    editors_env["CLAIMDESK_EDITORS"] = str(write_accounts(tmp_path / "editors.json"))
    return tmp_path


def run_cli(project: Path, *args: str, editor: str = "amy", code: int = 0) -> str:
    """A claimdesk command on the project, as `editor`; its output, once its exit status is
    `code`."""
    from click.testing import CliRunner

    from claimdesk.cli.main import cli

    db = ["--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")]
    result = CliRunner().invoke(cli, [*args, *db], env={"CLAIMDESK_EDITOR": editor})
    assert result.exit_code == code, result.output
    return result.output


# --- a real server on 127.0.0.1 ------------------------------------------------------------


def live_project(tmp_path: Path, names: tuple[str, ...] = EDITORS) -> dict[str, str]:
    """A project folder with the seed's claims, the checked-in config and editors' accounts;
    returns the environment a server for it runs with."""
    import os
    import shutil

    from conftest import ROOT

    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    accounts = write_accounts(tmp_path / "editors.json", names)
    return {**os.environ, "CLAIMDESK_EDITORS": str(accounts), "DATASETTE_SECRET": "test-secret"}


def start_server(project: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    import sys

    from conftest import wait_for

    claimdesk = str(Path(sys.executable).parent / "claimdesk")
    log = (project / f"server-{port}.log").open("ab")
    process = subprocess.Popen(
        [claimdesk, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=project,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        # Generous: a busy CI machine builds, imports and starts Datasette more slowly.
        wait_for(f"http://127.0.0.1:{port}/claimdesk.json", deadline_seconds=90)
    except OSError as error:
        process.kill()
        tail = (project / f"server-{port}.log").read_text("utf-8", "replace")[-3000:]
        raise AssertionError(f"the server did not come up: {error}\n{tail}") from None
    return process


def sign_in(client: httpx.Client, base: str, name: str) -> None:
    """Sign in through the real login form, as a browser does."""
    response = client.post(
        f"{base}/-/login", data={"username": name, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 302, response.text


@contextlib.contextmanager
def serving(project: Path, env: dict[str, str]) -> Iterator[str]:
    """`claimdesk serve` on the project, on a free port of 127.0.0.1, for as long as the block
    lasts; gives its address."""
    from conftest import free_port

    port = free_port()
    server = start_server(project, env, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def serving_as_configured(project: Path) -> Iterator[str]:
    """`serving`, once the project has the checked-in configuration and editors' accounts."""
    import os
    import shutil

    from conftest import ROOT

    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, project / name)
    accounts = write_accounts(project / "editors.json")
    env = {**os.environ, "CLAIMDESK_EDITORS": str(accounts), "DATASETTE_SECRET": "test-secret"}
    with serving(project, env) as base:
        yield base
