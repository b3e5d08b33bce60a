"""When a later release revises the series cell a published verdict rests on, the claim goes
back to the desk as "source revised" (database/revisions.py), on the real data.gov.sg releases:
the rows are derived from the verdicts and the series tables, by a build and a desk write alike,
and the public verdict stays until two editors publish a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimdesk.database.build import build
from revision_fixtures import (
    REVISED_TEXT,
    SERIES,
    SLUG,
    STEADY_TEXT,
    UNREVISED_TEXT,
    cli_run,
    import_release,
    newsroom,
    revise,
    revisions,
    verify_cell,
)
from series_fixtures import SG_JUNE
from test_guard import assert_equals_a_fresh_build


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return tmp_path, newsroom(tmp_path)


def one(project: Path, sql: str, *params: str) -> tuple[object, ...]:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        row = connection.execute(sql, params).fetchone()
    finally:
        connection.close()
    assert row is not None, sql
    return tuple(row)


def test_a_revision_that_changes_the_suggestion_sends_the_claim_back(
    project: tuple[Path, dict[str, str]],
) -> None:
    folder, claims = project
    assert revisions(folder) == []  # published on the May release: nothing revised it yet
    revise(folder)
    [row] = revisions(folder)
    assert {name: row[name] for name in row if name != "verdict_id"} == {
        "claim_id": claims[REVISED_TEXT],
        "article_id": SLUG,
        "series_id": SERIES,
        "period": "2023-04",
        "rested_release": "2023-05-15",
        "rested_value": 3256181,
        "revised_release": "2023-06-14",
        "revised_on": "2023-06-14",
        "revised_value": 3264669,
        "unit": "TEU",
        "suggested_before": "correct",
        "suggested_after": "mostly_correct",
        "within_before": 1,
        "within_after": 0,
    }
    # The row names the claim's current verdict, which stays published as it was.
    assert one(folder, "select id, verdict from verdicts where claim_id = ?", row["claim_id"]) == (
        row["verdict_id"],
        "correct",
    )
    assert one(folder, "select status, verdict from claims where id = ?", row["claim_id"]) == (
        "published",
        "correct",
    )
    assert_equals_a_fresh_build(folder)


def test_no_change_no_alert(project: tuple[Path, dict[str, str]]) -> None:
    """326萬 covers both April values: June revised the cell its verdict rests on, and the
    suggestion and the precision are the same with either value."""
    folder, claims = project
    revise(folder)
    steady = claims[STEADY_TEXT]
    assert one(
        folder,
        "select v.series_release, v.source_value, c.value from verdicts v join series_cells c "
        "on c.series_id = v.series_id and c.period = v.source_time and c.release = '2023-06-14' "
        "where v.claim_id = ?",
        steady,
    ) == ("2023-05-15", 3256181, 3264669)
    assert steady not in {row["claim_id"] for row in revisions(folder)}


def test_a_revision_no_verdict_rests_on_is_no_row(
    project: tuple[Path, dict[str, str]],
) -> None:
    folder, claims = project
    revise(folder)
    # June revised March too, and left February as it was: no verdict rests on March, and the
    # one resting on February's cell stands.
    assert one(
        folder,
        "select group_concat(period) from series_cells where release = '2023-06-14' and revised",
    ) == ("2023-03,2023-04",)
    assert {row["period"] for row in revisions(folder)} == {"2023-04"}
    assert claims[UNREVISED_TEXT] not in {row["claim_id"] for row in revisions(folder)}


def test_a_verdict_on_the_latest_release_is_no_row(tmp_path: Path) -> None:
    """Verified against June's cell in the first place: nothing later revised it."""
    claims = newsroom(tmp_path)
    revise(tmp_path)
    verify_cell(tmp_path, claims[REVISED_TEXT], "2023-04", release="2023-05-15")
    assert [row["claim_id"] for row in revisions(tmp_path)] == [claims[REVISED_TEXT]]
    verify_cell(tmp_path, claims[REVISED_TEXT], "2023-04")  # the latest: June's
    assert revisions(tmp_path) == []


def test_a_new_verdict_on_the_revised_release_clears_it(
    project: tuple[Path, dict[str, str]],
) -> None:
    """Editors verify again against the new release and a second approves: the desk write
    itself derives the row away, with no build, as a fresh build would."""
    folder, claims = project
    revise(folder)
    claim = claims[REVISED_TEXT]
    # Work on the claim meanwhile leaves the row as it is: the verdict is still the May one.
    cli_run(folder, "assign", claim)
    output = cli_run(folder, "verify", claim, "--verdict", "mostly_correct", "--series", SERIES,
                     "--period", "2023-04", "--explanation", "6月修正後的數據略高。")  # fmt: skip
    assert "suggested verdict: mostly_correct" in output
    assert [row["claim_id"] for row in revisions(folder)] == [claim]
    assert_equals_a_fresh_build(folder)
    cli_run(folder, "approve", claim, editor="ben")
    assert revisions(folder) == []
    assert one(
        folder,
        "select verdict, series_release, evidence_url from verdicts "
        "where claim_id = ? and superseded_at is null",
        claim,
    ) == ("mostly_correct", "2023-06-14", SG_JUNE.url)
    assert_equals_a_fresh_build(folder)


def test_any_new_published_verdict_clears_it(project: tuple[Path, dict[str, str]]) -> None:
    folder, claims = project
    revise(folder)
    claim = claims[REVISED_TEXT]
    cli_run(folder, "verify", claim, "--verdict", "outdated", "--evidence-url",
            "https://www.mpa.gov.sg/", "--evidence-quote", "revised", "--source-value", "3264669",
            "--explanation", "數據已修正。")  # fmt: skip
    cli_run(folder, "approve", claim, editor="ben")
    assert revisions(folder) == []
    assert_equals_a_fresh_build(folder)


def test_a_release_removed_again_takes_its_rows_away(
    project: tuple[Path, dict[str, str]],
) -> None:
    """The rows follow the series files both ways: an incremental build after the June
    release's file is deleted derives them all again."""
    folder, _ = project
    revise(folder)
    assert revisions(folder)
    (folder / "claims" / "series" / SERIES / "releases" / "2023-06-14.yml").unlink()
    report = build(folder / "claims", folder / "claimdesk.db")
    assert not report.fresh
    assert revisions(folder) == []
    assert_equals_a_fresh_build(folder)


def test_the_build_counts_the_series_and_the_revised_sources(
    project: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`claimdesk build` names the series and the revised sources once there are any, and a
    newsroom with neither is not told so at every build."""
    folder, _ = project
    assert ", 1 series (0 articles written)" in cli_run(folder, "build")
    import_release(folder, SG_JUNE)
    assert ", 1 series, 1 source revisions (0 articles written)" in cli_run(folder, "build")
    empty = tmp_path_factory.mktemp("newsroom")
    (empty / "claims").mkdir()
    built = cli_run(empty, "build")
    assert "0 checks (afresh)" in built and "series" not in built
