"""The shortcuts furniture.py and phrases.py take for speed give the same answers as the slow
path (issue 18: extraction speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract import furniture

LINE_PIECES = [
    "作者:", "来源：", "责任编辑 ：", "（编辑：陈清芳）", "文:", "记者", "Reporting by ",
    "Editing by",
    "Sources:", "更多新闻", "更多", "延伸阅读】", "【相关报道】", "Related Stories:", "READ MORE",
    "see also", "猜你喜欢>", "\n", "\r\n", "\n\n", " ", "\u3000", "(", "[", "正文", "。", "！", ".",
    ". ", "x", "营收增长5%", "1", "|",
]  # fmt: skip
LINES = st.lists(st.sampled_from(LINE_PIECES), max_size=14).map("".join)


def _plain_body_end(folded: str) -> int:
    """body_end as it was: the `^` patterns searched from the end of the first sentence."""
    first = furniture.FIRST_SENTENCE_END.search(folded)
    if first is None:
        return len(folded)
    found = (
        furniture.BYLINE_LINE.search(folded, first.end()),
        furniture.RELATED_LINE.search(folded, first.end()),
    )
    return min((m.start() for m in found if m), default=len(folded))


@settings(max_examples=3000)
@given(LINES)
def test_body_end_found_after_line_breaks_as_by_the_line_start_patterns(text: str) -> None:
    assert furniture.body_end(text) == _plain_body_end(text)


NAVIGATION_PIECES = [
    "1", "23", "４", "٣", " ", "\u3000", "\t", "|", "/", "·", ".", "…", "<", ">", "«", "»",
    "上一页", "下一页", "首页", "尾页", "末页", "上", "下", "页", "更多", "a", "。", "\n",
]  # fmt: skip


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(NAVIGATION_PIECES), max_size=10).map("".join), st.integers(0, 3))
def test_navigation_line_check_answers_as_the_full_match(text: str, start: int) -> None:
    # The first character is tested before the full match; the answer is the full match's.
    start = min(start, len(text))
    plain = (
        furniture.NAVIGATION_LINE.fullmatch(text, start, len(text)) is not None
        and furniture._DIGIT.search(text, start, len(text)) is not None
    )
    assert furniture.is_navigation_line(text, start, len(text)) == plain
