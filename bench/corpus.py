"""A seeded corpus of claims for benchmarks (not a test): years of a newsroom's work.

Usage: uv run python bench/corpus.py OUT --claims 100000 [--seed 1]

Writes OUT/claims/, one folder per article, about `--claims` claims in all, that
`claimdesk build` builds with no problems. The articles are the repository's own (the seed in
claims/ and tests/fixtures/articles/*.txt), each extracted ONCE with the real `add_article`
into a template, then copied many times with substitutions, never extracted again:

- each copy has its own slug, title, publication date (spread over 2019-2026), publisher, URL
  and fresh claim ids;
- the sources its claims name are drawn from a pool of a few thousand names, Zipf-like (a few
  cited everywhere, most rarely), so the sources table grows with the corpus;
- its text ends with a byline line of its own (appended, so every claim's offsets still hold);
- its reviews.jsonl holds events made with the real event models (review/events.py) in
  realistic proportions: about 10% of claims verified and approved by two different editors,
  6% assigned only, 4% verified and awaiting approval, 1.5% dismissed.

The seed article is drawn more often than the others so that an article has about 32 claims
on average, as the issue's corpus had. The same seed and size give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdesk.claim import Claim
from claimdesk.files.ingest import add_article
from claimdesk.files.store import ARTICLE_TEXT, CLAIMS_FILE, REVIEWS_FILE
from claimdesk.review.events import (
    Approve,
    Assign,
    BaseEvent,
    Dismiss,
    Verify,
    dump_event_line,
    new_event_id,
)
from claimdesk.review.verdicts import Verdict

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# How often each template is drawn, relative to the others (1): the seed's 42 claims bring
# the mean to about 32 claims an article.
SEED_WEIGHT = 4.3

# What happens to a claim, as a share of all claims (the rest are never touched).
APPROVED = 0.10
ASSIGNED = 0.06
AWAITING = 0.04
DISMISSED = 0.015

FIRST_DAY = dt.date(2019, 1, 1)
DAYS = (dt.date(2026, 6, 30) - FIRST_DAY).days

EDITORS = (
    "amy", "bo", "chen", "dana", "eli", "fang", "gus", "hui", "ines", "jun", "kai", "lin",
)  # fmt: skip
PUBLISHERS = (
    "中央社", "港股研究社", "財新", "澎湃新聞", "經濟日報", "聯合報", "明報", "端傳媒",
    "第一財經", "21世紀經濟報道", "South China Morning Post", "Reuters", "Nikkei Asia",
    "天下雜誌", "商業周刊", "界面新聞", "新京報", "信報",
)  # fmt: skip
AUTHORS = ("王小明", "李珊", "陳志豪", "張欣", "林怡君", "Wong Ka-ho", "Li Wei", "周潔")
DOMAINS = ("news.example.com", "www.example.org", "finance.example.net", "example.hk")

# Sources are made as place or brand, then kind of body: a few thousand names in all.
_SOURCE_HEADS = (
    "中國", "台灣", "香港", "上海", "深圳", "北京", "廣東", "浙江", "江蘇", "新加坡", "日本",
    "美國", "歐洲", "亞太", "華南", "華東", "國泰", "中信", "華泰", "國海", "招商", "海通",
    "申萬", "光大", "興業", "平安", "富邦", "元大", "凱基", "永豐", "群益", "統一", "玉山",
    "中金", "東方", "天風", "長江", "廣發", "安信", "方正", "民生", "西南", "東吳", "國信",
    "開源", "華西", "德邦", "財通", "浙商", "信達",
)  # fmt: skip
_SOURCE_KINDS = (
    "統計局", "證券", "證券研究所", "研究院", "經濟研究所", "產業研究院", "諮詢", "資訊",
    "商務局", "海關", "發改委", "半導體協會", "電子協會", "汽車協會", "旅遊局", "零售協會",
    "銀行", "財政部", "央行", "交易所", "工商會", "投資局", "數據中心", "大學經濟學院",
    "智庫", "市場研究", "消費者委員會", "能源局", "電力公司", "運輸署",
)  # fmt: skip
_SOURCE_ENGLISH = (
    "IDC", "Gartner", "Counterpoint", "TrendForce", "Canalys", "IHS Markit", "Omdia",
    "Morgan Stanley", "Goldman Sachs", "UBS", "Bernstein", "Jefferies", "IMF", "World Bank",
    "OECD", "McKinsey", "Deloitte", "PwC", "KPMG", "EY",
)  # fmt: skip


def source_pool() -> list[str]:
    names = [head + kind for head in _SOURCE_HEADS for kind in _SOURCE_KINDS]
    return list(_SOURCE_ENGLISH) + names


@dataclass(frozen=True)
class Template:
    """One article, extracted once: its text, and claims.yml's claims part cut where a copy
    puts its own values (claim ids, source names)."""

    name: str
    text: str
    claims: list[Claim]
    language: str
    currency: str | None
    title: str
    # Literal YAML, then a hole, alternately: holes are ("id", index) or ("source", name).
    pieces: list[str | tuple[str, int | str]]
    sources: list[str]


_HOLE = re.compile(r"^(- id: )(c[0-9a-f]+)$|^(  source: )(.+)$", re.MULTILINE)


def make_template(name: str, text_path: Path, scratch: Path) -> Template:
    """Extract the article once, with the real `add_article`, and cut its claims.yml."""
    stored = add_article(text_path, scratch, slug=name)
    written = (scratch / name / CLAIMS_FILE).read_text(encoding="utf-8")
    body = written[written.index("\nclaims:") + 1 :]
    pieces: list[str | tuple[str, int | str]] = []
    at, index = 0, 0
    for m in _HOLE.finditer(body):
        if m.group(1):
            pieces += [body[at : m.start(2)], ("id", index)]
            index += 1
            at = m.end(2)
        elif m.group(4) != "null":
            pieces += [body[at : m.start(4)], ("source", stored.claims[index - 1].source or "")]
            at = m.end(4)
    pieces.append(body[at:])
    assert index == len(stored.claims), f"{name}: cut {index} ids of {len(stored.claims)}"
    named = sorted({c.source for c in stored.claims if c.source})
    return Template(
        name,
        (scratch / name / ARTICLE_TEXT).read_text(encoding="utf-8"),
        stored.claims,
        stored.article.language,
        stored.article.currency,
        stored.article.title,
        pieces,
        named,
    )


def templates(scratch: Path) -> list[tuple[Template, float]]:
    """Every article of the repository once (the fixtures' seed.txt is the seed again)."""
    found = [(make_template("seed", SEED_ARTICLE, scratch), SEED_WEIGHT)]
    seed_text = SEED_ARTICLE.read_bytes()
    for path in sorted(FIXTURES.glob("*.txt")):
        if path.read_bytes() != seed_text:
            name = path.stem.replace("_", "-")
            found.append((make_template(name, path, scratch), 1.0))
    return found


def _q(value: str | None) -> str:
    """A YAML scalar: a JSON string is a valid double-quoted YAML scalar."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


@dataclass
class Summary:
    articles: int = 0
    claims: int = 0
    events: int = 0


class Corpus:
    def __init__(self, seed: int, made: list[tuple[Template, float]]) -> None:
        self.rng = random.Random(seed)
        self.templates = [t for t, _ in made]
        self.weights = [w for _, w in made]
        self.pool = source_pool()
        self.rng.shuffle(self.pool)
        # Zipf-like: the k-th name of the pool is cited about 1/k as often as the first.
        self.cumulative: list[float] = []
        total = 0.0
        for k in range(1, len(self.pool) + 1):
            total += 1.0 / k
            self.cumulative.append(total)

    def source(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        lo, hi = 0, len(self.cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cumulative[mid] < point:
                lo = mid + 1
            else:
                hi = mid
        return self.pool[lo]

    def articles(self, claims: int) -> Iterator[tuple[Template, int]]:
        made = 0
        n = 0
        while made < claims:
            template = self.rng.choices(self.templates, self.weights)[0]
            # Stop at the copy that comes closest to the asked count.
            if made + len(template.claims) - claims > claims - made:
                break
            yield template, n
            made += len(template.claims)
            n += 1

    def write(self, out: Path, template: Template, n: int, total: int) -> tuple[int, int]:
        rng = self.rng
        slug = f"{template.name}-{n:07d}"
        # Spread over the years in order of n, with a few days' jitter.
        day = min(DAYS, max(0, n * DAYS // max(1, total) + rng.randint(-3, 3)))
        published = FIRST_DAY + dt.timedelta(days=day)
        publisher = rng.choice(PUBLISHERS)
        author = rng.choice(AUTHORS)
        title = f"{template.title}（{publisher}）" if n % 3 else template.title
        url = f"https://{rng.choice(DOMAINS)}/{published:%Y/%m}/{slug}"
        ids = [f"c{rng.getrandbits(64):016x}" for _ in template.claims]
        renamed = {name: self.source() for name in template.sources}
        yaml_text = "".join(
            [
                "article:\n",
                f"  title: {_q(title)}\n",
                f"  publisher: {_q(publisher)}\n",
                f"  author: {_q(author)}\n",
                f"  url: {_q(url)}\n",
                f"  published: '{published.isoformat()}'\n",
                f"  language: {template.language}\n",
                f"  currency: {_q(template.currency)}\n",
            ]
            + [
                piece
                if isinstance(piece, str)
                else ids[int(piece[1])]
                if piece[0] == "id"
                else _q(renamed[str(piece[1])])
                for piece in template.pieces
            ]
        )
        editor = rng.choice(EDITORS)
        if template.language == "en":
            byline = f"\n\n(Reported by {author} for {publisher}; edited by {editor}.)\n"
        else:
            byline = f"\n\n（{publisher}記者{author}報道，責任編輯{editor}）\n"
        folder = out / slug
        folder.mkdir()
        (folder / ARTICLE_TEXT).write_text(template.text + byline, encoding="utf-8")
        (folder / CLAIMS_FILE).write_text(yaml_text, encoding="utf-8")
        lines = self.events(template, ids, published)
        if lines:
            (folder / REVIEWS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(ids), len(lines)

    def events(self, template: Template, ids: list[str], published: dt.date) -> list[str]:
        start = dt.datetime(published.year, published.month, published.day, 9, tzinfo=dt.UTC)
        made: list[BaseEvent] = []
        for claim, claim_id in zip(template.claims, ids, strict=True):
            made += self.claim_events(claim, claim_id, template.language, start)
        made.sort(key=lambda e: (e.at, e.id))
        return [dump_event_line(e) for e in made]

    def claim_events(
        self, claim: Claim, claim_id: str, language: str, start: dt.datetime
    ) -> list[BaseEvent]:
        """One claim's events: none, dismissed, assigned, verified, or verified and approved
        by a second editor, with the real event models."""
        rng = self.rng
        u = rng.random()
        if u >= APPROVED + ASSIGNED + AWAITING + DISMISSED:
            return []
        at = start + dt.timedelta(minutes=rng.randint(5, 60 * 24 * 3))
        first, second = rng.sample(EDITORS, 2)

        def when(minutes: int) -> dict[str, Any]:
            moment = at + dt.timedelta(minutes=minutes, microseconds=rng.randrange(10**6))
            event_id = new_event_id(moment, randbits=rng.getrandbits)
            return {"id": event_id, "at": moment, "claim_id": claim_id}

        if u < DISMISSED:
            reason = "不是一個可查核的說法"
            return [Dismiss(**when(0), editor=first, reason=reason, why="not_a_claim")]
        made: list[BaseEvent] = [Assign(**when(0), editor=first)]
        if u < DISMISSED + ASSIGNED:
            return made
        fields = _verification(rng, claim, language)
        verify = Verify(**when(rng.randint(30, 600)), editor=first, **fields)
        made.append(verify)
        if u < DISMISSED + ASSIGNED + AWAITING:
            return made
        made.append(Approve(**when(rng.randint(700, 3000)), editor=second, verify_id=verify.id))
        return made


_VERDICTS = [
    (Verdict.CORRECT, 0.55),
    (Verdict.MOSTLY_CORRECT, 0.15),
    (Verdict.MISLEADING, 0.07),
    (Verdict.INCORRECT, 0.08),
    (Verdict.UNSUPPORTED, 0.07),
    (Verdict.OUTDATED, 0.03),
    (Verdict.ATTRIBUTED_CORRECTLY, 0.05),
]


def _verification(rng: random.Random, claim: Claim, language: str) -> dict[str, Any]:
    verdict = rng.choices([v for v, _ in _VERDICTS], [w for _, w in _VERDICTS])[0]
    quoted = "" if verdict is Verdict.UNSUPPORTED else f"……{claim.text}……"
    explanation = (
        f"The source gives {claim.text} as the article says."
        if language == "en"
        else f"原始資料與文中的{claim.text}一致。"
    )
    fields: dict[str, Any] = {
        "verdict": verdict,
        "evidence_url": f"https://{rng.choice(DOMAINS)}/report/{rng.getrandbits(32):08x}",
        "evidence_quote": quoted,
        "explanations": {language: explanation},
    }
    if verdict is Verdict.CORRECT and claim.value is not None:
        fields["source_value"] = claim.value
        fields["source_unit"] = claim.unit
    return fields


def make_corpus(out: Path, claims: int, seed: int = 1, *, quiet: bool = True) -> Summary:
    """Write OUT/claims/ with about `claims` claims; OUT/claims must not exist yet."""
    claims_dir = out / "claims"
    claims_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Corpus(seed, templates(Path(scratch)))
    planned = list(corpus.articles(claims))
    summary = Summary()
    started = time.perf_counter()
    for template, n in planned:
        made, events = corpus.write(claims_dir, template, n, len(planned))
        summary.articles += 1
        summary.claims += made
        summary.events += events
        if not quiet and summary.articles % 5000 == 0:
            print(f"  {summary.articles} articles, {time.perf_counter() - started:.0f} s")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="the folder to write claims/ into")
    parser.add_argument("--claims", type=int, default=10_000, help="about how many claims")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    summary = make_corpus(args.out, args.claims, args.seed, quiet=False)
    print(
        f"{args.out / 'claims'}: {summary.articles} articles, {summary.claims} claims, "
        f"{summary.events} events in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
