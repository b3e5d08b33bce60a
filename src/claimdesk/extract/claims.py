"""The claim layer: which numbers are claims, and what the article says about each.

`extract_claims(text)` folds the text once, runs the numeral scan on it once, splits
it into sentences once, and then works sentence by sentence (attribution, time) and figure by
figure within a few characters (furniture, qualifier, noun), so the cost is linear in the text.

A count's `noun` is the word after the measure word, cut at the first function word or
punctuation: 770億顆晶體管 → 晶體管, 超過2000款GPU加速應用 → GPU加速應用, "2,000
GPU-accelerated apps" → apps (the head word in English).

What is dropped (see furniture.py): model numbers, words and names that contain numerals,
ordinals, page furniture, figures inside a 《title》, navigation lines, and time phrases that
date another figure (timeref.py). What is kept but flagged: figures after the byline
(`outside_body`), malformed numerals (`malformed`), relative times (`relative_time`), and
增長X倍 (`ambiguous_increase`).
"""

from __future__ import annotations

import gc
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import TypeAdapter

from claimdesk.claim import Claim
from claimdesk.extract.attribution import (
    SOURCE_LINE,
    carry_over,
    find_attribution,
    find_dateline,
    find_speaker_label,
    shape_of,
)
from claimdesk.extract.currency import article_currency, is_money_noun_before
from claimdesk.extract.furniture import body_end, furniture_reason, in_title, is_navigation_line
from claimdesk.extract.lexicon import Lexicon, shipped
from claimdesk.extract.lists import read_together
from claimdesk.extract.numbers import counted_noun_before, scan
from claimdesk.extract.qualifiers import Qualifier, carries_to_next, find_qualifier
from claimdesk.extract.script import fold
from claimdesk.extract.timeref import (
    date_figures,
    find_time_phrases,
    is_deictic,
    is_time_of_saying,
)
from claimdesk.extract.types import Flag, Kind, NumberMatch, Value
from claimdesk.extract.units import CURRENCY_PREFIXES, CURRENCY_SUFFIXES

# A sentence ends at 。！？ (with closing quotes), at a line break, or at an English full stop
# followed by a space. The awkward case: U.S. and Mr. do not end a sentence, IDC. does.
# Written as one character class and then what may follow each kind of end (the same matches as
# `[。！？!?]+[”」』"’)）]*|\n|\.[”"’)]*(?=\s|$)`): a pattern that opens with a class lets the
# engine skip to the next candidate character in a tight loop instead of starting a match at
# every character of the text (the split takes half the time).
SENTENCE_END = re.compile(
    r"[。！？!?\n.](?:(?<=[。！？!?])[。！？!?]*[”」』\"’)）]*|(?<=\n)|(?<=\.)[”\"’)]*(?=\s|$))"
)
# Checked only at a full stop, which keeps SENTENCE_END a fast single scan.
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bMr|\bMs|\bDr|\bNo|\bInc|\bCo|\bvs)$")
_NOT_BLANK = re.compile(r"\S")
# 增長2.8倍 may mean "to 2.8 times" or "by 2.8 times": the editor has to check.
AMBIGUOUS_INCREASE = re.compile(r"(?:增长|增幅|增加|上涨|涨幅|提升|提高)[了为达到超过逾近约]{0,3}$")
# A bare four-digit number from 1900 to 2099 is a year: "the 2024 Paris Olympics". A count that
# large is written 2,024.
BARE_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# A count's noun: the word right after the measure word (770億顆晶體管, 2,000 apps).
NOUN_CJK = re.compile(r"[A-Za-z0-9\u4e00-\u9fff-]{1,12}")
NOUN_STOP = re.compile(r"[的和与及等在中以为是了将从到被把对向由并也都还已均共,，、。；;：:]")
# A word of more than 40 characters is no noun (and a claim repeats no unbounded run of text).
NOUN_EN = re.compile(r" (?P<noun>[A-Za-z][\w-]{0,39}(?![\w-])(?: [A-Za-z][\w-]{0,39}(?![\w-]))?)")
_EN_STOP_WORDS = frozenset(
    "in on at of for to from by with and or the a an that which is are per each "
    # "1,200 people have died": an auxiliary ends the noun phrase.
    "was were be been have has had will would can could may might".split()
)


# 元 alone is whatever yuan-type currency the article last named: after 新台幣 it is TWD (Taiwanese
# papers name it once and then write 1818億元), after 港幣 HKD. The numeral layer reads a bare
# 元 as CNY because it sees one figure at a time.
NAMED_YUAN = re.compile(r"新台币|台币|NT\$|港币|港元|HK\$|澳门币|澳门元|葡币|MOP\$|人民币|RMB")
# A note such as 30億元（美元，下同） or （單位：美元） says what 元 means from the figure before
# it on, whichever currency it names.
CLAUSE_MARK = re.compile(r"[\n,，、。；;]")
CURRENCY_NOTE = re.compile(
    r"[(（](?:单位[:：] *)?(?P<currency>[^\s,，、:：()（）]{1,4}?)(?:[,，、] *下同)?[)）]"
)


# A claim's `sentence` lets an editor read its figure in context. A sentence longer than this
# (a flattened table, or a text with no sentence end at all, such as '.5' * 100000) is cut to a
# window of this many characters around each figure: whole, it would be repeated in every claim
# it holds, and output would grow with the square of the input. News sentences are shorter (the
# longest in the gold articles has 167 characters), so they are never cut.
SENTENCE_WINDOW = 300
# Where a window is cut, preferably: clause punctuation, but not a comma between digits (1,200).
CLAUSE_CUT = re.compile(r"[，；、;]|,(?![0-9])|(?<![0-9]),")


# A NamedTuple, not a frozen dataclass: one is built per sentence and tuples build faster.
class _Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int


# Hong Kong government releases write years digit by digit (二零一五年六月); read as Arabic
# digits, one for one so offsets stay put, they date figures as 2015年6月 does. (十月 has no
# one-for-one form: it dates its figures by the year alone.)
CHINESE_YEAR = re.compile(
    r"[一二][零〇一二三四五六七八九]{3}年(?:十[一二]月|[一二三四五六七八九]月)?"
)
_DIGITS = str.maketrans("零〇一二三四五六七八九", "00123456789")
_MONTHS = {"十一": "11", "十二": "12"}


def _arabic_years(folded: str) -> str:
    if "年" not in folded:
        return folded
    return CHINESE_YEAR.sub(_arabic_year, folded)


def _arabic_year(m: re.Match[str]) -> str:
    year, month = m.group()[:5].translate(_DIGITS), m.group()[5:-1]
    if not month:
        return year
    return year + (_MONTHS.get(month) or month.translate(_DIGITS)) + "月"


def extract_claims(
    text: str, *, currency: str | None = None, lexicon: Lexicon | None = None
) -> list[Claim]:
    """The numeric claims of an article, in text order.

    `currency` is the ISO code that 元 and bare amounts of money mean where the text names no
    currency before them; None infers it from the text (currency.py). `lexicon` holds the words
    and names the rules know (lexicon/); None is the shipped one, and `lexicon_for(claims_dir)`
    adds a newsroom's."""
    # The cyclic garbage collector is paused while the claims are found: extraction leaves no
    # reference cycles (gc.collect() finds none after it on the repository's articles), but it
    # allocates several objects per figure, and every 700 allocations set off a collection that
    # walks the young objects, now and then every claim found so far: 8% of the time on the
    # seed ×300. Garbage, if any, is collected as usual once the collector resumes.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _extract_claims(text, currency, lexicon or shipped())
    finally:
        if paused:
            gc.enable()


def _extract_claims(text: str, currency: str | None, lexicon: Lexicon) -> list[Claim]:
    folded = _arabic_years(fold(text))
    matches = scan(text, folded)
    end_of_body = body_end(folded)
    sentences = list(split_sentences(folded))
    default = currency or article_currency(folded, lexicon)
    currencies = _currency_context(folded)
    per_sentence: list[list[dict[str, Any]]] = []
    i = 0
    for s in sentences:
        first = i
        while i < len(matches) and matches[i].start < s.end:
            i += 1
        if first == i:
            per_sentence.append([])
            continue
        in_sentence = [m for m in matches[first:i] if m.start >= s.start]
        # A navigation line (1 2 3 … 下一頁) has no sentence end, so it is a sentence of its own.
        if s.end - s.start < 200 and is_navigation_line(folded, s.start, s.end):
            in_sentence = []
        # Two calls per figure are made only where their first test can pass: a yuan amount,
        # and a figure ending in 日 or 号 (is_time_of_saying's own first test).
        kept = [
            _yuan_currency(folded, m, currencies, default) if m.unit == "CNY" else m
            for m in in_sentence
            if furniture_reason(folded, m, lexicon) is None
            and not (m.unit == "relative" and is_deictic(folded[m.start : m.end]))
            and not (folded[m.end - 1] in "日号" and is_time_of_saying(folded, m.start, m.end))
        ]
        margins: dict[int, Value] = {}
        if len(kept) > 1 or (kept and kept[0].unit == "kWh"):
            kept, margins = read_together(text, folded, kept)
        claims = _claims_of_sentence(text, folded, s, kept, end_of_body, default, lexicon)
        for c in claims if margins else ():
            c["margin"] = margins.get(c["start"])
        per_sentence.append(claims)
    has_figure = [bool(claims) for claims in per_sentence]
    # SOURCE_LINE needs 来源: one scan of the text spares most texts a match per sentence.
    has_source_word = "来源" in folded
    source_line = [
        has_source_word and SOURCE_LINE.match(folded, s.start) is not None for s in sentences
    ]
    # An attribution credits the rest of its paragraph and the next one (attribution.carry_over):
    # every sentence of a paragraph with a figure, or before one, is read for one.
    with_figure = {s.paragraph for s, fig in zip(sentences, has_figure, strict=True) if fig}
    following = dict(itertools.pairwise(dict.fromkeys(s.paragraph for s in sentences)))
    own = [
        find_attribution(text, folded, s.start, s.end, lexicon)
        if s.paragraph in with_figure or following.get(s.paragraph) in with_figure or source_line[k]
        else find_speaker_label(text, folded, s.start, s.end, lexicon)
        for k, s in enumerate(sentences)
    ]
    dateline = find_dateline(text, folded)
    covering = carry_over(
        own,
        has_figure,
        [s.paragraph for s in sentences],
        source_line,
        lambda k: shape_of(folded, sentences[k].start, sentences[k].end, end_of_body),
        release=dateline is not None and dateline.issuer,
    )
    records: list[dict[str, Any]] = []
    for s, claims, attribution in zip(sentences, per_sentence, covering, strict=True):
        source = attribution.source if attribution else None
        report = attribution.source_report if attribution else None
        detail = attribution.source_detail if attribution else None
        # A date that dates no figure is a reference point, no figure of the report: only an
        # attribution in its own sentence credits it (天眼查顯示，…成立于2019年), not one carried.
        own_sentence = attribution is not None and s.start <= attribution.start < s.end
        if dateline is None or source is not None:
            for c in claims:
                if own_sentence or c["kind"] != "date":
                    c["source"], c["source_report"], c["source_detail"] = source, report, detail
                else:
                    c["source"], c["source_report"] = None, None
            records.extend(claims)
            continue
        for c in claims:
            # A dateline's agency (or a release's issuer) credits the figures nothing else
            # credits, in the body only.
            credited = (
                dateline[0]
                if c["start"] >= dateline[1]
                and "outside_body" not in c["flags"]
                and c["kind"] != "date"
                else None
            )
            c["source"], c["source_report"] = credited, report
            records.append(c)
    # One call validates every claim: Claim(**record) one at a time cost a tenth of extraction.
    return _CLAIMS.validate_python(records)


_CLAIMS = TypeAdapter(list[Claim])


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence the span text[start:end] is in, as a claim shows it: for a figure an editor
    adds by hand, cut the way the sentences of the figures the extractor finds are."""
    folded = fold(text)
    for s in split_sentences(folded):
        if s.start <= start < s.end:
            sentence = text[s.start : s.end].strip()
            if len(sentence) <= SENTENCE_WINDOW:
                return sentence
            first = text.find(sentence, s.start)
            span = NumberMatch(start, end, text[start:end], None, None)
            return sentence_window(text, folded, first, first + len(sentence), span)
    return ""


def split_sentences(folded: str) -> Iterator[_Sentence]:
    """Non-blank sentences with their paragraph (line) number."""
    start = 0
    paragraph = 0
    for m in SENTENCE_END.finditer(folded):
        mark, end = m.span()
        ending = folded[mark]
        if ending == "." and ABBREVIATION.search(folded, max(0, end - 5), mark):
            continue
        # A sentence that opens with a visible character is not blank: most do, and the test
        # spares them the search (str.isspace and the regex's \s are the same class).
        if start < end and (not folded[start].isspace() or _NOT_BLANK.search(folded, start, end)):
            yield _Sentence(start, end, paragraph)
        if ending == "\n":
            paragraph += 1
        start = end
    if _NOT_BLANK.search(folded, start):
        yield _Sentence(start, len(folded), paragraph)


def _claims_of_sentence(
    text: str,
    folded: str,
    s: _Sentence,
    kept: list[NumberMatch],
    end_of_body: int,
    currency: str | None,
    lexicon: Lexicon,
) -> list[dict[str, Any]]:
    """The claims of one sentence as Claim keyword arguments, all but the source."""
    if not kept:
        return []
    phrases = [
        p for p in find_time_phrases(text, folded, s.start, s.end) if not in_title(folded, p.start)
    ]
    # The time phrases each figure lies in. Phrases do not overlap, so their ends are in order
    # and the first one a figure may lie in is found by bisection.
    covering: list[list[int]] = [[] for _ in kept]
    if phrases:
        phrase_ends = [p.end for p in phrases]
        for m, inside in zip(kept, covering, strict=True):
            k = bisect_right(phrase_ends, m.start)
            while k < len(phrases) and phrases[k].start < m.end:
                inside.append(k)
                k += 1
    figures = (
        [m for m, inside in zip(kept, covering, strict=True) if not inside] if phrases else kept
    )
    datings = date_figures(folded, s.start, s.end, phrases, [(m.start, m.end) for m in figures])
    dating_phrases = {d.phrase for d in datings if d is not None}
    time_of = {id(m): d for m, d in zip(figures, datings, strict=True)}
    sentence = text[s.start : s.end].strip()
    long_sentence = len(sentence) > SENTENCE_WINDOW
    if long_sentence:  # where the stripped sentence lies, for the windows cut from it
        sentence_start = text.find(sentence, s.start)
    claims: list[dict[str, Any]] = []
    previous: tuple[NumberMatch, Qualifier | None] | None = None
    for m, covering_phrases in zip(kept, covering, strict=True):
        dating = time_of.get(id(m))
        # Most figures lie in no time phrase: the tests of `covering_phrases` go first.
        if covering_phrases and any(k in dating_phrases for k in covering_phrases):
            continue  # this time phrase dates another figure: it is that figure's `time`
        flags: list[Flag] = []
        if m.value is None and m.unit != "relative" and m.kind != "score":
            flags.append("malformed")
        if m.start >= end_of_body:
            flags.append("outside_body")
        if (covering_phrases and any(phrases[k].relative for k in covering_phrases)) or (
            dating and dating.relative
        ):
            flags.append("relative_time")
        kind = _kind(m, bool(covering_phrases))
        unit = m.unit
        if (
            unit is None
            and kind == "count"
            and is_money_noun_before(folded, s.start, m.start, lexicon)
        ):
            # 宣傳預算為2億4800萬: the noun says it is money, the article which currency.
            kind = "money"
            unit = currency or ("CNY" if folded[max(0, m.start - 1)] >= "\u4e00" else "USD")
        if unit is None:
            unit = "count" if kind == "count" else "year" if kind == "date" else None
        if kind == "ratio" and AMBIGUOUS_INCREASE.search(folded, max(0, m.start - 8), m.start):
            flags.append("ambiguous_increase")
        qualifier = find_qualifier(text, folded, m.start, m.end)
        if qualifier is None and previous is not None:
            before, shared = previous
            if (
                shared is not None
                and before.unit == m.unit
                and carries_to_next(folded, (before.start, before.end), shared, m.start)
            ):
                qualifier = shared
        previous = (m, qualifier)
        claims.append(
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "value": m.value,
                "unit": unit,
                "kind": kind,
                "sentence": (
                    sentence_window(text, folded, sentence_start, sentence_start + len(sentence), m)
                    if long_sentence
                    else sentence
                ),
                "value_max": m.value_max,
                "qualifier": qualifier.text if qualifier else None,
                "qualifier_meaning": qualifier.meaning if qualifier else None,
                # A date is a time itself: another time phrase in its sentence does not date it.
                "time": dating.time if dating and not covering_phrases and kind != "date" else None,
                "noun": _noun_before(text, folded, m) or _noun(text, folded, m.end, s.end)
                if kind == "count"
                else None,
                "flags": tuple(flags),
            }
        )
    return claims


def sentence_window(text: str, folded: str, start: int, end: int, m: NumberMatch) -> str:
    """The part of the sentence text[start:end] (longer than SENTENCE_WINDOW) that a claim
    shows around its figure `m`: at most SENTENCE_WINDOW characters, the figure in the middle,
    cut at the clause punctuation furthest from the figure where there is some, with … where
    the sentence goes on."""
    room = SENTENCE_WINDOW - (m.end - m.start)
    if room <= 0:  # a figure longer than the window (a malformed numeral) shows its start
        lo, hi = m.start, m.start + SENTENCE_WINDOW
    else:
        lo = max(start, m.start - room // 2)
        hi = min(end, m.end + room - (m.start - lo))
        lo = max(start, hi - SENTENCE_WINDOW)  # what the right side could not use
        if lo > start:
            cut = CLAUSE_CUT.search(folded, lo, m.start)
            if cut:
                lo = cut.end()
        if hi < end:
            # A comma right before `hi` may be a thousands separator: look one further.
            cuts = [c for c in CLAUSE_CUT.finditer(folded, m.end, hi + 1) if c.end() <= hi]
            if cuts:
                hi = cuts[-1].start()
    return ("…" if lo > start else "") + text[lo:hi].strip() + ("…" if hi < end else "")


def _kind(m: NumberMatch, is_time_phrase: bool) -> Kind:
    if m.kind is not None:
        return m.kind
    if is_time_phrase or m.unit == "year" or (m.unit is None and BARE_YEAR.fullmatch(m.text)):
        return "date"
    # A bare number that survived the furniture rules counts something ("2,000 apps").
    return "count" if m.unit in (None, "count") else "quantity"


def _noun(text: str, folded: str, end: int, limit: int) -> str | None:
    m = NOUN_EN.match(folded, end, limit)
    if m:
        # The head noun is the last word before a function word: "GPU-accelerated apps, one".
        words: list[str] = []
        for word in m.group("noun").split():
            if word.lower() in _EN_STOP_WORDS:
                break
            words.append(word)
        return words[-1] if words else None
    m = NOUN_CJK.match(folded, end, limit)
    if not m:
        return None
    stop = NOUN_STOP.search(folded, m.start(), m.end())
    noun_end = stop.start() if stop else m.end()
    return text[end:noun_end] or None


def _noun_before(text: str, folded: str, m: NumberMatch) -> str | None:
    """The noun before a bare count (公司員工800，→ 公司員工), where it names a quantity."""
    span = counted_noun_before(folded, m.start, m.end) if m.text.isascii() else None
    return text[span[0] : span[1]] if span and span[0] < span[1] else None


def _currency_context(folded: str) -> list[tuple[int, str]]:
    """(position, ISO code) from which a bare 元 means that currency, in text order."""
    context = [
        (m.start(), CURRENCY_PREFIXES.get(m.group()) or CURRENCY_SUFFIXES[m.group()].unit)
        for m in NAMED_YUAN.finditer(folded)
    ]
    marks: list[int] | None = None  # where clauses end, found once for all the notes
    for note in CURRENCY_NOTE.finditer(folded):
        unit = CURRENCY_SUFFIXES.get(note["currency"])
        if unit is not None and ("下同" in note.group() or "单位" in note.group()):
            if marks is None:
                marks = [m.start() for m in CLAUSE_MARK.finditer(folded)]
            # The note also covers the figure it follows, so it counts from that clause.
            k = bisect_left(marks, note.start())
            context.append((marks[k - 1] + 1 if k else 0, unit.unit))
    return sorted(context)


def _yuan_currency(
    folded: str, m: NumberMatch, currencies: list[tuple[int, str]], default: str | None
) -> NumberMatch:
    if m.unit != "CNY" or "人民币" in folded[m.start : m.end] or "RMB" in folded[m.start : m.end]:
        return m
    k = bisect_right(currencies, (m.start, "\uffff"))
    named = currencies[k - 1][1] if k else (default or "CNY")
    return m._replace(unit=named) if named != "CNY" else m
