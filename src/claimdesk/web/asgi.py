"""The ASGI types the plugin's wrappers share, and reading a request's header from its scope."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of a request header (`name` in lower case), or None."""
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return bytes(value)
    return None
