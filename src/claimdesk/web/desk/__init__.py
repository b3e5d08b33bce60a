"""The editors' desk: sign-in, the queue, the review forms. Every form writes one event
through `claimdesk.desk.record`, the function the command line uses."""

from __future__ import annotations

from typing import Any


def routes() -> list[tuple[str, Any]]:
    return []
