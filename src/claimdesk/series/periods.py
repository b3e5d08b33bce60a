"""Periods: the form each frequency's periods take, and how official tables write them.

A period is written as a claim's `time` is (extract/timeref.py), so that a cell and a claim
about the same month compare as text: 2024 (a year), 2024-01/2024-03 (a quarter), 2024-01
(a month), 2024-01-15 (a day).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

from claimdesk.vocabulary import Frequency

_FORMS: dict[Frequency, re.Pattern[str]] = {
    "annual": re.compile(r"\d{4}"),
    "quarterly": re.compile(r"\d{4}-(01/\d{4}-03|04/\d{4}-06|07/\d{4}-09|10/\d{4}-12)"),
    "monthly": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "daily": re.compile(r"\d{4}-\d{2}-\d{2}"),
}
_EXAMPLES: dict[Frequency, str] = {
    "annual": "2024",
    "quarterly": "2024-01/2024-03",
    "monthly": "2024-01",
    "daily": "2024-01-15",
}


def is_period(frequency: Frequency, period: str) -> bool:
    if _FORMS[frequency].fullmatch(period) is None:
        return False
    if frequency == "quarterly":
        first, last = period.split("/")
        return first[:4] == last[:4]
    if frequency == "daily":
        try:
            dt.date.fromisoformat(period)
        except ValueError:
            return False
    return True


def check_period(frequency: Frequency, period: str) -> str:
    """The period, or a ValueError in Chinese and English."""
    if not is_period(frequency, period):
        raise ValueError(
            f"期間 {period!r} 不合{frequency}格式（例：{_EXAMPLES[frequency]}）· "
            f"{period!r} is not a {frequency} period (e.g. {_EXAMPLES[frequency]})"
        )
    return period


def quarter(year: int, number: int) -> str:
    first = 3 * number - 2
    return f"{year}-{first:02d}/{year}-{first + 2:02d}"


# The Republic of China's calendar (Taiwan): 民國113年 is 2024.
ROC_OFFSET = 1911


def _iso(text: str) -> str:
    return text  # already a period as claims write it (2024, 2024-01, 2024-01-15)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # once: a table's every row is read with it


def _read(pattern: str, text: str, expected: str) -> re.Match[str]:
    found = _compiled(pattern).fullmatch(text)
    if found is None:
        raise ValueError(f"not {expected}")
    return found


def _roc_month(text: str) -> str:
    found = _read(r"(\d{2,3})年\s*(\d{1,2})月", text, "a month written 113年1月")
    return f"{int(found[1]) + ROC_OFFSET}-{int(found[2]):02d}"


def _roc_year(text: str) -> str:
    return str(int(_read(r"(\d{2,3})年", text, "a year written 113年")[1]) + ROC_OFFSET)


def _roc_quarter(text: str) -> str:
    found = _read(r"(\d{2,3})年\s*第([1-4一二三四])季", text, "a quarter written 113年第1季")
    return quarter(int(found[1]) + ROC_OFFSET, "1234一二三四".index(found[2]) % 4 + 1)


def _yyyymm(text: str) -> str:
    found = _read(r"(\d{4})(\d{2})", text, "a month written 202401")
    return f"{found[1]}-{found[2]}"


def _day_month_year(text: str) -> str:
    found = _read(r"(\d{1,2})-(\d{1,2})-(\d{4})", text, "a day written 15-01-2024")
    return f"{found[3]}-{int(found[2]):02d}-{int(found[1]):02d}"


# How a table writes its periods: each reader gives the period as claims write it, or a
# ValueError saying what it expected.
PERIOD_STYLES: dict[str, Callable[[str], str]] = {
    "iso": _iso,
    "roc_year": _roc_year,
    "roc_quarter": _roc_quarter,
    "roc_month": _roc_month,
    "yyyymm": _yyyymm,
    "day_month_year": _day_month_year,
}
