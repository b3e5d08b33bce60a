"""The public site's other pages, and what every page has: sharing tags, two languages, links
to its data; and Datasette's own pages linking back. In-process, through ds.client."""

from __future__ import annotations

import html as html_module
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from datasette.app import Datasette

from claimdesk.review import VERDICTS
from conftest import load_yaml
from public_fixtures import A_GROWTH, A_MARKET, A_TOPS, SIMPLIFIED, TRADITIONAL

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]

PAGES = [
    "/",
    f"/article/{TRADITIONAL}",
    f"/claim/{A_MARKET.id}",
    "/source/IDC",
    "/sources",
    "/progress",
    "/methods",
    "/corrections",
    "/search?q=%E5%A3%81%E4%BB%9E",
]


async def get(ds: Datasette, path: str) -> str:
    response: httpx.Response = await ds.client.get(path)
    assert response.status_code == 200, path
    return response.text


def meta(html: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    assert found, name
    return html_module.unescape(found.group(1))


# --- every page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_carries_sharing_tags(newsroom_ds: Datasette, path: str) -> None:
    html = await get(newsroom_ds, path)
    assert meta(html, "property", "og:site_name") == "claimdesk"
    assert meta(html, "property", "og:title")
    assert meta(html, "property", "og:description")
    assert meta(html, "property", "og:url").startswith("https://claimdesk.example.org/")
    # A claim's page has its card (og:image), shown large; the others the small card.
    large = "summary_large_image" if "og:image" in html else "summary"
    assert meta(html, "name", "twitter:card") == large
    assert meta(html, "name", "twitter:title") == meta(html, "property", "og:title")


async def test_a_claims_sharing_card_gives_its_verdict(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, f"/claim/{A_GROWTH.id}")
    assert meta(html, "property", "og:title") == (
        "「2021年我國AI晶片市場規模將達到432億元,同比增長47.2%」：誤導 Misleading"
    )
    assert meta(html, "property", "og:description").startswith(
        "誤導 Misleading。IDC，測試社，2023-06-20。增長率是預測值"
    )


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_is_chinese_first_then_english(newsroom_ds: Datasette, path: str) -> None:
    html = await get(newsroom_ds, path)
    assert '<html lang="zh-Hant">' in html
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert nav.index('<span lang="zh-Hant">首頁</span>') < nav.index('<span lang="en">Home</span>')


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_links_to_its_data_as_json_and_csv(
    newsroom_ds: Datasette, path: str
) -> None:
    html = await get(newsroom_ds, path)
    links = re.search(
        r'<p class="data-links">.*?href="([^"]+)">JSON</a> · <a href="([^"]+)">CSV', html, re.S
    )
    assert links, path
    json_url, csv_url = (html_module.unescape(url) for url in links.groups())
    as_json = await newsroom_ds.client.get(json_url)
    assert as_json.status_code == 200, json_url
    assert as_json.json()  # rows, or the search's results
    as_csv = await newsroom_ds.client.get(csv_url)
    assert as_csv.status_code == 200, csv_url
    assert len(as_csv.text.splitlines()) >= 2, csv_url  # a header and at least one row


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_works_offline(newsroom_ds: Datasette, path: str) -> None:
    # No CDN, no script or stylesheet from elsewhere: only the plugin's own static files.
    html = await get(newsroom_ds, path)
    for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "https://claimdesk.example.org/")), url
    for url in re.findall(r'<script[^>]+src="([^"]+)"', html):
        assert url.startswith("/-/static-plugins/claimdesk/public/")
        assert (await newsroom_ds.client.get(url)).status_code == 200


async def test_the_pages_need_only_the_public_database(newsroom_db: Path) -> None:
    public_only = Datasette([str(newsroom_db)], config=load_yaml("datasette.yaml"))
    await public_only.invoke_startup()
    for path in PAGES:
        response = await public_only.client.get(path)
        assert response.status_code == 200, path


# --- the home page -------------------------------------------------------------------------------


async def test_home_lists_the_latest_verdicts_and_corrections_newest_first(
    newsroom_ds: Datasette,
) -> None:
    html = await get(newsroom_ds, "/")
    entries = html[html.index('<ol class="entries">') : html.index("</ol>")]
    times = re.findall(r'<time datetime="([^"]+)">', entries)
    assert times == sorted(times, reverse=True)
    assert "Correction" in entries and "去年 is 2022 here" in entries
    # A_GROWTH's second verdict is listed once, as the correction that says why.
    assert entries.count(f'href="/claim/{A_GROWTH.id}"') == 2  # its first verdict, the change


async def test_home_shows_overall_progress_and_the_articles(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/")
    assert "<strong>6</strong> / 9" in html
    for slug in (TRADITIONAL, SIMPLIFIED):
        assert f'href="/article/{slug}"' in html
    assert '已查核</span> <span lang="en">checked</span> 4/5' in html


# --- sources -------------------------------------------------------------------------------------


async def test_a_sources_scorecard_gives_the_share_of_each_verdict(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/source/IDC")
    score = html[html.index('class="scorecard"') : html.index("</section>")]
    assert "<dd>5</dd>" in score  # attributed
    assert "<dd>4</dd>" in score  # checked
    shares = re.findall(r'<span lang="en">([^<]+)</span></span> (\d+%) \((\d+)\)', score)
    assert shares == [
        ("Correct", "50%", "2"),
        ("Misleading", "25%", "1"),
        ("Attributed correctly", "25%", "1"),
    ]


async def test_a_source_lists_its_claims(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/source/IDC")
    assert f'href="/claim/{A_MARKET.id}"' in html
    assert f'href="/claim/{A_TOPS.id}"' not in html  # attributed to nobody


async def test_a_source_in_chinese_has_a_page(newsroom_ds: Datasette) -> None:
    sources = await get(newsroom_ds, "/sources")
    path = re.search(r'href="(/source/%E5%A4%A9[^"]+)"', sources)  # 天眼查
    assert path
    assert "天眼查" in await get(newsroom_ds, path.group(1))


async def test_sources_are_ranked_by_claims_checked(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/sources")
    names = re.findall(r'<h2><a href="/source/[^"]+">([^<]+)</a></h2>', html)
    assert names[:2] == ["IDC", "天眼查"]
    assert len(names) == 4


async def test_an_unknown_source_is_not_found(newsroom_ds: Datasette) -> None:
    assert (await newsroom_ds.client.get("/source/nobody")).status_code == 404


# --- progress ------------------------------------------------------------------------------------


async def test_progress_is_a_chart_drawn_on_the_server(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/progress")
    svg = html[html.index('<svg class="chart"') : html.index("</svg>") + len("</svg>")]
    chart = ET.fromstring(svg)  # well-formed
    labels = [
        t.text for t in chart.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "label"
    ]
    assert labels[0] == "全部文章 All articles"
    assert "AI晶片市場的狂奔" in labels
    assert len(labels) == 4  # everything, then each of three articles
    figures = [
        t.text for t in chart.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "figure"
    ]
    assert figures[0] == "6/9 · 67%"
    assert "<script" not in svg


async def test_progress_gives_the_figures_too(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/progress")
    table = html[html.index('<table class="progress-table">') : html.index("</table>")]
    row = table[table.index(f'href="/article/{TRADITIONAL}"') :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'<td class="num">([^<]+)</td>', row)[:2] == ["5", "4 (80%)"]


# --- methods and corrections ---------------------------------------------------------------------


async def test_methods_define_every_verdict_in_both_languages(newsroom_ds: Datasette) -> None:
    html = await get(newsroom_ds, "/methods")
    for info in VERDICTS.values():
        assert html_module.escape(info.definition_en, quote=True) in html
        assert info.definition_zh_hant in html
    assert "two-person rule" in html.lower() and "兩人核准原則" in html


async def test_corrections_give_the_policy_and_the_log_newest_first(
    newsroom_ds: Datasette,
) -> None:
    html = await get(newsroom_ds, "/corrections")
    assert "corrections@claimdesk.example.org" in html
    log = html[html.index('aria-labelledby="log"') :]
    assert log.index(f"/claim/{A_TOPS.id}") < log.index(f"/claim/{A_GROWTH.id}")
    assert "去年 is 2022 here" in log
    assert "正確 Correct → 誤導 Misleading" in log


# --- Datasette's pages link back -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("datasette_page", "public_page"),
    [
        (f"/claimdesk/claims/{A_MARKET.id}", f"/claim/{A_MARKET.id}"),
        (f"/claimdesk/articles/{TRADITIONAL}", f"/article/{TRADITIONAL}"),
        ("/claimdesk/sources/IDC", "/source/IDC"),
        ("/claimdesk/claims", "/"),
        ("/claimdesk/sources", "/sources"),
        ("/claimdesk/corrections", "/corrections"),
        ("/claimdesk/verdict_scale", "/methods"),
        ("/claimdesk/correction_log", "/corrections"),
        ("/claimdesk/published_verdicts", "/"),
    ],
)
async def test_datasettes_pages_link_to_the_public_page(
    newsroom_ds: Datasette, datasette_page: str, public_page: str
) -> None:
    html = await get(newsroom_ds, datasette_page)
    link = re.search(r'<p class="claimdesk-public-link">.*?<a href="([^"]+)">', html)
    assert link, datasette_page
    assert link.group(1) == public_page
