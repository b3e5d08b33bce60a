"""The second half of the write path: events show in both databases at once, exactly as a
full rebuild would show them."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from conftest import ARTICLE, CLAIMS_YML, write_article

MARKET, GROWTH = "c0000000001", "c0000000002"
COMPARED = {
    "claimdesk.db": ("claims", "sources", "verdicts", "corrections", "search_index"),
    "reviews.db": ("events", "claim_states"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    return tmp_path


def _run(project: Path, *args: str, editor: str) -> None:
    result = CliRunner().invoke(
        cli,
        [*args, "--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": editor},
    )
    assert result.exit_code == 0, result.output


def _rows(folder: Path) -> dict[str, list[dict[str, object]]]:
    rows = {}
    for name, tables in COMPARED.items():
        db = sqlite_utils.Database(folder / name)
        for table in tables:
            order = {"claim_states": "claim_id", "search_index": "kind, key"}.get(table, "id")
            rows[table] = [
                # Positions and the index's row ids depend on the order rows were written.
                {
                    k: v
                    for k, v in row.items()
                    if k not in ("position",) and (table, k) != ("search_index", "id")
                }
                for row in db.query(f"select * from {table} order by {order}")
            ]
    return rows


def _review_everything(project: Path) -> None:
    verify = ["--evidence-url", "https://www.idc.com/pr", "--evidence-quote", "432億元"]
    _run(project, "assign", MARKET, editor="amy")
    _run(project, "verify", MARKET, "--verdict", "correct", *verify, "--explanation", "相符。",
         "--source-value", "432億", "--note", "internal", editor="amy")  # fmt: skip
    _run(project, "approve", MARKET, editor="ben")
    _run(project, "verify", MARKET, "--verdict", "outdated", *verify, "--explanation", "已更新。",
         editor="amy")  # fmt: skip
    _run(project, "approve", MARKET, editor="ben")
    _run(project, "correct", GROWTH, "--field", "time", "--to", "2022", "--reason", "見表2",
         editor="amy")  # fmt: skip
    _run(project, "dismiss", GROWTH, "--reason", "重複", editor="ben")
    start = ARTICLE.index("2021年")
    _run(project, "add-claim", "idc-market", "--start", str(start), "--end", str(start + 5),
         editor="amy")  # fmt: skip


def test_events_show_in_the_databases_at_once(project: Path) -> None:
    _run(project, "assign", MARKET, editor="amy")
    state = sqlite_utils.Database(project / "reviews.db").table("claim_states").get(MARKET)
    assert (state["status"], state["assignee"]) == ("in_progress", "amy")
    verify = ["--evidence-url", "https://www.idc.com/pr", "--evidence-quote", "432億元"]
    _run(project, "verify", MARKET, "--verdict", "correct", *verify, "--explanation", "相符。",
         editor="amy")  # fmt: skip
    public = sqlite_utils.Database(project / "claimdesk.db")
    assert public.table("claims").get(MARKET)["status"] == "unverified"  # not yet approved
    _run(project, "approve", MARKET, editor="ben")
    assert (
        public.table("claims").get(MARKET)["status"],
        public.table("claims").get(MARKET)["verdict"],
    ) == (
        "published",
        "correct",
    )


def test_refreshed_databases_equal_a_full_rebuild(project: Path, tmp_path: Path) -> None:
    _review_everything(project)
    refreshed = _rows(project)
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    build(project / "claims", rebuilt / "claimdesk.db")
    assert refreshed == _rows(rebuilt)
    assert len(refreshed["verdicts"]) == 2  # MARKET: correct, then outdated
    assert {(r["change"], r["claim_id"]) for r in refreshed["corrections"]} == {
        ("verdict", MARKET),
        ("field", GROWTH),  # it stays in the log after GROWTH was dismissed
    }


def test_without_a_database_only_the_file_is_written(tmp_path: Path) -> None:
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    _run(tmp_path, "assign", MARKET, editor="amy")
    assert not (tmp_path / "claimdesk.db").exists()
    assert (tmp_path / "claims" / "idc-market" / "reviews.jsonl").exists()


def test_an_article_added_after_the_build_waits_for_the_next_build(project: Path) -> None:
    write_article(
        project / "claims", "later", ARTICLE, CLAIMS_YML.replace("c00000000", "c99999999")
    )
    result = CliRunner().invoke(
        cli,
        ["assign", "c9999999901", "--claims-dir", str(project / "claims"),
         "--db", str(project / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": "amy"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "after the next `claimdesk build`" in result.output
    assert not sqlite_utils.Database(project / "reviews.db")["claim_states"].count_where(
        "claim_id = 'c9999999901'"
    )
    build(project / "claims", project / "claimdesk.db")
    state = sqlite_utils.Database(project / "reviews.db").table("claim_states").get("c9999999901")
    assert state["assignee"] == "amy"
