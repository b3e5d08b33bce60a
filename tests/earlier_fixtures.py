"""A project where one quantity (China's new-energy vehicle output in the first half of 2023,
according to 中國汽車工業協會) is stated by several articles, some of whose checks are
published: for the earlier checks a claim's desk page and `claimdesk show` list."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from claimdesk.cli.main import cli

SENTENCE = "據{source}統計，{year}年上半年，我國新能源汽車產量{verb}{figure}。"
# slug: (source, year, figure, what happens to its check), in the order they are published.
ARTICLES: dict[str, tuple[str, str, str, str]] = {
    "ev-earlier": ("中國汽車工業協會", "2023", "378.8萬輛", "published"),
    "ev-other-source": ("乘聯會", "2023", "378.8萬輛", "published"),
    "ev-other-period": ("中國汽車工業協會", "2022", "378.8萬輛", "published"),
    "ev-other-unit": ("中國汽車工業協會", "2023", "378.8萬噸", "published"),
    "ev-not-close": ("中國汽車工業協會", "2023", "450萬輛", "published"),
    "ev-pending": ("中國汽車工業協會", "2023", "378.8萬輛", "verified"),
    "ev-dismissed": ("中國汽車工業協會", "2023", "378.8萬輛", "dismissed"),
    "ev-rounded": ("中國汽車工業協會", "2023", "約380萬輛", "published"),
    "ev-new": ("中國汽車工業協會", "2023", "378.8萬輛", "unverified"),
}
EVIDENCE_URL = "https://www.caam.org.cn/chn/4/cate_32/con_5236173.html"
NOTE = "內部：已核對協會PDF第3頁"


def cli_ok(project: Path, *args: str, editor: str = "amy") -> str:
    where = ["--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")]
    result = CliRunner().invoke(cli, [*args, *where], env={"CLAIMDESK_EDITOR": editor})
    assert result.exit_code == 0, result.output
    return result.output


@dataclass(frozen=True)
class Project:
    path: Path
    claims: dict[str, str]  # slug: the id of its claim of the quantity

    def public(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path / "claimdesk.db")

    def private(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path / "reviews.db")


def verify_args(figure: str) -> list[str]:
    return [
        "--verdict", "correct", "--evidence-url", EVIDENCE_URL,
        "--evidence-quote", f"上半年新能源汽車產量{figure}", "--source-value", figure,
        "--source-time", "2023-H1", "--explanation", "與中汽協公布的數字相符。", "--note", NOTE,
    ]  # fmt: skip


def make_project(path: Path) -> Project:
    """Every article added and built, and its check taken as far as ARTICLES says (amy
    verifies, ben approves), one after the other."""
    (path / "claims").mkdir(parents=True)
    (path / "incoming").mkdir()
    for day, (slug, (source, year, figure, _)) in enumerate(ARTICLES.items(), start=1):
        verb = "約為" if figure.startswith("約") else "為"
        text = SENTENCE.format(source=source, year=year, verb=verb, figure=figure.lstrip("約"))
        incoming = path / "incoming" / f"{slug}.txt"
        incoming.write_text(text + "\n", encoding="utf-8")
        published = f"2023-07-{day:02d}"
        cli_ok(path, "add", str(incoming), "--slug", slug, "--published", published)
    cli_ok(path, "build")
    connection = sqlite3.connect(path / "claimdesk.db")
    try:
        claims = dict(
            connection.execute(
                "select c.article_id, c.id from claims c"
                " join check_quantities q on q.claim_id = c.id"
            )
        )
    finally:
        connection.close()
    assert set(claims) == set(ARTICLES), claims
    for slug, (_, _, figure, fate) in ARTICLES.items():
        if fate == "unverified":
            continue
        cli_ok(path, "verify", claims[slug], *verify_args(figure.lstrip("約")))
        if fate != "verified":
            cli_ok(path, "approve", claims[slug], editor="ben")
        if fate == "dismissed":
            cli_ok(path, "dismiss", claims[slug], "--reason", "重複報導 a reprint")
    return Project(path, claims)
