"""Cache headers (issue 16): public pages may be kept by a CDN, tagged with the data they show;
private pages never are. Over real HTTP on 127.0.0.1, where the headers live."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from datasette.app import Datasette

from claimdesk.database.build import build
from claimdesk.web.asgi import Message, Scope, Send
from claimdesk.web.caching import data_tag, with_cache_headers
from conftest import free_port
from desk_fixtures import live_project, run_cli, sign_in, start_server

SEED = "ai-chips-nvidia-biren"


class Site:
    def __init__(self, project: Path, base: str) -> None:
        self.project = project
        self.base = base
        connection = sqlite3.connect(project / "claimdesk.db")
        try:
            self.claim_id, self.source_id = connection.execute(
                "select id, source_id from claims where source_id is not null order by id limit 1"
            ).fetchone()
        finally:
            connection.close()

    def public_paths(self) -> list[str]:
        return [
            "/",
            f"/article/{SEED}",
            f"/claim/{self.claim_id}",
            f"/source/{urllib.parse.quote(self.source_id, safe='')}",
            "/sources",
            "/progress",
            "/feed.atom",
            "/search?q=" + urllib.parse.quote("晶片"),
            "/methods",
            "/corrections",
        ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = tmp_path_factory.mktemp("caching")
    env = live_project(project)
    port = free_port()
    process = start_server(project, env, port)
    try:
        yield Site(project, f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _vary(response: httpx.Response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("vary", "").split(",") if part}


def test_public_pages_may_be_kept_by_a_cdn_with_a_tag_of_their_data(site: Site) -> None:
    tags = set()
    for path in site.public_paths():
        response = httpx.get(site.base + path)
        assert response.status_code == 200, path
        control = response.headers["cache-control"]
        assert control.startswith("public, max-age="), (path, control)
        assert "private" not in control and "no-store" not in control, path
        # A CDN keeps one copy for every reader, not one per cookie.
        assert "cookie" not in _vary(response), path
        assert "authorization" not in _vary(response), path
        tags.add(response.headers["etag"])
    assert len(tags) == 1  # one tag of the data, for every page made from it


def test_a_repeat_with_the_tag_is_answered_304_without_a_body(site: Site) -> None:
    for path in site.public_paths():
        first = httpx.get(site.base + path)
        repeat = httpx.get(site.base + path, headers={"if-none-match": first.headers["etag"]})
        assert repeat.status_code == 304, path
        assert repeat.content == b""
        assert repeat.headers["etag"] == first.headers["etag"]
        assert repeat.headers["cache-control"] == first.headers["cache-control"]
        stale = httpx.get(site.base + path, headers={"if-none-match": '"something-else"'})
        assert stale.status_code == 200 and stale.content == first.content, path


def test_a_public_page_is_the_same_for_a_signed_in_editor(site: Site) -> None:
    """Why the Vary: Cookie can go: nothing on a public page depends on who asks."""
    with httpx.Client() as editor:
        sign_in(editor, site.base, "amy")
        assert editor.cookies  # signed in: the request carries the session cookie
        for path in site.public_paths():
            anonymous = httpx.get(site.base + path)
            signed_in = editor.get(site.base + path)
            assert signed_in.status_code == 200, path
            assert signed_in.content == anonymous.content, path
            assert signed_in.headers["etag"] == anonymous.headers["etag"], path


def test_private_pages_are_never_stored(site: Site) -> None:
    anonymous_private = ["/-/login", "/desk", f"/desk/claim/{site.claim_id}", "/-/actor"]
    for path in anonymous_private:
        response = httpx.get(site.base + path)
        assert response.headers["cache-control"] == "private, no-store", path
        assert "etag" not in response.headers, path
    with httpx.Client() as editor:
        sign_in(editor, site.base, "amy")
        for path in ["/desk", f"/desk/claim/{site.claim_id}", "/desk?status=unverified"]:
            response = editor.get(site.base + path)
            assert response.status_code == 200, path
            assert response.headers["cache-control"] == "private, no-store", path
            assert "etag" not in response.headers, path
            # A tag sent back is no way around it: the desk is always rendered afresh.
            again = editor.get(site.base + path, headers={"if-none-match": "*"})
            assert again.status_code == 200, path


def test_datasette_views_are_cached_for_anonymous_readers_only(site: Site) -> None:
    path = "/claimdesk/claims?_facet=status"
    anonymous = httpx.get(site.base + path)
    assert anonymous.headers["cache-control"].startswith("public, max-age=")
    assert "etag" in anonymous.headers
    # Datasette's pages show a signed-in editor's menu: they stay keyed on the cookie.
    assert {"cookie", "authorization"} <= _vary(anonymous)
    with httpx.Client() as editor:
        sign_in(editor, site.base, "amy")
        signed_in = editor.get(site.base + path)
        assert signed_in.headers["cache-control"] == "private, no-store"
        assert "etag" not in signed_in.headers
        # With credentials, a tag does not short-circuit the page.
        again = editor.get(site.base + path, headers={"if-none-match": anonymous.headers["etag"]})
        assert again.status_code == 200


def test_a_desk_write_changes_the_tag_and_a_stale_copy_is_sent_again(site: Site) -> None:
    path = f"/claim/{site.claim_id}"
    before = httpx.get(site.base + path)
    run_cli(site.project, "assign", site.claim_id)
    after = httpx.get(site.base + path, headers={"if-none-match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]
    again = httpx.get(site.base + path, headers={"if-none-match": after.headers["etag"]})
    assert again.status_code == 304


def test_the_tag_is_the_same_after_desk_writes_as_after_a_fresh_build(tmp_path: Path) -> None:
    """Tied to the data, not to how it was written: replicas built from the same claims/
    agree, and a desk write gives the tag a fresh build of its result would."""
    project = tmp_path / "desk"
    project.mkdir()
    live_project(project)
    build(project / "claims", project / "claimdesk.db")
    before = data_tag(project / "claimdesk.db")
    claim_id = (
        sqlite3.connect(project / "claimdesk.db")
        .execute("select id from claims order by id limit 1")
        .fetchone()[0]
    )
    run_cli(project, "assign", claim_id)
    written = data_tag(project / "claimdesk.db")
    replica = tmp_path / "replica"
    shutil.copytree(project / "claims", replica / "claims")
    build(replica / "claims", replica / "claimdesk.db", full=True)
    assert written is not None and written != before
    assert data_tag(replica / "claimdesk.db") == written


async def test_a_response_that_sets_a_cookie_is_never_public(ds: Datasette) -> None:
    """If a public page ever set a cookie, a CDN would hand one reader's cookie to all: the
    wrapper, around a page that does, over the real Datasette of a built database."""

    def page(cookie: bool) -> object:
        async def app(scope: Scope, receive: object, send: Send) -> None:
            headers = [(b"cache-control", b"max-age=5")]
            if cookie:
                headers.append((b"set-cookie", b"ds_csrftoken=abc"))
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b"ok"})

        return app

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def headers_of(app: object) -> dict[bytes, bytes]:
        sent: list[Message] = []

        async def send(message: Message) -> None:
            sent.append(message)

        wrapped = with_cache_headers(app, ds)  # type: ignore[arg-type]
        await wrapped({"type": "http", "method": "GET", "path": "/", "headers": []}, receive, send)
        return dict(sent[0]["headers"])

    plain = await headers_of(page(cookie=False))
    assert plain[b"cache-control"].startswith(b"public, max-age=")
    assert b"etag" in plain
    with_cookie = await headers_of(page(cookie=True))
    assert with_cookie[b"cache-control"] == b"private, no-store"
    assert b"etag" not in with_cookie


def test_serve_starts_with_the_cache_setting(tmp_path: Path) -> None:
    """`cache_seconds` in datasette.yaml sets max-age."""
    import yaml

    env = live_project(tmp_path)
    config_path = tmp_path / "datasette.yaml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["plugins"]["claimdesk"]["cache_seconds"] = 7
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    port = free_port()
    process: subprocess.Popen[bytes] = start_server(tmp_path, env, port)
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/")
        assert response.headers["cache-control"].startswith("public, max-age=7,")
    finally:
        process.terminate()
        process.wait(timeout=30)
