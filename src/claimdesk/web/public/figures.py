"""How a reader sees a claim's parts: its figure, its verdict and status in two languages,
dates. Pure; the templates print what these return."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimdesk.review import VERDICTS, Verdict

# Traditional Chinese first, then English, on every page.
STATUS_LABELS: Mapping[str, tuple[str, str]] = {
    "unverified": ("尚未查核", "Not yet checked"),
    "published": ("已查核", "Checked"),
    "retracted": ("已自文章刪除", "No longer in the article"),
    "dismissed": ("非查核對象", "Not a claim"),
}
QUALIFIER_LABELS: Mapping[str, tuple[str, str]] = {
    "approximate": ("約略", "approximately"),
    "lower_bound": ("至少", "at least"),
    "upper_bound": ("至多", "at most"),
    "emphasis": ("強調", "emphasis"),
    "plus_minus": ("正負", "plus or minus"),
}
UNIT_LABELS: Mapping[str, tuple[str, str]] = {
    "%": ("%", "%"),
    "pp": ("個百分點", "percentage points"),
    "x": ("倍", "times"),
    "count": ("個", ""),
    "year": ("年", "years"),
    "month": ("個月", "months"),
    "week": ("週", "weeks"),
    "day": ("天", "days"),
}
# Verdicts from closest to true to furthest, then those that are no degree of truth: the
# order of legends, summaries and charts.
VERDICT_ORDER: tuple[Verdict, ...] = tuple(
    sorted(VERDICTS, key=lambda v: (VERDICTS[v].rating is None, -(VERDICTS[v].rating or 0)))
)


@dataclass(frozen=True)
class Label:
    """Words in Traditional Chinese and English, printed in that order."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} {self.en}".strip()


def verdict_label(verdict: str) -> Label:
    info = VERDICTS[Verdict(verdict)]
    return Label(info.zh_hant, info.en)


def status_label(status: str) -> Label:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return Label(zh, en)


def qualifier_label(meaning: str | None) -> Label | None:
    if meaning is None or meaning not in QUALIFIER_LABELS:
        return None
    return Label(*QUALIFIER_LABELS[meaning])


def mark_class(status: str, verdict: str | None) -> str:
    """The CSS class a highlighted claim and its legend entry share."""
    if verdict and status in ("published", "retracted"):
        return f"v-{verdict}"
    return "v-unverified"


def mark_label(status: str, verdict: str | None) -> Label:
    """The words shown beside a highlighted figure, so that colour is never the only sign."""
    if verdict and status in ("published", "retracted"):
        return verdict_label(verdict)
    return status_label("unverified")


def format_number(value: Any) -> str:
    """4700000000 → 4,700,000,000; 47.2 → 47.2; 1e21 → 1,000,000,000,000,000,000,000."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def format_value(value: Any, value_max: Any, unit: str | None) -> str:
    """The normalised figure with its unit, a range as low–high: '4,320,000,000 CNY'."""
    if value is None:
        return ""
    figure = format_number(value)
    if value_max is not None and value_max != value:
        figure = f"{figure}–{format_number(value_max)}"
    if not unit or unit == "count":
        return figure
    if unit == "%":
        return f"{figure}%"
    zh, en = UNIT_LABELS.get(unit, (unit, ""))
    return f"{figure} {zh}" if not en or zh == en else f"{figure} {zh} ({en})"


def day(moment: str | None) -> str:
    """The date part of an ISO 8601 time, as readers read it: 2023-06-21."""
    return (moment or "")[:10]


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"
