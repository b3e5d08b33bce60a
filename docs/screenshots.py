"""Screenshots of every page of the public site and of the editors' desk, each 1280 and 390
pixels wide, into docs/screenshots/<page>-<width>.png (the top 2,400 pixels of a long page):

    make screenshots        (or: uv run python docs/screenshots.py [--out FOLDER])

It builds a demo site in a scratch folder: the newsroom the tests use (three short articles
written for them, with editors' decisions: verdicts, a corrected verdict, a corrected field)
and the seed article from claims/, with two editors' accounts made there; and, for the desk's
earlier checks, a second site where one quantity is stated by several articles
(tests/earlier_fixtures.py), and for the desk's series cells a third, an article of port
figures beside the committed Singapore series (tests/series_cells_fixtures.py). It serves the site
with `claimdesk serve` on 127.0.0.1 and photographs it with Debian's chromium through
Playwright, the public pages as a reader, then the desk signed in as an editor. It installs
nothing: chromium and a CJK font (fonts-noto-cjk) must already be there (`make screenshots`
installs them where it can).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import Browser, FloatRect, Page, sync_playwright  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for  # noqa: E402
from earlier_fixtures import Project, make_project  # noqa: E402
from public_fixtures import A_GROWTH, A_MARKET, TRADITIONAL, write_newsroom  # noqa: E402
from revision_fixtures import REVISED_TEXT, newsroom, revise  # noqa: E402
from series_cells_fixtures import Project as PortsProject  # noqa: E402
from series_cells_fixtures import make_project as make_ports  # noqa: E402
from series_fixtures import SG_JUNE, SG_MAY, TW_CPI  # noqa: E402

WIDTHS = {1280: 860, 390: 844}  # width: height of the window
# A page is photographed whole down to this many pixels: enough to see how it is laid out, and
# the long ones (the seed article, a 50-row queue) would be megabytes each in git.
MAX_HEIGHT = 2400
SEED = "ai-chips-nvidia-biren"
PASSWORD = "screenshot password"
EDITORS = ("amy", "ben")

# (name, path, what to do on the page before the picture): every public page.
PUBLIC_PAGES: list[tuple[str, str, Callable[[Page], None] | None]] = [
    ("home", "/", None),
    # The article with one claim opened, as a reader sees it after a click.
    (
        "article",
        f"/article/{TRADITIONAL}",
        lambda page: page.click(f'a.claim[data-claim-id="{A_GROWTH.id}"]'),
    ),
    ("seed-article", f"/article/{SEED}", None),
    ("claim", f"/claim/{A_MARKET.id}", None),
    ("progress", "/progress", None),
    ("sources", "/sources", None),
    ("source", "/source/IDC", None),
    ("series", "/series", None),
    ("series-page", "/series/sg-container-throughput", None),
    ("search", "/search?q=47%E5%84%84", None),
    ("methods", "/methods", None),
    ("corrections", "/corrections", None),
    ("not-found", "/claim/c0000000000", None),
    ("sign-in", "/-/login", None),
    # A reader's report of an error, sent from the claim page: the thank-you page it leads to
    # (and the report the desk's pages below show).
    ("report-thanks", f"/claim/{A_MARKET.id}", lambda page: send_report(page)),
]


def send_report(page: Page) -> None:
    page.fill("[name=problem]", "報導寫432億元，IDC報告寫的是423億元。")
    page.fill("[name=evidence_url]", "https://www.idc.com/getdoc.jsp")
    with page.expect_navigation():
        page.click(".report-form button[type=submit]")


def review_form(page: Page) -> None:
    """The review form with a typed source value, so that the live discrepancy shows."""
    page.fill("[name=source_value]", "47億")
    page.wait_for_selector(".desk-assessment[data-suggested]")
    page.fill("[name=evidence_url]", "https://www.idc.com/getdoc.jsp")


def desk_pages(page: Page, site: str) -> list[tuple[str, str, Callable[[Page], None] | None]]:
    """The desk's pages, their paths found from the queue (claim ids are hashes)."""
    page.goto(f"{site}/desk")
    claim = page.get_attribute(".desk-row:has(mark:text-is('47億元人民幣')) .desk-open", "href")
    return [
        ("desk-queue", "/desk", None),
        ("desk-claim", str(claim), review_form),
        ("desk-article", f"/desk/article/{SEED}", None),
        ("desk-add", "/desk/add", None),
        ("desk-reports", "/desk/reports", None),
        *[("desk-report", str(report), None) for report in [first_report(page, site)] if report],
    ]


def first_report(page: Page, site: str) -> str | None:
    page.goto(f"{site}/desk/reports")
    link = page.query_selector("a[href*='/desk/report/']")
    return link.get_attribute("href") if link else None


def earlier_pages(project: Project) -> list[tuple[str, str, Callable[[Page], None] | None]]:
    """A claim whose quantity other articles' published checks state (the desk's "Earlier
    checks"), with the verify form filled in from one of them."""
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    return [("desk-earlier", f"/desk/claim/{new}?reuse={earlier}", assessed)]


def series_cell_pages(ports: PortsProject) -> list[tuple[str, str, Callable[[Page], None] | None]]:
    """A claim the Singapore series has a cell for (the desk's "Series cells"), then with the
    verify form filled in from the cell's latest release."""
    claim = ports.claims["326萬標準箱 2023-04"]
    chosen = "series_id=sg-container-throughput&series_release=2023-06-14&series_period=2023-04"
    return [
        ("desk-series-cells", f"/desk/claim/{claim}", None),
        ("desk-series-cell-chosen", f"/desk/claim/{claim}?{chosen}#desk-series-cell", assessed),
    ]


def assessed(page: Page) -> None:
    """Once the live discrepancy has compared the copied figure with the claim."""
    page.wait_for_selector(".desk-assessment[data-suggested]")


def revised_pages(claim: str) -> list[tuple[str, str, Callable[[Page], None] | None]]:
    """A claim whose source a later release revised: beside its public verdict, in the desk's
    queue filter, and on its desk page with both values."""
    return [
        ("claim-revised", f"/claim/{claim}", None),
        ("desk-revised-queue", "/desk?revised=1", None),
        ("desk-revised", f"/desk/claim/{claim}", None),
    ]


def photograph_revised(folder: Path, env: dict[str, str], out: Path) -> None:
    """A site of its own (tests/revision_fixtures.py): verdicts published on the May release of
    the real data.gov.sg series, then the June release that revised April."""
    claims = newsroom(folder)
    configure(folder, env)
    revise(folder)  # built here, so that the server starts at once
    with served(folder, env) as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            editor = new_page(browser, width)
            sign_in(editor, site, EDITORS[0])
            pages = revised_pages(claims[REVISED_TEXT])
            for path in photograph(editor, site, pages, width, out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        browser.close()


def build_site(folder: Path, env: dict[str, str]) -> None:
    write_newsroom(folder / "claims")
    shutil.copytree(ROOT / "claims" / SEED, folder / "claims" / SEED)
    configure(folder, env)


def configure(folder: Path, env: dict[str, str]) -> None:
    """The checked-in configuration and the editors' accounts, in a site's folder."""
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, folder / name)
    # The committed real tables, imported as the newsroom's cron job would (two releases of one).
    for published in (SG_MAY, SG_JUNE, TW_CPI):
        command = [claimdesk(), *published.import_args(folder / "claims")]
        subprocess.run(command, env=env, check=True, capture_output=True)
    for editor in EDITORS:
        subprocess.run(
            [claimdesk(), "editor", "add", editor, "--password-stdin"],
            input=PASSWORD.encode(),
            env=env,
            check=True,
            capture_output=True,
        )


def claimdesk() -> str:
    return str(Path(sys.executable).parent / "claimdesk")


@contextmanager
def served(folder: Path, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [claimdesk(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        site = f"http://127.0.0.1:{port}"
        wait_for(site + "/")
        yield site
    finally:
        server.terminate()
        server.wait(timeout=10)


def sign_in(page: Page, site: str, editor: str) -> None:
    page.goto(site + "/-/login")
    page.fill("#id_username", editor)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/desk")


def new_page(browser: Browser, width: int) -> Page:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, is_mobile=phone, has_touch=phone
    )
    return context.new_page()


def photograph(
    page: Page,
    site: str,
    pages: list[tuple[str, str, Callable[[Page], None] | None]],
    width: int,
    out: Path,
) -> Iterator[Path]:
    for name, path, prepare in pages:
        page.goto(site + path)
        if prepare is not None:
            prepare(page)
        target = out / f"{name}-{width}.png"
        height = min(int(page.evaluate("document.documentElement.scrollHeight")), MAX_HEIGHT)
        clip: FloatRect = {"x": 0, "y": 0, "width": width, "height": height}
        page.screenshot(path=str(target), full_page=True, clip=clip)
        yield target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {
            **os.environ,
            "CLAIMDESK_EDITORS": str(folder / "editors.json"),
            "DATASETTE_SECRET": "screenshots",
        }
        build_site(folder, env)
        with served(folder, env) as site, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in WIDTHS:
                reader = new_page(browser, width)
                for path in photograph(reader, site, PUBLIC_PAGES, width, args.out):
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                editor = new_page(browser, width)
                sign_in(editor, site, EDITORS[0])
                desk = desk_pages(editor, site)
                for path in photograph(editor, site, desk, width, args.out):
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            browser.close()
        # Sites of their own, so that the other pictures keep to the demo newsroom: one
        # quantity stated by several articles, some of whose checks are published; and an
        # article of port figures beside the committed Singapore series.
        project = make_project(folder / "earlier")
        ports = make_ports(folder / "series-cells", made_up=False)
        for site_folder, pages in ((project.path, earlier_pages(project)),
                                   (ports.path, series_cell_pages(ports))):  # fmt: skip
            env = {**env, "CLAIMDESK_EDITORS": str(site_folder / "editors.json")}
            configure(site_folder, env)
            with served(site_folder, env) as site, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for width in WIDTHS:
                    editor = new_page(browser, width)
                    sign_in(editor, site, EDITORS[0])
                    for path in photograph(editor, site, pages, width, args.out):
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                browser.close()
        revised_site = folder / "revised"
        revised_site.mkdir()
        env = {**env, "CLAIMDESK_EDITORS": str(revised_site / "editors.json")}
        photograph_revised(revised_site, env, args.out)


if __name__ == "__main__":
    main()
