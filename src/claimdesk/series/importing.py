"""`claimdesk series import`: a CSV or JSON file as an official source publishes it, read
with a mapping (which column is the period, which the value, how the period is written, the
scale), written as a new release of a series.

The same file twice adds nothing (its sha256 is already a release's); a changed file adds a
release, and the build marks the cells it revised. Nothing here uses the network: fetching on
a schedule is the newsroom's cron job, which downloads the file and calls this command.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path
from typing import Any

from claimdesk.claim import storable
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import read_bytes
from claimdesk.series.models import Mapping, Release, SeriesInfo
from claimdesk.series.periods import PERIOD_STYLES, check_period
from claimdesk.series.store import (
    _parse,
    load_one,
    new_release_name,
    write_release,
    write_series_info,
)
from claimdesk.vocabulary import Frequency

MAPPING_SUFFIX = ".yml"


def mapping_names() -> list[str]:
    """The mappings claimdesk ships (series/mappings/*.yml), by name."""
    folder = files("claimdesk.series").joinpath("mappings")
    return sorted(
        entry.name.removesuffix(MAPPING_SUFFIX)
        for entry in folder.iterdir()
        if entry.name.endswith(MAPPING_SUFFIX)
    )


def load_mapping(name: str) -> Mapping:
    """A shipped mapping by name, or a newsroom's own mapping file by its path."""
    if name in mapping_names():
        entry = files("claimdesk.series").joinpath("mappings", name + MAPPING_SUFFIX)
        return _parse(Path(str(entry)), entry.read_bytes(), Mapping)
    path = Path(name)
    if path.suffix in (".yml", ".yaml") and path.is_file():
        return _parse(path, read_bytes(path), Mapping)
    raise ClaimdeskError(
        f"--mapping {name}: 沒有這個對應 · no such mapping (shipped: {', '.join(mapping_names())};"
        " or the path of a .yml file)"
    )


def read_cells(path: Path, data: bytes, mapping: Mapping, frequency: Frequency) -> dict[str, Any]:
    """The table's cells, period -> value in the series' unit. Errors name the file, the row
    and the column."""
    cells: dict[str, Any] = {}
    first_row: dict[str, int] = {}
    read_period = PERIOD_STYLES[mapping.period.style]
    period_column, value_column = mapping.period.column, mapping.value.column
    missing, scale = mapping.value.missing, mapping.value.scale
    row_name = "record" if mapping.format == "json" else "line"
    for number, raw_period, raw_value in _rows(path, data, mapping):
        raw_period, raw_value = raw_period.strip(), raw_value.strip()
        if not raw_period and not raw_value:
            continue
        try:
            period = check_period(frequency, read_period(raw_period))
        except ValueError as error:
            raise ClaimdeskError(
                f"{path}: {row_name} {number}: column {period_column!r}: {raw_period!r}: {error}"
            ) from None
        if raw_value in missing:
            continue
        try:
            figure = Decimal(raw_value.replace(",", "")) * scale
            if not figure.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise ClaimdeskError(
                f"{path}: {row_name} {number}: column {value_column!r}: {raw_value!r} "
                "不是數字 · is not a number"
            ) from None
        if period in cells:
            raise ClaimdeskError(
                f"{path}: {row_name} {number}: column {period_column!r}: {period} 重複 · "
                f"appears twice (first at {row_name} {first_row[period]})"
            )
        first_row[period] = number
        whole = figure == figure.to_integral_value()
        cells[period] = storable(int(figure) if whole else float(figure))
    if not cells:
        raise ClaimdeskError(
            f"{path}: 找不到任何數值 · no figures found with mapping {mapping.name}"
        )
    return cells


# A row of the series (its `where` columns hold the values wanted): its number (a CSV's
# line, a JSON record's place), its period and its value as the table writes them. A long
# table holds many series and most of its rows are another's: they are passed by before
# anything is made of them, and "line 12" is written only into an error.
TableRow = tuple[int, str, str]


def _rows(path: Path, data: bytes, mapping: Mapping) -> Iterator[TableRow]:
    try:
        text = data.decode(mapping.encoding)
    except (UnicodeDecodeError, LookupError) as error:
        line = data.count(b"\n", 0, getattr(error, "start", 0)) + 1
        raise ClaimdeskError(
            f"{path}:{line}: 不是 {mapping.encoding} 文字 · not {mapping.encoding} text ({error})"
        ) from None
    if mapping.format == "json":
        yield from _json_rows(path, text, mapping)
    else:
        yield from _csv_rows(path, text, mapping)


def _csv_rows(path: Path, text: str, mapping: Mapping) -> Iterator[TableRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    ends_at = tuple(mapping.ends_at)
    where: list[tuple[int, str]] = []
    period_at = value_at = 0
    try:
        for record in reader:
            if reader.line_num < mapping.header_row:
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                wanted = [mapping.period.column, mapping.value.column, *mapping.where]
                missing = [column for column in wanted if column not in header]
                if missing:
                    raise ClaimdeskError(
                        f"{path}: line {reader.line_num}: 標題列沒有欄位 · the header has no "
                        f"column {', '.join(repr(c) for c in missing)} (it has "
                        f"{', '.join(repr(c) for c in header if c)})"
                    )
                # A column's last place, as a row read into a dict by its header would hold
                # it when two columns have one name.
                place = {column: at for at, column in enumerate(header)}
                period_at, value_at = place[mapping.period.column], place[mapping.value.column]
                where = [(place[column], value) for column, value in mapping.where.items()]
                continue
            if ends_at and (record[0].strip() if record else "").startswith(ends_at):
                return
            size = len(record)
            if any(at >= size or record[at] != value for at, value in where):
                continue
            yield (
                reader.line_num,
                record[period_at] if period_at < size else "",
                record[value_at] if value_at < size else "",
            )
    except csv.Error as error:
        raise ClaimdeskError(
            f"{path}: line {reader.line_num}: 不是 CSV · not CSV: {error}"
        ) from None
    if header is None:
        raise ClaimdeskError(f"{path}: 沒有第 {mapping.header_row} 列標題 · no header row")


def _json_rows(path: Path, text: str, mapping: Mapping) -> Iterator[TableRow]:
    try:
        found: Any = json.loads(text)
    except ValueError as error:
        raise ClaimdeskError(f"{path}: 不是 JSON · not JSON: {error}") from None
    for key in mapping.records:
        if not isinstance(found, dict) or key not in found:
            raise ClaimdeskError(f"{path}: 沒有 {key!r} 欄位 · no field {key!r}")
        found = found[key]
    if not isinstance(found, list):
        raise ClaimdeskError(f"{path}: records: 不是清單 · not a list of records")
    for number, record in enumerate(found, start=1):
        if not isinstance(record, dict):
            raise ClaimdeskError(f"{path}: record {number}: 不是物件 · not an object")
        if any(_field(record, column) != value for column, value in mapping.where.items()):
            continue
        yield (
            number,
            _field(record, mapping.period.column) or "",
            _field(record, mapping.value.column) or "",
        )


def _field(record: dict[str, Any], name: str) -> str | None:
    """A JSON record's field as text (null as ""), or None when it has no such field."""
    if name not in record:
        return None
    value = record[name]
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Imported:
    series_id: str
    release: str  # the release's name: the new one, or the one with the same bytes
    added: bool
    cells: int
    path: Path | None  # the release file written


def import_release(
    claims_dir: Path,
    table: Path,
    mapping: Mapping,
    *,
    series_id: str | None = None,
    released: dt.date | None = None,
    url: str | None = None,
    retrieved: dt.datetime | None = None,
) -> Imported:
    """Add the table as a release of its series (made from the mapping's `series` the first
    time), unless a release already holds exactly these bytes."""
    data = read_bytes(table)
    digest = hashlib.sha256(data).hexdigest()
    info = _series_info(claims_dir, mapping, series_id)
    stored = load_one(claims_dir, info.id)
    if stored is not None:
        info = stored.info
        for earlier in stored.releases:
            if earlier.release.sha256 == digest:
                return Imported(info.id, earlier.name, False, len(earlier.release.cells), None)
    cells = read_cells(table, data, mapping, info.frequency)
    moment = (retrieved or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    address = url or mapping.url
    if address is None:
        raise ClaimdeskError(f"{table}: 要 --url · give --url: where the file was retrieved from")
    try:
        release = Release(
            released=released or moment.date(),
            url=address,
            retrieved=moment,
            sha256=digest,
            file=table.name,
            mapping=mapping.name,
            cells=cells,
        )
    except ValueError as error:
        raise ClaimdeskError(f"{table}: {error}") from None
    if stored is None:
        write_series_info(claims_dir, info)
    name = new_release_name(claims_dir, info.id, release.released)
    written = write_release(claims_dir, info.id, name, release)
    return Imported(info.id, name, True, len(cells), written)


def _series_info(claims_dir: Path, mapping: Mapping, series_id: str | None) -> SeriesInfo:
    if mapping.series is None:
        if series_id is None:
            raise ClaimdeskError(
                f"mapping {mapping.name}: 沒有指定數列 · names no series: give --series ID"
            )
        stored = load_one(claims_dir, series_id)
        if stored is None:
            raise ClaimdeskError(
                f"--series {series_id}: 沒有這個數列 · no such series; write "
                f"series/{series_id}/series.yml first, or use a mapping with `series:`"
            )
        return stored.info
    if series_id is None:
        return mapping.series
    try:
        return SeriesInfo.model_validate({**mapping.series.model_dump(), "id": series_id})
    except ValueError as error:
        raise ClaimdeskError(f"--series {series_id}: {error}") from None
