"""Screenshots of the editors' desk for the README, taken with the browser the tests use.

Usage: uv run python docs/desk_screenshots.py [--out docs/screenshots]

Starts `claimdesk serve` on 127.0.0.1 over a copy of claims/ in a scratch folder, with two
editors' accounts made there, signs in as one, and saves the queue, the review form (with the
live discrepancy for a typed source value) and the article page. Needs Debian's chromium
(`make browser`) and, for Chinese text, a CJK font (Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for  # noqa: E402

PASSWORD = "screenshot password"


def serve(project: Path) -> tuple[subprocess.Popen[bytes], str]:
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "claims", project / "claims")
    env = {
        **os.environ,
        "CLAIMDESK_EDITORS": str(project / "editors.json"),
        "DATASETTE_SECRET": "screenshots",
    }
    claimdesk = str(Path(sys.executable).parent / "claimdesk")
    for editor in ("amy", "ben"):
        subprocess.run(
            [claimdesk, "editor", "add", editor, "--password-stdin"],
            input=PASSWORD.encode(),
            env=env,
            check=True,
            capture_output=True,
        )
    port = free_port()
    process = subprocess.Popen(
        [claimdesk, "serve", "--port", str(port)], cwd=project, env=env, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/claimdesk.json")
    return process, url


def sign_in(page: Page, url: str, editor: str) -> None:
    page.goto(url + "/-/login")
    page.fill("#id_username", editor)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(url + "/desk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        process, url = serve(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                sign_in(page, url, "amy")
                page.screenshot(path=str(args.out / "desk-queue.png"))
                page.click(".desk-row:has(mark:text-is('47億元人民幣')) .desk-open")
                page.fill("[name=source_value]", "47億")
                page.wait_for_selector(".desk-assessment[data-suggested]")
                page.fill("[name=evidence_url]", "https://www.idc.com/getdoc.jsp")
                page.screenshot(path=str(args.out / "desk-claim.png"), full_page=True)
                page.goto(url + "/desk/article/ai-chips-nvidia-biren")
                page.screenshot(path=str(args.out / "desk-article.png"))
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
