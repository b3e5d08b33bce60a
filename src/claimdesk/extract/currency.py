"""The article's currency: what 元 and a bare amount of money mean when no figure names one.

A Taiwanese paper writes 全年稅後淨利182億元 several lines before it names 新台幣, and a Hong Kong
one writes 宣傳預算為2億4800萬 with no currency word at all. So each article has a default
currency: given by an editor (`claimdesk add --currency`), or else inferred here from the whole
text before any figure is read, by counting the words that say where it was written:

- the yuan-type currencies named anywhere (新台幣, NT$, 港元, 港幣, HK$, 澳門幣, 人民幣, RMB);
- the publisher, when the text names it (中央社, 新華社, 明報...);
- institutions of one place (行政院, 立法院 and 主計總處 are Taiwan's; 立法會 and 特區政府 Hong
  Kong's, unless 澳門 outweighs them; 國務院 and 國家統計局 the mainland's).

The currency with the most of these words wins; on a tie, the one named first. None when the
text says nothing: 元 is then CNY, as the numeral layer reads it.
"""

from __future__ import annotations

import re

# Matched on the folded (Simplified) text. A currency word counts twice: it names the currency,
# where a place word only suggests it.
CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "TWD": ("新台币", "台币", "NT$"),
    "HKD": ("港元", "港币", "HK$"),
    "MOP": ("澳门元", "澳门币", "葡币", "MOP$"),
    "CNY": ("人民币", "RMB"),
}
PLACE_SIGNS: dict[str, tuple[str, ...]] = {
    "TWD": (
        "行政院", "立法院", "主计总处", "经济部", "金管会", "中央社", "中央银行", "台股", "国发会",
        "财政部关务署", "联合报", "自由时报", "经济日报",
    ),
    "HKD": (
        "立法会", "特区政府", "港府", "政府统计处", "旅游发展局", "港交所", "金管局", "恒指",
        "明报", "星岛", "香港01", "信报",
    ),
    # Not 澳門 alone: Hong Kong tourism news counts 澳門旅客 in every paragraph.
    "MOP": ("澳门特区", "澳门政府", "澳门日报", "统计暨普查局"),
    "CNY": (
        "国务院", "国家统计局", "新华社", "人民日报", "发改委", "发展改革委", "人民银行", "央视",
        "商务部", "沪深", "A股",
    ),
}  # fmt: skip

_SIGN_WEIGHT = {**{w: (c, 2) for c, ws in CURRENCY_SIGNS.items() for w in ws}}
_SIGN_WEIGHT.update({w: (c, 1) for c, ws in PLACE_SIGNS.items() for w in ws})
ARTICLE_CURRENCY_SIGN = re.compile(
    "|".join(re.escape(w) for w in sorted(_SIGN_WEIGHT, key=len, reverse=True))
)
# 澳門 is also a word of every Macau institution (澳門特區立法會): its 立法會 is not Hong Kong's.
_MACAU_OVERRIDES = ("立法会", "特区政府")

# A bare amount (2億4800萬, "3 million") is money when the noun before it in its clause says so:
# 宣傳預算為2億4800萬, 營收約120億, "revenue of 3 billion". A few words may come between
# (預算總額為, 市值高達), but no clause punctuation and no other figure.
MONEY_NOUN = re.compile(
    r"(?:预算|营收|营业额|营业收入|收入|成本|投资|融资|估值|市值|薪金|薪酬|薪资|开支|支出|拨款"
    r"|(?i:budget|revenues?|funding|valuation|market value|investment))"
    r"[^，,。；;：:、0-9\n]{0,8}$"
)
MONEY_NOUN_REACH = 16


def article_currency(folded: str) -> str | None:
    """The ISO code the article's words point to (see the module docstring), or None."""
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, m in enumerate(ARTICLE_CURRENCY_SIGN.finditer(folded)):
        code, weight = _SIGN_WEIGHT[m.group()]
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


def is_money_noun_before(folded: str, clause_start: int, start: int) -> bool:
    """Whether a money noun governs the bare amount at `start` (see MONEY_NOUN)."""
    return MONEY_NOUN.search(folded, max(clause_start, start - MONEY_NOUN_REACH), start) is not None
