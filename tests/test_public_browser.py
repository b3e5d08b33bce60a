"""The public pages in a real browser: headless chromium against `claimdesk serve` on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT, free_port, wait_for
from public_fixtures import A_GROWTH, A_MARKET, A_TOPS, TRADITIONAL, write_newsroom

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The newsroom, built and served by `claimdesk serve`, as a newsroom would run it."""
    project = tmp_path_factory.mktemp("site")
    write_newsroom(project / "claims")
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, project / name)
    port = free_port()
    command = [str(Path(sys.executable).parent / "claimdesk"), "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(url + "/")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    opened = context.new_page()
    yield opened
    context.close()


def test_an_article_page_shows_its_claims_in_the_text(site: str, page: Page) -> None:
    page.goto(f"{site}/article/{TRADITIONAL}")
    marks = page.locator(".article-text a.claim[data-claim-id]")
    assert marks.count() == 6
    growth = page.locator(f'a.claim[data-claim-id="{A_GROWTH.id}"]')
    assert growth.is_visible()
    assert growth.inner_text().startswith("47.2%")
    assert "誤導" in growth.inner_text()


def test_clicking_a_claim_shows_its_verdict(site: str, page: Page) -> None:
    page.goto(f"{site}/article/{TRADITIONAL}")
    page.click(f'a.claim[data-claim-id="{A_GROWTH.id}"]')
    dialog = page.locator("#claim-dialog")
    assert dialog.is_visible()
    text = dialog.inner_text()
    assert "誤導" in text and "Misleading" in text
    assert "增長率是預測值，不是統計結果。" in text
    assert page.url.endswith(f"#{A_GROWTH.id}")  # a link to the article with this claim
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.dataset.claimId") == A_GROWTH.id


def test_a_claim_opens_with_the_keyboard_alone(site: str, page: Page) -> None:
    page.goto(f"{site}/article/{TRADITIONAL}")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.claimId") == A_MARKET.id:
            break
    else:
        pytest.fail("Tab never reached the claim")
    page.keyboard.press("Enter")
    dialog = page.locator("#claim-dialog")
    assert dialog.is_visible()
    assert "正確" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_a_link_to_one_claim_opens_the_article_with_it_highlighted(site: str, page: Page) -> None:
    page.goto(f"{site}/article/{TRADITIONAL}#{A_TOPS.id}")
    claim = page.locator(f"#{A_TOPS.id}")
    assert "is-active" in (claim.get_attribute("class") or "")
    assert claim.evaluate("element => element.matches(':target')")
    assert page.evaluate("document.activeElement.id") == A_TOPS.id
    assert claim.is_visible()


def test_searching_in_simplified_finds_a_traditional_claim(site: str, page: Page) -> None:
    page.goto(f"{site}/")
    page.fill("#home-search", "英伟达")
    page.press("#home-search", "Enter")
    page.wait_for_url("**/search?q=*")
    result = page.locator(f'li.result[data-id="{A_TOPS.id}"]')
    assert result.is_visible()
    assert "英偉達" in result.locator("mark").all_inner_texts()


@pytest.mark.parametrize(
    "path",
    [
        f"/claim/{A_GROWTH.id}",
        f"/claim/{A_MARKET.id}",
        f"/article/{TRADITIONAL}",
        "/",
        "/progress",
        "/sources",
        "/source/IDC",
        "/search?q=%E6%99%B6%E7%89%87",
        "/methods",
        "/corrections",
    ],
)
def test_a_page_fits_a_phone_without_scrolling_sideways(
    site: str, browser: Browser, path: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(site + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_tapping_a_claim_on_a_phone_shows_its_verdict(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(f"{site}/article/{TRADITIONAL}")
        phone.tap(f'a.claim[data-claim-id="{A_MARKET.id}"]')
        dialog = phone.locator("#claim-dialog")
        assert dialog.is_visible()
        box = dialog.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    finally:
        context.close()
