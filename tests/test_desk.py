"""The editors' desk in-process: pages, forms through the one write path, stale pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils
from datasette.app import Datasette

from claimdesk.database.build import build
from conftest import ARTICLE, CLAIMS_YML, write_article
from desk_fixtures import desk_datasette, editor, write_accounts

MARKET, GROWTH = "c0000000001", "c0000000002"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    # carol too: the server now refuses an actor who is not in the accounts file.
    accounts = write_accounts(tmp_path / "editors.json", ("amy", "ben", "carol"))
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(accounts))
    return tmp_path


@pytest.fixture
async def desk(project: Path) -> Datasette:
    return await desk_datasette(project / "claimdesk.db", project / "claims")


def events(project: Path) -> list[dict[str, Any]]:
    path = project / "claims" / "idc-market" / "reviews.jsonl"
    return (
        [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []
    )


async def post(
    desk: Datasette, claim_id: str, action: str, who: str, **fields: str
) -> httpx.Response:
    if "last_event_id" not in fields:
        fields["last_event_id"] = _last_event(desk, claim_id)
    response: httpx.Response = await desk.client.post(
        f"/desk/claim/{claim_id}/{action}", data=fields, actor=editor(who)
    )
    return response


def _last_event(desk: Datasette, claim_id: str) -> str:
    from claimdesk.review.record import read_claim
    from claimdesk.web.desk.views import claims_dir

    item, _ = read_claim(claims_dir(desk), claim_id)
    return item.state.last_event_id or ""


VERIFY = {
    "verdict": "correct",
    "evidence_url": "https://www.idc.com/pr",
    "evidence_quote": "市場規模為432億元",
    "source_value": "432億",
    "explanation_zh_hant": "IDC新聞稿相符。",
    "note": "內部備註",
}


@pytest.mark.parametrize("path", ["/desk", f"/desk/claim/{MARKET}", "/desk/article/idc-market"])
async def test_anyone_else_is_sent_to_sign_in(desk: Datasette, path: str) -> None:
    for actor in (None, {"id": "amy"}):  # not signed in; signed in but not an editor
        response = await desk.client.get(path, actor=actor)
        assert response.status_code == 302
        assert response.headers["location"] == "/-/login"


async def test_the_queue_shows_each_figure_in_its_sentence_with_source(desk: Datasette) -> None:
    html = (await desk.client.get("/desk", actor=editor("amy"))).text
    assert "據IDC統計,2021年市場規模為<mark>432億元</mark>,同比增長47.2%。" in html
    assert "<strong>IDC</strong>" in html
    assert "data-keyboard-list" in html


async def test_the_queue_filters_by_assignee(desk: Datasette) -> None:
    await post(desk, MARKET, "assign", "amy")
    html = (await desk.client.get("/desk?assignee=amy", actor=editor("amy"))).text
    assert MARKET in html
    assert GROWTH not in html
    assert 'class="desk-assignee">amy<' in html


async def test_the_queue_filters_by_flag_and_status(desk: Datasette) -> None:
    await post(desk, MARKET, "assign", "amy")
    html = (await desk.client.get("/desk?status=in_progress", actor=editor("amy"))).text
    assert MARKET in html and GROWTH not in html
    html = (await desk.client.get("/desk?flag=outside_body", actor=editor("amy"))).text
    assert MARKET not in html


async def test_a_form_writes_the_event_the_command_line_would(
    desk: Datasette, project: Path
) -> None:
    response = await post(desk, MARKET, "verify", "amy", **VERIFY)
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/desk/claim/{MARKET}?done=verify")
    (event,) = events(project)
    assert event["id"] == response.headers["x-claimdesk-event"]
    assert (event["type"], event["editor"], event["source_value"]) == ("verify", "amy", 43200000000)
    assert event["explanations"] == {"zh-Hant": "IDC新聞稿相符。"}
    state = sqlite_utils.Database(project / "reviews.db").table("claim_states").get(MARKET)
    assert state["status"] == "needs_review"
    page = (await desk.client.get(response.headers["location"], actor=editor("amy"))).text
    assert "已記錄 Recorded: 送出查核 Verified." in page


async def test_approve_is_offered_only_to_another_editor(desk: Datasette, project: Path) -> None:
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    own = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    other = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("ben"))).text
    assert "Approve and publish" not in own
    assert "Another editor must approve this." in own
    assert "Approve and publish" in other
    response = await post(desk, MARKET, "approve", "ben")
    assert response.status_code == 303
    public = sqlite_utils.Database(project / "claimdesk.db").table("claims").get(MARKET)
    assert (public["status"], public["verdict"]) == ("published", "correct")


async def test_bad_input_is_shown_beside_the_field_and_nothing_is_written(
    desk: Datasette, project: Path
) -> None:
    response = await post(desk, MARKET, "verify", "amy", **{**VERIFY, "source_value": "很多"})
    assert response.status_code == 400
    assert 'data-field="source_value"' in response.text
    assert "很多" in response.text  # what the editor typed is kept
    assert "內部備註" in response.text
    assert events(project) == []


async def test_approving_your_own_verification_is_refused_with_the_cli_error(
    desk: Datasette, project: Path
) -> None:
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    verify_id = events(project)[0]["id"]
    response = await post(desk, MARKET, "approve", "amy", verify_id=verify_id)
    assert response.status_code == 400
    assert "cannot approve their own verification" in response.text
    assert len(events(project)) == 1


async def test_a_stale_page_is_not_applied(desk: Datasette, project: Path) -> None:
    seen = _last_event(desk, MARKET)
    await post(desk, MARKET, "dismiss", "ben", reason="重複")  # meanwhile, ben dismisses it
    response = await post(desk, MARKET, "verify", "amy", last_event_id=seen, **VERIFY)
    assert response.status_code == 409
    assert "this claim changed after you opened the page" in response.text
    assert "<strong>ben</strong> 排除 Dismissed" in response.text  # who acted, and what
    assert "IDC新聞稿相符。" in response.text  # amy's entries are kept
    assert [e["type"] for e in events(project)] == ["dismiss"]


async def test_two_approvals_cannot_both_go_through(desk: Datasette, project: Path) -> None:
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    seen = _last_event(desk, MARKET)
    first = await post(desk, MARKET, "approve", "ben", last_event_id=seen)
    second = await post(desk, MARKET, "approve", "carol", last_event_id=seen)
    assert (first.status_code, second.status_code) == (303, 409)
    assert [e["type"] for e in events(project)] == ["verify", "approve"]


async def test_the_assessment_is_computed_on_the_server(desk: Datasette) -> None:
    response = await desk.client.get(
        f"/desk/claim/{MARKET}/assess.json?source_value=433億", actor=editor("amy")
    )
    body = response.json()
    assert body["suggested_verdict"] == "mostly_correct"
    assert body["holds"] is False
    bad = await desk.client.get(
        f"/desk/claim/{MARKET}/assess.json?source_value=很多", actor=editor("amy")
    )
    # A figure the editor is still typing is an answer without a suggestion, not an error.
    assert (bad.status_code, bad.json()["field"]) == (200, "source_value")
    assert bad.json()["suggested_verdict"] is None


async def test_the_article_page_highlights_claims_by_status(desk: Datasette) -> None:
    await post(desk, MARKET, "assign", "amy")
    html = (await desk.client.get("/desk/article/idc-market", actor=editor("amy"))).text
    assert f'class="desk-claim status-in_progress" data-claim-id="{MARKET}" data-start="17"' in html
    assert 'class="desk-add-claim"' in html


async def test_adding_a_claim_from_the_article_page(desk: Datasette, project: Path) -> None:
    start = ARTICLE.index("2021年")
    response = await desk.client.post(
        "/desk/article/idc-market/add-claim",
        data={"start": str(start), "end": str(start + 5)},
        actor=editor("amy"),
    )
    assert response.status_code == 303
    (event,) = events(project)
    assert (event["type"], event["text"]) == ("add", "2021年")
    assert response.headers["location"].startswith(f"/desk/claim/{event['claim_id']}")


# The desk's only CSRF protection is Datasette's own (1.0a: CrossOriginProtectionMiddleware in
# datasette/csrf.py, which reads the Sec-Fetch-Site and Origin headers a browser sends).
CROSS_SITE = {"origin": "http://evil.example", "sec-fetch-site": "cross-site"}
SAME_ORIGIN = {"origin": "http://localhost", "sec-fetch-site": "same-origin"}  # ds.client's host


async def assign_from(desk: Datasette, headers: dict[str, str]) -> httpx.Response:
    """Amy's assign form, with the headers by which a browser says which site sent it."""
    response: httpx.Response = await desk.client.post(
        f"/desk/claim/{MARKET}/assign",
        data={"last_event_id": ""},
        headers=headers,
        actor=editor("amy"),
    )
    return response


@pytest.mark.parametrize(
    "headers",
    [CROSS_SITE, {"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}],
    ids=["from another site", "cross-site fetch", "foreign origin, older browser"],
)
async def test_a_form_posted_from_another_site_is_refused(
    desk: Datasette, project: Path, headers: dict[str, str]
) -> None:
    response = await assign_from(desk, headers)
    assert response.status_code == 403
    assert events(project) == []


@pytest.mark.parametrize(
    "headers",
    [SAME_ORIGIN, {"origin": "http://localhost"}],
    ids=["same origin", "same origin, older browser"],
)
async def test_a_form_posted_from_the_desk_itself_is_accepted(
    desk: Datasette, project: Path, headers: dict[str, str]
) -> None:
    response = await assign_from(desk, headers)
    assert response.status_code == 303
    assert [e["type"] for e in events(project)] == ["assign"]


async def test_with_no_accounts_the_desk_is_closed_and_the_public_side_works(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(project / "nobody.json"))
    desk = await desk_datasette(project / "claimdesk.db", project / "claims")
    response = await desk.client.get("/desk", actor=editor("amy"))
    assert response.status_code == 503
    assert "claimdesk editor add NAME" in response.text
    assert (await desk.client.get("/claimdesk/claims.json")).status_code == 200


async def test_signed_in_editors_may_read_the_reviews_database(desk: Datasette) -> None:
    response = await desk.client.get("/reviews/events.json", actor=editor("amy"))
    assert response.status_code == 200
    anonymous = await desk.client.get("/reviews/events.json")
    assert anonymous.status_code == 403


async def test_escaped_everywhere(desk: Datasette, project: Path) -> None:
    note = '"><img src=x onerror=alert(1)>'
    await post(desk, MARKET, "verify", "amy", **{**VERIFY, "note": note})
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("ben"))).text
    assert note not in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


async def test_a_qualifier_corrected_on_the_desk_says_what_it_means(
    desk: Datasette, project: Path
) -> None:
    fields = {"field": "qualifier", "to": "某某", "reason": "原文如此"}
    refused = await post(desk, GROWTH, "correct", "amy", **fields)
    assert refused.status_code == 400
    assert 'data-field="qualifier_meaning"' in refused.text
    assert events(project) == []
    accepted = await post(desk, GROWTH, "correct", "amy", **fields, meaning="approximate")
    assert accepted.status_code == 303
    public = sqlite_utils.Database(project / "claimdesk.db")
    row = next(public.query("select qualifier, qualifier_meaning from claims where id = ?",
                            [GROWTH]))  # fmt: skip
    assert row == {"qualifier": "某某", "qualifier_meaning": "approximate"}
