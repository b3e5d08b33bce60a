"""Sign-in for the desk: accounts handed to datasette-auth-passwords, and throttling.

datasette-auth-passwords checks the password at `/-/login`; claimdesk gives it the accounts
from the accounts file at start-up (so no hash is ever in datasette.yaml), marks every editor's
actor with `editor: true` (what datasette.yaml's `allow` blocks and the desk ask for), and wraps
the login route: after MAX_FAILURES failed sign-ins within WINDOW for one name, or from one
client address, further attempts are refused for WINDOW, and the page says so.
"""

from __future__ import annotations

import time
import urllib.parse
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from claimdesk.web.desk.accounts import load_accounts

MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds
LOGIN_PATH = "/-/login"
AUTH_PLUGIN = "datasette-auth-passwords"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def install_accounts(datasette: Any) -> int:
    """Hand the editors' accounts to datasette-auth-passwords; returns how many there are."""
    accounts = load_accounts()
    plugins = datasette.config.setdefault("plugins", {})
    config: dict[str, Any] = {f"{name}_password_hash": h for name, h in accounts.items()}
    config["actors"] = {name: {"id": name, "editor": True} for name in accounts}
    plugins[AUTH_PLUGIN] = config
    return len(accounts)


def is_editor(actor: Any) -> bool:
    return isinstance(actor, dict) and actor.get("editor") is True and bool(actor.get("id"))


@dataclass
class Throttle:
    """Failed sign-ins in the last WINDOW seconds, by name and by client address."""

    clock: Callable[[], float] = time.monotonic
    failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str) -> deque[float]:
        times = self.failures.setdefault(key, deque())
        while times and self.clock() - times[0] > WINDOW:
            times.popleft()
        return times

    def wait(self, *keys: str) -> float:
        """Seconds until any of `keys` may try again; 0 when none is locked out."""
        longest = 0.0
        for key in keys:
            times = self._recent(key)
            if len(times) >= MAX_FAILURES:
                longest = max(longest, WINDOW - (self.clock() - times[-MAX_FAILURES]))
        return longest

    def fail(self, *keys: str) -> None:
        for key in keys:
            self._recent(key).append(self.clock())


def throttle_for(datasette: Any) -> Throttle:
    """One throttle per server: Datasette builds its app (and asks for wrappers) more than
    once, and each must count the same failures."""
    throttle: Throttle | None = getattr(datasette, "_claimdesk_throttle", None)
    if throttle is None:
        throttle = Throttle()
        datasette._claimdesk_throttle = throttle
    return throttle


def throttled_login(app: ASGIApp, datasette: Any, throttle: Throttle) -> ASGIApp:
    """Wrap the app so that POST /-/login is throttled, and a good sign-in lands on /desk."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or scope.get("path") != LOGIN_PATH:
            await app(scope, receive, send)
            return
        if scope.get("method") != "POST":
            await app(scope, receive, send)
            return
        body = await _read_body(receive)
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        name = (fields.get("username") or [""])[0]
        client = (scope.get("client") or ("unknown", 0))[0]
        keys = (f"name:{name}", f"client:{client}")
        wait = throttle.wait(*keys)
        if wait > 0:
            await _refuse(datasette, scope, send, wait)
            return
        status: list[int] = []

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                if message["status"] in (301, 302, 303):
                    message = dict(message)
                    message["headers"] = [
                        (k, b"/desk" if k.lower() == b"location" else v)
                        for k, v in message["headers"]
                    ]
            await send(message)

        await app(scope, replay, watch)
        if not status or status[0] not in (301, 302, 303):
            throttle.fail(*keys)

    return wrapped


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _refuse(datasette: Any, scope: Scope, send: Send, wait: float) -> None:
    minutes = max(1, round(wait / 60))
    error = (
        f"Too many failed sign-ins: this name or address is locked for about {minutes} "
        f"more minute{'s' if minutes != 1 else ''}. 登入失敗次數過多，請約 {minutes} 分鐘後再試。"
    )
    from datasette.utils.asgi import Request

    html = await datasette.render_template(
        "password_login.html", {"error": error}, request=Request(scope, None)
    )
    body = html.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"retry-after", str(int(wait)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
