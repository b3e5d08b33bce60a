"""The public rows of every series: `series`, `series_releases` and `series_cells`, derived
whole from claims/series/ by one function and written by the build's own transaction.

Series are few and small beside the articles, so no build updates "only the changed rows":
when any series file (or this code) changed since the rows were written, every series row is
derived again. `series_built` holds the digest they were derived from.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdesk.series.store import (
    StoredSeries,
    load_series_files,
    read_series_files,
    series_digest,
    utc_text,
)

SERIES_TABLES = ("series_cells", "series_releases", "series", "series_built")
# Stored instead of the digest while a series file is left out: the next build reads the
# files again and names the problem again, as it does for an article that does not load.
_WITH_PROBLEMS = "+problems"


@dataclass(frozen=True)
class SeriesFiles:
    """The series files as read for one build, and their digest."""

    claims_dir: Path
    found: dict[str, bytes]
    digest: str
    unread: list[str]  # files that could not be read, each named


def derive_series(stored: list[StoredSeries]) -> dict[str, list[dict[str, Any]]]:
    """Every series row. A cell is revised when the release before it that has its period
    gave another value; the release counts its revised cells."""
    rows: dict[str, list[dict[str, Any]]] = {
        "series": [],
        "series_releases": [],
        "series_cells": [],
    }
    for series in stored:
        info = series.info
        rows["series"].append(
            {
                "id": info.id,
                "publisher": info.publisher,
                "title_zh": info.title_zh,
                "title_en": info.title_en,
                "kind": info.kind,
                "unit": info.claim_unit,
                "currency": info.currency,
                "frequency": info.frequency,
                "url": info.url,
                "remarks": info.remarks,
                "releases": len(series.releases),
                "latest_release": series.releases[-1].name if series.releases else None,
            }
        )
        earlier: dict[str, int | float] = {}
        for position, stored_release in enumerate(series.releases, start=1):
            release = stored_release.release
            revised = 0
            for period in sorted(release.cells):
                value = release.cells[period]
                before = earlier.get(period)
                changed = before is not None and before != value
                revised += changed
                rows["series_cells"].append(
                    {
                        "series_id": info.id,
                        "release": stored_release.name,
                        "period": period,
                        "value": value,
                        "new": int(before is None),
                        "revised": int(changed),
                        "previous_value": before if changed else None,
                    }
                )
            earlier.update(release.cells)
            rows["series_releases"].append(
                {
                    "series_id": info.id,
                    "release": stored_release.name,
                    "position": position,
                    "released": release.released.isoformat(),
                    "url": release.url,
                    "retrieved": utc_text(release.retrieved),
                    "sha256": release.sha256,
                    "cells": len(release.cells),
                    "revised": revised,
                }
            )
    return rows


def read_for_build(claims_dir: Path) -> SeriesFiles:
    found, unread = read_series_files(claims_dir)
    return SeriesFiles(claims_dir, found, series_digest(found), unread)


def built_digest(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("select digest from series_built").fetchone()
    return None if row is None else str(row[0])


def series_to_write(connection: sqlite3.Connection, claims_dir: Path) -> SeriesFiles | None:
    """The series files, when the rows were derived from others (None: they are current)."""
    files = read_for_build(claims_dir)
    return None if built_digest(connection) == files.digest else files


def write_series(
    connection: sqlite3.Connection, files: SeriesFiles | Path, problems: list[str]
) -> None:
    """Replace every series row with those derived from the files (read now when given
    claims/), inside the caller's transaction; what is left out is added to `problems`."""
    if isinstance(files, Path):
        files = read_for_build(files)
    stored, problems_loading = load_series_files(files.claims_dir, files.found)
    left_out = files.unread + problems_loading
    problems.extend(left_out)
    rows = derive_series(stored)
    for table in SERIES_TABLES:
        connection.execute(f"delete from {table}")
    for table in ("series", "series_releases", "series_cells"):
        if rows[table]:
            columns = list(rows[table][0])
            # Named parameters: sqlite3 reads each row's dict as it is (a list made of each
            # of 100,000 cells' dicts first cost a quarter of the inserts' time).
            connection.executemany(
                f"insert into {table} ({', '.join(columns)}) "
                f"values ({', '.join(':' + column for column in columns)})",
                rows[table],
            )
    digest = files.digest + (_WITH_PROBLEMS if left_out else "")
    connection.execute("insert into series_built (digest) values (?)", [digest])


def series_current(db_path: Path, claims_dir: Path) -> bool:
    """Whether claimdesk.db's series rows come from the series files as they are now."""
    from claimdesk.database.write import connect

    connection = connect(db_path)
    try:
        return series_to_write(connection, claims_dir) is None
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
