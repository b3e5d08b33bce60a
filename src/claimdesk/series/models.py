"""The shapes of a series' files: claims/series/<id>/series.yml and releases/<release>.yml,
and of an import mapping (mappings/*.yml). `extra="forbid"` everywhere: a typo in a
hand-edited file is an error, not a key silently ignored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from claimdesk.claim import Value
from claimdesk.files.urls import check_web_url
from claimdesk.series.periods import PERIOD_STYLES
from claimdesk.vocabulary import SLUG_PATTERN, Frequency, Kind

SHA256_PATTERN = r"^[0-9a-f]{64}$"
WebUrl = Annotated[str, AfterValidator(check_web_url)]
Text = Annotated[str, Field(min_length=1)]


@cache
def claim_units() -> frozenset[str]:
    """The units a claim can have (extract/units.py): a series is in one of them, so that its
    cells and claims compare."""
    from claimdesk.extract.units import SUFFIXES

    return frozenset(entry.unit for entry in SUFFIXES.values()) | {"count"}


def _known_unit(unit: str) -> str:
    if unit not in claim_units():
        raise ValueError(
            f"單位 {unit!r} 不是申述用的單位（例：TEU、%、point、count）· {unit!r} is not a "
            "unit claims use (e.g. TEU, %, point, count)"
        )
    return unit


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeriesInfo(_Strict):
    """What a series is: claims/series/<id>/series.yml."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN)]
    publisher: Text
    title_zh: Text
    title_en: Text
    kind: Kind
    # As a claim's unit: for money the ISO 4217 code, which `currency` then names too.
    unit: Annotated[str, AfterValidator(_known_unit)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    frequency: Frequency
    url: WebUrl | None = None  # the series' own page at its publisher
    remarks: str | None = None  # what the publisher says of it (preliminary figures)

    @model_validator(mode="after")
    def _unit_or_currency(self) -> SeriesInfo:
        if self.kind == "money":
            if self.currency is None:
                raise ValueError("金額要有幣別 currency · a series of money needs its currency")
            if self.unit not in (None, self.currency):
                raise ValueError(
                    f"金額的單位就是幣別 · a series of money is in its currency: unit "
                    f"{self.unit!r} is not {self.currency!r}"
                )
        elif self.unit is None:
            raise ValueError("要有單位 unit · a series needs its unit")
        return self

    @property
    def claim_unit(self) -> str:
        """The unit as a claim writes it."""
        unit = self.currency if self.kind == "money" else self.unit
        assert unit is not None  # the validator saw to it
        return unit


class Release(_Strict):
    """One release (vintage) of a series: claims/series/<id>/releases/<release>.yml. The
    periods' form is checked against the series' frequency when both are read."""

    released: dt.date
    url: WebUrl
    retrieved: dt.datetime
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)]
    file: str | None = None  # the name of the file imported
    mapping: str | None = None  # the mapping it was read with
    cells: dict[str, Value]

    @model_validator(mode="after")
    def _retrieved_has_a_zone(self) -> Release:
        if self.retrieved.tzinfo is None:
            raise ValueError(
                "retrieved 要寫時區（例：2026-12-06T09:30:00Z）· retrieved needs its time "
                "zone (e.g. 2026-12-06T09:30:00Z)"
            )
        return self


class Column(_Strict):
    """Where a table has a figure: a CSV column's header, or a JSON record's field."""

    column: Text


class PeriodColumn(Column):
    style: Annotated[str, Field(description="how the table writes a period: periods.py")]

    @model_validator(mode="after")
    def _known_style(self) -> PeriodColumn:
        if self.style not in PERIOD_STYLES:
            raise ValueError(f"style {self.style!r}: one of {', '.join(PERIOD_STYLES)}")
        return self


class ValueColumn(Column):
    # What one of the table's figures is in the series' unit: 1000 for '000 TEU.
    scale: Decimal = Decimal(1)
    # What the table writes for a figure it does not have: such a row is left out.
    missing: tuple[str, ...] = ("", "-", "..", "...", "na", "NA", "N.A.", "x")


class Mapping(_Strict):
    """How to read one official table as a series' release: mappings/<name>.yml."""

    name: Annotated[str, Field(pattern=SLUG_PATTERN)]
    description: Text
    format: Literal["csv", "json"]
    encoding: str = "utf-8-sig"  # utf-8 with or without a byte order mark
    # csv: the 1-based row of the header (the DGBAS tables have a title above it).
    header_row: Annotated[int, Field(ge=1)] = 1
    # json: the field that holds the records (a list of objects), by name from the top.
    records: tuple[str, ...] = ()
    period: PeriodColumn
    value: ValueColumn
    # Only the rows with these values in these columns (a long table holds many series).
    where: dict[str, str] = Field(default_factory=dict)
    # A row whose first cell starts with one of these ends the table (a note below it).
    ends_at: tuple[str, ...] = ()
    # The series the table is, for its first import (options may name another).
    series: SeriesInfo | None = None
    url: WebUrl | None = None  # where the newsroom's cron job fetches the table
