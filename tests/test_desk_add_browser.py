"""Adding an article on the desk in Debian's chromium, over a real server: paste, preview the
claims, save; the article and its claims are on the desk's queue and the public site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from conftest import ROOT
from test_desk_browser import sign_in, site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["site"]  # the fixture, a real server over a copy of the seed

TSMC = (ROOT / "tests/fixtures/articles/taiwan_semis.txt").read_text("utf-8")


def test_paste_preview_and_save_an_article(browser: Browser, site: tuple[str, Path]) -> None:
    base, project = site
    page = browser.new_page()
    page.goto(f"{base}/-/login")
    assert "編輯登入 Editors sign in" in page.inner_text("h1")
    sign_in(page, base, "amy")
    page.click(".desk-nav-add")
    page.wait_for_url(f"{base}/desk/add")
    page.fill("[name=text]", TSMC)
    page.fill("[name=publisher]", "中央社")
    page.fill("[name=published]", "2023-07-15")
    page.fill("[name=url]", "https://www.cna.com.tw/news/afe/202307150001.aspx")
    page.fill("[name=currency]", "TWD")
    page.fill("[name=slug]", "tsmc-q2")
    page.click(".desk-add-preview")
    found = page.wait_for_selector(".desk-add-found")
    assert found is not None
    assert found.get_attribute("data-found") == "15"
    assert "1818億元" in [
        mark.inner_text() for mark in page.query_selector_all(".desk-add-claims mark")
    ]
    assert not (project / "claims" / "tsmc-q2").exists()  # a preview writes nothing

    page.click(".desk-add-save")
    page.wait_for_url(f"{base}/desk/article/tsmc-q2?added=15")
    assert "15" in page.inner_text("[data-added]")
    assert page.locator(".desk-claim").count() == 15

    page.goto(f"{base}/desk?article=tsmc-q2")
    assert "1818億元" in page.inner_text(".desk-queue")

    reader = browser.new_page()  # the public page, as an anonymous reader
    reader.goto(f"{base}/article/tsmc-q2")
    assert "台積電第二季獲利優於預期" in reader.inner_text("h1")
    assert "1818億元" in reader.inner_text("body")
    reader.close()
    page.close()


def test_a_bad_field_is_named_beside_it_and_the_text_is_kept(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, project = site
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.goto(f"{base}/desk/add")
    page.fill("[name=text]", TSMC)
    page.fill("[name=url]", "javascript:alert(1)")
    page.click(".desk-add-preview")
    problem = page.wait_for_selector("#problem-url")
    assert problem is not None
    assert "網址須以 http:// 或 https:// 開頭" in problem.inner_text()
    assert page.get_attribute("[name=url]", "aria-describedby") == "problem-url"
    assert page.input_value("[name=text]").startswith(TSMC.splitlines()[0])
    assert sorted(p.name for p in (project / "claims").iterdir()) == ["ai-chips-nvidia-biren"]
    page.close()


def test_an_uploaded_file_is_previewed_then_saved(browser: Browser, site: tuple[str, Path]) -> None:
    base, project = site
    upload = project / "台積電第二季.txt"
    upload.write_text(TSMC, "utf-8")
    page = browser.new_page()
    sign_in(page, base, "amy")
    page.goto(f"{base}/desk/add")
    page.set_input_files("[name=file]", str(upload))
    page.click(".desk-add-preview")
    page.wait_for_selector(".desk-add-found[data-found='15']")
    assert page.input_value("[name=text]") == TSMC  # the file's text, for the save step
    slug = page.input_value("[name=slug]")
    assert slug == "tai-ji-dian-di-er-ji"  # from the file's name, as `claimdesk add` makes it
    page.click(".desk-add-save >> nth=-1")
    page.wait_for_url(f"{base}/desk/article/{slug}?added=15")
    assert (project / "claims" / slug / "article.txt").read_text("utf-8") == TSMC
    page.close()
