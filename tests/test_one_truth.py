"""Issue 14's defects, one test each: each came from one concept written out several times,
and each is fixed by there being one of it (one claim type, one derivation, one write path)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.extract import extract_claims
from claimdesk.files.ingest import claims_from_extraction
from claimdesk.vocabulary import is_claim_id
from conftest import ARTICLE, CLAIMS_YML, ROOT, free_port, wait_for, write_article

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"
GROWTH = "c0000000002"  # 47.2%, in conftest's idc-market article


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    return tmp_path


def run(project: Path, *args: str, editor: str = "amy", code: int = 0) -> str:
    result = CliRunner().invoke(
        cli,
        [*args, "--claims-dir", str(project / "claims"), "--db", str(project / "claimdesk.db")],
        env={"CLAIMDESK_EDITOR": editor},
    )
    assert result.exit_code == code, result.output
    return result.output


def _queue(project: Path) -> str:
    result = CliRunner().invoke(
        cli, ["queue", "--format", "json", "--claims-dir", str(project / "claims")]
    )
    assert result.exit_code == 0, result.output
    return result.output


def rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


# --- 1. a correction is validated as an extracted claim is -----------------------------------


def test_1_a_qualifier_correction_carries_its_meaning_and_every_build_still_works(
    project: Path,
) -> None:
    run(project, "correct", GROWTH, "--field", "qualifier", "--to", "約", "--reason", "原文有約")
    assert rows(project / "claimdesk.db", "select qualifier, qualifier_meaning from claims "
                "where id = ?", GROWTH) == [("約", "approximate")]  # fmt: skip
    report = build(project / "claims", project / "claimdesk.db", full=True)
    assert report.problems == []


def test_1_a_correction_that_breaks_a_rule_is_refused_before_it_is_recorded(
    project: Path,
) -> None:
    # A word no one can read a meaning from, and none given: the pair would break.
    output = run(project, "correct", GROWTH, "--field", "qualifier", "--to", "某某",
                 "--reason", "x", code=1)  # fmt: skip
    assert f"claim {GROWTH}: qualifier_meaning: qualifier and qualifier_meaning go together" in (
        output
    )
    assert not (project / "claims" / "idc-market" / "reviews.jsonl").read_text("utf-8").strip()


def test_1_a_rule_breaking_line_from_a_merge_is_named_and_left_out(project: Path) -> None:
    log = project / "claims" / "idc-market" / "reviews.jsonl"
    good = (
        '{"id":"0188dd65-8d00-7000-a46d-d6122265b1f5","at":"2023-06-21T10:00:00Z",'
        '"editor":"amy","type":"assign","claim_id":"c0000000001"}'
    )
    # Written by hand (or by an older claimdesk): the qualifier without its meaning.
    broken = (
        '{"id":"0188dd9c-7b80-7000-b358-4f8cd8f16adf","at":"2023-06-21T11:00:00Z",'
        '"editor":"amy","type":"correct","claim_id":"c0000000002","field":"qualifier",'
        '"to":"約","reason":"原文有約"}'
    )
    log.write_text(f"{good}\n{broken}\n{{not json\n", encoding="utf-8")
    report = build(project / "claims", project / "claimdesk.db", full=True)
    problems = "\n".join(report.problems)
    assert "idc-market/reviews.jsonl:2: claim c0000000002:" in problems
    assert "qualifier and qualifier_meaning go together" in problems
    assert "idc-market/reviews.jsonl:3:" in problems and "not valid JSON" in problems
    # Everything else is published: the assignment counts, the claim is as extracted.
    assert rows(project / "reviews.db", "select assignee from claim_states where claim_id = ?",
                "c0000000001") == [("amy",)]  # fmt: skip
    assert rows(project / "claimdesk.db", "select qualifier from claims where id = ?",
                GROWTH) == [(None,)]  # fmt: skip
    assert len(rows(project / "reviews.db", "select * from log_problems")) == 2


# --- 2. a build while a server runs ---------------------------------------------------------


def _json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_2_a_build_while_serving_shows_the_new_article_without_a_restart(tmp_path: Path) -> None:
    for name in ("metadata.yml", "datasette.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    port = free_port()
    claimdesk = str(Path(sys.executable).parent / "claimdesk")
    process = subprocess.Popen(
        [claimdesk, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/claimdesk.json", deadline_seconds=90)
        write_article(tmp_path / "claims", "later", ARTICLE,
                      CLAIMS_YML.replace("c00000000", "c99999999"))  # fmt: skip
        built = subprocess.run([claimdesk, "build"], cwd=tmp_path, capture_output=True)
        assert built.returncode == 0, built.stderr
        # A desk action after the build lands where the pages read.
        acted = subprocess.run(
            [claimdesk, "assign", "c9999999901", "--editor", "amy"], cwd=tmp_path,
            capture_output=True,
        )  # fmt: skip
        assert acted.returncode == 0, acted.stderr
        deadline = time.monotonic() + 10
        while True:
            articles = _json(f"{base}/claimdesk/articles.json?_shape=array")
            assert isinstance(articles, list)
            if {a["id"] for a in articles} == {"idc-market", "later"}:
                break
            assert time.monotonic() < deadline, articles
            time.sleep(0.2)
        page = urllib.request.urlopen(f"{base}/article/later", timeout=10)
        assert page.status == 200
        state = rows(
            tmp_path / "reviews.db",
            "select assignee from claim_states where claim_id = 'c9999999901'",
        )
        assert state == [("amy",)]  # fmt: skip
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- 3. a dismissal takes the claim's checks off the public site at once --------------------


def test_3_dismissing_a_claim_takes_its_warnings_off_the_public_site_at_once(
    tmp_path: Path,
) -> None:
    shutil.copytree(SEED, tmp_path / "claims" / SEED.name)
    db = tmp_path / "claimdesk.db"
    build(tmp_path / "claims", db)
    (claim,) = rows(db, "select id from claims where text = '2.8倍'")[0]
    warned = "select count(*) from check_claims join checks on checks.id = check_id " \
        "where check_claims.claim_id = ? and result != 'ok'"  # fmt: skip
    assert rows(db, warned, claim) == [(1,)]
    run(tmp_path, "dismiss", str(claim), "--reason", "不是數字主張")
    assert rows(db, warned, claim) == [(0,)]


# --- 4. every reader shows the corrected claim ------------------------------------------------


def test_4_the_queue_shows_the_corrected_source(project: Path) -> None:
    run(project, "correct", GROWTH, "--field", "source", "--to", "國際數據資訊", "--reason", "全名")
    queue = json.loads(_queue(project))["claims"]
    assert {row["claim_id"]: row["source"] for row in queue}[GROWTH] == "國際數據資訊"


# --- 5. the figure is highlighted where it is, not where its text first occurs --------------

TWICE = "一季度同比增長6.7%，二季度增長6.7%。\n"


@pytest.fixture
def twice(tmp_path: Path) -> Path:
    """An article that states one figure twice in a sentence."""
    text = tmp_path / "twice.txt"
    text.write_text(TWICE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["add", str(text), "--slug", "twice", "--claims-dir", str(tmp_path / "claims")]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def test_5_show_marks_the_second_of_two_equal_figures(twice: Path) -> None:
    claims = json.loads(_queue(twice))["claims"]
    shown = [run(twice, "show", row["claim_id"]).splitlines()[1].strip() for row in claims]
    assert sorted(shown) == [
        "一季度同比增長6.7%，二季度增長⟦6.7%⟧。",
        "一季度同比增長⟦6.7%⟧，二季度增長6.7%。",
    ]


def test_5_the_desk_queue_knows_where_each_figure_is(twice: Path) -> None:
    build(twice / "claims", twice / "claimdesk.db")
    offsets = rows(twice / "reviews.db", "select figure_offset from claim_states order by start")
    assert offsets == [(7,), (17,)]


# --- 6. a claim id is found by parsing, never by searching bytes ------------------------------


def test_6_a_quoted_claim_id_is_found_by_every_review_command(tmp_path: Path) -> None:
    quoted = CLAIMS_YML.replace("- id: c0000000002", "- id: 'c0000000002'")
    write_article(tmp_path / "claims", "idc-market", ARTICLE, quoted)
    # No database yet, so no index: the files are read.
    output = run(tmp_path, "assign", GROWTH)
    assert "recorded assign" in output
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    # With the index.
    assert "recorded unassign" in run(tmp_path, "unassign", GROWTH)


# --- 9. claim ids are unique across the collection ------------------------------------------


def test_9_new_claim_ids_are_64_bits() -> None:
    (claim,) = claims_from_extraction("a", extract_claims("營收為47億元。"))
    assert is_claim_id(claim.key) and len(claim.key) == 17


def test_9_add_never_mints_an_id_another_article_has() -> None:
    (fresh,) = claims_from_extraction("a", extract_claims("營收為47億元。"))
    (again,) = claims_from_extraction("a", extract_claims("營收為47億元。"), {fresh.key})
    assert again.key != fresh.key and is_claim_id(again.key)


def test_9_a_duplicate_id_across_articles_names_both_and_the_rest_is_published(
    tmp_path: Path,
) -> None:
    write_article(tmp_path / "claims", "first", ARTICLE, CLAIMS_YML)
    write_article(tmp_path / "claims", "second", ARTICLE,
                  CLAIMS_YML.replace("c0000000002", "c2222222222"))  # fmt: skip
    report = build(tmp_path / "claims", tmp_path / "claimdesk.db")
    (problem,) = report.problems
    assert "second/claims.yml: claim c0000000001: id: article first" in problem
    db = tmp_path / "claimdesk.db"
    assert rows(db, "select id, article_id from claims order by id") == [
        ("c0000000001", "first"),
        ("c0000000002", "first"),
        ("c2222222222", "second"),
    ]


def test_9_a_desk_action_finds_the_claims_own_article(project: Path) -> None:
    """The index maps an id to the one article that holds it."""
    write_article(project / "claims", "other", ARTICLE,
                  CLAIMS_YML.replace("c00000000", "c77777777"))  # fmt: skip
    build(project / "claims", project / "claimdesk.db")
    run(project, "assign", "c7777777702")
    assert (project / "claims" / "other" / "reviews.jsonl").read_text("utf-8").strip()
    assert not (project / "claims" / "idc-market" / "reviews.jsonl").exists()


def test_a_desk_action_leaves_the_databases_current_so_serve_does_not_rebuild(
    project: Path,
) -> None:
    """Issue 16: an action did not update the build's record of the files, so the next
    `claimdesk serve` saw "claims/ changed" and rebuilt the corpus before serving."""
    from claimdesk.database.build import needs_build

    build(project / "claims", project / "claimdesk.db")
    run(project, "assign", "c0000000002")
    assert needs_build(project / "claims", project / "claimdesk.db") is None
    assert build(project / "claims", project / "claimdesk.db").written == []
