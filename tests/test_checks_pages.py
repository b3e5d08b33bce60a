"""The automatic checks where people read them: the public claim page, and the desk's claim
page and queue filter. On the seed, 增幅超過2.8倍 is a warning (490 / 175 is the ratio)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils
from datasette.app import Datasette

from claimdesk.database.build import build
from conftest import ROOT
from desk_fixtures import desk_datasette, editor, write_accounts

SEED = "ai-chips-nvidia-biren"


@pytest.fixture
async def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Datasette, Path]:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    return await desk_datasette(tmp_path / "claimdesk.db", tmp_path / "claims"), tmp_path


def _claim_id(folder: Path, text: str) -> str:
    db = sqlite_utils.Database(folder / "claimdesk.db")
    return str(db.execute("select id from claims where text = ?", [text]).fetchone()[0])


async def test_the_public_claim_page_shows_the_warning(seed: tuple[Datasette, Path]) -> None:
    ds, folder = seed
    html = (await ds.client.get(f"/claim/{_claim_id(folder, '2.8倍')}")).text
    assert "Automatic checks" in html
    assert 'class="check check-warning"' in html
    assert "490" in html and "175" in html


async def test_a_claim_with_no_check_shows_no_section(seed: tuple[Datasette, Path]) -> None:
    ds, folder = seed
    html = (await ds.client.get(f"/claim/{_claim_id(folder, '萬億美元')}")).text
    assert "Automatic checks" not in html


async def test_the_desk_shows_the_checks_and_filters_the_queue(
    seed: tuple[Datasette, Path],
) -> None:
    ds, folder = seed
    multiple = _claim_id(folder, "2.8倍")
    page = (await ds.client.get(f"/desk/claim/{multiple}", actor=editor("amy"))).text
    assert 'class="desk-check check-warning"' in page
    flagged = (await ds.client.get("/desk?check=flagged", actor=editor("amy"))).text
    everything = (await ds.client.get("/desk", actor=editor("amy"))).text
    assert multiple in flagged
    assert _claim_id(folder, "萬億美元") in everything
    assert _claim_id(folder, "萬億美元") not in flagged
