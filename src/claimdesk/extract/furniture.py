"""What is not a claim, and where the article body ends.

A numeral is not a claim when it is part of a name or a word (A800, 含光800, 萬里長征, 之一, 一個),
an ordinal (第一步, 第04版; but 第二季度 is a date and is kept), inside a 《title》, or page
furniture (© 2023, 本文共341字, comment counts, the 中央社 dateline). Navigation lines of bare
page numbers are recognised by `is_navigation_line`. The words, names, product stems and
spacecraft it knows by name are a lexicon's (lexicon/, docs/lexicon.md); the rules are here.

The body ends at the first byline/source line that follows body text: a line starting with
作者: / 來源: / 責任編輯 / 編輯: / "Reporting by" ... Scraped pages often carry a disclaimer and
unrelated articles after it. Figures there are still returned, flagged `outside_body`. A
`圖片來源:` caption is not a byline (it starts with 圖片), and a byline above the first sentence
is a header, not the end of the body.

Everything here reads the folded (Simplified) text within a few characters of the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from claimdesk.extract.lexicon import Lexicon, shipped
from claimdesk.extract.phrases import Phrases, phrases_with_numerals
from claimdesk.extract.types import NumberMatch

Reason = Literal[
    "product_name",
    "word",
    "ordinal",
    "title",
    "page_furniture",
    "stock_code",
    "list_number",
    "name",
]

# The awkward case: 中央社 ends with （編輯：陳清芳）1120815, a byline in brackets.
_BYLINE = (
    r"[ \t\u3000(（]*(?:(?:作者|来源|责任编辑|编辑|撰文|审核|校对|出品|文|记者)[ \t\u3000]*[:：]"
    r"|(?:Reporting|Editing|Writing|Additional reporting) by\b|(?:Source|Author)s?:)"
)
BYLINE_LINE = re.compile(f"^{_BYLINE}", re.MULTILINE)
# A page's publication stamp: 2024年03月15日 08:30 來源：人民網 / 2024-03-15 08:30.
PUBLICATION_LINE = re.compile(
    r"[ \t\u3000]*(?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?[ \t\u3000]+\d{1,2}:\d{2}"
)
# The first end of a sentence: a byline before it is a header, not the end of the body.
FIRST_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)")

# A CJK brand whose models are numbered (含光800, 昇騰910, 思元590 / 思遠590 sic in the seed) is
# a product stem: the product_stems list of the lexicon (lexicon/product_stems.yml).
# A process node (7奈米, 3nm) names a manufacturing generation, like a model number.
PROCESS_NODE_AFTER = re.compile(r"\s*(?:奈米|纳米|nm\b)")
# A capitalised or camel-case word and a space before a bare number: iPhone 15, Mate 60,
# RTX 4090. The awkward case is a capitalised function word or month: In 2019, June 2022.
MODEL_WORD_BEFORE = re.compile(
    r"(?<![A-Za-z])(?!(?:In|By|On|At|Of|To|For|From|Since|Until|About|Around|Over|Under|Only|"
    r"Nearly|Almost|Just|Some|And|Or|The|An?|Than|Up|More|Less|Fewer|With|After|Before|During|"
    r"Through|Between|Per|Roughly|Approximately|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Copyright|Q[1-4]|FY) )[A-Za-z]*[A-Z][A-Za-z]* $"
)
# What may follow a model number: 的, list and clause punctuation, a list word (天樞990和星河888),
# a product noun (天樞990處理器), a space, the end. A count glued to its noun (員工800) has a unit
# from the numeral layer already and never gets here.
MODEL_NUMBER_END = re.compile(
    r"[的、，,。；;：:\s)）和及与或]|$|处理器|芯片|晶片|手机|机型|型号|系列|显卡|加速卡|服务器|平台"
)
# The last of a list of models (天樞990、星河888和北辰700都…): a model number and a list word before
# its brand.
MODEL_LIST_BEFORE = re.compile(r"[0-9][、和及与或][\u4e00-\u9fff]{1,4}$")
# 7-Eleven, 9-Mart: a number, a hyphen and a capitalised word are a name (3-year is not).
NAME_HYPHEN_AFTER = re.compile(r"-[A-Z]")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Characters that introduce a bare figure (營收為800); after anything else a bare integer glued
# to a CJK word is taken for a model number.
NUMBER_INTRO = frozenset("为是达约近超逾共计仅有至到从于在和与及、第了比")

# Names that hold a numeral with their serial: spacecraft and rockets (神舟十七號, 長征五號),
# also when a headline drops the 號. The series are the spacecraft list of the lexicon
# (lexicon/spacecraft.yml); a series name and this serial are one name. Tried only after a
# series name, as most figures are after none.
SERIAL = r"[一二三四五六七八九十百零〇0-9]+(?:[AB]|甲|乙|丙)?号?"


# A stock code in brackets after the company (鴻海（2317）, 騰訊（00700）, TSMC (2330.TW)) or
# glued to its exchange (0700.HK). A year in brackets (報告(2023)) is no code, unless it has
# the exchange.
STOCK_CODE_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z)）] ?[(（]\s*$")
STOCK_CODE_AFTER = re.compile(r"\s*[)）]")
EXCHANGE_AFTER = re.compile(r"\.(?:TW|TWO|HK|SS|SZ|SH|T|KS|SI|US)\b")
_STOCK_DIGITS = re.compile(r"\d{4,6}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A section or list number opens its line: 二、工業生產, （三）, 3. or 3) or 3、.
LIST_NUMBER_BEFORE = re.compile(r"(?:^|\n)[ \t\u3000]*[(（]?$")
_LIST_MARKS = frozenset("、)）.")
_LINE_START = frozenset("\n \t\u3000(（")
LIST_NUMBER_AFTER = re.compile(r"(?:、|[)）]|\.(?!\d)|\)(?!\d))")
# 週一(15日), 星期三（17日）: the day of the month of a weekday is the dateline, not a figure.
# 今日(七月三十一日) too: today's date, in brackets after 今日.
WEEKDAY_BEFORE = re.compile(r"(?:(?:周|星期|礼拜)[一二三四五六日天]|[今昨前明][天日])\s*[(（]\s*$")


@dataclass(frozen=True, slots=True)
class _Rules:
    """What furniture_reason takes from one lexicon."""

    phrases: Phrases
    product_stems: tuple[str, ...]
    spacecraft: tuple[str, ...]
    spacecraft_name: re.Pattern[str]
    # The last characters of the stems and series names (lexicon phrases are never empty): one
    # test of the character before a figure spares `endswith` trying each name.
    stem_ends: frozenset[str]
    spacecraft_ends: frozenset[str]


@lru_cache(maxsize=8)
def _rules(lexicon: Lexicon) -> _Rules:
    series = "|".join(re.escape(s) for s in sorted(lexicon.spacecraft, key=len, reverse=True))
    return _Rules(
        phrases_with_numerals(lexicon.words_with_numerals, lexicon.names_with_numerals),
        lexicon.product_stems,
        lexicon.spacecraft,
        re.compile(f"(?:{series or '(?!)'}){SERIAL}"),
        frozenset(stem[-1] for stem in lexicon.product_stems),
        frozenset(name[-1] for name in lexicon.spacecraft),
    )


_LAST_RULES: tuple[Lexicon, _Rules] | None = None


def _remember_rules(lexicon: Lexicon) -> _Rules:
    global _LAST_RULES
    rules = _rules(lexicon)
    _LAST_RULES = (lexicon, rules)
    return rules


# 一 with a classifier is an article ("a paper", "one dynasty"), not a figure: 一篇, 一個, 一道.
ONE_WITH_CLASSIFIER = re.compile(
    r"(?:一|one)[个篇道种家位次项条件场轮批步些样名只所座番笔宗间]?", re.I
)
_ONE_FIRST = frozenset("一oO")
# 第二季度 / 第一季 are dates; every other 第N is an ordinal (第一步, 第二款, 第04版), and so are
# "No. 1" and "#1".
ORDINAL_DATE = re.compile(r"\s*(?:季|财季|quarter)")
ORDINAL_BEFORE = re.compile(r"(?:第|\bNo\. ?|(?<![\w#])#)$")
# The last characters of "No.", "No. " and "#": tested before the text is asked for them.
_ORDINAL_LAST = frozenset(". #")

# Copyright years (© 2023), word counts (本文共341字) and counters (評論 12) just before a number.
PAGE_FURNITURE_BEFORE = re.compile(
    r"(?:©|\(c\)|copyright|版权所有|本文共|全文共|全文约|阅读时间约?"
    r"|(?:评论|点赞|收藏|分享|阅读|浏览|转发|赞)\s*[:：(（]?)\s*$",
    re.IGNORECASE,
)
# The last character PAGE_FURNITURE_BEFORE can end on, blanks aside: checking it first skips the
# search (which tries every word at each of a dozen places) before most figures.
_FURNITURE_BEFORE_LAST = frozenset("©)tT有共约间论赞藏享读览发:：(（")
COUNTER_AFTER = re.compile(
    r"\s*(?:条评论|人点赞|次阅读|人阅读|次浏览|人看过|comments?\b|likes?\b|views\b)", re.I
)
# What COUNTER_AFTER's words start with, in either case (\s is what str.lstrip strips).
_COUNTER_FIRST = frozenset("条人次cClLvV")
# 中央社 and Taiwanese papers open with a dateline: （中央社記者林家豪新竹15日電）.
DATELINE = re.compile(r"[（(](?:中央社|本报)?记者[^（）()\n]{0,24}?(?:电|报导|报道)[）)]")
# 《》 titles name a report or a work; a figure in one (《…報告,2025年第二季度》) is part of the
# name. Titles are short, so an open 《 is looked for only this far back.
TITLE_REACH = 80
_DIGIT = re.compile(r"\d")
# A line of bare numbers and pager words (1 2 3 … 下一页) is navigation.
NAVIGATION_LINE = re.compile(
    r"[\s\d|/·.…<>«»]*(?:(?:上一页|下一页|首页|尾页|末页)[\s\d|/·.…<>«»]*)*"
)


# Headlines of other stories at the foot of a page: 更多, 延伸閱讀, 相關新聞, "Related",
# "Read more". Like a byline, the line that introduces them ends the body.
_RELATED = (
    r"[ \t\u3000【\[(（]*(?:更多(?:新闻|资讯|报道|阅读|文章|内容)?|延伸阅读|相关新闻|相关报道"
    r"|相关阅读|相关文章|热门新闻|热门文章|推荐阅读|猜你喜欢"
    r"|(?i:related(?: stories| articles| news| coverage| content)?|read more|more on this"
    r"|see also))"
    r"[ \t\u3000]*(?:[:：】\])）>»|]|$)"
)
RELATED_LINE = re.compile(f"^{_RELATED}", re.MULTILINE)  # the plain form, for tests
# The same lines found by the line break before them: a pattern that opens with `^` is tried at
# every character of the text, one that opens with a literal only where the literal is.
_BYLINE_AFTER_BREAK = re.compile(f"\n{_BYLINE}", re.MULTILINE)
_RELATED_AFTER_BREAK = re.compile(f"\n{_RELATED}", re.MULTILINE)


def body_end(folded: str) -> int:
    """Offset where the article body ends: the first byline line, or the first line that
    introduces other stories' headlines, after the first sentence."""
    first = FIRST_SENTENCE_END.search(folded)
    if first is None:
        return len(folded)
    # The first sentence ends on a mark, never on a line break, so every line after it starts
    # after a line break at or after first.end(): the line starts one past the break.
    lines = (_BYLINE_AFTER_BREAK.search(folded, first.end()),
             _RELATED_AFTER_BREAK.search(folded, first.end()))  # fmt: skip
    ends = [m.start() + 1 for m in lines if m]
    return min(ends, default=len(folded))


# What a navigation line may start with besides a blank or a digit: its other characters and
# the pager words' first characters.
_NAVIGATION_FIRST = frozenset("|/·.…<>«»上下首尾末")


def is_navigation_line(folded: str, start: int, end: int) -> bool:
    """True for a line made only of numbers and pager words (it must hold a digit)."""
    # Most lines are sentences: their first character rules them out before the full match,
    # which backtracks over the blanks and digits it read first. (\s and \d are what
    # str.isspace and str.isdecimal test.)
    first = folded[start] if start < end else ""
    return (
        (first in _NAVIGATION_FIRST or first.isdecimal() or first.isspace())
        and NAVIGATION_LINE.fullmatch(folded, start, end) is not None
        and _DIGIT.search(folded, start, end) is not None
    )


def furniture_reason(
    folded: str, match: NumberMatch, lexicon: Lexicon | None = None
) -> Reason | None:
    """Why the figure at `match` is not a claim, or None when it may be one. The words and
    names it knows are the lexicon's (default: the shipped one)."""
    # The last lexicon's rules, kept by identity: a call of the cache costs more than the test.
    if lexicon is None:
        lexicon = shipped()
    cached = _LAST_RULES
    rules = cached[1] if cached is not None and cached[0] is lexicon else _remember_rules(lexicon)
    start, end, unit = match.start, match.end, match.unit
    figure = folded[start:end]
    before = folded[start - 12 if start > 12 else 0 : start]
    after = folded[end : end + 12]
    last, first = before[-1:], after[:1]
    # Each regex below is tried only where a character it needs is there: most figures are
    # none of these, and a membership test costs less than entering the regex. Likewise a
    # rule in a function of its own is called only where its first test can pass: a call
    # costs as much as several of these tests.
    if (
        (unit is None or last in _LATIN or last == "-")
        and _is_product_name(figure, before, last, after, unit, rules)
    ) or (("米" in after or "nm" in after) and PROCESS_NODE_AFTER.match(after)):
        return "product_name"
    phrases = rules.phrases
    if (figure[:1] in _ONE_FIRST and ONE_WITH_CLASSIFIER.fullmatch(figure)) or (
        (
            last in phrases.next_before
            or first in phrases.next_after
            or figure.lower() in phrases.whole
        )
        and phrases.cover(folded, start, end, figure, before, after)
    ):
        return "word"
    # in_title written out: a call for each figure costs more than the search.
    opening = folded.rfind("《", start - TITLE_REACH if start > TITLE_REACH else 0, start)
    if opening >= 0 and folded.find("》", opening, start) < 0:
        return "title"
    # A code is followed by its exchange (.HK) or by a closing bracket, maybe after blanks.
    if (
        4 <= len(figure) <= 6
        and (first == "." or (first if not first.isspace() else after.lstrip()[:1]) in ")）")
        and _is_stock_code(figure, before, after)
    ):
        return "stock_code"
    if (
        first in _LIST_MARKS
        and (start == 0 or folded[start - 1] in _LINE_START)
        and LIST_NUMBER_BEFORE.search(folded, max(0, start - 4), start)
        and LIST_NUMBER_AFTER.match(after)
    ):
        return "list_number"
    if unit == "relative" and WEEKDAY_BEFORE.search(before):
        return "page_furniture"
    if last in rules.spacecraft_ends and before.endswith(rules.spacecraft):
        for m in rules.spacecraft_name.finditer(folded, max(0, start - 12), end + 12):
            if m.start() <= start and m.end() >= end:
                return "name"
    ordinal = last == "第" or (
        last in _ORDINAL_LAST
        and before.endswith(("No.", "No. ", "#"))
        and ORDINAL_BEFORE.search(before) is not None
    )
    if (ordinal or figure.startswith("第")) and not _is_quarter(folded, figure, end):
        return "ordinal"
    # \s is what str.strip strips: a blank last (first) character is rare, and only then is
    # the text stripped to find the character the words end (start) on.
    if (
        (
            (last if not last.isspace() else before.rstrip()[-1:]) in _FURNITURE_BEFORE_LAST
            and PAGE_FURNITURE_BEFORE.search(before)
        )
        or (
            (first if not first.isspace() else after.lstrip()[:1]) in _COUNTER_FIRST
            and COUNTER_AFTER.match(after)
        )
        or (
            folded.find("记者", start - 30 if start > 30 else 0, start) >= 0
            and _in_dateline(folded, start, end)
        )
    ):
        return "page_furniture"
    # Bylines are short lines, so only a short stretch back is searched for the line start.
    newline = folded.rfind("\n", start - 40 if start > 40 else 0, start)
    if (newline >= 0 or start <= 40) and _on_byline_line(folded, newline + 1, start):
        return "page_furniture"
    return None


def _is_stock_code(figure: str, before: str, after: str) -> bool:
    if not _STOCK_DIGITS.fullmatch(figure):
        return False
    if EXCHANGE_AFTER.match(after):
        return True
    return (
        STOCK_CODE_BEFORE.search(before) is not None
        and STOCK_CODE_AFTER.match(after) is not None
        and not (len(figure) == 4 and _YEAR.fullmatch(figure))
    )


def _is_product_name(
    figure: str, before: str, last: str, after: str, unit: str | None, rules: _Rules
) -> bool:
    # Glued to Latin letters on the left: A800, MI300X, INT8, COVID-19. (`last` is before[-1:].)
    if last in _LATIN and figure[:1].isdigit():
        return True
    if last == "-" and before[-2:-1] in _LATIN:
        return True
    if unit is not None:
        return False
    # Glued on the right with no unit of its own: 2.5D, 5G, 1st, 9-Mart.
    if after[:1] in _LATIN or (after[:1] == "-" and NAME_HYPHEN_AFTER.match(after)):
        return True
    if figure.isdigit() and before:
        # MODEL_WORD_BEFORE ends in a space, at the end or before a final newline (`$`).
        if (last in rules.stem_ends and before.endswith(rules.product_stems)) or (
            before.endswith((" ", " \n")) and MODEL_WORD_BEFORE.search(before)
        ):
            return True
        # Any other CJK word directly followed by digits and no unit reads as a model number
        # (思遠590的), unless a measure word follows that the numeral layer does not know
        # (上漲120點).
        return (
            "\u4e00" <= last <= "\u9fff"
            and last not in NUMBER_INTRO
            and (
                MODEL_NUMBER_END.match(after) is not None
                or MODEL_LIST_BEFORE.search(before) is not None
            )
        )
    return False


def in_title(folded: str, pos: int) -> bool:
    """True when `pos` sits inside 《…》: an open 《 before it and no 》 in between."""
    # Most places have no 《 before them: the search for a 》 is made only after one.
    # (furniture_reason writes these two lines out: a call for each figure costs more.)
    opening = folded.rfind("《", pos - TITLE_REACH if pos > TITLE_REACH else 0, pos)
    return opening >= 0 and folded.find("》", opening, pos) < 0


def _is_quarter(folded: str, figure: str, end: int) -> bool:
    return "季" in figure or ORDINAL_DATE.match(folded, end) is not None


_LINE_LEAD = " \t\u3000(（"
_LINE_HEADS = frozenset("作来责编撰审校出文记REWAS12")


def _on_byline_line(folded: str, line_start: int, start: int) -> bool:
    # A byline opens with one of its words after blanks or a bracket, a publication stamp with
    # a year: any other first character rules both out without trying them. The line's own
    # first character decides, unless it is a blank or a bracket.
    if line_start < start:
        first = folded[line_start]
        if first in _LINE_LEAD:
            first = folded[line_start:start].lstrip(_LINE_LEAD)[:1]
        if first and first not in _LINE_HEADS:
            return False
    return (
        BYLINE_LINE.match(folded, line_start) is not None
        or PUBLICATION_LINE.match(folded, line_start) is not None
    )


def _in_dateline(folded: str, start: int, end: int) -> bool:
    """Whether the figure is in a dateline; furniture_reason asks only where 记者 is before it."""
    for m in DATELINE.finditer(folded, max(0, start - 30), end + 10):
        if m.start() <= start and m.end() >= end:
            return True
    return False
