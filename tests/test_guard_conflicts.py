"""The guard of incremental conflicts: a quantity stated by more articles than its first
statements (checks/conflicts.py, FIRST_STATEMENTS), where a write derives again only its own
figures' conflicts when it is not among them. Whatever is changed, added or removed (among the
first statements, after them, or moving from one to the other), and however many at once,
an incremental build and a desk write leave what a fresh build makes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdesk.checks.conflicts import FIRST_STATEMENTS
from claimdesk.cli.main import cli
from claimdesk.database.build import FileIndex, build
from claimdesk.database.derive import derive_article
from claimdesk.database.write import Touched, connect, transaction, write_public
from claimdesk.files.store import load_folder
from test_guard import assert_equals_a_fresh_build, run

ARTICLES = FIRST_STATEMENTS + 9
# One quantity (the same source, subject, unit and period) in every article; the values
# disagree now and then, so there are conflicts as well as agreements.
TEXT = "中国汽车工业协会12日发布数据，2023年上半年，我国新能源汽车产量为{value}万辆。\n"


def _value(n: int) -> str:
    # The first statements agree; some after them do not.
    return "387.8" if n >= FIRST_STATEMENTS and n % 4 == 0 else "378.8"


def _add(claims: Path, slug: str, value: str) -> None:
    """Add an article stating the quantity with this value (or, not a figure, this text)."""
    source = claims.parent / "incoming" / f"{slug}.txt"
    source.parent.mkdir(exist_ok=True)
    text = TEXT.format(value=value) if value[0].isdigit() else value + "\n"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["add", str(source), "--slug", slug, "--claims-dir", str(claims), "--db",
         str(claims.parent / "claimdesk.db")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def _edit(claims: Path, slug: str, value: str) -> None:
    """Change the article's figure in its text and its claims.yml, as an editor's commit would
    (the claim keeps its id)."""
    folder = claims / slug
    for name in ("article.txt", "claims.yml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old in ("387.8", "378.8", "399.9"):
            text = text.replace(old, value)
        if name == "claims.yml":
            number = str(round(float(value) * 10_000))
            for old in ("3878000", "3788000", "3999000"):
                text = text.replace(f"value: {old}", f"value: {number}")
        path.write_text(text, encoding="utf-8")


def _slug(n: int) -> str:
    return f"ev-{n:03d}"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("many")
    claims = project / "claims"
    claims.mkdir()
    for n in range(ARTICLES):  # even numbers: room to add between and before
        _add(claims, _existing(n), _value(n))
    build(claims, project / "claimdesk.db")
    return project


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(template, copy)
    build(copy / "claims", copy / "claimdesk.db", full=True)
    return copy


def _conflicts(project: Path) -> dict[str, int]:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        return dict(
            connection.execute(
                "select result, count(*) from checks where kind = 'conflict' group by result"
            )
        )
    finally:
        connection.close()


def test_the_quantity_is_stated_by_more_articles_than_its_first_statements(
    project: Path,
) -> None:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        (largest,) = connection.execute(
            "select count(distinct article_id) from check_quantities "
            "group by quantity order by 1 desc limit 1"
        ).fetchone()
    finally:
        connection.close()
    assert largest == ARTICLES > FIRST_STATEMENTS
    found = _conflicts(project)
    assert found.get("warning", 0) > 0 and found.get("ok", 0) > 0


# Positions in the order of the articles: among the first statements, the last of them, the
# first after them, and the last article.
FIRST, LAST_FIRST, AFTER, LAST = 0, FIRST_STATEMENTS - 1, FIRST_STATEMENTS, ARTICLES - 1


def _existing(n: int) -> str:
    return _slug(2 * n + 10)


@pytest.mark.parametrize("position", [FIRST, LAST_FIRST, AFTER, LAST])
def test_a_changed_figure_anywhere(project: Path, position: int) -> None:
    _edit(project / "claims", _existing(position), "399.9")
    assert build(project / "claims", project / "claimdesk.db").written == [_existing(position)]
    assert_equals_a_fresh_build(project)


@pytest.mark.parametrize("position", [FIRST, LAST_FIRST, AFTER, LAST])
def test_a_removed_article_anywhere(project: Path, position: int) -> None:
    shutil.rmtree(project / "claims" / _existing(position))
    assert build(project / "claims", project / "claimdesk.db").removed == [_existing(position)]
    assert_equals_a_fresh_build(project)


@pytest.mark.parametrize("slug", ["ev-000", _slug(2 * LAST_FIRST + 9), _slug(2 * AFTER + 11)])
def test_an_added_article_before_among_or_after_the_first(project: Path, slug: str) -> None:
    """ev-000 sorts first and pushes the last first statement out; the second sorts just
    before the last first statement; the third comes after them."""
    _add(project / "claims", slug, "399.9")
    assert build(project / "claims", project / "claimdesk.db").written == [slug]
    assert_equals_a_fresh_build(project)


def test_a_desk_action_on_an_article_after_the_first(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The files were built a moment ago: trusted at once, as they would be a few seconds
    # later, so the action writes the databases in place (not "after the next build").
    monkeypatch.setattr(FileIndex, "SETTLE_NS", 0)
    build(project / "claims", project / "claimdesk.db", full=True)
    claim = _first_claim(project, _existing(LAST))
    assert "after the next" not in run(project, "dismiss", claim, "--reason", "重複")
    assert_equals_a_fresh_build(project)
    run(project, "restore", claim)
    assert_equals_a_fresh_build(project)


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["edit", "remove", "add"]),
            st.integers(min_value=0, max_value=ARTICLES - 1),
            st.sampled_from(["387.8", "378.8", "399.9"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_changes_at_once_leave_what_a_fresh_build_makes(
    template: Path, tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, int, str]]
) -> None:
    """Several articles changed, removed and added before one build, as a `git pull` brings."""
    project = tmp_path_factory.mktemp("pull")
    shutil.copytree(template, project, dirs_exist_ok=True)
    build(project / "claims", project / "claimdesk.db", full=True)
    claims = project / "claims"
    incoming: dict[str, str] = {}
    for action, n, value in changes:
        slug = _existing(n)
        if action == "add":
            # An odd number sorts between two existing articles; the folder appears before the
            # build, as a pulled one does.
            incoming[_slug(2 * n + 9)] = value
        elif (claims / slug).exists():
            if action == "edit":
                _edit(claims, slug, value)
            else:
                shutil.rmtree(claims / slug)
    staging = project / "staging"
    (staging / "claims").mkdir(parents=True)
    for slug, value in incoming.items():
        _add(staging / "claims", slug, value)
        shutil.move(staging / "claims" / slug, claims / slug)
    build(claims, project / "claimdesk.db")
    assert_equals_a_fresh_build(project)


def _rewrite(project: Path, slug: str) -> Touched:
    """Write the article's rows again as a build would, and say what that touched."""
    stored, digest = load_folder(project / "claims" / slug)
    touched = Touched()
    connection = connect(project / "claimdesk.db")
    try:
        with transaction(connection):
            write_public(connection, derive_article(stored, digest), touched)
    finally:
        connection.close()
    return touched


def test_a_write_that_changes_no_figure_compares_nothing_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An assignment or an unchanged article leaves what the shared rows are derived from as
    it was: a quantity's statements are not compared again for it, among the first or not."""
    monkeypatch.setattr(FileIndex, "SETTLE_NS", 0)
    build(project / "claims", project / "claimdesk.db", full=True)
    assert "after the next" not in run(project, "assign", _first_claim(project, _existing(FIRST)))
    for position in (FIRST, LAST):
        touched = _rewrite(project, _existing(position))
        assert (touched.quantities, touched.sources, touched.whole) == ({}, set(), set())


def test_a_changed_figure_is_compared_again_with_the_first_statements_only(
    project: Path,
) -> None:
    for position, whole in ((FIRST, True), (LAST, False)):
        _edit(project / "claims", _existing(position), "399.9")
        touched = _rewrite(project, _existing(position))
        assert list(touched.quantities.values()) == [{_existing(position)}]
        assert bool(touched.whole) is whole


def _first_claim(project: Path, slug: str) -> str:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        (claim,) = connection.execute(
            "select id from claims where article_id = ? order by position", [slug]
        ).fetchone()
    finally:
        connection.close()
    return str(claim)


def test_a_change_that_touches_no_source_or_quantity_still_counts_right(project: Path) -> None:
    """The totals over every article (status_counts) change with any article's rows: an article
    that names no source and states no quantity other articles state, added then removed."""
    claims = project / "claims"
    _add(claims, "zz-unsourced", "今年全国共有3000家企业参加展会。")
    assert build(claims, project / "claimdesk.db").written == ["zz-unsourced"]
    assert_equals_a_fresh_build(project)
    shutil.rmtree(claims / "zz-unsourced")
    assert build(claims, project / "claimdesk.db").removed == ["zz-unsourced"]
    assert_equals_a_fresh_build(project)


@pytest.mark.parametrize("part", [1, 2, 5])
def test_a_group_derived_a_part_at_a_time_is_the_group_derived_whole(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: int
) -> None:
    # A fresh build derives a quantity's conflicts a part of _GROUP_PART claims at a time, each
    # with the first statements: the same rows as the group at once (the template's build,
    # whose one group of 30 statements is under the default part size).
    from claimdesk.database import write

    assert ARTICLES < write._GROUP_PART
    monkeypatch.setattr(write, "_GROUP_PART", part)
    shutil.copytree(template / "claims", tmp_path / "claims")
    build(tmp_path / "claims", tmp_path / "claimdesk.db", full=True)
    tables = ("checks", "check_claims")
    for table in tables:
        rows = []
        for db in (template / "claimdesk.db", tmp_path / "claimdesk.db"):
            connection = sqlite3.connect(db)
            rows.append(sorted(connection.execute(f"select * from {table}").fetchall()))
            connection.close()
        assert rows[0] == rows[1], table
        assert rows[0], table  # there are conflicts to compare
