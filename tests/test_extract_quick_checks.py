"""The cheap checks that let the extractor skip a regex must never skip one that would match.

Each test pairs a quick check (a last character, a look-ahead on first characters, a plain-digit
shortcut) with the slow path it stands in front of, on text built from the words that matter.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdesk.extract import currency, english, furniture, qualifiers, timeref
from claimdesk.extract.lexicon import shipped
from claimdesk.extract.numerals import _parse_numeral, numeral_value, parse_numeral, to_value
from claimdesk.extract.phrases import _LATIN_LETTER, _any_phrase, phrases_with_numerals

# Words the guarded regexes look for, and characters that sit next to them in news text.
PIECES = [
    *" \n\t\u3000:：(（$sSſ第约超过多年月日季度上半年今去民国学",
    "©", "(c)", "Copyright", "版权所有", "本文共", "阅读时间约", "评论", "点赞", "转发",
    "iPhone ", "RTX ", "In ", "about ", "more than ", "up to US$", "nearly $", "Only ",
    "2024", "113", "the first half of ", "June ", "from ", " to ", "last year", "in ",
    "the past week", "in October", "五一假期", "前三季度", "近3年", "9月30日", "1至9月",
    "1990", "12", "1", "9月", "1季度", "2季", "113学年度", "民国112年", "111年1月", "3 至 5月",
    "1—10月份", "2019年", "19", "20", "到", "~", "-", "–",
    "AI ", "NVIDIA", "THE SECOND QUARTER OF ", "Between ", "DECEMBER ", "Earlier this year",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@given(TEXT)
@settings(max_examples=400)
def test_page_furniture_check_keeps_every_match(before: str) -> None:
    if furniture.PAGE_FURNITURE_BEFORE.search(before):
        assert before.rstrip()[-1:] in furniture._FURNITURE_BEFORE_LAST


@given(TEXT)
@settings(max_examples=400)
def test_model_word_check_keeps_every_match(before: str) -> None:
    # `$` also matches before a final newline: "RTX \n4" is checked like "RTX 4".
    if furniture.MODEL_WORD_BEFORE.search(before):
        assert before.endswith((" ", " \n"))


@given(TEXT)
@settings(max_examples=400)
def test_english_qualifier_check_keeps_every_match(window: str) -> None:
    if qualifiers.QUALIFIER_BEFORE_LATIN.search(window):
        last = window[-1:]
        assert last.isspace() or last in "$sSſ"


@given(
    st.lists(st.sampled_from([*PIECES, "左右", "上下", "以上", "以下", "余", "3多"]), max_size=8)
)
@settings(max_examples=1000)
def test_qualifier_after_and_inside_checks_keep_every_match(pieces: list[str]) -> None:
    text = "".join(pieces)
    for end in range(len(text) + 1):
        if qualifiers.QUALIFIER_AFTER.match(text, end):
            assert text[end : end + 1] in qualifiers._AFTER_FIRST
        for start in range(end):
            if qualifiers.QUALIFIER_INSIDE.search(text, start, end):
                assert "多" in text[start:end] or "余" in text[start:end]


@given(st.text(alphabet="a1 .é中文\U0001f600", max_size=40))
@settings(max_examples=1000)
def test_mostly_latin_count_of_ascii_decides_as_the_encoding_does(text: str) -> None:
    assert english._mostly_latin(text) == (len(text.encode("utf-8")) < 1.5 * len(text))


def test_words_with_numerals_split_by_script_finds_the_same_words() -> None:
    text = "同一起跑线上的万里长征 one of one-stop ONE DAY 24/7 千万别 一般 no one"
    lexicon = shipped()
    words = (*lexicon.words_with_numerals, *lexicon.names_with_numerals)
    longest_first = sorted(words, key=len, reverse=True)
    either = re.compile("|".join(re.escape(w) for w in longest_first), re.IGNORECASE)
    phrases = furniture._rules(lexicon).phrases
    split = [*phrases.cjk.finditer(text), *phrases.latin.finditer(text)]
    assert sorted(m.span() for m in split) == [m.span() for m in either.finditer(text)]


# Phrases that share a first character (in either case), as the lexicon's do, and the pieces
# next to them.
PHRASE_WORDS = ["一定", "一般", "一", "之一", "千万", "one of", "ONE day", "One", "24/7", "2nd"]
PHRASE_NAMES = ["7-Eleven", "7-11", "7up", "3M", "3m", "21世纪不动产", "85度C", "O2"]
PHRASE_PIECES = [*PHRASE_WORDS, *PHRASE_NAMES, *"一定般之千万7-1Eleven up3Mm2度CcoO ", "24"]


@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=12).map("".join))
@settings(max_examples=1000)
def test_phrases_grouped_by_first_character_find_the_same_phrases(text: str) -> None:
    for lexicon in (shipped(), None):
        words = lexicon.words_with_numerals if lexicon else PHRASE_WORDS
        names = lexicon.names_with_numerals if lexicon else PHRASE_NAMES
        grouped = phrases_with_numerals(words, names)
        for pattern in (grouped.cjk, grouped.latin):
            phrases = [p for p in (*words, *names) if bool(_LATIN_LETTER.search(p)) == (
                pattern is grouped.latin)]  # fmt: skip
            plain = _any_phrase(phrases, pattern.flags, grouped=False)
            assert pattern.pattern != plain.pattern
            for lo in range(len(text)):
                assert [m.span() for m in pattern.finditer(text, lo)] == [
                    m.span() for m in plain.finditer(text, lo)
                ]


def unguarded(pattern: str) -> str:
    """TIME_PHRASE without its per-branch look-aheads (those on one class of first characters)."""
    for ahead in timeref.TIME_PHRASE_AHEADS:  # those on more than one character
        pattern = pattern.replace(ahead, "")
    return re.sub(r"\(\?=(?:\[[^\]]*\]|\(\?i:\[[^\]]*\]\))\)", "", pattern)


@given(TEXT)
@settings(max_examples=2000)
def test_time_phrase_branch_guards_lose_no_phrase(sentence: str) -> None:
    plain = re.compile(unguarded(timeref.TIME_PHRASE.pattern))
    assert [(m.span(), m.groupdict()) for m in timeref.TIME_PHRASE.finditer(sentence)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(sentence)
    ]


# Every English phrase the branches know, in lower case, as a title and in capitals: the
# look-aheads on two letters must let each in.
ENGLISH_TIMES = [
    "the first half of 2022", "the second quarter of 2023", "from 2019 to 2021",
    "between 2019 and 2021", "last year", "this year", "next year", "last week", "this week",
    "last month", "earlier this year", "the past week", "the past month", "the past year",
    "the first half of the year", "the second half of the year",
    *(f"{month} 2022" for month in timeref._MONTHS),
    *(f"in {month.capitalize()}" for month in timeref._MONTHS),
]  # fmt: skip


@pytest.mark.parametrize("phrase", ENGLISH_TIMES)
def test_english_time_phrases_pass_the_two_letter_guards(phrase: str) -> None:
    plain = re.compile(unguarded(timeref.TIME_PHRASE.pattern))
    found_in_some_case = False
    for written in (phrase, phrase.capitalize(), phrase.title(), phrase.upper()):
        sentence = f"Sales rose 5% {written}, AI said."
        found = [(m.span(), m.groupdict()) for m in timeref.TIME_PHRASE.finditer(sentence)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(sentence)]
        found_in_some_case |= bool(found)
    assert found_in_some_case


@given(st.text(alphabet="0123456789", min_size=1, max_size=70))
def test_plain_digits_read_as_the_full_parser_reads_them(digits: str) -> None:
    fast = parse_numeral(digits)
    slow = _parse_numeral(digits) if len(digits) <= 64 else None
    assert (fast, str(fast)) == (slow, str(slow))


@given(st.text(alphabet="0123456789,.eE+-", min_size=1, max_size=70))
@example("9" * 18)
@example("9" * 19)  # 2^63 and above are floats
@settings(max_examples=1000)
def test_arabic_numbers_read_as_the_full_parser_reads_them(numeral: str) -> None:
    # Commas, decimals and exponents too: the shortcut takes those with no exponent.
    fast = parse_numeral(numeral)
    slow = _parse_numeral(numeral) if len(numeral) <= 64 else None
    assert (fast, str(fast)) == (slow, str(slow))
    assert numeral_value(numeral) == to_value(slow)


@given(
    st.from_regex(
        r"[0-9]{1,3}(,[0-9]{3}){0,8}(\.[0-9]{1,30})?|[0-9]{0,40}\.[0-9]{1,30}", fullmatch=True
    )
)
def test_grouped_and_decimal_numbers_read_as_the_full_parser_reads_them(numeral: str) -> None:
    fast = parse_numeral(numeral)
    slow = _parse_numeral(numeral) if len(numeral) <= 64 else None
    assert (fast, str(fast)) == (slow, str(slow))


# The shipped signs, and words a newsroom's lexicon might add that begin or extend them.
SIGN_WORDS = [*currency._signs(shipped()).weight, "国家", "国家统计局网站", "港", "港府", "NT"]


@given(st.lists(st.sampled_from([*SIGN_WORDS, "的", " ", "0"]), max_size=12).map("".join))
@settings(max_examples=400)
def test_currency_signs_grouped_by_first_character_match_as_the_plain_list(text: str) -> None:
    # Words searched for over the whole text are grouped by their first character
    # (patterns.by_first_character); the plain alternation, longest first, is what they match.
    plain = re.compile(currency._one_of(SIGN_WORDS))
    grouped = re.compile(currency._one_of(SIGN_WORDS, grouped=True))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_visible_first_character_means_the_sentence_is_not_blank() -> None:
    # split_sentences trusts str.isspace where it would search for \S: they must agree on
    # every character.
    blank = re.compile(r"\s")
    assert all(
        chr(code).isspace() == (blank.match(chr(code)) is not None) for code in range(0x110000)
    )
