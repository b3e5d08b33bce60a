"""A small newsroom for the public pages' tests: three articles written for the tests (in
Traditional, Simplified and English), their claims placed by hand rather than by the
extractor (whose rules change), and editors' decisions written as real review events.

What each article is for:
- TRADITIONAL uses 英偉達, 市場, 壁仞, 2048 TOPS and 晶片, has text after its byline, and
  a <script> in its text; it has published verdicts, a verdict that was corrected, a field
  correction, a dismissed claim and a pending verification with an internal note.
- SIMPLIFIED uses 芯片, 规模 and 软件, and states the same figure as TRADITIONAL (432亿元 in
  2021), so that each claim page links to the other.
- ENGLISH states that figure too, in words (43.2 billion yuan).

Test modules load the fixtures with `pytest_plugins = ["public_fixtures"]`; the module holds
no assertions, so pytest need not rewrite it (PYTEST_DONT_REWRITE).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from claimdesk.claim import Claim
from claimdesk.database.build import build
from claimdesk.files.models import Article
from claimdesk.files.store import save_article
from claimdesk.review import Approve, Correct, Dismiss, Verify, dump_event_line, new_event
from conftest import make_datasette

START = dt.datetime(2023, 6, 21, 9, 0, tzinfo=dt.UTC)
INTERNAL_NOTE = "內部筆記：請勿公開 7f3c9a"
PENDING_EXPLANATION = "尚未核准的說明 5d1e2b"

TRADITIONAL = "ai-chips-tw"
SIMPLIFIED = "ai-chips-cn"
ENGLISH = "ai-chips-en"

TRADITIONAL_TEXT = (
    "AI晶片市場的狂奔：英偉達與壁仞\n"
    "據IDC統計,2021年我國AI晶片市場規模將達到432億元,同比增長47.2%。\n"
    "相比之下,壁仞科技去年推出的BR100算力約為2048 TOPS,英偉達的軟體生態仍然領先。\n"
    "新華三集團副總裁何寧表示,供貨周期在30周左右。\n"
    "<script>alert('x')</script>天眼查顯示,壁仞科技曾在18個月內融資47億元人民幣。\n"
    "作者:某人\n"
    "來源:測試社\n"
    "其他文章：上半年全球市場出貨1,200萬臺。\n"
)
SIMPLIFIED_TEXT = (
    "国产芯片加速追赶\n"
    "据IDC统计,2021年我国AI芯片市场规模将达到432亿元,同比增长47.2%。\n"
    "业内人士表示,国产芯片的软件生态仍需5年以上才能成熟。\n"
)
ENGLISH_TEXT = (
    "Nvidia's lead in AI chips\n"
    "China's market for AI chips grew to 43.2 billion yuan in 2021, up 47.2% from a year "
    "earlier, IDC said.\n"
)


def claim_id(slug: str, text: str) -> str:
    return "c" + hashlib.sha256(f"{slug}/{text}".encode()).hexdigest()[:10]


def figure(slug: str, article_text: str, text: str, **fields: Any) -> Claim:
    """A claim at the first place `text` is in the article, its sentence the line it is on."""
    start = article_text.index(text)
    line_start = article_text.rfind("\n", 0, start) + 1
    line_end = article_text.index("\n", start)
    values: dict[str, Any] = {"unit": None, "kind": "quantity", "value": None} | fields
    return Claim(
        id=claim_id(slug, text),
        start=start,
        end=start + len(text),
        text=text,
        sentence=article_text[line_start:line_end],
        **values,
    )


# The claims, by name, for the tests to refer to.
A_MARKET = figure(
    TRADITIONAL, TRADITIONAL_TEXT, "432億元",
    value=43200000000, unit="CNY", kind="money", time="2021", source="IDC",
)  # fmt: skip
A_GROWTH = figure(
    TRADITIONAL, TRADITIONAL_TEXT, "47.2%",
    value=47.2, unit="%", kind="percent", time="2021", source="IDC",
)  # fmt: skip
A_TOPS = figure(TRADITIONAL, TRADITIONAL_TEXT, "2048 TOPS", value=2048, unit="TOPS")
A_WEEKS = figure(
    TRADITIONAL, TRADITIONAL_TEXT, "30周",
    value=30, unit="week", kind="duration", qualifier="左右", qualifier_meaning="approximate",
    source="新華三集團副總裁何寧",
)  # fmt: skip
A_MONTHS = figure(TRADITIONAL, TRADITIONAL_TEXT, "18個月", value=18, unit="month", kind="duration")
A_FUNDING = figure(
    TRADITIONAL, TRADITIONAL_TEXT, "47億元人民幣",
    value=4700000000, unit="CNY", kind="money", source="天眼查",
)  # fmt: skip
A_SHIPPED = figure(
    TRADITIONAL, TRADITIONAL_TEXT, "1,200萬臺",
    value=12000000, unit="count", kind="count", noun="臺", flags=["outside_body"],
)  # fmt: skip
B_MARKET = figure(
    SIMPLIFIED, SIMPLIFIED_TEXT, "432亿元",
    value=43200000000, unit="CNY", kind="money", time="2021", source="IDC",
)  # fmt: skip
B_GROWTH = figure(
    SIMPLIFIED, SIMPLIFIED_TEXT, "47.2%",
    value=47.2, unit="%", kind="percent", time="2021", source="IDC",
)  # fmt: skip
B_YEARS = figure(
    SIMPLIFIED, SIMPLIFIED_TEXT, "5年以上",
    value=5, unit="year", kind="duration", qualifier="以上", qualifier_meaning="lower_bound",
    source="业内人士",
)  # fmt: skip
C_MARKET = figure(
    ENGLISH, ENGLISH_TEXT, "43.2 billion yuan",
    value=43200000000, unit="CNY", kind="money", time="2021", source="IDC",
)  # fmt: skip


@dataclass
class Desk:
    """Editors deciding, one event after another, each a minute after the last."""

    now: dt.datetime = START
    lines: dict[str, list[str]] = field(default_factory=dict)

    def record(self, slug: str, event_type: Any, editor: str, claim: Claim, **fields: Any) -> Any:
        self.now += dt.timedelta(minutes=1)
        event = new_event(event_type, editor=editor, claim_id=claim.key, now=self.now, **fields)
        self.lines.setdefault(slug, []).append(dump_event_line(event))
        return event

    def publish(
        self, slug: str, claim: Claim, verdict: str, by: str, approver: str, **fields: Any
    ) -> Any:
        explanations = fields.pop("explanations", None) or {
            "zh-Hant": f"來源的報告與報導相符（{claim.text}）。",
            "en": f"The source's report matches the article ({claim.text}).",
        }
        verify = self.record(
            slug,
            Verify,
            by,
            claim,
            verdict=verdict,
            evidence_url=fields.pop(
                "evidence_url", "https://www.idc.com/getdoc.jsp?containerId=prCHC1"
            ),
            evidence_quote=fields.pop("evidence_quote", claim.text),
            explanations=explanations,
            **fields,
        )
        self.record(slug, Approve, approver, claim, verify_id=verify.id)
        return verify


def decisions() -> Iterator[tuple[str, str]]:
    """(slug, reviews.jsonl) for every article, as editors would have written them."""
    desk = Desk()
    desk.publish(TRADITIONAL, A_MARKET, "correct", "alice", "bob", source_value=432e8)
    desk.publish(TRADITIONAL, A_GROWTH, "correct", "alice", "bob")
    desk.publish(
        TRADITIONAL,
        A_GROWTH,
        "misleading",
        "carol",
        "alice",
        explanations={
            "zh-Hant": "增長率是預測值，不是統計結果。",
            "en": "The growth rate is a forecast, not a measurement.",
        },
    )
    desk.record(
        TRADITIONAL, Correct, "bob", A_TOPS, field="time", to="2022", reason="去年 is 2022 here"
    )
    desk.publish(TRADITIONAL, A_TOPS, "mostly_correct", "bob", "carol")
    desk.publish(
        TRADITIONAL,
        A_FUNDING,
        "unsupported",
        "carol",
        "bob",
        evidence_url="https://www.tianyancha.com/",
        evidence_quote="",
        explanations={"zh-Hant": "查無融資紀錄。", "en": "No record of the funding was found."},
    )
    desk.record(
        TRADITIONAL, Dismiss, "bob", A_MONTHS, why="not_a_claim", reason="時間長度，不是主張"
    )
    # Pending: verified, never approved. Nothing of it may reach the public.
    desk.record(
        TRADITIONAL,
        Verify,
        "alice",
        A_WEEKS,
        verdict="incorrect",
        evidence_url="https://example.org/pending",
        evidence_quote="pending",
        explanations={"zh-Hant": PENDING_EXPLANATION},
        note=INTERNAL_NOTE,
    )
    desk.publish(SIMPLIFIED, B_MARKET, "correct", "bob", "carol")
    desk.publish(ENGLISH, C_MARKET, "attributed_correctly", "carol", "alice")
    for slug, lines in desk.lines.items():
        yield slug, "".join(line + "\n" for line in lines)


ARTICLES = {
    TRADITIONAL: (
        Article(
            title="AI晶片市場的狂奔",
            publisher="測試社",
            author="某人",
            url="https://news.example.com/ai-chips",
            published=dt.date(2023, 6, 20),
            language="zh-Hant",
        ),
        TRADITIONAL_TEXT,
        [A_MARKET, A_GROWTH, A_TOPS, A_WEEKS, A_MONTHS, A_FUNDING, A_SHIPPED],
    ),
    SIMPLIFIED: (
        Article(
            title="国产芯片加速追赶",
            publisher="测试网",
            published=dt.date(2023, 6, 19),
            language="zh-Hans",
        ),
        SIMPLIFIED_TEXT,
        [B_MARKET, B_GROWTH, B_YEARS],
    ),
    ENGLISH: (
        Article(title="Nvidia's lead in AI chips", publisher="Test Wire", language="en"),
        ENGLISH_TEXT,
        [C_MARKET],
    ),
}


def write_newsroom(claims_dir: Path) -> Path:
    """claims/ with the three articles and every decision about them."""
    for slug, (article, text, claims) in ARTICLES.items():
        save_article(claims_dir / slug, article, text, claims)
    for slug, reviews in decisions():
        (claims_dir / slug / "reviews.jsonl").write_text(reviews, encoding="utf-8")
    return claims_dir


# --- fixtures: import them into a test module to use them ------------------------------------


@pytest.fixture(scope="module")
def newsroom_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """claimdesk.db (and reviews.db) built from the newsroom; the pages only read it."""
    root = tmp_path_factory.mktemp("newsroom")
    db_path = root / "claimdesk.db"
    build(write_newsroom(root / "claims"), db_path)
    return db_path


@pytest.fixture
async def newsroom_ds(newsroom_db: Path) -> Datasette:
    datasette = make_datasette(newsroom_db)
    await datasette.invoke_startup()
    return datasette


def url_of(claim: Claim) -> str:
    return f"/claim/{claim.id}"
