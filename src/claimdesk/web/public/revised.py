"""Claims whose source was revised, in public: the note beside a claim's verdict and the Atom
feed /revised.atom. The rows are database/revisions.py's; the verdict itself stays as it was
published until two editors publish a new one, and the note says it is being checked again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from datasette.utils.asgi import Response

from claimdesk.database.revisions import REVISED_SQL
from claimdesk.publish.claimreview import Publisher, claim_path
from claimdesk.web.figure_text import exact_text
from claimdesk.web.public import queries
from claimdesk.web.public.feed import (
    CONTENT_TYPE,
    NEVER_UPDATED,
    add_entry,
    document,
    new_feed,
)
from claimdesk.web.public.site import DATABASE, publisher

REVISED_PATH = "/revised.atom"
TITLE = "來源數據已修正的查核 Verdicts whose source was revised"
FEED_ENTRIES = 50
_LATEST = REVISED_SQL.format(where="1") + " limit :limit"


def revision_words(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with its two figures written out whole: a revision is often smaller than the
    rounding a newsroom writes (325.62萬 and 326.47萬 are both 3.26 million)."""
    return {
        **row,
        "rested_figure": exact_text(row["rested_value"], row["unit"]),
        "revised_figure": exact_text(row["revised_value"], row["unit"]),
    }


def said_zh(row: Mapping[str, Any]) -> str:
    return (
        f"此查核結果所依據的「{row['series_title_zh']}」{row['period']} 數據，已於 "
        f"{row['revised_on']} 修正為 {row['revised_figure']}（原為 {row['rested_figure']}）。"
        "我們正在重新查核；在兩位編輯發布新的查核結果之前，上述結果維持不變。"
    )


def said_en(row: Mapping[str, Any]) -> str:
    return (
        f"The figure for {row['period']} in “{row['series_title_en']}”, which this verdict "
        f"rests on, was revised on {row['revised_on']} to {row['revised_figure']} "
        f"(it was {row['rested_figure']}). We are checking the claim again; the verdict above "
        "stands until two editors publish a new one."
    )


def revised_feed_document(rows: Sequence[Mapping[str, Any]], site: Publisher) -> bytes:
    """The feed; `rows` are REVISED_SQL rows, newest revision first. An entry is one
    revision of one verdict: its id names both, so a reader sees it once."""
    updated = _day(rows[0]["revised_on"]) if rows else NEVER_UPDATED
    feed = new_feed(site, REVISED_PATH, TITLE, updated)
    for row in rows:
        words = revision_words(row)
        path = claim_path(row["claim_id"])
        add_entry(
            feed,
            site.url(f"{path}#source-revised-{row['verdict_id']}-{row['revised_release']}"),
            f"來源數據已修正 Source revised: {row['text']}（{row['article_title']}）",
            _day(row["revised_on"]),
            site.url(path),
            "\n".join([said_zh(words), said_en(words), f"「{row['sentence']}」"]),
        )
    return document(feed)


async def revised_feed(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    rows = await queries.rows(db, _LATEST, limit=FEED_ENTRIES)
    return Response(
        revised_feed_document(rows, publisher(datasette)).decode("utf-8"),
        content_type=CONTENT_TYPE,
    )


def _day(value: str) -> str:
    """A release date as an RFC 3339 date-time: its midnight, UTC."""
    return dt.date.fromisoformat(value).isoformat() + "T00:00:00Z"
