"""Every closed set of words claimdesk knows, defined once.

The SQL `CHECK` lists (database/schema.sql is a template filled from here), the command line's
choices, the web routes' patterns and the desk's form options are all made from these tuples,
so that no two places can disagree about which kinds, statuses, verdicts or fields exist.
Each `Literal` type and its tuple are written side by side; tests/test_vocabulary.py checks
that they hold the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, get_args

# --- claims --------------------------------------------------------------------------------

# A score (3比1, won 3-1, 101-98) is one claim with no value: its two numbers are one result.
Kind = Literal["money", "percent", "ratio", "quantity", "count", "date", "duration", "score"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# plus_minus: 正負3個百分點, ±3 percentage points. The figure is a margin either way of another
# figure (a poll's error), not an approximate value of its own nor a bound on one side.
QualifierMeaning = Literal["approximate", "lower_bound", "upper_bound", "emphasis", "plus_minus"]
QUALIFIER_MEANINGS: tuple[QualifierMeaning, ...] = get_args(QualifierMeaning)

# Flags an editor should see next to a claim.
Flag = Literal["malformed", "outside_body", "relative_time", "ambiguous_increase"]
FLAGS: tuple[Flag, ...] = get_args(Flag)

Language = Literal["zh-Hant", "zh-Hans", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

# The fields of a claim an editor may correct. A qualifier and its meaning go together, so a
# correction of `qualifier` carries the meaning as well (see review/events.py, Correct).
CorrectableField = Literal[
    "value", "value_max", "unit", "kind", "qualifier", "qualifier_meaning", "time", "source", "noun"
]
CORRECTABLE_FIELDS: tuple[CorrectableField, ...] = get_args(CorrectableField)
NUMBER_FIELDS: tuple[CorrectableField, ...] = ("value", "value_max")

# --- review --------------------------------------------------------------------------------

# Where a claim is in the review workflow, as editors see it.
Status = Literal["unverified", "in_progress", "needs_review", "published", "dismissed", "retracted"]
STATUSES: tuple[Status, ...] = get_args(Status)
# The statuses of claims that still need an editor.
NEEDS_WORK: tuple[Status, ...] = ("unverified", "in_progress", "needs_review")

# What the public may know: work in progress shows as unverified.
PublicStatus = Literal["unverified", "published", "dismissed", "retracted"]
PUBLIC_STATUSES: tuple[PublicStatus, ...] = get_args(PublicStatus)
# The statuses whose claims the public pages show in the article.
SHOWN_STATUSES: tuple[PublicStatus, ...] = ("unverified", "published")

# The verdict scale's names; review/verdicts.py gives each its labels and rating.
VerdictName = Literal[
    "correct",
    "mostly_correct",
    "misleading",
    "incorrect",
    "unsupported",
    "outdated",
    "attributed_correctly",
]
VERDICT_NAMES: tuple[VerdictName, ...] = get_args(VerdictName)

EventType = Literal[
    "assign", "unassign", "verify", "approve", "send_back", "correct", "dismiss", "restore", "add"
]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

# What an editor can do to a claim from the command line or a desk form (adding a claim is
# its own form: it acts on an article, not on a claim).
Action = Literal[
    "assign", "unassign", "verify", "approve", "send_back", "correct", "dismiss", "restore"
]
ACTIONS: tuple[Action, ...] = get_args(Action)

DismissalReason = Literal["not_a_claim", "duplicate"]
DISMISSAL_REASONS: tuple[DismissalReason, ...] = get_args(DismissalReason)

# --- checks ------------------------------------------------------------------------------

# The automatic checks (checks/): what each checks, and what it can find.
CheckKind = Literal[
    "multiple",  # a stated multiple (2.8倍) against the two figures it relates
    "growth_rate",  # a stated rate of change (17.1%) against the base and the new value
    "change",  # a stated change (增加0.84兆元) against the two figures it relates
    "percentage_points",  # a change in percentage points against the two rates
    "shares_total",  # shares of one whole (85% and the remaining 15%) add up to 100%
    "part_whole",  # parts (分別為…) against their stated total (合計…)
    "derived",  # a figure computed from another (按全年兩倍計算)
    "same_quantity",  # one quantity stated twice in one article
    "conflict",  # one quantity stated differently in two articles
    "share_over_100",  # a share above 100%
    "decrease_over_100",  # a fall of more than 100% in what cannot go below zero
    "negative_count",  # a count below zero
    "excess_precision",  # a percentage to more decimals than any source publishes
]
CHECK_KINDS: tuple[CheckKind, ...] = get_args(CheckKind)

# ok: the relation holds within rounding. warning: for an editor to look at (an implausible
# figure, a figure that holds only when read differently from its wording, a conflict).
# inconsistent: the figures the text relates cannot all be right.
Result = Literal["ok", "warning", "inconsistent"]
RESULTS: tuple[Result, ...] = get_args(Result)

# --- Datasette's facets ----------------------------------------------------------------------

# The columns of `claims` whose counts the database keeps (table claim_facets, kept by triggers:
# database/facet_counts.py), so that Datasette's facet on the whole table reads a few rows
# instead of counting a million claims (web/facets.py). A facet on any other column is counted
# by Datasette as usual, within facet_time_limit_ms.
CountedFacet = Literal["status", "verdict", "kind", "unit", "qualifier_meaning", "source_id"]
COUNTED_FACETS: tuple[CountedFacet, ...] = get_args(CountedFacet)

# --- reference series (claims/series/, series/) ---------------------------------------------

# How often a series has a value; each has its period's form (series/periods.py): 2024,
# 2024-01/2024-03 (a quarter, as a claim's time writes it), 2024-01, 2024-01-15.
Frequency = Literal["annual", "quarterly", "monthly", "daily"]
FREQUENCIES: tuple[Frequency, ...] = get_args(Frequency)
FREQUENCY_LABELS: dict[Frequency, tuple[str, str]] = {
    "annual": ("年", "Annual"),
    "quarterly": ("季", "Quarterly"),
    "monthly": ("月", "Monthly"),
    "daily": ("日", "Daily"),
}

# --- identifiers ---------------------------------------------------------------------------

# A claim id is `c` and 16 hex digits (64 bits: a collision among a million claims is a
# chance in tens of millions, and `add` re-mints one that collides anyway). Ids minted before
# had 10 hex digits; they stay valid, so no review ever loses its claim.
CLAIM_ID_HEX = 16
CLAIM_ID_OLD_HEX = 10
CLAIM_ID = rf"c[0-9a-f]{{{CLAIM_ID_OLD_HEX}}}(?:[0-9a-f]{{{CLAIM_ID_HEX - CLAIM_ID_OLD_HEX}}})?"
CLAIM_ID_PATTERN = rf"^{CLAIM_ID}$"
SLUG = r"[a-z0-9][a-z0-9-]*"
SLUG_PATTERN = rf"^{SLUG}$"
# A series' release: its release date, with -2, -3 for a second or third the same day.
RELEASE_PATTERN = r"^\d{4}-\d{2}-\d{2}(-[1-9][0-9]*)?$"
# RFC 9562 UUIDv7 as text: version nibble 7, variant bits 10.
EVENT_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

_CLAIM_ID_RE = re.compile(CLAIM_ID)


def is_claim_id(text: str) -> bool:
    return _CLAIM_ID_RE.fullmatch(text) is not None


def sql_list(words: Iterable[str]) -> str:
    """`'a', 'b'`: the words as an SQL list, for a CHECK (... IN (...)) or a WHERE."""
    return ", ".join("'" + word.replace("'", "''") + "'" for word in words)


def sql_claim_id_check(column: str) -> str:
    """The CHECK that a column holds a claim id, as CLAIM_ID says (SQLite has no regex)."""
    return (
        f"(length({column}) IN ({CLAIM_ID_OLD_HEX + 1}, {CLAIM_ID_HEX + 1}) "
        f"AND {column} GLOB 'c*' AND substr({column}, 2) NOT GLOB '*[^0-9a-f]*')"
    )


def sql_slug_check(column: str) -> str:
    return f"({column} GLOB '[a-z0-9]*' AND {column} NOT GLOB '*[^a-z0-9-]*')"


def sql_words() -> dict[str, str]:
    """What database/*.sql templates may name: `$kinds`, `$statuses`, ..."""
    return {
        "kinds": sql_list(KINDS),
        "qualifier_meanings": sql_list(QUALIFIER_MEANINGS),
        "languages": sql_list(LANGUAGES),
        "statuses": sql_list(STATUSES),
        "public_statuses": sql_list(PUBLIC_STATUSES),
        "event_types": sql_list(EVENT_TYPES),
        "check_kinds": sql_list(CHECK_KINDS),
        "check_results": sql_list(RESULTS),
        "counted_facets": sql_list(COUNTED_FACETS),
        "frequencies": sql_list(FREQUENCIES),
        "claim_id_check": sql_claim_id_check("id"),
        "article_id_check": sql_slug_check("id"),
    }


# --- readers' reports (private: reports.db, never claimdesk.db or git) ----------------------

# `r` and 16 hex digits, random: a report id names nothing about the reader or the time. It may
# be written in git (a correct event's report_id), the report itself never is.
REPORT_ID = r"r[0-9a-f]{16}"
REPORT_ID_PATTERN = rf"^{REPORT_ID}$"
# What an editor does with a report on the desk; each is one row of report_steps.
ReportStep = Literal["link", "answer", "close", "reopen"]
REPORT_STEPS: tuple[ReportStep, ...] = get_args(ReportStep)
ReportStatus = Literal["open", "closed"]
REPORT_STATUSES: tuple[ReportStatus, ...] = get_args(ReportStatus)

# --- the desk's labels (issue 17, item 10) ---------------------------------------------------
# What an editor reads for each word above: Traditional Chinese first, then English, as on the
# public pages. tests/test_desk_verify_form.py checks that every word has its label.

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    "unverified": ("尚未查核", "Not yet checked"),
    "in_progress": ("查核中", "In progress"),
    "needs_review": ("待核准", "Waiting for approval"),
    "published": ("已發布", "Published"),
    "dismissed": ("已排除", "Dismissed"),
    "retracted": ("已自文章刪除", "No longer in the article"),
}
FLAG_LABELS: dict[Flag, tuple[str, str]] = {
    "malformed": ("數字寫法有誤", "Malformed figure"),
    "outside_body": ("不在正文內", "Outside the article body"),
    "relative_time": ("相對時間", "Relative time"),
    "ambiguous_increase": ("增幅語意不明", "Ambiguous increase"),
}
EVENT_LABELS: dict[EventType, tuple[str, str]] = {
    "assign": ("認領", "Assigned"),
    "unassign": ("釋出", "Unassigned"),
    "verify": ("送出查核", "Verified"),
    "approve": ("核准發布", "Approved"),
    "send_back": ("退回", "Sent back"),
    "correct": ("更正擷取", "Corrected"),
    "dismiss": ("排除", "Dismissed"),
    "restore": ("恢復", "Restored"),
    "add": ("新增", "Added"),
}
FIELD_LABELS: dict[CorrectableField, tuple[str, str]] = {
    "value": ("數值", "Value"),
    "value_max": ("數值上限", "Upper value"),
    "unit": ("單位", "Unit"),
    "kind": ("類別", "Kind"),
    "qualifier": ("限定詞", "Qualifier"),
    "qualifier_meaning": ("限定詞含義", "Qualifier meaning"),
    "time": ("時間", "Time"),
    "source": ("來源", "Source"),
    "noun": ("名詞", "Noun"),
}
KIND_LABELS: dict[Kind, tuple[str, str]] = {
    "money": ("金額", "Money"),
    "percent": ("百分比", "Percent"),
    "ratio": ("比率", "Ratio"),
    "quantity": ("數量", "Quantity"),
    "count": ("計數", "Count"),
    "date": ("日期", "Date"),
    "duration": ("期間", "Duration"),
    "score": ("比分", "Score"),
}
RESULT_LABELS: dict[Result, tuple[str, str]] = {
    "ok": ("相符", "Holds"),
    "warning": ("請留意", "Warning"),
    "inconsistent": ("互相矛盾", "Inconsistent"),
}
