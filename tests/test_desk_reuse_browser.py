"""Reusing an earlier check in Debian's chromium, over a real server: an editor opens a claim,
sees the published check of the same quantity from another article, uses its evidence, submits,
and a second editor approves it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desk_fixtures import serving_as_configured
from earlier_fixtures import EVIDENCE_URL, Project, make_project
from test_desk_browser import sign_in, submit_then_approve

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Project]]:
    project = make_project(tmp_path / "project")
    with serving_as_configured(project.path) as base:
        yield base, project


def test_an_editor_reuses_an_earlier_check_and_a_second_editor_approves_it(
    browser: Browser, site: tuple[str, Project]
) -> None:
    base, project = site
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.goto(f"{base}/desk/claim/{new}")
    check = page.locator(f'.desk-earlier-check[data-claim="{earlier}"]')
    assert "ev-new" not in check.inner_text()
    assert EVIDENCE_URL in check.inner_text()
    assert "正確 Correct" in check.inner_text()

    check.locator("a.desk-reuse").click()
    page.wait_for_selector(".desk-reuse-notice")
    assert page.input_value("[name=evidence_url]") == EVIDENCE_URL
    assert page.input_value("[name=source_value]") == "378.8萬輛"
    # The live check compares the copied figure with this claim, as if typed.
    page.wait_for_selector('.desk-assessment[data-suggested="correct"]')
    assert page.input_value("[name=verdict]") == "correct"
    page.fill("[name=explanation_zh_hant]", "與中汽協公布的上半年產量相符。")
    submit_then_approve(page, base, f"{base}/desk/claim/{new}")
    log = project.path / "claims" / "ev-new" / "reviews.jsonl"
    verify, approve = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert (verify["editor"], verify["reused_from"]) == ("amy", earlier)
    assert (approve["editor"], approve["verify_id"]) == ("ben", verify["id"])
