"""The guard of the one write path: after any event, written in place by the command line (the
path the desk uses too), every table of both databases equals a from-scratch build of the same
files. If a write ever updated "only the changed rows" wrongly, a table here would differ."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.vocabulary import COUNTED_FACETS
from conftest import ARTICLE, CLAIMS_YML, ROOT, user_tables, write_article

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"
FIXTURES = ROOT / "tests" / "fixtures" / "checks"
# search_index.id is the rowid the full-text index keys on: it depends on the order rows were
# written, as the index's own storage does (conftest.user_tables leaves that out).


def snapshot(public: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of both databases, as sorted rows (row order and rowids aside)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for path in (public, public.with_name("reviews.db")):
        connection = sqlite3.connect(path)
        try:
            for name in user_tables(connection):
                cursor = connection.execute(f'select * from "{name}"')
                columns = [d[0] for d in cursor.description]
                keep = [i for i, c in enumerate(columns) if (name, c) != ("search_index", "id")]
                rows = [tuple(row[i] for i in keep) for row in cursor]
                tables[f"{path.name}:{name}"] = sorted(rows, key=repr)
        finally:
            connection.close()
    return tables


def assert_facet_counts_hold(public: Path) -> None:
    """The counts the triggers keep (claim_facets) are the claims counted afresh: a fresh
    build keeps them by the same triggers, so comparing with it alone would not show this."""
    connection = sqlite3.connect(public)
    try:
        for facet in COUNTED_FACETS:
            counted = connection.execute(
                f"select {facet}, count(*) from claims where {facet} is not null group by 1"
            ).fetchall()
            kept = connection.execute(
                "select value, claims from claim_facets where facet = ?", [facet]
            ).fetchall()
            assert sorted(kept) == sorted(counted), facet
    finally:
        connection.close()


def assert_equals_a_fresh_build(project: Path) -> None:
    assert_facet_counts_hold(project / "claimdesk.db")
    written = snapshot(project / "claimdesk.db")
    fresh = project / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    build(project / "claims", fresh / "claimdesk.db")
    rebuilt = snapshot(fresh / "claimdesk.db")
    assert written.keys() == rebuilt.keys()
    for table in written:
        assert written[table] == rebuilt[table], table


def run(project: Path, *args: str, editor: str = "amy") -> str:
    result = CliRunner().invoke(
        cli,
        [*args, "--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": editor},
    )
    assert result.exit_code == 0, result.output
    return result.output


def claim_where(project: Path, where: str) -> str:
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        row = connection.execute(f"select id from claims where {where} limit 1").fetchone()
    finally:
        connection.close()
    assert row is not None, where
    return str(row[0])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seed, the hand-written idc-market article, and three articles the checks relate
    (two of them state one quantity differently, so conflicts cross articles)."""
    claims = tmp_path / "claims"
    shutil.copytree(SEED, claims / SEED.name)
    write_article(claims, "idc-market", ARTICLE, CLAIMS_YML)
    for name in ("ev_sales_zh_hans", "ev_output_zh_hant", "tax_revenue_zh_hant"):
        slug = name.replace("_", "-")
        result = CliRunner().invoke(
            cli,
            ["add", str(FIXTURES / f"{name}.txt"), "--slug", slug, "--claims-dir", str(claims),
             "--db", str(tmp_path / "claimdesk.db")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    build(claims, tmp_path / "claimdesk.db")
    return tmp_path


VERIFY = ("--evidence-url", "https://example.org/r", "--evidence-quote", "表1", "--explanation",
          "相符。")  # fmt: skip


def _verified(project: Path, claim: str) -> None:
    run(project, "assign", claim)
    run(project, "verify", claim, "--verdict", "correct", *VERIFY, "--source-value", "432億")


# Each scenario is the steps before the event under test, then the event; the databases are
# compared after every step.
SCENARIOS: dict[str, Any] = {
    "assign": lambda p, c: [("assign", c)],
    "unassign": lambda p, c: [("assign", c), ("unassign", c)],
    "verify": lambda p, c: [("assign", c), ("verify", c, "--verdict", "correct", *VERIFY)],
    "approve": lambda p, c: [
        ("verify", c, "--verdict", "incorrect", *VERIFY, "--source-value", "99億"),
        ("approve", c, "@ben"),
    ],
    "send back": lambda p, c: [
        ("verify", c, "--verdict", "correct", *VERIFY),
        ("send-back", c, "--reason", "看表2", "@ben"),
    ],
    "dismiss": lambda p, c: [("dismiss", c, "--reason", "不是數字主張")],
    "restore": lambda p, c: [("dismiss", c, "--reason", "不是"), ("restore", c)],
    "a second verdict": lambda p, c: [
        ("verify", c, "--verdict", "correct", *VERIFY),
        ("approve", c, "@ben"),
        ("verify", c, "--verdict", "outdated", *VERIFY),
        ("approve", c, "@ben"),
    ],
}


def _apply(project: Path, steps: Sequence[tuple[str, ...]]) -> None:
    for step in steps:
        editor = next((s[1:] for s in step if s.startswith("@")), "amy")
        run(project, *(s for s in step if not s.startswith("@")), editor=editor)
        assert_equals_a_fresh_build(project)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("which", ["the seed's 2.8倍", "a figure in a conflict"])
def test_every_event_leaves_what_a_fresh_build_makes(
    project: Path, scenario: str, which: str
) -> None:
    where = (
        "text = '2.8倍'"
        if which.startswith("the seed")
        else ("id in (select claim_id from checks where kind = 'conflict')")
    )
    claim = claim_where(project, where)
    _apply(project, SCENARIOS[scenario](project, claim))


CORRECTIONS = [
    ("value", "text = '432億元'", "433億"),
    ("value_max", "text = '432億元'", "500億"),
    ("unit", "text = '432億元'", "USD"),
    ("kind", "text = '432億元'", "quantity"),
    ("qualifier", "qualifier = '超過'", "約"),
    ("qualifier", "qualifier = '超過'", "null"),
    ("qualifier", "qualifier is null and kind = 'money'", "將近"),
    ("qualifier_meaning", "qualifier = '超過'", "approximate"),
    ("time", "text = '432億元'", "2022"),
    ("source", "text = '432億元'", "國際數據資訊"),
    ("source", "source is not null", "null"),
    ("noun", "text = '432億元'", "市場"),
    # Corrects a figure a conflict across articles rests on: the conflict must follow.
    ("value", "text = '387.8萬輛'", "3788000"),
]


@pytest.mark.parametrize(
    ("field", "where", "to"), CORRECTIONS, ids=[f"{f}={t}" for f, _, t in CORRECTIONS]
)
def test_every_correction_leaves_what_a_fresh_build_makes(
    project: Path, field: str, where: str, to: str
) -> None:
    claim = claim_where(project, where)
    run(project, "correct", claim, "--field", field, "--to", to, "--reason", "原文如此")
    assert_equals_a_fresh_build(project)


def test_an_added_claim_leaves_what_a_fresh_build_makes(project: Path) -> None:
    start = ARTICLE.index("2021年")
    run(project, "add-claim", "idc-market", "--start", str(start), "--end", str(start + 5))
    assert_equals_a_fresh_build(project)


def test_a_build_after_a_changed_article_leaves_what_a_fresh_build_makes(project: Path) -> None:
    """`claimdesk build` on existing databases writes only what changed, by the same path."""
    _verified(project, claim_where(project, "text = '432億元'"))
    (project / "claims" / "idc-market" / "claims.yml").write_text(
        CLAIMS_YML.replace("title: AI芯片市場", "title: 新標題").replace(
            "source: IDC", "source: 國際數據"
        ),
        encoding="utf-8",
    )
    shutil.rmtree(project / "claims" / "tax-revenue-zh-hant")
    report = build(project / "claims", project / "claimdesk.db")
    assert (report.written, report.removed, report.fresh) == (
        ["idc-market"],
        ["tax-revenue-zh-hant"],
        False,
    )
    assert_equals_a_fresh_build(project)


def test_a_corrected_source_is_found_by_search_at_once(project: Path) -> None:
    from claimdesk.database.search import search

    claim = claim_where(project, "text = '432億元'")
    run(project, "correct", claim, "--field", "source", "--to", "國際數據資訊", "--reason", "全名")
    connection = sqlite3.connect(project / "claimdesk.db")
    try:
        found = {row["key"] for row in search(connection, "國際數據資訊")}
    finally:
        connection.close()
    assert claim in found


# --- any sequence of events -----------------------------------------------------------------

ACTIONS = st.sampled_from(
    [
        ("assign", "amy"),
        ("unassign", "amy"),
        ("verify", "amy"),
        ("approve", "ben"),
        ("send-back", "ben"),
        ("correct-value", "amy"),
        ("correct-qualifier", "ben"),
        ("dismiss", "ben"),
        ("restore", "amy"),
    ]
)


def _args(action: str, claim: str) -> list[str]:
    if action == "verify":
        return ["verify", claim, "--verdict", "mostly_correct", *VERIFY]
    if action == "send-back":
        return ["send-back", claim, "--reason", "再看"]
    if action == "correct-value":
        return ["correct", claim, "--field", "value", "--to", "431億", "--reason", "原文"]
    if action == "correct-qualifier":
        return ["correct", claim, "--field", "qualifier", "--to", "約", "--reason", "原文"]
    if action == "dismiss":
        return ["dismiss", claim, "--reason", "重複"]
    return [action, claim]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(ACTIONS, st.sampled_from([0, 1])), min_size=1, max_size=6))
def test_any_sequence_of_events_leaves_what_a_fresh_build_makes(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[tuple[str, str], int]]
) -> None:
    project = tmp_path_factory.mktemp("any")
    write_article(project / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(project / "claims", project / "claimdesk.db")
    claims = ["c0000000001", "c0000000002"]
    for (action, editor), which in steps:
        # A step the rules refuse (approving nothing, say) changes nothing: that is fine too.
        CliRunner().invoke(
            cli,
            [*_args(action, claims[which]), "--claims-dir", str(project / "claims"),
             "--db", str(project / "claimdesk.db")],
            env={"CLAIMDESK_EDITOR": editor},
        )  # fmt: skip
    assert_equals_a_fresh_build(project)
