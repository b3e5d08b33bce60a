"""Screenshots of the public pages for the README, into docs/screenshots/*.png:

    uv run python docs/screenshots.py

It builds a demo site in a scratch folder: the newsroom the tests use (three short articles
written for them, with editors' decisions: verdicts, a corrected verdict, a corrected field)
and the seed article from claims/, not yet checked. It serves the site with `claimdesk serve`
on 127.0.0.1 and photographs it with Debian's chromium through Playwright. It installs
nothing: chromium and a CJK font (fonts-noto-cjk) must already be there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for  # noqa: E402
from public_fixtures import A_GROWTH, A_MARKET, TRADITIONAL, write_newsroom  # noqa: E402

DESKTOP = {"width": 1100, "height": 860}
PHONE = {"width": 390, "height": 844}
SEED = "ai-chips-nvidia-biren"


def build_site(folder: Path) -> None:
    write_newsroom(folder / "claims")
    shutil.copytree(ROOT / "claims" / SEED, folder / "claims" / SEED)
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, folder / name)


def photograph(site: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    taken = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        desktop = browser.new_page(viewport=DESKTOP)
        desktop.goto(f"{site}/")
        taken.append(_save(desktop, "home.png"))
        # The article with one claim opened, as a reader sees it after a click.
        desktop.goto(f"{site}/article/{TRADITIONAL}")
        desktop.click(f'a.claim[data-claim-id="{A_GROWTH.id}"]')
        taken.append(_save(desktop, "article.png"))
        desktop.goto(f"{site}/progress")
        taken.append(_save(desktop, "progress.png"))
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
        phone.goto(f"{site}/claim/{A_MARKET.id}")
        taken.append(_save(phone, "claim.png", full_page=True))
        browser.close()
    return taken


def _save(page: object, name: str, full_page: bool = False) -> Path:
    path = OUT / name
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path


def main() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        build_site(folder)
        port = free_port()
        claimdesk = Path(sys.executable).parent / "claimdesk"
        server = subprocess.Popen(
            [str(claimdesk), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            site = f"http://127.0.0.1:{port}"
            wait_for(site + "/")
            for path in photograph(site):
                print(path.relative_to(ROOT))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
