"""Properties: a consistent article gives no warning, and breaking any one of its figures gives
a warning on that figure.

Articles are made of sentences that each state one relation with figures computed from true
values and written rounded, the way a careful reporter writes them; they go through the real
extractor. Breaking a figure moves it further than any rounding could.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from claimdesk.checks import ArticleFigures, CheckResult, check_article, figures_from_extracted
from claimdesk.extract import extract_claims

SUBJECTS = ["华东区", "华南区", "西部地区", "东北地区", "京津冀地区", "长三角地区"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"]


@dataclass(frozen=True)
class Slot:
    """A figure of a sentence: as the consistent article writes it, and broken."""

    text: str
    broken: str


Sentence = tuple[str | Slot, ...]


def _round(value: Decimal, places: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _tenths(n: int) -> str:
    return _round(Decimal(n) / 10, 1)


@st.composite
def growth(draw: st.DrawFn, subject: str) -> Sentence:
    """从A增至B，同比增长r%."""
    base = draw(st.integers(50, 999))
    rate = draw(st.integers(10, 900))  # tenths of a percent
    new = _round(Decimal(base) * (1000 + rate) / 1000, 1)
    return (
        f"{subject}营收从",
        Slot(f"{base}亿元", f"{base * 3 // 2}亿元"),
        "增至",
        Slot(f"{new}亿元", f"{_round(Decimal(new) * 3 / 2, 1)}亿元"),
        "，同比增长",
        Slot(f"{_tenths(rate)}%", f"{_tenths(rate + 200)}%"),
        "。",
    )


@st.composite
def growth_en(draw: st.DrawFn, company: str) -> Sentence:
    """rose from $A million to $B million, up r%."""
    base = draw(st.integers(50, 999))
    rate = draw(st.integers(10, 900))
    new = _round(Decimal(base) * (1000 + rate) / 1000, 1)
    return (
        f"Sales at {company} rose from ",
        Slot(f"${base} million", f"${base * 3 // 2} million"),
        " to ",
        Slot(f"${new} million", f"${_round(Decimal(new) * 3 / 2, 1)} million"),
        ", up ",
        Slot(f"{_tenths(rate)}%", f"{_tenths(rate + 200)}%"),
        ".",
    )


@st.composite
def points(draw: st.DrawFn, subject: str) -> Sentence:
    """从p1%升至p2%，上升d个百分点."""
    first = draw(st.integers(10, 600))
    change = draw(st.integers(1, 300))
    return (
        f"{subject}失业率从",
        Slot(f"{_tenths(first)}%", f"{_tenths(first + 50)}%"),
        "升至",
        Slot(f"{_tenths(first + change)}%", f"{_tenths(first + change + 50)}%"),
        "，上升",
        Slot(f"{_tenths(change)}个百分点", f"{_tenths(change + 50)}个百分点"),
        "。",
    )


@st.composite
def shares(draw: st.DrawFn, subject: str) -> Sentence:
    """X占s%的份额，其余的(100 − s)%."""
    share = draw(st.integers(10, 990))
    rest = 1000 - share

    def broken(tenths: int) -> str:
        return _tenths(tenths - 50 if tenths > 500 else tenths + 50)

    return (
        f"{subject}龙头企业占",
        Slot(f"{_tenths(share)}%", f"{broken(share)}%"),
        "的份额，其余的",
        Slot(f"{_tenths(rest)}%", f"{broken(rest)}%"),
        "由其他企业瓜分。",
    )


@st.composite
def parts(draw: st.DrawFn, subject: str) -> Sentence:
    """合计T，分别为p1、p2和p3."""
    values = draw(st.lists(st.integers(20, 500), min_size=3, max_size=3))
    total = sum(values)
    slots = [Slot(f"{v}亿元", f"{v // 2}亿元") for v in values]
    return (
        f"{subject}三家公司合计营收",
        Slot(f"{total}亿元", f"{total + 50}亿元"),
        "，分别为",
        slots[0],
        "、",
        slots[1],
        "和",
        slots[2],
        "。",
    )


@st.composite
def derived(draw: st.DrawFn, subject: str) -> Sentence:
    """上半年H，按全年两倍计算为Y."""
    half = Decimal(draw(st.integers(1000, 99999))) / 100
    year = _round(half * 2, 1)
    return (
        f"上半年{subject}融资额为",
        Slot(f"{half}亿元", f"{half + 10}亿元"),
        "，按全年两倍计算为",
        Slot(f"{year}亿元", f"{_round(Decimal(year) + 10, 1)}亿元"),
        "。",
    )


@st.composite
def total_change(draw: st.DrawFn, subject: str) -> Sentence:
    """T，比上年增加D，同比增长r%."""
    base = Decimal(draw(st.integers(100, 9999)))
    rate = draw(st.integers(5, 500))
    change = base * rate / 1000
    total = base + change
    return (
        f"{subject}税收收入",
        Slot(f"{_round(total, 1)}亿元", f"{_round(total * 2, 1)}亿元"),
        "，比上年增加",
        Slot(f"{_round(change, 1)}亿元", f"{_round(change * 2, 1)}亿元"),
        "，同比增长",
        Slot(f"{_tenths(rate)}%", f"{_tenths(rate + 100)}%"),
        "。",
    )


KINDS = [growth, points, shares, parts, derived, total_change]


@st.composite
def articles(draw: st.DrawFn) -> list[Sentence]:
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=len(SUBJECTS)))
    sentences = [draw(kind(subject)) for kind, subject in zip(kinds, SUBJECTS, strict=False)]
    if draw(st.booleans()):
        sentences.append(draw(growth_en(draw(st.sampled_from(COMPANIES)))))
    return sentences


def _write(sentences: list[Sentence], broken: Slot | None = None) -> tuple[str, int | None]:
    """The article's text, and where the broken figure starts."""
    text, at = "", None
    for sentence in sentences:
        for part in sentence:
            if isinstance(part, Slot):
                if part is broken:
                    at = len(text)
                text += part.broken if part is broken else part.text
            else:
                text += part
        text += "\n"
    return text, at


def _check(text: str) -> tuple[ArticleFigures, list[CheckResult]]:
    article = ArticleFigures("generated", text, figures_from_extracted(extract_claims(text)))
    return article, list(check_article(article).results)


@given(articles())
def test_a_consistent_article_gives_no_warning(sentences: list[Sentence]) -> None:
    text, _ = _write(sentences)
    _, results = _check(text)
    assert [r for r in results if r.result != "ok"] == [], text
    # Every relation was found, so the property says something.
    assert len(results) == len(sentences), text


@given(articles(), st.data())
def test_breaking_one_figure_gives_a_warning_on_it(
    sentences: list[Sentence], data: st.DataObject
) -> None:
    slots = [part for sentence in sentences for part in sentence if isinstance(part, Slot)]
    broken = data.draw(st.sampled_from(slots))
    text, at = _write(sentences, broken)
    article, results = _check(text)
    (claim,) = [f for f in article.figures if f.start == at]
    flagged = [r for r in results if r.result != "ok" and claim.key in r.related]
    assert flagged, text
