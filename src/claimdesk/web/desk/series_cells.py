"""A claim page's series cells (database/series_cells.py): the cells of official series that
could be its evidence, and "use this cell", a link (`?series_id=…&series_release=…&
series_period=…`, the verify form's own field names) that opens the page with a new
verification's form filled in from that cell. Nothing is chosen for the editor, and nothing
is written until they submit the form, which a second editor must then approve."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimdesk.database.series_cells import cell_fields, cell_of, offered_cells
from claimdesk.review.actions import SERIES_CELL_FIELDS

NO_SUCH_CELL = "沒有這個數列數值 · no such series cell"


async def context(datasette: Any, request: Any, claim_id: str) -> Mapping[str, Any]:
    """The page's `series_cells`, and, when the address names a cell, the verify form's
    values from it (`form` and `values`, which a refused form's own entries replace) or why
    it cannot be used (`cell_error`)."""
    public = datasette.get_database("claimdesk")
    offered = await public.execute_fn(lambda connection: offered_cells(connection, claim_id))
    shown: dict[str, Any] = {"series_cells": offered}
    named = [(request.args.get(name) or "").strip() for name in SERIES_CELL_FIELDS]
    if not any(named):
        return shown
    series_id, release, period = named
    cell = await public.execute_fn(
        lambda connection: cell_of(connection, series_id, release, period)
    )
    if cell is None:
        return {**shown, "cell_error": f"{NO_SUCH_CELL}: {series_id} {release} {period}"}
    return {**shown, "form": "verify", "values": cell_fields(cell)}
