"""The time a figure refers to.

A time phrase (a year, a range of years, a fiscal year 2024/25年度, a Taiwanese year 113年1月,
a month, a quarter, an as-of date 截至2022年6月, or a relative phrase 今年6月 / 去年 / 近一周 /
上半年 / 9月30日 / 1—10月份 / 前三季度 / 首八個月 / 上週) dates the figures after it in the same
sentence, until the next time phrase, when it either leads its clause (2022年,英偉達獨佔85%的份額,
而…15%) or shares a clause with them (壁仞科技去年推出的BR100算力約為2048 TOPS). A phrase that
ends a clause it does not lead (壁仞科技成立于2019年,曾在18個月內融資…) dates nothing further on;
nor does a comparison base (較2019年同期增長10.2%；總花費7008億元: the 7008億元 is not 2019's).
A phrase right after the figure dates it first ("rise from $17.5 billion in 2020 to $49 billion
in 2023"); failing any earlier phrase, a later one in the same clause does ("85% ... in 2022").

A phrase that dates a figure is not a claim of its own (2021年…432億元 is one claim). One that
dates nothing is a date claim (成立于2019年).

`time` is ISO 8601 where possible: 2021, 2022-06, 2020/2023, a quarter as 2025-04/2025-06, a
range of days (2023年5月1日至3日) as 2023-05-01/2023-05-03, the
ROC year 113年1月 as 2024-01, the fiscal year 2024/25年度 as 2024/2025; in a range with 從X…到Y,
X takes the first year and Y the last. Relative phrases are kept as written and the figure is
flagged `relative_time`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from claimdesk.extract.attribution import LEAD_IN_VERBS, SAY_VERBS
from claimdesk.extract.dates import fiscal_year_end

_Y = r"(?:19|20)\d{2}"
_MONTHS = ("january february march april may june july august september october november "
           "december").split()  # fmt: skip
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
             "first": 1, "second": 2, "third": 3, "fourth": 4}  # fmt: skip
_HALVES = {"上半年": ("01", "06"), "下半年": ("07", "12")}
# 6月, 9月30日, 10月末, 1至9月, 1—10月份.
_MONTH_ONLY = re.compile(r"\d{1,2}月")
# 5月1日至3日, 12月30日至1月2日: a range of days (dates.DAY_RANGE_END) is one phrase.
_DAY_TO = r"\s*[-–—~至到]\s*(?:\d{1,2}月)?\d{1,2}[日号]"
_MONTH_DAY = (
    r"(?:\d{1,2}月?\s*[-–—~至到]\s*)?\d{1,2}月"
    rf"(?:\d{{1,2}}[日号](?:{_DAY_TO})?|份|末|底|初|[上中下]旬)?"
)

# The first letters of the English branches (the, January…December, from, between; last,
# this, next, earlier): the look-ahead lets no other letter in, as each letter let in costs an
# attempt at every branch (a capital of "AI" or "GPU" is one).
_EN_FIRST = "tjfmasondb"
_EN_RELATIVE_FIRST = "ltnejfmasod"
_EN_LETTERS = "".join(sorted({*_EN_FIRST, *_EN_RELATIVE_FIRST}))
_EN_LETTERS += _EN_LETTERS.upper()
# And their second letters (the, January…December, from, between; last, this, next, earlier),
# in either case: capitals of acronyms (AI, NVIDIA, TOPS, DRAM) pass the first letter but not
# this, and each one let in tried every English branch (the phrase scan of the seed took a
# seventh less time without them).
_EN_SECOND, _EN_RELATIVE_SECOND = "haeuprco", "aheupco"
_EN_AHEAD = rf"(?=[{_EN_FIRST}{_EN_FIRST.upper()}][{_EN_SECOND}{_EN_SECOND.upper()}])"
_EN_RELATIVE_AHEAD = (
    rf"(?=[{_EN_RELATIVE_FIRST}{_EN_RELATIVE_FIRST.upper()}]"
    rf"[{_EN_RELATIVE_SECOND}{_EN_RELATIVE_SECOND.upper()}])"
)

# What the year, ROC-year and relative branches need where they start: a year 19xx/20xx; 民国
# or a three-digit ROC year and 年 or 学; a word of time, or one or two digits and a month,
# quarter or range (9月30日, 1季度, 1至9月). Digits start most candidate places, and most
# figures are none of these: each family was entered at every one (a third of the work).
_YEAR_AHEAD = r"(?=(?:19|20)\d\d)"
_ROC_AHEAD = r"(?=民|1[01]\d[年学])"
_RELATIVE_AHEAD = r"(?=[今去明前近上下全首一二三四本第五国春端中]|\d{1,2}+[月季\s\-–—~至到])"
TIME_PHRASE_AHEADS = (  # tests take them out again
    _YEAR_AHEAD, _ROC_AHEAD, _RELATIVE_AHEAD, _EN_AHEAD, _EN_RELATIVE_AHEAD,
)  # fmt: skip

# The look-ahead lists every branch's first character: it rejects most positions in one step
# instead of trying each branch (about five times faster on news text). No phrase starts inside
# a number, so the digits after the first are rejected in one step too. Each family of branches
# has its own look-ahead as well, so that at 上 or 一 the year branches are not entered.
TIME_PHRASE = re.compile(
    rf"(?=[0-9今去明前近上下全第五国春端中首本一二三四民{_EN_LETTERS}])(?<![0-9])(?:"
    # 2020-2023年, 2019至2021年
    rf"{_YEAR_AHEAD}(?:(?P<y1>{_Y})年?\s*[-–—~至到]\s*(?P<y2>{_Y})年"
    # 2024/25年度, a fiscal year
    rf"|(?P<fy1>{_Y})/(?P<fy2>\d{{2}})年度?"
    # 2025年第二季度, 2023年第2季
    rf"|(?P<qy>{_Y})年?第?(?P<q>[一二三四1-4])(?:季度|季|财季)"
    # 2023年上半年
    rf"|(?P<hy>{_Y})年(?P<half>上半年|下半年)"
    # 2022年6月(1日)
    rf"|(?P<my>{_Y})年(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]"
    r"(?:\s*[-–—~至到]\s*(?:(?P<tm>\d{1,2})月)?(?P<td>\d{1,2})[日号])?)?"
    # 2021年, 2021年度, 2021年底; 2021年中 only before a verb-ish word, not in 2021年中國
    rf"|(?P<y>{_Y})年(?:度|全年|初|底|末|中(?=完成|时|前|后|以来|[,，]))?(?!代))"
    # English: the first half of 2022, the second quarter of 2023, June 2022, in 2021
    rf"|{_EN_AHEAD}(?:(?i:the (?P<ehalf>first|second) half of )(?P<ehy>{_Y})\b"
    rf"|(?i:the (?P<eq>first|second|third|fourth) quarter of )(?P<eqy>{_Y})\b"
    rf"|(?i:(?P<emon>{'|'.join(_MONTHS)})\s+(?P<ey2>{_Y}))\b"
    rf"|(?i:\b(?:from|between)\s+)(?P<ey3>{_Y})(?i:\s+(?:to|and)\s+)(?P<ey4>{_Y})\b)"
    rf"|(?=[12])(?:(?<=\bin )(?P<ey>{_Y})\b|(?<=\bby )(?P<ey5>{_Y})\b"
    rf"|(?<=\bsince )(?P<ey6>{_Y})\b)"
    # A Taiwanese (ROC) year: 民國113年, 113年度, 113年1月 (2024, 2024-01); a school year
    # (112學年度) straddles two and is kept as written. A bare 113年 may be 113 years.
    rf"|{_ROC_AHEAD}(?P<roc>(?:民国(?P<rocy>\d{{2,3}})年|(?P<rocy2>1[01]\d)年(?=度|\d))(?:度|(?P<rocm>{_MONTH_DAY}))?"
    r"|(?:民国)?1[01]\d学年度?)"
    # Relative: 今年6月, 去年, 近一周, 上半年, 全年, 第四季度, 五一假期, last year
    rf"|(?P<rel>{_RELATIVE_AHEAD}"
    rf"(?:(?:今年|去年|明年|前年)(?:{_MONTH_DAY}|上半年|下半年|第?[一二三四1-4]季度?)?"
    r"|近[一二两三四五六七八九十\d]+(?:周|个月|年|天|日)|上半年|下半年|全年"
    # A month of no stated year (9月30日, 10月末, 1至9月, 1—10月份) and the months or quarters
    # so far (前三季度, 首八个月): periods of the article's own year.
    # Each branch opens with what it consumes first, a look-behind after it, so that the engine
    # passes over it at a character it cannot start with instead of entering it.
    rf"|(?=[0-9])(?<![0-9]){_MONTH_DAY}"
    r"|(?:前|首)[一二两三四五六七八九十\d]{1,2}(?:个月|季度)|[一二三四1-4](?<!每.)季度"
    # Not the 上周/上月 inside 線上周邊 or 登上月球.
    r"|[上本下]个?(?:周(?![边期围转岁年刊])|星期|月(?![球亮光]))|[上本]季度"
    r"|第[一二三四1-4]季度?|(?:五一|国庆|春节|端午|中秋)节?(?:假期|黄金周|长假|期间))"
    rf"|{_EN_RELATIVE_AHEAD}"
    r"(?:(?i:last year|this year|next year|last week|this week|last month|earlier this year)"
    r"|(?i:the past (?:week|month|year))"
    # "hit £17.4bn in October": no year, so relative.
    rf"|(?<=\bin )(?:{'|'.join(m.capitalize() for m in _MONTHS)})\b(?!,? (?:19|20)\d\d)"
    r"|(?i:the (?:first|second) half of the year))))"
)
# A short subject before a time phrase still lets it lead (中國平安2022年淨利潤…, 壁仞科技去年
# 推出的…), unless it ends in a preposition that makes the time an object (成立于2019年).
SUBJECT_PREFIX = re.compile(r"[A-Za-z\u4e00-\u9fff]{1,6}(?<![于於在到至自从是为较比])")
# What may stand between the start of a clause and a time phrase that leads it.
# Its blanks are possessive (no word starts with a blank, so it matches the same): with plain
# `\s*` a failed match tried every way of sharing a run of blanks out among the four, which
# for 2,000 spaces before 50 time phrases of a clause did not end in five minutes.
LEAD_PREFIX = re.compile(
    r"\s*+(?:而|但|并|且|另外|此外|同时|其中|实际上|事实上|因此|不过)?\s*+(?:预计|预期|估计)?\s*+"
    r"(?:在|到|至|截至|截止到?|从|于|自|(?i:in|by|as of|since|through|during|for))?\s*+"
)
# Characters LEAD_PREFIX never matches; nearly every time phrase holds one.
NOT_IN_LEAD_PREFIX = re.compile(r"[0-9年月季周日天]")
# Clause breaks. An ASCII comma between two digits belongs to a number (3,958 / 1,2萬), but
# one before a digit still breaks a clause (報告顯示,2020-2023年). The same matches as
# `[，；;、：]|(?<!\d)[,:]|[,:](?!\d)`, written to open with one class: the engine then skips to
# the next break in a tight loop instead of trying three branches at every character (4x faster).
CLAUSE_BREAK = re.compile(r"[，；;、：,:](?:(?<=[，；;、：])|(?<!\d[,:])|(?!\d))")
# "$49 billion in 2023": a phrase right after a figure dates it, whatever came before.
ADJACENT_AFTER = re.compile(r"\s*+(?i:in|by|as of|for|during)?\s*+")
_FROM = re.compile(r"(?:从|自|from )\s*$", re.IGNORECASE)
_TO = re.compile(r"(?:到|至|to )\s*$", re.IGNORECASE)


# A relative date with no numeral (今年, 去年, 今日, 同期) is a reference point, never a claim;
# so are 今（17）日, today with its day of the month, and 前一週, the week before.
DEICTIC = re.compile(
    r"[^0-9一二三四五六七八九十两〇零]*(?:\(\s*\d{1,2}\s*\)[天日])?|前一(?:周|星期|天|日|个月|年)"
)


def is_deictic(folded_figure: str) -> bool:
    return DEICTIC.fullmatch(folded_figure) is not None


# 某汽車公司15日公布財報, 貴州茅台10月25日晚間公告, 財政部3日也表示: a day written between a
# name and its verb of saying or publishing is when the source spoke, the time of the report,
# not a figure of it (as 今(8)日 and 週二(12日) are not). After a preposition the day is an
# event's (將於15日公布: a date of its own) and stays a claim.
DAY_OF_SAYING = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}[日号]")
VERB_OF_SAYING_AFTER = re.compile(
    r"(?:晚间|早间|上午|下午|中午|晚上|凌晨|晚|早)?(?:也|则|亦|再|又|已|还|均|都)?"
    rf"(?:{'|'.join((*SAY_VERBS, *LEAD_IN_VERBS, '发表', '公告', '披露', '称'))})"
)
_EVENT_PREPOSITION = "于在到至从自截为是的将"


def is_time_of_saying(folded: str, start: int, end: int) -> bool:
    """Whether the figure folded[start:end] is the day its sentence's source spoke on."""
    if folded[end - 1 : end] not in ("日", "号") or not DAY_OF_SAYING.fullmatch(folded, start, end):
        return False
    if start and folded[start - 1] in _EVENT_PREPOSITION:
        return False
    return VERB_OF_SAYING_AFTER.match(folded, end) is not None


# A relative phrase is kept as written as the `time` of every figure it dates. No real one is
# longer than "the second quarter of 2023"; a longer match (近 and a thousand digits and 年, or a
# run of spaces in 1月   至2月) is no time phrase, and would repeat itself in every claim after it.
MAX_TIME_PHRASE_CHARS = 40


@dataclass(frozen=True, slots=True)
class TimePhrase:
    start: int
    end: int
    time: str  # ISO 8601, or the phrase as written when relative
    relative: bool
    first: str | None = None  # the ends of a range of years
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Dating:
    time: str
    relative: bool
    phrase: int  # index of the TimePhrase that dates the figure


def find_time_phrases(text: str, folded: str, start: int, end: int) -> list[TimePhrase]:
    """The time phrases in the sentence text[start:end], in order."""
    phrases = []
    for m in TIME_PHRASE.finditer(folded, start, end):
        if m.end() - m.start() > MAX_TIME_PHRASE_CHARS:
            continue  # 近, a thousand digits and 年 is no time (see MAX_TIME_PHRASE_CHARS)
        if folded[m.end() - 1] in "日号" and is_time_of_saying(folded, m.start(), m.end()):
            continue  # 貴州茅台10月25日晚間公告: when the source spoke dates no figure
        g = m.groupdict()
        if g["rel"]:
            phrases.append(TimePhrase(m.start(), m.end(), text[m.start() : m.end()], True))
            continue
        if g["roc"]:
            phrases.append(TimePhrase(m.start(), m.end(), _roc_time(m, text), False))
            continue
        first = g["y1"] or g["ey3"] or g["fy1"]
        last = g["y2"] or g["ey4"] or (g["fy1"] and str(fiscal_year_end(int(g["fy1"]), g["fy2"])))
        if first and last:
            phrases.append(TimePhrase(m.start(), m.end(), f"{first}/{last}", False, first, last))
        elif g["qy"] or g["eqy"]:
            year, q = g["qy"] or g["eqy"], _CN_DIGIT[(g["q"] or g["eq"]).lower()]
            iso = f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}"
            phrases.append(TimePhrase(m.start(), m.end(), iso, False))
        elif g["hy"] or g["ehy"]:
            year = g["hy"] or g["ehy"]
            a, b = _HALVES[g["half"] or ("上半年" if g["ehalf"].lower() == "first" else "下半年")]
            phrases.append(TimePhrase(m.start(), m.end(), f"{year}-{a}/{year}-{b}", False))
        elif g["my"]:
            iso = f"{g['my']}-{int(g['m']):02d}" + (f"-{int(g['d']):02d}" if g["d"] else "")
            if g["td"]:  # 2023年5月1日至3日 → 2023-05-01/2023-05-03 (12月30日至1月2日: next year)
                month, to_month = int(g["m"]), int(g["tm"] or g["m"])
                year = int(g["my"]) + (to_month < month)
                last = f"{year}-{to_month:02d}-{int(g['td']):02d}"
                iso += f"/{last}" if last > iso else ""  # as dates.date_value: no backward range
            phrases.append(TimePhrase(m.start(), m.end(), iso, False))
        elif g["emon"]:
            iso = f"{g['ey2']}-{_MONTHS.index(g['emon'].lower()) + 1:02d}"
            phrases.append(TimePhrase(m.start(), m.end(), iso, False))
        else:
            year = g["y"] or g["ey"] or g["ey5"] or g["ey6"]
            phrases.append(TimePhrase(m.start(), m.end(), year, False))
    return phrases


def _roc_time(m: re.Match[str], text: str) -> str:
    """民國113年 → 2024, 113年1月 → 2024-01; a school year or a range of months as written."""
    roc_year = m["rocy"] or m["rocy2"]
    month = m["rocm"]
    if roc_year is None or (month and not _MONTH_ONLY.fullmatch(month)):
        return text[m.start() : m.end()]
    year = int(roc_year) + 1911
    return f"{year}-{int(month[:-1]):02d}" if month else str(year)


def date_figures(
    folded: str,
    start: int,
    end: int,
    phrases: Sequence[TimePhrase],
    figures: Sequence[tuple[int, int]],
) -> list[Dating | None]:
    """The time of each figure (spans, in order) of the sentence folded[start:end]."""
    if not phrases:  # most sentences: nothing to date the figures with
        return [None] * len(figures)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(folded, start, end)]

    def clause_start(pos: int) -> int:
        i = bisect_left(breaks, pos)
        return breaks[i - 1] + 1 if i else start

    same_clause = [clause_start(p.start) for p in phrases]
    leads: list[bool] = []
    # A clause whose lead-in holds a phrase with a character LEAD_PREFIX never matches: no later
    # phrase of it can have only LEAD_PREFIX before it, and is not tried (the try would read the
    # whole lead-in again, for every phrase of a clause of thousands).
    blocked = -1
    for i, (p, clause) in enumerate(zip(phrases, same_clause, strict=True)):
        if (
            i
            and clause == same_clause[i - 1] != blocked
            and NOT_IN_LEAD_PREFIX.search(folded, phrases[i - 1].start, phrases[i - 1].end)
        ):
            blocked = clause
        lead = SUBJECT_PREFIX.fullmatch(folded, clause, p.start) is not None
        if not lead and clause != blocked:
            lead = LEAD_PREFIX.fullmatch(folded, clause, p.start) is not None
        leads.append(lead)
    # Phrases do not overlap, so their starts and ends are both in order: each figure finds its
    # neighbours by bisection, and a sentence of many figures and phrases costs
    # (figures + phrases) × log(phrases), not figures × phrases.
    starts = [p.start for p in phrases]
    ends = [p.end for p in phrases]
    last_lead: list[int | None] = []  # the last phrase up to each one that leads its clause
    for i, lead in enumerate(leads):
        last_lead.append(i if lead else last_lead[-1] if last_lead else None)

    def dating_phrase(f_start: int, f_end: int) -> int | None:
        first_after = bisect_left(starts, f_end)
        # A phrase right after the figure. ADJACENT_AFTER matches nothing longer than its
        # greedy match, so only phrases starting within that reach are tried.
        reach = ADJACENT_AFTER.match(folded, f_end, end)
        limit = reach.end() if reach else f_end
        i = first_after
        while i < len(phrases) and starts[i] <= limit:
            if ADJACENT_AFTER.fullmatch(folded, f_end, starts[i]):
                return i
            i += 1
        # The last phrase before the figure that leads its clause or shares the figure's.
        # Clause starts only grow, so only the last phrase before the figure can share it.
        f_clause = clause_start(f_start)
        before = bisect_right(ends, f_start) - 1
        if before >= 0:
            if leads[before] or same_clause[before] == f_clause:
                return before
            if last_lead[before] is not None:
                return last_lead[before]
        # Failing that, a phrase after it in its clause: only the first can be.
        if first_after < len(phrases) and same_clause[first_after] == f_clause:
            return first_after
        return None

    datings: list[Dating | None] = []
    for f_start, f_end in figures:
        chosen = dating_phrase(f_start, f_end)
        datings.append(None if chosen is None else _dating(folded, phrases, chosen, f_start))
    return datings


def _dating(folded: str, phrases: Sequence[TimePhrase], i: int, f_start: int) -> Dating:
    p = phrases[i]
    lead_in = folded[max(p.end, f_start - 4) : f_start]
    if p.first and _FROM.search(lead_in):
        return Dating(p.first, False, i)
    if p.last and _TO.search(lead_in):
        return Dating(p.last, False, i)
    return Dating(p.time, p.relative, i)
