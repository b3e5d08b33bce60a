"""The parts of a claim page that say what changed and where to share it, in words: a
verdict replaced after publication, a corrected field by its name, the figures an automatic
check relates, and the share links. Pure but for `related_figures`, which reads them."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimdesk.vocabulary import NUMBER_FIELDS
from claimdesk.web.figure_text import figure_text
from claimdesk.web.public.figures import Label, day, verdict_label

# Each field an editor may correct (vocabulary.CORRECTABLE_FIELDS), as a reader names it.
FIELD_LABELS: Mapping[str, Label] = {
    "value": Label("數值", "Value"),
    "value_max": Label("數值上限", "Upper value"),
    "unit": Label("單位", "Unit"),
    "kind": Label("類別", "Kind"),
    "qualifier": Label("限定詞", "Qualifier"),
    "qualifier_meaning": Label("限定詞的意思", "Qualifier's meaning"),
    "time": Label("時間", "Time"),
    "source": Label("來源", "Source"),
    "noun": Label("計算對象", "Counts"),
}


def field_label(field: str) -> Label:
    return FIELD_LABELS.get(field, Label(field, field))


def field_value(field: str, value: str | None, unit: str | None) -> str:
    """A corrected field's value as a reader reads it: a number as a figure."""
    if value is None or value == "":
        return "—"
    if field in NUMBER_FIELDS:
        try:
            number = float(value)
        except ValueError:
            return value
        return figure_text(number, unit)
    return value


@dataclass(frozen=True)
class Update:
    """A verdict that replaced the one first published: when, from what to what, why, and
    who checked and approved the new one."""

    at: str
    day: str
    was: Label
    now: Label
    css_class: str
    reason: str
    verified_by: str
    approved_by: str


def update_of(
    current: Mapping[str, Any] | None, corrections: Sequence[Mapping[str, Any]]
) -> Update | None:
    """The correction that published the current verdict, if it replaced an earlier one."""
    if current is None:
        return None
    for correction in corrections:
        if correction["change"] == "verdict" and correction["id"] == current["id"]:
            return Update(
                at=correction["at"],
                day=day(correction["at"]),
                was=verdict_label(correction["from_value"]),
                now=verdict_label(correction["to_value"]),
                css_class=f"v-{correction['to_value']}",
                reason=correction["reason"],
                verified_by=current["verified_by"],
                approved_by=current["approved_by"],
            )
    return None


RELATED_SQL = """
select id, text, value, value_max, unit
from claims
where id in (select value from json_each(:ids))
"""


async def related_figures(
    db: Any, checks: Sequence[Mapping[str, Any]], claim_id: str
) -> list[dict[str, Any]]:
    """The checks with their related claims as figures (text, figure, path), not ids."""
    ids = sorted({other for check in checks for other in check["related"] if other != claim_id})
    found: dict[str, dict[str, Any]] = {}
    if ids:
        results = await db.execute(RELATED_SQL, {"ids": json.dumps(ids)})
        found = {row["id"]: dict(row) for row in results.rows}
    shown = []
    for check in checks:
        others = [found[other] for other in check["related"] if other in found]
        shown.append({**check, "related_figures": others})
    return shown


@dataclass(frozen=True)
class Share:
    """Where a reader shares the claim: a link each, that works without JavaScript."""

    name: str
    href: str


def share_links(url: str, title: str) -> list[Share]:
    quoted, text = urllib.parse.quote(url, safe=""), urllib.parse.quote(title, safe="")
    return [
        Share("LINE", f"https://social-plugins.line.me/lineit/share?url={quoted}"),
        Share("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quoted}"),
        Share("X", f"https://x.com/intent/post?url={quoted}&text={text}"),
    ]
