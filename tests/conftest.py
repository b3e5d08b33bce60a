"""Shared fixtures: real files in tmp_path, a real SQLite database, a real Datasette."""

from __future__ import annotations

import sqlite3
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from datasette.app import Datasette
from hypothesis import settings

from claimdesk.database.build import build

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]

# No per-example deadline: a busy CI machine must not turn a slow example into a failure.
# The properties are about results; speed is measured in bench/, never asserted.
settings.register_profile("claimdesk", deadline=None)
settings.load_profile("claimdesk")

ARTICLE = "據IDC統計,2021年市場規模為432億元,同比增長47.2%。\n作者:某人\n"

CLAIMS_YML = textwrap.dedent(
    """\
    article:
      title: AI芯片市場
      publisher: 測試社
      author: 某人
      url: null
      published: 2023-06-20
      language: zh-Hant
    claims:
    - id: c0000000001
      start: 17
      end: 22
      text: 432億元
      sentence: 據IDC統計,2021年市場規模為432億元,同比增長47.2%。
      value: 43200000000
      value_max: null
      unit: CNY
      kind: money
      qualifier: null
      qualifier_meaning: null
      time: '2021'
      source: IDC
      source_report: null
      noun: null
      flags: []

    - id: c0000000002
      start: 27
      end: 32
      text: 47.2%
      sentence: 據IDC統計,2021年市場規模為432億元,同比增長47.2%。
      value: 47.2
      unit: '%'
      kind: percent
      time: '2021'
      source: IDC
    """
)

# alice verified 47.2% with an internal note; bob approved it, which published it.
VERIFY_ID = "0188dd65-8d00-7000-a46d-d6122265b1f5"
INTERNAL_NOTE = "內部：已致電IDC確認"
REVIEWS_JSONL = (
    '{"id":"0188dd65-8d00-7000-a46d-d6122265b1f5","at":"2023-06-21T10:00:00Z","editor":"alice",'
    '"type":"verify","claim_id":"c0000000002","verdict":"correct",'
    '"evidence_url":"https://www.idc.com/getdoc.jsp?containerId=prCHC50000",'
    '"evidence_quote":"同比增長47.2%","source_value":47.2,"source_unit":"%","source_time":"2021",'
    '"explanations":{"zh-Hant":"IDC新聞稿表1：增長47.2%。","en":"IDC press release, table 1: up '
    '47.2%."},"note":"內部：已致電IDC確認"}\n'
    '{"id":"0188dd9c-7b80-7000-b358-4f8cd8f16adf","at":"2023-06-21T11:00:00Z","editor":"bob",'
    '"type":"approve","claim_id":"c0000000002","verify_id":"0188dd65-8d00-7000-a46d-d6122265b1f5"}\n'
)


def write_article(
    claims_dir: Path, slug: str, text: str, claims_yml: str, reviews: str | None = None
) -> Path:
    folder = claims_dir / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "claims.yml").write_text(claims_yml, encoding="utf-8")
    if reviews is not None:
        (folder / "reviews.jsonl").write_text(reviews, encoding="utf-8")
    return folder


@pytest.fixture
def claims_dir(tmp_path: Path) -> Path:
    """A claims/ folder with one small, valid, hand-written article."""
    directory = tmp_path / "claims"
    write_article(directory, "idc-market", ARTICLE, CLAIMS_YML, REVIEWS_JSONL)
    return directory


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimdesk.db"


# The full-text indexes' own storage: how it is laid out depends on the order rows were
# written; its content is read through the virtual tables themselves.
FTS_SHADOW = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")


def user_tables(connection: sqlite3.Connection, *, virtual: bool = True) -> list[str]:
    """The tables of a database, in name order, without SQLite's and FTS5's own."""
    return [
        name
        for name, sql in connection.execute(
            "select name, sql from sqlite_master where type = 'table' order by name"
        )
        if not name.endswith(FTS_SHADOW)
        and not name.startswith("sqlite_")
        and (virtual or not sql.startswith("CREATE VIRTUAL"))
    ]


def load_yaml(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    return loaded


def make_datasette(db: Path) -> Datasette:
    """A real Datasette over both real databases, configured by the checked-in YAML files."""
    return Datasette(
        [str(db), str(db.with_name("reviews.db"))],
        metadata=load_yaml("metadata.yml"),
        config=load_yaml("datasette.yaml"),
    )


@pytest.fixture
async def ds(claims_dir: Path, db_path: Path) -> Datasette:
    build(claims_dir, db_path)
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette


# --- a real server and a real browser ------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# As the workplace's chromium runs: no sandbox (root), and no calls home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str, deadline_seconds: float = 30) -> None:
    """Poll until the server answers; the bound keeps a broken server from hanging the suite."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Debian's chromium is not at {CHROMIUM}: `make browser` installs it as root (or "
            "with sudo); the browser tests never download a browser of their own"
        )

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Playwright's sync API keeps its event loop running in the main thread while the
    # session's browser is open, and pytest-asyncio cannot run inside it: browser tests last.
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
