"""The parts of a claim page that say what changed and where to share it, in words: a
verdict replaced after publication, a corrected field by its name, the figures an automatic
check relates, and the share links. Pure; CHECKS_WITH_FIGURES_SQL reads the checks with the
figures they relate."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimdesk.database.reading import CLAIM_CHECKS_SQL
from claimdesk.vocabulary import NUMBER_FIELDS
from claimdesk.web.figure_text import figure_text
from claimdesk.web.public.figures import Label, day, verdict_label

# Each field an editor may correct (vocabulary.CORRECTABLE_FIELDS), as a reader names it;
# tests/test_claim_page_reader.py holds the two to the same fields.
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


# The checks that relate a claim (database/reading.py), each with the other claims it relates
# as figures, in the same statement: the claim page stays within its few statements
# (tests/test_public_speed.py).
CHECKS_WITH_FIGURES_SQL = f"""
select checks_of_claim.*, (
    select json_group_array(json_object(
        'id', claims.id, 'text', claims.text, 'value', claims.value,
        'value_max', claims.value_max, 'unit', claims.unit))
    from json_each(checks_of_claim.related) as related
      join claims on claims.id = related.value
    where claims.id != :claim_id
  ) as related_figures
from ({CLAIM_CHECKS_SQL}) as checks_of_claim
order by checks_of_claim.result = 'ok', checks_of_claim.kind, checks_of_claim.id
"""


def checks_with_figures(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows of CHECKS_WITH_FIGURES_SQL, each check's figures in the order it relates them."""
    shown = []
    for row in rows:
        related = json.loads(row["related"])
        figures = {f["id"]: f for f in json.loads(row["related_figures"] or "[]")}
        shown.append(
            {
                **row,
                "related": related,
                "related_figures": [figures[i] for i in related if i in figures],
            }
        )
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
