"""The published site, in-process through ds.client: what the public and editors see."""

from __future__ import annotations

from pathlib import Path

import pytest
from datasette.app import Datasette

from claimdesk.database.build import build
from conftest import INTERNAL_NOTE, ROOT, make_datasette
from desk_fixtures import editor, write_accounts


@pytest.fixture
async def editors_ds(
    claims_dir: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Datasette:
    """`ds` with editors' accounts: an editor's actor is honoured only with a session of an
    editor in the accounts file."""
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    build(claims_dir, db_path)
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette


async def test_claims_table_facets_when_asked(ds: Datasette) -> None:
    # None by default: each counts every claim on every request (datasette.yaml).
    response = await ds.client.get("/claimdesk/claims.json?_extra=facet_results")
    assert response.status_code == 200
    assert response.json()["facet_results"]["results"] == {}
    asked = "&".join(f"_facet={c}" for c in ("status", "verdict", "kind", "unit", "source_id"))
    response = await ds.client.get(
        f"/claimdesk/claims.json?_extra=facet_results&{asked}&_facet_array=flags"
    )
    assert response.status_code == 200
    facets = response.json()["facet_results"]["results"]
    assert {"status", "verdict", "kind", "unit", "source_id", "flags"} <= set(facets)
    assert {r["value"]: r["count"] for r in facets["status"]["results"]} == {
        "published": 1,
        "unverified": 1,
    }


async def test_claims_page_shows_sentence_and_source_name(ds: Datasette) -> None:
    html = (await ds.client.get("/claimdesk/claims")).text
    assert "據IDC統計,2021年市場規模為432億元" in html
    assert '<a href="/claimdesk/sources/IDC">IDC</a>' in html
    # the article is shown by its title, not its bare id
    assert "AI芯片市場" in html


async def test_claims_are_sorted_by_article_by_default(ds: Datasette) -> None:
    # By article through an index (sorting every claim by position does not scale); rows
    # are inserted in position order, so the row order alone would pass without the setting:
    # check that Datasette says which sort it applied.
    html = (await ds.client.get("/claimdesk/claims")).text
    assert "2 rows sorted by article_id" in html


async def test_row_page_shows_the_claim(ds: Datasette) -> None:
    response = await ds.client.get("/claimdesk/claims/c0000000001")
    assert response.status_code == 200
    assert "432億元" in response.text
    assert "43200000000" in response.text


async def test_json_api_filters_by_kind(ds: Datasette) -> None:
    response = await ds.client.get("/claimdesk/claims.json?kind=percent&_shape=array")
    assert [row["text"] for row in response.json()] == ["47.2%"]


async def test_full_text_search_in_chinese(ds: Datasette) -> None:
    response = await ds.client.get("/claimdesk/claims.json?_search=市場規模&_shape=array")
    assert len(response.json()) == 2


async def test_published_verdicts_query_lists_the_approved_verdict(ds: Datasette) -> None:
    response = await ds.client.get("/claimdesk/published_verdicts.json?_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["text"], r["verdict"], r["verdict_zh"]) for r in rows] == [
        ("47.2%", "correct", "正確")
    ]
    assert rows[0]["explanation_en"] == "IDC press release, table 1: up 47.2%."


async def test_correction_log_query_answers(ds: Datasette) -> None:
    response = await ds.client.get("/claimdesk/correction_log.json?_shape=array")
    assert response.status_code == 200
    assert response.json() == []


async def test_metadata_describes_tables_and_columns(ds: Datasette) -> None:
    html = (await ds.client.get("/claimdesk/claims")).text
    assert "One row per numeric claim found in an article." in html
    assert "Character offset where the claim&#39;s text starts" in html
    index = (await ds.client.get("/")).text
    assert "CC BY 4.0" in index
    assert "Every numeric claim in the articles we track" in index


async def test_build_bookkeeping_table_is_hidden(ds: Datasette) -> None:
    tables = (await ds.client.get("/claimdesk.json")).json()["tables"]
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert "claimdesk_build" in hidden


@pytest.fixture
async def seed_ds(tmp_path: Path) -> Datasette:
    """The embedded default dataset: the seed article and its reviewed claims in claims/."""
    db = tmp_path / "claimdesk.db"
    build(ROOT / "claims", db)
    datasette = make_datasette(db)
    await datasette.invoke_startup()
    return datasette


async def test_seed_claims_are_published_with_their_sources(seed_ds: Datasette) -> None:
    response = await seed_ds.client.get(
        "/claimdesk/claims.json?_extra=facet_results,count&_facet=source_id"
    )
    body = response.json()
    assert body["count"] >= 40
    sources = {r["label"] for r in body["facet_results"]["results"]["source_id"]["results"]}
    assert {"國海證券", "IDC", "天眼查", "中商情報網", "澎湃新聞"} <= sources


async def test_seed_queue_leaves_out_what_follows_the_byline(seed_ds: Datasette) -> None:
    # The queue lives in reviews.db, which nobody may read yet (sign-in is the next step),
    # so its SQL is run here straight against the file.
    db = seed_ds.get_database("reviews")
    sql = seed_ds.config["databases"]["reviews"]["queries"]["verification_queue"]["sql"]
    queue = (await db.execute(sql)).rows
    everything = (await seed_ds.client.get("/claimdesk/claims.json?_size=max&_shape=array")).json()
    outside = [c for c in everything if "outside_body" in c["flags"]]
    assert outside
    assert len(queue) == len(everything) - len(outside)
    assert "80萬個" not in {row["text"] for row in queue}


async def test_seed_search_in_chinese_finds_the_market_size(seed_ds: Datasette) -> None:
    rows = (await seed_ds.client.get("/claimdesk/claims.json?_search=市場規模&_shape=array")).json()
    assert "432億元" in {row["text"] for row in rows}


async def test_articles_table_truncates_the_article_text(seed_ds: Datasette) -> None:
    table = (await seed_ds.client.get("/claimdesk/articles")).text
    row = (await seed_ds.client.get("/claimdesk/articles/ai-chips-nvidia-biren")).text
    ending = "上半年全球智能家居清潔機器人市場出貨"
    assert ending not in table
    assert ending in row


@pytest.mark.parametrize(
    "path",
    [
        "/reviews",
        "/reviews.json",
        "/reviews/events",
        "/reviews/events.json?_shape=array",
        "/reviews/events.csv",
        "/reviews/claim_states.json",
        "/reviews/-/query.json?sql=select+note+from+events",
        "/reviews/verification_queue.json",
        "/reviews.db",
    ],
)
async def test_reviews_database_is_served_to_editors_only(editors_ds: Datasette, path: str) -> None:
    ds = editors_ds
    # Not signed in, or signed in but not an editor: nothing.
    for actor in (None, {"id": "amy"}):
        response = await ds.client.get(path, actor=actor)
        assert response.status_code == 403, (path, actor)
        assert INTERNAL_NOTE not in response.text
    if not path.endswith(".db"):  # Datasette offers no download of a mutable database
        allowed = await ds.client.get(path, actor=editor("amy"))
        assert allowed.status_code == 200, path


async def test_the_index_does_not_list_the_reviews_database(ds: Datasette) -> None:
    databases = (await ds.client.get("/.json")).json()["databases"]
    names = {d["name"] for d in (databases.values() if isinstance(databases, dict) else databases)}
    assert "reviews" not in names
    assert "claimdesk" in names


async def test_the_public_database_has_no_private_columns(editors_ds: Datasette) -> None:
    # Arbitrary SQL is for editors only (docs/security.md); the schema is what is checked here.
    everything = await editors_ds.client.get(
        "/claimdesk/-/query.json",
        params={"sql": "select group_concat(sql, ' ') as s from sqlite_master"},
        actor=editor("amy"),
    )
    schema = everything.json()["rows"][0]["s"]
    for private in ("note", "assignee", "pending", "send_back"):
        assert private not in schema
