"""Search at the database level: folding, the FTS5 query, the index `claimdesk build` writes,
ranking, and locating the matched words for highlighting. The pages' side is in
test_public_search.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.claim import Claim
from claimdesk.database.search import (
    aliases,
    fold,
    match_expression,
    read_aliases,
    search,
)
from claimdesk.web.public.highlight import hits, matched_spans
from public_fixtures import (
    A_FUNDING,
    A_GROWTH,
    A_MARKET,
    A_MONTHS,
    A_TOPS,
    A_WEEKS,
    B_MARKET,
    B_YEARS,
    ENGLISH,
    TRADITIONAL,
)

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]


@pytest.fixture
def conn(newsroom_db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{newsroom_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def claim_ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["key"] for row in rows if row["kind"] == "claim"]


# --- what the issue asks search to find --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "claim"),
    [
        # two-character words, which a trigram index cannot find
        ("壁仞", A_TOPS),
        ("芯片", B_MARKET),
        ("市場", A_MARKET),
        # either script
        ("英伟达", A_TOPS),
        ("規模", B_MARKET),
        # numbers
        ("2048", A_TOPS),
        # regional words, which converting characters alone misses
        ("晶片", B_MARKET),
        ("輝達", A_TOPS),
        ("軟體", B_YEARS),
    ],
)
def test_search_finds(conn: sqlite3.Connection, query: str, claim: Claim) -> None:
    assert claim.id in claim_ids(search(conn, query))


def test_two_character_words_are_beyond_the_trigram_index(conn: sqlite3.Connection) -> None:
    # Why search has an index of its own: the claims' trigram index needs three characters.
    trigram = conn.execute("select count(*) from claims_fts where claims_fts match '壁仞'")
    assert trigram.fetchone()[0] == 0
    assert claim_ids(search(conn, "壁仞"))


def test_a_single_character_is_found_at_the_end_of_a_word(conn: sqlite3.Connection) -> None:
    # 元 ends the run 億元 in 432億元: it is a bigram's second character, and still found.
    assert A_MARKET.id in claim_ids(search(conn, "元"))


def test_a_query_of_words_and_numbers_finds_them_together(conn: sqlite3.Connection) -> None:
    assert claim_ids(search(conn, "在30周")) == [A_WEEKS.id]
    assert claim_ids(search(conn, "在31周")) == []


def test_every_word_of_a_query_must_match(conn: sqlite3.Connection) -> None:
    both = claim_ids(search(conn, "2048 英偉達"))
    assert both == [A_TOPS.id]
    assert claim_ids(search(conn, "2048 旅遊")) == []


def test_a_name_in_latin_letters_finds_it_in_chinese(conn: sqlite3.Connection) -> None:
    assert A_TOPS.id in claim_ids(search(conn, "NVIDIA"))


def test_a_chinese_name_finds_the_english_article(conn: sqlite3.Connection) -> None:
    articles = [row["key"] for row in search(conn, "輝達") if row["kind"] == "article"]
    assert ENGLISH in articles


def test_sources_are_found_by_name(conn: sqlite3.Connection) -> None:
    assert ("source", "IDC") in [(row["kind"], row["key"]) for row in search(conn, "idc")]


def test_articles_are_found_by_title(conn: sqlite3.Connection) -> None:
    assert [row["key"] for row in search(conn, "狂奔") if row["kind"] == "article"] == [TRADITIONAL]


def test_dismissed_claims_are_not_found(conn: sqlite3.Connection) -> None:
    assert A_MONTHS.id not in claim_ids(search(conn, "18個月"))
    assert A_FUNDING.id in claim_ids(search(conn, "18個月"))  # its sentence has the words


def test_a_match_in_the_figure_ranks_above_one_in_the_sentence(conn: sqlite3.Connection) -> None:
    ranked = claim_ids(search(conn, "432"))
    # 432億元 and 432亿元 are figures; 47.2% only shares their sentence.
    assert set(ranked[:2]) == {A_MARKET.id, B_MARKET.id}
    assert A_GROWTH.id in ranked[2:]


def test_a_query_with_nothing_to_search_finds_nothing(conn: sqlite3.Connection) -> None:
    assert search(conn, "  ，。!? ") == []


# --- folding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("英偉達", "英伟达", "輝達", "辉达", "Nvidia", "NVIDIA"),
        ("晶片", "芯片"),
        ("軟體", "软体", "軟件", "软件"),
        ("記憶體", "内存"),
        ("規模", "规模"),
        ("2,048", "2048", "２０４８"),
        ("TOPS", "tops"),
    ],
)
def test_fold_makes_every_spelling_one(spellings: tuple[str, ...]) -> None:
    assert len({fold(spelling) for spelling in spellings}) == 1


def test_fold_reads_simplified_text_as_simplified() -> None:
    # tw2sp alone reads 程序 as Taiwanese and makes it 进程, while 程式 becomes 程序; the round
    # trip through Taiwanese phrasing keeps the mainland word and the Taiwanese one together.
    assert fold("程序") == fold("程式")


def test_fold_keeps_a_decimal_comma_typo() -> None:
    assert fold("1,2萬臺") == "1,2万台"


def test_every_name_in_the_alias_table_is_already_folded() -> None:
    # fold() writes the names on the left; one written otherwise would never match.
    for name in set(aliases().names.values()):
        assert fold(name) == name, name


def test_latin_aliases_match_whole_words_only() -> None:
    assert fold("Amdahl") == "amdahl"
    assert fold("AMD") == fold("超威")


def test_an_alias_table_that_is_not_a_mapping_of_lists_is_refused() -> None:
    with pytest.raises(ValueError, match="list of its spellings"):
        read_aliases("英伟达: Nvidia\n")


# --- the query -------------------------------------------------------------------------------


def test_match_expression_is_a_phrase_of_bigrams() -> None:
    assert match_expression("市場規模") == '"市场 场规 规模"'
    assert match_expression("壁仞") == '"壁仞"'
    assert match_expression("2048 TOPS") == '"2048" "tops"*'
    assert match_expression("年") == '"年"*'
    assert match_expression("") is None


@given(st.text(max_size=30))
def test_any_query_is_a_valid_fts5_expression(query: str) -> None:
    # Whatever a reader types (quotes, stars, NEAR, OR, brackets), the expression is valid FTS5:
    # its tokens are only letters and digits, each phrase quoted.
    expression = match_expression(query)
    if expression is None:
        return
    memory = sqlite3.connect(":memory:")
    memory.execute("create virtual table t using fts5(x, tokenize='unicode61')")
    memory.execute("select * from t where t match ?", [expression]).fetchall()
    memory.close()


# --- highlighting --------------------------------------------------------------------------------


def _marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_highlights_are_in_the_text_as_written() -> None:
    sentence = "剛剛解鎖萬億美元市值的英偉達,是AI晶片產業中少有的"
    assert _marked(sentence, matched_spans(sentence, [fold("英伟达")])) == ["英偉達"]
    # 晶片 folds to 芯片: the highlight is the regional word the text uses.
    assert _marked(sentence, matched_spans(sentence, [fold("芯片")])) == ["晶片"]


def test_a_name_in_latin_letters_is_highlighted_in_chinese() -> None:
    assert _marked("Nvidia's lead", matched_spans("Nvidia's lead", [fold("英偉達")])) == ["Nvidia"]


def test_a_search_hit_highlights_its_title_and_snippet(conn: sqlite3.Connection) -> None:
    hit = next(hit for hit in hits(search(conn, "晶片"), "晶片") if hit.key == B_MARKET.id)
    assert _marked(hit.snippet, hit.snippet_highlights) == ["芯片"]
    tops = next(hit for hit in hits(search(conn, "2048 tops"), "2048 tops") if hit.key == A_TOPS.id)
    assert _marked(tops.title, tops.title_highlights) == ["2048", "TOPS"]


# --- the index -----------------------------------------------------------------------------------


def test_the_build_indexes_articles_claims_and_sources(conn: sqlite3.Connection) -> None:
    counted = dict(conn.execute("select kind, count(*) from search_index group by kind"))
    claims = conn.execute("select count(*) from claims where status != 'dismissed'").fetchone()
    assert counted == {
        "article": conn.execute("select count(*) from articles").fetchone()[0],
        "claim": claims[0],
        "source": conn.execute("select count(*) from sources").fetchone()[0],
    }
