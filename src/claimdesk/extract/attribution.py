"""Attribution: whom the article credits a figure to (`source`), and the report it names.

Recognised frames, matched on the folded (Simplified) text of one sentence:

- 根據X的報道 / 據X顯示 / 據X統計 / 據X數據顯示 / 據X發布的《Y》報告顯示
- X表示 / 指出 / 預計 / 預期 / 認為 / 披露 / 透露 / 稱, X數據顯示, X顯示, X發布的《Y》顯示,
  where X opens its clause; X統計， / X公布， / X測算， / X說， only before a comma or colon
  (not 一般來說， or 據統計，). When and where X spoke is not part of the name (貴州茅台10月25日
  晚間披露 → 貴州茅台, 雷軍在微博透露 → 雷軍).
- 來源:X / 資料來源：X inside a sentence (a `圖片來源:` caption credits a picture, not a figure)
- English: "according to X", "X said", "X, a research firm, said", "said X", "Goldman Sachs
  analysts said", "the company said"

The name is normalised (根據國海證券最新的研究報告顯示 → 國海證券) and output as written in the
article, so Traditional stays Traditional.

Rule for following sentences: an attribution covers its own sentence. When the attributing
sentence holds no figure (a lead-in: 根據澎湃新聞的報道,…A800芯片近期價格出現大幅上漲。), it also
covers the next sentence of the same paragraph. A line that is only a data-source note
(資料來源：IDC, 數據來源：IDC) credits the paragraph just above it instead, as a note under a
table or chart does. Nothing else carries over. (A line starting with a bare 來源: is the
article's own source line, the byline: furniture.py ends the body there.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_PUNCT = '，,。；;：:“”"《》'
_SINCE = r"(?:今日|今天|日前|近日|昨日|昨天|最新|此前)?"
_PUBLISHED = r"(?:发布|公布|发表)?的?(?:《(?P<report>[^》]{1,80})》)?"
_KIND_OF_SOURCE = (
    r"(?:最新)?的?(?:研究报告|调查报告|统计数据|报告|报道|统计|数据|调查|消息|资料|初步核算|核算"
    r"|测算|监测)?"
)

# 數據 ends in 據, so a bare 據 only opens a frame when it is not the end of another word
# (數據顯示 must not read as 據 + 顯示).
ACCORDING_TO_CJK = re.compile(
    rf"(?:根据|依据|(?<![数证占收票论])据)(?P<name>[^{_PUNCT}]{{1,30}}?){_SINCE}{_PUBLISHED}"
    rf"{_KIND_OF_SOURCE}(?:显示|指出|表示|称|统计|预测|预计)?(?=[，,。；;：:]|$)"
)
# Verbs of saying and showing after a name: X表示, X指出, X數據顯示.
SAY_VERBS = ("表示", "指出", "预计", "预估", "估计", "预测", "认为", "披露", "透露", "显示")
# Verbs of publishing and saying that attribute only as a lead-in, right before a comma or
# colon: 交通部觀光署統計，… / 統計處今日公布，… / 曾淑慧說，… (but 公布財報 publishes, it does
# not credit, and 說 inside a word says nothing).
LEAD_IN_VERBS = ("公布", "发布", "宣布", "统计", "测算", "估算", "说")
# 一般來說, 老實說, 也就是說, 據統計: after these the verb is a set phrase, no one speaking.
_SET_PHRASE = "(?<![来实是话如以该据听再虽用])"
_SAID_EN = ("said", "says", "estimated", "estimates", "noted", "reported", "wrote")
# X表示 / X顯示 with X opening its clause. 優於預期 / 低於預期 ("than expected") are not a
# source expecting anything, hence the look-behind on 預期. 稱 alone is too common inside words
# (堪稱, 名稱) to count unless a comma or colon follows it.
SAYS_CJK = re.compile(
    rf"(?:^|(?<=[{_PUNCT}]))(?:而|另外|此外|同时|不过|但|并且?|其中)?(?P<name>[^{_PUNCT}]{{2,24}}?)"
    rf"{_SINCE}{_PUBLISHED}(?:研究报告|报告|数据|统计|报道|调查)?"
    rf"(?:{'|'.join(SAY_VERBS)}|(?<![于超低高合及])预期"
    rf"|(?:称|{_SET_PHRASE}(?:{'|'.join(LEAD_IN_VERBS)}))(?=[，,:：]))"
)
# A line made only of a data-source note credits the paragraph above it.
SOURCE_LINE = re.compile(r"[ \t\u3000]*(?:资料|数据)来源[:：]")
SOURCE_NOTE = re.compile(
    r"(?<!图片)(?<!图片资料)(?:资料|数据)?来源[:：]\s*(?P<name>[^，,。；;\n)）]{1,30})"
)
ACCORDING_TO_EN = re.compile(
    r"\baccording to (?:(?:data|figures|a report|a survey|estimates|research) (?:from|by) )?"
    r"(?:[a-z-]+ ){0,3}?(?:the )?(?P<name>[A-Z][\w&.'’\- ]*?)(?=[,;:]|\.(?:\s|$)|$)"
)
# Only capitalised words (and of/for/and between them) make a name: "IT Juzi said", not
# "Delivery times for servers ... said".
SAID_EN = re.compile(
    r"(?:^|(?<=[,;] ))(?:[Tt]he )?"
    r"(?P<name>[A-Z][\w&'’.\-]*(?: (?:[A-Z][\w&'’.\-]*|of|for|and|&))*"
    # "Goldman Sachs analysts said": the people of a named firm.
    r"(?: (?:analysts|economists|officials|executives|researchers|strategists|spokesperson"
    r"|spokesman|spokeswoman))?),? "
    rf"(?:{'|'.join(_SAID_EN)})\b"
)
# "TrendForce, a Taipei-based research firm, said": the name before the appositive.
SAID_APPOSITIVE_EN = re.compile(
    r"(?:^|(?<=[,;] ))(?P<name>[A-Z][\w&'’.\-]*(?: [A-Z][\w&'’.\-]*)*), (?:a|an|the) [^,]{1,60},"
    rf" (?:{'|'.join(_SAID_EN)})\b"
)
# "The company said", ", the agency said": an institution named by its kind, as 公司表示 is.
SAID_INSTITUTION_EN = re.compile(
    r"(?:^|(?<=[,;] ))(?P<name>[Tt]he (?:[a-z]+ )?(?:company|agency|ministry|government|bank"
    r"|group|firm|department|bureau|commission|regulator|organi[sz]ation|council|authority))"
    rf" (?:{'|'.join(_SAID_EN)})\b"
)
SAID_NAME_EN = re.compile(
    r"\b(?:said|says) (?P<name>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*)(?=[,.;]|$)"
)

# Every frame holds one of these words: a sentence without them is skipped in one scan.
_CJK_HINTS = ("据", "预期", "称", "来源", *SAY_VERBS, *LEAD_IN_VERBS)
_EN_HINTS = ("according to", *_SAID_EN)
ATTRIBUTION_HINT = re.compile("|".join((*_CJK_HINTS, *_EN_HINTS)))
# Which family of frames to try: a Chinese sentence rarely needs the English ones, and back.
CJK_HINT = re.compile("|".join(_CJK_HINTS))
EN_HINT = re.compile("|".join(_EN_HINTS))
CJK_FRAMES = (ACCORDING_TO_CJK, SAYS_CJK, SOURCE_NOTE)
EN_FRAMES = (ACCORDING_TO_EN, SAID_EN, SAID_APPOSITIVE_EN, SAID_INSTITUTION_EN, SAID_NAME_EN)

# Names that are really a verb or a generic word: 據悉, 據統計, 數據顯示, 這表示.
NOT_A_NAME = frozenset(
    "悉 了解 说 称 报道 介绍 透露 统计 数据 资料 消息 调查 研究 分析 报告 这 这也 这就 "
    "他 她 它 他们 她们 其 该 此 这意味着 结果 市场 专家 有关 根据 依据".split()
)
# 優於市場預期 ("better than the market expected") names no source.
# 有五成企業表示 ("half the firms say") is a figure, not a name.
# A name never starts with a date: 2024年8月零售業總銷貨價值的臨時估計為… is an estimate, not
# someone estimating.
NOT_A_NAME_START = re.compile(
    r"优于|低于|高于|好于|差于|超出|超过|符合|不及|有|约|近|逾|(?:19|20)\d{2}年|\d{1,2}月"
)
# 集邦科技在最新報告中指出: the report is where the source said it, not part of the name.
# 雷軍在微博透露, 黃仁勳接受CNBC採訪時表示: the same for a medium or an interview.
WHERE_SAID = re.compile(
    r"(?:(?:在|于)[^，,]{0,12}(?:报告|声明|采访|会议|财报|发布会|公告|微博|社交媒体|社交平台"
    r"|直播|演讲|讲话|论坛|峰会|大会|电话会|业绩会|说明会|记者会)|接受[^，,]{0,12}采访)[中上时里]?$"
)
# 貴州茅台10月25日晚間披露, 統計處昨（17）日公布: when it spoke is not part of the name.
WHEN_SAID = re.compile(
    r"(?:(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}[日号]|[今昨前明][天日]|[今昨前明]\(\s*\d{1,2}\s*\)日|日前|近日)"
    r"(?:晚间|早间|上午|下午|中午|晚上|凌晨|晚|早)?$"
)
_TRIM_HEAD = ("根据", "依据", "据")
_TRIM_TAIL = ("研究报告", "调查报告", "统计数据", "报告", "报道", "统计", "数据", "最新", "的",
              "今日", "日前", "近日", "发布", "初步核算", "核算", "测算", "监测")  # fmt: skip


# The English frames take any run of capitalised words for a name, which a hostile text can
# make as long as a sentence; every claim the attribution covers would repeat it. No source's
# name is this long: a longer one is not a name.
MAX_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # as written in the article
    source_report: str | None
    start: int  # span of the whole frame, offsets into the article
    end: int


def find_attribution(text: str, folded: str, start: int, end: int) -> Attribution | None:
    """The first attribution in the sentence text[start:end], or None."""
    if not ATTRIBUTION_HINT.search(folded, start, end):
        return None
    # A sentence after ". " or an indented paragraph (\u3000\u3000) starts with blanks; the
    # frames that must open their sentence (X表示, "The company said") start after them.
    while start < end and folded[start].isspace():
        start += 1
    sentence = folded[start:end]
    found: list[tuple[int, re.Match[str], tuple[int, int]]] = []  # with the trimmed name
    frames = (CJK_FRAMES if CJK_HINT.search(sentence) else ()) + (
        EN_FRAMES if EN_HINT.search(sentence) else ()
    )
    for pattern in frames:
        for m in pattern.finditer(sentence):
            a, b = _trim(sentence, m.start("name"), m.end("name"))
            name = sentence[a:b]
            if (
                name
                and len(name) <= MAX_NAME_CHARS
                and name not in NOT_A_NAME
                and not NOT_A_NAME_START.match(name)
            ):
                found.append((m.start(), m, (a, b)))
                break
    if not found:
        return None
    _, m, (a, b) = min(found, key=lambda candidate: candidate[0])
    report = None
    if "report" in m.re.groupindex and m.group("report"):
        report = text[start + m.start("report") : start + m.end("report")]
    return Attribution(text[start + a : start + b], report, start + m.start(), start + m.end())


def _trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Shrink sentence[a:b] past the frame words that the lazy name may have swallowed."""
    while a < b and sentence[a].isspace():
        a += 1
    while a < b and sentence[b - 1].isspace():
        b -= 1
    for frame in (WHERE_SAID, WHEN_SAID):
        where = frame.search(sentence, a, b)
        if where and where.start() > a:
            b = where.start()
    changed = True
    while changed and a < b:
        changed = False
        if not sentence.startswith(_TRIM_HEAD, a, b) and not sentence.endswith(_TRIM_TAIL, a, b):
            break  # the common case, checked in two calls instead of one per word
        for head in _TRIM_HEAD:
            if sentence.startswith(head, a, b) and b - a > len(head):
                a += len(head)
                changed = True
        for tail in _TRIM_TAIL:
            if sentence.endswith(tail, a, b) and b - a > len(tail):
                b -= len(tail)
                changed = True
    return a, b


def carry_over(
    own: Sequence[Attribution | None],
    has_figure: Sequence[bool],
    paragraph: Sequence[int],
    source_line: Sequence[bool],
) -> list[Attribution | None]:
    """The attribution covering each sentence, applying the rules of the module docstring.

    The sequences are parallel, one entry per sentence in text order; `paragraph` numbers each
    sentence's paragraph and `source_line` marks a line that is only a data-source note."""
    covering = list(own)
    # The first sentence of each sentence's paragraph, and the paragraphs a note has credited:
    # a later note finds every sentence there covered already, so it is not walked again (a line
    # of a thousand notes would walk its paragraph and the one above a thousand times).
    first: list[int] = []
    for i in range(len(own)):
        first.append(first[i - 1] if i and paragraph[i] == paragraph[i - 1] else i)
    credited: set[int] = set()
    for i, note in enumerate(own):
        if note is None or not source_line[i] or has_figure[i]:
            continue
        above = first[i] - 1
        if above < 0 or paragraph[above] in credited:
            continue
        credited.add(paragraph[above])
        for k in range(first[above], above + 1):
            if covering[k] is None:
                covering[k] = note
    for i in range(1, len(own)):
        lead = own[i - 1]
        if (
            covering[i] is None
            and lead is not None
            and not has_figure[i - 1]
            and paragraph[i] == paragraph[i - 1]
        ):
            covering[i] = lead
    return covering
