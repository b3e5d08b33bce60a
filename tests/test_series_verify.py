"""`claimdesk verify --series ID --period P [--release R]`: a series cell as the evidence. The
source's value, unit and time come from the cell, the URL from its release, and the
discrepancy and suggested verdict are computed as for a typed figure."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from claimdesk.review import ReviewError
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
    # The line names the cell, so that a later release revising it can find the verdict.
    assert event["series_cell"] == {
        "series": "sg-container-throughput", "release": "2023-06-14", "period": "2023-04",
    }  # fmt: skip


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
    assert event["series_cell"] == {
        "series": "sg-container-throughput", "release": "2023-05-15", "period": "2023-04",
    }  # fmt: skip


def test_the_published_verdict_names_its_release(project: tuple[Path, str]) -> None:
    folder, claim = project
    verified = run(folder, "verify", claim, *VERIFY, "--series", "sg-container-throughput",
                   "--period", "2023-04", "--release", "2023-05-15")  # fmt: skip
    assert verified.exit_code == 0, verified.output
    approved = CliRunner().invoke(
        cli,
        ["approve", claim, "--claims-dir", str(folder / "claims"),
         "--db", str(folder / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": "ben"},
    )  # fmt: skip
    assert approved.exit_code == 0, approved.output
    assert run(folder, "build").exit_code == 0
    public = sqlite3.connect(folder / "claimdesk.db")
    row = public.execute(
        "select series_id, series_release, source_time, source_value from verdicts "
        "where claim_id = ?",
        (claim,),
    ).fetchone()
    assert row == ("sg-container-throughput", "2023-05-15", "2023-04", 3256181)


def desk_verify(folder: Path, claim: str, **fields: str) -> None:
    """A verification as the desk records one: the form's fields, through record_event."""
    from claimdesk.review.actions import build_event
    from claimdesk.review.record import record

    form = {"verdict": "correct", "explanations": ["與新加坡海事及港務管理局的數據相符。"],
            "evidence_quote": "April 2023", **fields}  # fmt: skip
    record(folder / "claims", claim, lambda item: build_event("verify", item, form, "amy"))


CELL = {
    "series_id": "sg-container-throughput",
    "series_release": "2023-05-15",
    "series_period": "2023-04",
    "evidence_url": SG_MAY.url,
    "source_value": "3256181",
    "source_unit": "TEU",
    "source_time": "2023-04",
}


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"source_value": "3264669"}, "the evidence must be that cell's"),
        ({"evidence_url": SG_JUNE.url}, "the evidence must be that cell's"),
        ({"source_time": "2023-05"}, "the evidence must be that cell's"),
        ({"series_release": "2023-01-01"}, "has no such release"),
        ({"series_period": "2031-01"}, "has this period"),
        ({"series_release": ""}, "give the series, the release and the period together"),
        ({"series_release": "June"}, "series_cell"),
    ],
)
def test_a_cell_the_evidence_does_not_match_is_refused(
    project: tuple[Path, str], changed: dict[str, str], message: str
) -> None:
    folder, claim = project
    log = folder / "claims" / "sg-port" / "reviews.jsonl"
    before = log.read_text()
    with pytest.raises(ReviewError) as refused:
        desk_verify(folder, claim, **{**CELL, **changed})
    assert message in str(refused.value)
    assert refused.value.field == "series_cell"
    assert log.read_text() == before


def test_the_desk_records_a_matching_cell(project: tuple[Path, str]) -> None:
    folder, claim = project
    desk_verify(folder, claim, **CELL)
    assert last_event(folder)["series_cell"] == {
        "series": "sg-container-throughput", "release": "2023-05-15", "period": "2023-04",
    }  # fmt: skip


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


def test_reusing_a_series_check_reuses_its_cell() -> None:
    from claimdesk.database.earlier import EarlierCheck, reuse_fields

    check = EarlierCheck(
        verdict_id="0190f3a0-0000-7000-8000-000000000000", claim_id="c0123456789abcdef",
        claim_text="326萬標準箱", article_id="sg-port", article_title="港口",
        article_published=None, verdict="correct", evidence_url=SG_MAY.url,
        evidence_quote="April 2023", source_text="3256181", source_value=3256181,
        source_unit="TEU", source_time="2023-04", series_id="sg-container-throughput",
        series_release="2023-05-15", verified_by="amy", approved_by="ben",
        published_at="2026-12-01T00:00:00+00:00",
    )  # fmt: skip
    filled = reuse_fields(check)
    assert {name: filled[name] for name in ("series_id", "series_release", "series_period")} == {
        "series_id": "sg-container-throughput", "series_release": "2023-05-15",
        "series_period": "2023-04",
    }  # fmt: skip
    typed = reuse_fields(dataclasses.replace(check, series_id=None, series_release=None))
    assert not {"series_id", "series_release", "series_period"} & typed.keys()
