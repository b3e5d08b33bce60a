"""/series and /series/<id>: the reference series claims are checked against, with every
release that published them, and what each release revised (issue 19)."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from claimdesk.vocabulary import FREQUENCY_LABELS
from claimdesk.web.public.figures import day, format_number, format_value
from claimdesk.web.public.queries import first, rows
from claimdesk.web.public.site import DATABASE, Page, not_found, render, table_links

# Periods a page shows, newest first; older ones are a link away (?before=PERIOD).
PERIODS_PER_PAGE = 60

LIST_SQL = """
select series.*, series_releases.released as latest_released
from series
  left join series_releases
    on series_releases.series_id = series.id and series_releases.release = series.latest_release
order by series.id
"""
SERIES_SQL = "select * from series where id = :series_id"
RELEASES_SQL = """
select * from series_releases where series_id = :series_id order by position desc
"""
# The page's periods, through series_cells_period: one more than shown, to know if older
# ones are left.
PERIODS_SQL = """
select distinct period from series_cells
where series_id = :series_id and period < :before
order by period desc
limit :limit
"""
# For each period shown, the releases that first gave it or revised it (those that repeated
# the same value add nothing to say).
HISTORY_SQL = """
select series_cells.period, series_cells.release, series_cells.value,
  series_cells.previous_value, series_cells.revised, series_releases.released,
  series_releases.url
from series_cells
  join series_releases using (series_id, release)
where series_cells.series_id = :series_id
  and series_cells.period <= :newest and series_cells.period >= :oldest
  and (series_cells.new = 1 or series_cells.revised = 1)
order by series_cells.period desc, series_releases.position
"""
# Past any period: ISO periods sort as text, and a digit sorts below this.
AFTER_EVERY_PERIOD = "A"


def frequency_words(frequency: str) -> dict[str, str]:
    for word, (zh, en) in FREQUENCY_LABELS.items():
        if word == frequency:
            return {"zh": zh, "en": en}
    return {"zh": frequency, "en": frequency}


async def series_list(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    found = await rows(db, LIST_SQL)
    for series in found:
        series["path"] = f"/series/{series['id']}"
        series["frequency_words"] = frequency_words(series["frequency"])
    page = Page(
        title="統計數列 Series",
        description=(
            "查核數字所依據的官方統計數列，及其每一次發布與修正。"
            "The official series figures are checked against, with every release and revision."
        ),
        path="/series",
        links=table_links("series"),
    )
    return await render(datasette, request, "series_list.html", page, {"series": found})


async def series_page(datasette: Any, request: Any) -> Response:
    series_id = request.url_vars["series_id"]
    db = datasette.get_database(DATABASE)
    series = await first(db, SERIES_SQL, series_id=series_id)
    if series is None:
        return await not_found(datasette, request, f"沒有這個數列 No such series: {series_id}")
    releases = await rows(db, RELEASES_SQL, series_id=series_id)
    before = request.args.get("before") or AFTER_EVERY_PERIOD
    periods = [
        row["period"]
        for row in await rows(
            db, PERIODS_SQL, series_id=series_id, before=before, limit=PERIODS_PER_PAGE + 1
        )
    ]
    older = periods[PERIODS_PER_PAGE - 1] if len(periods) > PERIODS_PER_PAGE else None
    periods = periods[:PERIODS_PER_PAGE]
    unit = series["unit"]
    history: dict[str, list[dict[str, Any]]] = {period: [] for period in periods}
    if periods:
        for cell in await rows(
            db, HISTORY_SQL, series_id=series_id, newest=periods[0], oldest=periods[-1]
        ):
            cell["shown"] = format_value(cell["value"], None, unit)
            cell["previous_shown"] = format_number(cell["previous_value"])
            history[cell["period"]].append(cell)
    cells = [
        {"period": period, "latest": events[-1], "events": events}
        for period, events in history.items()
        if events
    ]
    for release in releases:
        release["retrieved_day"] = day(release["retrieved"])
    page = Page(
        title=f"{series['title_zh']} {series['title_en']}：統計數列 Series",
        description=(
            f"{series['publisher']}。{len(releases)} 次發布 releases"
            + (f"，最新 latest {releases[0]['released']}。" if releases else "。")
        ),
        path=f"/series/{series_id}",
        links=table_links("series_cells", series_id=series_id, _sort="period"),
    )
    context = {
        "series": series,
        "frequency_words": frequency_words(series["frequency"]),
        "unit_shown": format_value(1, None, unit).removeprefix("1").strip() or unit,
        "releases": releases,
        "cells": cells,
        "older": f"/series/{series_id}?before={older}" if older else None,
        "newer": f"/series/{series_id}" if before != AFTER_EVERY_PERIOD else None,
    }
    return await render(datasette, request, "series.html", page, context)
