"""Subheadings found from a text's structure (web/public/headings.py): pure logic."""

from __future__ import annotations

from claimdesk.web.public.headings import captions, is_subheading, subheadings
from conftest import ROOT

PROSE = "壁仞科技去年推出的BR100算力約為2048 TOPS,英偉達的軟體生態仍然領先。"


def test_the_seed_articles_subheadings_are_found() -> None:
    lines = (ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt").read_text("utf-8")
    found = [lines.split("\n")[n] for n in sorted(subheadings(lines.split("\n")))]
    assert found == ["AI芯片:始于技術,又不止于技術", "國產AI芯片逆襲記,壁仞科技會是意外么?"]


def test_a_short_line_between_paragraphs_is_a_subheading() -> None:
    assert is_subheading("AI芯片:始于技術", PROSE, PROSE)


def test_a_line_ending_a_sentence_is_not() -> None:
    assert not is_subheading("赴港上市是必經之路。", PROSE, PROSE)
    assert not is_subheading("他表示：", PROSE, PROSE)


def test_a_caption_after_its_pictures_blank_line_is_not() -> None:
    assert not is_subheading("圖片來源:英偉達官方網站", "", PROSE)


def test_the_byline_between_short_lines_is_not() -> None:
    assert not is_subheading("作者:添澤Tyler", PROSE, "來源:港股研究社")


def test_a_long_line_is_not() -> None:
    assert not is_subheading("國產" * 31, PROSE * 3, PROSE * 3)


def test_the_first_and_last_lines_are_not() -> None:
    assert subheadings(["標題", PROSE, "結語"]) == set()


def test_a_short_line_after_a_blank_line_is_a_caption() -> None:
    lines = [PROSE, "", "圖片來源:英偉達官方網站", PROSE]
    assert captions(lines) == {2}
    assert captions([PROSE, "", PROSE * 2]) == set()
