"""Lexicons: the words and names the extractor knows are data files, checked, and a newsroom
extends them from claims/lexicon/ without a release."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.database.search import read_aliases
from claimdesk.extract import Lexicon, LexiconError, extract_claims, lexicon_for
from claimdesk.extract.lexicon import LISTS, shipped
from claimdesk.extract.lexicon.entries import MODELS, read_list
from claimdesk.extract.phrases import phrases_with_numerals
from claimdesk.files.store import article_folders, load_collection


def _texts(text: str, lexicon: Lexicon | None = None) -> list[str]:
    return [claim.text for claim in extract_claims(text, lexicon=lexicon)]


def _newsroom(claims_dir: Path, name: str, source: str) -> Path:
    folder = claims_dir / "lexicon"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(source, encoding="utf-8")
    return path


# --- the shipped files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_each_shipped_list_validates(name: str) -> None:
    path = files("claimdesk.extract.lexicon") / f"{name}.yml"
    assert read_list(name, path.read_text("utf-8"), str(path))


def test_every_list_has_a_shape() -> None:
    assert tuple(MODELS) == LISTS


def test_every_shipped_entry_has_a_note() -> None:
    for name in LISTS:
        path = files("claimdesk.extract.lexicon") / f"{name}.yml"
        for entry in yaml.safe_load(path.read_text("utf-8")):
            assert entry["note"].strip(), (name, entry)


def test_a_phrase_is_kept_as_written_and_folded() -> None:
    # 昇騰 folds to 升腾: both forms are matched.
    assert {"昇腾", "升腾"} <= set(shipped().product_stems)


def test_no_lexicon_is_the_shipped_one(tmp_path: Path) -> None:
    assert lexicon_for(None) is shipped()
    assert lexicon_for(tmp_path / "claims") is shipped()


# --- a newsroom's entries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "entry", "text", "before", "after"),
    [
        # A brand name with a numeral that the shipped list lacks stops being a claim.
        ("names_with_numerals", "85度C", "85度C今年開了30家店。", ["85度", "30家"], ["30家"]),
        ("names_with_numerals", "五十嵐", "五十嵐今年開了30家店。", ["五十", "30家"], ["30家"]),
        # Written in Traditional characters, matched on the folded text.
        ("words_with_numerals", "十八羅漢", "十八羅漢像高3米。", ["十八", "3米"], ["3米"]),
        ("product_stems", "海光", "海光7285在市場上熱賣。", ["7285"], []),
        ("spacecraft", "鵲橋", "鵲橋二號中繼星發射成功。", ["二號"], []),
    ],
)
def test_a_newsroom_entry_is_no_longer_a_claim(
    tmp_path: Path, name: str, entry: str, text: str, before: list[str], after: list[str]
) -> None:
    claims = tmp_path / "claims"
    _newsroom(claims, name, f"- {{phrase: {entry}, note: the newsroom's own}}\n")
    assert _texts(text) == before
    assert _texts(text, lexicon_for(claims)) == after


@pytest.mark.parametrize(
    ("name", "entry", "text", "field", "before", "after"),
    [
        # 元 is the currency of the place the article's words point to.
        ("place_signs", "{phrase: 澳廣視, currency: MOP, note: Macau's broadcaster}",
         "澳廣視報道，宣傳預算為2億4800萬。", "unit", "CNY", "MOP"),
        # A bare amount after a money noun is money.
        ("money_nouns", "{phrase: 罰款, note: a fine}", "當局開出罰款達300萬。", "kind", "count",
         "money"),
    ],
)  # fmt: skip
def test_a_newsroom_entry_changes_how_a_claim_is_read(
    tmp_path: Path, name: str, entry: str, text: str, field: str, before: str, after: str
) -> None:
    claims = tmp_path / "claims"
    _newsroom(claims, name, f"- {entry}\n")
    assert [getattr(c, field) for c in extract_claims(text)] == [before]
    assert [getattr(c, field) for c in extract_claims(text, lexicon=lexicon_for(claims))] == [after]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Before the lists were data, only the figure next to a hint of the name was dropped:
        # 7 of 7-11, but not its 11, nor the "Eleven" of 7-Eleven in English text.
        ("7-11便利商店有6000家。", ["6000家"]),
        ("7-Eleven has 300 stores.", ["300"]),
        ("統一超商7-ELEVEN門市達6000家。", ["6000家"]),
    ],
)
def test_no_figure_in_a_listed_name_is_a_claim(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The wall is 3m tall.", ["3m"]),  # 3M is a name, 3m alone three metres
        # 7-11 starts no word inside 17-11: the score is whole (extract/compound.py).
        ("比分17-11。", ["17-11"]),
    ],
)
def test_a_name_must_reach_beyond_the_figure_and_start_a_word(text: str, kept: list[str]) -> None:
    assert _texts(text) == kept


def test_a_newsroom_title_splits_a_source(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    _newsroom(claims, "titles", "- {phrase: 立委, note: a legislator (Taiwanese usage)}\n")
    text = "民進黨立委王美惠表示，出口增長5%。"
    (claim,) = extract_claims(text, lexicon=lexicon_for(claims))
    assert (claim.source, claim.source_detail) == ("王美惠", "民進黨立委")
    assert extract_claims(text)[0].source == "民進黨立委王美惠"


def test_the_newsroom_lexicon_is_built_again_only_when_its_files_change(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    path = _newsroom(claims, "names_with_numerals", "- {phrase: 85度C, note: a bakery chain}\n")
    first = lexicon_for(claims)
    assert lexicon_for(claims) is first
    path.write_text("- {phrase: 五十嵐, note: a tea chain}\n", encoding="utf-8")
    assert lexicon_for(claims) is not first
    assert "五十嵐" in lexicon_for(claims).names_with_numerals


def test_claimdesk_extract_and_add_read_the_newsroom_lexicon(
    claims_dir: Path, tmp_path: Path
) -> None:
    _newsroom(claims_dir, "names_with_numerals", "- {phrase: 85度C, note: a bakery chain}\n")
    article = tmp_path / "bakery.txt"
    article.write_text("85度C今年開了30家店。\n", encoding="utf-8")
    where = ["--claims-dir", str(claims_dir)]
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "json", *where])
    assert result.exit_code == 0, result.output
    assert [c["text"] for c in json.loads(result.output)["claims"]] == ["30家"]
    result = CliRunner().invoke(cli, ["add", str(article), *where])
    assert result.exit_code == 0, result.output
    claims = yaml.safe_load((claims_dir / "bakery" / "claims.yml").read_text("utf-8"))["claims"]
    assert [c["text"] for c in claims] == ["30家"]


def test_the_lexicon_folder_is_not_an_article(claims_dir: Path, db_path: Path) -> None:
    _newsroom(claims_dir, "names_with_numerals", "- {phrase: 85度C, note: a bakery chain}\n")
    assert [folder.name for folder in article_folders(claims_dir)] == ["idc-market"]
    assert [a.slug for a in load_collection(claims_dir).articles] == ["idc-market"]
    build(claims_dir, db_path)


# --- errors name the file, the line and the field -------------------------------------------


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            "- {phrase: 85度C, note: a bakery}\n- {phrase: 五十嵐}\n",
            2,
            "'五十嵐': note: Field required",
        ),
        (
            "- phrase: 85度C\n  note: a bakery\n  notes: twice\n",
            3,
            "'85度C': notes: Extra inputs are not permitted",
        ),
        (
            "- {phrase: Nvidia, note: a chip maker}\n",
            1,
            "'Nvidia': phrase: Value error, holds no numeral",
        ),
        ("- {phrase: 2048, note: a number}\n", 1, "phrase: Input should be a valid string"),
        ("- {phrase: ' 85度C', note: a bakery}\n", 1, "one line of text, with no blank"),
        ("phrase: 85度C\n", 1, "is a list of entries, each with a phrase and a note"),
        (
            "- {phrase: 85度C, note: a}\n- {phrase: 85度c, note: b}\n",
            2,
            "listed already, on line 1",
        ),
        ("- {phrase: 85度C, note: [a\n", 2, "malformed YAML"),
    ],
)
def test_a_bad_entry_names_its_file_line_and_field(
    tmp_path: Path, source: str, line: int, message: str
) -> None:
    path = _newsroom(tmp_path / "claims", "names_with_numerals", source)
    with pytest.raises(LexiconError) as error:
        lexicon_for(tmp_path / "claims")
    assert str(error.value).startswith(f"{path}:{line}:")
    assert message in str(error.value)


def test_a_place_sign_names_a_currency_the_extractor_knows(tmp_path: Path) -> None:
    path = _newsroom(
        tmp_path / "claims", "place_signs", "- {phrase: 澳廣視, currency: MOPX, note: x}\n"
    )
    with pytest.raises(LexiconError, match=rf"^{path}:1: '澳廣視': currency: Value error, one of"):
        lexicon_for(tmp_path / "claims")


def test_a_file_that_is_no_list_is_refused_with_the_lists_there_are(tmp_path: Path) -> None:
    path = _newsroom(tmp_path / "claims", "brands", "- {phrase: 85度C, note: a bakery}\n")
    with pytest.raises(LexiconError, match=rf"^{path}: no list is called 'brands'; the lists"):
        lexicon_for(tmp_path / "claims")


def test_claimdesk_extract_reports_a_bad_lexicon_in_one_line(
    claims_dir: Path, tmp_path: Path
) -> None:
    path = _newsroom(claims_dir, "titles", "- {phrase: 立委}\n")
    article = tmp_path / "a.txt"
    article.write_text("出口增長5%。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--claims-dir", str(claims_dir)])
    assert result.exit_code == 1
    assert f"Error: {path}:1: '立委': note: Field required" in result.output


# --- the quick check before the search loses nothing ----------------------------------------

WORDS = ["一定", "之一", "千万", "one of", "24/7", "同一起跑线"]
NAMES = ["7-Eleven", "7-11", "3M", "21世纪不动产", "85度C", "五十岚"]
PIECES = [*WORDS, *NAMES, *"一二三五十七八度千万之定同线世纪不动产Cc-1234567/ MmE", "eleven", "one"]


@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), st.data())
@settings(max_examples=400)
def test_phrase_quick_check_loses_no_cover(text: str, data: st.DataObject) -> None:
    phrases = phrases_with_numerals(WORDS, NAMES)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    lo, hi = max(0, start - phrases.reach), end + phrases.reach
    names = {n.lower() for n in NAMES}
    slow = any(
        m.start() <= start
        and m.end() >= end
        and (m.end() - m.start() > end - start or m.group().lower() not in names)
        for pattern in (phrases.cjk, phrases.latin)
        for m in pattern.finditer(text, lo, hi)
    )
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    assert phrases.cover(text, start, end, text[start:end], before, after) == slow


# --- the search's alias table, in the same format --------------------------------------------


def test_a_bad_search_alias_names_its_file_line_and_field() -> None:
    source = "- {name: 英伟达, spellings: [Nvidia], note: its English name}\n- {name: 台积电}\n"
    with pytest.raises(LexiconError, match=r"^aliases.yml:2: '台积电': spellings: Field required"):
        read_aliases(source, "aliases.yml")
