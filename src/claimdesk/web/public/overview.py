"""The pages that show everything at a glance: the home page, progress, the sources ranked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from datasette.utils.asgi import Response

from claimdesk.web import paging
from claimdesk.web.public import queries
from claimdesk.web.public.figures import (
    VERDICT_ORDER,
    day,
    mark_class,
    percent,
    status_label,
    verdict_label,
)
from claimdesk.web.public.site import (
    DATABASE,
    Page,
    canned_links,
    quote_path,
    render,
    table_links,
)
from claimdesk.web.public.svg import Progress, progress_chart, verdict_bar

RECENT_ENTRIES = 12
HOME_ARTICLES = 20
ALL_ARTICLES = "全部文章 All articles"


async def home(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    recent = await queries.rows(db, queries.RECENT_SQL, limit=RECENT_ENTRIES)
    overall = progress_of(await queries.rows(db, queries.OVERALL_SQL), ALL_ARTICLES)
    sql, params = queries.articles_page_sql(None)
    articles = paging.page(
        await queries.rows(db, sql, limit=HOME_ARTICLES + 1, **params),
        None,
        article_key,
        "/progress",
        size=HOME_ARTICLES,
    )
    page = Page(
        title="新聞數字查核 Fact-checking the numbers in the news",
        description=(
            f"已查核 {overall.checked}/{overall.claims} 項數字主張。"
            f"Checked {overall.checked} of {overall.claims} numeric claims."
        ),
        path="/",
        links=canned_links("published_verdicts"),
    )
    context = {
        "recent": [recent_entry(entry) for entry in recent],
        "overall": overall,
        "overall_percent": percent(overall.checked, overall.claims),
        "overall_bar": verdict_bar(overall, "查核進度 Progress"),
        "articles": articles.rows,
        # The rest, a page at a time, continue on /progress after the last one shown here.
        "more_articles": articles.next_url,
    }
    return await render(datasette, request, "home.html", page, context)


def recent_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A RECENT_SQL row with the words a reader sees."""
    shown = dict(entry)
    shown["day"] = day(entry["at"])
    if entry["entry"] == "verdict":
        shown["css_class"] = mark_class("published", entry["to_value"])
        shown["verdict_words"] = verdict_label(entry["to_value"])
    elif entry["field"] == "verdict":
        was, now = verdict_label(entry["from_value"]), verdict_label(entry["to_value"])
        shown["change"] = f"{was} → {now}"
    else:
        shown["change"] = f"{entry['from_value'] or '—'} → {entry['to_value'] or '—'}"
    return shown


def progress_of(counts: Sequence[Mapping[str, Any]], label: str) -> Progress:
    """(status, verdict, claims) rows as one bar."""
    verdicts: dict[str, int] = {}
    total = 0
    for row in counts:
        total += row["claims"]
        if row["status"] == "published" and row["verdict"]:
            verdicts[row["verdict"]] = verdicts.get(row["verdict"], 0) + row["claims"]
    return Progress(label, total, verdicts)


def article_key(row: Mapping[str, Any]) -> tuple[str, str]:
    """An article's place in the list newest first (queries.NEWEST_ARTICLES)."""
    return (row["published"] or "", row["id"])


def article_progress(row: Mapping[str, Any]) -> Progress:
    """An ARTICLES_PAGE_SQL row as one bar."""
    return Progress(row["title"], row["claims"], {v: row[v] for v in VERDICT_ORDER if row[v]})


async def progress(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    shown = await queries.page_of(db, request, queries.articles_page_sql, article_key, "/progress")
    per_article = [(a, article_progress(a)) for a in shown.rows]
    overall = progress_of(await queries.rows(db, queries.OVERALL_SQL), ALL_ARTICLES)
    chart = progress_chart(
        [overall, *(bar for _, bar in per_article)], "查核進度 Verification progress"
    )
    page = Page(
        title="查核進度 Verification progress",
        description=(
            f"已查核 {overall.checked}/{overall.claims} 項數字主張。"
            f"{overall.checked} of {overall.claims} claims checked."
        ),
        path="/progress",
        links=table_links("article_counts", _labels="on"),
    )
    context = {
        "chart": chart,
        "overall": overall,
        "rows": [
            {**article, "progress": bar, "percent": percent(bar.checked, bar.claims)}
            for article, bar in per_article
        ],
        "pages": shown,
        "verdicts": [(v, verdict_label(v)) for v in VERDICT_ORDER],
        "legend": legend(),
    }
    return await render(datasette, request, "progress.html", page, context)


def legend() -> list[dict[str, Any]]:
    """Every colour a highlight or a chart uses, with its words."""
    items = [
        {"css_class": f"v-{v}", "words": verdict_label(v), "tagged": True} for v in VERDICT_ORDER
    ]
    items.append(
        {"css_class": "v-unverified", "words": status_label("unverified"), "tagged": False}
    )
    return items


def source_key(row: Mapping[str, Any]) -> tuple[int, int, str]:
    """A source's place in the ranking (queries.RANKED_SOURCES)."""
    return (row["checked"], row["attributed"], row["id"])


async def sources(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    ranked = await queries.page_of(db, request, queries.sources_sql, source_key, "/sources")
    rows = []
    for source in ranked.rows:
        bar = Progress(source["name"], source["checked"], {v: source[v] for v in VERDICT_ORDER})
        rows.append(
            {
                **source,
                "path": f"/source/{quote_path(source['id'])}",
                "bar": verdict_bar(bar, f"{source['name']}：查核結果 Verdicts"),
                "true_share": percent(
                    source["correct"] + source["mostly_correct"], source["checked"]
                ),
            }
        )
    page = Page(
        title="消息來源 Sources",
        description=(
            "文章引用的消息來源，及其數字的查核結果。"
            "The sources articles cite, and how their figures checked out."
        ),
        path="/sources",
        links=table_links("sources", _sort_desc="checked"),
    )
    context = {"sources": rows, "pages": ranked, "legend": legend()}
    return await render(datasette, request, "sources.html", page, context)
