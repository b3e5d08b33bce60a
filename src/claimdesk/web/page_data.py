"""The public pages' own SQL as stored queries, so that every visitor can download a page's
data as JSON or CSV although arbitrary SQL is for editors only (docs/security.md)."""

from __future__ import annotations

from typing import Any

from claimdesk.web.public import queries

DATABASE = "claimdesk"
# Stored query name: (title, the SQL the page runs). Names are not table names.
# The first page of each (:limit rows); the pages link to the precomputed tables, which
# Datasette pages and streams whole.
PAGE_QUERIES = {
    "progress_data": ("查核進度 Verification progress", queries.articles_page_sql(None)[0]),
    "sources_data": ("消息來源 Sources", queries.sources_sql(None)[0]),
}


async def store_page_queries(datasette: Any) -> None:
    if DATABASE not in datasette.databases:
        return
    for name, (title, sql) in PAGE_QUERIES.items():
        await datasette.add_query(
            DATABASE, name, " ".join(sql.split()), title=title, is_trusted=True
        )
