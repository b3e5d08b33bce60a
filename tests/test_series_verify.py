"""`claimdesk verify --series ID --period P [--release R]`: a series cell as the evidence. The
source's value, unit and time come from the cell, the URL from its release, and the
discrepancy and suggested verdict are computed as for a typed figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from series_fixtures import SG_JUNE, SG_MAY

# Written for this test: one figure of Singapore's container throughput, April 2023.
PORT = (
    "新加坡港口貨櫃吞吐量\n\n"
    "新加坡海事及港務管理局的數據顯示，2023年4月新加坡港口貨櫃吞吐量為326萬標準箱。\n"
)


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli,
        [*args, "--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": "amy"},
    )


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, str]:
    text = tmp_path / "port.txt"
    text.write_text(PORT, encoding="utf-8")
    claims = tmp_path / "claims"
    added = CliRunner().invoke(cli, ["add", str(text), "--slug", "sg-port", "--language",
                                     "zh-Hant", "--claims-dir", str(claims)])  # fmt: skip
    assert added.exit_code == 0, added.output
    for published in (SG_MAY, SG_JUNE):
        imported = CliRunner().invoke(cli, published.import_args(claims))
        assert imported.exit_code == 0, imported.output
    queue = run(tmp_path, "queue", "--article", "sg-port", "--format", "json")
    [claim] = json.loads(queue.stdout)["claims"]
    assert claim["text"] == "326萬標準箱"
    assert run(tmp_path, "assign", claim["claim_id"]).exit_code == 0
    return tmp_path, str(claim["claim_id"])


def last_event(project: Path) -> dict[str, object]:
    log = (project / "claims" / "sg-port" / "reviews.jsonl").read_text().splitlines()
    event: dict[str, object] = json.loads(log[-1])
    return event


VERIFY = ("--verdict", "correct", "--explanation", "與新加坡海事及港務管理局的數據相符。")


def test_a_series_cell_is_the_evidence(project: tuple[Path, str]) -> None:
    folder, claim = project
    result = run(folder, "verify", claim, *VERIFY, "--series", "sg-container-throughput",
                 "--period", "2023-04")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "suggested verdict: correct" in result.output
    event = last_event(folder)
    # The latest release that has the period: June's, which revised April.
    assert event["evidence_url"] == SG_JUNE.url
    assert (event["source_value"], event["source_unit"], event["source_time"]) == (
        3264669, "TEU", "2023-04",
    )  # fmt: skip
    assert "2023-04 = 3264669 TEU (release 2023-06-14, series sg-container-throughput)" in str(
        event["evidence_quote"]
    )


def test_a_named_release_gives_its_own_value(project: tuple[Path, str]) -> None:
    folder, claim = project
    result = run(folder, "verify", claim, *VERIFY, "--series", "sg-container-throughput",
                 "--period", "2023-04", "--release", "2023-05-15",
                 "--evidence-quote", "Container throughput, April 2023")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the source's 3.256181 million TEU is within" in result.output
    event = last_event(folder)
    assert (event["evidence_url"], event["source_value"]) == (SG_MAY.url, 3256181)
    assert event["evidence_quote"] == "Container throughput, April 2023"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--series", "sg-container-throughput"), "--series and --period go together"),
        (
            ("--series", "sg-container-throughput", "--period", "2023-04", "--source-value", "1"),
            "a series cell gives the URL, the value and the unit",
        ),
        (("--series", "sg-container-throughput", "--period", "2031-01"), "has this period"),
        (
            (
                "--series",
                "sg-container-throughput",
                "--period",
                "2023-04",
                "--release",
                "2023-01-01",
            ),
            "has no such release (2023-05-15, 2023-06-14)",
        ),
        (("--series", "no-such", "--period", "2023-04"), "--series no-such: 沒有這個數列"),
        ((), "give --evidence-url, --reuse another claim's evidence, or --series and --period"),
        (
            ("--series", "no-such", "--period", "2023-04", "--reuse", "c0123456789abcdef"),
            "--reuse and --series each give the evidence: give one",
        ),
    ],
)
def test_a_cell_that_cannot_be_evidence_is_refused(
    project: tuple[Path, str], args: tuple[str, ...], message: str
) -> None:
    folder, claim = project
    before = (folder / "claims" / "sg-port" / "reviews.jsonl").read_text()
    result = run(folder, "verify", claim, *VERIFY, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert (folder / "claims" / "sg-port" / "reviews.jsonl").read_text() == before
