"""The visual fixes of issue 17 in a real browser (Debian's chromium against `claimdesk serve`):
verdict marks readable on a phone, correct and mostly correct told apart without colour,
/progress's table within the page at 1280 pixels, one search box on /search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from public_fixtures import A_MARKET, A_TOPS, TRADITIONAL
from test_public_browser import site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

__all__ = ["site"]  # the served newsroom, shared with test_public_browser


def opened(browser: Browser, width: int) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": width, "height": 844}, is_mobile=width < 600, has_touch=width < 600
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from opened(browser, 390)


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    yield from opened(browser, 1280)


def test_verdict_tags_in_the_text_are_readable_on_a_phone(site: str, phone: Page) -> None:
    phone.goto(f"{site}/article/{TRADITIONAL}")
    tag = phone.locator(f'a.claim[data-claim-id="{A_MARKET.id}"] .claim-tag')
    assert tag.is_visible()
    style = tag.evaluate(
        "t => { const s = getComputedStyle(t); return [parseFloat(s.fontSize), s.color]; }"
    )
    assert style[0] >= 12  # pixels: the old tag was 0.7em of the text, 12 px on a phone
    assert style[1] == "rgb(255, 255, 255)"  # on the verdict's strong colour
    box = tag.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390


def test_correct_and_mostly_correct_differ_in_more_than_colour(site: str, phone: Page) -> None:
    phone.goto(f"{site}/article/{TRADITIONAL}")

    def looks(claim_id: str) -> dict[str, str]:
        mark = phone.locator(f'a.claim[data-claim-id="{claim_id}"]')
        return dict(
            mark.evaluate(
                """m => {
                  const s = getComputedStyle(m);
                  const tag = getComputedStyle(m.querySelector('.claim-tag'), '::before');
                  return {line: s.borderBottomStyle, pattern: s.backgroundImage,
                          sign: tag.content};
                }"""
            )
        )

    correct, mostly = looks(str(A_MARKET.id)), looks(str(A_TOPS.id))
    assert correct["sign"] != mostly["sign"]
    assert correct["line"] != mostly["line"]
    assert correct["pattern"] == "none" and mostly["pattern"] != "none"
    # And in the legend and the chart of the summary: stripes, not only another green.
    striped = phone.locator("svg rect.v-mostly_correct[style*='url(#stripes-']")
    assert striped.count() >= 1


def test_the_progress_table_fits_at_1280_pixels(site: str, desktop: Page) -> None:
    desktop.goto(f"{site}/progress")
    sizes = desktop.locator(".table-wrap").evaluate(
        "w => [w.scrollWidth, w.clientWidth,"
        " w.querySelector('table').getBoundingClientRect().right]"
    )
    scroll_width, client_width, right = sizes
    assert scroll_width <= client_width  # nothing to scroll sideways
    assert right <= 1280


def test_the_search_page_shows_one_search_box(site: str, desktop: Page) -> None:
    desktop.goto(f"{site}/search?q=%E5%A3%81%E4%BB%9E")
    boxes = desktop.locator("input[type=search]")
    visible = [boxes.nth(n).is_visible() for n in range(boxes.count())]
    assert visible.count(True) == 1
