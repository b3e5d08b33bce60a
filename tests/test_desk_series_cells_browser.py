"""Choosing a series cell on the desk in Debian's chromium, over a real server: an editor opens
a claim, sees the cells that could be its evidence, chooses one, sees the form filled in and
the suggested verdict, submits, and a second editor approves it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desk_fixtures import serving_as_configured
from series_cells_fixtures import Project, make_project
from series_fixtures import SG_JUNE
from test_desk_browser import sign_in, submit_then_approve

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Project]]:
    project = make_project(tmp_path / "project")
    with serving_as_configured(project.path) as base:
        yield base, project


def test_an_editor_chooses_a_series_cell_and_a_second_editor_approves_it(
    browser: Browser, site: tuple[str, Project]
) -> None:
    base, project = site
    claim = project.claims["326萬標準箱 2023-04"]
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.goto(f"{base}/desk/claim/{claim}")
    cell = page.locator('.desk-series-cell[data-series="sg-container-throughput"]')
    assert "3,264,669 TEU" in cell.inner_text()
    # Nothing is chosen until the editor chooses.
    assert page.input_value("[name=source_value]") == ""
    assert page.locator("[name=series_id]").count() == 0

    cell.locator('a.desk-use-cell[data-release="2023-06-14"]').click()
    page.wait_for_selector(".desk-cell-notice")
    assert page.input_value("[name=evidence_url]") == SG_JUNE.url
    assert page.input_value("[name=source_value]") == "3264669"
    assert page.input_value("[name=source_unit]") == "TEU"
    assert page.input_value("[name=source_time]") == "2023-04"
    assert page.input_value("[name=series_release]") == "2023-06-14"
    # The live check compares the cell's figure with the claim, as if typed.
    page.wait_for_selector('.desk-assessment[data-suggested="correct"]')
    assert page.input_value("[name=verdict]") == "correct"
    page.fill("[name=explanation_zh_hant]", "與新加坡海事及港務管理局的數據相符。")
    submit_then_approve(page, base, f"{base}/desk/claim/{claim}")
    verify, approve = [json.loads(line) for line in project.log.read_text("utf-8").splitlines()]
    assert verify["editor"] == "amy"
    assert verify["series_cell"] == {
        "series": "sg-container-throughput", "release": "2023-06-14", "period": "2023-04",
    }  # fmt: skip
    assert (approve["editor"], approve["verify_id"]) == ("ben", verify["id"])
