"""The public pages: everything a reader sees, read from claimdesk.db only.

Each page is bilingual (Traditional Chinese, then English), links to its data as JSON and
CSV, and carries Open Graph and Twitter card tags. Templates are in web/templates/public/,
the stylesheet and the small script in web/static/public/.
"""

from __future__ import annotations

from typing import Any

from claimdesk import vocabulary
from claimdesk.web.public import about, finding, overview, reading, revised, series

CLAIM_ID = rf"(?P<claim_id>{vocabulary.CLAIM_ID})"


def routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", overview.home),
        (r"^/progress$", overview.progress),
        (r"^/sources$", overview.sources),
        (r"^/article/(?P<slug>[a-z0-9][a-z0-9-]*)$", reading.article),
        (rf"^/claim/{CLAIM_ID}$", reading.claim),
        (rf"^/claim/{CLAIM_ID}/card\.png$", reading.claim_card),
        (rf"^/c/{CLAIM_ID}$", reading.short_link),
        # Source ids are names in any script: percent-encoded, with / encoded too.
        (r"^/source/(?P<source_id>[^/]+)$", reading.source),
        (r"^/series$", series.series_list),
        (r"^/series/(?P<series_id>[a-z0-9][a-z0-9-]*)$", series.series_page),
        (r"^/search$", finding.search_page),
        (r"^/search\.json$", finding.search_json),
        (r"^/search\.csv$", finding.search_csv),
        (r"^/methods$", about.methods),
        (r"^/corrections$", about.corrections),
        (r"^/feed\.atom$", about.feed),
        (r"^/revised\.atom$", revised.revised_feed),
    ]
