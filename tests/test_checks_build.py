"""The checks in claimdesk.db and from `claimdesk check`: built from real claims/ folders into a
real SQLite file, re-checking only what changed, and served by a real Datasette."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimdesk.checks.article import check_article
from claimdesk.checks.figures import ArticleFigures
from claimdesk.cli.main import cli
from claimdesk.database import derive as store
from claimdesk.database.build import build
from conftest import ROOT, make_datasette, user_tables

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
SEED = ROOT / "claims" / "ai-chips-nvidia-biren"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"CLAIMDESK_EDITOR": "amy"})


def add(claims_dir: Path, name: str) -> None:
    slug = name.removesuffix(".txt").replace("_", "-")
    result = run("add", str(FIXTURES / name), "--slug", slug, "--claims-dir", str(claims_dir))
    assert result.exit_code == 0, result.output


def rows(db_path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "select id, claim_id, article_id, kind, result, computation, explanation_en, "
            "explanation_zh_hant, explanation_zh_hans, related from checks order by id"
        ).fetchall()
    finally:
        connection.close()


def query(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    claims_dir = tmp_path / "claims"
    shutil.copytree(SEED, claims_dir / SEED.name)
    return claims_dir


@pytest.fixture
def three_articles(tmp_path: Path) -> Path:
    """Two reports that state one quantity differently (378.8万辆 and 387.8萬輛), and a third."""
    claims_dir = tmp_path / "claims"
    for name in ("ev_sales_zh_hans.txt", "ev_output_zh_hant.txt", "tax_revenue_zh_hant.txt"):
        add(claims_dir, name)
    return claims_dir


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the articles the build checks, in order, as it checks them."""
    checked: list[str] = []
    real: Callable[[ArticleFigures], Any] = check_article

    def counting(article: ArticleFigures) -> Any:
        checked.append(article.slug)
        return real(article)

    monkeypatch.setattr(store, "check_article", counting)
    return checked


def test_build_writes_the_seeds_checks(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    found = query(
        db_path,
        "select claims.text, checks.kind, result from checks join claims on claims.id = claim_id "
        "order by claims.position",
    )
    assert found == [
        ("2.8倍", "multiple", "warning"),
        ("15%", "shares_total", "ok"),
        ("184億元", "derived", "warning"),
    ]


def test_every_check_links_every_claim_it_relates(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    linked = query(
        db_path,
        "select claims.text from check_claims join checks on checks.id = check_id "
        "join claims on claims.id = check_claims.claim_id where checks.kind = 'multiple' "
        "order by claims.position",
    )
    assert linked == [("175億美元",), ("490億美元",), ("2.8倍",)]
    for check_id, related in query(db_path, "select id, related from checks"):
        links = query(db_path, f"select claim_id from check_claims where check_id = '{check_id}'")
        assert sorted(claim for (claim,) in links) == sorted(json.loads(related))


def test_checks_are_indexed_by_claim(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    indexes = {
        name for (name,) in query(db_path, "select name from sqlite_master where type = 'index'")
    }
    assert {"checks_claim_id", "check_claims_claim_id"} <= indexes


def test_checks_table_keeps_its_vocabulary(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("update checks set result = 'fine'")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("update checks set kind = 'vibes'")
    finally:
        connection.close()


def test_simplified_explanation_is_the_traditional_one_folded(
    seed_dir: Path, db_path: Path
) -> None:
    build(seed_dir, db_path)
    ((hant, hans),) = query(
        db_path,
        "select explanation_zh_hant, explanation_zh_hans from checks where kind = 'derived'",
    )
    assert "捨去尾數" in hant and "舍去尾数" in hans


def test_a_dismissed_claim_is_not_checked(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    (claim_id,) = query(db_path, "select id from claims where text = '184億元'")[0]
    result = run(
        "dismiss", claim_id, "--reason", "an estimate, not a claim", "--claims-dir", str(seed_dir)
    )
    assert result.exit_code == 0, result.output
    build(seed_dir, db_path)
    assert query(db_path, "select kind from checks where kind = 'derived'") == []


def test_a_second_build_of_unchanged_articles_checks_nothing_again(
    three_articles: Path, db_path: Path, counted: list[str]
) -> None:
    build(three_articles, db_path)
    assert sorted(counted) == ["ev-output-zh-hant", "ev-sales-zh-hans", "tax-revenue-zh-hant"]
    first = rows(db_path)
    counted.clear()
    build(three_articles, db_path)
    assert counted == []
    assert rows(db_path) == first


def test_a_conflict_between_articles_links_both_claims(three_articles: Path, db_path: Path) -> None:
    build(three_articles, db_path)
    conflicts = query(
        db_path,
        "select claims.text, checks.result, checks.related from checks "
        "join claims on claims.id = checks.claim_id where checks.kind = 'conflict' "
        "order by claims.text",
    )
    assert [(text, result) for text, result, _ in conflicts] == [
        ("378.8万辆", "warning"),
        ("387.8萬輛", "warning"),
    ]
    (ids_a, ids_b) = (json.loads(related) for _, _, related in conflicts)
    assert ids_a == list(reversed(ids_b))


def test_a_changed_article_is_checked_again_with_the_conflicts_it_touches(
    three_articles: Path, db_path: Path, counted: list[str]
) -> None:
    build(three_articles, db_path)
    (claim_id,) = query(db_path, "select id from claims where text = '387.8萬輛'")[0]
    result = run(
        "correct", claim_id, "--field", "value", "--to", "3788000",
        "--reason", "協會公布的產量為378.8萬輛", "--claims-dir", str(three_articles),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    counted.clear()
    build(three_articles, db_path)
    assert counted == ["ev-output-zh-hant"]
    conflicts = query(db_path, "select result from checks where kind = 'conflict'")
    assert conflicts == [("ok",), ("ok",)]
    incremental = rows(db_path)
    db_path.unlink()
    build(three_articles, db_path)
    assert rows(db_path) == incremental


def test_a_removed_article_takes_its_conflicts_with_it(
    three_articles: Path, db_path: Path, counted: list[str]
) -> None:
    build(three_articles, db_path)
    shutil.rmtree(three_articles / "ev-output-zh-hant")
    counted.clear()
    build(three_articles, db_path)
    assert counted == []
    assert query(db_path, "select count(*) from checks where kind = 'conflict'") == [(0,)]


def test_a_database_from_before_the_checks_is_no_cache(seed_dir: Path, db_path: Path) -> None:
    db_path.write_bytes(b"not a database")
    build(seed_dir, db_path)
    assert len(rows(db_path)) == 3


async def test_datasette_serves_checks_with_facets(seed_dir: Path, db_path: Path) -> None:
    build(seed_dir, db_path)
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    response = await datasette.client.get(
        "/claimdesk/checks.json?result=warning&_extra=facet_results"
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["rows"]) == 2
    assert {"result", "kind", "article_id"} <= set(body["facet_results"]["results"])


@pytest.mark.parametrize("database", ["claimdesk", "reviews"])
def test_metadata_describes_every_table_and_column(
    seed_dir: Path, db_path: Path, database: str
) -> None:
    import yaml

    build(seed_dir, db_path)
    described = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))["databases"][database]
    path = db_path if database == "claimdesk" else db_path.with_name("reviews.db")
    connection = sqlite3.connect(path)
    try:
        for table in user_tables(connection, virtual=False):
            assert described["tables"][table]["description"], table
            columns = {row[1] for row in connection.execute(f'pragma table_info("{table}")')}
            assert columns <= set(described["tables"][table]["columns"]), table
    finally:
        connection.close()


# --- claimdesk check ------------------------------------------------------------------------


def test_check_prints_a_table(seed_dir: Path) -> None:
    result = run("check", "--claims-dir", str(seed_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["claim_id", "article", "kind", "result", "text", "computation"]
    assert "multiple" in lines[1] and "warning" in lines[1] and "2.8倍" in lines[1]


def test_check_prints_json_with_explanations(seed_dir: Path) -> None:
    result = run("check", "--format", "json", "--claims-dir", str(seed_dir))
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)["checks"]
    assert [(c["kind"], c["result"]) for c in checks] == [
        ("multiple", "warning"),
        ("shares_total", "ok"),
        ("derived", "warning"),
    ]
    assert all(c["explanation_en"] and c["explanation_zh_hant"] for c in checks)


def test_check_of_one_article_keeps_its_conflicts_with_others(three_articles: Path) -> None:
    result = run(
        "check", "ev-output-zh-hant", "--format", "json", "--claims-dir", str(three_articles)
    )
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)["checks"]
    assert [(c["article"], c["kind"], c["text"]) for c in checks] == [
        ("ev-output-zh-hant", "conflict", "387.8萬輛")
    ]


def test_check_matches_the_build(three_articles: Path, db_path: Path) -> None:
    build(three_articles, db_path)
    result = run("check", "--format", "json", "--claims-dir", str(three_articles))
    printed = {(c["id"], c["result"]) for c in json.loads(result.output)["checks"]}
    assert printed == {(row[0], row[4]) for row in rows(db_path)}


def test_check_of_an_unknown_article_is_an_error(seed_dir: Path) -> None:
    result = run("check", "no-such-article", "--claims-dir", str(seed_dir))
    assert result.exit_code == 1
    assert "no article 'no-such-article'" in result.output
