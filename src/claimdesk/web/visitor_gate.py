"""Datasette's generic views take turns, so that claimdesk's own pages always answer.

Datasette renders each page in its one event loop and runs a database's queries on three
threads, shared by every visitor, with no limit per client: thirty visitors asking for faceted
tables or downloads at once kept the claim page waiting behind all of them. Requests for the
generic views (`/claimdesk…`, `/reviews…`, `/-/query…`) therefore pass through a gate that lets
GENERIC_AT_ONCE in at a time, fewer than the SQL threads, so one thread and most of the event
loop are always free for the public pages and the desk, which do not queue. A request that
waits longer than GENERIC_WAIT_SECONDS is answered 503, so the queue cannot grow without end.
"""

from __future__ import annotations

import asyncio
import weakref

from claimdesk.web.asgi import App, Receive, Scope, Send

# Datasette's num_sql_threads is 3: two for the generic views leaves one for the public pages.
GENERIC_AT_ONCE = 2
GENERIC_WAIT_SECONDS = 20.0
GENERIC_PREFIXES = ("/claimdesk", "/reviews", "/-/query")
BUSY = b"The server is busy with other requests for data; please try again in a moment.\n"


def is_generic(path: str) -> bool:
    return path.startswith(GENERIC_PREFIXES)


def take_turns(app: App) -> App:
    # One gate per event loop: tests run several loops in one process.
    gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
        weakref.WeakKeyDictionary()
    )

    async def gated(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not is_generic(scope.get("path", "")):
            await app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        gate = gates.setdefault(loop, asyncio.Semaphore(GENERIC_AT_ONCE))
        try:
            await asyncio.wait_for(gate.acquire(), GENERIC_WAIT_SECONDS)
        except TimeoutError:
            await busy(send)
            return
        try:
            await app(scope, receive, send)
        finally:
            gate.release()

    return gated


async def busy(send: Send) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"5")]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": BUSY})
