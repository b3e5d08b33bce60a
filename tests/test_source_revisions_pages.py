"""Where a claim whose source was revised shows: beside its public verdict, in /revised.atom, in
the desk's queue filter and on its desk page with both values, and in `claimdesk queue
--revised`; and nowhere once two editors published a new verdict."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from datasette.app import Datasette

from claimdesk.web.public.revised import REVISED_PATH
from conftest import make_datasette
from desk_fixtures import desk_datasette, editor, write_accounts
from revision_fixtures import (
    REVISED_TEXT,
    SERIES,
    STEADY_TEXT,
    cli_run,
    newsroom,
    revise,
    verify_cell,
)
from test_public_feed import ATOM, atom_problems

Project = tuple[Path, dict[str, str]]


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Published on the May release, then June's revision imported and built."""
    folder = tmp_path_factory.mktemp("revised")
    claims = newsroom(folder)
    revise(folder)
    return folder, claims


@pytest.fixture
async def public(revised: Project) -> AsyncIterator[Datasette]:
    datasette = make_datasette(revised[0] / "claimdesk.db")
    await datasette.invoke_startup()
    yield datasette


@pytest.fixture
async def desk(revised: Project, monkeypatch: pytest.MonkeyPatch) -> Datasette:
    folder = revised[0]
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(folder / "editors.json")))
    return await desk_datasette(folder / "claimdesk.db", folder / "claims")


async def test_the_claim_page_says_the_source_was_revised(
    public: Datasette, revised: Project
) -> None:
    _, claims = revised
    page = (await public.client.get(f"/claim/{claims[REVISED_TEXT]}")).text
    note = page[page.index('id="source-revised"') :]
    note = note[: note.index("</div>")]
    assert "來源數據已修正" in note and "Source revised" in note
    assert note.index("來源數據已修正") < note.index("Source revised")  # Chinese first
    assert '<time datetime="2023-06-14">2023-06-14</time>' in note
    assert "已於 2023-06-14 修正為 3,264,669 TEU（原為 3,256,181 TEU）" in note
    assert "revised on 2023-06-14 to 3,264,669 TEU (it was 3,256,181 TEU)" in note
    assert "重新查核中" in note and "Being re-checked" in note
    # The verdict beside it is the one published, unchanged.
    verdict_box = page[page.index('id="verdict-title"') : page.index('id="source-revised"')]
    assert "正確" in verdict_box
    # A claim whose suggestion the revision did not change says nothing of it.
    steady = (await public.client.get(f"/claim/{claims[STEADY_TEXT]}")).text
    assert 'id="source-revised"' not in steady
    assert '<link rel="alternate" type="application/atom+xml" href="/revised.atom"' in page


async def test_the_feed_lists_the_revised_claim(public: Datasette, revised: Project) -> None:
    _, claims = revised
    response = await public.client.get(REVISED_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert atom_problems(response.content) == []
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == 1
    [entry] = entries
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith(f"/claim/{claims[REVISED_TEXT]}")
    assert (entry.findtext(f"{ATOM}updated") or "") == "2023-06-14T00:00:00Z"
    summary = entry.findtext(f"{ATOM}summary") or ""
    assert "修正為 3,264,669 TEU（原為 3,256,181 TEU）" in summary
    # Cached as the other public pages are: the same data, the same tag.
    again = await public.client.get(REVISED_PATH)
    assert again.headers.get("etag") == response.headers.get("etag") is not None


async def test_the_desk_queue_filter_lists_it(desk: Datasette, revised: Project) -> None:
    _, claims = revised
    everything = (await desk.client.get("/desk", actor=editor("amy"))).text
    assert "來源數據已修正 Source revised (1)" in everything
    # Its claim is published: the default queue (claims that need work) does not hold it.
    assert f"/desk/claim/{claims[REVISED_TEXT]}" not in everything
    page = (await desk.client.get("/desk?revised=1", actor=editor("amy"))).text
    assert f"/desk/claim/{claims[REVISED_TEXT]}" in page
    assert f"/desk/claim/{claims[STEADY_TEXT]}" not in page
    assert "325.62萬 TEU → <strong>326.47萬 TEU</strong>" in page


async def test_the_desk_claim_page_shows_both_values(desk: Datasette, revised: Project) -> None:
    _, claims = revised
    page = (await desk.client.get(f"/desk/claim/{claims[REVISED_TEXT]}", actor=editor("amy"))).text
    section = page[page.index('class="desk-revised"') : page.index("</section>")]
    assert section.index("2023-05-15") < section.index("2023-06-14")  # side by side, in order
    assert "= 3256181 TEU" in section and "= 3264669 TEU" in section
    assert 'data-verdict="correct"' in section and 'data-verdict="mostly_correct"' in section
    assert f"--series {SERIES} --period 2023-04" in section
    steady = (await desk.client.get(f"/desk/claim/{claims[STEADY_TEXT]}", actor=editor("amy"))).text
    assert 'class="desk-revised"' not in steady


def test_the_cli_lists_it(revised: Project) -> None:
    folder, claims = revised
    rows = json.loads(cli_run(folder, "queue", "--revised", "--format", "json"))["claims"]
    assert [(row["claim_id"], row["rested_value"], row["revised_value"]) for row in rows] == [
        (claims[REVISED_TEXT], 3256181, 3264669)
    ]
    table = cli_run(folder, "queue", "--revised")
    assert "2023-05-15: 3,256,181 TEU" in table and "2023-06-14: 3,264,669 TEU" in table
    assert "correct -> mostly_correct" in table
    assert cli_run(folder, "queue", "--revised", "--article", "other").strip() == (
        "no claim's source was revised"
    )


async def test_a_new_verdict_clears_every_place(tmp_path: Path) -> None:
    claims = newsroom(tmp_path)
    revise(tmp_path)
    verify_cell(tmp_path, claims[REVISED_TEXT], "2023-04")  # the latest release: June's
    datasette = make_datasette(tmp_path / "claimdesk.db")
    await datasette.invoke_startup()
    page = (await datasette.client.get(f"/claim/{claims[REVISED_TEXT]}")).text
    assert 'id="source-revised"' not in page
    feed = (await datasette.client.get(REVISED_PATH)).content
    assert ET.fromstring(feed).findall(f"{ATOM}entry") == []
    assert cli_run(tmp_path, "queue", "--revised").strip() == "no claim's source was revised"
