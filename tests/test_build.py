"""claims/ -> claimdesk.db: rows, keys, search, the rules the database keeps, atomic replace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from claimdesk.database.build import build, needs_build
from conftest import ARTICLE, CLAIMS_YML, write_article


@pytest.fixture
def built(claims_dir: Path, db_path: Path) -> sqlite_utils.Database:
    build(claims_dir, db_path)
    return sqlite_utils.Database(db_path)


def test_row_counts(claims_dir: Path, db_path: Path) -> None:
    counts = build(claims_dir, db_path).counts
    assert counts == {
        "articles": 1, "sources": 1, "claims": 2, "verdicts": 1, "checks": 0, "series": 0,
        "source_revisions": 0, "events": 2,
    }  # fmt: skip


def test_claims_point_at_their_article_and_source(built: sqlite_utils.Database) -> None:
    row = built.execute(
        "select articles.title, sources.name, claims.value, claims.unit from claims "
        "join articles on articles.id = claims.article_id "
        "join sources on sources.id = claims.source_id where claims.text = '432億元'"
    ).fetchone()
    assert row == ("AI芯片市場", "IDC", 43200000000, "CNY")


def test_foreign_keys_are_declared(built: sqlite_utils.Database) -> None:
    keys = {(fk.column, fk.other_table) for fk in built.table("claims").foreign_keys}
    assert keys == {
        ("article_id", "articles"),
        ("source_id", "sources"),
        ("verdict", "verdict_scale"),
    }
    assert {(fk.column, fk.other_table) for fk in built.table("verdicts").foreign_keys} == {
        ("claim_id", "claims"),
        ("verdict", "verdict_scale"),
    }


def test_faceted_columns_are_indexed(built: sqlite_utils.Database) -> None:
    # An index that starts with the column serves it (claims_source_id goes on to the order
    # of a source's page).
    leading = {index.columns[0] for index in built.table("claims").indexes}
    for column in ("article_id", "source_id", "status", "kind", "unit", "verdict"):
        assert column in leading


def test_full_text_search_finds_chinese_in_sentences(built: sqlite_utils.Database) -> None:
    found = [row["text"] for row in built.table("claims").search("市場規模")]
    assert sorted(found) == ["432億元", "47.2%"]
    assert [row["id"] for row in built.table("articles").search("同比增長")] == ["idc-market"]


def test_source_written_in_either_script_is_one_source(claims_dir: Path, db_path: Path) -> None:
    simplified = ARTICLE.replace("據IDC統計", "据IDC统计")
    write_article(
        claims_dir,
        "second",
        simplified,
        CLAIMS_YML.replace("c00000000", "c11111111").replace("據IDC統計", "据IDC统计"),
    )
    counts = build(claims_dir, db_path).counts
    assert counts["sources"] == 1
    assert counts["claims"] == 4


def test_same_claims_give_the_same_database(claims_dir: Path, tmp_path: Path) -> None:
    build(claims_dir, tmp_path / "one.db")
    build(claims_dir, tmp_path / "two.db")
    dumps = [list(sqlite3.connect(tmp_path / n).iterdump()) for n in ("one.db", "two.db")]
    assert dumps[0] == dumps[1]


def test_a_broken_article_is_named_and_the_rest_published(claims_dir: Path, db_path: Path) -> None:
    build(claims_dir, db_path)
    write_article(claims_dir, "broken", ARTICLE, CLAIMS_YML.replace("start: 17", "start: 1"))
    write_article(claims_dir, "fine", ARTICLE, CLAIMS_YML.replace("c00000000", "c10000000"))
    report = build(claims_dir, db_path)
    assert [p for p in report.problems if "broken/claims.yml" in p]
    assert report.written == ["fine"]
    articles = sqlite_utils.Database(db_path).execute("select id from articles order by id")
    assert articles.fetchall() == [("fine",), ("idc-market",)]
    # No temporary file is left behind (the journal of WAL mode is the database's own).
    assert not [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")]


def test_a_broken_article_keeps_the_rows_it_had(claims_dir: Path, db_path: Path) -> None:
    build(claims_dir, db_path)
    path = claims_dir / "idc-market" / "claims.yml"
    path.write_text(CLAIMS_YML.replace("start: 17", "start: 1"), encoding="utf-8")
    report = build(claims_dir, db_path)
    assert report.problems and report.written == []
    claims = sqlite_utils.Database(db_path).execute("select count(*) from claims").fetchone()
    assert claims == (2,)


def test_staleness_follows_the_claims_folder(claims_dir: Path, db_path: Path) -> None:
    assert needs_build(claims_dir, db_path) == "no claimdesk.db yet"
    build(claims_dir, db_path)
    assert needs_build(claims_dir, db_path) is None
    (claims_dir / "idc-market" / "claims.yml").write_text(
        CLAIMS_YML.replace("title: AI芯片市場", "title: 新標題"), encoding="utf-8"
    )
    assert needs_build(claims_dir, db_path) == "claims/ changed"


@pytest.mark.parametrize(
    "sql",
    [
        "update verdicts set verdict = 'incorrect'",
        "update verdicts set superseded_at = '2024-01-01' where superseded_at is null",
        "update corrections set to_value = '2023'",
    ],
)
def test_the_public_record_is_never_rewritten_in_place(
    built: sqlite_utils.Database, sql: str
) -> None:
    # Rows are derived: a write deletes an article's rows and inserts them anew, so deleting is
    # allowed; what reviews.jsonl recorded is what keeps the record from shrinking.
    built.execute(
        "insert into corrections values ('e1', 'c0000000001', 'idc-market', '2024-01-01', "
        "'field', 'time', '2021', '2022', 'the report covers 2022', 0)"
    )
    with pytest.raises(sqlite3.IntegrityError, match=r"append-only"):
        built.execute(sql)


def test_review_events_are_append_only(claims_dir: Path, db_path: Path) -> None:
    build(claims_dir, db_path)
    reviews = sqlite_utils.Database(db_path.with_name("reviews.db"))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        reviews.execute("update events set editor = 'mallory'")


@pytest.mark.parametrize(
    "sql",
    [
        pytest.param("update claims set status = 'done'", id="unknown status"),
        pytest.param("update claims set kind = 'cash'", id="unknown kind"),
        pytest.param(
            "update claims set verdict = null, verdict_at = null where status = 'published'",
            id="published, no verdict",
        ),
        pytest.param(
            "update claims set verdict = 'correct', verdict_at = '2024-01-01' "
            "where status = 'unverified'",
            id="verdict before approval",
        ),
        pytest.param(
            "update claims set status = 'retracted' where status = 'unverified'",
            id="retracted but still placed",
        ),
        pytest.param("update claims set flags = 'not json'", id="flags not a JSON list"),
    ],
)
def test_closed_vocabularies_are_checked(built: sqlite_utils.Database, sql: str) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        built.execute(sql)


def test_an_unknown_verdict_is_refused_by_the_scale(built: sqlite_utils.Database) -> None:
    built.execute("pragma foreign_keys = on")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        built.execute("update claims set verdict = 'pants_on_fire' where status = 'published'")


# --- incremental builds: progress, and the index of what each folder looked like ---------


def _three_articles(claims_dir: Path) -> None:
    for n in (1, 2):
        claims = CLAIMS_YML.replace("c00000000", f"c{n}0000000")
        write_article(claims_dir, f"idc-market-{n}", ARTICLE, claims)


def test_progress_counts_every_article_fresh_and_incremental(
    claims_dir: Path, db_path: Path
) -> None:
    _three_articles(claims_dir)
    seen: list[tuple[int, int]] = []
    build(claims_dir, db_path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    seen.clear()
    (claims_dir / "idc-market-2" / "article.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    build(claims_dir, db_path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stats are trusted at once (a real build waits until they are a few seconds old), and
    the folders the build reads are listed."""
    from claimdesk.database import build as build_module
    from claimdesk.files.store import read_folder

    monkeypatch.setattr(build_module.FileIndex, "SETTLE_NS", 0)
    read: list[str] = []
    real = read_folder

    def counted(folder: Path) -> dict[str, bytes]:
        read.append(folder.name)
        return real(folder)

    monkeypatch.setattr(build_module, "read_folder", counted)
    return read


def test_an_unchanged_folder_is_not_read_again(
    claims_dir: Path, db_path: Path, settled: list[str]
) -> None:
    _three_articles(claims_dir)
    build(claims_dir, db_path)
    assert sorted(settled) == ["idc-market", "idc-market-1", "idc-market-2"]
    assert db_path.with_name("reviews.db-files").exists()
    settled.clear()
    assert build(claims_dir, db_path).written == []
    assert settled == []
    with open(claims_dir / "idc-market-1" / "reviews.jsonl", "a", encoding="utf-8") as log:
        log.write("not an event\n")  # an append keeps the folder as it was
    report = build(claims_dir, db_path)
    assert settled == ["idc-market-1"] and report.written == ["idc-market-1"]
    assert needs_build(claims_dir, db_path) is None


@pytest.mark.parametrize(
    "saved", [b'{"version": 2, "claims_dir": "x", "entries": {}}', b"\x00garbage" * 50, b""]
)
def test_an_index_of_another_format_is_replaced(
    claims_dir: Path, db_path: Path, settled: list[str], saved: bytes
) -> None:
    # An index written by an older claimdesk (JSON), damaged or empty: the build reads every
    # folder, as with no index, and writes a new one that the next build trusts.
    _three_articles(claims_dir)
    build(claims_dir, db_path)
    index_path = db_path.with_name("reviews.db-files")
    index_path.write_bytes(saved)
    settled.clear()
    assert build(claims_dir, db_path).written == []
    assert sorted(settled) == ["idc-market", "idc-market-1", "idc-market-2"]
    settled.clear()
    assert build(claims_dir, db_path).written == [] and settled == []
    index = sqlite3.connect(index_path)
    assert index.execute("select count(*) from files").fetchone() == (3,)
    index.close()


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    claims_dir: Path, db_path: Path, settled: list[str]
) -> None:
    import os

    build(claims_dir, db_path)
    path = claims_dir / "idc-market" / "claims.yml"
    before = path.stat()
    path.write_text(CLAIMS_YML.replace("AI芯片市場", "AI晶片市場"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    # The change time cannot be set back: the incremental build reads the folder again.
    assert build(claims_dir, db_path).written == ["idc-market"]
    title = sqlite_utils.Database(db_path).execute("select title from articles").fetchone()
    assert title == ("AI晶片市場",)


def test_a_full_build_reads_every_folder_whatever_the_index_says(
    claims_dir: Path, db_path: Path, settled: list[str]
) -> None:
    from claimdesk.database.build import packed_stat
    from claimdesk.files.store import folder_stat

    build(claims_dir, db_path)
    path = claims_dir / "idc-market" / "claims.yml"
    path.write_text(CLAIMS_YML.replace("AI芯片市場", "AI晶片市場"), encoding="utf-8")
    # An index that lies (what a file system with coarse times could make it say): the
    # incremental build trusts it, and --full does not.
    index = sqlite3.connect(db_path.with_name("reviews.db-files"))
    with index:
        index.execute(
            "update files set stat = ? where slug = 'idc-market'",
            [packed_stat(folder_stat(path.parent))],
        )
    index.close()
    assert build(claims_dir, db_path).written == []
    assert build(claims_dir, db_path, full=True).written == ["idc-market"]
    title = sqlite_utils.Database(db_path).execute("select title from articles").fetchone()
    assert title == ("AI晶片市場",)
    assert build(claims_dir, db_path).written == []
