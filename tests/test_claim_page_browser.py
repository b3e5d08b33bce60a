"""The claim page in a real browser (headless chromium against `claimdesk serve` on
127.0.0.1): the statement, who said it and when, the share links, and the share card that
og:image names, fetched over HTTP like a chat app would and opened with Pillow."""

from __future__ import annotations

import io
import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest
from PIL import Image

import test_public_browser
from public_fixtures import A_GROWTH, A_MARKET

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SITE_URL = "https://claimdesk.example.org"  # datasette.yaml's site_url
# The newsroom served by `claimdesk serve`, as tests/test_public_browser.py serves it.
site = test_public_browser.site


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def test_the_page_says_what_was_claimed_by_whom_and_when(site: str, page: Page) -> None:
    page.goto(f"{site}/claim/{A_MARKET.id}")
    heading = page.locator("h1")
    assert heading.locator("q.statement").inner_text() == "2021年我國AI晶片市場規模將達到432億元"
    assert "正確" in heading.inner_text()
    said = page.locator("dl.claim-said")
    assert said.locator("dd.claimant").inner_text() == "IDC"
    assert "測試社" in said.locator("dd.where").inner_text()
    assert said.locator("dd.when time").get_attribute("datetime") == "2023-06-20"
    original = said.locator("a.original")
    assert original.is_visible()
    assert original.get_attribute("href") == "https://news.example.com/ai-chips"
    # Everything in the heading and the byline fits the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_figure_reads_as_people_write_it_and_opens_to_the_exact_value(
    site: str, page: Page
) -> None:
    page.goto(f"{site}/claim/{A_MARKET.id}")
    value = page.locator("#figure-title ~ dl .figure-value details")
    assert "432億元人民幣" in value.locator("summary").inner_text()
    assert not value.locator(".exact").is_visible()
    value.locator("summary").click()
    assert "43,200,000,000 CNY" in value.locator(".exact").inner_text()


def test_a_changed_verdict_shows_updated_beside_it(site: str, page: Page) -> None:
    page.goto(f"{site}/claim/{A_GROWTH.id}")
    notice = page.locator(".verdict-box .updated-notice")
    assert notice.is_visible()
    assert "更新" in notice.inner_text() and "Updated" in notice.inner_text()
    assert "carol" in page.locator(".verdict-box .updated-what").inner_text()


def test_share_links_work_without_javascript(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/claim/{A_MARKET.id}")
        links = page.locator(".share-links a")
        assert [links.nth(i).inner_text().split()[-1] for i in range(links.count())] == [
            "LINE",
            "Facebook",
            "X",
        ]
        shared = urllib.parse.quote(f"{SITE_URL}/claim/{A_MARKET.id}", safe="")
        for i in range(3):
            href = links.nth(i).get_attribute("href") or ""
            assert href.startswith("https://") and shared in href
        assert page.locator("#short-link").input_value() == f"{SITE_URL}/c/{A_MARKET.id}"
    finally:
        context.close()


def test_og_image_is_a_cacheable_png_of_1200_by_630(site: str, page: Page) -> None:
    page.goto(f"{site}/claim/{A_GROWTH.id}")
    image = page.locator('meta[property="og:image"]').get_attribute("content") or ""
    assert image.startswith(f"{SITE_URL}/claim/{A_GROWTH.id}/card.png?v=")
    # Drawing a card takes a moment on a loaded machine: httpx's 5 s default is not a test.
    fetched = httpx.get(site + image.removeprefix(SITE_URL), timeout=60)
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(fetched.content)) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
    # Cached like the public pages: a CDN keeps it; a repeat with its tag costs a 304.
    assert fetched.headers["cache-control"].startswith("public, max-age=")
    repeat = httpx.get(
        site + image.removeprefix(SITE_URL),
        headers={"if-none-match": fetched.headers["etag"]},
        timeout=60,
    )
    assert repeat.status_code == 304 and repeat.content == b""
    # The page shows the same card behind a summary.
    page.locator(".share-card summary").click()
    shown = page.locator(".share-card img")
    assert shown.is_visible()
    # Visible comes before loaded: wait for the image itself (a loaded machine took longer).
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=shown.element_handle()
    )
    assert page.evaluate("(img) => img.naturalWidth", shown.element_handle()) == 1200
