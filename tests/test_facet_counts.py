"""Datasette's facets on the whole claims table come from the counts the database keeps
(issue 16: `/claimdesk/claims?_facet=status` at a million claims), and say exactly what
Datasette's own count would."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from claimdesk.database.build import build
from claimdesk.vocabulary import COUNTED_FACETS
from conftest import ROOT, load_yaml
from test_guard import VERIFY, assert_facet_counts_hold, claim_where, run

SEED = ROOT / "claims"
FACETS = "&".join(f"_facet={facet}" for facet in COUNTED_FACETS)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed with two published verdicts, so that every counted column has values."""
    project = tmp_path_factory.mktemp("facets")
    shutil.copytree(SEED, project / "claims")
    build(project / "claims", project / "claimdesk.db")
    for verdict in ("correct", "incorrect"):
        claim = claim_where(project, "status = 'unverified' and kind = 'money'")
        run(project, "verify", claim, "--verdict", verdict, *VERIFY, "--source-value", "1")
        run(project, "approve", claim, editor="ben")
    return project / "claimdesk.db"


@pytest.fixture
async def seed_site(seed_db: Path) -> Datasette:
    db = seed_db
    site = Datasette(
        [str(db)],
        metadata=load_yaml("metadata.yml"),
        config=load_yaml("datasette.yaml"),
        settings={"trace_debug": True},
    )
    await site.invoke_startup()
    return site


async def _facets(site: Datasette, query: str) -> dict[str, Any]:
    response = await site.client.get(f"/claimdesk/claims.json?{query}&_extra=facet_results")
    assert response.status_code == 200, response.text
    results: dict[str, Any] = response.json()["facet_results"]["results"]
    return results


def _without_urls(facet: dict[str, Any]) -> dict[str, Any]:
    # The toggle URLs carry the query string they were asked with; all else must be equal.
    return {
        **{k: v for k, v in facet.items() if k != "toggle_url"},
        "results": [{k: v for k, v in r.items() if k != "toggle_url"} for r in facet["results"]],
    }


async def test_kept_counts_answer_as_datasette_counts(seed_site: Datasette) -> None:
    kept = await _facets(seed_site, FACETS)
    # A filter every claim passes makes Datasette count the claims itself.
    counted = await _facets(seed_site, FACETS + "&id__notblank=1")
    assert set(kept) == set(COUNTED_FACETS)
    for facet in COUNTED_FACETS:
        assert kept[facet]["results"], facet  # the seed has a value of each
        assert _without_urls(kept[facet]) == _without_urls(counted[facet]), facet
    # Labels of foreign keys are expanded as Datasette's facet does (a source's name).
    assert any(r["label"] != r["value"] for r in kept["source_id"]["results"])


async def _statements(site: Datasette, query: str) -> list[str]:
    response = await site.client.get(f"/claimdesk/claims.json?{query}&_trace=1")
    assert response.status_code == 200, response.text
    return [t["sql"].lower() for t in response.json()["_trace"]["traces"] if "sql" in t]


async def test_the_whole_table_is_not_counted_on_request(seed_site: Datasette) -> None:
    statements = await _statements(seed_site, FACETS)
    assert not [sql for sql in statements if "group by" in sql]
    assert [sql for sql in statements if "claim_facets" in sql]
    # Filtered, Datasette counts as before.
    statements = await _statements(seed_site, "_facet=status&kind=money")
    assert [sql for sql in statements if "group by" in sql and "claim_facets" not in sql]


async def test_a_small_facet_size_marks_the_facet_truncated(seed_site: Datasette) -> None:
    kept = await _facets(seed_site, "_facet=unit&_facet_size=2")
    counted = await _facets(seed_site, "_facet=unit&_facet_size=2&id__notblank=1")
    assert kept["unit"]["truncated"] is True
    assert _without_urls(kept["unit"]) == _without_urls(counted["unit"])


async def test_other_columns_are_counted_by_datasette(seed_site: Datasette) -> None:
    kept = await _facets(seed_site, "_facet=status&_facet=time")
    assert set(kept) == {"status", "time"}
    assert kept["time"]["results"]


async def test_a_selected_value_toggles_off(seed_site: Datasette) -> None:
    kept = await _facets(seed_site, "_facet=kind")
    money = next(r for r in kept["kind"]["results"] if r["value"] == "money")
    assert "kind=money" in money["toggle_url"] and money["selected"] is False


def test_counts_follow_deleted_and_updated_claims(tmp_path: Path) -> None:
    db = tmp_path / "claimdesk.db"
    build(SEED, db)
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("pragma foreign_keys = off")
        one = connection.execute("select id from claims where unit = '%' limit 1").fetchone()[0]
        assert_facet_counts_hold(db)
        connection.execute("update claims set unit = 'x-new-unit' where id = ?", [one])
        assert connection.execute(
            "select claims from claim_facets where facet = 'unit' and value = 'x-new-unit'"
        ).fetchone() == (1,)
        connection.execute("delete from claims where id = ?", [one])
        assert connection.execute(
            "select count(*) from claim_facets where value = 'x-new-unit'"
        ).fetchone() == (0,)
        connection.execute("delete from claims")
        assert connection.execute("select count(*) from claim_facets").fetchone() == (0,)
    finally:
        connection.close()
    assert_facet_counts_hold(db)
