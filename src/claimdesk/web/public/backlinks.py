"""Links from Datasette's own pages back to the public pages made for readers: a claim's row
to its claim page, the claims table to the home page, the correction log to /corrections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from claimdesk.publish.claimreview import article_path, claim_path
from claimdesk.web.public.site import DATABASE, quote_path

# Table (or stored query) → the public page that shows it to readers, and what it is called.
TABLE_PAGES: Mapping[str, tuple[str, str, str]] = {
    "claims": ("/", "首頁", "the home page"),
    "articles": ("/progress", "查核進度", "verification progress"),
    "sources": ("/sources", "消息來源", "the sources"),
    "verdicts": ("/", "最新查核結果", "the latest verdicts"),
    "corrections": ("/corrections", "更正紀錄", "the correction log"),
    "verdict_scale": ("/methods", "查核方法", "how we check"),
    "published_verdicts": ("/", "最新查核結果", "the latest verdicts"),
    "correction_log": ("/corrections", "更正紀錄", "the correction log"),
}
ROW_PAGES = {"claims": claim_path, "articles": article_path}


def _link(path: str, zh: str, en: str) -> Markup:
    return Markup(
        '<p class="claimdesk-public-link">給讀者的版本 For readers: '
        '<a href="{}"><span lang="zh-Hant">{}</span> <span lang="en">{}</span></a></p>'
    ).format(path, zh, en)


def table_link(database: str, table: str) -> Markup | None:
    """Above a table or a stored query of claimdesk.db: its page on the public site."""
    if database != DATABASE or table not in TABLE_PAGES:
        return None
    return _link(*TABLE_PAGES[table])


def row_link(database: str, table: str, row: Mapping[str, Any]) -> Markup | None:
    """Above a claim's, an article's or a source's row: its page on the public site."""
    # Only these tables key their rows by `id`; every other table's row page (verdict_scale,
    # check_claims, claimdesk_build...) has no public page and may have no `id` column at all.
    if database != DATABASE or (table not in ROW_PAGES and table != "sources"):
        return None
    key = str(row["id"])
    if table in ROW_PAGES:
        return _link(ROW_PAGES[table](key), "這一頁的公開版本", "this row's public page")
    return _link(f"/source/{quote_path(key)}", "這個來源的頁面", "this source's page")
