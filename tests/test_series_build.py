"""Series in claimdesk.db: the build derives series, series_releases and series_cells whole
from claims/series/, in its own transaction; an incremental build leaves what a fresh one
makes; a bad series file is named and the rest is published."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database.build import build, needs_build
from series_fixtures import SG_JUNE, SG_MAY, TW_CPI, Published
from test_checks_build import query
from test_guard import assert_equals_a_fresh_build


def import_release(published: Published, claims_dir: Path) -> None:
    result = CliRunner().invoke(cli, published.import_args(claims_dir))
    assert result.exit_code == 0, result.output


@pytest.fixture
def project(tmp_path: Path, claims_dir: Path) -> Path:
    """The hand-written article, and the Singapore series in its first release."""
    import_release(SG_MAY, claims_dir)
    build(claims_dir, tmp_path / "claimdesk.db")
    return tmp_path


def test_the_build_publishes_series_releases_and_cells(project: Path) -> None:
    db = project / "claimdesk.db"
    assert query(db, "select id, kind, unit, frequency, releases, latest_release from series") == [
        ("sg-container-throughput", "quantity", "TEU", "monthly", 1, "2023-05-15")
    ]
    assert query(db, "select release, position, released, cells, revised from series_releases") == [
        ("2023-05-15", 1, "2023-05-15", 340, 0)
    ]
    assert query(db, "select value, new, revised from series_cells where period = '2023-04'") == [
        (3256181, 1, 0)
    ]
    # The folder of series is no article.
    assert query(db, "select id from articles") == [("idc-market",)]


def test_a_new_release_marks_what_it_revised(project: Path) -> None:
    claims, db = project / "claims", project / "claimdesk.db"
    import_release(SG_JUNE, claims)
    assert needs_build(claims, db) == "claims/series/ changed"
    report = build(claims, db)
    assert not report.fresh and report.written == []
    assert needs_build(claims, db) is None
    assert query(db, "select release, position, cells, revised from series_releases") == [
        ("2023-05-15", 1, 340, 0),
        ("2023-06-14", 2, 341, 2),
    ]
    assert query(
        db,
        "select period, value, previous_value from series_cells "
        "where release = '2023-06-14' and revised = 1 order by period",
    ) == [("2023-03", 3335461.75, 3326790.75), ("2023-04", 3264669, 3256181)]
    assert query(
        db, "select count(*) from series_cells where release = '2023-06-14' and new = 1"
    ) == [
        (1,)  # 2023-05
    ]
    assert_equals_a_fresh_build(project)


def test_a_changed_series_file_is_derived_again_and_a_removed_one_goes(project: Path) -> None:
    claims, db = project / "claims", project / "claimdesk.db"
    import_release(TW_CPI, claims)
    build(claims, db)
    assert query(db, "select id from series order by id") == [
        ("sg-container-throughput",),
        ("tw-cpi",),
    ]
    shutil.rmtree(claims / "series" / "tw-cpi")
    build(claims, db)
    assert query(db, "select id from series") == [("sg-container-throughput",)]
    assert query(db, "select count(*) from series_cells where series_id = 'tw-cpi'") == [(0,)]
    assert_equals_a_fresh_build(project)


def test_a_bad_release_file_is_named_and_the_rest_is_published(project: Path) -> None:
    claims, db = project / "claims", project / "claimdesk.db"
    import_release(SG_JUNE, claims)
    import_release(TW_CPI, claims)
    bad = claims / "series" / "sg-container-throughput" / "releases" / "2023-06-14.yml"
    bad.write_text(bad.read_text().replace('"2023-05": 3409698', '"2023-5": 3409698'))
    report = build(claims, db)
    [problem] = report.problems
    assert problem.startswith(f"{bad}:")
    assert "cells: 期間 '2023-5' 不合monthly格式" in problem
    assert "(release left out · 此版本未發布)" in problem
    assert query(db, "select series_id, release from series_releases order by 1, 2") == [
        ("sg-container-throughput", "2023-05-15"),
        ("tw-cpi", "2024-11-13"),
    ]
    # Named again by the next build, as an article that does not load is.
    assert build(claims, db).problems == [problem]
    assert_equals_a_fresh_build(project)


def test_a_bad_series_file_leaves_its_series_out(project: Path) -> None:
    claims, db = project / "claims", project / "claimdesk.db"
    import_release(TW_CPI, claims)
    info = claims / "series" / "tw-cpi" / "series.yml"
    info.write_text(info.read_text().replace("frequency: monthly", "frequency: fortnightly"))
    report = build(claims, db)
    [problem] = report.problems
    assert problem.startswith(f"{info}:7: frequency: Input should be 'annual'")
    assert query(db, "select id from series") == [("sg-container-throughput",)]


def test_the_database_refuses_a_frequency_outside_the_vocabulary(project: Path) -> None:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("update series set frequency = 'fortnightly'")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("update series_releases set url = 'javascript:alert(1)'")
    finally:
        connection.close()


def test_a_full_build_and_an_unchanged_one_agree(project: Path) -> None:
    claims, db = project / "claims", project / "claimdesk.db"
    import_release(SG_JUNE, claims)
    build(claims, db, full=True)
    before = query(db, "select * from series_cells order by 1, 2, 3")
    assert build(claims, db).written == []
    assert query(db, "select * from series_cells order by 1, 2, 3") == before
    assert_equals_a_fresh_build(project)
