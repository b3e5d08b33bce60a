"""The same quantity stated twice: in one article, or in two.

Two figures are one quantity when they have the same unit, the same period (`time`), and the
same *subject*: the words of their clause before the figure, with times,
qualifiers and the verbs that introduce a level (達到, 為, reached) taken away, folded to
Simplified: 2022年台灣IC產業產值達新台幣4.84兆元 and 台湾IC产业产值2022年为4.9兆元 are both
台湾ic产业产值. A subject with fewer than four characters besides words such as 營收,
市場規模 or 同比增長 is too vague to match on.

They are compared only when they have the same source, or, within one article, when one of
them has none (a headline restating the body): two sources may well estimate one quantity
differently. They conflict when no value is covered by both as worded: 4.84兆 and 4.8兆
agree, 4.84兆 and 4.9兆 do not. Across articles, only figures with an absolute period (2022,
not 去年) in the article body are compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from claimdesk.checks.figures import Figure, covers
from claimdesk.checks.intervals import overlaps
from claimdesk.checks.results import CheckKind, CheckResult
from claimdesk.checks.sentences import Sentence
from claimdesk.extract.script import to_simplified

_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()\ue000-\uf8ff]")
_TIME = re.compile(
    r"\d{2,4}\s*(?:年度?|财年)|\d{1,2}\s*(?:月份?|日|号)|第?[一二三四1-4]季度?|[上下]半年|全年|"
    r"今年|去年|前年|明年|本年|当年|同期|截至|截止|目前|近期|"
    r"\b(?:in|by|as of|since|for|during) (?:the )?(?:\d{4}|fiscal \d{4}|(?:first|second|third|"
    r"fourth) (?:quarter|half))\b|\b\d{4}\b"
)
_LEADING = re.compile(
    r"^(?:\s|而|但|并|且|其中|此外|另外|同时|据|根据|(?:and|but|while|which|that|the|its|a)\b)+"
)
# Words that introduce a level, and qualifiers, which the extractor keeps out of the figure.
_TRAILING = re.compile(
    r"(?:\s|的|了|将|已经|已|预计|有望|可望|可达|或达|增长到|增长至|增加到|增加至|增至|上涨到|"
    r"上涨至|上升到|上升至|升至|降至|下降到|下降至|减少到|减少至|跌至|提升至|提高到|提高至|扩大到|"
    r"扩大至|达到|达|为|是|约为|约|大约|超过|逾|近|将近|接近|高达|仅为|仅|只有|共计|合计|总计|"
    r"累计|共|录得|实现|突破|报|至|到|在|有|从|由|was|were|is|are|at|to|of|from|reached|hit|totaled|"
    r"totalled|stood at|amounted to|rose to|grew to|fell to|climbed to|dropped to|about|nearly|"
    r"almost|over|more than|some|around|roughly|only|just|a record)+$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that say what kind of figure it is but not of what: a subject must have four more
# characters (or two more English words) than these, or 市場規模 and 同比增長 would match any
# market's size and any growth.
_GENERIC = re.compile(
    r"同比|环比|增长率?|增加|增幅|涨幅|降幅|下降|减少|上涨|上升|市场规模|规模|市场|营收|收入|营业额|"
    r"销售额|销量|出货量?|产值|金额|总额|数量|份额|占比|比重|价格|人数|人次|"
    r"\b(?:market|size|sales|revenue|growth|share|price|total|value|up|down|rose|fell)\b"
)
MIN_SUBJECT_CHARACTERS = 4


@dataclass(frozen=True, slots=True)
class Quantity:
    """What a figure is a figure of: figures with equal keys state the same quantity."""

    claim_id: str
    key: str  # subject|unit|time


def subject(sentence: Sentence, figure: Figure) -> str | None:
    """The figure's subject (see the module docstring), or None when it is too vague."""
    clause = _CLAUSE_BREAK.split(sentence.before(figure))[-1]
    words = _TIME.sub(" ", clause)
    words = _LEADING.sub("", words.strip())
    words = _TRAILING.sub("", words).strip()
    words = re.sub(r"\s+", " ", words)
    specific = _GENERIC.sub(" ", words)
    cjk = len(_CJK.findall(specific))
    english = len(specific.split()) >= 2 and len(words) >= 8
    if cjk >= MIN_SUBJECT_CHARACTERS or (not _CJK.search(words) and english):
        return words
    return None


def quantities(sentence: Sentence, *, across_articles: bool) -> Iterator[Quantity]:
    """A key for every figure of the sentence that can be compared with another."""
    for figure in sentence.figures:
        if figure.value is None or figure.kind == "date" or not figure.unit or not figure.time:
            continue
        if across_articles and (figure.relative_time or not figure.in_body):
            continue
        found = subject(sentence, figure)
        if found is None:
            continue
        yield Quantity(figure.key, "|".join([found, figure.unit, figure.time]))


# A quantity stated more often than this is compared with its first statements only: every
# figure against every other would make the build quadratic in the article (a text that repeats
# one figure thousands of times), and no editor reads a check that lists a hundred claims.
MAX_COMPARED = 20
# The statements every figure of a quantity is compared with: the first ones, in the order of
# the articles, then of their text. A figure's result depends only on them and on the figure,
# which is what lets a write derive again only its own figures' conflicts when it is not among
# them (database/write.py).
FIRST_STATEMENTS = MAX_COMPARED + 1


def same_quantity(
    groups: Iterable[Sequence[Figure]], kind: CheckKind, article_of: dict[str, str] | None = None
) -> Iterator[CheckResult]:
    """For each figure of a group of one quantity: agreement with the others, or a warning
    naming those it conflicts with. Across articles (`article_of` given), a figure is compared
    only with the other articles' figures."""
    for group in groups:
        first = group[:FIRST_STATEMENTS]
        # Worked out once per figure, not once per pair: a quantity stated in thousands of
        # articles compares each with the first statements, and folding a source to
        # Simplified is the dearest step of a comparison.
        source = {figure.key: _source(figure) for figure in group}
        # A comparison's outcome is the same for every figure written alike and compared
        # with the same statements (a wire story reprinted by hundreds of articles): worked
        # out once, and given each figure's own id.
        compared: dict[tuple[object, ...], CheckResult | None] = {}
        for figure in group:
            others = [
                other
                for other in first
                if other is not figure
                and (article_of is None or article_of[other.key] != article_of[figure.key])
                and _same_source(
                    source[figure.key], source[other.key], strict=article_of is not None
                )
            ][:MAX_COMPARED]
            if not others:
                continue
            # Everything _compare reads of the figure, besides its id.
            alike = (
                *(other.key for other in others),
                figure.text,
                figure.value,
                figure.value_max,
                figure.qualifier_meaning,
                figure.time,
            )
            if alike not in compared:
                compared[alike] = _compare(figure, others, kind)
            found = compared[alike]
            if found is not None:
                yield replace(found, claim_id=figure.key, related=(figure.key, *found.related[1:]))


def _same_source(mine: str | None, theirs: str | None, *, strict: bool) -> bool:
    return mine == theirs or (not strict and (mine is None or theirs is None))


def _source(figure: Figure) -> str | None:
    return to_simplified(figure.source.strip()) if figure.source else None


def _compare(figure: Figure, others: Sequence[Figure], kind: CheckKind) -> CheckResult | None:
    mine = covers(figure)
    if mine is None:
        return None
    theirs = [(other, covers(other)) for other in others]
    differing = [o for o, c in theirs if c is not None and not overlaps(c, mine)]
    where_en = "in another article" if kind == "conflict" else "elsewhere in the article"
    where_zh = "另一篇文章" if kind == "conflict" else "同一篇文章的另一處"
    if not differing:
        agreeing = " and ".join(o.text for o in others)
        en = (
            f"The same quantity is stated {where_en} as {agreeing}, which agrees with "
            f"{figure.text} within rounding."
        )
        zh = (
            f"{where_zh}亦提到同一數字「{'、'.join(o.text for o in others)}」，"
            f"與「{figure.text}」按四捨五入相符。"
        )
        computation = " = ".join([figure.text, *(o.text for o in others)])
        return CheckResult(figure.key, kind, "ok", computation, en, zh, _ids(figure, others))
    listed = " and ".join(o.text for o in differing)
    en = (
        f"The same quantity ({figure.time}) is stated {where_en} as {listed}, which "
        f"{figure.text} does not cover as worded: one of them is wrong, or they are not the "
        "same quantity. An editor should decide."
    )
    zh = (
        f"{where_zh}對同一數字（{figure.time}）寫作「{'、'.join(o.text for o in differing)}」，"
        f"與「{figure.text}」不符：其中之一有誤，或兩者並非同一數字，請編輯判斷。"
    )
    computation = " ≠ ".join([figure.text, *(o.text for o in differing)])
    return CheckResult(figure.key, kind, "warning", computation, en, zh, _ids(figure, differing))


def _ids(figure: Figure, others: Sequence[Figure]) -> tuple[str, ...]:
    return (figure.key, *(o.key for o in others))
