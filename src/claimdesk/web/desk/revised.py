"""Claims whose source was revised, on the desk: the queue's filter "來源數據已修正 Source
revised" and the claim page's section with both values side by side. The rows are
database/revisions.py's (`source_revisions` in claimdesk.db); the desk only reads them."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from claimdesk.database.revisions import REVISED_SQL
from claimdesk.web.desk.labels import say
from claimdesk.web.figure_text import figure_text
from claimdesk.web.public.figures import Label

QUEUE_PARAMETER = "revised"


def shown(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with its two values as a newsroom writes them."""
    return {
        **row,
        "rested_figure": figure_text(row["rested_value"], row["unit"]),
        "revised_figure": figure_text(row["revised_value"], row["unit"]),
        "suggested_before_words": _suggestion(row["suggested_before"]),
        "suggested_after_words": _suggestion(row["suggested_after"]),
    }


def _suggestion(verdict: str | None) -> Label:
    return say("verdict", verdict) if verdict else Label("無建議", "no suggestion")


async def revised_claim_ids(datasette: Any) -> list[str]:
    rows = await datasette.get_database("claimdesk").execute(
        "select claim_id from source_revisions"
    )
    return [row[0] for row in rows.rows]


async def revised_count(datasette: Any) -> int:
    rows = await datasette.get_database("claimdesk").execute(
        "select count(*) from source_revisions"
    )
    return int(rows.rows[0][0])


async def revisions_of(datasette: Any, claim_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """The revision rows of these claims (a page of the queue), by claim."""
    if not claim_ids:
        return {}
    rows = await datasette.get_database("claimdesk").execute(
        REVISED_SQL.format(where="r.claim_id in (select value from json_each(:ids))"),
        {"ids": json.dumps(sorted(claim_ids))},
    )
    return {row["claim_id"]: shown(dict(row)) for row in rows.rows}


async def context(datasette: Any, claim_id: str) -> Mapping[str, Any]:
    """The claim page's `source_revision`: its row, or None when its source was not revised."""
    return {"source_revision": (await revisions_of(datasette, [claim_id])).get(claim_id)}
