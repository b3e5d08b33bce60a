"""/article/<slug>: the article's text with every claim highlighted in place, in-process."""

from __future__ import annotations

import re

import httpx
import pytest
from datasette.app import Datasette

from claimdesk.claim import Claim
from public_fixtures import (
    A_FUNDING,
    A_GROWTH,
    A_MARKET,
    A_MONTHS,
    A_SHIPPED,
    A_TOPS,
    A_WEEKS,
    TRADITIONAL,
)

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]

PAGE = f"/article/{TRADITIONAL}"


@pytest.fixture
async def html(newsroom_ds: Datasette) -> str:
    response: httpx.Response = await newsroom_ds.client.get(PAGE)
    assert response.status_code == 200
    return response.text


def mark_of(html: str, claim: Claim) -> str:
    """The highlighted figure's element, whole."""
    found = re.search(rf'<a class="claim [^"]*" id="{claim.id}".*?</a>', html, re.S)
    assert found, claim.text
    return found.group()


def detail_of(html: str, claim: Claim) -> str:
    found = re.search(
        rf'<div class="claim-detail" id="detail-{claim.id}" hidden>.*?\n</div>', html, re.S
    )
    assert found, claim.text
    return found.group()


def test_every_claim_is_highlighted_in_place_with_its_id(html: str) -> None:
    for claim in (A_MARKET, A_GROWTH, A_TOPS, A_WEEKS, A_FUNDING, A_SHIPPED):
        assert f'data-claim-id="{claim.id}"' in mark_of(html, claim)
        assert f">{claim.text}<" in mark_of(html, claim)


def test_a_dismissed_claim_is_not_highlighted(html: str) -> None:
    assert f'data-claim-id="{A_MONTHS.id}"' not in html
    assert "曾在18個月內融資" in html  # plain text, not a mark


def test_a_highlight_is_coloured_and_worded_by_its_verdict(html: str) -> None:
    growth = mark_of(html, A_GROWTH)
    assert 'class="claim v-misleading"' in growth
    assert 'data-verdict="misleading"' in growth
    assert '<span class="claim-tag" aria-hidden="true">誤導</span>' in growth
    assert "誤導 Misleading" in growth  # for screen readers too


def test_an_unchecked_highlight_says_so_in_words(html: str) -> None:
    weeks = mark_of(html, A_WEEKS)
    assert 'class="claim v-unverified"' in weeks
    assert 'data-status="unverified"' in weeks
    assert "尚未查核 Not yet checked" in weeks


def test_a_pending_verdict_is_not_shown(html: str) -> None:
    # A_WEEKS was verified as incorrect, but nobody approved it.
    assert 'data-verdict="incorrect"' not in mark_of(html, A_WEEKS)


def test_the_legend_names_every_colour(html: str) -> None:
    legend = html[html.index('<ul class="legend"') :]
    legend = legend[: legend.index("</ul>")]
    for words in ("正確", "大致正確", "誤導", "錯誤", "證據不足", "已過時", "引述無誤", "尚未查核"):
        assert words in legend


def test_the_summary_counts_claims_checks_and_verdicts(html: str) -> None:
    summary = html[html.index('<section class="summary"') :]
    summary = summary[: summary.index("</section>")]
    # Five claims in the body: the dismissed one and the one after the byline do not count.
    assert "共 <strong>5</strong> 項數字主張，已查核 <strong>4</strong> 項（80%）" in summary
    assert "5 numeric claims, 4 checked (80%)." in summary
    for words in ("正確", "大致正確", "誤導", "證據不足"):
        assert f"{words}</span>" in summary


def test_a_claims_details_are_in_the_page(html: str) -> None:
    weeks = detail_of(html, A_WEEKS)
    for shown in ("30 週 (weeks)", "左右", "約略", "approximately", "新華三集團副總裁何寧"):
        assert shown in weeks
    market = detail_of(html, A_MARKET)
    for shown in ("43,200,000,000 CNY", "2021", "IDC", "正確", "來源的報告與報導相符"):
        assert shown in market
    assert 'href="https://www.idc.com/getdoc.jsp?containerId=prCHC1"' in market
    assert f'href="/claim/{A_MARKET.id}"' in market


def test_text_after_the_byline_is_shown_apart(html: str) -> None:
    body, after = html.split('<section class="after-body"', 1)
    assert "作者:某人" in after and "作者:某人" not in body
    assert f'id="{A_SHIPPED.id}"' in after
    assert f'id="{A_MARKET.id}"' in body


def test_the_article_text_is_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;天眼查顯示" in html
    assert "<script>alert" not in html


def test_the_page_links_to_its_data(html: str) -> None:
    assert (
        f'href="/claimdesk/claims.json?article_id={TRADITIONAL}&amp;_sort=position'
        '&amp;_shape=array&amp;_size=max"'
    ) in html
    assert f'href="/claimdesk/claims.csv?article_id={TRADITIONAL}' in html


async def test_an_unknown_article_is_not_found(newsroom_ds: Datasette) -> None:
    response = await newsroom_ds.client.get("/article/no-such-article")
    assert response.status_code == 404
    assert "no-such-article" in response.text
