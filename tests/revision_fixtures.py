"""A newsroom whose published verdicts rest on the real data.gov.sg series (series_fixtures.py),
then the series' next release: tests/test_source_revisions*.py and the screenshots use it.

The article was written for these tests. Its figures of April 2023 are worded so that the
June release's revision of April (3,256,181 → 3,264,669 TEU) changes one suggestion and not
the other: 325.6萬 covers 3,255,500 to 3,256,500 (May's value is in it, June's is not), 326萬
covers 3,255,000 to 3,265,000 (both are). February was not revised; March was, and no verdict
rests on it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from series_fixtures import SG_JUNE, SG_MAY
from test_guard import run as cli_run

__all__ = ["cli_run"]  # the command line on the project, for the tests that import it here

SLUG = "sg-port"
SERIES = "sg-container-throughput"
PORT = (
    "新加坡港口貨櫃吞吐量創新高\n\n"
    "新加坡海事及港務管理局的數據顯示，2023年4月新加坡港口貨櫃吞吐量為325.6萬標準箱。"
    "業界人士表示，當月吞吐量達326萬標準箱，較3月略少。"
    "2023年2月的貨櫃吞吐量則為267.5萬標準箱。\n"
)
REVISED_TEXT, STEADY_TEXT, UNREVISED_TEXT = "325.6萬標準箱", "326萬標準箱", "267.5萬標準箱"
PERIODS = {REVISED_TEXT: "2023-04", STEADY_TEXT: "2023-04", UNREVISED_TEXT: "2023-02"}


def import_release(project: Path, which: Any = SG_MAY) -> None:
    result = CliRunner().invoke(cli, which.import_args(project / "claims"))
    assert result.exit_code == 0, result.output


def claim_ids(project: Path) -> dict[str, str]:
    """The article's claims by their text."""
    statuses = [part for status in ("unverified", "published") for part in ("--status", status)]
    queue = json.loads(cli_run(project, "queue", "--article", SLUG, *statuses, "--format", "json"))
    return {row["text"]: row["claim_id"] for row in queue["claims"]}


def verify_cell(project: Path, claim: str, period: str, release: str | None = None) -> str:
    """Verify against the series cell (the latest release that has it, or `release`), then a
    second editor approves: a published verdict resting on that release."""
    chosen = ["--release", release] if release else []
    output = cli_run(project, "verify", claim, "--verdict", "correct", "--series", SERIES,
                     "--period", period, *chosen, "--explanation",
                     "與新加坡海事及港務管理局的數據相符。")  # fmt: skip
    cli_run(project, "approve", claim, editor="ben")
    return output


def newsroom(project: Path) -> dict[str, str]:
    """The article, the May release, and the three figures verified against it and published;
    built. Returns the claims by their text."""
    text = project / "port.txt"
    text.write_text(PORT, encoding="utf-8")
    cli_run(project, "add", str(text), "--slug", SLUG, "--language", "zh-Hant")
    import_release(project, SG_MAY)
    build(project / "claims", project / "claimdesk.db")
    claims = claim_ids(project)
    for text_, period in PERIODS.items():
        verify_cell(project, claims[text_], period)
    build(project / "claims", project / "claimdesk.db")
    return claims


def revise(project: Path) -> None:
    """The June release comes in (the newsroom's cron job), and the next build."""
    import_release(project, SG_JUNE)
    build(project / "claims", project / "claimdesk.db")


def revisions(project: Path) -> list[dict[str, Any]]:
    connection = sqlite3.connect(project / "claimdesk.db")
    connection.row_factory = sqlite3.Row
    try:
        rows = connection.execute("select * from source_revisions order by claim_id")
        return [dict(row) for row in rows]
    finally:
        connection.close()
