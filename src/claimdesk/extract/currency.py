"""The article's currency: what 元 and a bare amount of money mean when no figure names one.

A Taiwanese paper writes 全年稅後淨利182億元 several lines before it names 新台幣, and a Hong Kong
one writes 宣傳預算為2億4800萬 with no currency word at all. So each article has a default
currency: given by an editor (`claimdesk add --currency`), or else inferred here from the whole
text before any figure is read, by counting the words that say where it was written:

- the yuan-type currencies named anywhere (新台幣, NT$, 港元, 港幣, HK$, 澳門幣, 人民幣, RMB);
- the publisher, when the text names it (中央社, 新華社, 明報...);
- institutions of one place (行政院, 立法院 and 主計總處 are Taiwan's; 立法會 and 特區政府 Hong
  Kong's, unless 澳門 outweighs them; 國務院 and 國家統計局 the mainland's).

The publishers and institutions are the lexicon's place_signs (lexicon/place_signs.yml), and the
nouns that make an amount money its money_nouns.

The currency with the most of these words wins; on a tie, the one named first. None when the
text says nothing: 元 is then CNY, as the numeral layer reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from claimdesk.extract.lexicon import Lexicon, shipped
from claimdesk.extract.patterns import by_first_character

# Matched on the folded (Simplified) text. A currency word counts twice: it names the currency,
# where a place word only suggests it.
CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "TWD": ("新台币", "台币", "NT$"),
    "HKD": ("港元", "港币", "HK$"),
    "MOP": ("澳门元", "澳门币", "葡币", "MOP$"),
    "CNY": ("人民币", "RMB"),
}
# Publishers and institutions of one place: the place_signs list of the lexicon
# (lexicon/place_signs.yml), one word each. 澳門 is also a word of every Macau institution
# (澳門特區立法會): its 立法會 is not Hong Kong's.
_MACAU_OVERRIDES = ("立法会", "特区政府")

# A bare amount (2億4800萬, "3 million") is money when the noun before it in its clause says so:
# 宣傳預算為2億4800萬, 營收約120億, "revenue of 3 billion". A few words may come between
# (預算總額為, 市值高達), but no clause punctuation and no other figure. The nouns are the
# money_nouns list of the lexicon; Latin letters match in any case.
_AFTER_MONEY_NOUN = r"[^，,。；;：:、0-9\n]{0,8}$"
MONEY_NOUN_REACH = 16


@dataclass(frozen=True, slots=True)
class _Signs:
    """What one lexicon makes of its place signs and money nouns, compiled once."""

    weight: dict[str, tuple[str, int]]  # word: (ISO code, how much it counts)
    sign: re.Pattern[str]
    money_noun: re.Pattern[str]


@lru_cache(maxsize=8)
def _signs(lexicon: Lexicon) -> _Signs:
    weight = {w: (c, 2) for c, ws in CURRENCY_SIGNS.items() for w in ws}
    weight.update({w: (c, 1) for w, c in lexicon.place_signs.items()})
    return _Signs(
        weight,
        re.compile(_one_of(weight, grouped=True)),
        re.compile(f"(?i:{_one_of(lexicon.money_nouns)}){_AFTER_MONEY_NOUN}"),
    )


def _one_of(words: Iterable[str], *, grouped: bool = False) -> str:
    """Any of `words`, the longest first; `(?!)`, which matches nothing, when there are none.
    `grouped` groups them by first character, for a pattern searched for over the whole text
    (the engine tries an alternation a branch at a time at every character that may start
    one); never for one matched ignoring case, where Revenue and revenue would compete."""
    escaped = {w: re.escape(w) for w in sorted(words, key=len, reverse=True)}
    alternatives = by_first_character(escaped) if grouped else escaped.values()
    return "|".join(alternatives) or "(?!)"


def article_currency(folded: str, lexicon: Lexicon | None = None) -> str | None:
    """The ISO code the article's words point to (see the module docstring), or None."""
    signs = _signs(lexicon or shipped())
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, m in enumerate(signs.sign.finditer(folded)):
        code, weight = signs.weight[m.group()]
        scores[code] = scores.get(code, 0) + weight
        first.setdefault(code, k)
    if not scores:
        return None
    if scores.get("MOP") and scores.get("HKD"):
        # Macau's institutions share Hong Kong's words; count those words for Macau.
        shared = sum(folded.count(w) for w in _MACAU_OVERRIDES)
        scores["HKD"] -= shared
        scores["MOP"] += shared
    return max(scores, key=lambda code: (scores[code], -first[code]))


def is_money_noun_before(
    folded: str, clause_start: int, start: int, lexicon: Lexicon | None = None
) -> bool:
    """Whether a money noun governs the bare amount at `start` (see _AFTER_MONEY_NOUN)."""
    money_noun = _signs(lexicon or shipped()).money_noun
    return money_noun.search(folded, max(clause_start, start - MONEY_NOUN_REACH), start) is not None
