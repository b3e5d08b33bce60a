"""Attribution: whom the article credits a figure to (`source`), and the report it names.

Recognised frames, matched on the folded (Simplified) text of one sentence:

- 根據X的報道 / 據X顯示 / 據X統計 / 據X數據顯示 / 據X發布的《Y》報告顯示
- X表示 / 指出 / 預計 / 預期 / 認為 / 披露 / 透露 / 稱, X數據顯示, X顯示, X發布的《Y》顯示,
  where X opens its clause; X統計， / X公布， / X測算， / X說， / X公布財報， only before a comma
  or colon and at the opening of the sentence (not 一般來說， or 據統計，).
- 來源:X / 資料來源：X inside a sentence (a `圖片來源:` caption credits a picture, not a figure)
- English: "according to X" (also "According to X," opening the sentence), "X said", "X, a
  research firm, said", "said X", "Goldman Sachs analysts said", "the company said", "The
  regulator, which sets the rules for banks, said"
- English: "X (ABBR) said" (a later "ABBR said" is X), "figures from X show", "X data
  showed", "the company's chief executive said", "Acme expects", "Acme Expects Growth …"
- a transcript's speaker label at the start of a line: 財政司司長：, 記者問：, "MR CHAN:"
- a pronoun, 他表示 or "he said", stands for the person named before it (carry_over).
- a release's issuer (release_issuer), credited like an agency's dateline.

A source is a name (docs/extraction.md, "Sources"): when and where X spoke, an adverb that
qualifies the verb (分析師普遍認為) and the kind of source (數據, 大數據, 報告) are cut from it;
a metric before a verb of forecasting (營業額預計增長5%) is none; a person's title goes to
source_detail. The name is output as written in the article, so Traditional stays Traditional.

How far an attribution reaches (carry_over): its own sentence, the rest of its paragraph and
the next paragraph when that continues the report; a new attribution, a heading, a quote,
another subject or a closing remark stops it. A line that is only a data-source note
(資料來源：IDC, 數據來源：IDC) credits the paragraph just above it, as a note under a table or
chart does. (A line starting with a bare 來源: is the article's own source line, the byline:
furniture.py ends the body there.)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from claimdesk.extract.lexicon import Lexicon, shipped
from claimdesk.extract.patterns import by_first_character
from claimdesk.extract.script import fold

_PUNCT = '，,。；;：:“”"《》'
_SINCE = r"(?:今日|今天|日前|近日|昨日|昨天|最新|此前)?"
_PUBLISHED = r"(?:发布|公布|发表)?的?(?:《(?P<report>[^》]{1,80})》)?"
_KIND_OF_SOURCE = (
    r"(?:最新)?的?(?:研究报告|调查报告|统计数据|报告|报道|统计|大数据|数据|调查|消息|资料|初步核算|核算"
    r"|测算|监测)?"
)

# 數據 ends in 據, so a bare 據 only opens a frame when it is not the end of another word
# (數據顯示 must not read as 據 + 顯示). That look-behind comes after the 據, so that every branch
# opens with a literal: the engine skips to 根, 依 or 據 instead of trying the frame at every
# character.
_ACCORDING_TO_OPENING = "(?:根据|依据|据(?<![数证占收票论]据))"
ACCORDING_TO_CJK = re.compile(
    rf"{_ACCORDING_TO_OPENING}(?P<name>[^{_PUNCT}]{{1,30}}?){_SINCE}{_PUBLISHED}"
    rf"{_KIND_OF_SOURCE}(?:显示|指出|表示|称|统计|预测|预计)?(?=[，,。；;：:]|$)"
)
# Verbs of saying and showing after a name: X表示, X指出, X數據顯示.
SAY_VERBS = (
    "表示", "指出", "预计", "预估", "估计", "预测", "认为", "披露", "透露", "显示", "坦言", "强调",
    "引述", "报导", "报道", "坦承", "直言",
)  # fmt: skip
# Verbs of publishing and saying that attribute only as a lead-in, right before a comma or
# colon: 交通部觀光署統計，… / 統計處今日公布，… / 曾淑慧說，… (but 公布財報 publishes, it does
# not credit, and 說 inside a word says nothing).
LEAD_IN_VERBS = ("公布", "发布", "宣布", "公告", "统计", "测算", "估算", "说", "指")
# 一般來說, 老實說, 也就是說, 據統計: after these the verb is a set phrase, no one speaking.
_SET_PHRASE = "(?<![来实是话如以该据听再虽用])"
_SAID_EN = (
    "said", "says", "estimated", "estimates", "noted", "notes", "reported", "reports", "wrote",
    "announced", "told reporters", "told", "released", "published",
    # Forecasting is saying, as 預計 is: "Acme expects sales to rise 5%".
    "expects", "expected", "forecasts", "forecast", "projects", "projected", "predicts",
    "predicted",
    # A title-case headline: "Acme Expects Growth of 5 Per Cent".
    "Says", "Expects", "Forecasts", "Projects", "Predicts", "Estimates", "Reports",
)  # fmt: skip
# A verb of forecasting right before a verb of change or a figure has a metric, not a
# forecaster, before it: 營業額預計增長5% ("revenue is expected to grow"), 出貨量預估下滑3%.
# Someone forecasting says what: 台積電預估，…, 台積電預估今年營收將減少約10%.
FORECAST_VERBS = ("预计", "预估", "估计", "预测", "预期")
_CHANGE_AHEAD = (
    r"(?!将?(?:会|可|可望|有望|能)?(?:增|减|涨|跌|升|降|上升|上涨|下滑|下跌|下降|回升|回落|成长"
    r"|衰退|达|突破|超|逾|为|翻|同比|环比|年增|年减|[0-9一二三四五六七八九十两数几近约]))"
)
# What was published is a report of some kind: 某汽車公司15日公布財報，營收增長9% credits the
# company, as 統計處公布，… does. 公布新制度，… publishes no figures of its own.
_PUBLISHED_REPORT = (
    r"(?:公布|发布|发表|公告)了?(?:最新)?的?[^，,。；;：:“”\"《》]{0,8}?"
    r"(?:报告|财报|调查|数据|统计|报道|结果|民调|业绩|年报|季报|月报|数字|资料|报表|公报|白皮书)"
)
# The kind of source after the name, as whole words: 某某貨運大數據顯示 is the company's big data,
# not 某某貨運大 and its 數據. A lazy name stops at the first kind that fits, so the compounds come
# first.
_KIND_AFTER_NAME = (
    r"(?:研究报告|调查报告|报告|大数据|统计数据|调查数据|监测数据|数据|统计数字|数字|统计资料|资料"
    r"|统计|报道|调查)"
)
# X表示 / X顯示 with X opening its clause. 優於預期 / 低於預期 ("than expected") are not a
# source expecting anything, hence the look-behind on 預期. 稱 alone is too common inside words
# (堪稱, 名稱) to count unless a comma or colon follows it.
# Every character what follows the name in SAYS_CJK can open with: a time word, a verb of
# publishing, 的 or 《, a kind of source, a verb of saying. Looked ahead for after each length
# of the lazy name, it rejects the lengths nothing can follow in one step instead of trying
# every branch after each (the matches are the same; SAYS_CJK takes a fifth of the time).
_SAYS_TAIL_FIRST = "".join(
    sorted(
        {word[0] for word in (*SAY_VERBS, *FORECAST_VERBS, *LEAD_IN_VERBS, "称")}
        | set("今日近昨最此")  # _SINCE
        | set("发公的《")  # _PUBLISHED
        | set("研调报大统监数资")  # _KIND_AFTER_NAME
    )
)
SAYS_CJK = re.compile(
    # 】 and ） close a dateline (【中央社】台積電董事長魏哲家表示, （中央社記者…電）某基金會
    # 今(8)日公布…): the name may start after them. The earliest start is tried first, so
    # 台積電（2330）董事長魏哲家 stays whole.
    rf"(?:^|(?<=[{_PUNCT}】）)]))(?:而|另外|此外|同时|不过|但|并且?|其中)?(?P<name>[^{_PUNCT}【】]{{2,24}}?)"
    rf"(?=[{_SAYS_TAIL_FIRST}]){_SINCE}{_PUBLISHED}{_KIND_AFTER_NAME}?"
    rf"(?:(?:{'|'.join(v for v in SAY_VERBS if v not in FORECAST_VERBS)})"
    # 機構的預計, 機構預測的: after or before 的 the verb is a noun ("the forecast"), no one saying.
    rf"|(?<!的)(?:{'|'.join(v for v in FORECAST_VERBS if v != '预期')}){_CHANGE_AHEAD}(?!的)"
    # The verbs that are also nouns (引導良好發展預期, "expectations") and those that attribute
    # only before a comma credit from the opening of their sentence (or after a dateline) only.
    rf"|(?P<opening>(?<![于超低高合及])预期{_CHANGE_AHEAD}"
    rf"|(?:称|{_SET_PHRASE}(?:{'|'.join(LEAD_IN_VERBS)})|{_PUBLISHED_REPORT})(?=[，,:：])"
    # 政府統計處今日發表最新的零售業銷貨額數字。: a sentence that only publishes the figures, the
    # opening of a release.
    rf"|{_PUBLISHED_REPORT}(?=。)))"
)
# A line made only of a data-source note credits the paragraph above it.
SOURCE_LINE = re.compile(r"[ \t\u3000]*(?:资料|数据)来源[:：]")
SOURCE_NOTE = re.compile(
    r"(?<!图片)(?<!图片资料)(?:资料|数据)?来源[:：]\s*(?P<name>[^，,。；;\n)）]{1,30})"
)
# A name's abbreviation in brackets after it: "the Monetary Authority of Macao (AMCM)".
# An abbreviation: two to twelve letters, capital first and among the first three (AMCM, NFB,
# HKMA, DoE). The one pattern of every rule below that reads one.
_ABBREVIATION = r"[A-Z][A-Za-z&.]{0,2}[A-Z][A-Za-z&.]{0,8}"
_ABBREVIATION_EN = rf"(?: [(（](?P<abbreviation>{_ABBREVIATION})[)）])"
# Where an English frame's name may start: the start of the sentence, after a comma or a
# semicolon, or after a release's dateline ("Norwell, 7 April 2022…The Norwell Monetary
# Authority today announced", "NORWELL – The ministry said").
_CLAUSE_OPEN_EN = r"(?:^|(?<=[,;] )|(?<=\u2026)|(?<=\u2026 )|(?<= [-\u2013\u2014] ))"
# "according to figures released by X", "according to the statistics published by X": X.
_DATA_BY_EN = (
    r"(?:(?:the )?(?:data|figures|statistics|estimates|research|a report|the report|a survey"
    r"|the survey)(?: (?:released|published|compiled|issued))? (?:from|by) )"
)
# "According to Gartner, PC shipments fell 8.2%": the frame also opens a sentence.
ACCORDING_TO_EN = re.compile(
    rf"\b[Aa]ccording to {_DATA_BY_EN}?"
    r"(?:[a-z-]+ ){0,3}?(?:the )?(?P<name>[A-Z][\w&.'’\- ]*?)"
    rf"{_ABBREVIATION_EN}?(?=[,;:]|\.(?:\s|$)|$)"
)
# Only capitalised words (and of/for/and between them) make a name: "IT Juzi said", not
# "Delivery times for servers ... said".
SAID_EN = re.compile(
    # '"…,” Jane Doe said': also after the comma and closing quote of a quotation.
    rf"(?:{_CLAUSE_OPEN_EN}|(?<=[,;][”\"’] ))(?:[Tt]he )?"
    r"(?P<name>[A-Z][\w&'’.\-]*(?: (?:[A-Z][\w&'’.\-]*|of|for|and|&))*"
    # "Goldman Sachs analysts said": the people of a named firm.
    r"(?: (?:analysts|economists|officials|executives|researchers|strategists|spokesperson"
    r"|spokesman|spokeswoman))?)"
    # "the Monetary Authority of Macao (AMCM) announced today that": the name, then the
    # abbreviation the text will use for it from then on.
    rf"{_ABBREVIATION_EN}?,?(?: (?:today|yesterday|on \w+day))? "
    rf"(?:{'|'.join(_SAID_EN)})\b"
)
# "TrendForce, a Taipei-based research firm, said": the name before the appositive; also
# "Acme Corp (愛克美), the island's second-largest grocer, yesterday said" and "Acme Corp,
# which runs 300 stores, reported that": a bracketed gloss, an apposition or a relative clause,
# and a time word, between the name and its verb.
SAID_APPOSITIVE_EN = re.compile(
    rf"{_CLAUSE_OPEN_EN}(?P<name>[A-Z][\w&'’.\-]*(?: [A-Z][\w&'’.\-]*)*)"
    r"(?: ?[(（][^)）]{1,30}[)）])?"
    r"(?:, (?:a|an|the|which|who|whose) [^,]{1,60},|(?= [(（]))"
    r"(?: (?:yesterday|today|on \w+day|last week|earlier))?"
    rf" (?:{'|'.join(_SAID_EN)})\b"
)
# "The company said", ", the agency said": an institution named by its kind, as 公司表示 is. A
# definite description names one institution the reader knows from the story, so it is a
# source also with a relative clause or an apposition before its verb: "The regulator, which
# sets the rules for banks, said".
SAID_INSTITUTION_EN = re.compile(
    rf"{_CLAUSE_OPEN_EN}(?P<name>[Tt]he (?:[a-z]+ )?(?:company|agency|ministry|government|bank"
    r"|group|firm|department|bureau|commission|regulator|organi[sz]ation|council|authority))"
    r"(?:, (?:which|that|a|an|the|whose) [^,]{1,60},)?"
    r"(?: (?:yesterday|today|on \w+day|last week|earlier))?"
    rf" (?:{'|'.join(_SAID_EN)})\b"
)
# "the company's chief executive said", "Acme's finance chief said", "a spokesperson for the
# ministry said": a title of no one named. The organisation is the source, the title its
# source_detail, as in Chinese.
_TITLE_EN = (
    r"(?:chief (?:executive|financial|operating|technology) officer|chief executive|finance chief"
    r"|vice[- ]president|chairman|chairwoman|president|chief economist|economist|analyst"
    r"|spokesperson|spokesman|spokeswoman|director|minister|secretary|governor|CEO|CFO|COO)"
)
_ORGANISATION_EN = (
    r"[Tt]he (?:[a-z]+ )?(?:company|agency|ministry|government|bank|group|firm|department"
    r"|bureau|commission|regulator|organi[sz]ation|council|authority)"
    r"|[A-Z][\w&.\-]*(?: (?:[A-Z][\w&.\-]*|of|for|and|&))*"
)
_WHEN_SAID_EN = r"(?: (?:yesterday|today|on \w+day|last week|earlier))?"
TITLE_OF_EN = re.compile(
    rf"(?:^|(?<=[,;] )|(?<=[,;][”\"’] ))(?P<name>{_ORGANISATION_EN})['’]s (?P<title>{_TITLE_EN})"
    rf"{_WHEN_SAID_EN} (?:{'|'.join(_SAID_EN)})\b"
)
TITLE_FOR_EN = re.compile(
    rf"(?:^|(?<=[,;] )|(?<=[,;][”\"’] ))[Aa]n? (?P<title>{_TITLE_EN}) (?:for|of|at) "
    rf"(?P<name>{_ORGANISATION_EN}){_WHEN_SAID_EN} (?:{'|'.join(_SAID_EN)})\b"
)


# A dataset or survey that shows the figures is their source: "figures from the Norwell
# Statistics Office show", "a survey by Acme Research showed", "the Currency Board Account
# shows", "Acme data showed".
_SHOWS_EN = r"(?:shows|showed|show|indicates|indicated|indicate|revealed|reveals)\b"
_CAPITALISED_NAME_EN = r"[A-Z][\w&'’.\-]*(?: (?:[A-Z][\w&'’.\-]*|of|for|and|&))*"
DATA_FROM_EN = re.compile(
    r"\b(?i:figures|data|statistics|estimates|a survey|the survey|a report|the report)"
    r" (?:from|by|released by|published by|compiled by|of) (?:the )?"
    rf"(?P<name>{_CAPITALISED_NAME_EN}) {_SHOWS_EN}"
)
DATASET_SHOWS_EN = re.compile(
    rf"(?:^|(?<=[,;] ))(?:[Tt]he )?(?!The )(?P<name>{_CAPITALISED_NAME_EN})"
    rf"(?:['’]s)?(?: (?:data|figures|statistics|survey|report|estimates))? {_SHOWS_EN}"
)
# "Exports grew 7 percent, according to the customs agency.": an institution by its kind.
# "according to the statistics released by an accounting firm": an institution the text does
# not name is the source as it stands.
ACCORDING_TO_INSTITUTION_EN = re.compile(
    rf"\b[Aa]ccording to {_DATA_BY_EN}?"
    r"(?P<name>(?:[Tt]he|an?) (?:[a-z-]+ ){0,3}(?:company|agency|ministry|government|bank"
    r"|group|firm|department|bureau|commission|regulator|organi[sz]ation|council|authority"
    r"|office|administration|association|survey|report|data))(?=[,;:]|\.(?:\s|$)|$)"
)
# "Revenue rose 6%, he said." / 「營收增長6%。」她說。: a pronoun for someone named before.
PRONOUN_SAID_EN = re.compile(
    r"(?:^|(?<=[,;] )|(?<=[,;][”\"’] ))(?P<name>[Hh]e|[Ss]he)"
    r" (?:said|says|added|noted|estimated|told reporters|wrote)\b"
)
PRONOUN_SAID_CJK = re.compile(
    rf"(?:^|(?<=[{_PUNCT}】」』]))(?:而|另外|此外|同时|不过|但|并且?)?(?P<name>他|她)(?:也|还|则|并|更|又)?"
    rf"(?:{'|'.join(v for v in SAY_VERBS if v not in FORECAST_VERBS and v != '显示')}"
    r"|(?:称|说|指|补充)(?=[，,:：。]|$))"
)
_PRONOUN_HINT = re.compile(r"他|她|\b[Hh]e\b|\b[Ss]he\b")
# The pronouns without their word boundaries, which finds more than _PRONOUN_HINT: a pattern
# whose branches open with \b is tried at every character, one whose branches open with
# literals is skipped through to their first characters. Most sentences have none, and are
# neither copied nor searched again (_pronoun over the seed x300's sentences: 49 -> 20 ms).
_PRONOUN_ANYWHERE = re.compile("他|她|He|he")  # she holds he
_HONORIFIC_EN = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof)\.? [A-Z]")
SAID_NAME_EN = re.compile(
    r"\b(?:said|says) (?P<name>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*)(?=[,.;]|$)"
)


def _any_word(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern that finds whether the text holds any of `words` (only whether: which word it
    finds may differ from the plain alternation's). The words are grouped by first character,
    and a word that another one starts is dropped (指 finds whatever 指出 would): where a first
    character stands, the engine tries one branch a character, not every word in turn."""
    kept = {
        word: re.escape(word)
        for word in words
        if not any(other != word and word.startswith(other) for other in words)
    }
    return re.compile("|".join(by_first_character(kept)))


# Every frame holds one of these words: a sentence without them is skipped in one scan.
_CJK_HINTS = ("据", "预期", "称", "来源", "发表", "公告", *SAY_VERBS, *LEAD_IN_VERBS)
_EN_HINTS = ("according to", "According to", "added", "show", "indicate", "reveal", *_SAID_EN)
ATTRIBUTION_HINT = _any_word((*_CJK_HINTS, *_EN_HINTS))
# Which family of frames to try: a Chinese sentence rarely needs the English ones, and back.
CJK_HINT = _any_word(_CJK_HINTS)
EN_HINT = _any_word(_EN_HINTS)
# Each frame with a word it cannot match without ("" for none): an `in` test spares the regex
# most sentences. Pairs, not a dict keyed by pattern: hashing a compiled pattern hashes its whole
# code (2 to 5 µs for these), more than the test spares.
CJK_FRAMES = ((ACCORDING_TO_CJK, "据"), (SAYS_CJK, ""), (SOURCE_NOTE, "来源"))
EN_FRAMES = tuple(
    (pattern, "")
    for pattern in (
        ACCORDING_TO_EN,
        ACCORDING_TO_INSTITUTION_EN,
        SAID_EN,
        SAID_APPOSITIVE_EN,
        SAID_INSTITUTION_EN,
        SAID_NAME_EN,
        TITLE_OF_EN,
        TITLE_FOR_EN,
        DATA_FROM_EN,
        DATASET_SHOWS_EN,
    )
)
# A capitalised word that opens a sentence is not a name: "As estimated by analysts, …",
# "While reported sales…", "It said".
NOT_A_NAME_EN = frozenset(
    "As While When After Before But And However Meanwhile In On At For With It This That These"
    " Those They He She We I Its Since Although Though If Despite Also So Yet Because Still"
    " Then Thus Overall Separately Previously Earlier Later Last Next".split()
)

# Names that are really a verb or a generic word: 據悉, 據統計, 數據顯示, 這表示.
NOT_A_NAME = frozenset(
    "悉 了解 说 称 报道 介绍 透露 统计 数据 资料 消息 调查 研究 分析 报告 这 这也 这就 "
    "他 她 它 他们 她们 其 该 此 这意味着 结果 市场 专家 有关 根据 依据".split()
)
# 優於市場預期 ("better than the market expected") names no source.
# 有五成企業表示 ("half the firms say") is a figure, not a name.
# A name never starts with a date: 2024年8月零售業總銷貨價值的臨時估計為… is an estimate, not
# someone estimating. Nor with 按 ("by"): 按地區統計，… says how the figures are broken down, not
# who counted them (按照 is "according to").
NOT_A_NAME_START = re.compile(
    r"【|记者|优于|低于|高于|好于|差于|超出|超过|符合|不及|有|约|近|逾|按(?!照)|(?:19|20)\d{2}年|\d{1,2}月"
    r"|[一二][零〇一二三四五六七八九]{3}年"
)
# 集邦科技在最新報告中指出: the report is where the source said it, not part of the name.
# 雷軍在微博透露, 黃仁勳接受CNBC採訪時表示: the same for a medium or an interview.
_MEDIA = (
    "报告", "声明", "采访", "会议", "财报", "发布会", "公告", "微博", "社交媒体", "社交平台",
    "直播", "演讲", "讲话", "论坛", "峰会", "大会", "电话会", "业绩会", "说明会", "记者会",
)  # fmt: skip
_WHERE_SAID_AT = "中上时里"
WHERE_SAID = re.compile(
    rf"(?:(?:在|于)[^，,]{{0,12}}(?:{'|'.join(_MEDIA)})|接受[^，,]{{0,12}}采访)[{_WHERE_SAID_AT}]?$"
)
# 貴州茅台10月25日晚間披露, 統計處昨（17）日公布: when it spoke is not part of the name.
# 國家統計局週一(15日)公布, 財政部同日表示: a weekday, its date in brackets and 同日 too.
WHEN_SAID = re.compile(
    r"(?:(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}[日号]|[今昨前明][天日]|[今昨前明]\(\s*\d{1,2}\s*\)日|日前|近日"
    r"|同日|当日|当天|稍早|稍后|(?:周|星期|礼拜)[一二三四五六日天])"
    # 週一(15日), 今日(七月三十一日): the day in brackets, in digits or in words.
    r"(?:[(（]\s*(?:\d{1,2}\s*日?|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*[)）])?"
    r"(?:晚间|早间|上午|下午|中午|晚上|凌晨|晚|早)?$"
)
# 分析師普遍認為, 市場人士多數預期, 法人也指出: an adverb qualifies the verb, it is not part of
# the name (nor a person's name after a title: 分析師普遍 is no analyst called 普遍). Adverbs are a
# closed class.
_ADVERBS = (
    "普遍", "多数", "大多数", "大多", "大都", "多半", "一致", "纷纷", "均已", "也都", "都已",
    "再次", "再度", "一再", "进一步", "同样", "一度", "早前", "此前", "先前", "稍早前", "随后",
    "其后", "则是", "也是", "就此", "对此", "据此", "特别", "尤其", "明确", "公开", "私下",
    "初步", "仍然", "依然", "已经", "曾经", "也", "亦", "均", "则", "仍", "又", "皆", "还", "已",
    "更",
)  # fmt: skip
QUALIFYING_ADVERB = re.compile(f"(?:{'|'.join(_ADVERBS)})+$")
# The characters a match of each of these three ends on, or a line break (`$` matches before a
# final one). They end on the name's last character, so where that is none of these _trim
# spares the search, which tries the pattern at every character of the name
# (tests/test_attribution_speed.py checks them).
_ADVERB_LAST = frozenset({word[-1] for word in _ADVERBS} | {"\n"})
_WHERE_SAID_LAST = frozenset({word[-1] for word in _MEDIA} | set(_WHERE_SAID_AT) | {"访", "\n"})
# WHEN_SAID's dates (日号), days (天, 日前, 稍早, 稍后), weekdays, a bracket and times of day.
_WHEN_SAID_LAST = frozenset("日号天前早后一二三四五六)）间午上晨晚\n")
_TRIM_HEAD = ("根据", "依据", "据")
_TRIM_TAIL = ("研究报告", "调查报告", "统计数据", "报告", "报道", "统计", "大数据", "数据", "最新",
              "统计数字", "数字", "统计资料", "资料",
              "的", "今日", "日前", "近日", "发布", "初步核算", "核算", "测算", "监测")  # fmt: skip


# The English frames take any run of capitalised words for a name, which a hostile text can
# make as long as a sentence; every claim the attribution covers would repeat it. No source's
# name is this long: a longer one is not a name.
MAX_NAME_CHARS = 80


# 台積電董事長魏哲家表示: the source is the person, 魏哲家; who they are, 台積電董事長, is the
# source_detail. The title is the last title word before a personal name of two to four
# characters (a name with a ·, 黃仁勳 or 安德烈·科斯托拉尼, may be longer). The title words are the
# titles list of the lexicon (lexicon/titles.yml).
_BEFORE_PERSON = r"(?=[\u4e00-\u9fff·]{2,8}$)"


# The head of any unit of an organisation is a title by its form, listed or not: 科長, 組長,
# 課長, 股長, 處長, 廳長, 行長, 社長, 會長 (someone who heads a 科, a 組, a bank …), with 副 for a
# deputy. The character before 長 names the unit; 增長 and 成長 are no title.
UNIT_HEAD = r"副?[科组课股处局部司署厅院校行社会所馆队站团室系镇乡村区县市省]长"


def _titles(titles: Sequence[str], grouped: bool = True) -> str:
    """The alternatives for `titles`, longest first, each followed by `|` (UNIT_HEAD comes after
    them). They are grouped by first character behind a look-ahead on those characters
    (patterns.by_first_character): the title regexes are searched at every character of a name,
    and trying each of the titles there cost more than the rest of reading a speaker's name.
    Titles of different first characters never match at one place, and within a group the
    order is kept. `grouped=False` gives the plain alternation, for tests."""
    ordered = sorted(titles, key=len, reverse=True)
    if not ordered:
        return ""
    if not grouped:
        return "".join(re.escape(t) + "|" for t in ordered)
    first = "".join(sorted({re.escape(t[0]) for t in ordered}))
    alternatives = by_first_character({t: re.escape(t) for t in ordered})
    return f"(?=[{first}])(?:{'|'.join(alternatives)})|"


@lru_cache(maxsize=8)
def _person_after_title(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(f"(?:{_titles(lexicon.titles)}{UNIT_HEAD}){_BEFORE_PERSON}")


# 台積電董事長表示, 某部統計處處長指出, 公司發言人說: a title with no name after it. The source is
# the organisation before the title, the title its source_detail. The run of titles at the end
# of the name is the title (恒遠證券首席分析師 → 首席分析師); a title alone (分析師表示) stays the
# source, as there is no organisation to credit.
@lru_cache(maxsize=8)
def _titles_at_end(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(f"(?:{_titles(lexicon.titles)}{UNIT_HEAD})+$")


# The head of a unit written once for both (經濟部長: the 部長 of the 經濟部): the unit's
# character ends the organisation's name too.
_SHARED_UNIT = re.compile(UNIT_HEAD.removeprefix("副?"))


def _organisation_before_title(
    sentence: str, a: int, b: int, lexicon: Lexicon
) -> tuple[int, int] | None:
    """(end of the organisation, start of the title) in sentence[a:b] when the name is an
    organisation followed by a title, or None."""
    title = _titles_at_end(lexicon).search(sentence, a, b)
    if title is None or title.start() <= a:
        return None
    org_end = title.start()
    if sentence.startswith("的", org_end - 1):
        org_end -= 1
    shared = _SHARED_UNIT.match(sentence, title.start())
    if shared and sentence[org_end - 1] != sentence[title.start()]:
        org_end = title.start() + 1
    organisation = sentence[a:org_end]
    if len(organisation) < 2 or organisation in NOT_A_NAME:
        return None
    return org_end, title.start()


PERSON_AFTER_TITLE_EN = re.compile(
    r"\b(?:CEO|CFO|COO|(?i:chief (?:executive|financial|operating|technology) officer"
    r"|chief executive|finance chief|vice[- ]president|chairman|chairwoman|president|analyst"
    r"|economist|spokesperson|spokesman|spokeswoman|director|minister|secretary|governor)) "
    r"(?=[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,2}$)"
)
_PERSON_NAME_MAX = 4  # without a ·


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # as written in the article
    source_report: str | None
    start: int  # span of the whole frame, offsets into the article
    end: int
    source_detail: str | None = None  # the source's title and organisation, as written
    # 他表示, "he said": the source is whoever the pronoun refers to (carry_over resolves it).
    pronoun: bool = False
    # A person by the frame's evidence: a title before the name (魏哲家, "CEO Jane Doe"), an
    # honorific ("Mr. Huang") or a clause about who (", who …,"). A pronoun prefers a person.
    person: bool = False
    # The abbreviation the text gives the name in brackets ("… of Macao (AMCM) said"): a later
    # "AMCM said" is the same source.
    abbreviation: str | None = None
    # A transcript's speaker label (財政司司長：): it credits what follows until the next label.
    label: bool = False
    # A label that is a bare name (王大同:): one only after a label of another form.
    transcript_only: bool = False


def find_attribution(
    text: str, folded: str, start: int, end: int, lexicon: Lexicon | None = None
) -> Attribution | None:
    """The first attribution in the sentence text[start:end], or None."""
    # A sentence after ". " or an indented paragraph (\u3000\u3000) starts with blanks; the
    # frames that must open their sentence (X表示, "The company said") start after them.
    while start < end and folded[start].isspace():
        start += 1
    lexicon = lexicon or shipped()
    # A label opens its line: after any other character than a blank or a line break (most
    # sentences), _speaker_label would say None, and is not called.
    label = (
        _speaker_label(folded, start, end, lexicon)
        if start == 0 or folded[start - 1] in _BEFORE_LABEL
        else None
    )
    if label is None and not ATTRIBUTION_HINT.search(folded, start, end):
        return None
    sentence = folded[start:end]
    found: list[tuple[int, re.Match[str], tuple[int, int]]] = []  # with the trimmed name
    label_detail: tuple[int, int] | None = None
    if label is not None:
        name_span, label_detail = _label_name(label)
        found.append((0, label, name_span))
    frames = (CJK_FRAMES if CJK_HINT.search(sentence) else ()) + (
        EN_FRAMES if EN_HINT.search(sentence) else ()
    )
    for pattern, word in frames if label is None else ():
        if word not in sentence:
            continue
        for m in pattern.finditer(sentence):
            a, b = _trim(sentence, m.start("name"), m.end("name"))
            name = sentence[a:b]
            if (
                name
                # 他也指出 is a pronoun once its adverb is cut: no name of one character.
                and not (len(name) == 1 and name >= "\u4e00")
                and not (m.re is SAYS_CJK and m.group("opening") and _mid_sentence(sentence, m))
                and len(name) <= MAX_NAME_CHARS
                and name not in NOT_A_NAME
                and not NOT_A_NAME_START.match(name)
                and not (name.split(" ", 1)[0] in NOT_A_NAME_EN and (a == 0 or " " not in name))
            ):
                found.append((m.start(), m, (a, b)))
                break
    if not found:
        return _pronoun(text, folded, start, end)
    _, m, (a, b) = min(found, key=lambda candidate: candidate[0])
    abbreviation = None
    if "abbreviation" in m.re.groupindex and m.group("abbreviation"):
        abbreviation = text[start + m.start("abbreviation") : start + m.end("abbreviation")]
    elif sentence[b - 1] in ")）" and (bracket := ABBREVIATION_AFTER_NAME.search(sentence, a, b)):
        # 台灣半導體產業協會（TSIA）表示: the name without the abbreviation it is given.
        abbreviation = text[
            start + bracket.start("abbreviation") : start + bracket.end("abbreviation")
        ]
        b = bracket.start()
    report = None
    if "report" in m.re.groupindex and m.group("report"):
        report = text[start + m.start("report") : start + m.end("report")]
    detail = None
    split = None
    if label_detail is not None:  # a label says apart who speaks and who they are
        detail = text[start + label_detail[0] : start + label_detail[1]]
    elif (
        split := _person_split(
            sentence, a, b, _person_after_title(lexicon), _titles_at_end(lexicon)
        )
    ) is not None:
        # A stock code is no part of a title: 台積電（2330）董事長 → 台積電董事長.
        detail = STOCK_CODE_IN_NAME.sub("", text[start + a : start + split]).strip()
        a = split
    elif "title" in m.re.groupindex:  # the company's chief executive said
        detail = text[start + m.start("title") : start + m.end("title")]
    elif (titled := _organisation_before_title(sentence, a, b, lexicon)) is not None:
        detail, b = text[start + titled[1] : start + b], titled[0]
    else:
        epithet = EPITHET_BEFORE_NAME.search(sentence, a, b)
        if epithet is not None and epithet.start() > a:
            detail, a = text[start + a : start + epithet.end()], epithet.end()
    person = (
        split is not None
        or _HONORIFIC_EN.match(sentence, a) is not None
        or m.re is SAID_NAME_EN
        or sentence.startswith(", who ", b)
    )
    name = text[start + a : start + b]
    if ABBREVIATION_ONLY.fullmatch(name):
        # NFB指出 after 北辰漁業局（NFB） was named, in a frame or not: the name it abbreviates.
        full = _defined_before(text, folded, start + a, name)
        if full is not None:
            name, person = full, False
    return Attribution(
        name,
        report,
        start + m.start(),
        start + m.end(),
        detail,
        person=person,
        abbreviation=abbreviation,
        label=label is not None,
        transcript_only=label is not None and _bare_name_label(sentence, label),
    )


# A name's abbreviation in brackets at the end of a Chinese name (台灣半導體產業協會（TSIA）),
# and an abbreviation standing alone for a name (TSIA指出, "NFB said").
ABBREVIATION_AFTER_NAME = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（](?P<abbreviation>{_ABBREVIATION})[)）]$"
)
ABBREVIATION_ONLY = re.compile(_ABBREVIATION)
_NAME_BEFORE_BRACKET_EN = re.compile(
    r"(?<![\w'’.\-])(?:[Tt]he )?"
    r"(?P<name>[A-Z][\w&'’.\-]*(?: (?:[A-Z][\w&'’.\-]*|of|for|and|&))*) ?$"
)
_NAME_BEFORE_BRACKET_CJK = re.compile(rf"[^\s{_PUNCT}【】（）()]{{2,24}}$")
_DEFINITION_REACH = 100  # how far before its bracket a name may start


_BRACKETED_ABBREVIATION = re.compile(
    rf"\((?P<latin>{_ABBREVIATION})\)|（(?P<wide>{_ABBREVIATION})）"
)


@lru_cache(maxsize=2)
def _bracketed_abbreviations(folded: str) -> dict[str, list[int]]:
    """Where each abbreviation stands in brackets in the text, in order (a text is read
    sentence by sentence: the index is built once; the key is hashed once, as str keeps it)."""
    found: dict[str, list[int]] = {}
    if "(" in folded or "（" in folded:
        for m in _BRACKETED_ABBREVIATION.finditer(folded):
            found.setdefault(m.group("latin") or m.group("wide"), []).append(m.start())
    return found


def _defined_before(text: str, folded: str, before: int, abbreviation: str) -> str | None:
    """The name that `abbreviation` was given to in brackets before folded[before], as written
    ("the Norwell Fisheries Board (NFB) was set up …", 北辰漁業局（NFB）負責…), or None. The
    definition need not be an attribution."""
    # The last "(ABBR)" or "（ABBR）" that ends before `before`, from one index of the text's
    # brackets: searching the text back from every bare abbreviation made a long text's
    # extraction quadratic (a million characters with an undefined abbreviation in each
    # paragraph took longer than all the rest).
    starts = _bracketed_abbreviations(folded).get(abbreviation, ())
    k = bisect_right(starts, before - len(abbreviation) - 2)
    at = starts[k - 1] if k else -1
    if at <= 0:
        return None
    window = max(0, at - _DEFINITION_REACH)
    if folded[at - 1] >= "\u4e00":
        name = _NAME_BEFORE_BRACKET_CJK.search(folded, max(0, at - 24), at)
        if name is None:
            return None
        a, b = _trim(folded, name.start(), name.end())
        if b - a < 2 or NOT_A_NAME_START.match(folded, a, b):
            return None
        return text[a:b]
    name = _NAME_BEFORE_BRACKET_EN.search(folded, window, at)
    if name is None or name.group("name").split(" ", 1)[0] in NOT_A_NAME_EN:
        return None
    return text[name.start("name") : name.start("name") + len(name.group("name").rstrip())]


# A transcript's speaker labels: a line that opens with who speaks and a colon (財政司司長：…,
# 記者問：…, "MR CHAN: …", "Financial Secretary: …"). The label is the source of the figures in
# what follows until the next label. What makes a label is its form: a name that ends in a
# title, a name with 問 or 答 (asks, answers), a name in 【】 brackets (【王大同】:), a title
# or an organisation and then, after a space, a person's name (北辰市統計局發言人 王大同:), an
# English honorific and name, an English title ("Secretary for Trade and Industry:"), or who
# answers ("Answer by Mr Tan Ah Kow, Minister for Trade:"); a note (資料來源：, 單位：, "Note:")
# is none of these. A bare name of two to four characters alone on its line (王大同:) is a
# label only in a transcript, after a label of another form (carry_over): by itself it could be
# a heading (重點：).
SPEAKER_LABEL_CJK = re.compile(
    r"(?:【(?P<bracketed>[^【】:：\n]{2,24})】"
    r"|(?P<name>[\u4e00-\u9fff·]{2,14}?)(?:[ \u3000]+(?P<person>[\u4e00-\u9fff·]{2,4}))?"
    r"(?P<asks>提问|回答|问|答)?)[ \u3000]*[:：]"
)
_ANSWERED_BY_EN = r"(?i:answer|reply|written reply|oral reply|question|response|remarks) by "
SPEAKER_LABEL_EN = re.compile(
    rf"(?:{_ANSWERED_BY_EN})?"
    r"(?P<name>(?i:mrs|mr|ms|dr|prof)\.? [A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){0,2}"
    r"|(?:[A-Z][A-Za-z]+ ){0,3}(?i:secretary|minister|governor|chairman|chairwoman|director"
    r"|commissioner|spokesman|spokeswoman|spokesperson|reporter|chief executive|president"
    r"|moderator)(?: (?:for|of) [A-Z][A-Za-z]+(?: (?:and|of|for|the|[A-Z][A-Za-z]+)){0,6})?)"
    # After who answers, the offices they hold: "…, Minister for Finance, and Chairman of MAS:".
    r"(?:, (?P<offices>[^:\n]{2,100}))?\s*:(?!\d)"
)
_LABEL_REACH = 120  # a label is short: its colon comes within this many characters
# What may stand just before a label: the line break its line starts after, or a blank.
_BEFORE_LABEL = frozenset(" \t\u3000\n")
# A reporter's label names the outlet and the reporter (【北辰日報記者】:): the outlet speaks.
_REPORTER = "记者"


def _speaker_label(folded: str, start: int, end: int, lexicon: Lexicon) -> re.Match[str] | None:
    """The speaker label opening the sentence folded[start:end] at the start of its line (its
    match on the sentence), or None."""
    k = start - 1
    while k >= 0 and folded[k] in " \t\u3000":
        k -= 1
    if k >= 0 and folded[k] != "\n":
        return None
    reach = min(end, start + _LABEL_REACH)
    if folded.find("：", start, reach) < 0 and folded.find(":", start, reach) < 0:
        return None
    sentence = folded[start:end]
    label = SPEAKER_LABEL_CJK.match(sentence)
    if label is not None:
        if label.group("bracketed") or label.group("person"):
            before = label.group("name")
            if label.group("person") and not (
                _titles_at_end(lexicon).search(before) or ORGANISATION_TAIL.search(before)
            ):
                return None
            return label
        name = label.group("name")
        if (
            name in NOT_A_NAME
            # 記者問： is the reporter asking; 記者 opens no name elsewhere (a dateline's 記者).
            or (NOT_A_NAME_START.match(name) and not label.group("asks"))
            or not (
                label.group("asks")
                or _titles_at_end(lexicon).search(name)
                or (name.endswith(_REPORTER) and len(name) > len(_REPORTER))
                or _bare_name_label(sentence, label)
            )
        ):
            return None
        return label
    return SPEAKER_LABEL_EN.match(sentence)


# An organisation's name ends in the noun of its kind (ORGANISATION_HEAD), at the end of a label.
ORGANISATION_TAIL = re.compile(
    r"(?:公司|银行|集团|政府|协会|委员会|研究院|研究所|中心|大学|办|[局署部处厅司社台])$"
)


def _label_name(label: re.Match[str]) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The span of the source's name in a speaker label, and of who they are (their title,
    office or organisation) when the label says it apart."""
    if "bracketed" in label.re.groupindex and label.group("bracketed"):
        a, b = label.span("bracketed")
    elif "person" in label.re.groupindex and label.group("person"):
        return label.span("person"), label.span("name")  # 北辰市統計局發言人 王大同:
    else:
        a, b = label.span("name")
    if "offices" in label.re.groupindex:
        honorific = _HONORIFIC_EN.match(label.string, a)
        if label.group("offices"):  # "Answer by Mr Tan Ah Kow, Minister for Trade:"
            return (honorific.end() - 1 if honorific else a, b), label.span("offices")
        return (a, b), None
    if label.string.endswith(_REPORTER, a, b) and b - a > len(_REPORTER):
        return (a, b - len(_REPORTER)), (b - len(_REPORTER), b)  # 北辰日報記者: the paper
    return (a, b), None


def find_speaker_label(
    text: str, folded: str, start: int, end: int, lexicon: Lexicon | None = None
) -> Attribution | None:
    """The speaker label opening the sentence text[start:end], or None: read also for a
    sentence far from any figure, since a label credits what follows it."""
    while start < end and folded[start].isspace():
        start += 1
    if (start and folded[start - 1] not in _BEFORE_LABEL) or not could_be_speaker_label(
        folded, start, end
    ):
        return None
    # A sentence that opens with a label is read for nothing else (find_attribution tries no
    # frame after one), so a sentence with none is not read for an attribution at all.
    if _speaker_label(folded, start, end, lexicon or shipped()) is None:
        return None
    said = find_attribution(text, folded, start, end, lexicon)
    return said if said is not None and said.label else None


def could_be_speaker_label(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] may open with a speaker label (a colon near its start): such a
    sentence is read for an attribution even far from any figure, since it credits what
    follows it."""
    reach = min(end, start + _LABEL_REACH)
    return folded.find("：", start, reach) >= 0 or folded.find(":", start, reach) >= 0


def _bare_name_label(sentence: str, label: re.Match[str]) -> bool:
    """Whether the label is a bare name of two to four characters alone on its line (盛大同:),
    which is a label in a transcript only (carry_over decides)."""
    return (
        label.re is SPEAKER_LABEL_CJK
        and not (label.group("bracketed") or label.group("person") or label.group("asks"))
        and len(label.group("name")) <= _PERSON_NAME_MAX
        and not sentence[label.end() :].strip()
    )


def _pronoun(text: str, folded: str, start: int, end: int) -> Attribution | None:
    """A pronoun saying something in folded[start:end], to be resolved to its antecedent."""
    if _PRONOUN_ANYWHERE.search(folded, start, end) is None:
        return None
    sentence = folded[start:end]
    if not _PRONOUN_HINT.search(sentence):
        return None
    for pattern in (PRONOUN_SAID_CJK, PRONOUN_SAID_EN):
        m = pattern.search(sentence)
        if m is not None:
            name = text[start + m.start("name") : start + m.end("name")]
            return Attribution(
                name, None, start + m.start(), start + m.end(), pronoun=True, person=True
            )
    return None


def _mid_sentence(sentence: str, m: re.Match[str]) -> bool:
    """Whether the frame `m` starts inside its sentence rather than opening it. A dateline in
    brackets before it opens nothing, nor does a short opening phrase (對此，王小明說，…)."""
    before = sentence[: m.start()]
    return (
        len(before) > _OPENING_PHRASE
        and not before.endswith("】")
        and not LEADING_BRACKET.fullmatch(before)
    )


_OPENING_PHRASE = 6  # characters with its comma: 對此，, 另一方面，, "Meanwhile,"


# 晶圓代工龍頭台積電, 電動車巨頭特斯拉, 手機大廠蘋果: an epithet in apposition before the name says
# what the source is, as a title does, and goes to source_detail. Only words that end no name.
EPITHET_BEFORE_NAME = re.compile(r"(?:龙头|巨头|大厂)(?=[\u4e00-\u9fffA-Za-z]{2,8}$)")


STOCK_CODE_IN_NAME = re.compile(r"[（(][0-9]{4,6}(?:\.[A-Z]{2})?[）)]")


def _person_split(
    sentence: str, a: int, b: int, after_title: re.Pattern[str], titles: re.Pattern[str]
) -> int | None:
    """Where a person's name starts after their title in sentence[a:b], or None."""
    last = None
    for m in after_title.finditer(sentence, a, b):
        last = m
    if last is not None:
        person = sentence[last.end() : b]
        if titles.fullmatch(person):  # 首席分析師: a title after a title is no one's name
            return None
        return last.end() if "·" in person or len(person) <= _PERSON_NAME_MAX else None
    english = PERSON_AFTER_TITLE_EN.search(sentence, a, b)
    return english.end() if english is not None else None


LEADING_BRACKET = re.compile(r"[【（(][^】）)]{1,30}[】）)]\s*")
_TRIM_FRAMES = (
    (QUALIFYING_ADVERB, _ADVERB_LAST),
    (WHERE_SAID, _WHERE_SAID_LAST),
    (WHEN_SAID, _WHEN_SAID_LAST),
    (QUALIFYING_ADVERB, _ADVERB_LAST),
)


def _trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    """Shrink sentence[a:b] past the frame words that the lazy name may have swallowed."""
    while a < b and sentence[a].isspace():
        a += 1
    while a < b and sentence[b - 1].isspace():
        b -= 1
    # A dateline before the name is no part of it: （路透社）國家統計局 → 國家統計局.
    dateline = LEADING_BRACKET.match(sentence, a, b)
    if dateline and dateline.end() < b:
        a = dateline.end()
    # An adverb may stand before or after when and where it was said: 分析師周二普遍認為,
    # 分析師普遍在報告中指出.
    for frame, last in _TRIM_FRAMES:
        if (
            a < b
            and sentence[b - 1] in last
            and (where := frame.search(sentence, a, b))
            and where.start() > a
        ):
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


# A news agency's dateline at the head of the story: 【中央社】, （路透社）, （中央社記者林家豪新竹
# 15日電）, "TAIPEI (Reuters) -". It credits only the figures nothing else in the article
# attributes, and names no report. A paper's own dateline (【本報訊】, 【香港商報網訊】) is its own
# reporting, no attribution: it credits nothing.
DATELINE_REACH = 300
_AGENCY = (
    r"[^（）()【】\n]{0,6}社|路透|彭博|彭博社|美联社|法新社|共同社|韩联社|中央社|新华社|中新社"
)
AGENCY_DATELINE = re.compile(
    rf"^[ \t\u3000]*(?:【(?P<bracketed>{_AGENCY})(?:电|报导|报道)?】"
    rf"|[（(](?P<agency>{_AGENCY})[）)]"
    r"|[（(](?P<reporter>中央社|新华社|中新社|路透社|法新社|美联社)记者[^（）()\n]{0,24}?"
    r"(?:电|报导|报道)[）)]"
    r"|(?:[A-Z][A-Za-z .,]{0,30} )?\((?P<english>Reuters|AP|AFP|Bloomberg|CNA|Xinhua|Kyodo)\)"
    r" ?[-—–])",
    re.MULTILINE,
)


class Dateline(NamedTuple):
    """Who a dateline or a release's issuer line credits, and from where."""

    source: str  # as written
    body_start: int  # the figures it credits start here (a headline above is not its report)
    issuer: bool = False  # a release's issuer, not a news agency


def find_dateline(text: str, folded: str) -> Dateline | None:
    """The agency a dateline near the top of the article names, as written, and where the
    dateline ends (a headline above it is not the agency's report), or else a release's issuer
    and where its body starts (release_issuer); None when there is neither."""
    m = AGENCY_DATELINE.search(folded, 0, min(len(folded), DATELINE_REACH))
    if m is None:
        return release_issuer(text, folded)
    group = next(g for g in ("bracketed", "agency", "reporter", "english") if m.group(g))
    return Dateline(text[m.start(group) : m.end(group)], m.end())


class Shape(NamedTuple):
    """What carry_over needs to know of a sentence besides its attribution."""

    head: str  # its first characters, folded, without blanks or a connective: who it opens with
    heading: bool  # a line of its own without end punctuation: a heading, a title, a table row
    opens_quote: bool  # it opens with a quotation mark: someone is quoted
    closes_quote: bool  # it ends with a closing quotation mark
    outside_body: bool  # it lies after the byline or a list of other stories
    # It credits someone it does not name (被傳, 據悉, 知情人士, "reportedly"): a new attribution.
    anonymous: bool
    # It opens with an English proper name ("Biren Technology, founded in 2019, raised"):
    # two capitalised words or a possessive, another subject than a common word would be.
    proper_name: bool
    # The name it opens with when that is a run of two or more capitalised words ("Jane Doe
    # spoke to reporters."): someone a later "he said" may refer to.
    subject: str | None = None
    # It opens with an organisation's name as its subject (瑞豐銀行今年…, 另一家公司的…, 政府…):
    # the name's length, 0 when it does not.
    organisation: int = 0


_HEAD_CHARS = 24
# Every branch opens with a literal, so the engine skips to a character one can start with
# instead of trying each branch at every character (a tenth of the time on a Chinese sentence):
# the \b before an English word is written as a look-behind after its first letter.
ANONYMOUS_SOURCE = re.compile(
    r"被传|据传|传出|传闻|盛传|据悉|据了解|知情人士|消息人士|消息称|r(?<!\wr)eportedly\b"
    r"|i(?<!\wi)s said to\b|a(?<!\wa)re said to\b|w(?<!\ww)as said to\b|w(?<!\ww)ere said to\b"
    r"|s(?<!\ws)ources said\b"
)
PROPER_NAME_EN = re.compile(r"[A-Z][\w&.\-]*(?:['’]s\b| [A-Z][\w&.\-]*)")
_OPENING_CONNECTIVE = re.compile(r"(?:而|另外|此外|同时|不过|但是?|其中|并且?|(?:[Tt]he|But|And) )")
_QUOTE_OPEN = "「『“\"‘'"
_QUOTE_CLOSE = "」』”\"’'"
_END_PUNCTUATION = '。！？!?.…」』”"’)）:：;；'


def shape_of(folded: str, start: int, end: int, end_of_body: int) -> Shape:
    """The shape of the sentence folded[start:end]."""
    while start < end and folded[start].isspace():
        start += 1
    last = end
    while last > start and folded[last - 1].isspace():
        last -= 1
    connective = _OPENING_CONNECTIVE.match(folded, start, last)
    head_start = connective.end() if connective else start
    # Whether the sentence starts its line: only blanks back to a line break (looked for
    # without scanning a long line back to its start, once per sentence).
    k = start - 1
    while k >= 0 and folded[k] != "\n" and folded[k].isspace():
        k -= 1
    own_line = (k < 0 or folded[k] == "\n") and (end >= len(folded) or folded[end - 1] == "\n")
    # An English name opens with a capital letter (and so does each word of NOT_A_NAME_EN): a
    # head that does not, as every Chinese one, spares the two calls that look for a name.
    capital = head_start < last and "A" <= folded[head_start] <= "Z"
    return Shape(
        head=folded[head_start : min(last, head_start + _HEAD_CHARS)],
        heading=own_line and last > start and folded[last - 1] not in _END_PUNCTUATION,
        opens_quote=start < last and folded[start] in _QUOTE_OPEN,
        closes_quote=start < last and folded[last - 1] in _QUOTE_CLOSE,
        outside_body=start >= end_of_body,
        anonymous=ANONYMOUS_SOURCE.search(folded, start, last) is not None,
        proper_name=capital and _opens_with_proper_name(folded, head_start, last),
        subject=_subject(folded, head_start, last) if capital else None,
        organisation=_organisation_subject(folded, head_start, last),
    )


# A Chinese organisation's name ends in the noun of its kind (瑞豐銀行, 宏達汽車公司, 北辰市政府,
# 某某研究院, 財政部): by that form, not by a list of names, a sentence opening with one has
# another subject than the report it follows. 該公司, 此, 本行 point back to the one named before,
# and a kind followed by 業, 債, 股 … is a sector or a security (銀行業, 公司債), no name.
ORGANISATION_HEAD = (
    r"(?:公司|银行|集团|政府|协会|学会|商会|公会|基金会|委员会|研究院|研究所|研究中心|大学|学院"
    r"|医院|证券|控股|交易所|事务所|企业|(?<=[\u4e00-\u9fff]{2})[局署部处厅])"
)
ORGANISATION_SUBJECT = re.compile(
    r"(?![该此这其本同])(?:(?:另|其他|其余)一?[家间个位所]?)?"
    rf"(?:[\u4e00-\u9fffA-Za-z]{{1,10}}?{ORGANISATION_HEAD}|政府)"
    r"(?![业债股界类内外门分长会员方面])(?=[\u4e00-\u9fff0-9])"
)


# A release is its issuer speaking: the issuer credits every figure of its body that nothing
# else credits, as an agency's dateline does (docs/extraction.md, "A release's issuer"). The
# issuer is named, by form, in one of three places: a line of its own under the title that is
# only an organisation's name (國家統計局, "Issued on behalf of the Norwell Monetary
# Authority:"), the same line as the release's sign-off at its end (MINISTRY OF TRADE AND
# INDUSTRY), or an opening paragraph that only says the organisation published the figures
# (政府統計處今日發表最新的零售業銷貨額數字。, "The Census Office released today the figures
# of …").
ISSUER_LINE_CJK = re.compile(
    rf"[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{{1,24}}?{ORGANISATION_HEAD})[ \t\u3000]*"
)
_ORGANISATION_HEAD_EN = re.compile(
    r"\b(?i:ministry|department|authority|bureau|office|service|police|commission|council"
    r"|agency|board|bank|government|administration|institute|corporation)\b"
)
ISSUER_LINE_EN = re.compile(
    r"[ \t]*(?P<issued>(?:The following is )?(?i:issued) (?:on behalf of|by) (?:the )?)?"
    r"(?P<name>[A-Z][A-Za-z&'’.\-]*(?: (?:[A-Z][A-Za-z&'’.\-]*|of|and|for|on|the|&)){0,9})"
    r"[ \t]*(?P<end>[:.]?)[ \t]*"
)
_PUBLISHING = re.compile(r"发表|公布|发布|released|published|announced|issued")
_ISSUER_REACH = 600  # the top of a release: its title, issuer line and opening paragraph


def release_issuer(text: str, folded: str) -> Dateline | None:
    """A release's issuer, as written, and where the body it credits starts, or None."""
    # The lines at the top and the last three, not every line of a long text.
    top = _lines(folded, 0, min(len(folded), _ISSUER_REACH))
    if len(top) < 2:
        return None
    body = top[0][1]  # the title is no part of the body
    opening = _opening_authority(text, folded, *top[0])
    if opening is not None:
        return Dateline(opening, top[0][0], issuer=True)
    for a, b in top[1:]:
        name = _issuer_line(folded, a, b)
        if name is not None:
            return Dateline(text[name[0] : name[1]], b, issuer=True)
        if folded[b - 1] in "。.":  # the opening paragraph
            if _only_publishes(text, folded, a, b):
                said = find_attribution(text, folded, a, b)
                return None if said is None else Dateline(said.source, a, issuer=True)
            if RELEASE_DATELINE.match(folded, a, b):
                # "Norwell, 7 April 2022…The Norwell Monetary Authority today announced …": a
                # press release's dateline, then the authority announcing: the issuer.
                said = find_attribution(text, folded, a, b)
                if said is not None and _ORGANISATION_HEAD_EN.search(said.source):
                    return Dateline(said.source, a, issuer=True)
            break
    # A sign-off among the last lines, above the spokesman's and press contacts' lines.
    cut = _before_contacts(folded, len(folded))
    tail = _lines(folded, max(body, cut - _SIGN_OFF_REACH), cut)
    for a, b in reversed(tail[-3:]):
        name = _issuer_line(folded, a, b)
        if name is not None:
            return Dateline(text[name[0] : name[1]], body, issuer=True)
    return None


# The lines under a release's sign-off that say whom to ask: its spokesman, press contact,
# telephone, fax, e-mail (發言人：…, 聯絡電話：…, "Enquiries: …", "Email: …").
CONTACT_LINE = re.compile(
    r"[ \t\u3000]*(?:新闻)?(?:发言人|联络人|联系人|联络电话|联系电话|电话|传真|电邮|邮箱|地址"
    r"|(?i:e-?mail|tel|telephone|fax|contact|media contact|press contact|enquiries|website))"
    r"[ \t\u3000]*[:：]"
)
_CONTACT_LINES_MAX = 12


def _before_contacts(folded: str, end: int) -> int:
    """Where the run of contact lines ending folded[:end] starts: `end` when there is none."""
    cut = end
    for _ in range(_CONTACT_LINES_MAX):
        k = cut
        while k > 0 and folded[k - 1].isspace():
            k -= 1
        line = folded.rfind("\n", 0, k) + 1
        if k == 0 or CONTACT_LINE.match(folded, line, k) is None:
            break
        cut = line
    return cut


# A public authority by the form of its name: a bureau, an office, a department, a ministry, a
# commission, a government (北辰市統計局, 北辰市統計暨普查局, 北辰市政府).
AUTHORITY_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,24}?(?:(?<=[\u4e00-\u9fff]{2})[局署处部厅]|委员会|政府)"
)


def _opening_authority(text: str, folded: str, a: int, b: int) -> str | None:
    """The authority that opens the text when its first line is no title but a paragraph whose
    first sentence credits a public authority (北辰市統計局資料顯示，…): a statistics release
    that starts with its own attribution. Its issuer is that authority; a firm or a paper
    opening a story (嘉禾證券指出，…) is none."""
    if folded[b - 1] not in "。.":
        return None
    said = find_attribution(text, folded, a, folded.find("。", a, b) + 1 or b)
    if said is None or said.label or said.start > a + _OPENING_PHRASE:
        return None
    return said.source if AUTHORITY_NAME.fullmatch(fold(said.source)) else None


# The date a release names (June 2020, July 30, 30 July 2020, 7月31日, 今(8)日) is no figure of
# it; any other digit is.
_MONTH_EN = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A press release's dateline: the place, the date, then an ellipsis or a dash.
RELEASE_DATELINE = re.compile(
    rf"[ \t]*[A-Z][A-Za-z .]{{1,30}}, (?:[0-9]{{1,2}} {_MONTH_EN}|{_MONTH_EN} [0-9]{{1,2}}),? "
    r"[0-9]{4} ?(?:\u2026|[-\u2013\u2014] )"
)
_DATE_IN_OPENING = re.compile(
    rf"{_MONTH_EN} [0-9]{{1,2}}\b|\b[0-9]{{1,2}} {_MONTH_EN}|\b(?:19|20)[0-9]{{2}}\b"
    r"|(?:[0-9]{1,2}月)?[0-9]{1,2}[日号]|[(（][0-9]{1,2}[)）]日"
)
_DIGIT = re.compile(r"[0-9]")


def _only_publishes(text: str, folded: str, a: int, b: int) -> bool:
    """Whether the paragraph folded[a:b] is one sentence saying that figures were published,
    with no figure of its own: a release's opening, not a news story's lead."""
    return (
        folded.count("。", a, b) + folded.count(". ", a, b) <= 1
        and _PUBLISHING.search(folded, a, b) is not None
        and _DIGIT.search(_DATE_IN_OPENING.sub("", folded[a:b])) is None
    )


_SIGN_OFF_REACH = 300
_LINE = re.compile(r"[^\n]+")
_NOT_BLANK = re.compile(r"\S")


def _lines(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines that start in folded[start:end], whole, as spans; a line that
    starts before `start` is left out."""
    if start and folded[start - 1] != "\n":
        start = folded.find("\n", start, end) + 1 or end
    spans = []
    for m in _LINE.finditer(folded, start):
        if m.start() >= end:
            break
        if _NOT_BLANK.search(folded, m.start(), m.end()):
            spans.append(m.span())
    return spans


def _issuer_line(folded: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of the organisation's name when folded[a:b] is an issuer's line."""
    line = ISSUER_LINE_CJK.fullmatch(folded, a, b)
    if line is not None and not NOT_A_NAME_START.match(line.group("name")):
        return line.span("name")
    line = ISSUER_LINE_EN.fullmatch(folded, a, b)
    if line is None or not _ORGANISATION_HEAD_EN.search(line.group("name")):
        return None
    name = line.group("name")
    # A bare line is an issuer's only when it is all capitals (a sign-off) or a name of a few
    # words; a line ending with a colon or a full stop must say it is issued.
    if line.group("end") and not line.group("issued"):
        return None
    if not line.group("issued") and (len(name.split()) > 8 or name.split()[-1] in ("of", "and")):
        return None
    return line.span("name")


# The last characters of ORGANISATION_HEAD: a head without one opens with no organisation.
_ORGANISATION_HINT = re.compile(r"[司行团府会院所学券股业局署部处厅心]")


def _organisation_subject(folded: str, start: int, end: int) -> int:
    if not _ORGANISATION_HINT.search(folded, start, min(end, start + 18)):
        return 0
    name = ORGANISATION_SUBJECT.match(folded, start, end)
    return 0 if name is None else name.end() - start


SUBJECT_EN = re.compile(r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)+(?=[ ,])")


def _subject(folded: str, start: int, end: int) -> str | None:
    name = SUBJECT_EN.match(folded, start, end)
    if name is None or name.group().split(" ", 1)[0] in NOT_A_NAME_EN:
        return None
    return name.group()[:MAX_NAME_CHARS]


def _opens_with_proper_name(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] opens with an English proper name, also after a fronted
    phrase ("On performance, Nvidia's flagship delivers")."""
    name = PROPER_NAME_EN.match(folded, start, end)
    if name is not None and name.group().split(" ", 1)[0] not in NOT_A_NAME_EN:
        return True
    first = folded[start : start + 12].split(" ", 1)[0]
    comma = folded.find(", ", start, min(end, start + 40))
    if first in NOT_A_NAME_EN and comma >= 0:
        name = PROPER_NAME_EN.match(folded, comma + 2, end)
        return name is not None and name.group().split(" ", 1)[0] not in NOT_A_NAME_EN
    return False


@lru_cache(maxsize=1024)
def _folded_name(name: str) -> str:
    """A source's name folded (script.fold): a text names the same few sources again and again,
    and each fold is a call into OpenCC."""
    return fold(name)


def carry_over(
    own: Sequence[Attribution | None],
    has_figure: Sequence[bool],
    paragraph: Sequence[int],
    source_line: Sequence[bool],
    shape: Callable[[int], Shape] | None = None,
    release: bool = False,
) -> list[Attribution | None]:
    """The attribution covering each sentence, applying the rules of the module docstring.
    In a `release` (one with an issuer: release_issuer) an attribution is not held to its
    paragraph and the next: the release is one report, and it reaches until another source is
    named or a sentence's shape stops it.

    The sequences are parallel, one entry per sentence in text order; `paragraph` numbers each
    sentence's paragraph, `source_line` marks a line that is only a data-source note and
    `shape(i)` (shape_of) tells whether sentence i stops carrying; without it nothing stops it
    but a new attribution, a note or the end of the next paragraph. Shapes are asked for only
    where an attribution could carry, so a text that credits no one costs nothing more."""
    n = len(own)
    # Most sentences credit no one: the loops below visit the few that do (`named`), and walk
    # every sentence only while an attribution is carried. `filter(None, …)` skips the others
    # in C (an Attribution is always true).
    if any(a.transcript_only for a in filter(None, own)):
        own = _transcript_labels(own)
    resolved = _resolve_pronouns(_resolve_abbreviations(own), shape)
    named = [i for i, a in enumerate(resolved) if a is not None]
    covering: list[Attribution | None] = list(resolved)
    # 「營收增長6%。」他說。: the speaker named after a quote said the quote.
    for i in named:
        said = resolved[i]
        if (
            i
            and shape is not None
            and not has_figure[i]
            and covering[i - 1] is None
            and paragraph[i] == paragraph[i - 1]
            and shape(i - 1).closes_quote
        ):
            covering[i - 1] = said
    # A paragraph that names a source anywhere starts afresh: a figure before that attribution
    # is not the previous paragraph's.
    attributed = {paragraph[i] for i in named}
    # The names sources had so far, folded: a sentence opening with another is another subject.
    known: set[str] = set()
    from_before = [False] * n  # carried in from the paragraph before
    current: Attribution | None = None
    carried = ""  # current's name, folded
    home = -1  # the paragraph `current` was given in: it reaches the next paragraph, no further
    following = iter(named)  # the next sentence that names a source
    i = 0
    while i < n:
        if current is None:
            # Nothing is carried: the sentences up to the next one that names a source keep
            # what they have (None, or a quote's speaker), and a paragraph's end changes nothing.
            i = next(following, n)
            if i == n:
                break
        else:
            if i and paragraph[i] != paragraph[i - 1]:
                # The report goes on into the next paragraph only if its own paragraph ended in
                # it, with a figure it credits or the attribution itself: a closing remark ends it.
                ended_in_report = covering[i - 1] is current and (
                    has_figure[i - 1] or resolved[i - 1] is current
                )
                if paragraph[i] in attributed or (
                    not release and (home != paragraph[i - 1] or not ended_in_report)
                ):
                    current = None
            if resolved[i] is not None:
                next(following)  # `following` stands at this sentence: pass it
        said = resolved[i]
        if said is not None:
            # A quoted speaker ("…," she said) speaks for the quote alone, and a note closes
            # what it notes: neither carries on.
            quoted = shape is not None and shape(i).opens_quote
            current = None if source_line[i] or quoted else said
            carried = _folded_name(said.source)
            known.add(carried)
            home = paragraph[i]
            i += 1
            continue
        if covering[i] is not None:  # a quote, credited by the speaker named after it
            current = None
            i += 1
            continue
        if current is not None and shape is not None and _stops(shape(i), carried, known):
            current = None
        if current is not None and shape is not None and home != paragraph[i]:
            # Carried in from the paragraph before: a paragraph about another organisation is
            # no longer that report.
            opening = shape(i)
            named_first = opening.head[: opening.organisation]
            if named_first and not (
                named_first.startswith(carried) or carried.startswith(named_first)
            ):
                current = None
        covering[i] = current
        from_before[i] = current is not None and home != paragraph[i]
        i += 1
    # A transcript's speaker label credits what its speaker says until the next label: every
    # sentence after it that nothing else credits.
    if any(a.label for a in filter(None, resolved)):
        speaker: Attribution | None = None
        for i, a in enumerate(resolved):
            if a is not None and a.label:
                speaker = a
            elif covering[i] is None and speaker is not None:
                covering[i] = speaker
    # A line that is only a data-source note credits the paragraph above it where the paragraph
    # credits nobody of its own. The paragraphs a note has credited are not walked again (a
    # line of a thousand notes would walk its paragraph and the one above a thousand times).
    notes = [i for i in named if source_line[i] and not has_figure[i]]
    if not notes:
        return covering
    first: list[int] = []
    for i in range(n):
        first.append(first[i - 1] if i and paragraph[i] == paragraph[i - 1] else i)
    credited: set[int] = set()
    for i in notes:
        note = resolved[i]
        above = first[i] - 1
        if above < 0 or paragraph[above] in credited:
            continue
        credited.add(paragraph[above])
        for k in range(first[above], above + 1):
            if covering[k] is None or from_before[k]:
                covering[k] = note
    return covering


def _stops(shape: Shape, carried: str, known: set[str]) -> bool:
    """Whether a sentence of this shape stops the source named `carried` (folded) from carrying
    on to it; `known` holds every source's name so far, folded."""
    if shape.heading or shape.opens_quote or shape.outside_body or shape.anonymous:
        return True
    if shape.proper_name and not shape.head.startswith(carried):
        return True
    # Another source's name opening the sentence: the head is short, so its prefixes are
    # looked up, not every name the article gave.
    head = shape.head
    return any(
        head[:k] in known and head[:k] != carried and not carried.startswith(head[:k])
        for k in range(2, len(head) + 1)
    )


def _transcript_labels(own: Sequence[Attribution | None]) -> list[Attribution | None]:
    """`own` without the labels that are a bare name (王大同:) before any label of another form:
    only a transcript makes a bare name a speaker."""
    transcript = False
    kept: list[Attribution | None] = []
    for a in own:
        if a is not None and a.label and not a.transcript_only:
            transcript = True
        kept.append(None if a is not None and a.transcript_only and not transcript else a)
    return kept


def _resolve_abbreviations(own: Sequence[Attribution | None]) -> Sequence[Attribution | None]:
    """`own` with each source that is an abbreviation given before ("AMCM said" after "the
    Monetary Authority of Macao (AMCM) said") replaced by the name it abbreviates."""
    if not any(a.abbreviation for a in filter(None, own)):
        return own
    full: dict[str, str] = {}
    resolved: list[Attribution | None] = []
    for a in own:
        if a is not None and a.source in full:
            a = replace(a, source=full[a.source])
        if a is not None and a.abbreviation:
            full[a.abbreviation] = a.source
        resolved.append(a)
    return resolved


def _resolve_pronouns(
    own: Sequence[Attribution | None], shape: Callable[[int], Shape] | None
) -> list[Attribution | None]:
    """`own` with each pronoun replaced by the source it refers to: the last person named
    before it (as a source, or as the subject of a sentence, a name of several words), else the
    last source named at all; None when nobody was."""
    if not any(a.pronoun for a in filter(None, own)):
        return list(own)
    resolved: list[Attribution | None] = []
    last_person: Attribution | None = None
    last_named: Attribution | None = None
    for i, a in enumerate(own):
        subject = shape(i).subject if shape is not None and (a is None or a.pronoun) else None
        if subject is not None:
            last_person = Attribution(subject, None, 0, 0, person=True)
        if a is not None and a.pronoun:
            antecedent = last_person or last_named
            resolved.append(
                None
                if antecedent is None
                else replace(antecedent, start=a.start, end=a.end, pronoun=False)
            )
            continue
        if a is not None:
            last_named = a
            if a.person:
                last_person = a
        resolved.append(a)
    return resolved
