"""The verify form in Debian's chromium, over a real server: the verdict menu follows the
latest suggestion while the editor types (and a slow answer for an earlier keystroke never
wins), every error is shown at once, and "next claim" moves through the queue."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from test_desk_browser import SEED, sign_in
from test_desk_browser import site as site  # the seed on a real server, as there

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response, Route

# The seed's 國海證券 figure: 490億美元 (49,000,000,000 USD).
FIGURE = "490億美元"
CLAIM = "cf5884e1e45"


def open_claim(page: Page, base: str) -> None:
    sign_in(page, base, "amy")
    page.click(f".desk-row:has(mark:text-is('{FIGURE}')) .desk-open")
    page.wait_for_selector("form.desk-verify")
    assert page.url.endswith(f"/desk/claim/{CLAIM}")


def answered(page: Page, typed: str) -> str:
    """Wait for the live check's answer about `typed`; the verdict it suggests ('' for none)."""
    page.wait_for_selector(f'.desk-assessment[data-for="{typed}"]:not([data-checking])')
    return page.get_attribute(".desk-assessment", "data-suggested") or ""


def logged_events(project: Path) -> list[dict[str, object]]:
    log = project / "claims" / SEED / "reviews.jsonl"
    lines = log.read_text("utf-8").splitlines() if log.exists() else []
    return [json.loads(line) for line in lines]


def test_the_verdict_menu_follows_the_latest_suggestion_while_typing(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, _ = site
    page = browser.new_page()
    statuses: list[int] = []

    def seen(response: Response) -> None:
        if "/assess.json" in response.url:
            statuses.append(response.status)

    page.on("response", seen)
    open_claim(page, base)
    typed = ""
    suggestions = []
    for key in ("4", "9", "0", "億"):
        page.type("[name=source_value]", key)
        typed += key
        suggested = answered(page, typed)
        suggestions.append(suggested)
        # The menu shows what the box says, after every keystroke.
        assert page.input_value("[name=verdict]") == suggested
    assert suggestions[0] == "incorrect"  # 4 US dollars against 490億
    assert suggestions[-1] == "correct"
    assert "正確 Correct" in page.inner_text(".desk-assessment")
    assert "Filled in from the suggestion" in page.inner_text(".desk-verdict-origin")
    # A half-typed figure is an answer, never an HTTP error (the live check, over HTTP).
    for half in ("490億美", "4.", "億"):
        response = page.request.get(
            f"{base}/desk/claim/{CLAIM}/assess.json", params={"source_value": half}
        )
        assert response.status == 200, half
        assert response.json()["suggested_verdict"] is None
    assert statuses and set(statuses) == {200}

    # Once the editor picks a verdict by hand, it stays theirs.
    page.select_option("[name=verdict]", "misleading")
    page.fill("[name=source_value]", "")
    page.type("[name=source_value]", "491億")
    assert answered(page, "491億") == "mostly_correct"
    assert page.input_value("[name=verdict]") == "misleading"
    assert "Your choice" in page.inner_text(".desk-verdict-origin")
    # "—" hands the menu back to the suggestion.
    page.select_option("[name=verdict]", "")
    page.wait_for_function(
        "() => document.querySelector('[name=verdict]').value === 'mostly_correct'"
    )
    page.fill("[name=source_value]", "")
    page.type("[name=source_value]", "490億")
    assert answered(page, "490億") == "correct"
    assert page.input_value("[name=verdict]") == "correct"
    page.close()


def test_a_slow_answer_for_an_earlier_keystroke_never_wins(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, _ = site
    page = browser.new_page()
    open_claim(page, base)
    held: list[Route] = []

    def hold_49(route: Route) -> None:
        if "source_value=49&" in route.request.url:
            held.append(route)  # answered later, after the answer for 490億
        else:
            route.continue_()

    ended: list[str] = []
    page.on("requestfailed", lambda r: ended.append("failed") if "=49&" in r.url else None)
    page.on("requestfinished", lambda r: ended.append("finished") if "=49&" in r.url else None)
    page.route("**/assess.json?*", hold_49)
    with page.expect_request(lambda r: "source_value=49&" in r.url):
        page.type("[name=source_value]", "49")
    page.type("[name=source_value]", "0億")
    assert answered(page, "490億") == "correct"
    assert held
    from playwright.sync_api import Error

    with contextlib.suppress(Error):  # the page may have given up on it already
        held[0].continue_()  # the slow answer for "49" arrives now
    while not ended:  # until the browser is done with the answer for "49", either way
        page.wait_for_timeout(50)
    # The page gave up on the earlier question the moment it asked the newer one.
    assert ended == ["failed"]
    assert page.get_attribute(".desk-assessment", "data-for") == "490億"
    assert page.get_attribute(".desk-assessment", "data-suggested") == "correct"
    assert page.input_value("[name=verdict]") == "correct"
    page.close()


def test_every_verify_error_is_shown_at_once_beside_its_field(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, project = site
    page = browser.new_page()
    open_claim(page, base)
    page.select_option("[name=verdict]", "correct")
    page.fill("[name=note]", "還要查年報")
    page.click(".desk-verify button[type=submit]")
    page.wait_for_selector(".desk-error-summary")
    fields = page.eval_on_selector_all(
        ".desk-verify .desk-error[data-field]", "els => els.map(e => e.dataset.field)"
    )
    assert sorted(fields) == ["evidence_quote", "evidence_url", "explanations"]
    for field in fields:
        # Beside its field: the message follows the field's own label or fieldset.
        before = page.eval_on_selector(
            f".desk-verify .desk-error[data-field={field}]",
            "e => e.previousElementSibling.id",
        )
        assert before == f"field-{field}"
        text = page.inner_text(f".desk-verify .desk-error[data-field={field}]")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # Chinese first, then English
        assert "String should" not in text and "Dictionary" not in text
    assert page.input_value("[name=verdict]") == "correct"  # nothing the editor did is lost
    assert page.input_value("[name=note]") == "還要查年報"
    assert logged_events(project) == []
    page.close()


def test_after_a_verify_next_claim_moves_through_the_queue(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, project = site
    page = browser.new_page()
    sign_in(page, base, "amy")
    rows = page.eval_on_selector_all(".desk-row", "els => els.map(e => e.dataset.href)")
    at = rows.index(f"/desk/claim/{CLAIM}")
    page.goto(base + rows[at])
    page.type("[name=source_value]", "490億")
    assert answered(page, "490億") == "correct"
    page.fill("[name=evidence_url]", "https://www.ghzq.com.cn/report")
    page.fill("[name=evidence_quote]", "2023年全球AI芯片市場規模將達490億美元")
    page.fill("[name=explanation_zh_hant]", "國海證券報告寫明490億美元。")
    page.click(".desk-verify button[type=submit]")
    page.wait_for_selector(".desk-done")
    assert "?done=verify" in page.url  # redirected after the POST
    page.reload()  # reloading the page fetches it again and posts nothing
    page.wait_for_selector(".desk-done")
    assert [e["type"] for e in logged_events(project)] == ["verify"]
    assert not page.is_visible("form.desk-verify")  # the form has closed
    page.click(".desk-next-claim")
    page.wait_for_url(base + rows[at + 1])
    page.keyboard.press("n")
    page.wait_for_url(base + rows[at + 2])
    # Not while typing: n in a box is a letter.
    page.fill("[name=source_value]", "")
    page.type("[name=source_value]", "n")
    assert page.url == base + rows[at + 2]
    page.close()
