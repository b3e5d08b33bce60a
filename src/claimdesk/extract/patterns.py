"""The one regex that finds every numeric expression, built from named fragments.

It runs on folded text (Simplified, ASCII digits), once, with `finditer`. Runs of one character
are possessive (`*+`, `++`) and every numeral is matched atomically (see `_atomic`), so a failed
match never backtracks into a run of digits, and a numeral's tail repeats a bounded number of
times (see NUMERAL): the scan stays linear on 1,000,000 digits, 1,000,000 一 or 100,000 '1,'.
"""

from __future__ import annotations

import re

from claimdesk.extract.dates import DATE, DECADE, RANGE_SEP, RELATIVE
from claimdesk.extract.numerals import MAX_NUMERAL_CHARS
from claimdesk.extract.units import CURRENCY_PREFIXES, DOUBLING, ENGLISH_SCALES, SUFFIXES

CN_DIGITS = "〇零一二三四五六七八九两俩幺壹贰叁肆伍陆柒捌玖廿"
CN_SMALL = "十拾百佰千仟"
_DECIMAL = CN_DIGITS.replace("两", "").replace("俩", "")

# 千 and 兆 are also SI prefixes: 12千米 is 12 km and 50兆字节 is 50 MB, not 12000 m or 5×10^13.
_THOUSAND = r"[千仟](?![米克瓦卡字比赫])"
_MEGA = r"兆(?![瓦赫字比帕焦])"
# 参 (from 參) is a financial 3 only next to financial units (壹佰參拾): elsewhere it is 参加.
_CAN = r"参(?=[拾佰仟万亿元圆角分整])|(?<=[拾佰仟])参"
# 百 not before 分位/分点: 百分之七十百分位 ends the numeral at 七十.
_HUNDRED = r"[百佰](?!分[位点])"
CN_CHAR = rf"(?:[{CN_DIGITS}十拾万亿]|{_HUNDRED}|{_THOUSAND}|{_MEGA}|{_CAN})"
CN_SCALE = rf"(?:[十拾万亿]|{_HUNDRED}|{_THOUSAND}|{_MEGA})"

# Arabic number with optional thousands separators and decimals; the groups are checked when
# parsed, so a misprint like 1,2萬 is one malformed token, not "1" and "2萬".
ARABIC = r"[0-9]++(?:,[0-9]++)*(?:\.[0-9]++)?(?:[eE][-+]?[0-9]++(?![A-Za-z]))?"
# A sign only where it cannot be a hyphen or a range dash: not after a letter, digit or dot,
# nor in +/- (a margin). 正负3% is plus or minus 3 (qualifiers.py), never minus 3.
SIGN = r"(?:(?<![0-9A-Za-z.\-)/+])-|(?<!正)负 *+)?"
# A Chinese numeral may start with a digit or 十/百/千 but not with 万 or 亿 (万一, 亿万富翁),
# except the bare 万亿 of 万亿美元.
HEAD = rf"(?:{ARABIC}|(?<![0-9A-Za-z.])\.[0-9]++|万亿|[{CN_DIGITS}十拾百佰]|{_THOUSAND}|{_CAN})"
# After the head: more numeral characters (spaces allowed: 7 万5 千4 百), a Chinese decimal part
# (十五点七), Arabic digits after a unit (3万4000, 1千零20, 12萬3,456), 多/余/几 before a unit
# (十多万), and k for thousands (15k).
# A run of plain digits and scale characters is taken in one step, so that 一一一… is one
# repetition of the tail, not one per character (see NUMERAL).
TAIL = (
    rf"(?:[{CN_DIGITS}十拾万亿]++|{_HUNDRED}|{_THOUSAND}|{_MEGA}|{_CAN}"
    rf"| ++{CN_SCALE}|(?<=[{CN_DIGITS}{CN_SMALL}万亿兆]) ++{CN_CHAR}"
    rf"| *+点 *+[{_DECIMAL}](?: *+[{_DECIMAL}])*|(?<=[{CN_DIGITS}{CN_SMALL}])点[0-9]++"
    rf"|(?<=[{CN_SMALL}万亿兆零]) *+[0-9]++(?:,[0-9]{{3}}(?![0-9]))*(?:\.[0-9]++)?"
    rf"| *+[多余几](?= *+[{CN_SMALL}万亿兆])"
    rf"|(?<=[0-9])k(?![A-Za-z]))"
)
# The tail repeats at most MAX_NUMERAL_CHARS times. Each repetition of a group costs the regex
# engine a saved state until the match ends, so one numeral of a million characters (10^6 一
# before the run above, 百百百… or 零1零1… still) took seconds and grew faster than its length;
# a numeral that long is malformed anyway (numerals.MAX_NUMERAL_CHARS). A numeral cut at the
# bound is extended by `numbers.scan` with NUMERAL_TAIL_RUN, a bounded chunk at a time, and read
# as one malformed figure.
# Each repetition of the tail is entered only at a character one of its branches starts with:
# after most numerals comes a unit or punctuation, and trying the dozen branches there, half of
# them behind look-behinds, was a third of the scan's work on a figure.
_TAIL_FIRST = f"{CN_DIGITS}{CN_SMALL}万亿兆参点多余几k 0-9"
NUMERAL = rf"{SIGN}{HEAD}(?:(?=[{_TAIL_FIRST}]){TAIL}){{0,{MAX_NUMERAL_CHARS}}}"
_PLAIN_NUMERAL = rf"{SIGN}{HEAD}{TAIL}{{0,{MAX_NUMERAL_CHARS}}}"  # for tests, as below
# Where a numeral can go on: where its tail matches once more.
NUMERAL_TAIL = re.compile(TAIL)
NUMERAL_TAIL_RUN = re.compile(rf"{TAIL}{{1,{MAX_NUMERAL_CHARS}}}")
# The groups that hold a NUMERAL.
NUMERAL_GROUPS = ("n1", "den", "fn", "n2", "pn", "ordinal")


def _atomic(name: str, pattern: str) -> str:
    """`(?P<name>pattern)`, matched atomically: once matched it is never backtracked into.

    A lookahead is atomic in Python's re and the backreference then consumes what it captured.
    This stands in for a possessive group `(?:...)*+`, which Python 3.11 before 3.11.5 matches
    wrongly when the group holds an alternation (Debian 12's 3.11.2 read 兩百點兩 as nothing).
    """
    return rf"(?=(?P<{name}>{pattern}))(?P={name})"


# Words after a unit that show it is part of another word: 成为 is "become", 周年 an anniversary.
_GUARDS = {
    "成": "(?![为本立功员交长果绩熟都型品像分年])", "折": "(?![扣合旧叠算射])",
    "周": "(?![年期边末岁])", "人": "(?![民员士们类工])", "部": "(?![分门署长])",
    "名": "(?![单称字义])", "位": "(?![数置于])", "条": "(?![件款例])", "项": "(?!目)",
    "只": "(?![有是要能会])", "对": "(?![于比手方象外此待应话])", "所": "(?![有以谓在得需属长])",
    "支": "(?![持付出撑援])", "次": "(?![年日月元])", "天": "(?![然下津猫气堂空使])",
    "台": "(?![湾风北阶])", "元": "(?![旦素宇年件器老])", "升": "(?![级值高温至到为])",
    "打": "(?![造破开响通击算入出工压折])", "克": "(?![服隆])", "家": "(?![庭乡人])",
    "年": "(?!代)", "间": "(?![隔距断])", "宗": "(?![教旨族师])",
    # 一点 is "a little" and 3点半 a time of day: only an Arabic number takes index points.
    "点": "(?<=[0-9]点)(?![钟半])", "个": "(?![人性体别])",
    # 三度 is "three times" and 一晚 "one evening": electricity and nights take digits only.
    "度": "(?<=[0-9]度)(?![假过数量])", "晚": "(?<=[0-9万千百]晚)(?![上间餐会饭宴报期点])",
    "夜": "(?<=[0-9万千百]夜)(?![间里晚市景班之])", "桶": "(?!装)", "坪": "(?![数效])",
}  # fmt: skip


def _alternation(surfaces: list[str], *, latin_spaced: bool, grouped: bool = True) -> str:
    """Longest first, so 元人民币 beats 元; Latin units must end at a word boundary.

    Most figures have no unit after them, and this alternation of ~190 units is tried twice per
    figure. So the spaces are matched once, before the branches, and a look-ahead on the units'
    first characters rejects a figure with no unit in one step; a branch then starts with its
    literal, which the engine skips by a one-character check. A Chinese (or symbol) unit and a
    Latin one never start with the same character, so grouping them keeps the branch order.
    """
    chinese: dict[str, str] = {}  # surface: its branch of the regex
    latin: dict[str, str] = {}
    latin_bare: dict[str, str] = {}
    for surface in sorted(surfaces, key=len, reverse=True):
        escaped = re.escape(surface)
        if surface[0].isascii() and surface[0].isalpha():
            with_space = latin_spaced and surface not in ("m", "x")
            branches = latin if with_space else latin_bare
            for written, regex in _any_case(surface).items():
                branches[written] = f"{regex}(?![A-Za-z0-9])"
        else:
            # 个 百 分 点: Recognizers-Text's specs space out even the unit.
            spaced = " *+".join(re.escape(ch) for ch in surface) if "百分" in surface else escaped
            chinese[surface] = f"{spaced}{_GUARDS.get(surface, '')}"
    groups = [(" *+", chinese), (" ?+", latin), ("", latin_bare)]
    return "|".join(_one_of(branches, space, grouped) for space, branches in groups if branches)


def _any_case(word: str) -> dict[str, str]:
    """A Latin word and its regex, as written; a word of three letters or more in lower case
    (percent, per cent, billion, years) also in any case, as headlines write them (5.0 Per
    Cent, S$75 Billion, 3 YEARS): one branch for each case of its first letter, so that each
    starts with its literal. Symbols and abbreviations keep their case (MW is not mW)."""
    escaped = re.escape(word)
    if not (word.islower() and len(word) >= 3):
        return {word: escaped}
    rest = f"(?i:{re.escape(word[1:])})"
    return {word: re.escape(word[0]) + rest, word[0].upper() + word[1:]: word[0].upper() + rest}


def _one_of(branches: dict[str, str], space: str = "", grouped: bool = True) -> str:
    """`space`, then the first of `branches` (word: regex) that matches, behind a look-ahead on
    the words' first characters.

    Each regex starts with its word's first character. The branches are grouped by it (个 then
    个半小时|个星期|…|个): the engine steps through an alternation one branch at a time, so one
    branch a first character costs it a third of trying all ~190 units (a third of NUMBER_RE's
    time went to its units). Branches of different first characters never match at the same
    place, so only the order within a group matters, and it is kept. `grouped=False` gives the
    plain alternation, which tests compare with (UNGUARDED_NUMBER_RE)."""
    first = "".join(sorted({re.escape(word[0]) for word in branches}))
    alternatives = by_first_character(branches) if grouped else branches.values()
    return f"{space}(?=[{first}])(?:{'|'.join(alternatives)})"


def by_first_character(branches: dict[str, str]) -> list[str]:
    """The regexes of `branches` (word: regex, each starting with its word's first character)
    as alternatives grouped by that character, in order (see _one_of)."""
    groups: dict[str, list[str]] = {}
    for word, regex in branches.items():
        groups.setdefault(word[0], []).append(regex)
    alternatives = []
    for char, regexes in groups.items():
        head = re.escape(char)
        if len(regexes) == 1 or not all(regex.startswith(head) for regex in regexes):
            alternatives.extend(regexes)
        else:
            rests = "|".join(regex[len(head) :] for regex in regexes)
            alternatives.append(f"{head}(?:{rests})")
    return alternatives


SUFFIX = _alternation([*SUFFIXES, "年", "日"], latin_spaced=True)
_PREFIXES = {p: re.escape(p) + " ?+" for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True)}
# Behind a look-ahead like the units: it is tried at every figure, and most have no prefix.
PREFIX = _one_of(_PREFIXES)
# A space, then a whole word; `_one_of` rejects the common case, no scale word, in one step.
EN_SCALE = (
    _one_of({w: r for word in ENGLISH_SCALES for w, r in _any_case(word).items()}, " ?+")
    + "(?![A-Za-z])"
)
_SEP_WORD = RANGE_SEP
_ONE_DIGIT = rf"[0-9{CN_DIGITS}]"


# What may come right after a number and its scale word for it to go on as a fraction (又, 分之,
# /, ^) or a range (a separator, maybe after a unit: 3至5, 3%至5%): anything else skips that
# group in one step. Most figures are followed by a unit or punctuation, and trying each of the
# group's branches there, the unit alternation among them, was a sixth of a figure's match
# (4,000 of the 26,000 instructions of 2048 TOPS).
_GOES_ON = r"(?= *+[又分~至到—–\-]|[/^]|(?:{suffix}) *+[~至到—–\-])"


def _number(suffix: str, prefix: str, *, guarded: bool = True) -> str:
    """A number with its currency prefix, scale word, fraction, range and unit."""
    goes_on = _GOES_ON.format(suffix=suffix) if guarded else ""
    return (
        rf"(?P<prefix>{prefix})?{_atomic('n1', NUMERAL)}(?P<scale1>{EN_SCALE})?"
        rf"(?:{goes_on}(?:(?: *+又 *+{_atomic('den', NUMERAL)})?(?P<frac> *+分 *+之 *+)"
        rf"{_atomic('fn', NUMERAL)}"
        rf"|/(?P<slash>[0-9]++)(?![0-9/.])|\^(?P<power>[-+]*+[0-9]++)(?![0-9.])"
        rf"|(?P<unit_lo>{suffix})??(?P<sep>{_SEP_WORD})(?P<prefix2>{prefix})?"
        rf"{_atomic('n2', NUMERAL)}"
        rf"(?P<scale2>{EN_SCALE})?))?"
        rf"(?:(?P<approx>[多余几])?(?P<suffix>{suffix})(?P<half>半)?"
        rf"(?: *+(?P<jiao>{_ONE_DIGIT})[角毛])?(?: *+(?P<fen>{_ONE_DIGIT})分)?)?"
    )  # fmt: skip


def _uncaptured(pattern: str) -> str:
    """`pattern` without the capturing groups its readers find again on their own (see
    READ_AGAIN). Each group costs the engine at every figure: it saves the marks of all groups
    up to the last one set at each branch and repetition of a numeral (MARK_PUSH), and the
    date, decade, doubling and percent groups came before every number's (a tenth of the scan)."""
    for name in READ_AGAIN:
        pattern = pattern.replace(f"(?P<{name}>", "(?:")
    return pattern


# Groups that only the reading of a rare alternative needs: dates.date_value, decade_value and
# numbers._read match that alternative again, alone, at the match's start (the same match: it
# is the alternative's first at that place). `frac` is read by no one.
READ_AGAIN = (
    "year", "year_end", "fiscal_end", "month", "day", "month_end", "day_end", "quarter",
    "century", "decade",
    "doublings", "per", "frac",
)  # fmt: skip


NUMBER = _number(SUFFIX, PREFIX)
# At most four scale characters (百万万分之七): an unbounded run would be rescanned from every
# position of a 100,000-character run of 万, which is quadratic.
PERCENT_PREFIX = (
    rf"(?<![百千万佰仟])(?P<per>[百千万佰仟]{{1,4}}+) *+分 *+之 *+{_atomic('pn', NUMERAL)}"
)
PERCENT_PREFIX_RE = re.compile(PERCENT_PREFIX)  # for its groups (see READ_AGAIN)
ORDINAL = rf"第 *+{_atomic('ordinal', NUMERAL)}"
# Percentages written as words: 打对折 and 半折 pay 50%, 半成 is 5%; a bare 对折 is a fold.
WORD_PERCENTS = {"对折": 50, "半折": 50, "半成": 5}
WORD_PERCENT = r"(?<=打)对折|半折|半成"

# Order matters where two alternatives can start at one place: a date before a bare number
# (2019年), 第二季度 before 第二, 百分之五 before the numeral 百.
# Without any of the shortcuts below (guards, units grouped by their first character, the
# numeral's guarded tail), to test that they change nothing.
_PLAIN_NUMBER = _number(
    _alternation([*SUFFIXES, "年", "日"], latin_spaced=True, grouped=False),
    _one_of(_PREFIXES, grouped=False),
    guarded=False,
)
ALTERNATIVES = _uncaptured(
    rf"(?P<date>{DATE})|(?P<decade_all>{DECADE})|(?P<relative>{RELATIVE})"
    rf"|(?P<doubling>{DOUBLING})|(?P<word_percent>{WORD_PERCENT})"
    rf"|(?P<percent>{PERCENT_PREFIX})|{ORDINAL}|(?P<number>{_PLAIN_NUMBER})"
).replace(NUMERAL, _PLAIN_NUMERAL)
# Every character a match can start with. Checking this one class first lets the scan skip the
# positions where no alternative can start instead of trying each alternative there (4x faster).
# tests/test_find_numbers.py checks that this guard loses no match.
FIRST_CHARS = (
    "0-9.\\-负$¥€£UNHRSM人港新台参澳"
    + CN_DIGITS
    + CN_SMALL
    + "万亿"
    + "今去前明同本上下昨第翻对半Q"
)
# The same alternatives, each behind a look-ahead on the characters it can start with: at most
# places where a figure may start (一, 上, 今, a digit) only one or two of them can match, and the
# look-ahead rejects the others in one step instead of entering each (a seventh of the scan).
# At a digit, a decade needs two or four digits and 年 (90年代, 1990年代) or is 20世纪, and a
# relative date one or two digits and a month, day, quarter or range (6月, 30日, 1季度, 1至3月):
# most figures are neither, and entering those alternatives cost a third of the scan.
_CN_1_TO_9 = "一二三四五六七八九"
# A date is a year and then 年, a range or a fiscal year's slash; a Chinese numeral is a
# relative date only before a month, day, quarter or range (三月, 二十一日, 一至三月): at most
# figures (2048, 一家) none of the three is entered.
_DATE_AHEAD = r"(?=(?:[12][0-9]{3}|[一二][〇零一二三四五六七八九]{3})[年 ~至到—–/\-])"
_DECADE_AHEAD = rf"(?=上个?世|二十世|20世|[0-9]{{2}}(?:[0-9]{{2}})?年|[{_CN_1_TO_9}]十年)"
_WHEN = "[月日号季 ~至到—–\\-]"  # what follows the numeral of a relative date
_RELATIVE_AHEAD = (
    rf"(?=[今去前明同本上下昨第Q]|[{_CN_1_TO_9}十]{{1,3}}+{_WHEN}|[0-9]{{1,2}}+{_WHEN})"
)
GUARDED_ALTERNATIVES = (
    rf"{_DATE_AHEAD}(?P<date>{DATE})"
    rf"|{_DECADE_AHEAD}(?P<decade_all>{DECADE})"
    rf"|{_RELATIVE_AHEAD}(?P<relative>{RELATIVE})"
    rf"|(?=翻)(?P<doubling>{DOUBLING})|(?=[对半])(?P<word_percent>{WORD_PERCENT})"
    rf"|(?=[百千万佰仟])(?P<percent>{PERCENT_PREFIX})|{ORDINAL}|(?P<number>{NUMBER})"
)
NUMBER_RE = re.compile(rf"(?=[{FIRST_CHARS}])(?:{_uncaptured(GUARDED_ALTERNATIVES)})")
UNGUARDED_NUMBER_RE = re.compile(ALTERNATIVES)  # the same scan without the guards, for tests
