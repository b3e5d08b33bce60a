"""Reading at speed (issue 19) reads what was read before: a release file read fast
(store._release_data) gives the very result PyYAML gives, or is read by PyYAML (any line in
another form); a long table's rows of other series are passed by before they are read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk import located_yaml
from claimdesk.errors import ClaimdeskError
from claimdesk.series.importing import read_cells
from claimdesk.series.models import Mapping, Release
from claimdesk.series.store import _parse, _release_data, dump_release

PATH = Path("claims/series/hk-retail-sales/releases/2024-03-01.yml")
DETAILS: dict[str, Any] = {
    "released": dt.date(2024, 3, 1),
    "url": "https://www.censtatd.gov.hk/en/web_table.html?id=620-67001",
    "retrieved": dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC),
    "sha256": "0" * 64,
    "file": "620-67001.csv",
    "mapping": "censtatd-retail",
}
FIGURES = [0, -0.0, 7, -12, 0.1, 1.5e-05, 123456789.123, 1e16, 3.0, 2**63 + 1, -(2**62)]


def _text(cells: dict[str, int | float]) -> str:
    return dump_release(Release.model_validate({**DETAILS, "cells": cells}))


def _as_pyyaml_reads(text: str) -> Release:
    return Release.model_validate(located_yaml.parse(text)[1])


def test_a_written_release_reads_fast_as_pyyaml_reads_it() -> None:
    # Not 1e16: repr writes 1e+16, which YAML 1.1 reads as text (see below).
    figures = [figure for figure in FIGURES if figure != 1e16]
    cells = {f"2024-{month:02d}": figure for month, figure in enumerate(figures, 1)}
    text = _text(cells)
    fast = _release_data(text)
    assert fast is not None
    assert fast == located_yaml.parse(text)[1]
    assert _parse(PATH, text.encode(), Release) == _as_pyyaml_reads(text)


@given(
    st.dictionaries(
        st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
        st.one_of(
            st.integers(-(2**70), 2**70),
            st.floats(allow_nan=False, allow_infinity=False),
            st.sampled_from(FIGURES),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_release_reads_the_same_fast_or_not(cells: dict[str, int | float]) -> None:
    text = _text(cells)
    fast = _release_data(text)
    if fast is not None:
        assert fast == located_yaml.parse(text)[1]
    assert _parse(PATH, text.encode(), Release) == _as_pyyaml_reads(text)


@pytest.mark.parametrize(
    "change",
    [
        ('  "2024-02": 2\n', '  "2024-02": 2  # revised\n'),  # a comment
        ('  "2024-02": 2\n', '  "2024-02": 2\n\n'),  # a blank line
        ('  "2024-02": 2\n', "  2024-02: 2\n"),  # a key not quoted
        ('  "2024-02": 2\n', '  "2024-02": 1e+16\n'),  # YAML 1.1 reads text
        ('  "2024-02": 2\n', '  "2024-02": 0x10\n'),  # YAML 1.1 reads 16
        ('  "2024-02": 2\n', '  "2024-02": 2\nremarks: x\n'),  # a key after the cells
        ('  "2024-02": 2\n', '  "2024-02": 2'),  # no newline at the end
        ("released:", "...\nreleased:"),  # a document's end above the cells
    ],
)
def test_any_other_form_is_read_by_pyyaml(change: tuple[str, str]) -> None:
    text = _text({"2024-01": 1, "2024-02": 2}).replace(*change)
    assert _release_data(text) is None
    try:
        expected: Release | str = _as_pyyaml_reads(text)
    except Exception as error:  # what PyYAML or pydantic refuses, _parse refuses too
        expected = type(error).__name__
    try:
        got: Release | str = _parse(PATH, text.encode(), Release)
    except ClaimdeskError:
        got = "refused"
    assert got == expected or (got == "refused" and isinstance(expected, str))


def test_an_error_in_a_fast_read_file_names_its_line() -> None:
    text = _text({"2024-01": 1, "2024-02": 2}).replace("https://", "ftp://")
    assert _release_data(text) is not None
    with pytest.raises(ClaimdeskError, match=rf"^{PATH}:2: url: "):
        _parse(PATH, text.encode(), Release)


def _long_table_mapping(format: str) -> Mapping:
    return Mapping.model_validate(
        {
            "name": "immd-airport-arrivals",
            "description": "ImmD daily passenger traffic, airport arrivals",
            "format": format,
            "period": {"column": "Date", "style": "day_month_year"},
            "value": {"column": "Total"},
            "where": {"Control Point": "Airport", "Arrival / Departure": "Arrival"},
        }
    )


LONG_TABLE = [
    ["Date", "Control Point", "Arrival / Departure", "Total", ""],
    ["01-01-2024", "Airport", "Arrival", "31,000", ""],
    ["01-01-2024", "Airport", "Departure", "29000", ""],
    ["01-01-2024", "Lo Wu", "Arrival", "90000", ""],
    ["02-01-2024", "Airport", "Arrival", "32000", ""],
    ["02-01-2024", "Airport"],  # cut short: not the series' row
    ["03-01-2024", "Airport", "Arrival", "..", ""],
]


@pytest.mark.parametrize("format", ["csv", "json"])
def test_where_picks_one_series_from_a_long_table(tmp_path: Path, format: str) -> None:
    """As the Immigration Department publishes daily passenger traffic: a row per day,
    control point and direction; the mapping's `where` keeps one series' rows."""
    header, *rows = LONG_TABLE
    if format == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(LONG_TABLE)
        data = text.getvalue().encode()
    else:
        records = [dict(zip(header, row, strict=False)) for row in rows]
        data = json.dumps({"records": records}).encode()
    mapping = _long_table_mapping(format)
    if format == "json":
        mapping = mapping.model_copy(update={"records": ("records",)})
    cells = read_cells(tmp_path / "traffic", data, mapping, "daily")
    assert cells == {"2024-01-01": 31000, "2024-01-02": 32000}
    twice = data.replace(b"02-01-2024", b"01-01-2024")
    where = "line 5" if format == "csv" else "record 4"
    first = "line 2" if format == "csv" else "record 1"
    with pytest.raises(ClaimdeskError, match=f"{where}: .*appears twice \\(first at {first}\\)"):
        read_cells(tmp_path / "traffic", twice, mapping, "daily")
