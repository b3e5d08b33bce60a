"""The claim page as a reader sees it (issue 17, items 4-7): what was claimed, by whom, where
and when; figures as people write them; changes in plain sight; sharing and the share card."""

from __future__ import annotations

import asyncio
import html as html_module
import io
import re
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from datasette.app import Datasette
from PIL import Image

from claimdesk.claim import Claim
from claimdesk.database.build import build
from claimdesk.vocabulary import CORRECTABLE_FIELDS
from claimdesk.web.public import card as card_module
from claimdesk.web.public.card import Cards, CardsBusy, CardText, cjk_font_file, render
from claimdesk.web.public.claim_parts import FIELD_LABELS
from conftest import ROOT, make_datasette
from public_fixtures import A_FUNDING, A_GROWTH, A_MARKET, A_TOPS, A_WEEKS, C_MARKET

pytest_plugins = ["public_fixtures"]
SITE = "https://claimdesk.example.org"


async def page(ds: Datasette, claim: Claim) -> str:
    response: httpx.Response = await ds.client.get(f"/claim/{claim.id}")
    assert response.status_code == 200
    return response.text


def meta(html: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert found is not None, key
    return html_module.unescape(found.group(1))


def section(html: str, title_id: str) -> str:
    start = html.index(f'aria-labelledby="{title_id}"')
    return html[start : html.index("</section>", start)]


async def test_the_heading_and_every_share_title_lead_with_the_statement(
    newsroom_ds: Datasette,
) -> None:
    html = await page(newsroom_ds, A_MARKET)
    said = "2021年我國AI晶片市場規模將達到432億元"
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert f'<q class="statement" lang="zh-Hant">{said}</q>' in heading
    assert "正確" in heading
    for key in ("og:title", "twitter:title"):
        assert meta(html, key).startswith(f"「{said}」")
    title = re.search(r"<title>([^<]*)</title>", html)
    assert title is not None and title.group(1).startswith(f"「{said}」")


async def test_who_said_it_where_and_when(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    said = html[html.index('<dl class="claim-said">') : html.index("</dl>")]
    assert '<dd class="claimant"><a href="/source/IDC">IDC</a></dd>' in said
    assert '<span class="publisher">測試社</span>' in said
    assert '<time datetime="2023-06-20">2023-06-20</time>' in said
    assert 'href="https://news.example.com/ai-chips" rel="noopener noreferrer"' in said
    assert "測試社" in meta(html, "og:description") and "2023-06-20" in meta(html, "og:description")


async def test_an_unattributed_figure_is_its_publishers_claim(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_TOPS)
    said = html[html.index('<dl class="claim-said">') : html.index("</dl>")]
    assert '<dd class="claimant">測試社</dd>' in said
    # The publisher is named once when it is the claimant.
    assert "。測試社，2023-06-20。" in meta(html, "og:description")


async def test_an_undated_article_without_an_address_says_so(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, C_MARKET)
    said = html[html.index('<dl class="claim-said">') : html.index("</dl>")]
    assert "Undated" in said
    assert 'class="original"' not in said
    assert "China&#39;s market for AI chips grew to 43.2 billion yuan in 2021" in html


async def test_figures_read_as_people_write_them_with_the_exact_value_a_step_away(
    newsroom_ds: Datasette,
) -> None:
    figure = section(await page(newsroom_ds, A_FUNDING), "figure-title")
    assert (
        '<summary><span lang="zh-Hant">47億元人民幣</span> <span lang="en">4.7 billion yuan'
        in figure
    )
    details = figure[figure.index("<details>") : figure.index("</details>")]
    assert "4,700,000,000 CNY" in details.split("</summary>")[1]


async def test_the_sources_figure_is_a_figure_with_its_exact_value(
    newsroom_ds: Datasette,
) -> None:
    verdict = section(await page(newsroom_ds, A_MARKET), "verdict-title")
    assert '<span class="figure-text" title="43,200,000,000 CNY">432億元人民幣</span>' in verdict


async def test_a_changed_verdict_says_updated_when_from_what_and_who(
    newsroom_ds: Datasette,
) -> None:
    verdict = section(await page(newsroom_ds, A_GROWTH), "verdict-title")
    notice = verdict[verdict.index('class="updated-notice"') :]
    assert '<span lang="zh-Hant">更新</span> <span lang="en">Updated</span>' in notice
    assert re.search(r'<time datetime="2023-06-21T[^"]+">2023-06-21</time>', notice)
    what = verdict[verdict.index('class="updated-what"') :]
    assert '正確</span> <span lang="en">Correct</span> → ' in what
    assert "誤導" in what.split("→")[1]
    assert "carol" in what and "alice" in what


async def test_a_verdict_published_once_has_no_update_notice(newsroom_ds: Datasette) -> None:
    for claim in (A_MARKET, A_FUNDING, A_WEEKS):
        assert "updated-notice" not in await page(newsroom_ds, claim)


async def test_share_links_for_line_facebook_and_x(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    share = section(html, "share-title")
    url = urllib.parse.quote(f"{SITE}/claim/{A_MARKET.id}", safe="")
    hrefs = [
        html_module.unescape(h)
        for h in re.findall(r'class="share-link[^"]*" href="([^"]+)"', share)
    ]
    assert hrefs[0] == f"https://social-plugins.line.me/lineit/share?url={url}"
    assert hrefs[1] == f"https://www.facebook.com/sharer/sharer.php?u={url}"
    assert hrefs[2].startswith(f"https://x.com/intent/post?url={url}&text=")
    text = urllib.parse.parse_qs(urllib.parse.urlsplit(hrefs[2]).query)["text"][0]
    assert text.startswith("「2021年我國AI晶片市場規模將達到432億元」")
    assert 'data-copy="#short-link"' in share


async def test_the_page_names_its_card_as_og_image(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_MARKET)
    image = meta(html, "og:image")
    assert image.startswith(f"{SITE}/claim/{A_MARKET.id}/card.png?v=")
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == image
    # Pages that are not a claim keep the small card.
    home = (await newsroom_ds.client.get("/")).text
    assert 'name="twitter:card" content="summary"' in home and "og:image" not in home


async def test_the_card_is_a_png_of_1200_by_630(newsroom_ds: Datasette) -> None:
    html = await page(newsroom_ds, A_GROWTH)
    path = meta(html, "og:image").removeprefix(SITE)
    response = await newsroom_ds.client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as card:
        assert card.format == "PNG" and card.size == (1200, 630)


async def test_no_card_for_an_unknown_claim(newsroom_ds: Datasette) -> None:
    response = await newsroom_ds.client.get("/claim/c0000000000/card.png")
    assert response.status_code == 404


def test_the_card_draws_chinese_with_a_cjk_font() -> None:
    # `make fonts` (part of `make test`) installs Debian's Noto CJK.
    found = cjk_font_file()
    assert found is not None, "no CJK font: run `make fonts` (Debian's fonts-noto-cjk)"
    card = CardText("47億元人民幣", "4.7 billion yuan", "正確", "Correct", "correct",
                    "壁仞科技曾在18個月內融資47億元人民幣", "測試社", "數字查核")  # fmt: skip
    other = CardText("47億元人民幣", "4.7 billion yuan", "誤導", "Misleading", "misleading",
                     "壁仞科技曾在18個月內融資47億元人民幣", "測試社", "數字查核")  # fmt: skip
    assert card.digest() != other.digest()
    first, second = render(card), render(other)
    assert first != second
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (1200, 630)
        # The verdict's colour from the stylesheet: the strip on the left edge.
        assert image.getpixel((4, 300)) == (0x1B, 0x6E, 0x34)


async def test_cards_are_kept_and_rendered_once() -> None:
    cards = Cards(kept=2)
    texts = [
        CardText(f"{n}億元", f"{n} hundred million", "正確", "Correct", "correct", "", "", "x")
        for n in range(3)
    ]
    first = await cards.png(texts[0])
    assert await cards.png(texts[0]) is first  # the same bytes, not drawn again
    await cards.png(texts[1])
    await cards.png(texts[2])
    assert len(cards._cards) == 2  # the oldest left


async def test_related_figures_of_a_check_are_figures_not_ids(tmp_path: Path) -> None:
    # On the seed, 增幅超過2.8倍 is checked against 175億美元 and 490億美元.
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    ds = make_datasette(tmp_path / "claimdesk.db")
    await ds.invoke_startup()
    ids = dict(
        sqlite3.connect(tmp_path / "claimdesk.db").execute("select text, id from claims").fetchall()
    )
    checks = section((await ds.client.get(f"/claim/{ids['2.8倍']}")).text, "checks-title")
    related = checks[checks.index('class="muted related-figures"') :]
    assert f'<a href="/claim/{ids["175億美元"]}" title="175億美元">175億美元</a>' in related
    assert f'<a href="/claim/{ids["490億美元"]}" title="490億美元">490億美元</a>' in related
    assert f">{ids['175億美元']}<" not in related


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(card_module, "cjk_font_file", lambda: None)
    card_module.font.cache_clear()  # fonts are loaded once per size
    yield
    card_module.font.cache_clear()  # the next test draws with the real font again


@pytest.mark.usefixtures("no_cjk_font")
def test_without_a_cjk_font_the_card_is_drawn_in_english() -> None:
    text = CardText("47億元人民幣", "4.7 billion yuan", "正確", "Correct", "correct",
                    "壁仞科技曾在18個月內融資47億元人民幣", "測試社", "Figure check")  # fmt: skip
    with Image.open(io.BytesIO(render(text))) as image:
        assert image.size == (1200, 630)
    assert card_module.font(30)[1] is False


async def test_a_card_that_waits_too_long_for_its_turn_is_refused_not_queued() -> None:
    cards = Cards(wait=0.05)
    text = CardText("1億元", "100 million yuan", "正確", "Correct", "correct", "", "", "x")
    turn = cards._turns.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with turn:  # another card is being drawn
        with pytest.raises(CardsBusy):
            await cards.png(text)
    assert (await cards.png(text)).startswith(b"\x89PNG")


def test_every_correctable_field_has_words() -> None:
    assert set(FIELD_LABELS) == set(CORRECTABLE_FIELDS)


async def test_the_sources_figure_is_shown_as_the_source_wrote_it(tmp_path: Path) -> None:
    """Issue 17 item 5: a verification keeps the figure as the editor typed it from the source
    (432億, not 432億元人民幣), and the claim page shows it so, with the exact value beside."""
    from click.testing import CliRunner

    from claimdesk.cli.main import cli
    from conftest import ARTICLE, CLAIMS_YML, write_article

    claims, db = tmp_path / "claims", tmp_path / "claimdesk.db"
    write_article(claims, "idc-market", ARTICLE, CLAIMS_YML)
    build(claims, db)
    where = ["--claims-dir", str(claims), "--db", str(db)]
    for editor, args in (
        ("amy", ["verify", "c0000000001", "--verdict", "correct", "--evidence-url",
                 "https://example.org/r", "--evidence-quote", "表1", "--explanation", "相符。",
                 "--source-value", "432億"]),
        ("ben", ["approve", "c0000000001"]),
    ):  # fmt: skip
        result = CliRunner().invoke(cli, [*args, *where], env={"CLAIMDESK_EDITOR": editor})
        assert result.exit_code == 0, result.output
    build(claims, db)
    log = (claims / "idc-market" / "reviews.jsonl").read_text(encoding="utf-8")
    assert '"source_text":"432億"' in log
    response = await make_datasette(db).client.get("/claim/c0000000001")
    verdict = section(response.text, "verdict-title")
    assert '<span class="figure-text" title="43,200,000,000 CNY">432億</span>' in verdict
