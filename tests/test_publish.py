"""`claimdesk publish DIR`: the public site as an immutable folder, served for real.

A desk (the seed's claims/ and a newsroom with every kind of decision, an editor's account,
a session and the server's secret) is published with the real command; the folder is then
served by `datasette serve --immutable` in a child process on 127.0.0.1, with the desk's
accounts and secret in its environment, as a careless deploy on the desk's machine would.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette

from claimdesk.cli import cli
from claimdesk.database.build import build
from claimdesk.publish.artifact import FLY_PUBLISH, build_fingerprint, public_config
from claimdesk.reports import REPORTS_FILE, file_report, read_report
from claimdesk.review import Assign, Verify, dump_event_line, new_event
from claimdesk.web.desk.accounts import add_editor, server_secret
from claimdesk.web.desk.sessions import SESSIONS_FILE, SessionStore
from conftest import ROOT, free_port, user_tables, wait_for
from public_fixtures import (
    A_GROWTH,
    A_MARKET,
    INTERNAL_NOTE,
    PENDING_EXPLANATION,
    TRADITIONAL,
    write_newsroom,
)

pytest_plugins = ["public_fixtures"]

# Someone who only ever assigned a claim to himself: his name is in reviews.db, never public.
PRIVATE_EDITOR = "zed-desk-only"
PRIVATE_EVIDENCE = "https://evidence.example.org/private-draft-4c1d"
PRIVATE_QUOTE = "草稿中的證據摘錄 9e2f"
PASSWORD = "correct horse battery staple"
# A reader's report in reports.db beside the desk's databases: never public.
READER_PROBLEM = "讀者說這個數字錯了 6c0e"
READER_EMAIL = "reader-private-41f7@example.org"
READER_EVIDENCE = "https://evidence.example.org/reader-3a9b"
VERSION = importlib.metadata.version("claimdesk")
WHEEL = f"claimdesk-{VERSION}-py3-none-any.whl"
# Event fields that carry what editors wrote; the rest (types, times, claim ids) are public.
WRITTEN_FIELDS = ("id", "editor", "note", "evidence_quote", "evidence_url", "reason")


@dataclass(frozen=True)
class Desk:
    root: Path
    claims_dir: Path
    db_path: Path
    accounts: Path
    secret: str
    session: str
    site: Path
    output: str


def _private_decisions(claims_dir: Path) -> None:
    """Work in progress no editor has published: an assignment, a pending verification."""
    lines = [
        new_event(Assign, editor=PRIVATE_EDITOR, claim_id=A_MARKET.key),
        new_event(
            Verify,
            editor=PRIVATE_EDITOR,
            claim_id=A_GROWTH.key,
            verdict="incorrect",
            evidence_url=PRIVATE_EVIDENCE,
            evidence_quote=PRIVATE_QUOTE,
            explanations={"en": "A draft explanation nobody approved 81ac."},
            note="內部：還要再查 3b7a",
        ),
    ]
    with (claims_dir / TRADITIONAL / "reviews.jsonl").open("a", encoding="utf-8") as log:
        log.writelines(dump_event_line(event) + "\n" for event in lines)


def _publish(desk_root: Path, site: Path, *extra: str) -> Any:
    """Publish DESK_ROOT/claims into SITE; an option in `extra` overrides these (click keeps
    the last value given)."""
    return CliRunner().invoke(
        cli,
        [
            "publish",
            str(site),
            "--claims-dir",
            str(desk_root / "claims"),
            "--db",
            str(desk_root / "claimdesk.db"),
            "--metadata",
            str(ROOT / "metadata.yml"),
            "--config",
            str(ROOT / "datasette.yaml"),
            *extra,
        ],
    )


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    root = tmp_path_factory.mktemp("desk")
    claims_dir = root / "claims"
    shutil.copytree(ROOT / "claims", claims_dir)
    write_newsroom(claims_dir)
    _private_decisions(claims_dir)
    file_report(
        root / REPORTS_FILE,
        read_report(
            {"claim_id": str(A_MARKET.id), "problem": READER_PROBLEM, "email": READER_EMAIL,
             "evidence_url": READER_EVIDENCE}
        ),
    )  # fmt: skip
    accounts = root / "config" / "editors.json"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CLAIMDESK_EDITORS", str(accounts))
        env.delenv("DATASETTE_SECRET", raising=False)
        add_editor("amy", PASSWORD, accounts)
        session = SessionStore(accounts.with_name(SESSIONS_FILE)).create("amy")
        secret = server_secret(accounts)
        site = root / "site"
        result = _publish(root, site)  # no database yet: publish builds first
    assert result.exit_code == 0, result.output
    yield Desk(
        root, claims_dir, root / "claimdesk.db", accounts, secret, session, site, result.output
    )


@pytest.fixture(scope="module")
def server(desk: Desk) -> Iterator[str]:
    """The artifact served as its manifest says, with the desk's accounts and secret around."""
    port = free_port()
    manifest = json.loads((desk.site / "manifest.json").read_text(encoding="utf-8"))
    command = shlex.split(manifest["serve"])
    assert command[:2] == ["datasette", "serve"]
    environment = {
        **os.environ,
        "CLAIMDESK_EDITORS": str(desk.accounts),
        "DATASETTE_SECRET": desk.secret,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", *command, "--host", "127.0.0.1", "--port", str(port)],
        cwd=desk.site,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _request(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- what the folder holds -------------------------------------------------------------------


def test_publish_builds_first_when_the_databases_are_not_current(desk: Desk) -> None:
    assert "built" in desk.output and "no claimdesk.db yet" in desk.output
    assert desk.db_path.exists()


def test_the_artifact_holds_the_public_files_and_nothing_else(desk: Desk) -> None:
    names = sorted(p.relative_to(desk.site).as_posix() for p in desk.site.rglob("*"))
    assert names == [
        "claimdesk.db",
        "manifest.json",
        "metadata.yml",
        "server",
        f"server/{WHEEL}",
        "server/datasette.yaml",
        "server/requirements.txt",
    ]
    # Written beside DIR and renamed: no staging folder is left behind.
    assert sorted(p.name for p in desk.root.iterdir() if p.name.startswith(".")) == []


def test_the_manifest_names_every_file_with_its_sha256_and_the_build(desk: Desk) -> None:
    manifest = json.loads((desk.site / "manifest.json").read_text(encoding="utf-8"))
    files = {
        p.relative_to(desk.site).as_posix(): _sha256(p)
        for p in desk.site.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == files
    with sqlite3.connect(desk.db_path) as source:
        digests = dict(source.execute("select article_id, digest from built_articles"))
        version = source.execute("select value from claimdesk_build where key = 'version'")
        expected = build_fingerprint(version.fetchone()[0], digests)
    assert manifest["claimdesk_build"]["fingerprint"] == expected
    assert manifest["claimdesk_build"]["articles"] == len(digests) == 4


def test_the_database_is_one_compact_file_with_every_public_row(desk: Desk) -> None:
    copy = desk.site / "claimdesk.db"
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: no -wal, no -shm
    with sqlite3.connect(desk.db_path) as source, sqlite3.connect(copy) as published:
        assert published.execute("pragma integrity_check").fetchone() == ("ok",)
        assert published.execute("pragma freelist_count").fetchone() == (0,)
        for table in user_tables(source):
            if table == "claimdesk_build":
                continue  # the desk's claims/ path is left out (next test)
            query = f"select * from [{table}] order by 1"
            assert published.execute(query).fetchall() == source.execute(query).fetchall()


def test_the_config_has_no_desk_no_sign_in_and_no_arbitrary_sql(desk: Desk) -> None:
    config = yaml.safe_load((desk.site / "server/datasette.yaml").read_text(encoding="utf-8"))
    assert set(config["databases"]) == {"claimdesk"}
    assert config["databases"]["claimdesk"]["allow_sql"] is False
    assert config["settings"]["allow_signed_tokens"] is False
    assert config["plugins"]["claimdesk"]["public_only"] is True
    assert "session_hours" not in config["plugins"]["claimdesk"]
    metadata = yaml.safe_load((desk.site / "metadata.yml").read_text(encoding="utf-8"))
    assert set(metadata["databases"]) == {"claimdesk"}


def test_the_public_config_grants_nothing_the_desk_config_grants() -> None:
    """What a newsroom may add to its desk's datasette.yaml does not reach a replica: another
    plugin's settings (a secret), granted permissions, the desk's own settings."""
    desk_config = {
        "permissions": {"insert-row": True},
        "plugins": {
            "datasette-auth-tokens": {"tokens": [{"token": "s3cret-token-77"}]},
            "claimdesk": {"organisation": "Desk", "claims_dir": "/home/amy/claims"},
        },
        "databases": {
            "claimdesk": {"permissions": {"drop-table": True}, "allow_sql": True},
            "reviews": {"allow": {"editor": True}},
        },
    }
    assert public_config(desk_config) == {
        "plugins": {"claimdesk": {"organisation": "Desk", "public_only": True}},
        "databases": {"claimdesk": {"allow_sql": False}},
        "settings": {"allow_signed_tokens": False, "default_allow_sql": False},
    }


def test_the_server_gets_the_plugin_and_datasette_as_locked(desk: Desk) -> None:
    requirements = (desk.site / "server/requirements.txt").read_text(encoding="utf-8")
    assert "datasette==1.0a41\n" in requirements
    assert "\nclaimdesk" not in requirements  # the wheel is the plugin
    locked = (ROOT / "uv.lock").read_text(encoding="utf-8")
    for line in requirements.splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split(";")[0].strip().split("==")
            assert f'name = "{name}"\nversion = "{version}"' in locked, line
    dist_info = f"claimdesk-{VERSION}.dist-info"
    with zipfile.ZipFile(desk.site / "server" / WHEEL) as wheel:
        names = wheel.namelist()
        entry_points = wheel.read(f"{dist_info}/entry_points.txt").decode()
        requires = wheel.read(f"{dist_info}/METADATA").decode()
    assert "claimdesk/web/public_only.py" in names
    assert "claimdesk/web/templates/public/claim.html" in names
    assert "[datasette]\nclaimdesk = claimdesk.web" in entry_points
    assert "Requires-Dist: datasette==1.0a41" in requires


# --- no private byte -------------------------------------------------------------------------


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _private_strings(desk: Desk) -> set[str]:
    """What editors wrote that is in reviews.db and in no public row."""
    with sqlite3.connect(desk.db_path) as public:
        cells = [
            str(cell)
            for table in user_tables(public)
            for row in public.execute(f"select * from [{table}]")
            for cell in row
            if isinstance(cell, str)
        ]
    public_text = "\n".join(cells)
    written: set[str] = set()
    with sqlite3.connect(desk.db_path.with_name("reviews.db")) as reviews:
        for (line,) in reviews.execute("select event from events"):
            event = json.loads(line)
            written.update(s for f in WRITTEN_FIELDS for s in _texts(event.get(f)))
            written.update(_texts(event.get("explanations") or {}))
    with sqlite3.connect(desk.db_path.with_name(REPORTS_FILE)) as reports:
        for row in reports.execute("select id, problem, evidence_url, email from reports"):
            written.update(cell for cell in row if cell)
    # Shorter words (a verdict, "pending") are in any code; every private string here is longer.
    return {s for s in written if len(s) >= 8 and s not in public_text}


def _secrets(desk: Desk) -> set[str]:
    accounts = json.loads(desk.accounts.read_text(encoding="utf-8"))
    password_hash = accounts["editors"]["amy"]["password_hash"]
    return {password_hash, desk.session, desk.secret, PASSWORD, str(desk.claims_dir.resolve())}


def _blobs(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every file's bytes, and every member of every zip (a wheel) uncompressed."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        yield path.name, raw
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path.name}!{member}", archive.read(member)


def _database_cells(path: Path) -> Iterator[tuple[str, str]]:
    """Every text cell of every table, FTS storage included: a long value spans pages, so a
    byte search alone could miss it."""
    with sqlite3.connect(path) as connection:
        tables = [
            r[0] for r in connection.execute("select name from sqlite_master where type = 'table'")
        ]
        for table in tables:
            for row in connection.execute(f"select * from [{table}]"):
                for cell in row:
                    if isinstance(cell, str):
                        yield table, cell
                    elif isinstance(cell, bytes):
                        yield table, cell.decode("utf-8", "replace")


def test_the_scan_knows_what_is_private(desk: Desk) -> None:
    """The privacy test below must have something to look for."""
    private = _private_strings(desk)
    for expected in (
        INTERNAL_NOTE,
        PENDING_EXPLANATION,
        PRIVATE_EDITOR,
        PRIVATE_EVIDENCE,
        PRIVATE_QUOTE,
        READER_PROBLEM,
        READER_EMAIL,
        READER_EVIDENCE,
    ):
        assert expected in private
    ids = {s for s in private if s.count("-") == 4 and len(s) == 36}
    assert len(ids) >= 3  # the pending verifications and the assignment


def test_no_private_byte_is_in_the_artifact(desk: Desk) -> None:
    forbidden = _private_strings(desk) | _secrets(desk)
    found = [
        (name, secret)
        for name, raw in _blobs(desk.site)
        for secret in forbidden
        if secret.encode() in raw
    ]
    found += [
        (f"claimdesk.db:{table}", secret)
        for table, cell in _database_cells(desk.site / "claimdesk.db")
        for secret in forbidden
        if secret in cell
    ]
    assert found == []


# --- served read-only ------------------------------------------------------------------------

PUBLIC_PAGES = [
    "/",
    f"/article/{TRADITIONAL}",
    f"/article/{next(p.name for p in (ROOT / 'claims').iterdir())}",
    f"/claim/{A_MARKET.id}",
    f"/claim/{A_MARKET.id}/card.png",  # its og:image, rendered by the plugin
    "/source/IDC",
    "/sources",
    "/progress",
    "/feed.atom",
    "/search?q=" + urllib.parse.quote("晶片"),
    "/claimdesk/claims",
    "/claimdesk/claims?_facet=status",
    "/methods",
    "/corrections",
]


DESK_PAGES = [
    "/desk",
    f"/desk/claim/{A_MARKET.key}",
    f"/desk/article/{TRADITIONAL}",
    "/-/login",
    "/-/password-tool",
    "/reviews",
]


ANSWERS = [(path, 200) for path in PUBLIC_PAGES] + [(path, 404) for path in DESK_PAGES]


@pytest.mark.parametrize(("path", "status"), ANSWERS)
def test_every_public_page_answers_and_the_desk_and_sign_in_are_absent(
    server: str, path: str, status: int
) -> None:
    assert _request(server + path)[0] == status, path


def test_no_page_links_to_the_absent_sign_in(server: str) -> None:
    """datasette-auth-passwords puts "Log in" in Datasette's menu; a replica has no sign-in."""
    for path in ("/claimdesk/claims", "/claimdesk", "/", f"/claim/{A_MARKET.id}"):
        status, body = _request(server + path)
        assert status == 200 and b"/-/login" not in body, path


def test_a_replica_lets_a_cdn_keep_every_public_page_even_for_a_cookie(server: str) -> None:
    """A replica sees nobody's identity, so Datasette's views are as public as its own pages:
    a CDN keeps one copy of each, with the data's tag, whatever cookies readers carry."""
    import httpx

    for path in PUBLIC_PAGES:
        anonymous = httpx.get(server + path)
        with_cookie = httpx.get(server + path, headers={"cookie": "ds_actor=x; _ga=1"})
        for response in (anonymous, with_cookie):
            assert response.status_code == 200, path
            assert response.headers["cache-control"].startswith("public, max-age="), path
            assert "cookie" not in response.headers.get("vary", "").lower(), path
        assert with_cookie.headers["etag"] == anonymous.headers["etag"], path
        repeat = httpx.get(server + path, headers={"if-none-match": anonymous.headers["etag"]})
        assert repeat.status_code == 304, path


def _writes() -> list[tuple[str, bytes, str]]:
    form = "application/x-www-form-urlencoded"
    as_json = "application/json"
    return [
        (f"/desk/claim/{A_MARKET.key}/assign", b"last_event_id=", form),
        (f"/desk/claim/{A_MARKET.key}/verify", b"verdict=correct", form),
        (f"/desk/article/{TRADITIONAL}/add-claim", b"start=0&end=2", form),
        ("/-/login", f"username=amy&password={PASSWORD}".encode(), form),
        ("/claimdesk/claims/-/insert", json.dumps({"row": {"id": "x"}}).encode(), as_json),
        (f"/claimdesk/claims/{A_MARKET.key}/-/update", b'{"update": {"text": "x"}}', as_json),
        (f"/claimdesk/claims/{A_MARKET.key}/-/delete", b"{}", as_json),
        ("/claimdesk/claims/-/drop", b'{"confirm": true}', as_json),
        ("/claimdesk/-/create", b'{"table": "t", "columns": [{"name": "a"}]}', as_json),
        ("/-/create-token", b"expire_type=&expire_duration=", form),
        ("/report", f"claim_id={A_MARKET.id}&problem=wrong".encode(), form),
    ]


@pytest.mark.parametrize(("path", "body", "content_type"), _writes())
def test_every_write_is_refused(
    desk: Desk, server: str, path: str, body: bytes, content_type: str
) -> None:
    before = _sha256(desk.site / "claimdesk.db")
    status, _ = _request(server + path, "POST", body, {"content-type": content_type})
    # 405: Datasette reads /report, which a replica does not have, as a database's address.
    assert status in (403, 404, 405), path
    assert _sha256(desk.site / "claimdesk.db") == before


def test_a_desk_cookie_makes_nobody_an_editor(desk: Desk, server: str) -> None:
    """Even a replica given the desk's own secret: a valid editor's cookie is not read, so
    neither ?sql= nor the desk opens."""
    forged = Datasette(secret=desk.secret).sign(
        {"a": {"id": "amy", "editor": True, "session": desk.session}}, "actor"
    )
    headers = {"cookie": f"ds_actor={forged}"}
    sql = "/claimdesk/-/query?sql=" + urllib.parse.quote("select * from built_articles")
    assert _request(server + sql, headers=headers)[0] == 403
    assert _request(server + "/desk", headers=headers)[0] == 404
    status, body = _request(server + "/-/actor.json", headers=headers)
    assert status == 200 and json.loads(body)["actor"] is None


def test_the_artifact_installs_and_serves_on_its_own(desk: Desk, tmp_path: Path) -> None:
    """A fresh environment with only server/requirements.txt and the wheel (what a replica
    installs; the packages come from the registry or uv's cache) serves the public pages with
    the plugin from the wheel and Datasette 1.0a41."""
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv, "uv runs the tests (make test), so it names itself in $UV"
    venv = tmp_path / "replica"
    subprocess.run([uv, "venv", "-q", str(venv)], check=True)
    wheel = desk.site / "server" / WHEEL
    install = ["pip", "install", "-q", "--python", str(venv / "bin/python")]
    requirements = desk.site / "server/requirements.txt"
    subprocess.run([uv, *install, "-r", str(requirements), str(wheel)], check=True)
    port = free_port()
    manifest = json.loads((desk.site / "manifest.json").read_text(encoding="utf-8"))
    command = [*shlex.split(manifest["serve"]), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [str(venv / "bin/python"), "-m", *command],
        cwd=desk.site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json")
        versions = json.loads(_request(base + "/-/versions.json")[1])
        plugins = json.loads(_request(base + "/-/plugins.json")[1])
        page = _request(base + f"/claim/{A_MARKET.id}")
        card = _request(base + f"/claim/{A_MARKET.id}/card.png")
        desk_page = _request(base + "/desk")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert versions["datasette"]["version"] == "1.0a41"
    (ours,) = [p for p in plugins if p["name"] == "claimdesk"]
    assert ours["version"] == VERSION
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import claimdesk; print(claimdesk.__file__)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the wheel's copy, not this tree
    assert page[0] == 200 and A_MARKET.text.encode() in page[1]
    assert card[0] == 200 and card[1].startswith(b"\x89PNG\r\n\x1a\n")  # Pillow came along
    assert desk_page[0] == 404


# --- refusing to overwrite ---------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_kept_unless_replace_is_given(
    desk: Desk, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("someone's page", encoding="utf-8")
    refused = _publish(desk.root, site)
    assert refused.exit_code == 1
    assert "--replace" in refused.output and "資料夾不是空的" in refused.output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    replaced = _publish(desk.root, site, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert not (site / "index.html").exists()
    assert (site / "manifest.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing staged is left


def test_a_config_that_is_not_yaml_is_named(desk: Desk, tmp_path: Path) -> None:
    config = tmp_path / "datasette.yaml"
    config.write_text("plugins: [unclosed\n", encoding="utf-8")
    result = _publish(desk.root, tmp_path / "site", "--config", str(config))
    assert result.exit_code == 1
    assert f"{config}: not valid YAML" in result.output and "不是有效的 YAML" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["datasette.yaml"]


def test_a_publish_that_fails_midway_leaves_nothing_behind(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without uv the wheel cannot be built, after the database was already copied."""
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.delenv("UV", raising=False)
    result = _publish(desk.root, tmp_path / "site")
    assert result.exit_code == 1
    assert "publish needs uv" in result.output and "發布需要 uv" in result.output
    assert list(tmp_path.iterdir()) == []


# --- deploying with Datasette's own path -------------------------------------------------------


def test_datasette_publish_fly_generates_the_deployment_offline(desk: Desk, tmp_path: Path) -> None:
    """datasette-publish-fly writes the Dockerfile and fly.toml without flyctl or network:
    PATH has no flyctl, and every proxy variable points at a closed port."""
    out = tmp_path / "fly"
    offline = "http://127.0.0.1:9"
    environment = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "HTTP_PROXY": offline,
        "HTTPS_PROXY": offline,
        "ALL_PROXY": offline,
    }
    assert shutil.which("flyctl", path=environment["PATH"]) is None
    done = subprocess.run(
        [
            sys.executable, "-m", "datasette", *FLY_PUBLISH,
            "--app", "claimdesk-public", "--generate-dir", str(out),
        ],
        cwd=desk.site, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    dockerfile = (out / "Dockerfile").read_text(encoding="utf-8")
    run = next(line for line in dockerfile.splitlines() if line.startswith("RUN pip install"))
    assert run.endswith("-r plugins/requirements.txt plugins/claimdesk-*.whl")
    command = shlex.split(dockerfile.splitlines()[-1].removeprefix("CMD "))
    assert command[:2] == ["datasette", "serve"]
    assert command[command.index("-i") + 1] == "claimdesk.db"  # immutable
    assert command[command.index("--config") + 1] == "plugins/datasette.yaml"
    assert command[command.index("--metadata") + 1] == "metadata.json"
    assert "--inspect-file" in command  # counts computed once, at build time
    for name in ("claimdesk.db", "plugins/datasette.yaml", "plugins/requirements.txt"):
        assert (out / name).read_bytes() == (
            desk.site / name.replace("plugins/", "server/")
        ).read_bytes()
    assert (out / "plugins" / WHEEL).is_file()
    assert not (out / "reviews.db").exists()
    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata["databases"]) == {"claimdesk"}
    fly = (out / "fly.toml").read_text(encoding="utf-8")
    assert 'app = "claimdesk-public"' in fly and "internal_port = 8080" in fly
    assert "ENV PORT 8080" in dockerfile


def test_the_ci_workflow_in_the_docs_deploys_with_the_command_tested_here() -> None:
    """docs/deploy.md's workflow is YAML, and its deploy step is FLY_PUBLISH, which the test
    above runs."""
    deploy_md = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    start = deploy_md.index("```yaml\n# .github/workflows/publish.yml")
    workflow = yaml.safe_load(deploy_md[start + 8 : deploy_md.index("```\n", start)])
    steps = workflow["jobs"]["publish"]["steps"]
    (script,) = [s["run"] for s in steps if "datasette publish fly" in s.get("run", "")]
    words = shlex.split(script.replace("\\\n", " "))
    at = words.index("publish")
    assert tuple(words[at : at + len(FLY_PUBLISH)]) == FLY_PUBLISH
    assert words[at + len(FLY_PUBLISH) :][:2] == ["--app", "claimdesk-public"]


# --- restoring the desk from a clone -------------------------------------------------------------


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=desk", "-c", "user.email=desk@example.org", *args],
        cwd=cwd, check=True, capture_output=True,
    )  # fmt: skip


def test_a_clone_of_the_claims_repository_rebuilds_the_same_public_rows(
    tmp_path: Path, desk: Desk
) -> None:
    """git is the desk's replicated log: a fresh clone builds the public database again, row
    for row, and publishes an artifact with the same build fingerprint."""
    origin = tmp_path / "origin"
    shutil.copytree(desk.claims_dir, origin / "claims")
    _git("init", "-q", cwd=origin)
    _git("add", "claims", cwd=origin)
    _git("commit", "-q", "-m", "claims", cwd=origin)
    _git("clone", "-q", str(origin), str(tmp_path / "clone"), cwd=tmp_path)
    rebuilt = tmp_path / "clone" / "claimdesk.db"
    report = build(tmp_path / "clone" / "claims", rebuilt)
    assert report.problems == []
    with sqlite3.connect(desk.db_path) as before, sqlite3.connect(rebuilt) as after:
        tables = user_tables(before)
        assert tables == user_tables(after)
        for table in tables:
            query = f"select * from [{table}] order by 1"
            if table == "claimdesk_build":
                query = "select * from claimdesk_build where key != 'claims_dir' order by 1"
            assert after.execute(query).fetchall() == before.execute(query).fetchall(), table
        with sqlite3.connect(rebuilt.with_name("reviews.db")) as private:
            assert private.execute("select count(*) from events").fetchone()[0] > 0
    site = tmp_path / "clone-site"
    assert _publish(tmp_path / "clone", site).exit_code == 0
    fingerprint = [
        json.loads((s / "manifest.json").read_text(encoding="utf-8"))["claimdesk_build"]
        for s in (desk.site, site)
    ]
    assert fingerprint[0] == fingerprint[1]


def test_a_replica_takes_no_reports_and_says_where_to_write(server: str) -> None:
    """A replica has no reports.db: the claim and article pages name the e-mail address
    instead of the form, and nothing answers a report."""
    for path in (f"/claim/{A_MARKET.id}", f"/article/{TRADITIONAL}"):
        status, body = _request(server + path)
        assert status == 200 and b'action="/report"' not in body, path
        assert b"mailto:" in body and "請寫信告訴我們哪裡有錯".encode() in body, path
    assert _request(server + "/report/thanks")[0] == 404
