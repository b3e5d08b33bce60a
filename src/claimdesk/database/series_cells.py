"""The series cells that could be a claim's evidence, for the desk's cell picker.

On a claim's desk page the editor may take a cell of an official series (series, period,
release) as the evidence instead of a page and a typed figure. This module says which cells
to offer; the editor picks one, and nothing is ever chosen for them. A cell is offered when

- its series is in the claim's unit (`series.unit` is the unit as a claim writes it: the
  ISO 4217 code of a series of money, so a currency series matches by its currency);
- its period is the claim's `time`, exactly. Periods are written as a claim's time is
  (series/periods.py), so this compares text. A period that contains the claim's or lies
  within it is another figure: a quarter's throughput is not April's, nor a year's growth
  its first quarter's, so neither is offered;
- its value is near the claim's: within what the claim's written precision covers
  (`tolerance_interval`, its qualifier set aside: 超過300萬 is near 300萬, not near every
  figure above it), widened on each side by NEAR_SHARE of the claim's figure. Wide on purpose:
  a claim that is wrong by a third still needs its cell offered to be found wrong; a figure off
  by a scale word (萬 for 億) is not offered, and is typed or given with `verify --series`.

Each series is offered once, with the cell of its latest release that has the period and
the earlier releases of the same period (older values are the evidence for a claim made
before a revision); series are ranked by how close the nearest of those values is to the
claim's figure, at most LIMIT.

Cost: two statements over claimdesk.db's public tables. The first reads `series` (one row a
series: a newsroom keeps tens or hundreds, never a number that grows with the articles) for
those in the claim's unit, and for each seeks `series_cells_period` (series_id, period,
release), the index the public series page reads, to the releases' cells of the period. So
a page view costs one seek per series of that unit, whatever the number of cells: no index
is added, and no statement scans series_cells (tests/test_desk_series_cells.py checks the
plan). The second reads the offered series' cells of the period, through the same index.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, tolerance_interval
from claimdesk.series.evidence import CellEvidence, cell_quote

# How far from the claim's figure a cell may be and still be offered, as a share of the figure.
NEAR_SHARE = 0.5
# The series offered at most: an editor compares a few, and the page stays small.
LIMIT = 10

Number = int | float

_CLAIM_SQL = """
select text, value, value_max, unit, time from claims where id = :claim_id
"""

# The series in the unit, then series_cells_period (series_id, period, release) for each: a
# seek a series. CROSS JOIN keeps that order: with no statistics SQLite would rather scan
# series_cells and look each cell's series up. Each series is ranked by its release whose value
# lies nearest the claim's figure (0 within a range).
NEAR_SQL = """
select c.series_id, min(max(:figure_low - c.value, c.value - :figure_high, 0)) as distance
from series s cross join series_cells c on c.series_id = s.id and c.period = :period
where s.unit = :unit and c.value between :low and :high
group by c.series_id
order by distance, c.series_id
limit :limit
"""

_RELEASES_SQL = """
select s.id, s.title_zh, s.title_en, s.publisher, s.unit, c.release, r.released, r.url,
       c.value, c.revised, c.previous_value
from series s
cross join series_cells c on c.series_id = s.id and c.period = :period
join series_releases r on r.series_id = c.series_id and r.release = c.release
where s.id in (select value from json_each(:ids))
order by s.id, r.position desc
"""

_CELL_SQL = """
select s.id, s.title_zh, s.title_en, s.publisher, s.unit, c.release, c.period, c.value, r.url
from series_cells c
join series s on s.id = c.series_id
join series_releases r on r.series_id = c.series_id and r.release = c.release
where c.series_id = :series_id and c.release = :release and c.period = :period
"""


@dataclass(frozen=True, slots=True)
class CellRelease:
    """One release's cell of the period."""

    release: str
    released: str  # the release's date
    url: str
    value: Number
    # The period's value in the release before this one, when this one revised it.
    revised_from: Number | None
    # The latest release's value, when a later release revised this one's.
    revised_to: Number | None


@dataclass(frozen=True, slots=True)
class OfferedCell:
    """A series' cell of the claim's period, with every release that gave it."""

    series_id: str
    title_zh: str
    title_en: str
    publisher: str
    unit: str
    period: str
    releases: tuple[CellRelease, ...]  # newest first: the first is the one offered
    # (claim - cell) / |cell| for the latest release's value, as the discrepancy counts it;
    # None when the cell is 0.
    relative_difference: float | None

    @property
    def latest(self) -> CellRelease:
        return self.releases[0]

    @property
    def earlier(self) -> tuple[CellRelease, ...]:
        return self.releases[1:]


@dataclass(frozen=True, slots=True)
class Claimed:
    """What of a claim the offer reads: its figure, where it is near, its unit and time."""

    low: Number  # the figure (its low end, for a range)
    high: Number
    near: Interval
    unit: str
    time: str


def claimed(public: sqlite3.Connection, claim_id: str) -> Claimed | None:
    """The claim as the offer reads it; None when it has no figure, unit or time to match."""
    row = public.execute(_CLAIM_SQL, {"claim_id": claim_id}).fetchone()
    if row is None:
        return None
    text, value, value_max, unit, time = row
    if value is None or unit is None or not time:
        return None
    try:
        covered = tolerance_interval(value, text, None, value_max)
    except ReviewError:  # a figure the tolerance cannot read: nothing to compare with
        return None
    high = value if value_max is None else value_max
    margin = NEAR_SHARE * max(abs(value), abs(high))
    return Claimed(value, high, Interval(covered.low - margin, covered.high + margin), unit, time)


def offered_cells(
    public: sqlite3.Connection, claim_id: str, limit: int = LIMIT
) -> list[OfferedCell]:
    """The series cells to offer as the claim's evidence, closest first (see the module's
    docstring); none for a claim with no figure, unit or time."""
    claim = claimed(public, claim_id)
    if claim is None:
        return []
    params = {"unit": claim.unit, "period": claim.time, "low": claim.near.low,
              "high": claim.near.high, "figure_low": claim.low, "figure_high": claim.high,
              "limit": limit}  # fmt: skip
    ranked = [series_id for series_id, _ in public.execute(NEAR_SQL, params)]
    if not ranked:
        return []
    by_series: dict[str, list[tuple[Any, ...]]] = {}
    releases = public.execute(_RELEASES_SQL, {"period": claim.time, "ids": json.dumps(ranked)})
    for row in releases:
        by_series.setdefault(row[0], []).append(row)
    return [_offered(claim, by_series[series_id]) for series_id in ranked]


def _offered(claim: Claimed, rows: list[tuple[Any, ...]]) -> OfferedCell:
    series_id, title_zh, title_en, publisher, unit = rows[0][:5]
    latest_value = rows[0][8]
    releases = tuple(
        CellRelease(
            release=release,
            released=released,
            url=url,
            value=value,
            revised_from=previous if revised else None,
            revised_to=latest_value if value != latest_value else None,
        )
        for *_, release, released, url, value, revised, previous in rows
    )
    return OfferedCell(
        series_id, title_zh, title_en, publisher, unit, claim.time, releases,
        _relative(claim, latest_value),
    )  # fmt: skip


def _relative(claim: Claimed, value: Number) -> float | None:
    """The claim's figure (its nearest end, for a range) against the cell's, as the
    discrepancy's relative difference counts it."""
    if not value:
        return None
    nearest = min(max(Decimal(str(value)), Decimal(str(claim.low))), Decimal(str(claim.high)))
    return float((nearest - Decimal(str(value))) / abs(Decimal(str(value))))


def cell_of(
    public: sqlite3.Connection, series_id: str, release: str, period: str
) -> CellEvidence | None:
    """The named cell as a verification's evidence, read from claimdesk.db: what
    series/evidence.cell_evidence reads from the files, which record.py checks it against."""
    params = {"series_id": series_id, "release": release, "period": period}
    row = public.execute(_CELL_SQL, params).fetchone()
    if row is None:
        return None
    series_id, title_zh, title_en, publisher, unit, release, period, value, url = row
    return CellEvidence(
        series_id=series_id,
        release=release,
        period=period,
        url=url,
        value=repr(value),
        unit=unit,
        quote=cell_quote(title_zh, title_en, publisher, period, value, unit, release, series_id),
    )


def cell_fields(cell: CellEvidence) -> dict[str, str]:
    """A new verification's form filled in from a cell: the evidence, figure, unit and time
    are the cell's, and the three fields that name it (review/actions.py); the editor still
    chooses the verdict, writes the public explanation and submits it for approval."""
    return {
        "evidence_url": cell.url,
        "evidence_quote": cell.quote,
        "source_value": cell.value,
        "source_unit": cell.unit,
        "source_time": cell.period,
        "series_id": cell.series_id,
        "series_release": cell.release,
        "series_period": cell.period,
    }
