"""Cache headers: a public page may be kept by a CDN or a browser; a private one never is.

The public pages (`web/public/`) are the same for every reader, signed in or not, so they are
sent with `Cache-Control: public` and an `ETag` tied to the data they are made from: a repeat
request with `If-None-Match` is answered 304 before any page is rendered, and a CDN in front
of many servers can serve a viral claim page without touching Python. Datasette's own views
of claimdesk.db may show a signed-in editor's menu, so only anonymous requests for them are
cached, and they keep `Vary: Cookie, Authorization`. The desk, signing in and Datasette's
`/-/` pages (and the private reviews database) are `private, no-store`, always.

The data's tag changes with every write: it is a digest of `built_articles` (each article's
files' digest), of `series_built` (the reference series' files' digest) and of the code
version that wrote the rows, which is exactly what the public rows are derived from. It is
worked out again only when the database's files change on disk (their size and modification
time), so a request pays two `stat` calls. Every replica of one
published artifact gives the same tag.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import sqlite3
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from claimdesk.web.asgi import App, Message, Receive, Scope, Send
from claimdesk.web.asgi import header as _header

DATABASE = "claimdesk"
# How long a reader's browser or a CDN may show a page without asking again. A verdict an
# editor publishes reaches readers within this time; after it, a repeat costs a 304.
DEFAULT_SECONDS = 60
# While the CDN asks the server again, or when the server is down, it may keep serving the
# page it has: a viral claim page never stampedes the server.
STALE_SECONDS = 600
STALE_IF_ERROR_SECONDS = 86_400
PRIVATE = b"private, no-store"
# Datasette's own generic views; anything else under /-/ (the login page, /-/actor, the
# arbitrary-SQL page, permissions) is private. Static files carry Datasette's own ETag.
STATIC_PREFIXES = ("/-/static/", "/-/static-plugins/")
PRIVATE_PREFIXES = ("/desk", "/-/", "/reviews")


# What a response to one request may be cached as: "public" (the same for everyone),
# "anonymous" (cached when the request carries no credentials), "private" (never), or
# "untouched" (static files, and methods other than GET and HEAD).
Policy = Literal["public", "anonymous", "private", "untouched"]


def _public_routes() -> list[re.Pattern[str]]:
    from claimdesk.web.public import routes

    return [re.compile(pattern) for pattern, _view in routes()]


_PUBLIC_ROUTES = _public_routes()


def policy_for(method: str, path: str) -> Policy:
    if method not in ("GET", "HEAD") or path.startswith(STATIC_PREFIXES):
        return "untouched"
    if path.startswith(PRIVATE_PREFIXES):
        return "private"
    if any(route.match(path) for route in _PUBLIC_ROUTES):
        return "public"
    if path == f"/{DATABASE}" or path.startswith((f"/{DATABASE}/", f"/{DATABASE}.")):
        return "anonymous"
    return "untouched"


class DataTag:
    """A tag of claimdesk.db's public rows, worked out again only when its files change."""

    def __init__(self, path: Path, salt: bytes) -> None:
        self.path = path
        self.salt = salt
        self._seen: tuple[tuple[int, int, int], ...] | None = None
        self._tag: str | None = None
        self._lock = asyncio.Lock()

    def _stat(self) -> tuple[tuple[int, int, int], ...]:
        seen = []
        for name in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                status = os.stat(name)
            except FileNotFoundError:
                continue
            seen.append((status.st_ino, status.st_size, status.st_mtime_ns))
        return tuple(seen)

    async def current(self) -> str | None:
        seen = self._stat()
        if seen == self._seen:
            return self._tag
        async with self._lock:
            seen = self._stat()  # taken before reading: a write meanwhile shows next time
            if seen != self._seen:
                self._tag = await asyncio.to_thread(data_tag, self.path, self.salt)
                self._seen = seen
        return self._tag


def data_tag(path: Path, salt: bytes = b"") -> str | None:
    """The digest of what claimdesk.db's rows are derived from, or None when it cannot be read
    (no tag then: the page is still served, only not cached)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        digest = hashlib.sha256(salt)
        for key, value in connection.execute(
            "select key, value from claimdesk_build where key = 'version'"
        ):
            digest.update(f"{key}\0{value}\n".encode())
        for article_id, article_digest in connection.execute(
            "select article_id, digest from built_articles order by article_id"
        ):
            digest.update(f"{article_id}\0{article_digest}\n".encode())
        for (series_digest,) in connection.execute("select digest from series_built"):
            digest.update(f"series\0{series_digest}\n".encode())  # the series pages' rows
        return digest.hexdigest()[:32]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def code_salt(datasette: Any) -> bytes:
    """What else a page is made from: the plugin's code, templates and static files, the
    publisher's settings and Datasette's version. A release or a new setting changes every tag."""
    import datasette as datasette_package

    digest = hashlib.sha256(str(getattr(datasette_package, "__version__", "")).encode())
    root = Path(str(files("claimdesk")))
    for entry in sorted(root.joinpath("web").rglob("*")):
        if entry.is_file() and entry.suffix in (".py", ".html", ".css", ".js", ".svg"):
            digest.update(entry.relative_to(root).as_posix().encode() + b"\0" + entry.read_bytes())
    settings = datasette.plugin_config("claimdesk") or {}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(json.dumps(datasette.settings_dict(), sort_keys=True, default=str).encode())
    return digest.digest()


def public_cache_control(seconds: int) -> bytes:
    return (
        f"public, max-age={seconds}, stale-while-revalidate={STALE_SECONDS}, "
        f"stale-if-error={STALE_IF_ERROR_SECONDS}"
    ).encode()


def _has_credentials(scope: Scope) -> bool:
    return _header(scope, b"cookie") is not None or _header(scope, b"authorization") is not None


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    if if_none_match is None:
        return False
    candidates = {part.strip().removeprefix(b"W/") for part in if_none_match.split(b",")}
    return b"*" in candidates or etag in candidates


def _replace(headers: list[tuple[bytes, bytes]], name: bytes, value: bytes | None) -> None:
    headers[:] = [(k, v) for k, v in headers if k.lower() != name]
    if value is not None:
        headers.append((name, value))


def with_cache_headers(app: App, datasette: Any) -> App:
    from claimdesk.web.public_only import is_public_only

    public_only = is_public_only(datasette)
    tags: dict[Path, DataTag] = {}
    salt: list[bytes] = []

    async def current_tag() -> bytes | None:
        database = datasette.databases.get(DATABASE)
        path = getattr(database, "path", None)
        if path is None:
            return None
        if not salt:
            salt.append(code_salt(datasette))
        tag = tags.setdefault(Path(path), DataTag(Path(path), salt[0]))
        value = await tag.current()
        return None if value is None else f'"{value}"'.encode()

    async def cached(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        policy = policy_for(scope.get("method", "GET"), scope.get("path", ""))
        if policy == "anonymous" and public_only:
            # A replica drops every visitor's identity: Datasette's views are the same for all.
            policy = "public"
        if policy == "untouched" or (policy == "anonymous" and _has_credentials(scope)):
            await app(scope, receive, send)
            return
        if policy == "private":
            await app(scope, receive, _private(send))
            return
        seconds = int(
            (datasette.plugin_config("claimdesk") or {}).get("cache_seconds", DEFAULT_SECONDS)
        )
        etag = await current_tag()
        control = public_cache_control(seconds)
        # Datasette adds Vary: Cookie, Authorization to every response. A public page is the
        # same for everyone (tests/test_caching.py compares them), so a CDN need not keep one
        # copy per reader's cookies; Datasette's own views keep the Vary.
        vary = b"Accept-Encoding" if policy == "public" else b"Cookie, Authorization"
        if etag is not None and _matches(_header(scope, b"if-none-match"), etag):
            headers = [(b"etag", etag), (b"cache-control", control), (b"vary", vary)]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_public(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if any(k.lower() == b"set-cookie" for k, _ in headers):
                    _replace(headers, b"cache-control", PRIVATE)
                elif message["status"] == 200 and etag is not None:
                    _replace(headers, b"cache-control", control)
                    _replace(headers, b"etag", etag)
                    _replace(headers, b"vary", vary)
                elif message["status"] in (301, 302, 404, 410):
                    # A mistyped URL or a retracted claim: cached briefly, without a tag.
                    _replace(headers, b"cache-control", public_cache_control(seconds))
                    _replace(headers, b"vary", vary)
                else:
                    _replace(headers, b"cache-control", b"no-store")
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_public)

    return cached


def _private(send: Send) -> Send:
    async def send_private(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            _replace(headers, b"cache-control", PRIVATE)
            message = {**message, "headers": headers}
        await send(message)

    return send_private
