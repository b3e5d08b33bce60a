"""How we work, in public: the methods, the corrections policy and log, the Atom feed."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from claimdesk.review import BEST_RATING, VERDICTS, WORST_RATING
from claimdesk.web.public import queries
from claimdesk.web.public.feed import CONTENT_TYPE, atom_feed
from claimdesk.web.public.figures import VERDICT_ORDER, day, verdict_label
from claimdesk.web.public.overview import recent_entry
from claimdesk.web.public.site import DATABASE, Page, canned_links, publisher, render, table_links

CORRECTIONS_SHOWN = 200
FEED_ENTRIES = 50


async def methods(datasette: Any, request: Any) -> Response:
    scale = [
        {
            "verdict": str(verdict),
            "words": verdict_label(verdict),
            "css_class": f"v-{verdict}",
            "definition_zh": VERDICTS[verdict].definition_zh_hant,
            "definition_en": VERDICTS[verdict].definition_en,
            "rating": VERDICTS[verdict].rating,
        }
        for verdict in VERDICT_ORDER
    ]
    page = Page(
        title="查核方法 How we check",
        description=(
            "我們如何找出並查核新聞中的數字、查核結果的等級，以及兩人核准原則。"
            "How we find and check the numbers in the news, our verdicts, and the two-person rule."
        ),
        path="/methods",
        links=table_links("verdict_scale"),
    )
    context = {"scale": scale, "best": BEST_RATING, "worst": WORST_RATING}
    return await render(datasette, request, "methods.html", page, context)


async def corrections(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    log = await queries.rows(db, queries.CORRECTIONS_SQL, limit=CORRECTIONS_SHOWN + 1)
    page = Page(
        title="更正 Corrections",
        description=(
            "我們的更正政策，以及每一項更正的公開紀錄。"
            "Our corrections policy, and the public log of every correction."
        ),
        path="/corrections",
        links=canned_links("correction_log"),
    )
    context = {
        "log": [
            {**recent_entry({**entry, "entry": "correction"}), "day": day(entry["at"])}
            for entry in log[:CORRECTIONS_SHOWN]
        ],
        "more": len(log) > CORRECTIONS_SHOWN,
    }
    return await render(datasette, request, "corrections.html", page, context)


async def feed(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    entries = await queries.rows(db, queries.RECENT_SQL, limit=FEED_ENTRIES)
    return Response(
        atom_feed(entries, publisher(datasette)).decode("utf-8"),
        content_type=CONTENT_TYPE,
    )
