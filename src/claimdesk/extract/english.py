"""English figures the numeral scan reads piece by piece: whole dates and number words.

- "October 29, 2023", "29 October 2023" and a page timestamp 2023-05-09 14:07:33 are one date
  each (value YYYYMMDD, unit day), not a count of 29 and a year, nor six counts.
- Number words count what follows them, with the same rules as Chinese numerals: "four
  factories", "seven of its ten markets", "a dozen stores" (12); "two-thirds" is a fraction;
  "twice as many" and "three times as much" are multiples; "dozens of", "hundreds of" and
  "thousands of" are ranges (24 to 100, 200 to 1,000, 2,000 to 10,000: a plural is at least
  two). "one" is never a claim: "one of the", "one day", and a lone "one" are words.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from claimdesk.extract.numerals import to_value
from claimdesk.extract.types import NumberMatch
from claimdesk.extract.units import SUFFIXES

# "two years", "five percent": a unit word after a number word is its unit, as after a digit.
_UNIT_AFTER = re.compile(r" (?P<unit>[a-z]+(?: points?)?)\b")

_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
WHOLE_DATE = re.compile(
    rf"\b{_MON}\.? (?P<d>[0-9]{{1,2}}),? (?P<y>(?:19|20)[0-9]{{2}})(?![0-9])"
    rf"|\b(?P<d2>[0-9]{{1,2}}) {_MON.replace('mon', 'mon2')}\.?"
    r" (?P<y2>(?:19|20)[0-9]{2})(?![0-9])"
)
# Matched only where the scan found a four-digit number followed by a dash.
ISO_DATE = re.compile(
    r"(?P<y3>(?:19|20)[0-9]{2})-(?P<m3>[01][0-9])-(?P<d3>[0-3][0-9])"
    r"(?:[ T][0-2][0-9]:[0-5][0-9](?::[0-5][0-9])?)?(?![0-9])"
)
_MONTH_PREFIXES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# One scan for all twelve: `any(month in folded ...)` read a Chinese text twelve times over.
_ANY_MONTH_PREFIX = re.compile("|".join(_MONTH_PREFIXES))
_MONTH_NUMBER = {m: k for k, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip


def _whole_dates(text: str, folded: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """Dates in ISO form (a Chinese page has its timestamp too) and with an English month name,
    anywhere."""
    candidates: list[re.Match[str]] = []
    for f in found:
        if f.end - f.start == 4 and folded[f.end : f.end + 1] == "-":
            iso = ISO_DATE.match(folded, f.start)
            if iso is not None and not folded[f.start - 1 : f.start].isdigit():
                candidates.append(iso)
    # An English month name with a day and a year is a date in any article: a Chinese story
    # quoting an English release ("on October 29, 2023") has it too. Looking for the month
    # names first (an alternation of plain words, which the engine skips through by their first
    # letters) spares a Chinese text the regex's scan.
    if _ANY_MONTH_PREFIX.search(folded):
        candidates.extend(WHOLE_DATE.finditer(folded))
    dates: list[NumberMatch] = []
    for m in candidates:
        if "m3" in m.re.groupindex:
            year, month, day = m["y3"], int(m["m3"]), int(m["d3"])
        else:
            year = m["y"] or m["y2"]
            month = _MONTH_NUMBER[(m["mon"] or m["mon2"])[:3].lower()]
            day = int(m["d"] or m["d2"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        start, end = m.span()
        value = int(year) * 10000 + month * 100 + day
        dates.append(NumberMatch(start, end, text[start:end], value, "day", "date"))
    return dates


def _mostly_latin(folded: str) -> bool:
    """English text: under one and a half bytes a character in UTF-8 (Chinese takes three)."""
    # Every other character takes two bytes or more, so a text no more than half ASCII takes
    # at least 1.5 a character: counting its ASCII (the encoder skips the rest) costs less
    # than a third of encoding a Chinese text.
    if 2 * len(folded.encode("ascii", "ignore")) <= len(folded):
        return False
    return len(folded.encode("utf-8")) < 1.5 * len(folded)


_UNITS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
          " sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = {w: k for k, w in enumerate(_UNITS, start=2)}
WORD_VALUES.update({w: 10 * k for k, w in enumerate(_TENS, start=2)})
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                 "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "nine": 9}
_VAGUE = {"dozens": (24, 100), "hundreds": (200, 1000), "thousands": (2000, 10000),
          "millions": (2 * 10**6, 10**7)}  # fmt: skip
_NUMBER_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[:8])}))?"
    rf"|{'|'.join(sorted(_UNITS, key=len, reverse=True))}"
)
_NOUN_AHEAD = r"of |[a-z][a-z-]*s\b|people|children|staff|men|women|percent|per cent"
# A number word counts only before a word (a noun) or "of": "four factories", "seven of its
# ten markets"; "the two" or "Two said" is no claim.
ENGLISH_FIGURE = re.compile(
    r"(?=[a-zA-Z])\b(?:"
    rf"(?P<frac>(?P<num>one|two|three|four|five|nine)-(?P<den>{'|'.join(_DENOMINATORS)}))"
    rf"|(?P<times>twice|(?P<tn>{_NUMBER_WORD}) times) as (?:many|much)\b"
    r"|(?P<dozen>a dozen)(?= [a-z])"
    r"|(?P<vague>dozens|hundreds|thousands|millions) of(?= )"
    rf"|(?P<word>{_NUMBER_WORD})(?= (?:{_NOUN_AHEAD}))"
    r")\b",
    re.IGNORECASE,
)
EN_WORD_HINT = re.compile(
    r"(?i:\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
    r"|fifty|dozen|dozens|hundreds|thousands|millions|twice|half|thirds?|quarters?)\b)"
)


def _english_words(text: str, folded: str) -> list[NumberMatch]:
    words: list[NumberMatch] = []
    for m in ENGLISH_FIGURE.finditer(folded):
        start, end = m.span()
        figure = text[start:end]
        if m["frac"]:
            value: int | float = round(
                _SMALL[m["num"].lower()] / _DENOMINATORS[m["den"].lower()], 4
            )
            words.append(NumberMatch(start, end, figure, value, "fraction", "ratio"))
        elif m["times"]:
            times = 2 if m["times"].lower() == "twice" else _word_value(m["tn"])
            end = start + len(m["times"])
            words.append(NumberMatch(start, end, text[start:end], times, "x", "ratio"))
        elif m["dozen"]:
            words.append(NumberMatch(start, end, figure, 12, "count", "count"))
        elif m["vague"]:
            low, high = _VAGUE[m["vague"].lower()]
            words.append(NumberMatch(start, end, figure, low, "count", "count", high))
        else:
            value = _word_value(m["word"])
            unit = _UNIT_AFTER.match(folded, end)
            known = SUFFIXES.get(unit["unit"]) if unit else None
            if unit is not None and known is not None and known.kind != "count":
                end = unit.end()
                words.append(
                    NumberMatch(
                        start,
                        end,
                        text[start:end],
                        to_value(value * known.factor),
                        known.unit,
                        known.kind,
                    )
                )
            else:
                words.append(NumberMatch(start, end, figure, value, None, None))
    return words


def _word_value(word: str) -> int:
    word = word.lower()
    tens, _, unit = word.partition("-")
    return WORD_VALUES[tens] + (WORD_VALUES[unit] if unit else 0)


def english_figures(text: str, folded: str, found: list[NumberMatch]) -> list[NumberMatch]:
    """`found` with the whole dates and number words of the text in their place."""
    extra = _whole_dates(text, folded, found)
    if _mostly_latin(folded) and EN_WORD_HINT.search(folded):
        extra.extend(_english_words(text, folded))
    if not extra:
        return found
    # Both lists are in text order: a figure is dropped when the span starting last before its
    # end covers it (a bisection, so a text of many words and figures stays linear).
    extra.sort(key=lambda e: e.start)
    starts = [e.start for e in extra]
    kept = []
    for f in found:
        k = bisect_left(starts, f.end) - 1
        if k < 0 or extra[k].end <= f.start:
            kept.append(f)
    return sorted(kept + extra, key=lambda f: f.start)
