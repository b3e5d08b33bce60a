"""publish/statement.py: a claim as a short statement, the clause of its sentence that holds
the figure, on the seed's and the fixtures' sentences in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.extract.claims import sentence_of
from claimdesk.publish.statement import ELLIPSIS, LIMIT, statement
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT / "claims" / "ai-chips-nvidia-biren" / "claims.yml"


def seed_claims() -> Iterator[tuple[str, str]]:
    for claim in yaml.safe_load(SEED.read_text(encoding="utf-8"))["claims"]:
        yield claim["sentence"], claim["text"]


def fixture_claims() -> Iterator[tuple[str, str]]:
    for gold in sorted(FIXTURES.glob("*.gold.yml")):
        text = (FIXTURES / gold.name.replace(".gold.yml", ".txt")).read_text(encoding="utf-8")
        for claim in yaml.safe_load(gold.read_text(encoding="utf-8"))["claims"]:
            yield sentence_of(text, claim["start"], claim["end"]), claim["text"]


EVERY = [*seed_claims(), *fixture_claims()]


def test_there_are_sentences_in_both_languages() -> None:
    assert len(EVERY) > 100
    assert any(s.isascii() for s, _ in EVERY) and any(not s.isascii() for s, _ in EVERY)


@pytest.mark.parametrize(("sentence", "figure"), EVERY)
def test_every_statement_holds_its_figure_and_is_short(sentence: str, figure: str) -> None:
    said = statement(sentence, figure)
    assert figure in said
    assert len(said) <= LIMIT < 75
    for piece in said.split(ELLIPSIS):
        assert piece.strip() in sentence


@pytest.mark.parametrize(
    ("sentence", "figure", "said"),
    [
        # The attribution is a clause of its own; the figure's clause is the statement.
        (
            "據IDC統計,2021年我國AI芯片市場規模將達到432億元,同比增長47.2%。",
            "432億元",
            "2021年我國AI芯片市場規模將達到432億元",
        ),
        # Too short alone (同比增長47.2%): the clause before comes with it.
        (
            "據IDC統計,2021年我國AI芯片市場規模將達到432億元,同比增長47.2%。",
            "47.2%",
            "2021年我國AI芯片市場規模將達到432億元,同比增長47.2%",
        ),
        # A comma between digits is not a clause mark.
        (
            "據統計，上半年全球智能家居清潔機器人市場出貨1,200萬臺。",
            "1,200萬臺",
            "上半年全球智能家居清潔機器人市場出貨1,200萬臺",
        ),
        (
            "第二季合併營收約新台幣4808.4億元，季減5.5%；稅後純益1818億元，每股純益7.01元。",
            "1818億元",
            "第二季合併營收約新台幣4808.4億元，季減5.5%；稅後純益1818億元",
        ),
        (
            "China's market for AI chips grew to 43.2 billion yuan in 2021, up 47.2% from a "
            "year earlier, according to IDC.",
            "43.2 billion yuan",
            "China's market for AI chips grew to 43.2 billion yuan in 2021",
        ),
    ],
)
def test_the_statement_is_the_clause_of_the_figure(sentence: str, figure: str, said: str) -> None:
    assert statement(sentence, figure) == said


def test_the_figures_place_picks_the_clause_when_it_occurs_twice() -> None:
    sentence = "去年營收為30億元,今年預計再增加30億元,達到60億元。"
    second = sentence.index("30億元", 10)
    assert statement(sentence, "30億元", limit=12) == "去年營收為30億元"
    assert statement(sentence, "30億元", second, limit=12) == "今年預計再增加30億元"


def test_a_long_clause_is_cut_around_the_figure_between_words() -> None:
    sentence = (
        "Analysts at a large investment bank in Shanghai who asked not to be named said that "
        "the market would reach $49 billion by the end of the decade if demand held up as "
        "expected across the region"
    )
    said = statement(sentence, "$49 billion")
    assert said.startswith(ELLIPSIS) and said.endswith(ELLIPSIS)
    assert "$49 billion" in said and len(said) <= LIMIT
    assert f"{ELLIPSIS} " not in said and f" {ELLIPSIS}" not in said
    for word in said.strip(ELLIPSIS).split():
        assert f" {word} " in f" {sentence} "


def test_a_figure_not_in_its_sentence_is_the_statement() -> None:
    assert statement("", "47億元") == "47億元"
    assert statement("完全不同的句子。", "47億元") == "47億元"


@given(st.text(min_size=1, max_size=300), st.data())
def test_any_sentence_gives_a_short_statement_with_its_figure(
    sentence: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, min(len(sentence), start + 20)))
    figure = sentence[start:end]
    said = statement(sentence, figure, start)
    assert len(said) <= LIMIT
    if figure.strip() and len(figure) <= LIMIT - 2:
        assert figure.strip(" \t\n\u3000，,；;：:、") in said


def test_the_seed_claim_reads_as_a_statement() -> None:
    assert dict((f, statement(s, f)) for s, f in seed_claims())["47億元人民幣"] == (
        "壁仞科技成立于2019年,曾在18個月內融資47億元人民幣"
    )
