"""Public-only mode: the plugin as a published replica runs it (`claimdesk publish`).

A replica serves claimdesk.db alone, immutable, with no reviews.db and no accounts: the desk
and signing in are not there at all. Their routes are not registered, and the paths that
Datasette or datasette-auth-passwords would answer for signing in (`/-/login`, `/-/logout`,
`/-/password-tool`) answer 404 before anything reads an accounts file. No request carries an
actor either: a sign-in cookie or an Authorization header is dropped, so nothing a visitor
sends can make them an editor.

The mode is on when `public_only: true` is set under `plugins: claimdesk:` (the artifact's
datasette.yaml sets it), or when no `reviews` database is served, since the desk cannot work
without it. Links to the sign-in form that other plugins put in Datasette's menu are left out.
"""

from __future__ import annotations

from typing import Any

from claimdesk.publish.artifact import PUBLIC_ONLY
from claimdesk.web.asgi import App, Receive, Scope, Send

PRIVATE_DATABASE = "reviews"
SIGN_IN_PATHS = ("/-/login", "/-/logout", "/-/password-tool")
DESK_PREFIX = "/desk"
# Whoever a visitor claims to be, a replica sees an anonymous reader.
IDENTITY_HEADERS = (b"cookie", b"authorization")


def is_public_only(datasette: Any) -> bool:
    config = datasette.plugin_config("claimdesk") or {}
    return bool(config.get(PUBLIC_ONLY)) or PRIVATE_DATABASE not in datasette.databases


def is_desk_path(path: str) -> bool:
    return path in SIGN_IN_PATHS or path == DESK_PREFIX or path.startswith(DESK_PREFIX + "/")


def without_sign_in(results: list[Any], datasette: Any) -> list[Any]:
    """Other plugins' menu links (datasette-auth-passwords' "Log in") without the sign-in
    paths, which a replica does not have."""
    if not is_public_only(datasette):
        return results
    return [
        [link for link in links if not is_desk_path(str(link.get("href", "")))]
        if isinstance(links, list)
        else links
        for links in results
    ]


def public_only(app: App) -> App:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        if is_desk_path(str(scope.get("path", ""))):
            headers = [(b"content-type", b"text/plain; charset=utf-8")]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": b"Not found\n"})
            return
        headers = [
            (k, v) for k, v in scope.get("headers") or () if k.lower() not in IDENTITY_HEADERS
        ]
        await app({**scope, "headers": headers}, receive, send)

    return wrapped
