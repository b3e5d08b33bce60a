"""What every public page shares: the publisher's settings, the page's sharing metadata, its
data links, the static files, and rendering with the templates in templates/public/."""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from datasette.utils.asgi import Response
from markupsafe import Markup

from claimdesk.files.urls import safe_url
from claimdesk.publish.claimreview import PLUGIN, Publisher

DATABASE = "claimdesk"
# Datasette serves a plugin's static/ folder here, under the plugin's distribution name.
STATIC_ROOT = f"/-/static-plugins/{PLUGIN}/public/"
NAVIGATION = (
    ("/", "首頁", "Home"),
    ("/progress", "查核進度", "Progress"),
    ("/sources", "消息來源", "Sources"),
    ("/series", "統計數列", "Series"),
    ("/corrections", "更正", "Corrections"),
    ("/methods", "查核方法", "Methods"),
)


def _static_url(name: str) -> str:
    # The file's digest in the URL: a browser never keeps an old stylesheet after a release.
    content = files("claimdesk.web").joinpath("static", "public", name).read_bytes()
    return f"{STATIC_ROOT}{name}?v={hashlib.sha256(content).hexdigest()[:10]}"


STATIC = {"css": _static_url("site.css"), "js": _static_url("site.js")}


@dataclass(frozen=True)
class DataLinks:
    """Where a page's data is, as JSON and as CSV."""

    json: str
    csv: str


def table_links(table: str, **filters: str) -> DataLinks:
    """A Datasette table, filtered: every row, not only the first page."""
    base = f"/{DATABASE}/{table}"
    json_query = urllib.parse.urlencode({**filters, "_shape": "array", "_size": "max"})
    csv_query = urllib.parse.urlencode({**filters, "_stream": "on", "_size": "max"})
    return DataLinks(f"{base}.json?{json_query}", f"{base}.csv?{csv_query}")


def canned_links(query_name: str, **params: str) -> DataLinks:
    """A stored query's data; arbitrary SQL is for editors only, so pages link to these."""
    base = f"/{DATABASE}/{query_name}"
    json_query = urllib.parse.urlencode({**params, "_shape": "array"})
    csv_query = f"?{urllib.parse.urlencode(params)}" if params else ""
    return DataLinks(f"{base}.json?{json_query}", f"{base}.csv{csv_query}")


@dataclass(frozen=True)
class Page:
    """What a page says about itself, to browsers and to anyone it is shared with."""

    title: str
    description: str
    path: str
    links: DataLinks | None = None
    kind: str = "website"  # og:type
    json_ld: list[Mapping[str, Any]] = field(default_factory=list)
    image: str | None = None  # og:image: a claim's share card (web/public/card.py)


def publisher(datasette: Any) -> Publisher:
    return Publisher.from_settings(datasette.plugin_config(PLUGIN))


def quote_path(segment: str) -> str:
    """A path segment for a name in any script, with / and ? encoded too."""
    return urllib.parse.quote(segment, safe="")


async def render(
    datasette: Any,
    request: Any,
    template: str,
    page: Page,
    context: Mapping[str, Any],
    status: int = 200,
) -> Response:
    site = publisher(datasette)
    metadata = await datasette.get_instance_metadata()
    html = await datasette.render_template(
        f"public/{template}",
        {
            **context,
            "page": page,
            "site": site,
            "canonical": site.url(page.path),
            "static": STATIC,
            "navigation": NAVIGATION,
            "current_path": request.path,
            "metadata": metadata,
            "json_ld": [_json_ld(document) for document in page.json_ld],
            "safe_url": safe_url,
        },
        request=request,
    )
    return Response.html(html, status=status)


def _json_ld(document: Mapping[str, Any]) -> Markup:
    # Inside <script>, "</script>" or "<!--" in a value would end or change the element: "<"
    # only occurs inside JSON strings, where \u003c is the same character.
    return Markup(json.dumps(document, ensure_ascii=False, indent=2).replace("<", "\\u003c"))


def json_response(body: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False, indent=2),
        status=status,
        content_type="application/json; charset=utf-8",
    )


async def not_found(datasette: Any, request: Any, what: str) -> Response:
    page = Page(title="找不到 Not found", description=what, path=request.path)
    return await render(datasette, request, "not_found.html", page, {"what": what}, status=404)
