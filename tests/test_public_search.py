"""Search through the pages: /search, /search.json and /search.csv, in-process."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from datasette.app import Datasette

from claimdesk.claim import Claim
from public_fixtures import (
    A_MARKET,
    A_TOPS,
    B_MARKET,
    B_YEARS,
)

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]


async def found(ds: Datasette, query: str) -> list[dict[str, Any]]:
    response = await ds.client.get("/search.json", params={"q": query})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    results: list[dict[str, Any]] = response.json()["results"]
    return results


@pytest.mark.parametrize(
    ("query", "claim"),
    [
        ("壁仞", A_TOPS),
        ("芯片", B_MARKET),
        ("市場", A_MARKET),
        ("英伟达", A_TOPS),
        ("規模", B_MARKET),
        ("2048", A_TOPS),
        ("晶片", B_MARKET),
        ("輝達", A_TOPS),
        ("軟體", B_YEARS),
    ],
)
async def test_search_json_finds(newsroom_ds: Datasette, query: str, claim: Claim) -> None:
    results = await found(newsroom_ds, query)
    assert {"type": "claim", "id": claim.id, "url": f"/claim/{claim.id}"}.items() <= next(
        r for r in results if r["id"] == claim.id
    ).items()


async def test_search_json_says_what_matched(newsroom_ds: Datasette) -> None:
    hit = next(r for r in await found(newsroom_ds, "晶片") if r["id"] == B_MARKET.id)
    snippet = str(hit["snippet"])
    assert [snippet[s:e] for s, e in hit["snippet_highlights"]] == ["芯片"]


async def test_search_json_is_ranked(newsroom_ds: Datasette) -> None:
    results = await found(newsroom_ds, "2048")
    ranks = [float(r["rank"]) for r in results]
    assert ranks == sorted(ranks)  # bm25: lower is better
    assert results[0]["id"] == A_TOPS.id


async def test_search_page_highlights_the_matched_words(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/search", params={"q": "晶片"})).text
    assert "<mark>芯片</mark>" in html  # in the Simplified article, as it writes the word
    assert "<mark>晶片</mark>" in html
    assert f'href="/claim/{B_MARKET.id}"' in html


async def test_search_page_finds_traditional_from_simplified(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/search", params={"q": "英伟达"})).text
    assert f'data-id="{A_TOPS.id}"' in html
    assert "<mark>英偉達</mark>" in html


async def test_search_page_escapes_the_query(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/search", params={"q": "<script>x</script>"})).text
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.parametrize("query", ['"', "*", "NEAR(a b)", "a OR", "(", "^", ""])
async def test_search_survives_what_readers_type(newsroom_ds: Datasette, query: str) -> None:
    for path in ("/search", "/search.json", "/search.csv"):
        response = await newsroom_ds.client.get(path, params={"q": query})
        assert response.status_code == 200, (path, query)


async def test_search_csv_has_a_row_per_result(newsroom_ds: Datasette) -> None:
    response = await newsroom_ds.client.get("/search.csv", params={"q": "壁仞"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(await found(newsroom_ds, "壁仞"))
    assert A_TOPS.id in {row["id"] for row in rows}


async def test_search_page_links_to_its_data(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/search", params={"q": "壁仞"})).text
    assert 'href="/search.json?q=%E5%A3%81%E4%BB%9E"' in html
    assert 'href="/search.csv?q=%E5%A3%81%E4%BB%9E"' in html


async def test_the_home_page_has_the_search_box(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/")).text
    assert 'action="/search"' in html
    assert 'name="q"' in html


async def test_datasette_search_on_the_claims_table_still_works(newsroom_ds: Datasette) -> None:
    response = await newsroom_ds.client.get(
        "/claimdesk/claims.json", params={"_search": "市場規模", "_shape": "array"}
    )
    assert response.status_code == 200
    assert A_MARKET.id in {row["id"] for row in response.json()}


async def test_the_search_index_is_hidden_from_the_table_list(newsroom_ds: Datasette) -> None:
    tables = (await newsroom_ds.client.get("/claimdesk.json")).json()["tables"]
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert "search_index" in hidden
