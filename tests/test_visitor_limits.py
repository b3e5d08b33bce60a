"""What an anonymous visitor can cost the server (issue 15, items 18-21, and issue 16's wall
on the value limit), against a real `claimdesk serve` on 127.0.0.1 where the defect lives there.

No timing is asserted: bench/bench_visitors.py measures the claim page under load."""

from __future__ import annotations

import sqlite3
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimdesk.web.public.feed import atom_feed
from desk_fixtures import live_project, serving, sign_in

# Nine seconds of padding in one VM step, past Datasette's one-second limit (item 18).
SLOW_PRINTF = "select length(printf('%.*c', 2147483647, 'x'))"
# Hands out a native pointer (item 19).
TOKENIZER = "select hex(fts3_tokenizer('simple'))"
# Short: every answer here comes at once on the fixed code; the current code takes 9 s.
TIMEOUT = httpx.Timeout(5.0)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("visitors")
    with serving(folder, live_project(folder)) as base:
        yield base


def _claim_page(base: str) -> str:
    rows = httpx.get(f"{base}/claimdesk/claims.json?_shape=array&_size=1", timeout=TIMEOUT).json()
    return f"{base}/claim/{rows[0]['id']}"


def _query(client: httpx.Client, base: str, sql: str, extension: str = "json") -> httpx.Response:
    return client.get(f"{base}/claimdesk/-/query.{extension}", params={"sql": sql})


def test_anonymous_visitors_cannot_run_arbitrary_sql(site: str) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        assert _query(client, site, SLOW_PRINTF).status_code == 403
        assert (
            client.get(
                f"{site}/claimdesk", params={"sql": "select 1"}, follow_redirects=True
            ).status_code
            == 403
        )
        # What stays open: tables, canned queries, the public pages.
        assert client.get(f"{site}/claimdesk/claims.json").status_code == 200
        assert client.get(f"{site}/claimdesk/published_verdicts.json").status_code == 200


def test_the_claim_page_answers_while_thirty_visitors_send_the_slowest_query(site: str) -> None:
    page = _claim_page(site)
    statuses: list[int] = []

    def visitor() -> None:
        with httpx.Client(timeout=TIMEOUT) as client:
            for _ in range(3):
                statuses.append(_query(client, site, SLOW_PRINTF).status_code)

    visitors = [threading.Thread(target=visitor) for _ in range(30)]
    for thread in visitors:
        thread.start()
    with httpx.Client(timeout=TIMEOUT) as reader:
        claim_statuses = [reader.get(page).status_code for _ in range(5)]
    for thread in visitors:
        thread.join(timeout=60)
    assert claim_statuses == [200] * 5
    assert statuses == [403] * 90


def test_an_editors_printf_with_a_huge_width_is_cut_off(site: str) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        sign_in(client, site, "amy")
        huge = _query(client, site, SLOW_PRINTF)
        assert huge.status_code == 400
        ordinary = _query(client, site, "select printf('%5.1f|%-3d|%%|%s', 3.14159, 7, 'x') as p")
        assert ordinary.status_code == 200
        assert ordinary.json()["rows"][0]["p"] == "  3.1|7  |%|x"


def test_fts3_tokenizer_is_refused_to_everyone(site: str) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        assert _query(client, site, TOKENIZER).status_code == 403
        sign_in(client, site, "amy")
        refused = _query(client, site, TOKENIZER)
        assert refused.status_code == 400
        two = _query(client, site, "select fts3_tokenizer('simple', zeroblob(8))")
        assert two.status_code == 400


def test_csv_cells_that_start_a_formula_are_neutralised(site: str) -> None:
    sql = (
        "select '=HYPERLINK(\"http://evil.example\",\"x\")' as a, '+1+2' as b, '@SUM(A1)' as c, "
        "-3.5 as d, '-12' as e, 'plain' as f"
    )
    with httpx.Client(timeout=TIMEOUT) as client:
        sign_in(client, site, "amy")
        for params in ({}, {"_stream": "1"}, {"_dl": "1"}):
            response = client.get(f"{site}/claimdesk/-/query.csv", params={"sql": sql, **params})
            assert response.status_code == 200
            rows = response.text.splitlines()
            assert (
                rows[1]
                == '"\'=HYPERLINK(""http://evil.example"",""x"")",\'+1+2,\'@SUM(A1),-3.5,-12,plain'
            )


def test_a_csv_table_download_keeps_every_row(site: str) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        csv_rows = client.get(f"{site}/claimdesk/claims.csv", params={"_stream": "1"}).text
        count = client.get(
            f"{site}/claimdesk/claims.json", params={"_size": "0", "_extra": "count"}
        ).json()
    assert csv_rows.count("\r\n") >= count["count"] + 1


def test_csv_records_are_rewritten_only_when_whole() -> None:
    from claimdesk.web.csv_cells import complete_records, rewrite, safe_cell

    assert complete_records(b'a,"b\r\nc"\r\nd,') == len(b'a,"b\r\nc"\r\n')
    assert complete_records(b'"x""\n') == 0
    assert rewrite(b'=1+2,"-a\r\nb",3\r\n') == b"'=1+2,\"'-a\r\nb\",3\r\n"
    assert [safe_cell(c) for c in ("-1e5", "+2", "-", "\tx")] == ["-1e5", "+2", "'-", "'\tx"]


def test_a_control_character_in_an_explanation_keeps_the_feed_valid_xml() -> None:
    from claimdesk.publish.claimreview import Publisher

    entry = {
        "id": "6f1d2a4e-0000-4000-8000-000000000001",
        "entry": "verdict",
        "at": "2024-05-01T08:00:00+00:00",
        "claim_id": "c1",
        "text": "47億元",
        "article_title": "AI chips",
        "sentence": "營收達47億元\x1b。",
        "to_value": "correct",
        "from_value": None,
        "field": None,
        "explanation_zh_hant": "見\x0b年報\x00第3頁",
        "explanation_zh_hans": None,
        "explanation_en": "See\x08 page 3",
    }
    publisher = Publisher(
        "claimdesk", "https://claimdesk.example.org/", "https://x.example", "c@x.example"
    )
    document = atom_feed([entry], publisher)
    summary = ET.fromstring(document).find(".//{http://www.w3.org/2005/Atom}summary")
    assert summary is not None and summary.text is not None
    assert "見年報第3頁" in summary.text and "See page 3" in summary.text


def test_the_value_limit_stays_within_sqlite_past_two_gib(tmp_path: Path) -> None:
    from claimdesk.web.limits import MAX_VALUE_BYTES, limit_connection, value_limit

    big = tmp_path / "claimdesk.db"
    with big.open("wb") as file:
        file.truncate(3 * 1024**3)  # sparse: takes no disk
    assert value_limit(str(big)) == MAX_VALUE_BYTES
    conn = sqlite3.connect(":memory:")
    limit_connection(conn, str(big))  # overflowed before: "Python int too large"
    assert conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) <= MAX_VALUE_BYTES


async def test_generic_views_take_turns_and_the_public_pages_do_not_queue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import asyncio

    from claimdesk.web import visitor_gate

    monkeypatch.setattr(visitor_gate, "GENERIC_WAIT_SECONDS", 0.2)
    release = asyncio.Event()

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        if scope["path"].startswith("/claimdesk"):
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = visitor_gate.take_turns(slow_app)

    async def get(path: str) -> int:
        sent: list[dict[str, Any]] = []

        async def send(message: Any) -> None:
            sent.append(message)

        await app({"type": "http", "path": path}, None, send)  # type: ignore[arg-type]
        return int(sent[0]["status"])

    holding = [asyncio.create_task(get("/claimdesk/claims")) for _ in range(2)]
    await asyncio.sleep(0.01)
    assert await get("/claimdesk/articles") == 503  # waited past its turn
    assert await get("/claim/c1") == 200  # the public page did not queue
    release.set()
    assert await asyncio.gather(*holding) == [200, 200]
