"""Earlier published checks of the same quantity, for an editor to reuse their evidence.

Fact-checkers check the same figures again and again; a claim's desk page and `claimdesk show`
list the published verdicts of other claims (from any article) that state the same quantity,
and `claimdesk verify --reuse` and the desk's "use this evidence" copy one's evidence into a
new verification, which a second editor must still approve. This module is the one lookup
both use.

Two claims state the same quantity when the conflicts check would compare them across
articles (checks/conflicts.py: the same quantity key in `check_quantities`, that is the same
subject, unit and period, and the same source, `source_id` being the source's name folded to
Simplified) and their values are close: the earlier claim's figure is one that this claim, as
worded, would be suggested correct or mostly correct against (`discrepancy.close_range`: the
yardstick verify applies to a source's figure, so that a rounded restatement, 4.8兆 for 4.84兆,
matches and a figure 20 % away, more likely another quantity whose subject folded alike, does
not).

Each way two checks can match is a `Way`: SQL over the public tables that gives the matching
verdicts, newest first. There is one now (`SAME_QUANTITY`); a verdict resting on the same
cell of an official series is meant to be another, added to `WAYS` without touching the rest.
Everything is read from `claimdesk.db`'s public tables (claims, verdicts, articles,
check_quantities) through indexes, and at most `LIMIT` checks are listed; only the internal
notes come from `reviews.db`.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.review.discrepancy import close_range
from claimdesk.review.errors import ReviewError
from claimdesk.review.events import OWN_CHECK
from claimdesk.review.tolerance import tolerance_interval

if TYPE_CHECKING:
    from claimdesk.database.write import Databases

# The most recent ones: an editor reads a few, and the page stays one indexed range at any size.
LIMIT = 10


@dataclass(frozen=True, slots=True)
class Quantity:
    """What a claim is a figure of, as the ways of matching read it (their SQL parameters)."""

    claim_id: str
    quantity: str  # check_quantities' key: subject|unit|time
    source_id: str | None
    unit: str
    time: str
    low: float  # the values close to the claim's (discrepancy.close_range)
    high: float


@dataclass(frozen=True, slots=True)
class Way:
    """One way an earlier published check can be of the same quantity as a claim: SQL that
    selects `verdict_id` and `published_at` of the matching current verdicts, newest first,
    with `Quantity`'s fields and `limit` as its parameters."""

    name: str
    sql: str


# The partial index claims_published_quantity (schema.sql) gives the published claims of the
# source, unit and period, newest verdict first (verdict_at is the current verdict's
# published_at), and their values, so that one whose value is not close costs no read of the
# table; each close one is checked for the same quantity key by its check_quantities row, and
# its current verdict read by verdicts_claim_id, until `limit` are found.
SAME_QUANTITY = Way(
    "same_quantity",
    """
    select v.id as verdict_id, v.published_at
    from claims c
    join check_quantities q on q.claim_id = c.id
    join verdicts v on v.claim_id = c.id
    where c.status = 'published' and c.source_id is :source_id and c.unit = :unit
      and c.time = :time and c.value between :low and :high
      and q.quantity = :quantity and c.id != :claim_id and v.superseded_at is null
    order by c.verdict_at desc, c.rowid desc
    limit :limit
    """,
)
WAYS: tuple[Way, ...] = (SAME_QUANTITY,)

_QUANTITY_SQL = """
select c.id, c.text, c.value, c.value_max, c.unit, c.qualifier_meaning, c.time, c.source_id,
       q.quantity
from claims c join check_quantities q on q.claim_id = c.id
where c.id = :claim_id
"""

_CHECKS_SQL = """
select v.id as verdict_id, v.claim_id, c.text as claim_text, c.article_id,
       a.title as article_title, a.published as article_published, v.verdict,
       v.evidence_url, v.evidence_quote, v.source_text, v.source_value, v.source_unit,
       v.source_time, v.series_id, v.series_release, v.verified_by, v.approved_by,
       v.published_at
from verdicts v
join claims c on c.id = v.claim_id
join articles a on a.id = c.article_id
where v.id in (select value from json_each(:ids))
order by v.published_at desc, v.id desc
"""

_CURRENT_VERDICT_SQL = """
select v.id from verdicts v join claims c on c.id = v.claim_id
where v.claim_id = :claim_id and c.status = 'published' and v.superseded_at is null
"""


@dataclass(frozen=True, slots=True)
class EarlierCheck:
    """A published verdict with its evidence, as an editor reuses it."""

    verdict_id: str  # the approved verify event
    claim_id: str
    claim_text: str
    article_id: str
    article_title: str
    article_published: str | None
    verdict: str
    evidence_url: str
    evidence_quote: str
    source_text: str | None  # the source's figure as the verifier typed it
    source_value: float | int | None
    source_unit: str | None
    source_time: str | None
    series_id: str | None  # with series_release: the series cell the evidence was
    series_release: str | None
    verified_by: str
    approved_by: str
    published_at: str
    note: str | None = None  # internal: from reviews.db, for editors only
    matched_by: tuple[str, ...] = ()  # the names of the ways it matched

    @property
    def source_figure(self) -> str | None:
        """The source's figure as typed, for a new verification's form; a number for
        verifications recorded before the typed text was kept."""
        if self.source_text:
            return self.source_text
        return None if self.source_value is None else str(self.source_value)

    def to_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "matched_by": list(self.matched_by)}


def quantity_of(public: sqlite3.Connection, claim_id: str) -> Quantity | None:
    """The claim's quantity, or None when it states none that can be matched (no quantity
    key: a vague subject, a relative period, outside the body; or no figure to read)."""
    row = public.execute(_QUANTITY_SQL, {"claim_id": claim_id}).fetchone()
    if row is None:
        return None
    key, text, value, value_max, unit, meaning, time, source_id, quantity = row
    if value is None or unit is None or time is None:
        return None
    try:
        low, high = close_range(tolerance_interval(value, text, meaning, value_max))
    except ReviewError:  # a figure tolerance cannot read: nothing to compare with
        return None
    # An open side (超過, 將近) is bounded by the largest float SQLite compares with.
    return Quantity(key, quantity, source_id, unit, time, _finite(low), _finite(high))


def earlier_checks(
    public: sqlite3.Connection, claim_id: str, limit: int = LIMIT
) -> list[EarlierCheck]:
    """The most recent published checks of the same quantity as the claim, by any way of
    matching (`WAYS`), newest first; not the claim's own. Notes are not read: see `with_notes`."""
    quantity = quantity_of(public, claim_id)
    if quantity is None:
        return []
    params = {**dataclasses.asdict(quantity), "limit": limit}
    found: dict[str, tuple[str, list[str]]] = {}
    for way in WAYS:
        for verdict_id, published_at in public.execute(way.sql, params):
            found.setdefault(verdict_id, (published_at, []))[1].append(way.name)
    newest = sorted(found, key=lambda v: (found[v][0], v), reverse=True)[:limit]
    return [
        dataclasses.replace(check, matched_by=tuple(found[check.verdict_id][1]))
        for check in _checks(public, newest)
    ]


def published_check(public: sqlite3.Connection, claim_id: str) -> EarlierCheck | None:
    """The claim's current published verdict with its evidence, or None: what a reuse copies,
    whether the claim was listed or the editor named it."""
    row = public.execute(_CURRENT_VERDICT_SQL, {"claim_id": claim_id}).fetchone()
    return None if row is None else next(iter(_checks(public, [row[0]])), None)


def with_notes(private: sqlite3.Connection, checks: Sequence[EarlierCheck]) -> list[EarlierCheck]:
    """The checks with their internal notes, from the verify events in reviews.db."""
    ids = [check.verdict_id for check in checks]
    notes: Mapping[str, str | None] = dict(
        private.execute(
            "select id, note from events where id in (select value from json_each(:ids))",
            {"ids": json.dumps(ids)},
        ).fetchall()
    )
    return [dataclasses.replace(check, note=notes.get(check.verdict_id)) for check in checks]


def reuse_fields(check: EarlierCheck) -> dict[str, str]:
    """A new verification's form, filled in from an earlier check's evidence: the editor
    still chooses the verdict, writes the public explanation, and submits it for approval."""
    filled = {
        "evidence_url": check.evidence_url,
        "evidence_quote": check.evidence_quote,
        "source_value": check.source_figure or "",
        "source_unit": check.source_unit or "",
        "source_time": check.source_time or "",
        "note": f"沿用 {check.claim_id} 的查核 Reuses the check of claim {check.claim_id} "
        f"({check.article_id})",
        "reused_from": check.claim_id,
    }
    if check.series_id and check.series_release and check.source_time:
        filled |= {
            "series_id": check.series_id,
            "series_release": check.series_release,
            "series_period": check.source_time,
        }
    return {name: value for name, value in filled.items() if value}


def reused_evidence(public: sqlite3.Connection, claim_id: str, reused: str) -> dict[str, str]:
    """`reuse_fields` of the other claim's published check; ReviewError (field `reused_from`,
    in Chinese and English) when it is this claim or has no published verdict."""
    if reused == claim_id:
        raise ReviewError(claim_id, "reused_from", OWN_CHECK)
    check = published_check(public, reused)
    if check is None:
        raise ReviewError(claim_id, "reused_from", not_published(reused))
    return reuse_fields(check)


def not_published(reused: str) -> str:
    return f"{reused} 沒有已發布的查核可沿用 claim {reused} has no published verdict to reuse"


def lookup(databases: Databases, claim_id: str, limit: int = LIMIT) -> list[EarlierCheck]:
    """`earlier_checks` with their notes, from the database files: none before a build, or
    from databases an older claimdesk wrote (the next build makes them afresh)."""
    if not (databases.public.exists() and databases.private.exists()):
        return []
    public, private = _read_only(databases.public), _read_only(databases.private)
    try:
        return with_notes(private, earlier_checks(public, claim_id, limit))
    except sqlite3.DatabaseError:
        return []
    finally:
        public.close()
        private.close()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _checks(public: sqlite3.Connection, verdict_ids: Sequence[str]) -> list[EarlierCheck]:
    if not verdict_ids:
        return []
    cursor = public.execute(_CHECKS_SQL, {"ids": json.dumps(list(verdict_ids))})
    names = [column[0] for column in cursor.description]
    return [EarlierCheck(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def _finite(bound: float) -> float:
    return max(-sys.float_info.max, min(bound, sys.float_info.max))
