"""Which published verdicts a later release of their series revised: the `source_revisions` rows.

A verdict that rests on a series cell names it (verdicts.series_id, series_release and
source_time, the period). When a later release of that series gives the period another value,
the claim is assessed again with it (review/discrepancy.py, as the verification was): the claim
goes back to the desk as "source revised" when the suggested verdict changes, or the value
moves within or outside what the claim covers as worded. A revision that changes neither is no
row: no change, no alert.

The rows are derived, never edited: from the verdicts, the claims and the series tables, after
all three are written, in the same transaction (write.refresh_shared). A write derives again
the rows of the articles it wrote; a build that derived the series rows again derives them all.
Nothing else changes: the public verdict stays until two editors publish a new one, which no
longer rests on the older release, and the row goes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any, cast

from claimdesk.extract.types import Value
from claimdesk.review.discrepancy import suggest
from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, tolerance_interval
from claimdesk.vocabulary import QualifierMeaning

TABLE = "source_revisions"
# SQLite's default limit on the ? of one statement is 32766; stay well below it.
_CHUNK = 10_000

# Each current published verdict resting on a series cell, with the claim as worded, and every
# later release's value of that period, the latest release first (the first row of each
# verdict is the one that counts). Found through verdicts_series for every claim, and through
# the claims of the articles written (claims_article_id) for a write: never through the claims'
# status (`+`), which would read every published claim of the corpus at each desk action.
_LATER_CELLS = """
select v.id, v.claim_id, c.article_id, v.series_id, v.source_time, v.series_release,
    v.source_value, coalesce(v.source_unit, c.unit), c.text, c.value, c.value_max, c.unit,
    c.qualifier_meaning, later.release, later_release.released, later.value
from verdicts as v
join claims as c on c.id = v.claim_id
join series_releases as rested
    on rested.series_id = v.series_id and rested.release = v.series_release
join series_cells as later
    on later.series_id = v.series_id and later.period = v.source_time
join series_releases as later_release
    on later_release.series_id = later.series_id and later_release.release = later.release
where v.series_id is not null and v.superseded_at is null and +c.status = 'published'
    and v.source_value is not null and later_release.position > rested.position
    and {where}
order by v.series_id, v.source_time, v.id, later_release.position desc
"""


def refresh_revisions(connection: sqlite3.Connection, articles: Collection[str] | None) -> None:
    """Derive again the rows of these articles' claims (of every claim with None), inside the
    caller's transaction."""
    if articles is None:
        connection.execute(f"delete from {TABLE}")
        _insert(connection, derive_revisions(connection, "1", []))
        return
    for chunk in _chunks(sorted(articles)):
        marks = ", ".join("?" for _ in chunk)
        connection.execute(f"delete from {TABLE} where article_id in ({marks})", chunk)
        _insert(connection, derive_revisions(connection, f"c.article_id in ({marks})", chunk))


def derive_revisions(
    connection: sqlite3.Connection, where: str, params: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """The rows of the verdicts whose claims `where` selects (on `claims as c`)."""
    seen: str | None = None
    for (
        verdict_id, claim_id, article_id, series_id, period, rested_release, rested_value,
        unit, text, value, value_max, claim_unit, meaning, release, released, revised_value,
    ) in connection.execute(_LATER_CELLS.format(where=where), params):  # fmt: skip
        if verdict_id == seen:
            continue  # an earlier release than the latest that has the period
        seen = verdict_id
        if revised_value == rested_value:
            continue  # the latest release gives the value back: nothing changed
        interval = _interval(value, text, meaning, value_max)
        before = _suggest(interval, claim_unit, rested_value, unit)
        after = _suggest(interval, claim_unit, revised_value, unit)
        suggested, within = (before[0], after[0]), (before[1], after[1])
        if before == after:
            continue  # no change, no alert
        yield {
            "verdict_id": verdict_id,
            "claim_id": claim_id,
            "article_id": article_id,
            "series_id": series_id,
            "period": period,
            "rested_release": rested_release,
            "rested_value": rested_value,
            "revised_release": release,
            "revised_on": released,
            "revised_value": revised_value,
            "unit": unit,
            "suggested_before": suggested[0],
            "suggested_after": suggested[1],
            "within_before": within[0],
            "within_after": within[1],
        }


def _interval(
    value: Value | None, text: str, meaning: str | None, value_max: Value | None
) -> Interval | None:
    """What the claim covers as worded, read once for both values; None when it cannot be
    read (review/discrepancy.py then suggests nothing either)."""
    if value is None:
        return None
    try:
        return tolerance_interval(value, text, cast(QualifierMeaning | None, meaning), value_max)
    except ReviewError:
        return None


def _suggest(
    interval: Interval | None, claim_unit: str | None, source: Value, unit: str
) -> tuple[str | None, int | None]:
    """The verdict suggested with one value of the series, and whether it is within what the
    claim covers (null, null when they cannot be compared), by discrepancy.assess's own rule."""
    found = None if interval is None else suggest(interval, claim_unit, source, unit)
    if found is None:
        return None, None
    within, verdict = found
    return str(verdict), int(within)


def _insert(connection: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> None:
    found = list(rows)
    if not found:
        return
    columns = list(found[0])
    connection.executemany(
        f"insert into {TABLE} ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})",
        ([row[c] for c in columns] for row in found),
    )


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


# --- reading ---------------------------------------------------------------------------------

# The rows with what a page or a feed says of them: the claim, its article, the series and the
# revising release's address, and the verdict that stands meanwhile. Newest revision first.
REVISED_SQL = """
select r.*, c.text, c.sentence, a.title as article_title, s.title_zh as series_title_zh,
    s.title_en as series_title_en, s.publisher as series_publisher, s.frequency,
    released.url as revised_url, v.verdict, v.published_at
from source_revisions as r
join claims as c on c.id = r.claim_id
join articles as a on a.id = r.article_id
join series as s on s.id = r.series_id
join series_releases as released
    on released.series_id = r.series_id and released.release = r.revised_release
join verdicts as v on v.id = r.verdict_id
where {where}
order by r.revised_on desc, r.claim_id
"""
