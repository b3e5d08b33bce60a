"""A source's figures are counted as progress counts them: only those in article bodies. A
figure after the byline (a disclaimer, another article's teaser) keeps the name its article
gives, but counts towards no source, on /sources, a source's page or its counts (issue 17)."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

from datasette.app import Datasette

from claimdesk.database.build import build
from conftest import make_datasette, write_article

TEXT = "據IDC統計,2021年市場規模為432億元。\n作者:某人\nIDC稱全球出貨1,200萬臺。\n"

CLAIMS = textwrap.dedent(
    """\
    article:
      title: 市場規模
      publisher: 測試社
      language: zh-Hant
    claims:
    - id: c0000000011
      start: 17
      end: 22
      text: 432億元
      sentence: 據IDC統計,2021年市場規模為432億元。
      value: 43200000000
      unit: CNY
      kind: money
      time: '2021'
      source: IDC
    - id: c0000000012
      start: 38
      end: 45
      text: 1,200萬臺
      sentence: IDC稱全球出貨1,200萬臺。
      value: 12000000
      unit: count
      kind: count
      source: IDC
      flags: [outside_body]
    """
)


async def built(tmp_path: Path) -> tuple[Datasette, Path]:
    db_path = tmp_path / "claimdesk.db"
    write_article(tmp_path / "claims", "market", TEXT, CLAIMS)
    build(tmp_path / "claims", db_path)
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    return datasette, db_path


async def test_a_figure_after_the_byline_counts_towards_no_source(tmp_path: Path) -> None:
    datasette, db_path = await built(tmp_path)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("select attributed from sources where id = 'IDC'").fetchall() == [
            (1,)
        ]
        assert connection.execute(
            "select sum(claims) from source_counts where source_id = 'IDC'"
        ).fetchall() == [(1,)]
        # The claim keeps the name its article writes.
        assert connection.execute(
            "select source, source_id from claims where id = 'c0000000012'"
        ).fetchall() == [("IDC", None)]
    page = (await datasette.client.get("/source/IDC")).text
    assert "432億元" in page
    assert "1,200萬臺" not in page
    assert "Figures attributed</span></dt><dd>1</dd>" in page
    sources = (await datasette.client.get("/sources")).text
    assert '引述</span> <span lang="en">Attributed</span> 1 ' in sources


async def test_a_figure_after_the_byline_still_names_its_source(tmp_path: Path) -> None:
    datasette, _ = await built(tmp_path)
    html = (await datasette.client.get("/claim/c0000000012")).text
    facts = html[html.index('<dl class="facts">') :]
    source = facts[facts.index("Source</span></dt>") :]
    assert source.startswith("Source</span></dt><dd>IDC")
    assert "None given" not in source[:200]
