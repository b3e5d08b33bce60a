"""The desk in Debian's chromium, over a real server: two editors verify and approve a claim,
and the public sees the verdict; hostile text never runs as script."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import free_port
from desk_fixtures import PASSWORD, live_project, start_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

SEED = "ai-chips-nvidia-biren"
FIGURE = "47億元人民幣"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    env = live_project(tmp_path)
    port = free_port()
    server = start_server(tmp_path, env, port)
    try:
        yield f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def sign_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/-/login")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/desk")


def sign_out(page: Page, base: str) -> None:
    page.click(".desk-logout button")
    page.wait_for_load_state()
    page.context.clear_cookies()


def submit_then_approve(page: Page, base: str, claim_url: str) -> None:
    """Submit the verify form as filled in, which waits for a second editor (not offered to
    its author); then ben signs in and approves it, which publishes it."""
    page.click(".desk-verify button[type=submit]")
    page.wait_for_selector(".desk-done")
    assert "待核准 Waiting for approval" in page.inner_text("h1")
    assert page.query_selector("button.desk-approve") is None  # not for the author
    sign_out(page, base)

    sign_in(page, base, "ben")
    page.goto(claim_url)
    page.click("button.desk-approve")
    page.wait_for_selector(".desk-done")
    assert "已發布 Published" in page.inner_text("h1")


def test_verify_then_approve_then_the_public_sees_it(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, _ = site
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.click(f".desk-row:has(mark:text-is('{FIGURE}')) .desk-open")
    claim_url = page.url
    page.click("button.desk-assign")
    assert "assigned" in page.inner_text(".desk-fields") or "amy" in page.inner_text(".desk-fields")
    page.fill("[name=source_value]", "47億")
    assessment = page.wait_for_selector(".desk-assessment[data-suggested]")
    assert assessment is not None  # the default state, "visible", never answers None
    assert assessment.get_attribute("data-suggested") == "correct"
    assert "Suggested verdict: 正確 Correct" in assessment.inner_text()
    page.select_option("[name=verdict]", "correct")
    page.fill("[name=evidence_url]", "https://www.tianyancha.com/company/biren")
    page.fill("[name=evidence_quote]", "累計融資47億元人民幣")
    page.fill("[name=explanation_zh_hant]", "天眼查的融資紀錄合計47億元。")
    submit_then_approve(page, base, claim_url)
    sign_out(page, base)

    claim_id = claim_url.rsplit("/", 1)[-1].split("?")[0]
    page.goto(f"{base}/claim/{claim_id}")  # the public claim page, as an anonymous reader
    assert "正確 Correct" in page.inner_text("body")
    assert "天眼查的融資紀錄合計47億元。" in page.inner_text("body")
    page.goto(f"{base}/claimdesk/claims/{claim_id}.json?_shape=objects")
    row = json.loads(page.inner_text("body"))["rows"][0]
    assert (row["status"], row["verdict"]) == ("published", "correct")
    page.close()


def test_the_queue_works_with_the_keyboard(browser: Browser, site: tuple[str, Path]) -> None:
    base, _ = site
    page = browser.new_page()
    sign_in(page, base, "amy")
    second = page.get_attribute(".desk-row:nth-child(2)", "data-href")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert page.get_attribute(".desk-row.selected", "data-href") == second
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}{second}")
    assert page.query_selector("form.desk-verify") is not None
    page.close()


def test_selecting_text_offers_to_add_it_as_a_claim(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, project = site
    text = (project / "claims" / SEED / "article.txt").read_text("utf-8")
    wanted = "2020-2023年"  # a span no claim covers as a whole
    start = text.index(wanted)
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.goto(f"{base}/desk/article/{SEED}")
    # Select the characters in the page the way a mouse would.
    page.evaluate(
        """([wanted]) => {
            const walker = document.createTreeWalker(
                document.querySelector('[data-article-text]'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + wanted.length);
                    const selection = document.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
        }""",
        [wanted],
    )
    page.wait_for_selector(".desk-add-claim:not([hidden])")
    assert page.input_value("[name=start]") == str(start)
    assert page.input_value("[name=end]") == str(start + len(wanted))
    page.click(".desk-add-claim button[type=submit]")
    page.wait_for_selector(".desk-done")
    assert wanted in page.inner_text("h1")
    page.close()


def test_hostile_text_renders_as_text_and_never_runs(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, project = site
    hostile = project / "hostile.txt"
    hostile.write_text(
        "<script>alert(1)</script>標題\n市場規模為432億元<script>alert(2)</script>。\n",
        encoding="utf-8",
    )
    claimdesk = str(Path(__import__("sys").executable).parent / "claimdesk")
    subprocess.run([claimdesk, "add", str(hostile), "--slug", "hostile"], cwd=project, check=True)
    import yaml

    claims = yaml.safe_load((project / "claims/hostile/claims.yml").read_text("utf-8"))["claims"]
    claim_id = claims[0]["id"]
    env = {"CLAIMDESK_EDITOR": "amy"}
    subprocess.run(
        [claimdesk, "verify", claim_id, "--verdict", "correct", "--evidence-url",
         "https://example.org", "--evidence-quote", "x", "--explanation", "相符。",
         "--note", '"><img src=x onerror=alert(3)>'],
        cwd=project, check=True, env={**__import__("os").environ, **env},
    )  # fmt: skip
    page = browser.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    sign_in(page, base, "ben")
    for path in ("/desk", f"/desk/claim/{claim_id}", "/desk/article/hostile"):
        page.goto(base + path)
        page.wait_for_load_state("load")
    assert "<script>alert(2)</script>" in page.inner_text(".desk-article-text")
    page.goto(f"{base}/desk/claim/{claim_id}")
    assert '"><img src=x onerror=alert(3)>' in page.inner_text(".desk-pending")
    assert page.query_selector(".desk-pending img") is None
    assert dialogs == []
    page.close()
