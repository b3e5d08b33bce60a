"""Issue 18, classes of attribution found missing on the development set
(tests/fixtures/dev/): each test is a made-up example of a class, never a sentence of the dev
or blind texts. Every organisation and person here is made up."""

from __future__ import annotations

import pytest

from claimdesk.extract import extract_claims


def _sources(text: str) -> list[str | None]:
    return [c.source for c in extract_claims(text)]


@pytest.mark.parametrize(
    "opening",
    ["據北辰電子產業協會（NEIA）統計，產值增長5%。", "北辰電子產業協會（NEIA）表示，產值增長5%。"],
)
def test_a_chinese_name_with_its_abbreviation_in_brackets(opening: str) -> None:
    # The name is the source without its bracket, and the bare abbreviation later names it.
    text = opening + "\n嘉禾證券表示，股價上漲3%。\nNEIA指出，出口增加4%。"
    assert _sources(text) == ["北辰電子產業協會", "嘉禾證券", "北辰電子產業協會"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The Norwell Fisheries Board (NFB) licenses the island's boats.\n\n"
            "Acme Bank said loans rose 4%.\n\nNFB said catches rose 6%.",
            "Norwell Fisheries Board",
        ),
        (
            "北辰漁業局（NFB）負責發牌。\n\n嘉禾證券表示，股價上漲3%。\n\nNFB指出，漁獲增加6%。",
            "北辰漁業局",
        ),
    ],
)
def test_an_abbreviation_defined_outside_an_attribution(text: str, source: str) -> None:
    # The bracket that gives the abbreviation need not be an attribution itself.
    assert _sources(text)[-1] == source


def test_an_abbreviation_never_defined_stays_as_written() -> None:
    assert _sources("NFB said catches rose 6%.") == ["NFB"]
