"""claims.yml is the same bytes whichever YAML emitter writes it: libyaml's (C, fast) where it
is installed, PyYAML's own (Python) where it is not. A desk that moves between machines must
never see a diff that no one made."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdesk.files.models import ArticleFile
from claimdesk.files.store import DUMPER, DUMPERS, dump_article_file, read_article_file
from conftest import ROOT

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"


def test_libyaml_is_there_and_used() -> None:
    # PyYAML's wheels for Linux bundle libyaml: without it adding an article costs 5x more.
    assert yaml.__with_libyaml__
    assert DUMPER is DUMPERS["libyaml"]


def test_the_seed_is_written_byte_for_byte_as_it_is_stored() -> None:
    stored = read_article_file(SEED)
    expected = (SEED / "claims.yml").read_text("utf-8")
    for name, dumper in DUMPERS.items():
        assert dump_article_file(stored, dumper) == expected, name


def _hostile(text: str) -> ArticleFile:
    """The seed with hostile text in every free-text field (unvalidated: only the writing is
    under test)."""
    seed = read_article_file(SEED)
    article = seed.article.model_copy(
        update={"title": text + "標題", "publisher": text, "author": text[::-1]}
    )
    claims = [
        claim.model_copy(
            update={"source": text, "noun": text[:3], "sentence": claim.sentence + text}
        )
        for claim in seed.claims[:3]
    ]
    return seed.model_copy(update={"article": article, "claims": claims, "retracted": claims[:1]})


HOSTILE = (
    "\u2028",  # line separator
    "a\u2029b",  # paragraph separator
    "x\x85y",  # next line
    "😀 𝔸 𠀀",  # astral: emoji, mathematical letter, CJK extension B
    "\x00\x01\x07\x1b\x7f",  # control characters
    "\ufeff\ufffe\uffff",  # byte order mark and non-characters
    "  lead and trail  ",
    "a\nb\r\nc\n",
    "- : # ' \" { } [ ] , & * ! | > % @ `",
    "yes",
    "1e3",
    "長" * 100_000,  # one very long line
    "\u3000全形\u00a0空白\t",
)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_written_alike_and_read_back(text: str) -> None:
    article_file = _hostile(text)
    python, libyaml = (dump_article_file(article_file, DUMPERS[n]) for n in ("python", "libyaml"))
    assert python == libyaml
    assert yaml.safe_load(python) == article_file.model_dump(mode="json")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
@example("line\u2028separator")
@example("\U0001f600")
def test_any_text_is_written_alike(text: str) -> None:
    value = {"z": text, "a": [text, {"k": text}], "m": 1}  # keys stay in the order given
    python, libyaml = (
        yaml.dump(value, Dumper=DUMPERS[n], allow_unicode=True, sort_keys=False, width=1_000_000)
        for n in ("python", "libyaml")
    )
    assert python == libyaml
    assert list(yaml.safe_load(python)) == ["z", "a", "m"]


def test_a_real_claims_file_round_trips(tmp_path: Path) -> None:
    article_file = _hostile("😀\u2028")
    path = tmp_path / "claims.yml"
    path.write_text(dump_article_file(article_file), encoding="utf-8")
    assert yaml.safe_load(path.read_text("utf-8")) == article_file.model_dump(mode="json")
