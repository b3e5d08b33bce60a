"""Sign-in for the desk: our own login, server-side sessions, and throttling.

claimdesk answers `/-/login` itself (datasette-auth-passwords supplies only the hash format and
the login template): the accounts file is read again whenever it changes, the password is checked
off the event loop, and every attempt is reserved in the throttle before the password is checked.
A good sign-in makes a session (`sessions.py`) whose id the signed `ds_actor` cookie carries; a
cookie whose session has ended, or whose editor has been removed, is dropped before Datasette
sees it. HTTP Basic auth is off unless the `basic_auth` setting asks for it, and then goes
through the same throttle.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import http.cookies
import ipaddress
import os
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimdesk.web.asgi import App as ASGIApp
from claimdesk.web.asgi import Receive, Scope, Send
from claimdesk.web.asgi import header as _header
from claimdesk.web.desk.accounts import NAME_PATTERN, AccountsFile, accounts_path
from claimdesk.web.desk.sessions import SESSIONS_FILE, SessionStore

MAX_FAILURES = 5
# One address may hold several editors (a newsroom behind one NAT) signing in at once; their
# attempts are reserved while each password is checked, so the address alone allows more.
MAX_ADDRESS_FAILURES = 20
WINDOW = 15 * 60  # seconds
# After MAX_FAILURES, each further try waits twice as long as the last, up to WINDOW: a real
# editor who mistypes is slowed, never locked out for long.
FIRST_DELAY = 2.0
# The throttle forgets the oldest keys beyond this many; a key is a short digest-free string
# built only from a valid editor name (or "?") and an address, so each is small.
MAX_KEYS = 10_000
MAX_LOGIN_BODY = 16 * 1024
LOGIN_PATH = "/-/login"
LOGOUT_PATH = "/-/logout"
PASSWORD_TOOL_PATH = "/-/password-tool"
COOKIE = "ds_actor"
DEFAULT_SESSION_HOURS = 12.0


@dataclass(frozen=True)
class Settings:
    """The sign-in settings, under `plugins: claimdesk:` in datasette.yaml."""

    session_hours: float = DEFAULT_SESSION_HOURS
    secure_cookies: bool = False
    basic_auth: bool = False
    password_tool: bool = False
    trusted_proxies: tuple[str, ...] = ()

    @classmethod
    def of(cls, datasette: Any) -> Settings:
        config = datasette.plugin_config("claimdesk") or {}
        return cls(
            session_hours=float(config.get("session_hours", DEFAULT_SESSION_HOURS)),
            secure_cookies=bool(config.get("secure_cookies", False)),
            basic_auth=bool(config.get("basic_auth", False)),
            password_tool=bool(config.get("password_tool", False)),
            trusted_proxies=tuple(str(p) for p in config.get("trusted_proxies") or ()),
        )


def install_accounts(datasette: Any) -> int:
    """Datasette-auth-passwords gets no accounts: claimdesk signs editors in itself. Returns
    how many editors there are now."""
    datasette.config.setdefault("plugins", {})["datasette-auth-passwords"] = {}
    return len(desk_for(datasette).accounts.current())


def is_editor(actor: Any) -> bool:
    return isinstance(actor, dict) and actor.get("editor") is True and bool(actor.get("id"))


def _limit(key: str) -> int:
    return MAX_ADDRESS_FAILURES if key.startswith("address:") else MAX_FAILURES


@dataclass
class Throttle:
    """Failed sign-ins in the last WINDOW seconds, by key (a name with an address, and an
    address alone). An attempt is counted when it starts and forgiven when it succeeds."""

    clock: Callable[[], float] = time.monotonic
    # Readers' reports (web/reports/) wait the whole WINDOW once over the limit, not doubling.
    first_delay: float = FIRST_DELAY
    failures: OrderedDict[str, list[float]] = field(default_factory=OrderedDict)

    def _recent(self, key: str) -> list[float]:
        now = self.clock()
        times = [t for t in self.failures.get(key, ()) if now - t <= WINDOW]
        if times:
            self.failures[key] = times
            self.failures.move_to_end(key)
        else:
            self.failures.pop(key, None)
        return times

    def wait(self, *keys: str) -> float:
        """Seconds until all of `keys` may try again; 0 when none is held back."""
        longest = 0.0
        for key in keys:
            times, limit = self._recent(key), _limit(key)
            if len(times) >= limit:
                delay = min(WINDOW, self.first_delay * 2 ** (len(times) - limit))
                longest = max(longest, delay - (self.clock() - times[-1]))
        return longest

    def fail(self, *keys: str) -> None:
        for key in keys:
            self._recent(key)
            self.failures.setdefault(key, []).append(self.clock())
            self.failures.move_to_end(key)
        while len(self.failures) > MAX_KEYS:
            self.failures.popitem(last=False)

    def forgive(self, *keys: str) -> None:
        """A good sign-in: the attempt reserved for it was not a failure."""
        for key in keys:
            times = self.failures.get(key)
            if times:
                times.pop()

    def reserve(self, *keys: str) -> float:
        """Count an attempt before its password is checked, so that concurrent guesses cannot
        all pass `wait` at once; returns the wait instead when the keys are held back."""
        wait = self.wait(*keys)
        if wait <= 0:
            self.fail(*keys)
        return wait


@dataclass
class Desk:
    """What one server keeps for signing in: the accounts, the sessions and the throttle."""

    accounts: AccountsFile
    sessions: SessionStore
    throttle: Throttle = field(default_factory=Throttle)


def desk_for(datasette: Any) -> Desk:
    """One per server: Datasette builds its app (and asks for wrappers) more than once."""
    desk: Desk | None = getattr(datasette, "_claimdesk_desk", None)
    if desk is None:
        path = accounts_path()
        desk = Desk(AccountsFile(path), SessionStore(path.with_name(SESSIONS_FILE)))
        datasette._claimdesk_desk = desk
    return desk


def desk_open(datasette: Any) -> bool:
    return bool(desk_for(datasette).accounts.current())


# A hash of the default strength, checked for a name that is no editor so that the answer takes
# as long as for a real one.
_DUMMY: dict[int, str] = {}


def _dummy_hash(iterations: int) -> str:
    from datasette_auth_passwords.utils import hash_password

    if iterations not in _DUMMY:
        _DUMMY[iterations] = hash_password(os.urandom(16).hex(), iterations=iterations)
    return _DUMMY[iterations]


def _iterations(password_hash: str) -> int:
    try:
        return int(password_hash.split("$")[1])
    except (IndexError, ValueError):
        return 480000


async def check_password(accounts: dict[str, str], name: str, password: str) -> bool:
    """Off the event loop; as slow for an unknown name as for an editor's."""
    from datasette_auth_passwords.utils import verify_password

    real = accounts.get(name)
    if real is None:
        model = next(iter(accounts.values()), "")
        await asyncio.to_thread(verify_password, password, _dummy_hash(_iterations(model)))
        return False
    try:
        return await asyncio.to_thread(verify_password, password, real)
    except (AssertionError, ValueError):
        return False


def client_address(scope: Scope, settings: Settings) -> str:
    """The client's address; X-Forwarded-For only from a proxy the settings name."""
    peer = str((scope.get("client") or ("unknown", 0))[0])
    if peer in settings.trusted_proxies:
        for key, value in scope.get("headers") or ():
            if key.lower() == b"x-forwarded-for":
                forwarded = value.decode("latin-1").split(",")[-1].strip()
                try:
                    return str(ipaddress.ip_address(forwarded))
                except ValueError:
                    break
    return peer


def throttle_keys(name: str, address: str) -> tuple[str, str]:
    # Only a name an editor could have is remembered; any other counts as "?" (item 7).
    known = name if NAME_PATTERN.fullmatch(name) else "?"
    return (f"name:{known}|{address}", f"address:{address}")


# --- the ASGI wrapper ------------------------------------------------------------------------


def _with_headers(scope: Scope, drop: bytes, add: list[tuple[bytes, bytes]]) -> Scope:
    headers = [(k, v) for k, v in scope.get("headers") or () if k.lower() != drop]
    return {**scope, "headers": headers + add}


def _cookies(scope: Scope) -> http.cookies.SimpleCookie:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    with contextlib.suppress(http.cookies.CookieError):
        jar.load((_header(scope, b"cookie") or b"").decode("latin-1"))
    return jar


def session_cookie(datasette: Any, value: str, settings: Settings, expire: bool = False) -> bytes:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    jar[COOKIE] = value
    morsel = jar[COOKIE]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if settings.secure_cookies:
        morsel["secure"] = True
    if expire:
        morsel["max-age"] = 0
    return morsel.OutputString().encode("latin-1")


def _session_of(datasette: Any, scope: Scope) -> tuple[str, str] | None:
    """(editor, session id) from a signed cookie, whether or not the session still holds."""
    morsel = _cookies(scope).get(COOKIE)
    if morsel is None:
        return None
    try:
        actor = datasette.unsign(morsel.value, "actor")["a"]
        return str(actor["id"]), str(actor["session"])
    except Exception:  # a bad signature, or a cookie from before sessions: no session
        return None


def _valid_cookie(datasette: Any, desk: Desk, scope: Scope, settings: Settings) -> bool:
    found = _session_of(datasette, scope)
    if found is None:
        return False
    editor, session = found
    if editor not in desk.accounts.current():
        return False
    return desk.sessions.check(session, editor, settings.session_hours * 3600)


def _drop_cookie(scope: Scope) -> Scope:
    jar = _cookies(scope)
    rest = "; ".join(f"{k}={m.coded_value}" for k, m in jar.items() if k != COOKIE)
    return _with_headers(scope, b"cookie", [(b"cookie", rest.encode("latin-1"))] if rest else [])


async def _send(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/html; charset=utf-8"), *(headers or [])],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _login_page(datasette: Any, scope: Scope, error: str | None) -> bytes:
    from datasette.utils.asgi import Request

    html = await datasette.render_template(
        "desk/sign_in.html", {"error": error}, request=Request(scope, None)
    )
    return str(html).encode("utf-8")


class TooLarge(Exception):
    pass


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


# The same words whether the name or the password was wrong: which one is not said.
BAD_PASSWORD = "名稱或密碼錯誤。 Invalid username or password"


def _wait_message(wait: float) -> str:
    seconds = max(1, round(wait))
    return (
        f"登入失敗次數過多，請 {seconds} 秒後再試。 "
        f"Too many failed sign-ins: try again in {seconds} seconds."
    )


async def attempt(desk: Desk, name: str, password: str, address: str) -> bool | float:
    """True for a good sign-in, False for a bad one, or the seconds to wait first."""
    keys = throttle_keys(name, address)
    wait = desk.throttle.reserve(*keys)
    if wait > 0:
        return wait
    if await check_password(desk.accounts.current(), name, password):
        desk.throttle.forgive(*keys)
        return True
    return False


async def _login(datasette: Any, desk: Desk, scope: Scope, receive: Receive, send: Send) -> None:
    settings = Settings.of(datasette)
    if scope.get("method") != "POST":
        await _send(send, 200, await _login_page(datasette, scope, None))
        return
    try:
        body = await _read_body(receive, MAX_LOGIN_BODY)
    except TooLarge:
        await _send(send, 413, "送出的內容太大。 Request too large".encode())
        return
    try:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    except ValueError:  # more fields than a login form has
        fields = {"username": ["", ""]}
    names, passwords = fields.get("username") or [""], fields.get("password") or [""]
    if len(names) != 1 or len(passwords) != 1:
        # The throttle and the check must read the same name: refuse a repeated field.
        await _send(
            send, 400, await _login_page(datasette, scope, "請只送出一個名稱。 Send one name.")
        )
        return
    name, password = names[0], passwords[0]
    result = await attempt(desk, name, password, client_address(scope, settings))
    if result is True:
        session = desk.sessions.create(name)
        value = datasette.sign({"a": {"id": name, "editor": True, "session": session}}, "actor")
        cookie = session_cookie(datasette, value, settings)
        headers = [(b"location", datasette.urls.path("/desk").encode()), (b"set-cookie", cookie)]
        await _send(send, 302, b"", headers)
    elif result is False:
        page = await _login_page(datasette, scope, BAD_PASSWORD)
        await _send(send, 200, page)
    else:
        headers = [(b"retry-after", str(int(result) + 1).encode())]
        await _send(send, 429, await _login_page(datasette, scope, _wait_message(result)), headers)


async def _basic(
    datasette: Any, desk: Desk, scope: Scope, header: bytes, send: Send
) -> Scope | None:
    """The scope with the editor signed in for this request, or None once refused."""
    settings = Settings.of(datasette)
    try:
        scheme, _, credentials = header.partition(b" ")
        if scheme.lower() != b"basic":
            raise ValueError
        name, _, password = base64.b64decode(credentials, validate=True).decode().partition(":")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        await _send(send, 400, b"Malformed Authorization header")
        return None
    result = await attempt(desk, name, password, client_address(scope, settings))
    if result is True:
        value = datasette.sign({"a": {"id": name, "editor": True}}, "actor")
        scope = _with_headers(scope, b"authorization", [])
        cookie = f"{COOKIE}={value}".encode("latin-1")
        return _with_headers(_drop_cookie(scope), b"cookie", [(b"cookie", cookie)])
    headers = [(b"www-authenticate", b'Basic realm="claimdesk", charset="UTF-8"')]
    if result is False:
        await _send(send, 401, b"Wrong name or password", headers)
    else:
        await _send(send, 429, _wait_message(result).encode("utf-8"), headers)
    return None


def trust_proxies(datasette: Any) -> None:
    """uvicorn rewrites the client address from X-Forwarded-For for the hosts in
    $FORWARDED_ALLOW_IPS, by default loopback, so that any local client could pick its own
    address. Datasette makes its uvicorn config after building the app, so setting the variable
    here (to the `trusted_proxies` setting, by default none) reaches it."""
    os.environ["FORWARDED_ALLOW_IPS"] = ",".join(Settings.of(datasette).trusted_proxies)


def guarded_app(app: ASGIApp, datasette: Any) -> ASGIApp:
    """Wrap Datasette: sign-in, sign-out, sessions, Basic auth and the password tool."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        desk, settings, path = desk_for(datasette), Settings.of(datasette), scope.get("path")
        if path == PASSWORD_TOOL_PATH and not settings.password_tool:
            await _send(send, 404, b"Not found")
            return
        if _header(scope, b"cookie") is not None and _session_of(datasette, scope) is not None:
            if not _valid_cookie(datasette, desk, scope, settings):
                scope = _drop_cookie(scope)
        elif COOKIE in _cookies(scope):
            scope = _drop_cookie(scope)
        if path == LOGIN_PATH:
            await _login(datasette, desk, scope, receive, send)
            return
        if path == LOGOUT_PATH and scope.get("method") == "POST":
            found = _session_of(datasette, scope)
            if found is not None:
                desk.sessions.end(found[1])
        authorization = _header(scope, b"authorization")
        # Only Basic is ours: Datasette's own API tokens (Bearer) pass untouched.
        if authorization is not None and authorization[:6].lower() == b"basic ":
            if not settings.basic_auth:
                scope = _with_headers(scope, b"authorization", [])
            else:
                basic = await _basic(datasette, desk, scope, authorization, send)
                if basic is None:
                    return
                scope = basic
        await app(scope, receive, send)

    return wrapped
