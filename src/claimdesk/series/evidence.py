"""A series cell as a verification's evidence: the source's value, unit and time come from the
cell, its URL is the release's, and the quote names the series, the release and the period.

The verification then records what one with a typed figure records (review/actions.py), so the
discrepancy and the suggested verdict are computed as for any other: the release's URL and the
period are what tie the verdict to the release it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimdesk.errors import ClaimdeskError
from claimdesk.series.store import StoredRelease, load_one


@dataclass(frozen=True)
class CellEvidence:
    series_id: str
    release: str
    period: str
    url: str
    value: str  # the cell's value as a figure the review reads (parse_source_value)
    unit: str
    quote: str


def cell_evidence(
    claims_dir: Path, series_id: str, period: str, release: str | None = None
) -> CellEvidence:
    """The cell of `period` in the named release, or in the latest release that has it."""
    stored = load_one(claims_dir, series_id)
    if stored is None:
        raise ClaimdeskError(f"--series {series_id}: 沒有這個數列 · no such series")
    having = [each for each in stored.releases if period in each.release.cells]
    if release is not None:
        named = [each for each in stored.releases if each.name == release]
        if not named:
            names = ", ".join(each.name for each in stored.releases) or "none"
            raise ClaimdeskError(
                f"--release {release}: {series_id} 沒有這次發布 · has no such release ({names})"
            )
        having = [each for each in named if period in each.release.cells]
    if not having:
        raise ClaimdeskError(
            f"--period {period}: {series_id} 的{'此次發布' if release else '各次發布'}沒有這一期 · "
            f"no release{' ' + release if release else ''} of {series_id} has this period"
        )
    chosen: StoredRelease = having[-1]
    value = chosen.release.cells[period]
    info = stored.info
    return CellEvidence(
        series_id=info.id,
        release=chosen.name,
        period=period,
        url=chosen.release.url,
        value=repr(value),
        unit=info.claim_unit,
        quote=cell_quote(
            info.title_zh,
            info.title_en,
            info.publisher,
            period,
            value,
            info.claim_unit,
            chosen.name,
            info.id,
        ),
    )


def cell_quote(
    title_zh: str,
    title_en: str,
    publisher: str,
    period: str,
    value: object,
    unit: str,
    release: str,
    series_id: str,
) -> str:
    """The quoted passage of a cell's evidence: the series, the period, the value and the
    release. One wording, whether the cell is read from the files (`cell_evidence`) or from
    claimdesk.db (database/series_cells.py, the desk's cell picker)."""
    return (
        f"{title_zh} {title_en}, {publisher}: {period} = {value} {unit} "
        f"(release {release}, series {series_id})"
    )
