"""/search, /search.json and /search.csv: claims, articles and sources, in either script
and in regional words, ranked, with what matched highlighted (see claimdesk.database.search)."""

from __future__ import annotations

import csv
import io
import sqlite3
import urllib.parse
from typing import Any

from datasette.utils.asgi import Response

from claimdesk.database.search import SEARCH_SQL, fold, match_expression
from claimdesk.publish.claimreview import article_path, claim_path
from claimdesk.web.paging import Page as Pager
from claimdesk.web.public.figures import mark_class, mark_label
from claimdesk.web.public.highlight import Hit, hits
from claimdesk.web.public.site import (
    DATABASE,
    DataLinks,
    Page,
    json_response,
    quote_path,
    render,
)

RESULTS = 50
# Longer queries are not searches anyone types; the bound keeps a query's phrase small.
MAX_QUERY = 200
# Results are ranked (bm25), so pages are counted, not keyed; nobody reads past the 20th.
MAX_PAGE = 20


def hit_path(hit: Hit) -> str:
    if hit.kind == "claim":
        return claim_path(hit.key)
    if hit.kind == "article":
        return article_path(hit.key)
    return f"/source/{quote_path(hit.key)}"


def hit_record(hit: Hit) -> dict[str, Any]:
    """A hit as /search.json gives it; highlights are [start, end) offsets into the texts."""
    return {
        "type": hit.kind,
        "id": hit.key,
        "url": hit_path(hit),
        "title": hit.title,
        "title_highlights": [list(span) for span in hit.title_highlights],
        "snippet": hit.snippet,
        "snippet_highlights": [list(span) for span in hit.snippet_highlights],
        "article_id": hit.article_id,
        "article_title": hit.article_title,
        "status": hit.status,
        "verdict": hit.verdict,
        "source_id": hit.source_id,
        "source_name": hit.source_name,
        "rank": hit.rank,
    }


def sentence_results(found: list[Hit]) -> list[dict[str, Any]]:
    """The page's results: a sentence once, at its best-ranked figure's place, with all its
    figures that matched (every claim is indexed with its sentence, so a word of the sentence
    finds each of its figures); articles and sources as they are."""
    results: list[dict[str, Any]] = []
    by_sentence: dict[tuple[str | None, str], dict[str, Any]] = {}
    for hit in found:
        record = hit_record(hit)
        if hit.kind != "claim":
            results.append(record)
            continue
        figure = {
            "id": hit.key,
            "url": record["url"],
            "text": hit.title,
            "highlights": record["title_highlights"],
            "css_class": mark_class(hit.status, hit.verdict) if hit.status else "",
            "mark_words": mark_label(hit.status, hit.verdict) if hit.status else None,
        }
        key = (hit.article_id, hit.snippet)
        if key in by_sentence:
            by_sentence[key]["figures"].append(figure)
            continue
        record["figures"] = [figure]
        by_sentence[key] = record
        results.append(record)
    for record in by_sentence.values():
        # In the order the sentence writes them.
        record["figures"].sort(key=lambda f: record["snippet"].find(f["text"]))
    return results


def page_number(request: Any) -> int:
    """The page of results asked for, 1 to MAX_PAGE; anything else is the first."""
    try:
        number = int(request.args.get("page") or 1)
    except ValueError:
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


async def find(datasette: Any, query: str, page: int = 1, size: int = RESULTS) -> list[Hit]:
    """Up to `size` hits of the page, best first."""
    match = match_expression(query[:MAX_QUERY])
    if match is None:
        return []
    db = datasette.get_database(DATABASE)
    params = {"match": match, "limit": size, "offset": (page - 1) * RESULTS}
    try:
        results = await db.execute(SEARCH_SQL, params)
    except sqlite3.OperationalError:
        return []  # a database built before search existed: nothing to find until rebuilt
    return hits((dict(row) for row in results.rows), query[:MAX_QUERY])


def _links(query: str, number: int = 1) -> DataLinks:
    encoded = urllib.parse.urlencode({"q": query, **({"page": number} if number > 1 else {})})
    return DataLinks(f"/search.json?{encoded}", f"/search.csv?{encoded}")


def _page_url(query: str, number: int) -> str:
    return "/search?" + urllib.parse.urlencode(
        {"q": query, **({"page": number} if number > 1 else {})}
    )


async def search_page(datasette: Any, request: Any) -> Response:
    query = (request.args.get("q") or "").strip()
    number = page_number(request)
    # One more than a page: whether there is a next one.
    found = await find(datasette, query, number, RESULTS + 1) if query else []
    more = len(found) > RESULTS and number < MAX_PAGE
    found = found[:RESULTS]
    results = sentence_results(found)
    title = f"搜尋 Search: {query}" if query else "搜尋 Search"
    page = Page(
        title=title,
        description=f"{len(found)} 項結果 results" if query else "搜尋主張、文章與來源 Search",
        path="/search" + (f"?{urllib.parse.urlencode({'q': query})}" if query else ""),
        links=_links(query, number) if query else None,
    )
    context = {
        "query": query,
        "folded": fold(query) if query else "",
        "results": results,
        "page_number": number,
        "pages": Pager(
            [],
            _page_url(query, number + 1) if more else None,
            _page_url(query, number - 1) if number > 1 and query else None,
        ),
    }
    return await render(datasette, request, "search.html", page, context)


async def search_json(datasette: Any, request: Any) -> Response:
    query = (request.args.get("q") or "").strip()
    found = await find(datasette, query, page_number(request)) if query else []
    return json_response(
        {
            "query": query,
            "folded": fold(query) if query else "",
            "results": [hit_record(hit) for hit in found],
        }
    )


CSV_COLUMNS = ("type", "id", "url", "title", "snippet", "article_id", "status", "verdict", "rank")


async def search_csv(datasette: Any, request: Any) -> Response:
    query = (request.args.get("q") or "").strip()
    found = await find(datasette, query, page_number(request)) if query else []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for hit in found:
        record = hit_record(hit)
        writer.writerow(["" if record[c] is None else record[c] for c in CSV_COLUMNS])
    return Response(out.getvalue(), content_type="text/csv; charset=utf-8")
