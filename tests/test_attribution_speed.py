"""The shortcuts attribution.py takes for speed give the same answers as the slow path.

Each test pairs a quick check with the regex or the loop it stands in front of, on text built
from the words that matter (issue 18: extraction speed)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Container, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.extract import attribution
from claimdesk.extract.attribution import Attribution, Shape
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


def _plain_carry_over(
    own: Sequence[Attribution | None],
    has_figure: Sequence[bool],
    paragraph: Sequence[int],
    source_line: Sequence[bool],
    shape: Callable[[int], Shape],
    release: bool,
) -> list[Attribution | None]:
    """carry_over as it was before it skipped the sentences nothing is carried over: each
    sentence visited in each pass (the rules' comments are in attribution.carry_over)."""
    n = len(own)
    if any(a is not None and a.transcript_only for a in own):
        own = attribution._transcript_labels(own)
    resolved = attribution._resolve_pronouns(attribution._resolve_abbreviations(own), shape)
    covering = list(resolved)
    for i in range(1, n):
        said = resolved[i]
        if (
            said is not None
            and not has_figure[i]
            and covering[i - 1] is None
            and paragraph[i] == paragraph[i - 1]
            and shape(i - 1).closes_quote
        ):
            covering[i - 1] = said
    attributed = {paragraph[i] for i, a in enumerate(resolved) if a is not None}
    known: set[str] = set()
    from_before = [False] * n
    current: Attribution | None = None
    carried, home = "", -1
    for i in range(n):
        if i and paragraph[i] != paragraph[i - 1]:
            ended = covering[i - 1] is current and (has_figure[i - 1] or resolved[i - 1] is current)
            if paragraph[i] in attributed or (
                not release and (home != paragraph[i - 1] or not ended)
            ):
                current = None
        said = resolved[i]
        if said is not None:
            quoted = shape(i).opens_quote
            current = None if source_line[i] or quoted else said
            carried = attribution._folded_name(said.source)
            known.add(carried)
            home = paragraph[i]
            continue
        if covering[i] is not None:
            current = None
            continue
        if current is not None and attribution._stops(shape(i), carried, known):
            current = None
        if current is not None and home != paragraph[i]:
            opening = shape(i)
            named = opening.head[: opening.organisation]
            if named and not (named.startswith(carried) or carried.startswith(named)):
                current = None
        covering[i] = current
        from_before[i] = current is not None and home != paragraph[i]
    # Written otherwise than in carry_over: each label, then the sentences up to the next.
    labels = [i for i, a in enumerate(resolved) if a is not None and a.label]
    for i, stop in zip(labels, [*labels[1:], n], strict=False):
        for k in range(i + 1, stop):
            covering[k] = covering[k] or resolved[i]
    starts = [i for i in range(n) if i == 0 or paragraph[i] != paragraph[i - 1]]
    credited: set[int] = set()
    for i, note in enumerate(resolved):
        run = max(start for start in starts if start <= i)
        if note is None or not source_line[i] or has_figure[i] or run == 0:
            continue
        if paragraph[run - 1] not in credited:
            credited.add(paragraph[run - 1])
            for k in range(max(start for start in starts if start < run), run):
                if covering[k] is None or from_before[k]:
                    covering[k] = note
    return covering


SOURCES = ["甲公司", "乙银行", "IDC", "他"]
ATTRIBUTIONS = st.one_of(
    st.none(),
    st.none(),
    st.builds(
        Attribution,
        st.sampled_from(SOURCES),
        st.none(),
        st.just(0),
        st.just(0),
        pronoun=st.booleans(),
        person=st.booleans(),
        abbreviation=st.sampled_from([None, "IDC"]),
        label=st.booleans(),
        transcript_only=st.booleans(),
    ),
)
SHAPES = st.builds(
    Shape,
    head=st.sampled_from(["甲公司今年", "乙银行", "IDC", "营收", "丙公司的"]),
    heading=st.booleans(),
    opens_quote=st.booleans(),
    closes_quote=st.booleans(),
    outside_body=st.booleans(),
    anonymous=st.booleans(),
    proper_name=st.booleans(),
    subject=st.sampled_from([None, "Jane Doe"]),
    organisation=st.integers(0, 3),
)


@settings(max_examples=3000)
@given(
    st.lists(
        st.tuples(ATTRIBUTIONS, st.booleans(), st.booleans(), st.integers(0, 1), SHAPES),
        max_size=14,
    ),
    st.booleans(),
)
def test_carry_over_credits_as_when_it_visited_every_sentence(
    sentences: list[tuple[Attribution | None, bool, bool, int, Shape]], release: bool
) -> None:
    own = [s[0] for s in sentences]
    has_figure = [s[1] for s in sentences]
    source_line = [s[2] and s[0] is not None for s in sentences]
    paragraph = list(itertools.accumulate(s[3] for s in sentences))
    shapes = [s[4] for s in sentences]
    asked: list[int] = []  # the sentences whose shape each asks for: no more than before

    def shape(i: int) -> Shape:
        asked.append(i)
        return shapes[i]

    args = (own, has_figure, paragraph, source_line, shape)
    expected = _plain_carry_over(*args, release)
    plain_asked = len(asked)
    assert attribution.carry_over(*args, release=release) == expected
    assert len(asked) - plain_asked <= plain_asked


ACCORDING_PIECES = [
    *"数证占收票论据根依，。的 ", "根据", "依据", "据", "数据", "证据", "IDC", "国家统计局", "最新",
    "发布的", "《报告》", "报告", "显示", "统计", "，",
]  # fmt: skip


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(ACCORDING_PIECES), max_size=10).map("".join), st.integers(0, 3))
def test_according_to_opens_with_a_literal_and_matches_as_before(text: str, start: int) -> None:
    # The look-behind before a bare 据 moved after it: the same matches and groups.
    opening = attribution._ACCORDING_TO_OPENING
    plain = re.compile(
        attribution.ACCORDING_TO_CJK.pattern.replace(
            opening, "(?:根据|依据|(?<![数证占收票论])据)", 1
        )
    )
    assert plain.pattern != attribution.ACCORDING_TO_CJK.pattern
    found = [(m.span(), m.groupdict()) for m in attribution.ACCORDING_TO_CJK.finditer(text, start)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text, start)]


PRONOUN_PIECES = [
    "他",
    "她",
    "He",
    "he",
    "She",
    "she",
    "SHE",
    "The",
    "the",
    " ",
    "x",
    "。",
    "H",
    "S",
]


@given(st.lists(st.sampled_from(PRONOUN_PIECES), max_size=8).map("".join))
@settings(max_examples=1000)
def test_the_pronoun_prefilter_lets_in_every_sentence_with_a_pronoun(sentence: str) -> None:
    if attribution._PRONOUN_HINT.search(sentence):
        assert attribution._PRONOUN_ANYWHERE.search(sentence)
