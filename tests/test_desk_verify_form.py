"""The desk's verify form and claim page over HTTP (in-process): every error at once and in
both languages, the live check for a half-typed figure, next claim, the approver's view of the
suggestion, labels in Chinese then English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from datasette.app import Datasette
from markupsafe import escape

from claimdesk import vocabulary
from claimdesk.web.desk import form_errors
from claimdesk.web.desk.labels import say
from desk_fixtures import editor
from test_desk import GROWTH, MARKET, VERIFY, events, post
from test_desk import desk as desk  # the fixtures, shared with test_desk
from test_desk import project as project

PYDANTIC_WORDING = re.compile(
    r"should have at least|Input should|validation error|Field required|Dictionary", re.I
)


def fields_in_error(html: str) -> set[str]:
    return set(re.findall(r'class="desk-error" id="error-[a-z_]+" data-field="([a-z_]+)"', html))


async def test_a_verify_with_only_a_verdict_shows_every_error_at_once(
    desk: Datasette, project: Path
) -> None:
    response = await post(desk, MARKET, "verify", "amy", verdict="correct", note="我的備註")
    assert response.status_code == 400
    html = response.text
    assert fields_in_error(html) == {"evidence_url", "evidence_quote", "explanations"}
    assert 'data-error-count="3"' in html
    for field in ("evidence_url", "evidence_quote", "explanations"):
        label = form_errors.MESSAGES[field]
        assert str(escape(f"{label.zh} {label.en}")) in html  # Chinese, then English
    assert not PYDANTIC_WORDING.search(html)
    assert '<option value="correct" selected>' in html  # what the editor chose is kept
    assert "我的備註" in html
    assert events(project) == []


async def test_an_empty_verify_names_the_verdict_and_a_bad_figure_too(
    desk: Datasette, project: Path
) -> None:
    response = await post(desk, MARKET, "verify", "amy", source_value="490億美")
    assert response.status_code == 400
    assert fields_in_error(response.text) == {
        "verdict",
        "source_value",
        "evidence_url",
        "evidence_quote",
        "explanations",
    }
    assert "490億美" in response.text
    assert 'aria-invalid="true" aria-describedby="error-verdict"' in response.text
    assert events(project) == []


async def test_an_unsupported_verdict_needs_no_quote(desk: Datasette) -> None:
    response = await post(desk, MARKET, "verify", "amy", verdict="unsupported")
    assert fields_in_error(response.text) == {"evidence_url", "explanations"}


@pytest.mark.parametrize(
    ("action", "fields", "wanted"),
    [
        ("correct", {"field": "value", "to": "很多", "reason": ""}, {"to", "reason"}),
        ("dismiss", {"reason": " "}, {"reason"}),
    ],
)
async def test_other_forms_show_every_error_in_both_languages(
    desk: Datasette, project: Path, action: str, fields: dict[str, str], wanted: set[str]
) -> None:
    response = await post(desk, GROWTH, action, "amy", **fields)
    assert response.status_code == 400
    assert fields_in_error(response.text) == wanted
    assert form_errors.MESSAGES["reason"].zh in response.text
    assert not PYDANTIC_WORDING.search(response.text)
    assert events(project) == []


async def test_a_send_back_without_a_reason_says_so_in_both_languages(
    desk: Datasette, project: Path
) -> None:
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    response = await post(desk, MARKET, "send_back", "ben", reason="")
    assert response.status_code == 400
    assert fields_in_error(response.text) == {"reason"}
    assert str(form_errors.MESSAGES["reason"]) in response.text
    assert len(events(project)) == 1


async def test_after_a_verify_the_page_is_fetched_again_and_the_form_is_closed(
    desk: Datasette,
) -> None:
    response = await post(desk, MARKET, "verify", "amy", **VERIFY)
    assert response.status_code == 303  # POST/redirect/GET: reloading does not post again
    page = (await desk.client.get(response.headers["location"], actor=editor("amy"))).text
    assert '<details class="desk-verify-box">' in page  # closed
    assert f'<a class="desk-next-claim" href="/desk/claim/{GROWTH}" data-next-claim>' in page
    before = (await desk.client.get(f"/desk/claim/{GROWTH}", actor=editor("amy"))).text
    assert '<details class="desk-verify-box" open>' in before


async def test_next_claim_follows_the_queue_and_wraps_round(desk: Datasette) -> None:
    last = (await desk.client.get(f"/desk/claim/{GROWTH}", actor=editor("amy"))).text
    assert f'href="/desk/claim/{MARKET}" data-next-claim' in last
    await post(desk, MARKET, "dismiss", "amy", reason="不是主張")
    alone = (await desk.client.get(f"/desk/claim/{GROWTH}", actor=editor("amy"))).text
    assert "data-next-claim" not in alone  # nothing else needs work


async def test_the_claim_page_links_to_its_public_page(desk: Datasette) -> None:
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    assert f'<a href="/claim/{MARKET}" class="desk-public-link">公開頁面 Public page</a>' in html


async def test_the_history_shows_explanations_as_text(desk: Datasette) -> None:
    await post(desk, MARKET, "verify", "amy", **{**VERIFY, "explanation_en": "IDC agrees."})
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    history = html[html.index('class="desk-history"') :]
    assert '<p class="desk-explanation" lang="zh-Hant">IDC新聞稿相符。</p>' in history
    assert '<p class="desk-explanation" lang="en">IDC agrees.</p>' in history
    assert "{&#39;" not in history and "{'" not in history  # no Python dictionary
    assert "送出查核 Verified" in history
    assert "正確 Correct" in history


async def test_the_approver_sees_whether_the_verifier_followed_the_suggestion(
    desk: Datasette,
) -> None:
    # 432億 against 432億元: the suggestion is "correct", the verifier chose "misleading".
    await post(desk, MARKET, "verify", "amy", **{**VERIFY, "verdict": "misleading"})
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("ben"))).text
    assert 'class="desk-suggestion-check differs" data-suggested="correct"' in html
    assert "The verifier chose otherwise than the suggestion" in html
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("ben"))).text
    assert 'class="desk-suggestion-check followed" data-suggested="correct"' in html


async def test_a_stale_form_says_it_was_the_same_editor(desk: Datasette, project: Path) -> None:
    seen = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    assert "last_event_id" in seen
    await post(desk, MARKET, "assign", "amy")  # amy, in another tab
    response = await post(desk, MARKET, "verify", "amy", last_event_id="", **VERIFY)
    assert response.status_code == 409
    assert "<strong>amy</strong> 認領 Assigned" in response.text
    assert "That was you, perhaps in another tab" in response.text
    assert "IDC新聞稿相符。" in response.text  # nothing the editor typed is lost
    assert [e["type"] for e in events(project)] == ["assign"]


@pytest.mark.parametrize("typed", ["4", "49", "490", "490億", "490億美", "4.", "-", "億"])
async def test_the_live_check_answers_a_half_typed_figure(desk: Datasette, typed: str) -> None:
    response = await desk.client.get(
        f"/desk/claim/{MARKET}/assess.json",
        params={"source_value": typed, "source_unit": ""},
        actor=editor("amy"),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["source_value"] == typed  # the page matches an answer to what it asked
    if body["error"]:
        assert body["suggested_verdict"] is None
        assert not PYDANTIC_WORDING.search(body["error"])


async def test_the_live_check_for_the_whole_figure_suggests_with_labels(desk: Datasette) -> None:
    response = await desk.client.get(
        f"/desk/claim/{MARKET}/assess.json",
        params={"source_value": "432億"},
        actor=editor("amy"),
    )
    body = response.json()
    assert (body["suggested_verdict"], body["suggested_label"]) == ("correct", "正確 Correct")


async def test_the_queue_shows_figures_labels_and_links_to_the_article(desk: Datasette) -> None:
    await post(desk, MARKET, "assign", "amy")
    html = (await desk.client.get("/desk", actor=editor("amy"))).text
    assert '<span class="desk-open-figure">432億元</span>' in html
    assert f">{MARKET}</a>" not in html  # the figure names the row, not the hash
    assert '<a class="desk-article-link" href="/desk/article/idc-market"' in html
    assert '<span class="desk-status" data-status="in_progress">查核中 In progress</span>' in html
    assert '<option value="needs_review">待核准 Waiting for approval</option>' in html
    assert '<option value="outside_body">不在正文內 Outside the article body</option>' in html


async def test_the_top_bar_separates_the_name_from_sign_out(desk: Datasette) -> None:
    html = (await desk.client.get("/desk", actor=editor("amy"))).text
    assert '已登入 Signed in as <strong class="desk-editor">amy</strong></span>' in html


def test_every_word_of_the_desk_has_its_label() -> None:
    vocabularies = {
        "status": vocabulary.STATUSES,
        "flag": vocabulary.FLAGS,
        "event": vocabulary.EVENT_TYPES,
        "field": vocabulary.CORRECTABLE_FIELDS,
        "kind": vocabulary.KINDS,
        "meaning": vocabulary.QUALIFIER_MEANINGS,
        "result": vocabulary.RESULTS,
        "verdict": vocabulary.VERDICT_NAMES,
    }
    for what, words in vocabularies.items():
        for word in words:
            label = say(what, word)
            assert label.zh and label.en and label.zh != word, (what, word)
            assert re.search(r"[\u4e00-\u9fff]", label.zh), (what, word)


def test_a_word_no_vocabulary_knows_is_shown_as_itself() -> None:
    assert str(say("status", "archived")) == "archived"
    assert str(say("verdict", "nonsense")) == "nonsense"


async def test_the_form_is_not_checked_by_the_browser_but_by_the_server(desk: Datasette) -> None:
    html = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    form = html[html.index('<form method="post" action="/desk/claim/c0000000001/verify"') :]
    assert "novalidate" in form[: form.index(">")]


async def test_the_desk_writes_figures_as_people_do_with_the_exact_value_beside(
    desk: Datasette,
) -> None:
    """Issue 17 item 5 on the desk: 432億元 and 43.2 billion yuan, not 43200000000 CNY alone."""
    page = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    assert "432億元人民幣" in page and "43.2 billion yuan" in page
    assert "43,200,000,000 CNY" in page  # the exact value, one glance away
    assert "43200000000 CNY" not in page


async def test_a_readers_report_opens_the_correct_form_naming_it(desk: Datasette) -> None:
    """The desk report page's "correct this claim" link lands on an open Correct form."""
    path = f"/desk/claim/{MARKET}?report=r0123456789abcdef"
    page = (await desk.client.get(path, actor=editor("amy"))).text
    assert '<details class="desk-correct" open>' in page
    assert 'name="report_id" value="r0123456789abcdef"' in page
    plain = (await desk.client.get(f"/desk/claim/{MARKET}", actor=editor("amy"))).text
    assert '<details class="desk-correct">' in plain
