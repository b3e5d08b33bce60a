"""A claim page's earlier published checks of the same quantity, and "use this evidence": a
link (`?reuse=CLAIM`) that opens the page with a new verification's form filled in from that
check. Nothing is written until the editor submits the form, which a second editor must then
approve, as any verification. The lookup is database/earlier.py's, as `claimdesk show`'s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimdesk.database.earlier import earlier_checks, reused_evidence, with_notes
from claimdesk.review import ReviewError

REUSE_PARAMETER = "reuse"


async def context(datasette: Any, request: Any, claim_id: str) -> Mapping[str, Any]:
    """The page's `earlier_checks`, and, when the address names a check to reuse, the verify
    form's values from it (`form` and `values`, which a refused form's own entries replace)
    or why it cannot be reused (`reuse_error`)."""
    public, private = datasette.get_database("claimdesk"), datasette.get_database("reviews")
    found = await public.execute_fn(lambda connection: earlier_checks(connection, claim_id))
    checks = await private.execute_fn(lambda connection: with_notes(connection, found))
    shown: dict[str, Any] = {"earlier_checks": checks}
    reused = (request.args.get(REUSE_PARAMETER) or "").strip()
    if not reused:
        return shown
    try:
        values = await public.execute_fn(
            lambda connection: reused_evidence(connection, claim_id, reused)
        )
    except ReviewError as error:
        return {**shown, "reuse_error": error.problem}  # in Chinese and English
    return {**shown, "form": "verify", "values": values}
