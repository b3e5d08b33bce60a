"""/series and /series/<id>: the public pages of the reference series, bilingual, linking to
each release's file and marking revised values. In-process, through ds.client."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.web.caching import data_tag
from conftest import make_datasette
from series_fixtures import SG_JUNE, SG_MAY, TW_CPI, Published

SG = "/series/sg-container-throughput"


def import_release(published: Published, claims_dir: Path) -> None:
    result = CliRunner().invoke(cli, published.import_args(claims_dir))
    assert result.exit_code == 0, result.output


@pytest.fixture
async def series_ds(claims_dir: Path, db_path: Path) -> Datasette:
    for published in (SG_MAY, SG_JUNE, TW_CPI):
        import_release(published, claims_dir)
    build(claims_dir, db_path)
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette


async def page(ds: Datasette, path: str) -> str:
    response = await ds.client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.text)


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


async def test_the_series_page_lists_every_series(series_ds: Datasette) -> None:
    listed = await page(series_ds, "/series")
    assert '<h1><span lang="zh-Hant">統計數列</span> <span lang="en">Series</span></h1>' in listed
    assert f'<a href="{SG}">新加坡港口貨櫃吞吐量（每月）' in listed
    assert '<a href="/series/tw-cpi">消費者物價指數' in listed
    words = text_of(listed)
    assert "發布 releases 2 · 最新 latest 2023-06-14" in words
    assert 'aria-current="page"' in listed[listed.index("<nav") : listed.index("</nav>")]


async def test_a_series_page_shows_each_period_with_its_revisions(series_ds: Datasette) -> None:
    shown = await page(series_ds, SG)
    words = text_of(shown)
    assert "新加坡港口貨櫃吞吐量（每月） Container throughput of the port of Singapore" in words
    assert "發布機構 Publisher 新加坡海事及港務管理局 Maritime and Port Authority" in words
    # Every release links to the file it came from.
    assert f'<a href="{SG_MAY.url}">' in shown and f'<a href="{SG_JUNE.url}">' in shown
    # 2023-04: first published in May, revised in June; shown with its latest value.
    row = shown[shown.index('<th scope="row">2023-04</th>') :]
    row = row[: row.index("</tr>")]
    assert "3,264,669 TEU" in text_of(row)
    assert "修正 revised 3,256,181 → 3,264,669 TEU · 2023-06-14" in text_of(row)
    assert "首次發布 first published · 2023-05-15" in text_of(row)
    assert shown.count('class="was-revised"') == 2  # 2023-03 and 2023-04
    # A page of periods, newest first, and a link to the earlier ones.
    assert re.findall(r'<th scope="row">([^<]+)</th>', shown)[:2] == ["2023-05", "2023-04"]
    older = re.search(r'<a href="([^"]+)" rel="next">', shown)
    assert older is not None and older.group(1) == f"{SG}?before=2018-06"
    earlier = await page(series_ds, older.group(1))
    assert re.findall(r'<th scope="row">([^<]+)</th>', earlier)[0] == "2018-05"


async def test_an_unknown_series_is_not_found(series_ds: Datasette) -> None:
    response = await series_ds.client.get("/series/no-such-series")
    assert response.status_code == 404
    assert "沒有這個數列 No such series: no-such-series" in response.text


async def test_the_series_pages_link_their_data(series_ds: Datasette) -> None:
    shown = await page(series_ds, SG)
    data = re.search(r'<a href="(/claimdesk/series_cells\.json\?[^"]+)">JSON</a>', shown)
    assert data is not None
    cells = (await series_ds.client.get(data.group(1))).json()
    assert {cell["release"] for cell in cells} == {"2023-05-15", "2023-06-14"}
    assert len(cells) == 340 + 341


def test_the_data_tag_changes_with_a_new_release(claims_dir: Path, db_path: Path) -> None:
    """The public pages' ETag is a digest of what their rows come from: a release built
    changes it, so no cache keeps a series page without its newest release."""
    import_release(SG_MAY, claims_dir)
    build(claims_dir, db_path)
    before = data_tag(db_path)
    import_release(SG_JUNE, claims_dir)
    build(claims_dir, db_path)
    assert data_tag(db_path) not in (None, before)


async def test_series_pages_are_public_pages(series_ds: Datasette) -> None:
    from claimdesk.web.caching import policy_for

    assert policy_for("GET", "/series") == "public"
    assert policy_for("GET", SG) == "public"


@pytest.mark.parametrize("path", ["/series", SG])
async def test_series_pages_carry_sharing_tags(series_ds: Datasette, path: str) -> None:
    shown = await page(series_ds, path)
    assert f'<link rel="canonical" href="https://claimdesk.example.org{path}">' in shown
    assert '<meta property="og:title" content="' in shown
    assert '<meta name="twitter:card" content="summary">' in shown
