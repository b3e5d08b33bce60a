"""Figures written in several units, read as one: durations, clock times and scores.

The numeral scan reads one number at a time, so 2小時05分30秒 comes out as 2 hours, 5 and 30,
and 3比1 as 3 and 1. `join_compounds` reads the scan's figures again where one is followed by
a unit of time, a colon, 比 or a dash, and puts one figure (or none) in their place:

- **A duration in several units** is one figure in seconds (kind duration, unit second):
  2小時05分30秒 → 7530; 3分12秒45 → 192.45 (hundredths after 秒, as race results write them);
  1小時30分 → 5400; 1:02:03 and 2:05:30.5 → 3723 and 7530.5; 3:42.5 → 222.5; "2 hours 5
  minutes" and 1小時30分鐘 (two duration figures side by side, the larger unit first) → 7500 and
  5400. A part after the first is under 60, as on a stopwatch; otherwise it is no compound.
- **A clock time is no figure**: 下午3時15分, 3點15分, "3:15 p.m.", "at 3:15" date the event, they
  state nothing an editor checks. 時 and 點 are hours of the clock, 小時 hours of a duration; a
  clock word before (上午, 下午, 凌晨 ...) or a.m./p.m. after makes any of these a clock time. A
  clock's hour is at most 24. One exception: H時M分S秒 with seconds and no clock word is a race
  result (Taiwanese papers write 2時05分30秒), so a duration.
- **A score** is one figure with no value, kind score: 以3比1擊敗, 比分101-98, "won 3-1",
  以2:0取勝. Two numbers joined by 比, a colon or a dash are a score only when a word of a
  contest is in their clause (擊敗 勝 負 比分 隊 賽 票, win beat lost match votes ...) and no word
  of a proportion is (比例 比率 長寬比 ratio): 長寬比16:9 and 男女比例1:1.2 stay as they are.

Everything reads the folded (Simplified, ASCII digits) text within a clause of the figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from claimdesk.extract.numerals import to_value
from claimdesk.extract.types import NumberMatch

# What may follow the first number of a compound: a CJK unit of time, a colon, 比, a dash.
_AFTER_BARE = frozenset("时点分:：比-–—")
_DIGITS = frozenset("0123456789")
_SECONDS = {"day": 86400, "hour": 3600, "minute": 60, "second": 1}
_STARTS_COMPOUND = frozenset([*_SECONDS, "point"])

# H小時M分S秒, H時M分S秒, H點M分, M分S秒 and M分S秒CC. The hour word is a group: 小时 is a
# duration, 时 and 点 a clock unless a second follows.
CJK_TIME = re.compile(
    r"(?P<h>[0-9]+)(?P<hour>个?小时|时|点)零?(?:(?P<m>[0-9]{1,2})分(?:钟)?)?"
    r"(?:(?P<s>[0-9]{1,2}(?:\.[0-9]+)?)秒(?:钟)?)?"
    r"|(?P<m2>[0-9]+)分(?:钟)?(?P<s2>[0-9]{1,2}(?:\.[0-9]+)?)秒(?:钟)?(?P<cs>[0-9]{1,2}(?![0-9]|\.[0-9]))?"
)
# 1:02:03, 2:05:30.5, 3:42.5 (minutes, seconds and tenths), and 3:15 (a clock or a score).
COLON_TIME = re.compile(
    r"(?P<h>[0-9]{1,3})[:：](?P<m>[0-5][0-9])[:：](?P<s>[0-5][0-9](?:\.[0-9]+)?)(?![0-9:])"
    r"|(?P<m2>[0-9]{1,3})[:：](?P<s2>[0-5][0-9]\.[0-9]+)(?![0-9:])"
    r"|(?P<ch>[0-9]{1,2})[:：](?P<cm>[0-5][0-9])(?![0-9:]|\.[0-9])"
)
# Two numbers that may be a score: 3比1, 3:1, 101-98, 3 - 1.
SCORE = re.compile(r"[0-9]{1,3} ?(?:比|[:：]|[-–—]) ?[0-9]{1,3}(?![0-9:%]|\.[0-9])")
# A word before that makes a time of day: 下午3時, 今晚8點15分, 於凌晨2時.
CLOCK_BEFORE = re.compile(
    r"(?:上午|下午|中午|晚上|晚间|凌晨|早上|清晨|傍晚|深夜|午夜|今晨|早晨|夜间|当晚|今晚|昨晚"
    r"|\b(?:at|by|until|till|from|before|after) )[于约在於]?$",
    re.IGNORECASE,
)
CLOCK_AFTER = re.compile(r" ?(?:[ap]\.? ?m\.?(?![a-z])|o'clock|GMT|UTC|HKT|local time)", re.I)
# A contest: a sport, a match or a vote. 胜 and 负 alone (以3比1勝出, 1勝2負) are words of one.
CONTEST_WORD = re.compile(
    r"击败|战胜|打败|击退|胜|负|赢|输|败|比分|比数|取胜|获胜|战平|打平|踢平|逼平|逆转|不敌|晋级"
    r"|淘汰|夺冠|进球|得分|球|队|赛|局|盘|票"
    r"|\b(?:won|wins?|beat|beats|beaten|defeat(?:ed|s)?|lost|lose|loses|victory|draw|drew"
    r"|scored?|scoreline|match|game|final|vote[sd]?|vs)\b",
    re.IGNORECASE,
)
# A proportion: the numbers are a ratio even in a sports story (控球比例6:4).
RATIO_WORD = re.compile(
    r"比例|比率|之比|比值|配比|长宽比|宽高比|\b(?:ratio|aspect|proportion)", re.I
)
# A range of something is no score, even in a sports story: 24-25賽季, 3-5日, 12-14 June,
# Chapter 3-1, 第3-4局.
NOT_SCORE_AFTER = re.compile(
    r" ?(?:[年月日号季周天岁名位个人届期]|赛季|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|season|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|seconds?\b)",
    re.IGNORECASE,
)
NOT_SCORE_BEFORE = re.compile(
    r"(?:\b(?:chapter|article|section|rule|clause|no\.?|page|pages|pp?\.)|[第章节条款])\s*$",
    re.IGNORECASE,
)
# A clause: a score's context words are in it.
CLAUSE_END = re.compile(r"[，。；！？,;!?\n]")
CLAUSE_REACH = 20


def join_compounds(text: str, folded: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """`found` with each duration in several units, clock time and score read as the module
    docstring says: one figure, or none for a clock time, in place of its pieces."""
    out: list[NumberMatch] | None = None  # made only once a compound is found
    skip_to = 0
    for k, m in enumerate(found):
        # This runs for every figure: most have a unit of another kind and are passed by the
        # first test, a bare number by one look at the character after it.
        unit = m.unit
        joined: tuple[int, NumberMatch | None] | None = None
        if unit is None:
            if m.kind is None and folded[m.end : m.end + 1] in _AFTER_BARE and m.start >= skip_to:
                joined = _cjk_time(text, folded, m.start) or _colon_time(text, folded, m.start)
                joined = joined or _score(text, folded, m.start)
        elif unit in _STARTS_COMPOUND and m.start >= skip_to:
            if unit in ("hour", "point") and folded[m.end : m.end + 1] in _DIGITS:
                joined = _cjk_time(text, folded, m.start)
            if joined is None and m.kind == "duration" and unit in _SECONDS:
                joined = _duration_run(text, folded, found, k)
        if joined is None:
            if out is not None and m.start >= skip_to:
                out.append(m)
            continue
        if out is None:
            out = found[:k]
        skip_to, figure = joined
        if figure is not None:
            out.append(figure)
    return found if out is None else out


def _duration(text: str, start: int, end: int, seconds: Decimal) -> tuple[int, NumberMatch]:
    return end, NumberMatch(start, end, text[start:end], to_value(seconds), "second", "duration")


def _is_clock(folded: str, start: int, end: int) -> bool:
    return (
        CLOCK_BEFORE.search(folded, max(0, start - 8), start) is not None
        or CLOCK_AFTER.match(folded, end) is not None
    )


def _cjk_time(text: str, folded: str, start: int) -> tuple[int, NumberMatch | None] | None:
    t = CJK_TIME.match(folded, start)
    if t is None:
        return None
    end = t.end()
    if t["m2"]:
        whole = Decimal(t["m2"]) * 60 + Decimal(t["s2"])
        if Decimal(t["s2"]) >= 60:
            return None
        if t["cs"]:
            whole += Decimal(t["cs"]) / 10 ** len(t["cs"])
        return _duration(text, start, end, whole)
    hour, minute, second = t["h"], t["m"], t["s"]
    if minute is None and second is None:
        # 下午3時 alone is a clock time; 3小時 alone is the scan's own duration.
        if t["hour"] != "小时" and t["hour"] != "个小时" and _is_clock(folded, start, end):
            return end, None
        return None
    if (minute and int(minute) >= 60) or (second and Decimal(second) >= 60):
        return None
    duration_word = t["hour"].endswith("小时")
    if not duration_word and (second is None or _is_clock(folded, start, end)):
        return (end, None) if int(hour) <= 24 else None
    whole = Decimal(hour) * 3600 + Decimal(minute or 0) * 60 + Decimal(second or 0)
    return _duration(text, start, end, whole)


def _colon_time(text: str, folded: str, start: int) -> tuple[int, NumberMatch | None] | None:
    t = COLON_TIME.match(folded, start)
    if t is None:
        return None
    end = t.end()
    clock = _is_clock(folded, start, end)
    if t["ch"]:
        # 3:15 alone may be a score (won 3:15?) or a clock: only a clock word decides here.
        return (end, None) if clock and int(t["ch"]) <= 24 else None
    if clock and t["h"] and int(t["h"]) <= 24:
        return end, None
    if t["h"]:
        whole = Decimal(t["h"]) * 3600 + Decimal(t["m"]) * 60 + Decimal(t["s"])
    else:
        whole = Decimal(t["m2"]) * 60 + Decimal(t["s2"])
    return _duration(text, start, end, whole)


def _score(text: str, folded: str, start: int) -> tuple[int, NumberMatch | None] | None:
    s = SCORE.match(folded, start)
    if s is None:
        return None
    end = s.end()
    lo = max(0, start - CLAUSE_REACH)
    before = CLAUSE_END.split(folded[lo:start])[-1]
    after = CLAUSE_END.split(folded[end : end + CLAUSE_REACH])[0]
    if (
        RATIO_WORD.search(before)
        or NOT_SCORE_BEFORE.search(before)
        or NOT_SCORE_AFTER.match(folded, end)
        or not (CONTEST_WORD.search(before) or CONTEST_WORD.search(after))
    ):
        return None
    return end, NumberMatch(start, end, text[start:end], None, None, "score")


def _duration_run(
    text: str, folded: str, found: list[NumberMatch], k: int
) -> tuple[int, NumberMatch | None] | None:
    """1小時30分鐘, "2 hours 5 minutes", "1 hour and 30 minutes": duration figures side by side,
    each unit smaller than the one before, are one duration."""
    first = found[k]
    if first.value is None or first.value_max is not None:
        return None
    total = Decimal(str(first.value)) * _SECONDS[first.unit or ""]
    last, last_unit = first, _SECONDS[first.unit or ""]
    for m in found[k + 1 :]:
        unit = _SECONDS.get(m.unit or "")
        if (
            m.kind != "duration"
            or unit is None
            or unit >= last_unit
            or folded[last.end : m.start] not in _DURATION_JOINS
            or m.value is None
            or m.value_max is not None
            # A part is less than one of the unit before it: 2 hours 5 minutes, not 2 hours 90.
            or m.value >= last_unit // unit
        ):
            break
        total += Decimal(str(m.value)) * unit
        last, last_unit = m, unit
    if last is first:
        return None
    return _duration(text, first.start, last.end, total)


_DURATION_JOINS = frozenset(["", " ", " and ", ", ", "又", "零"])
