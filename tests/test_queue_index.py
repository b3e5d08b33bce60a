"""`claimdesk queue` reads reviews.db's claim_states when the databases are current, and the
files otherwise: the same rows, in the same order, either way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.cli.presenting import queue_rows
from claimdesk.cli.queue import indexed_queue_rows
from claimdesk.database.build import build
from claimdesk.vocabulary import STATUSES
from conftest import ARTICLE, CLAIMS_YML, REVIEWS_JSONL, ROOT, write_article
from test_guard import run  # a command on the project, with its databases

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, conftest's article with its published verdict, and three more articles of
    different dates, built, then worked on through the commands (which keep the databases
    current): every status, an added claim, a corrected source."""
    root = tmp_path_factory.mktemp("queue")
    claims = root / "claims"
    shutil.copytree(SEED, claims / SEED.name)
    write_article(claims, "idc-market", ARTICLE, CLAIMS_YML, REVIEWS_JSONL)
    for name, published in (("taiwan_semis", "2024-03-01"), ("cn_nbs_release", "2019-05-02")):
        run(root, "add", str(FIXTURES / f"{name}.txt"), "--published", published)
    run(root, "add", str(FIXTURES / "english_chips.txt"))
    build(claims, root / "claimdesk.db")
    ids = [row["claim_id"] for row in json.loads(run(root, "queue", "--format", "json"))["claims"]]
    first, second, third, fourth, fifth = ids[:5]
    run(root, "assign", first)
    verify = ["--verdict", "correct", "--evidence-url", "https://example.org/a"]
    verify += ["--evidence-quote", "原文如此"]
    run(root, "verify", second, *verify, "--explanation", "相符。")
    run(root, "verify", third, *verify, "--explanation", "相符。")
    run(root, "approve", third, editor="ben")
    run(root, "dismiss", fourth, "--reason", "not a figure")
    run(root, "correct", fifth, "--field", "source", "--to", "國際數據資訊", "--reason", "全名")
    run(root, "add-claim", "idc-market", "--start", "10", "--end", "14")
    return root


QUERIES = [
    ((), ()),
    ((), STATUSES),
    ((), ("dismissed", "published")),
    (("idc-market", "taiwan-semis"), ()),
    (("no-such-article",), ()),
    ((SEED.name,), ("in_progress", "needs_review")),
]


@pytest.mark.parametrize(("articles", "statuses"), QUERIES)
def test_the_database_gives_the_rows_the_files_give(
    project: Path, articles: tuple[str, ...], statuses: tuple[str, ...]
) -> None:
    indexed = indexed_queue_rows(project / "claims", project / "claimdesk.db", articles, statuses)
    assert indexed is not None  # the databases are current: read, not the files
    assert indexed == queue_rows(project / "claims", articles, statuses)


def test_the_fixture_has_claims_in_every_state_that_matters(project: Path) -> None:
    rows = queue_rows(project / "claims", (), STATUSES)
    assert {"unverified", "in_progress", "needs_review", "published", "dismissed"} <= {
        r["status"] for r in rows
    }
    assert any(r["source"] == "國際數據資訊" for r in rows)
    dates = [r["published"] for r in queue_rows(project / "claims", (), ())]
    assert dates[0] == "2019-05-02" and dates[-1] is None  # oldest article first


def test_the_command_prints_the_same_from_files_and_database(project: Path) -> None:
    for args in (["--format", "json"], ["--status", "needs_review"], []):
        from_database = run(project, "queue", *args)
        result = CliRunner().invoke(
            cli, ["queue", *args, "--claims-dir", str(project / "claims"), "--db", "none.db"]
        )
        assert result.output == from_database


def test_files_changed_since_the_build_are_read(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    write_article(claims, "idc-market", ARTICLE, CLAIMS_YML)
    db = tmp_path / "claimdesk.db"
    build(claims, db)
    assert indexed_queue_rows(claims, db, (), ()) is not None
    # an event from elsewhere (a git pull): the database no longer tells the truth
    (claims / "idc-market" / "reviews.jsonl").write_text(
        REVIEWS_JSONL.replace("c0000000002", "c0000000001"), "utf-8"
    )
    assert indexed_queue_rows(claims, db, (), ()) is None
    rows = json.loads(run(tmp_path, "queue", "--format", "json"))["claims"]
    assert [r["claim_id"] for r in rows] == ["c0000000002"]


def test_a_retracted_claim_is_ordered_by_the_files(tmp_path: Path) -> None:
    shutil.copytree(SEED, tmp_path / "claims" / SEED.name)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    claim = json.loads(run(tmp_path, "queue", "--format", "json"))["claims"][3]
    run(tmp_path, "assign", claim["claim_id"])  # reviewed: kept when it leaves the text
    text = (SEED / "article.txt").read_text("utf-8").replace(claim["sentence"], "")
    edited = tmp_path / f"{SEED.name}.txt"
    edited.write_text(text, "utf-8")
    run(tmp_path, "add", str(edited), "--update")
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    statuses = ("retracted", "unverified")
    assert indexed_queue_rows(tmp_path / "claims", tmp_path / "claimdesk.db", (), statuses) is None
    asked = [arg for status in statuses for arg in ("--status", status)]
    rows = json.loads(run(tmp_path, "queue", *asked, "--format", "json"))["claims"]
    assert rows == queue_rows(tmp_path / "claims", (), statuses)
    assert [r["status"] for r in rows].index("retracted") == 3  # where it was in the text
