"""A claim's desk page lists the earlier published checks of the same quantity, and "use this
evidence" fills in a new verification from one, which is written only when the editor submits
it and published only when a second editor approves it."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from datasette.app import Datasette

from desk_fixtures import desk_datasette, editor, write_accounts
from earlier_fixtures import EVIDENCE_URL, NOTE, Project, make_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("earlier-desk") / "project")


@pytest.fixture
def project(template: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    shutil.copytree(template.path, tmp_path / "project")
    accounts = write_accounts(tmp_path / "editors.json")
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(accounts))
    return Project(tmp_path / "project", template.claims)


@pytest.fixture
async def desk(project: Project) -> Datasette:
    return await desk_datasette(project.path / "claimdesk.db", project.path / "claims")


def section(page: str) -> str:
    found = re.search(r'<section class="desk-earlier".*?</section>', page, re.S)
    assert found, "no earlier checks on the page"
    return found.group(0)


def form_value(page: str, name: str) -> str | None:
    """What the verify form's field holds as the page is served (no script runs)."""
    form = re.search(r'<form method="post"[^>]*class="desk-verify".*?</form>', page, re.S)
    assert form
    field = re.search(rf'<input name="{name}" (?:type="\w+" )?value="([^"]*)"', form.group(0))
    if field is None:
        field = re.search(rf'<textarea name="{name}"[^>]*>([^<]*)</textarea>', form.group(0))
    if field is None:
        field = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', form.group(0))
    return None if field is None else html.unescape(field.group(1))


def log(project: Project, slug: str) -> list[dict[str, object]]:
    path = project.path / "claims" / slug / "reviews.jsonl"
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


async def test_the_claim_page_lists_earlier_checks_from_other_articles(
    desk: Datasette, project: Project
) -> None:
    page = await desk.client.get(f"/desk/claim/{project.claims['ev-new']}", actor=editor("amy"))
    assert page.status_code == 200
    listed = section(page.text)
    assert "過往查核 Earlier checks" in listed
    shown = re.findall(r'class="desk-earlier-check" data-claim="(\w+)"', listed)
    assert shown == [project.claims["ev-rounded"], project.claims["ev-earlier"]]
    assert EVIDENCE_URL in listed and NOTE in listed
    assert "378.8萬輛" in listed and "2023-H1" in listed
    assert "核准 approved by ben" in listed and "正確 Correct" in listed
    assert "/desk/article/ev-earlier" in listed
    for other in ("ev-not-close", "ev-other-source", "ev-pending", "ev-dismissed"):
        assert project.claims[other] not in listed
    # A claim with no earlier check has no section.
    alone = await desk.client.get(
        f"/desk/claim/{project.claims['ev-not-close']}", actor=editor("amy")
    )
    assert alone.status_code == 200 and "desk-earlier" not in alone.text


async def test_use_this_evidence_fills_in_a_new_verification_and_writes_nothing(
    desk: Datasette, project: Project
) -> None:
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    page = (await desk.client.get(f"/desk/claim/{new}", actor=editor("amy"))).text
    link = f"/desk/claim/{new}?reuse={earlier}#desk-reuse"
    assert f'href="{link}"' in section(page)
    filled = (await desk.client.get(link.split("#")[0], actor=editor("amy"))).text
    assert form_value(filled, "evidence_url") == EVIDENCE_URL
    assert form_value(filled, "source_value") == "378.8萬輛"
    assert form_value(filled, "source_time") == "2023-H1"
    assert form_value(filled, "evidence_quote") == "上半年新能源汽車產量378.8萬輛"
    assert earlier in (form_value(filled, "note") or "")
    assert form_value(filled, "reused_from") == earlier
    assert "仍須另一位編輯核准" in filled and "another editor must still approve it" in filled
    assert not (project.path / "claims" / "ev-new" / "reviews.jsonl").exists()


async def test_the_reused_verification_still_needs_a_second_editor(
    desk: Datasette, project: Project
) -> None:
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    filled = await desk.client.get(f"/desk/claim/{new}?reuse={earlier}", actor=editor("amy"))
    fields = {
        name: form_value(filled.text, name) or ""
        for name in ("evidence_url", "evidence_quote", "source_value", "source_unit",
                     "source_time", "note", "reused_from")
    }  # fmt: skip
    fields.update(verdict="correct", explanation_zh_hant="與中汽協數字相符。", last_event_id="")
    posted = await desk.client.post(f"/desk/claim/{new}/verify", data=fields, actor=editor("amy"))
    assert posted.status_code == 303, posted.text
    [verify] = log(project, "ev-new")
    assert verify["reused_from"] == earlier and verify["evidence_url"] == EVIDENCE_URL
    own = await desk.client.post(
        f"/desk/claim/{new}/approve",
        data={"verify_id": str(verify["id"]), "last_event_id": str(verify["id"])},
        actor=editor("amy"),
    )
    assert own.status_code == 400  # the two-person rule
    approved = await desk.client.post(
        f"/desk/claim/{new}/approve",
        data={"verify_id": str(verify["id"]), "last_event_id": str(verify["id"])},
        actor=editor("ben"),
    )
    assert approved.status_code == 303
    page = (await desk.client.get(f"/desk/claim/{new}", actor=editor("ben"))).text
    assert "status-published" in page
    # The history says which check it reused, with a link to it.
    assert f'href="/desk/claim/{earlier}"' in page.split("紀錄 History")[1]


@pytest.mark.parametrize(
    ("slug", "said"), [("ev-pending", "沒有已發布的查核"), ("ev-new", "自己的")]
)
async def test_a_check_that_cannot_be_reused_is_said_in_both_languages(
    desk: Datasette, project: Project, slug: str, said: str
) -> None:
    new = project.claims["ev-new"]
    page = await desk.client.get(
        f"/desk/claim/{new}?reuse={project.claims[slug]}", actor=editor("amy")
    )
    assert page.status_code == 200
    assert said in page.text and "reuse" in page.text
    assert form_value(page.text, "reused_from") is None


async def test_a_forged_reuse_of_an_unpublished_check_is_refused(
    desk: Datasette, project: Project
) -> None:
    new = project.claims["ev-new"]
    posted = await desk.client.post(
        f"/desk/claim/{new}/verify",
        data={
            "verdict": "correct", "evidence_url": EVIDENCE_URL, "evidence_quote": "378.8萬輛",
            "explanation_zh_hant": "相符。", "reused_from": project.claims["ev-pending"],
            "last_event_id": "",
        },
        actor=editor("amy"),
    )  # fmt: skip
    assert posted.status_code == 400
    assert "has no published verdict to reuse" in posted.text
    assert log(project, "ev-new") == []
