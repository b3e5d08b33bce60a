"""What follows (or precedes) a numeral: currencies, percentages, multiples, physical units,
durations and measure words, keyed by their folded (Simplified, ASCII) surface form.

Conventions, so every caller reads values the same way:
- Money is in currency units with the scale multiplied out: 47亿元 → 4700000000 CNY.
- Percentages are percent: 47.2% → 47.2 "%"; 八成 → 80 "%"; 7折 → 70 "%" (the price paid);
  千分之五 → 0.5 "%" (per mille is reported as percent so shares compare directly);
  个百分点 → "pp" (kind percent): a change of a percentage, not a percentage; 个基点 and
  "basis points" → "bp".
- Multiples are "x", kind ratio: 2.8倍 → 2.8 x; 翻倍/翻番 → 2 x, 翻了兩番 → 4 x.
- Physical units keep the unit written, normalised to its symbol: 千米 → km, 350W → W, 瓩 → kW;
  index points (收報17,236點) are "point".
- Durations use week/month/year/day/hour/minute/second/quarter, kind duration; an age (65歲)
  is years.
- Chinese measure words (个 款 台 颗 家 ...) are unit "count", kind count; 打 is a dozen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claimdesk.extract.types import Kind


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    kind: Kind
    factor: Decimal = Decimal(1)  # what one of the written unit is in `unit`: 八成 → ×10 %


def _table(kind: Kind, unit: str, *surfaces: str, factor: str = "1") -> dict[str, Unit]:
    return {surface: Unit(unit, kind, Decimal(factor)) for surface in surfaces}


# Every currency a Chinese-language newsroom writes, in one table: the ISO 4217 code and the
# words (folded to Simplified) that name it after a figure, in a （X，下同） note or a
# （單位：X） note. 元 alone is CNY here; claims.py reads it as the article's currency.
CURRENCY_WORDS: dict[str, tuple[str, ...]] = {
    "USD": ("美元", "美金", "美圆", "dollars", "USD"),
    "CNY": ("元", "块", "块钱", "人民币", "元人民币", "圆", "RMB", "yuan", "CNY"),
    "TWD": ("新台币", "台币", "元新台币", "新台币元", "TWD"),
    "HKD": ("港元", "港币", "元港币", "HKD"),
    # 澳門元 / 澳門幣, and 葡幣, the older word still written in Macau.
    "MOP": ("澳门元", "澳门币", "葡币", "MOP"),
    "SGD": ("新加坡元", "新加坡币", "新元", "新币", "SGD"),
    "MYR": ("林吉特", "令吉", "马币", "MYR"),
    "EUR": ("欧元", "euros", "EUR"),
    "JPY": ("日元", "日圆", "円", "日币", "yen", "JPY"),
    "GBP": ("英镑", "pounds", "GBP"),
    "KRW": ("韩元", "韩圆", "韩币", "KRW"),
    "THB": ("泰铢", "THB"),
    "CHF": ("瑞士法郎", "CHF"),
    "RUB": ("卢布",),
    "AUD": ("澳元", "澳币", "AUD"),
    "NGN": ("奈拉",),
}
CURRENCY_SUFFIXES: dict[str, Unit] = {
    surface: Unit(code, "money") for code, words in CURRENCY_WORDS.items() for surface in words
}

# Before the number: US$3.5 billion, ¥300, 港币两千九百六十元. A prefix decides the currency
# even when a 元 follows (港币两千九百六十元 is HKD).
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "$": "USD", "USD": "USD", "NT$": "TWD", "HK$": "HKD", "¥": "CNY", "RMB": "CNY",
    "€": "EUR", "£": "GBP", "人民币": "CNY", "港币": "HKD", "新台币": "TWD", "台币": "TWD",
    "MOP$": "MOP", "S$": "SGD", "澳门币": "MOP", "新加坡币": "SGD",
}  # fmt: skip

PERCENT_SUFFIXES: dict[str, Unit] = {
    **_table("percent", "%", "%", "percent", "per cent"),
    **_table("percent", "%", "‰", factor="0.1"),
    **_table("percent", "pp", "个百分点", "百分点", "percentage points", "percentage point"),
    # A basis point is a hundredth of a percentage point: 調降25個基點, cut by 25 basis points.
    **_table("percent", "bp", "个基点", "基点", "basis points", "basis point", "bps"),
    **_table("percent", "%", "成", factor="10"),
    **_table("percent", "%", "折"),  # 7折 → 70, 75折 → 75: see numbers._discount
}

RATIO_SUFFIXES: dict[str, Unit] = _table("ratio", "x", "倍", "x", "times", "fold")

QUANTITY_SUFFIXES: dict[str, Unit] = {
    **_table("quantity", "W", "W", "瓦", "瓦特"),
    **_table("quantity", "kW", "kW", "KW", "千瓦", "瓩"),
    **_table("quantity", "MW", "MW", "兆瓦"),
    **_table("quantity", "GW", "GW", "吉瓦"),
    **_table("quantity", "kWh", "kWh", "千瓦时", "度"),  # 度 only after digits: 用電200度
    **_table("quantity", "MWh", "MWh", "兆瓦时"),
    **_table("quantity", "GWh", "GWh", "吉瓦时"),
    **_table("quantity", "TOPS", "TOPS"),
    **_table("quantity", "TFLOPS", "TFLOPS"),
    **_table("quantity", "PFLOPS", "PFLOPS"),
    **_table("quantity", "FLOPS", "FLOPS"),
    **_table("quantity", "nm", "nm", "纳米"),
    **_table("quantity", "mm", "mm", "毫米"),
    **_table("quantity", "cm", "cm", "CM", "厘米", "公分"),
    **_table("quantity", "m", "m", "米"),
    **_table("quantity", "km", "km", "公里", "千米"),
    **_table("quantity", "m2", "平方米"),
    **_table("quantity", "km2", "平方公里"),
    **_table("quantity", "mu", "亩"),
    **_table("quantity", "kg", "kg", "公斤", "千克"),
    **_table("quantity", "g", "克"),
    **_table("quantity", "mg", "mg", "毫克"),
    **_table("quantity", "ug", "微克"),
    **_table("quantity", "t", "吨", "公吨"),
    # Trade, energy and property statistics: containers, barrels, hectares, 坪 (3.3 m², Taiwan).
    **_table("quantity", "TEU", "标箱", "标准箱", "TEU", "TEUs"),
    **_table("quantity", "barrel", "桶"),
    **_table("quantity", "ha", "公顷"),
    **_table("quantity", "ping", "坪"),
    **_table("quantity", "m2", "平方公尺"),
    **_table("quantity", "jin", "斤"),
    **_table("quantity", "L", "升"),
    **_table("quantity", "KB", "KB", "千字节"),
    **_table("quantity", "MB", "MB", "兆字节"),
    **_table("quantity", "GB", "GB"),
    **_table("quantity", "TB", "TB"),
    **_table("quantity", "PB", "PB"),
    **_table("quantity", "kbit", "千比特"),
    **_table("quantity", "Hz", "Hz", "赫兹"),
    **_table("quantity", "MHz", "MHz", "兆赫", "兆赫兹"),
    **_table("quantity", "GHz", "GHz"),
    **_table("quantity", "Gbps", "Gbps"),
    **_table("quantity", "mAh", "mAh"),
    **_table("quantity", "°C", "℃", "摄氏度"),
    # Index points: 恒指收報17,236點, 台股上漲120點 (only after Arabic digits, see patterns).
    **_table("quantity", "point", "点"),
}

DURATION_SUFFIXES: dict[str, Unit] = {
    **_table("duration", "week", "周", "星期", "个星期", "个礼拜", "weeks", "week"),
    **_table("duration", "month", "个月", "months", "month"),
    **_table("duration", "year", "years", "year"),
    **_table("duration", "day", "天", "days", "day"),
    **_table("duration", "hour", "小时", "个小时", "hours", "hour"),
    **_table("duration", "minute", "分钟", "minutes"),
    **_table("duration", "second", "秒钟", "seconds"),
    **_table("duration", "quarter", "个季度", "quarters"),
    # An age is the years lived: 65歲以上 is 65 years.
    **_table("duration", "year", "岁", "周岁"),
    # 一个半月 is 1.5 months: 半 sits between the measure word and the unit.
    **_table("duration", "month", "个半月"),
    **_table("duration", "hour", "个半小时"),
}

MEASURE_WORDS = (
    "个 款 台 颗 人次 人 家 辆 对 双 名 位 只 件 部 架 套 项 座 条 篇 次 户 例 张 枚 所 支"
    " 宗 笔 栋 幢 艘 剂 间 架次 班次 航班 航次"
)
# The last word of a noun that names a quantity, folded: 銷量, 人數, 數字, 員工, 病例. A bare number
# glued after one (公司員工800，新增病例1200) counts it; after any other word it may be a model
# (麒麟990): see numbers.counted_noun_before.
QUANTITY_NOUN_ENDS = (
    "量 数 人数 总数 数字 数目 人口 员工 雇员 职员 工人 人员 病例 个案 案例 宗数 用户 会员 客户"
    " 旅客 游客 访客 人次 学生 居民 住户 票数 得票"
)
COUNT_SUFFIXES: dict[str, Unit] = {
    **_table("count", "count", *MEASURE_WORDS.split()),
    # Nights' stays (過夜旅客住了120萬晚): a count of nights.
    **_table("count", "night", "晚", "夜"),
    **_table("count", "count", "打", factor="12"),
}

# Every unit written after a number. The regex alternation is built longest first, so 元人民币
# wins over 元 and 个百分点 over 个.
SUFFIXES: dict[str, Unit] = {
    **COUNT_SUFFIXES,
    **DURATION_SUFFIXES,
    **QUANTITY_SUFFIXES,
    **RATIO_SUFFIXES,
    **PERCENT_SUFFIXES,
    **CURRENCY_SUFFIXES,
}

# Written after an English number with a space: 1.5 million, US$3.5 billion.
ENGLISH_SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "mn": 10**6,
}  # fmt: skip

# 翻倍 / 翻番 double; 翻一番 / 翻了兩番 double n times (x 2^n): a multiple with no digit written.
DOUBLING = r"翻了?(?P<doublings>[一两二三四])番|翻了?倍|翻番"
DOUBLING_RE = re.compile(DOUBLING)  # alone, for its group (patterns.READ_AGAIN)
DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


def discount_percent(value: Decimal) -> Decimal:
    """7折 pays 70%, 9.9折 99%, but 75折 and 三八折 (two digits) pay 75% and 38%."""
    if value == value.to_integral_value() and value >= 10:
        return value
    return value * 10


def unit_fits(surface: str, value: Decimal) -> bool:
    """八成 is 80%, but 30成 is no share; 7折 is a discount, 300折 is not."""
    if surface in ("成", "折"):
        return Decimal(0) < value <= 100
    return True
