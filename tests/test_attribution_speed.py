"""The shortcuts attribution.py takes for speed give the same answers as the slow path.

Each test pairs a quick check with the regex or the loop it stands in front of, on text built
from the words that matter (issue 18: extraction speed)."""

from __future__ import annotations

import re
from collections.abc import Container

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract import attribution
from claimdesk.extract.lexicon import shipped

# When and where a name was said, the adverbs before its verb, and what names are made of.
WHEN = [
    "2024年", "8月", "15日", "3号", "今天", "昨日", "前天", "明日", "今(8)日", "昨（ 17 ）日",
    "日前", "近日", "同日", "当日", "当天", "稍早", "稍后", "周二", "星期日", "礼拜天", "(15日)",
    "（七月三十一日）", "( 9 )", "晚间", "早间", "上午", "下午", "中午", "晚上", "凌晨", "晚", "早",
]  # fmt: skip
NAME = [
    "台积电", "分析师", "统计处", "IDC", "在", "于", "接受", "CNBC", "中", "上", "时", "里", "访",
    " ", "\n", "（路透社）", "【中央社】", "根据", "据", "报告", "数据", "的", "最新", "发布", "，",
]  # fmt: skip
PIECES = [*attribution._ADVERBS, *attribution._MEDIA, *WHEN, *NAME]
NAMES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
TRIM_GUARDS = [
    (attribution.QUALIFYING_ADVERB, attribution._ADVERB_LAST),
    (attribution.WHERE_SAID, attribution._WHERE_SAID_LAST),
    (attribution.WHEN_SAID, attribution._WHEN_SAID_LAST),
]


class _Everything(Container[str]):
    """A set of last characters that lets every name through: the search without its guard."""

    def __contains__(self, item: object) -> bool:
        return True


@settings(max_examples=2000)
@given(NAMES)
def test_trim_frames_end_on_their_last_characters(name: str) -> None:
    # A `$` search over name[:k] finds a match only where name[k-1] is one of the characters
    # its pattern ends on (or a line break, before which `$` also matches).
    for pattern, last in TRIM_GUARDS:
        for k in range(1, len(name) + 1):
            if pattern.search(name, 0, k) is not None:
                assert name[k - 1] in last, (pattern.pattern[:20], name[:k])


@settings(max_examples=2000)
@given(NAMES)
def test_trim_with_guards_trims_as_the_plain_searches(name: str) -> None:
    guarded = attribution._trim(name, 0, len(name))
    plain_frames = tuple((frame, _Everything()) for frame, _ in attribution._TRIM_FRAMES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attribution, "_TRIM_FRAMES", plain_frames)
        assert attribution._trim(name, 0, len(name)) == guarded


@pytest.mark.parametrize(
    ("name", "trimmed"),
    [
        ("分析师普遍", "分析师"),
        ("集邦科技在最新报告中", "集邦科技"),
        ("黄仁勋接受CNBC采访时", "黄仁勋"),
        ("国家统计局周一(15日)", "国家统计局"),
        ("统计处昨(17)日", "统计处"),
        ("分析师周二普遍", "分析师"),
        ("根据澎湃新闻", "澎湃新闻"),
    ],
)
def test_trim_cuts_when_where_and_adverbs(name: str, trimmed: str) -> None:
    a, b = attribution._trim(name, 0, len(name))
    assert name[a:b] == trimmed


# ANONYMOUS_SOURCE as it was written before its branches were made to open with a literal.
PLAIN_ANONYMOUS_SOURCE = re.compile(
    r"被传|据传|传出|传闻|盛传|据悉|据了解|知情人士|消息人士|消息称|\breportedly\b"
    r"|\b(?:is|are|was|were) said to\b|\bsources said\b"
)
ANONYMOUS_PIECES = [
    "被传", "据传", "传出", "传闻", "盛传", "据悉", "据了解", "知情人士", "消息人士", "消息称",
    "据",
    "reportedly", "is", "are", "was", "were", " said to", " said", "sources", "un", "x", "9", " ",
    "\n", ",", "台积电", "r", "i", "a", "w", "s", "_", "é",
]  # fmt: skip


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(ANONYMOUS_PIECES), max_size=10).map("".join), st.integers(0, 4))
def test_anonymous_source_matches_as_the_plain_pattern(text: str, start: int) -> None:
    # The look-behinds after a first letter stand for \b before it, also from a start position.
    guarded = [m.span() for m in attribution.ANONYMOUS_SOURCE.finditer(text, start)]
    assert guarded == [m.span() for m in PLAIN_ANONYMOUS_SOURCE.finditer(text, start)]


HEAD_PIECES = [
    "Jane Doe", "Acme's", "As", "However", ", ", "Nvidia", " ", "the", "IT", "台积电", "“", "a",
    "On performance", "He", "Biren Technology", "\n", ".",
]  # fmt: skip


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(HEAD_PIECES), max_size=8).map("".join))
def test_shape_asks_for_english_names_as_without_the_capital_check(text: str) -> None:
    # shape_of asks for a proper name or a subject only where the head opens with A-Z.
    shape = attribution.shape_of(text, 0, len(text), len(text))
    start, last = len(text) - len(text.lstrip()), len(text.rstrip())
    connective = attribution._OPENING_CONNECTIVE.match(text, start, last)
    head = connective.end() if connective else start
    assert shape.proper_name == attribution._opens_with_proper_name(text, head, last)
    assert shape.subject == attribution._subject(text, head, last)


HINT_WORDS = [*attribution._CJK_HINTS, *attribution._EN_HINTS]
# The hint words, their first characters and pieces of them, and text around them.
HINT_PIECES = [*HINT_WORDS, *{word[:2] for word in HINT_WORDS}, *"预公发报 \n，的数证", "台积电"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(HINT_PIECES), max_size=6).map("".join), st.integers(0, 3))
def test_hints_grouped_by_first_character_find_what_the_plain_alternation_finds(
    text: str, start: int
) -> None:
    for words, grouped in [
        (HINT_WORDS, attribution.ATTRIBUTION_HINT),
        (attribution._CJK_HINTS, attribution.CJK_HINT),
        (attribution._EN_HINTS, attribution.EN_HINT),
    ]:
        plain = re.compile("|".join(words))
        found = grouped.search(text, start) is not None
        assert found == (plain.search(text, start) is not None), (grouped.pattern, text)


TITLE_PIECES = [
    *shipped().titles, "王大同", "台积电", "黄仁勋", "·", "科长", "副处长", "增长", "长", "副",
    "的",
    "统计处", " ",
]  # fmt: skip


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=6).map("".join))
def test_titles_grouped_by_first_character_match_as_the_plain_alternation(name: str) -> None:
    # As _titles_at_end and _person_after_title use them: at the end of a name, before a person.
    titles = shipped().titles
    for grouped in (True, False):
        head = f"(?:{attribution._titles(titles, grouped)}{attribution.UNIT_HEAD})"
        at_end = re.compile(head + "+$")
        before_person = re.compile(head + attribution._BEFORE_PERSON)
        found = [
            [m.span() for m in at_end.finditer(name)],
            [m.span() for m in before_person.finditer(name)],
        ]
        if grouped:
            expected = found
        else:
            assert found == expected
