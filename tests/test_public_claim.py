"""/claim/<id>: one claim, its verdict, its public history and the same figure elsewhere."""

from __future__ import annotations

import httpx
from datasette.app import Datasette

from claimdesk.claim import Claim
from public_fixtures import (
    A_FUNDING,
    A_GROWTH,
    A_MARKET,
    A_MONTHS,
    A_TOPS,
    A_WEEKS,
    B_GROWTH,
    B_MARKET,
    C_MARKET,
    INTERNAL_NOTE,
    PENDING_EXPLANATION,
    TRADITIONAL,
)

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]


async def page(ds: Datasette, claim: Claim) -> str:
    response: httpx.Response = await ds.client.get(f"/claim/{claim.id}")
    assert response.status_code == 200
    return response.text


def section(html: str, title_id: str) -> str:
    start = html.index(f'aria-labelledby="{title_id}"')
    return html[start : html.index("</section>", start)]


async def test_the_sentence_is_shown_with_the_figure_highlighted(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_GROWTH)
    assert (
        "據IDC統計,2021年我國AI晶片市場規模將達到432億元,同比增長"
        '<mark class="claim v-misleading">47.2%</mark>。'
    ) in html


async def test_the_figure_is_shown_normalised(newsroom_ds: Datasette) -> None:
    figure = section(await page(newsroom_ds, A_WEEKS), "figure-title")
    for shown in ("30 週 (weeks)", "week", "左右", "約略", "approximately"):
        assert shown in figure
    assert '<a href="/source/%E6%96%B0%E5%8D%8E%E4%B8%89%E9%9B%86%E5%9B%A2' in figure
    market = section(await page(newsroom_ds, A_MARKET), "figure-title")
    assert "43,200,000,000 CNY" in market
    assert "<dd>2021</dd>" in market


async def test_the_verdict_is_shown_with_its_explanation_and_evidence(
    newsroom_ds: Datasette,
) -> None:
    verdict = section(await page(newsroom_ds, A_GROWTH), "verdict-title")
    assert "誤導" in verdict and "Misleading" in verdict
    assert '<p lang="zh-Hant">增長率是預測值，不是統計結果。</p>' in verdict
    assert '<p lang="en">The growth rate is a forecast, not a measurement.</p>' in verdict
    assert 'href="https://www.idc.com/getdoc.jsp?containerId=prCHC1"' in verdict


async def test_an_unchecked_claim_says_it_is_not_checked(newsroom_ds: Datasette) -> None:
    verdict = section(await page(newsroom_ds, A_WEEKS), "verdict-title")
    assert "我們還沒有查核這個數字" in verdict
    assert "We have not checked this figure yet" in verdict


async def test_nothing_unpublished_is_on_any_claim_page(newsroom_ds: Datasette) -> None:
    for claim in (A_MARKET, A_GROWTH, A_TOPS, A_WEEKS, A_MONTHS, A_FUNDING, B_MARKET):
        html = await page(newsroom_ds, claim)
        assert INTERNAL_NOTE not in html
        assert PENDING_EXPLANATION not in html


async def test_the_history_lists_each_verdict_and_correction_with_date_and_reason(
    newsroom_ds: Datasette,
) -> None:
    history = section(await page(newsroom_ds, A_GROWTH), "history-title")
    first, changed = history.split("<li>")[1:]
    assert '<time datetime="2023-06-21T09:04:00+00:00">2023-06-21</time>' in first
    assert "Verdict published" in first and "正確" in first
    assert "checked by" in first.lower() and "alice" in first and "bob" in first
    assert "Verdict corrected" in changed
    assert "正確" in changed and "誤導" in changed
    assert "增長率是預測值，不是統計結果。" in changed  # the reason


async def test_a_corrected_field_is_in_the_history(newsroom_ds: Datasette) -> None:
    history = section(await page(newsroom_ds, A_TOPS), "history-title")
    # Named in words, not by its code.
    assert '<span lang="zh-Hant">時間</span> <span lang="en">Time</span>: — → 2022' in history
    assert "<code>time</code>" not in history
    assert "去年 is 2022 here" in history


async def test_the_same_figure_in_other_articles_is_linked(newsroom_ds: Datasette) -> None:
    same = section(await page(newsroom_ds, A_MARKET), "same-title")
    assert f'href="/claim/{B_MARKET.id}"' in same
    assert f'href="/claim/{C_MARKET.id}"' in same  # 43.2 billion yuan, in English
    assert f'href="/claim/{A_MARKET.id}"' not in same
    growth = section(await page(newsroom_ds, A_GROWTH), "same-title")
    assert f'href="/claim/{B_GROWTH.id}"' in growth


async def test_a_figure_stated_nowhere_else_has_no_such_list(newsroom_ds: Datasette) -> None:
    assert 'id="same-title"' not in await page(newsroom_ds, A_TOPS)


async def test_every_claim_page_has_the_form_to_report_an_error(newsroom_ds: Datasette) -> None:
    # The e-mail link it replaced is still what a replica shows (tests/test_publish.py).
    for claim in (A_MARKET, A_WEEKS, A_MONTHS):
        report = section(await page(newsroom_ds, claim), "report-title")
        assert 'action="/report"' in report
        assert f'name="claim_id" value="{claim.id}"' in report


async def test_the_short_link_leads_to_the_claim(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    assert f'value="https://claimdesk.example.org/c/{A_MARKET.id}"' in html
    response = await newsroom_ds.client.get(f"/c/{A_MARKET.id}")
    assert response.status_code == 301
    assert response.headers["location"] == f"/claim/{A_MARKET.id}"


async def test_the_claim_links_to_its_place_in_the_article(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    assert f'href="/article/{TRADITIONAL}#{A_MARKET.id}"' in html
    article = (await newsroom_ds.client.get(f"/article/{TRADITIONAL}")).text
    assert f'id="{A_MARKET.id}"' in article


async def test_a_dismissed_claim_says_so(newsroom_ds: Datasette) -> None:
    verdict = section(await page(newsroom_ds, A_MONTHS), "verdict-title")
    assert "This is not a claim we check" in verdict


async def test_an_unknown_claim_is_not_found(newsroom_ds: Datasette) -> None:
    response = await newsroom_ds.client.get("/claim/c0123456789")
    assert response.status_code == 404
    assert (await newsroom_ds.client.get("/claim/not-an-id")).status_code == 404


async def test_the_claim_page_links_to_its_data(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    assert f'href="/claimdesk/claims.json?id={A_MARKET.id}&amp;_shape=array' in html
    assert f'href="/claimdesk/claims.csv?id={A_MARKET.id}' in html
