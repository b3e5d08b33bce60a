"""The series cells a claim's desk page offers as its evidence (database/series_cells.py), and
"use this cell", which fills in a new verification from one: the same unit or currency, the
claim's period, a value near the claim's, closest first, the latest release by default with
the earlier ones a click away. Nothing is chosen for the editor."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette

from claimdesk.database.series_cells import NEAR_SQL, cell_of, offered_cells
from claimdesk.series.evidence import cell_evidence
from desk_fixtures import desk_datasette, editor, write_accounts
from earlier_fixtures import cli_ok
from series_cells_fixtures import Project, make_project
from series_fixtures import SG_JUNE, SG_MAY
from test_desk_earlier_checks import form_value

SG = "sg-container-throughput"
SG_APRIL = "326萬標準箱 2023-04"
SH_APRIL = "420萬標準箱 2023-04"
LATER = "326萬標準箱 2031-04"
EXPORTS = "4500億美元 2023"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("series-cells") / "project")


@pytest.fixture
def project(template: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    shutil.copytree(template.path, tmp_path / "project")
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    # The databases name the folder they were built from: a desk write updates them in place
    # only when it is this one.
    cli_ok(tmp_path / "project", "build")
    return Project(tmp_path / "project", template.claims)


@pytest.fixture
def public(template: Project) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{template.path / 'claimdesk.db'}?mode=ro", uri=True)


@pytest.fixture
async def desk(project: Project) -> Datasette:
    return await desk_datasette(project.path / "claimdesk.db", project.path / "claims")


# --- the lookup ----------------------------------------------------------------------------


def offered(public: sqlite3.Connection, template: Project, claim: str) -> list[str]:
    return [cell.series_id for cell in offered_cells(public, template.claims[claim])]


def test_cells_of_the_unit_period_and_a_near_value_closest_first(
    public: sqlite3.Connection, template: Project
) -> None:
    # Not hk-port (1,250,000 TEU: far), sg-port-quarterly (2023-04/2023-06 holds April but is
    # another figure), points (another unit), nor tw-cpi.
    assert offered(public, template, SG_APRIL) == [SG, "sh-port"]
    assert offered(public, template, SH_APRIL) == ["sh-port", SG]


def test_a_currency_series_is_offered_by_its_currency(
    public: sqlite3.Connection, template: Project
) -> None:
    assert offered(public, template, EXPORTS) == ["exports-usd"]  # not exports-sgd's 4500億


def test_nothing_for_a_claim_of_another_period(
    public: sqlite3.Connection, template: Project
) -> None:
    assert offered(public, template, LATER) == []


def test_nothing_for_a_claim_of_another_unit(template: Project, tmp_path: Path) -> None:
    """The Singapore claim with its unit corrected to points: only the points series, whose
    value is the same, is offered."""
    copy = tmp_path / "claimdesk.db"
    shutil.copy(template.path / "claimdesk.db", copy)
    connection = sqlite3.connect(copy)
    connection.execute("update claims set unit = 'point' where id = ?", [template.claims[SG_APRIL]])
    assert [cell.series_id for cell in offered_cells(connection, template.claims[SG_APRIL])] == [
        "points"
    ]
    connection.execute("update claims set unit = 'kg' where id = ?", [template.claims[SG_APRIL]])
    assert offered_cells(connection, template.claims[SG_APRIL]) == []


def test_the_latest_release_by_default_with_the_earlier_one_and_its_revision(
    public: sqlite3.Connection, template: Project
) -> None:
    [singapore, _] = offered_cells(public, template.claims[SG_APRIL])
    assert (singapore.period, singapore.unit) == ("2023-04", "TEU")
    assert singapore.publisher.startswith("新加坡海事及港務管理局")
    latest = singapore.latest
    assert (latest.release, latest.value, latest.url) == ("2023-06-14", 3264669, SG_JUNE.url)
    assert (latest.revised_from, latest.revised_to) == (3256181, None)
    [earlier] = singapore.earlier
    assert (earlier.release, earlier.value, earlier.url) == ("2023-05-15", 3256181, SG_MAY.url)
    assert (earlier.revised_from, earlier.revised_to) == (None, 3264669)
    # 326萬 against 3,264,669: 0.14 % lower, as the discrepancy counts it.
    assert singapore.relative_difference == pytest.approx((3260000 - 3264669) / 3264669)


def test_at_most_the_limit(public: sqlite3.Connection, template: Project) -> None:
    assert offered_cells(public, template.claims[SG_APRIL], limit=1)[0].series_id == SG


def test_the_lookup_seeks_each_series_cells_and_never_scans_them(
    public: sqlite3.Connection,
) -> None:
    plan = [row[3] for row in public.execute(f"explain query plan {NEAR_SQL}",
            {"unit": "TEU", "period": "2023-04", "low": 0, "high": 1, "figure_low": 0,
             "figure_high": 0, "limit": 10})]  # fmt: skip
    assert "SEARCH c USING INDEX series_cells_period (series_id=? AND period=?)" in plan
    assert not any(step.startswith("SCAN c") for step in plan), plan


@pytest.mark.parametrize("release", ["2023-05-15", "2023-06-14"])
def test_the_form_from_the_database_is_the_cell_the_files_give(
    public: sqlite3.Connection, template: Project, release: str
) -> None:
    """What the desk fills in (from claimdesk.db) is what record.py checks it against (the
    series files), so that a cell used unchanged is never refused."""
    from_db = cell_of(public, SG, release, "2023-04")
    assert from_db == cell_evidence(template.path / "claims", SG, "2023-04", release)
    assert cell_of(public, SG, release, "2031-04") is None


# --- the desk page -------------------------------------------------------------------------


def section(page: str) -> str:
    found = re.search(r'<section class="desk-series-cells".*?</section>', page, re.S)
    assert found, "no series cells on the page"
    return found.group(0)


def chosen(claim: str, release: str, period: str = "2023-04") -> str:
    query = urlencode({"series_id": SG, "series_release": release, "series_period": period})
    return f"/desk/claim/{claim}?{query}"


async def test_the_claim_page_lists_the_cells(desk: Datasette, project: Project) -> None:
    page = await desk.client.get(f"/desk/claim/{project.claims[SG_APRIL]}", actor=editor("amy"))
    assert page.status_code == 200
    listed = section(page.text)
    assert "數列數值 Series cells" in listed
    assert re.findall(r'class="desk-series-cell" data-series="([\w-]+)"', listed) == [
        SG, "sh-port"
    ]  # fmt: skip
    for shown in ("新加坡港口貨櫃吞吐量（每月）", "Maritime and Port Authority of Singapore",
                  "2023-04", "3,264,669 TEU", "2023-06-14", "revised in this release from "
                  "3,256,181 TEU", "later revised to 3,264,669 TEU", "2023-05-15"):  # fmt: skip
        assert shown in listed, shown
    # A button for the latest release's cell and one for the earlier release's.
    uses = re.findall(r'class="desk-use-cell" href="([^"]+)"', listed)
    assert html.unescape(uses[0]).endswith(
        f"?series_id={SG}&series_release=2023-06-14&series_period=2023-04#desk-series-cell"
    )
    assert "series_release=2023-05-15" in html.unescape(uses[1])
    # Nothing is chosen: the form is empty and names no cell.
    assert form_value(page.text, "source_value") == ""
    assert form_value(page.text, "series_id") is None
    assert 'class="message-info desk-cell-notice"' not in page.text


async def test_no_section_for_a_claim_with_no_cell(desk: Datasette, project: Project) -> None:
    page = await desk.client.get(f"/desk/claim/{project.claims[LATER]}", actor=editor("amy"))
    assert page.status_code == 200
    assert "desk-series-cells" not in page.text


@pytest.mark.parametrize(("release", "url", "value"),
                         [("2023-06-14", SG_JUNE.url, "3264669"),
                          ("2023-05-15", SG_MAY.url, "3256181")])  # fmt: skip
async def test_use_this_cell_fills_in_the_form(
    desk: Datasette, project: Project, release: str, url: str, value: str
) -> None:
    page = await desk.client.get(chosen(project.claims[SG_APRIL], release), actor=editor("amy"))
    assert page.status_code == 200
    filled = {name: form_value(page.text, name) for name in (
        "evidence_url", "source_value", "source_unit", "source_time", "series_id",
        "series_release", "series_period", "verdict", "explanation_zh_hant")}  # fmt: skip
    assert filled == {
        "evidence_url": url, "source_value": value, "source_unit": "TEU",
        "source_time": "2023-04", "series_id": SG, "series_release": release,
        "series_period": "2023-04", "verdict": None, "explanation_zh_hant": "",
    }  # fmt: skip
    quote = form_value(page.text, "evidence_quote")
    assert quote is not None and f"(release {release}, series {SG})" in quote
    notice = re.search(r'<div class="message-info desk-cell-notice".*?</div>', page.text, re.S)
    assert (
        notice and release in notice.group(0) and "清除數列數值 Clear the cell" in notice.group(0)
    )
    assert re.search(r'<details class="desk-verify-box" open>', page.text)
    # Nothing is written until the editor submits.
    assert not project.log.exists() or project.log.read_text() == ""


async def test_a_cell_that_does_not_exist_is_said_so(desk: Datasette, project: Project) -> None:
    page = await desk.client.get(
        chosen(project.claims[SG_APRIL], "2023-06-14", "1890-01"), actor=editor("amy")
    )
    assert page.status_code == 200
    assert "沒有這個數列數值 · no such series cell" in page.text
    assert form_value(page.text, "series_id") is None


def verify_form(page_text: str, **changed: str) -> dict[str, str]:
    fields = {name: form_value(page_text, name) or "" for name in (
        "last_event_id", "evidence_url", "evidence_quote", "source_value", "source_unit",
        "source_time", "series_id", "series_release", "series_period")}  # fmt: skip
    return {**fields, "verdict": "correct", "explanation_zh_hant": "與數據相符。", **changed}


async def test_the_chosen_cell_is_recorded(desk: Datasette, project: Project) -> None:
    claim = project.claims[SG_APRIL]
    page = await desk.client.get(chosen(claim, "2023-05-15"), actor=editor("amy"))
    response = await desk.client.post(
        f"/desk/claim/{claim}/verify", actor=editor("amy"), data=verify_form(page.text)
    )
    assert response.status_code == 303, response.text
    [event] = [json.loads(line) for line in project.log.read_text().splitlines()]
    assert event["series_cell"] == {"series": SG, "release": "2023-05-15", "period": "2023-04"}
    assert (event["source_value"], event["evidence_url"]) == (3256181, SG_MAY.url)
    # The approver sees which cell, of which release, the verification rests on.
    approving = await desk.client.get(f"/desk/claim/{claim}", actor=editor("ben"))
    pending = re.search(r'<p class="desk-pending-cell">(.*?)</p>', approving.text, re.S)
    assert pending, "the pending verification does not name its cell"
    assert f'href="/series/{SG}"' in pending.group(1)
    assert "期間 period 2023-04 · 發布 release 2023-05-15" in pending.group(1)


async def test_another_figure_with_the_cell_named_is_explained_beside_it(
    desk: Datasette, project: Project
) -> None:
    claim = project.claims[SG_APRIL]
    page = await desk.client.get(chosen(claim, "2023-06-14"), actor=editor("amy"))
    response = await desk.client.post(
        f"/desk/claim/{claim}/verify",
        actor=editor("amy"),
        data=verify_form(page.text, source_value="326萬"),
    )
    assert response.status_code == 400
    said = re.search(r'<p class="desk-error" id="error-series_cell"[^>]*>(.*?)</p>',
                     response.text, re.S)  # fmt: skip
    assert said, "no error beside the cell"
    assert "所選的數列數值與表單不一致" in said.group(1)
    assert "The form no longer matches the series cell it names" in said.group(1)
    assert "3264669" in said.group(1)  # the rule's own words: what the cell gives
    # The figure's box points at the explanation; the editor's entries and the cell stay.
    described = r'<input name="source_value" value="326萬"[^>]*aria-describedby="error-series_cell"'
    assert re.search(described, response.text)
    assert form_value(response.text, "series_release") == "2023-06-14"
    assert '<a href="#field-series_cell">數列數值 Series cell</a>' in response.text
    assert not project.log.exists() or project.log.read_text() == ""


async def test_reusing_a_check_that_rested_on_a_cell_names_the_cell(
    desk: Datasette, project: Project
) -> None:
    """An earlier check's evidence reused on the desk keeps the cell it was (as `verify
    --reuse` does): the reuse fills in the hidden fields that name it."""
    checked, other = project.claims[SG_APRIL], project.claims[SH_APRIL]
    page = await desk.client.get(chosen(checked, "2023-06-14"), actor=editor("amy"))
    response = await desk.client.post(
        f"/desk/claim/{checked}/verify", actor=editor("amy"), data=verify_form(page.text)
    )
    assert response.status_code == 303, response.text
    pending = await desk.client.get(f"/desk/claim/{checked}", actor=editor("ben"))
    approve = re.search(r'/approve".*?</form>', pending.text, re.S)
    assert approve, "no approve form for ben"
    hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', approve.group(0)))
    approved = await desk.client.post(f"/desk/claim/{checked}/approve", actor=editor("ben"),
                                      data=hidden)  # fmt: skip
    assert approved.status_code == 303, approved.text
    reused = await desk.client.get(f"/desk/claim/{other}?reuse={checked}", actor=editor("amy"))
    assert reused.status_code == 200
    named = {name: form_value(reused.text, name) for name in (
        "reused_from", "series_id", "series_release", "series_period")}  # fmt: skip
    assert named == {"reused_from": checked, "series_id": SG,
                     "series_release": "2023-06-14", "series_period": "2023-04"}  # fmt: skip
