"""The shapes of a series' files (series/models.py) and their periods (series/periods.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from claimdesk.series.models import Release, SeriesInfo
from claimdesk.series.periods import PERIOD_STYLES, is_period
from claimdesk.series.store import dump_release, load_all, write_release, write_series_info

INFO: dict[str, Any] = {
    "id": "hk-retail-sales",
    "publisher": "政府統計處 Census and Statistics Department",
    "title_zh": "零售業總銷貨價值",
    "title_en": "Value of total retail sales",
    "kind": "money",
    "currency": "HKD",
    "frequency": "monthly",
}
RELEASE: dict[str, Any] = {
    "released": "2024-03-01",
    "url": "https://www.censtatd.gov.hk/en/web_table.html?id=620-67001",
    "retrieved": "2024-03-01T09:30:00Z",
    "sha256": "0" * 64,
    "cells": {"2024-01": 35_200_000_000, "2023-12": 36_100_000_000.5},
}


def test_a_series_of_money_is_in_its_currency() -> None:
    assert SeriesInfo.model_validate(INFO).claim_unit == "HKD"
    with pytest.raises(ValidationError, match="needs its currency"):
        SeriesInfo.model_validate({**INFO, "currency": None})
    with pytest.raises(ValidationError, match="is in its currency"):
        SeriesInfo.model_validate({**INFO, "unit": "USD"})


def test_a_series_unit_is_one_claims_use() -> None:
    quantity = {**INFO, "kind": "quantity", "currency": None}
    assert SeriesInfo.model_validate({**quantity, "unit": "TEU"}).claim_unit == "TEU"
    with pytest.raises(ValidationError, match="is not a unit claims use"):
        SeriesInfo.model_validate({**quantity, "unit": "boxes"})
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        SeriesInfo.model_validate({**quantity, "unit": "TEU", "colour": "blue"})


def test_a_release_needs_a_web_address_and_a_time_zone() -> None:
    assert Release.model_validate(RELEASE).retrieved.tzinfo is not None
    with pytest.raises(ValidationError, match="http or https"):
        Release.model_validate({**RELEASE, "url": "file:///etc/passwd"})
    with pytest.raises(ValidationError, match="needs its time zone"):
        Release.model_validate({**RELEASE, "retrieved": "2024-03-01T09:30:00"})


@pytest.mark.parametrize(
    ("frequency", "good", "bad"),
    [
        ("annual", "2024", "2024-01"),
        ("quarterly", "2024-04/2024-06", "2024-04/2025-06"),
        ("monthly", "2024-12", "2024-13"),
        ("daily", "2024-02-29", "2023-02-29"),
    ],
)
def test_periods_take_the_form_of_a_claims_time(frequency: Any, good: str, bad: str) -> None:
    assert is_period(frequency, good)
    assert not is_period(frequency, bad)


def test_official_tables_periods_are_read_as_claims_write_them() -> None:
    assert PERIOD_STYLES["roc_month"]("113年9月") == "2024-09"
    assert PERIOD_STYLES["roc_quarter"]("112年第4季") == "2023-10/2023-12"
    assert PERIOD_STYLES["roc_year"]("41年") == "1952"
    assert PERIOD_STYLES["yyyymm"]("202305") == "2023-05"
    assert PERIOD_STYLES["day_month_year"]("01-02-2024") == "2024-02-01"


def test_a_release_file_reads_back_as_written(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    info = SeriesInfo.model_validate(INFO)
    release = Release.model_validate(RELEASE)
    write_series_info(claims, info)
    path = write_release(claims, info.id, "2024-03-01", release)
    assert path.read_text() == dump_release(release)
    assert '  "2023-12": 36100000000.5\n  "2024-01": 35200000000\n' in path.read_text()
    [stored], problems = load_all(claims)
    assert problems == []
    assert stored.info == info and stored.releases[0].release == release


def test_a_release_file_is_named_for_its_release_date(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    info = SeriesInfo.model_validate(INFO)
    write_series_info(claims, info)
    release = Release.model_validate({**RELEASE, "released": dt.date(2024, 3, 2)})
    path = write_release(claims, info.id, "2024-03-01", release)
    [stored], [problem] = load_all(claims)
    assert stored.releases == []
    assert problem.startswith(f"{path}:1: released: 2024-03-02 與檔名不同")


def test_a_release_file_named_otherwise_is_named_and_left_out(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    info = SeriesInfo.model_validate(INFO)
    write_series_info(claims, info)
    path = write_release(claims, info.id, "2024-03-01", Release.model_validate(RELEASE))
    renamed = path.with_name("2024-03-01-final.yml")
    path.rename(renamed)
    [stored], [problem] = load_all(claims)
    assert stored.releases == []
    assert problem.startswith(f"{renamed}: 檔名要是發布日")


def test_an_upper_case_scheme_is_stored(tmp_path: Path) -> None:
    """files/urls.py accepts HTTPS://: the database's CHECK must too, or one such file would
    stop the whole build."""
    from claimdesk.database.build import build

    claims = tmp_path / "claims"
    info = SeriesInfo.model_validate({**INFO, "url": "HTTPS://www.censtatd.gov.hk/"})
    write_series_info(claims, info)
    release = Release.model_validate({**RELEASE, "url": "HTTPS://www.censtatd.gov.hk/x.csv"})
    write_release(claims, info.id, "2024-03-01", release)
    report = build(claims, tmp_path / "claimdesk.db")
    assert report.problems == []
