"""A score (kind score, no value) and a margin (qualifier plus_minus) as a reader sees them:
built into claimdesk.db like any claim and shown on the claim page in words (issue 18)."""

from __future__ import annotations

from pathlib import Path

from claimdesk.database.build import build
from claimdesk.extract import extract_claims
from claimdesk.files.models import Article
from claimdesk.files.store import save_article
from claimdesk.vocabulary import KIND_LABELS
from conftest import make_datasette

TEXT = "甲隊昨晚以3比1擊敗乙隊。民調顯示，支持度誤差在正負3個百分點以內。\n"


async def _figure_section(tmp_path: Path, text: str) -> str:
    claims = [c.model_copy(update={"id": f"c{k:016x}"}) for k, c in enumerate(extract_claims(TEXT))]
    save_article(
        tmp_path / "claims" / "match", Article(title="比賽", language="zh-Hant"), TEXT, claims
    )
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    ds = make_datasette(tmp_path / "claimdesk.db")
    await ds.invoke_startup()
    [claim] = [c for c in claims if c.text == text]
    response = await ds.client.get(f"/claim/{claim.id}")
    assert response.status_code == 200
    html: str = response.text
    start = html.index('aria-labelledby="figure-title"')
    return html[start : html.index("</section>", start)]


async def test_a_score_is_shown_as_a_score_with_no_value(tmp_path: Path) -> None:
    figure = await _figure_section(tmp_path, "3比1")
    zh, en = KIND_LABELS["score"]
    assert (
        f'<span lang="zh-Hant">{zh}</span> <span lang="en">{en}</span></dt><dd>3比1</dd>' in figure
    )
    assert "figure-value" not in figure  # no value to show


async def test_a_margin_shows_its_qualifier_in_words(tmp_path: Path) -> None:
    figure = await _figure_section(tmp_path, "3個百分點")
    assert '正負 (<span lang="zh-Hant">正負</span> <span lang="en">plus or minus</span>)' in figure
