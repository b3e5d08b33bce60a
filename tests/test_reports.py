"""Readers' reports (issue 17, item 13): what a reader may send, where it is kept, what one
address can cost, and the desk's queue, against a real `claimdesk serve` on 127.0.0.1 where the
behaviour lives in HTTP. The server trusts 127.0.0.1 as a proxy, so that each test speaks from
an address of its own (X-Forwarded-For) and the per-address limit of one test does not reach
another. No timing is asserted."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from claimdesk.reports import ReportProblems, ReportRefused, add_step, file_report, read_report
from claimdesk.reports.form import MAX_EVIDENCE_URL, MAX_PROBLEM
from claimdesk.review import Correct, ReviewError, new_event
from claimdesk.web.reports.public import HONEYPOT, MAX_BODY_BYTES, REPORTS_PER_ADDRESS
from conftest import ROOT
from desk_fixtures import live_project, serving, sign_in

TIMEOUT = httpx.Timeout(30.0)
CLAIM = "c0123456789abcdef"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("reports")
    env = live_project(folder)
    config = yaml.safe_load((folder / "datasette.yaml").read_text(encoding="utf-8"))
    config["plugins"]["claimdesk"]["trusted_proxies"] = ["127.0.0.1"]
    (folder / "datasette.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    with serving(folder, env) as base:
        yield base, folder


@pytest.fixture(scope="module")
def site(project: tuple[str, Path]) -> str:
    return project[0]


@pytest.fixture(scope="module")
def claim_id(site: str) -> str:
    rows = httpx.get(f"{site}/claimdesk/claims.json?_shape=array&_size=1", timeout=TIMEOUT)
    return str(rows.json()[0]["id"])


def _from(address: str) -> dict[str, str]:
    return {"x-forwarded-for": address}


def _report(site: str, address: str, **fields: str) -> httpx.Response:
    return httpx.post(
        f"{site}/report", data=fields, headers=_from(address), timeout=TIMEOUT,
        follow_redirects=False,
    )  # fmt: skip


def _kept_problems(folder: Path) -> list[str]:
    return [str(report["problem"]) for report in _kept(folder)]


def _kept(folder: Path) -> list[dict[str, str]]:
    path = folder / "reports.db"
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute("select * from reports")]


# --- what a reader may send ----------------------------------------------------------------


def test_every_problem_of_a_form_is_named_at_once_in_chinese_and_english() -> None:
    with pytest.raises(ReportProblems) as refused:
        read_report(
            {"claim_id": CLAIM, "problem": " ", "evidence_url": "javascript:x", "email": "no"}
        )
    problems = refused.value.problems
    assert set(problems) == {"problem", "evidence_url", "email"}
    assert problems["problem"] == ("請說明哪裡有錯。", "Say what is wrong.")


def test_a_report_names_exactly_one_claim_or_article() -> None:
    with pytest.raises(ReportProblems) as refused:
        read_report({"problem": "wrong", "claim_id": CLAIM, "article_id": "a-b"})
    assert set(refused.value.problems) == {"form"}
    with pytest.raises(ReportProblems):
        read_report({"problem": "wrong", "claim_id": "c1'; drop table x"})


def test_reports_db_refuses_what_the_form_refuses_whoever_writes(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    report_id = file_report(path, read_report({"claim_id": CLAIM, "problem": "wrong"}))
    with sqlite3.connect(path) as connection:
        for bad in (
            ("r0000000000000001", "x", CLAIM, None, "", None, None),  # nothing said
            ("r0000000000000002", "x", CLAIM, "a-b", "wrong", None, None),  # two targets
            ("r0000000000000003", "x", CLAIM, None, "x" * (MAX_PROBLEM + 1), None, None),
            ("r0000000000000004", "x", CLAIM, None, "wrong", "javascript:1", None),
            ("nope", "x", CLAIM, None, "wrong", None, None),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute("insert into reports values (?, ?, ?, ?, ?, ?, ?)", bad)
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "insert into report_steps (report_id, at, editor, step) values (?, 'x', 'amy', "
                "'link')",
                (report_id,),
            )  # a link names its claim
    assert (path.stat().st_mode & 0o777) == 0o600


def test_closing_a_closed_report_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    report_id = file_report(path, read_report({"article_id": "a-b", "problem": "wrong"}))
    add_step(path, report_id, "close", "amy")
    with pytest.raises(ReportRefused, match="already closed"):
        add_step(path, report_id, "close", "ben")


def test_new_reports_are_refused_past_the_cap_of_open_ones(tmp_path: Path) -> None:
    path = tmp_path / "reports.db"
    report = read_report({"article_id": "a-b", "problem": "wrong"})
    first = file_report(path, report, limit=2)
    file_report(path, report, limit=2)
    with pytest.raises(ReportRefused):
        file_report(path, report, limit=2)
    add_step(path, first, "close", "amy")
    file_report(path, report, limit=2)


def test_a_correct_event_may_name_a_report_and_nothing_else() -> None:
    event = new_event(
        Correct, editor="amy", claim_id=CLAIM, field="time", to="2023", reason="r",
        report_id="r0123456789abcdef",
    )  # fmt: skip
    assert event.report_id == "r0123456789abcdef"
    with pytest.raises(ReviewError, match="report id"):
        new_event(
            Correct, editor="amy", claim_id=CLAIM, field="time", to="2023", reason="r",
            report_id="someone@example.org",
        )  # fmt: skip


def test_reports_db_is_never_in_git() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "reports.db", "reports.db-wal"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == ["reports.db", "reports.db-wal"]


# --- a real server ---------------------------------------------------------------------------


def test_a_report_is_kept_in_reports_db_and_nowhere_public(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    # The marker is not hex: a digest in the database (code_version's) may hold any 4 hex digits.
    problem = "這個數字應該是 48 億，不是 47 億 7f3q"
    sent = _report(
        site, "10.0.0.1", claim_id=claim_id, problem=problem,
        evidence_url="https://example.org/source-9c2e", email="reader-5d1b@example.org",
    )  # fmt: skip
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/report/thanks?claim={claim_id}"
    thanks = httpx.get(site + sent.headers["location"], timeout=TIMEOUT)
    assert thanks.status_code == 200
    assert "謝謝您的回報" in thanks.text and "Thank you for your report" in thanks.text
    assert [r["problem"] for r in _kept(folder)].count(problem) == 1
    for name in ("claimdesk.db", "reviews.db"):
        raw = (folder / name).read_bytes()
        assert b"reader-5d1b" not in raw and b"7f3q" not in raw, name
    assert "reader-5d1b" not in httpx.get(f"{site}/claim/{claim_id}", timeout=TIMEOUT).text


def test_one_address_may_send_a_few_reports_then_waits(site: str, claim_id: str) -> None:
    statuses = [
        _report(site, "10.0.0.2", claim_id=claim_id, problem=f"wrong {n}").status_code
        for n in range(REPORTS_PER_ADDRESS + 2)
    ]
    assert statuses == [303] * REPORTS_PER_ADDRESS + [429, 429]
    refused = _report(site, "10.0.0.2", claim_id=claim_id, problem="again")
    assert int(refused.headers["retry-after"]) > 60
    assert "回報次數過多" in refused.text and "Too many reports" in refused.text
    # Another address is not held back.
    assert _report(site, "10.0.0.3", claim_id=claim_id, problem="wrong").status_code == 303


def test_a_body_past_the_cap_is_refused_before_it_is_read_whole(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    huge = "x" * (MAX_BODY_BYTES + 1)
    refused = _report(site, "10.0.0.4", claim_id=claim_id, problem=huge)
    assert refused.status_code == 413 and "回報太長" in refused.text
    assert huge not in _kept_problems(folder)


def test_a_field_past_its_cap_is_named_and_nothing_is_kept(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    long_link = "https://example.org/" + "a" * MAX_EVIDENCE_URL
    long_problem = "字" * (MAX_PROBLEM + 1)
    answer = _report(
        site, "10.0.0.5", claim_id=claim_id, problem=long_problem, evidence_url=long_link
    )
    assert answer.status_code == 400
    assert f"請精簡到 {MAX_PROBLEM} 字以內" in answer.text
    assert f"Use a link under {MAX_EVIDENCE_URL} characters" in answer.text
    assert long_problem not in _kept_problems(folder)


def test_the_honeypot_is_thanked_and_nothing_is_kept(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    bot = _report(
        site, "10.0.0.6", claim_id=claim_id, problem="buy now 1e0c", **{HONEYPOT: "http://spam"}
    )
    assert bot.status_code == 303 and bot.headers["location"].startswith("/report/thanks")
    assert "buy now 1e0c" not in _kept_problems(folder)


def test_a_report_about_no_claim_or_a_repeated_field_is_refused(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    before = len(_kept(folder))
    assert _report(site, "10.0.0.7", claim_id=CLAIM, problem="wrong").status_code == 400
    repeated = httpx.post(
        f"{site}/report",
        content=f"claim_id={claim_id}&problem=a&problem=b".encode(),
        headers={**_from("10.0.0.7"), "content-type": "application/x-www-form-urlencoded"},
        timeout=TIMEOUT,
    )
    assert repeated.status_code == 400
    assert len(_kept(folder)) == before


def test_a_report_posted_from_another_site_is_refused(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    before = len(_kept(folder))
    for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}):
        forged = httpx.post(
            f"{site}/report",
            data={"claim_id": claim_id, "problem": "forged"},
            headers={**_from("10.0.0.8"), **headers},
            timeout=TIMEOUT,
        )
        assert forged.status_code == 403, headers
    same_site = httpx.post(
        f"{site}/report",
        data={"claim_id": claim_id, "problem": "from the page"},
        headers={**_from("10.0.0.8"), "sec-fetch-site": "same-origin", "origin": site},
        timeout=TIMEOUT,
    )
    assert same_site.status_code == 303
    assert len(_kept(folder)) == before + 1


def test_a_trickled_report_stalls_nobody_and_is_dropped(site: str, claim_id: str) -> None:
    host, port = site.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as slow:
        slow.sendall(
            b"POST /report HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"X-Forwarded-For: 10.0.0.9\r\nContent-Length: 1000\r\n\r\nproblem=slow"
        )
        # While that body never arrives, readers and other reports are served.
        assert httpx.get(f"{site}/claim/{claim_id}", timeout=TIMEOUT).status_code == 200
        assert _report(site, "10.0.0.10", claim_id=claim_id, problem="x").status_code == 303
        answer = slow.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408")


# --- the desk --------------------------------------------------------------------------------


def test_the_desk_queue_of_reports_is_for_editors_only(site: str) -> None:
    anonymous = httpx.get(f"{site}/desk/reports", timeout=TIMEOUT, follow_redirects=False)
    assert anonymous.status_code == 302 and anonymous.headers["location"].endswith("/-/login")
    refused = httpx.post(f"{site}/desk/report/r0123456789abcdef/close", timeout=TIMEOUT)
    assert refused.status_code == 403


def test_an_editor_links_answers_and_closes_a_report_and_each_step_is_kept(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    assert _report(site, "10.0.1.1", claim_id=claim_id, problem="desk 4e5f").status_code == 303
    (report_id,) = [r["id"] for r in _kept(folder) if r["problem"] == "desk 4e5f"]
    with httpx.Client(timeout=TIMEOUT) as client:
        sign_in(client, site, "amy")
        assert "desk 4e5f" in client.get(f"{site}/desk/reports").text
        base = f"{site}/desk/report/{report_id}"
        assert client.post(f"{base}/link", data={"claim_id": CLAIM}).status_code == 400
        for step, form in (
            ("link", {"claim_id": claim_id}),
            ("answer", {"answer": "謝謝，已更正。Thank you, corrected."}),
            ("close", {}),
        ):
            assert client.post(f"{base}/{step}", data=form).status_code == 303, step
        assert client.post(f"{base}/close").status_code == 400
        page = client.get(base).text
        assert "已結案 closed" in page and "謝謝，已更正。" in page
        assert "desk 4e5f" not in client.get(f"{site}/desk/reports").text
        assert "desk 4e5f" in client.get(f"{site}/desk/reports?status=closed").text
    with sqlite3.connect(folder / "reports.db") as connection:
        steps = connection.execute(
            "select editor, step, claim_id from report_steps where report_id = ? order by seq",
            (report_id,),
        ).fetchall()
    assert steps == [("amy", "link", claim_id), ("amy", "answer", None), ("amy", "close", None)]


def test_a_correction_a_report_led_to_says_so_in_public_without_the_reader(
    project: tuple[str, Path], claim_id: str
) -> None:
    site, folder = project
    sent = _report(
        site, "10.0.1.2", claim_id=claim_id, problem="time is wrong 2b8c",
        email="reader-0a9d@example.org",
    )  # fmt: skip
    assert sent.status_code == 303
    (report_id,) = [r["id"] for r in _kept(folder) if r["problem"] == "time is wrong 2b8c"]
    with httpx.Client(timeout=TIMEOUT) as client:
        sign_in(client, site, "amy")
        desk = client.get(f"{site}/desk/claim/{claim_id}?report={report_id}").text
        assert f'name="report_id" value="{report_id}"' in desk
        last = client.get(f"{site}/reviews/events.json?_shape=array&claim_id={claim_id}")
        seen = max((e["id"] for e in last.json()), default="")
        corrected = client.post(
            f"{site}/desk/claim/{claim_id}/correct",
            data={
                "last_event_id": seen, "field": "time", "to": "2024",
                "reason": "讀者指出年份 The year", "report_id": report_id,
            },
        )  # fmt: skip
        assert corrected.status_code == 303, corrected.text
        assert f"/desk/claim/{claim_id}" in client.get(f"{site}/desk/report/{report_id}").text
    log = httpx.get(f"{site}/corrections", timeout=TIMEOUT).text
    assert "讀者回報" in log and "Reported by a reader" in log
    assert "reader-0a9d" not in log and "2b8c" not in log and report_id not in log
    lines = [
        json.loads(line)
        for path in (folder / "claims").rglob("reviews.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert [e["report_id"] for e in lines if e.get("report_id")] == [report_id]
    assert not any("reader-0a9d" in json.dumps(e) for e in lines)
