"""A project for the desk's series cells: one article of port and trade figures, the committed
real data.gov.sg and DGBAS tables imported as the cron job would, and small series made up for
these tests (marked so below), each there to be offered or left out for one reason."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import yaml
from click.testing import CliRunner

from claimdesk.cli.main import cli
from earlier_fixtures import cli_ok
from series_fixtures import SG_JUNE, SG_MAY, TW_CPI

# Written for these tests (the figures of 2023 are near the real ones; 2031's is not yet).
ARTICLE = """亞洲港口與貿易

新加坡海事及港務管理局的數據顯示，2023年4月新加坡港口貨櫃吞吐量為326萬標準箱。

上海國際港務集團表示，2023年4月上海港貨櫃吞吐量為420萬標準箱。

新加坡海事及港務管理局的數據顯示，2031年4月新加坡港口貨櫃吞吐量為326萬標準箱。

新加坡統計局的數據顯示，2023年新加坡出口總額為4500億美元。
"""
SLUG = "ports"

SHA = "0" * 64
MADE_UP_URL = "https://example.org/made-up-for-tests/"


@dataclass(frozen=True)
class MadeUp:
    """A series made up for these tests: one release, a few cells."""

    id: str
    unit: str  # the claim unit; for money, the currency
    frequency: str
    cells: dict[str, int | float]
    kind: str = "quantity"

    def write(self, claims_dir: Path) -> None:
        folder = claims_dir / "series" / self.id
        (folder / "releases").mkdir(parents=True)
        info = {
            "id": self.id,
            "publisher": "測試機構 Made up for tests",
            "title_zh": f"測試數列 {self.id}",
            "title_en": f"Test series {self.id} (made up)",
            "kind": self.kind,
            "frequency": self.frequency,
            **({"currency": self.unit} if self.kind == "money" else {"unit": self.unit}),
        }
        release = {
            "released": "2023-05-20",
            "url": MADE_UP_URL + self.id,
            "retrieved": "2023-05-20T00:00:00Z",
            "sha256": SHA,
            "cells": self.cells,
        }
        for name, content in (("series.yml", info), ("releases/2023-05-20.yml", release)):
            text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
            (folder / name).write_text(text, encoding="utf-8")


MADE_UP = (
    # The same unit and period as the Singapore claim, and near it: offered, after Singapore's.
    MadeUp("sh-port", "TEU", "monthly", {"2023-03": 4_100_000, "2023-04": 4_150_000}),
    # The same unit and period, far from every claim's value: never offered.
    MadeUp("hk-port", "TEU", "monthly", {"2023-04": 1_250_000}),
    # The same unit, a quarter that holds April: another period, never offered.
    MadeUp("sg-port-quarterly", "TEU", "quarterly", {"2023-04/2023-06": 3_260_000}),
    # The same period and value in another unit: never offered.
    MadeUp("points", "point", "monthly", {"2023-04": 3_260_000}),
    # Money: offered by the claim's currency, not by its value alone.
    MadeUp("exports-usd", "USD", "annual", {"2023": 442_000_000_000}, kind="money"),
    MadeUp("exports-sgd", "SGD", "annual", {"2023": 450_000_000_000}, kind="money"),
)


@dataclass(frozen=True)
class Project:
    path: Path
    claims: dict[str, str]  # the claim's text and time ("326萬標準箱 2023-04"): its id

    @property
    def log(self) -> Path:
        return self.path / "claims" / SLUG / "reviews.jsonl"


def make_project(path: Path, *, made_up: bool = True) -> Project:
    claims_dir = path / "claims"
    claims_dir.mkdir(parents=True)
    text = path / "ports.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(text), "--slug", SLUG, "--language",
                                      "zh-Hant", "--claims-dir", str(claims_dir)])  # fmt: skip
    assert result.exit_code == 0, result.output
    for published in (SG_MAY, SG_JUNE, TW_CPI):
        imported = CliRunner().invoke(cli, published.import_args(claims_dir))
        assert imported.exit_code == 0, imported.output
    if made_up:
        for series in MADE_UP:
            series.write(claims_dir)
    cli_ok(path, "build")
    public = sqlite3.connect(path / "claimdesk.db")
    try:
        rows = public.execute("select text || ' ' || time, id from claims").fetchall()
    finally:
        public.close()
    claims = dict(rows)
    assert set(claims) == {"326萬標準箱 2023-04", "420萬標準箱 2023-04", "326萬標準箱 2031-04",
                           "4500億美元 2023"}, claims  # fmt: skip
    return Project(path, claims)
