"""A reader's report in a real browser (issue 17, item 13): headless chromium sends the form on
a claim page of a real `claimdesk serve`, without any script of ours, and an editor finds the
report on the desk, links it to the claim, answers it and closes it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from desk_fixtures import PASSWORD, live_project, serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PROBLEM = "報導寫 47 億，但原始報告是 48 億。"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    with serving(tmp_path, live_project(tmp_path)) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # No JavaScript at all: the form is a plain POST and a redirect.
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_a_readers_report_reaches_the_desk_and_is_closed(site: str, page: Page) -> None:
    rows = httpx.get(f"{site}/claimdesk/claims.json?_shape=array&_size=1").json()
    claim_id = rows[0]["id"]
    page.goto(f"{site}/claim/{claim_id}")
    page.fill("#report-problem", PROBLEM)
    page.fill("#report-evidence", "https://example.org/report.pdf")
    page.fill("#report-email", "reader@example.org")
    trap = page.locator(".report-trap").bounding_box()
    assert trap is not None and trap["x"] + trap["width"] <= 0  # out of sight: left empty
    page.click(".report-form button[type=submit]")
    page.wait_for_url(f"{site}/report/thanks?claim={claim_id}")
    assert "謝謝您的回報" in page.inner_text("h1")
    page.click("text=回到原來的頁面")
    page.wait_for_url(f"{site}/claim/{claim_id}")

    page.goto(f"{site}/-/login")
    page.fill("#id_username", "amy")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/desk")
    page.click("text=讀者回報 Reports")
    row = page.locator(".desk-reports li", has_text=PROBLEM)
    assert row.count() == 1
    row.locator("a.desk-open").click()
    page.fill("input[name=claim_id]", claim_id)
    page.click("text=連結 Link")
    assert "連結主張 Linked to a claim" in page.inner_text(".desk-history")
    page.fill("textarea[name=answer]", "謝謝，我們會再查核。Thank you; we are checking it again.")
    page.click("text=儲存回覆 Save the answer")
    assert "send it by e-mail" in page.inner_text("table.desk-fields").lower()
    page.click("button.desk-close-report")
    assert "已結案 closed" in page.inner_text("h1")
    history = page.inner_text(".desk-history")
    assert history.count("amy") == 3 and "結案 Closed" in history
    page.click("text=所有回報 All reports")
    assert page.locator(".desk-reports li", has_text=PROBLEM).count() == 0
