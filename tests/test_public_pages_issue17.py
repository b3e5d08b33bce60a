"""The public pages' fixes of issue 17, through ds.client: subheadings on the article page,
search by sentence and by whole numbers, the home page's introduction and the error pages in
both languages."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from datasette.app import Datasette

from claimdesk.database.build import build
from conftest import ROOT, make_datasette, write_article
from public_fixtures import A_GROWTH, A_MARKET, TRADITIONAL

pytest_plugins = ["public_fixtures"]

SEED = "ai-chips-nvidia-biren"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    shutil.copytree(ROOT / "claims" / SEED, folder / "claims" / SEED)
    build(folder / "claims", folder / "claimdesk.db")
    return folder / "claimdesk.db"


async def datasette_for(db_path: Path) -> Datasette:
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette


async def test_the_seed_articles_subheadings_are_headings(seed_db: Path) -> None:
    html = (await (await datasette_for(seed_db)).client.get(f"/article/{SEED}")).text
    headings = re.findall(r'<h2 class="subheading">(.*?)</h2>', html)
    assert headings == ["AI芯片:始于技術,又不止于技術", "國產AI芯片逆襲記,壁仞科技會是意外么?"]
    # A caption is a paragraph of its own kind.
    assert '<p class="caption">圖片來源:英偉達官方網站</p>' in html


NUMBERS_TEXT = "壁仞科技曾融資47億元。\n融資額僅為92.47億元,低于2021年。\n"
NUMBERS_CLAIMS = textwrap.dedent(
    """\
    article:
      title: 融資
      language: zh-Hant
    claims:
    - id: c0000000021
      start: 7
      end: 11
      text: 47億元
      sentence: 壁仞科技曾融資47億元。
      value: 4700000000
      unit: CNY
      kind: money
    - id: c0000000022
      start: 18
      end: 25
      text: 92.47億元
      sentence: 融資額僅為92.47億元,低于2021年。
      value: 9247000000
      unit: CNY
      kind: money
    """
)


async def test_47_yi_does_not_find_92_47_yi(tmp_path: Path) -> None:
    write_article(tmp_path / "claims", "funding", NUMBERS_TEXT, NUMBERS_CLAIMS)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    datasette = await datasette_for(tmp_path / "claimdesk.db")
    found = (await datasette.client.get("/search.json", params={"q": "47億"})).json()["results"]
    assert {r["id"] for r in found if r["type"] == "claim"} == {"c0000000021"}
    found = (await datasette.client.get("/search.json", params={"q": "92.47億"})).json()
    assert {r["id"] for r in found["results"] if r["type"] == "claim"} == {"c0000000022"}
    # The article is found for its 47億, and only that is highlighted in it.
    html = (await datasette.client.get("/search", params={"q": "47億"})).text
    assert "92.<mark>47" not in html


async def test_a_sentence_is_listed_once_with_all_its_figures(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/search", params={"q": "市場規模"})).text
    results = re.findall(r'<li class="result result-claim".*?</ul>', html, re.S)
    in_the_sentence = [r for r in results if f'data-id="{A_MARKET.id}"' in r]
    assert len(in_the_sentence) == 1
    assert f'data-id="{A_GROWTH.id}"' in in_the_sentence[0]


async def test_the_home_page_introduces_the_site_in_chinese_first(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/")).text
    lede = re.search(r'<div class="lede">(.*?)</div>', html, re.S)
    assert lede is not None
    assert lede.group(1).index('lang="zh-Hant"') < lede.group(1).index('lang="en"')
    assert "查核結果須經第二位編輯核准才會公開" in lede.group(1)


@pytest.mark.parametrize(
    ("path", "status", "zh", "en"),
    [
        ("/no-such-page", 404, "找不到", "Not found"),
        ("/claimdesk/no_such_table", 404, "找不到", "Not found"),
        (f"/article/{TRADITIONAL}-gone", 404, "找不到", "Not found"),
        ("/reviews", 403, "沒有權限", "Forbidden"),
    ],
)
async def test_error_pages_are_in_chinese_then_english(
    newsroom_ds: Datasette, path: str, status: int, zh: str, en: str
) -> None:
    response = await newsroom_ds.client.get(path)
    assert response.status_code == status
    heading = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    assert heading is not None
    assert heading.group(1).index(zh) < heading.group(1).index(en)
    assert '<html lang="zh-Hant">' in response.text


async def test_the_title_is_not_shown_again_as_the_first_paragraph(seed_db: Path) -> None:
    html = (await (await datasette_for(seed_db)).client.get(f"/article/{SEED}")).text
    title = "AI的水位漸高,過河的船也隨之身價暴漲。"
    assert f"<h1>{title}</h1>" in html
    assert f"<p>{title}</p>" not in html


async def test_a_server_error_page_is_bilingual_and_keeps_pythons_message_to_the_log(
    newsroom_ds: Datasette,
) -> None:
    # Datasette renders error.html for an exception it did not expect, with str(exception).
    html = await newsroom_ds.render_template(
        ["500.html", "error.html"], {"status": 500, "error": "KeyError: 'id'", "title": None}
    )
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert heading is not None
    assert heading.group(1).index("伺服器錯誤") < heading.group(1).index("Server error")
    assert "KeyError" not in html
