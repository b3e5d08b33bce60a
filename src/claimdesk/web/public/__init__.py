"""The public pages: everything a reader sees, read from claimdesk.db only."""

from __future__ import annotations

from typing import Any


def routes() -> list[tuple[str, Any]]:
    return []
