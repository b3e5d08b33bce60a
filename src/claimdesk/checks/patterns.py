"""The connecting words that relate figures, as regular expressions over a sentence's skeleton
(sentences.py: figure i is the placeholder chr(0xE000 + i); Simplified script, lower case).

Each pattern is deliberately narrow, and each has a test with the case that made it so
(tests/test_checks_relations.py): a relation that is not found costs nothing, one that is
found wrongly costs an editor's trust.
"""

from __future__ import annotations

import re

from claimdesk.checks.sentences import FIGURE as F


def _gap(most: int) -> str:
    """Up to `most` characters of connecting text: no figure, no clause break."""
    return f"[^\ue000-\uf8ff，,；;。！？!?\n]{{0,{most}}}"


# Words that say a figure is a rise, or a fall. 增 and 升 alone come last, so that 增長 and 上升
# are read whole. English words stand between word boundaries ("up", not "group").
_UP_ZH = "增幅|涨幅|增长率|增速|增长|增加|上涨|上升|提升|提高|成长|扩大|攀升|跃升|飙升|增|涨|升"
_DOWN_ZH = "降幅|跌幅|下降|减少|下跌|下滑|降低|缩减|萎缩|缩水|减|跌|降"
_UP_EN = (
    r"up|an? (?:increase|rise|jump|gain|surge) of|growth of|rising|increasing|growing|"
    r"gaining|jumping|climbing|rose|grew|increased|climbed|jumped|surged|gained"
)
_DOWN_EN = (
    r"down|an? (?:decrease|decline|drop|fall|slide) of|falling|declining|dropping|decreasing|"
    r"sliding|fell|dropped|declined|decreased|slid|slipped|shrank"
)
UP = rf"(?:{_UP_ZH}|\b(?:{_UP_EN})\b)"
DOWN = rf"(?:{_DOWN_ZH}|\b(?:{_DOWN_EN})\b)"
# What may stand between a connecting word and its figure: qualifiers and small words, which
# the extractor keeps out of the figure's text (增幅超過2.8倍, an increase of more than 2.8 times).
QUALIFIER = (
    r"(?:\s|了|约为|约|大约|超过|逾|将近|接近|近|达到|达|高达|不到|至少|为|by|of|or|about|"
    r"more than|nearly|almost|over|some|roughly|around|approximately|less than|at least|"
    r"just over|just under)*"
)
# Between the new value and the stated change: punctuation, a year, 同比. Nothing else, so that
# 增至490億美元，中國市場增長47.2% does not relate China's growth to the global figures. 年均
# (a compound annual rate) is a different quantity and stops the match.
_WHEN_EN = (
    r"(?:in|by|as of) (?:\d{4}|(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)(?: \d{4})?|the (?:first|second|third|fourth) quarter)"
)
_BRIDGE = rf"(?:\s|[，,]|{_WHEN_EN}|\d{{4}}年|同比|环比)*"
_TO = r"(?P<to>到|至|\bto\b)?"
_CHANGE_WORD = rf"(?:(?P<up>{UP})|(?P<down>{DOWN}))"

FROM_TO_ZH = re.compile(rf"(?:从|由){_gap(12)}(?P<a>{F}){_gap(8)}(?:到|至){_gap(4)}(?P<b>{F})")
FROM_TO_EN = re.compile(rf"\bfrom {_gap(12)}(?P<a>{F}){_gap(16)}\bto {_gap(6)}(?P<b>{F})")
STATED_AFTER = re.compile(rf"{_BRIDGE}{_CHANGE_WORD}{_TO}{QUALIFIER}(?P<c>{F})")
# ，是原來的2.8倍 / ，翻了一番: the stated figure is the ratio of the new value to the base.
RATIO_AFTER = re.compile(
    rf"{_BRIDGE}(?:(?:是|为|相当于|达到|达)(?:原来的|此前的|之前的)?)?{QUALIFIER}(?P<c>{F})"
)
# rose 180% from $17.5 billion to $49 billion; fell 12.5% to NT$3.5 billion from NT$4 billion.
STATED_FROM_TO_EN = re.compile(
    rf"{_CHANGE_WORD}{QUALIFIER}(?P<c>{F}),?\s+from {_gap(12)}(?P<a>{F}){_gap(16)}\bto "
    rf"{_gap(6)}(?P<b>{F})"
)
STATED_TO_FROM_EN = re.compile(
    rf"{_CHANGE_WORD}{QUALIFIER}(?P<c>{F}),?\s+to {_gap(6)}(?P<b>{F}){_gap(16)}\bfrom "
    rf"{_gap(6)}(?P<a>{F})"
)
# 達到400億元，是2020年100億元的4倍.
RATIO_OF = re.compile(
    rf"(?P<b>{F})[，,\s]*(?:是|为|相当于){_gap(10)}(?P<a>{F})的{QUALIFIER}(?P<c>{F})"
)

# 5.75兆元，比上年增加0.84兆元，年增長17.1% (or the rate before the amount); rose to $5.75
# trillion, up $0.84 trillion, or 17.1%; rose by $0.84 trillion, or 17.1%, to $5.75 trillion.
# Each part must follow the one before, so that a change is never read against another
# subject's total (營收5.75兆元，淨利增加…).
_SINCE = r"(?:(?:比|较|相比|相较于?)(?:上年|去年|前年|上月|上季度?|\d{4}年)?(?:同期)?)?"
_RATE_PREFIX = r"(?:同比|环比|年|比上年|较上年|比去年|较去年)?"
_AMOUNT_UP, _AMOUNT_DOWN = "增加|增长|提高|上升|多", "减少|下降|降低|下滑|少"
_AMOUNT_CHANGE = rf"{_SINCE}(?:(?P<up>{_AMOUNT_UP})|(?P<down>{_AMOUNT_DOWN}))了?"
_RATE_CHANGE = rf"{_SINCE}{_RATE_PREFIX}(?:(?P<rup>{_UP_ZH})|(?P<rdown>{_DOWN_ZH}))"
TOTAL_AMOUNT_RATE_ZH = re.compile(
    rf"(?P<t>{F})[，,\s]*{_AMOUNT_CHANGE}{QUALIFIER}(?P<d>{F})[，,\s]*{_RATE_CHANGE}"
    rf"{QUALIFIER}(?P<r>{F})"
)
TOTAL_RATE_AMOUNT_ZH = re.compile(
    rf"(?P<t>{F})[，,\s]*{_RATE_CHANGE}{QUALIFIER}(?P<r>{F})[，,\s]*{_AMOUNT_CHANGE}"
    rf"{QUALIFIER}(?P<d>{F})"
)
_AMOUNT_EN = (
    r"(?:(?P<up>up|an increase of|a rise of|higher by)|"
    r"(?P<down>down|a decrease of|a drop of|a decline of|lower by))"
)
_RATE_EN = r"(?:or|an? (?:increase|rise|decrease|drop|decline) of)"
TOTAL_AMOUNT_RATE_EN = re.compile(
    rf"(?P<t>{F}){_BRIDGE}\b{_AMOUNT_EN}\s+{QUALIFIER}(?P<d>{F})\s*,?\s*{_RATE_EN}\s+"
    rf"{QUALIFIER}(?P<r>{F})"
)
AMOUNT_RATE_TOTAL_EN = re.compile(
    r"\b(?:(?P<up>rose|increased|grew|climbed|gained)|(?P<down>fell|decreased|dropped|declined|"
    rf"slid))\s+{QUALIFIER}(?P<d>{F})\s*,?\s*or\s+{QUALIFIER}(?P<r>{F}),?\s+to\s+"
    rf"{_gap(6)}(?P<t>{F})"
)

# 剩餘的15%, the remaining 15%, the rest, 40%: the whole less the share before.
REST = re.compile(
    r"(?:剩余|其余|剩下|余下|\bthe remaining\b|\bthe rest\b|\bthe remainder\b)"
    rf"(?:的|部分|\s|,|of (?:the )?(?:market|total|it))*{QUALIFIER}(?P<p>{F})"
)

_SEPARATOR = r"(?:\s*(?:、|，|,|和|及|与|以及|, and|and)\s*)"
# Each item may carry a short label of its own: 分別為台北市1.12兆元、新北市0.45兆元.
_LABEL = "[^\ue000-\uf8ff，,；;。！？!?\n、]{0,8}?"
# At most 40 parts: a longer run of figures is a table, and an unbounded list would make the
# pattern backtrack through every shorter one, at every figure of a long sentence.
_LIST = rf"{F}(?:{_SEPARATOR}{_LABEL}{QUALIFIER}{F}){{1,40}}"
RESPECTIVELY_ZH = re.compile(
    rf"分别(?:为|是|达到|达|占|有|录得|实现|获得)?{_LABEL}{QUALIFIER}(?P<list>{_LIST})"
)
RESPECTIVELY_EN = re.compile(rf"(?P<list>{_LIST})\s*,?\s*respectively")
TOTAL_BEFORE = re.compile(
    r"(?:合计|共计|总计|总共|一共|累计|总额|总量|总数|共|\ba total of\b|\btotal(?:l?ing|l?ed)?\b|"
    rf"\bcombined\b|\baltogether\b)(?:{_gap(6)})?[:：]?{QUALIFIER}(?P<t>{F})"
)
TOTAL_AFTER = re.compile(rf"(?P<t>{F})\s+(?:in total|altogether|combined)\b")
OF_WHICH = re.compile(r"其中|\bof (?:which|these|this|the total|them)\b")
# After 其中, a change (比…增加, 增長) is no part of the total.
NOT_A_PART = re.compile(rf"{UP}|{DOWN}|比|较|同比|环比|\bfrom\b")

# 按全年兩倍計算184億元.
DERIVED_ZH = re.compile(rf"(?:按照?|以){_gap(10)}(?P<m>{F}){_gap(4)}计算{_gap(8)}(?P<r>{F})")
