"""The queue from reviews.db's claim_states, when the databases are current with claims/.

The build already replayed every article's events into claim_states (one row per claim, with
what the queue shows), so reading it costs one query where reading the files costs parsing
every article's claims.yml and replaying every log. The rows are the ones
`presenting.queue_rows` makes from the files, in the same order; the tests compare both.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimdesk.vocabulary import NEEDS_WORK

COLUMNS = (
    "claim_id, status, assignee, article_id, article_published, text, sentence, source, "
    "flags, last_event_id, start"
)


def indexed_queue_rows(
    claims_dir: Path, db_path: Path, articles: Sequence[str], statuses: Sequence[str]
) -> list[dict[str, Any]] | None:
    """The queue's rows from reviews.db, or None when only the files can tell (no current
    databases, or a claim no longer in its article's text is among the rows)."""
    from claimdesk.database.build import needs_build, reviews_db_beside

    private = reviews_db_beside(db_path)
    if needs_build(claims_dir, db_path, private) is not None:
        return None
    wanted = list(statuses or NEEDS_WORK)
    sql = f"select {COLUMNS} from claim_states where status in ({_marks(wanted)})"
    if articles:
        sql += f" and article_id in ({_marks(articles)})"
    # Oldest article first, then as the article orders its claims (`position`), which is
    # the order of the text for every claim still in it.
    sql += " order by article_published is null, article_published, article_id, position"
    try:
        connection = sqlite3.connect(f"file:{private}?mode=ro", uri=True)
        try:
            found = connection.execute(sql, [*wanted, *articles]).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    rows = []
    for (
        claim_id,
        status,
        assignee,
        slug,
        published,
        text,
        sentence,
        source,
        flags,
        last,
        start,
    ) in found:
        if start is None:
            # Retracted: the files order it by where it was in an older text, which
            # claim_states does not keep.
            return None
        flag_list = json.loads(flags)
        if not statuses and "outside_body" in flag_list:
            continue
        rows.append(
            {
                "claim_id": claim_id,
                "status": status,
                "assignee": assignee,
                "article": slug,
                "published": published,
                "text": text,
                "sentence": sentence,
                "source": source,
                "flags": flag_list,
                "last_event_id": last,
            }
        )
    return rows


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" for _ in values)


# `claimdesk queue --revised`: the claims whose source a later release revised
# (database/revisions.py), with both values side by side.
REVISED_COLUMNS = (
    "claim_id", "article", "text", "series", "period", "rests_on", "revised", "suggested",
)  # fmt: skip


def revised_rows(claims_dir: Path, db_path: Path) -> list[dict[str, Any]]:
    """The source_revisions rows, newest revision first; an error when claimdesk.db is not
    up to date with claims/ (only a build derives them from the series files)."""
    from claimdesk.database.build import needs_build
    from claimdesk.database.revisions import REVISED_SQL
    from claimdesk.errors import ClaimdeskError

    why = needs_build(claims_dir, db_path)
    if why is not None:
        raise ClaimdeskError(
            f"{db_path}: 資料庫未更新（{why}），請先執行 claimdesk build · the databases are not "
            f"up to date ({why}): run `claimdesk build` first"
        )
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        found = connection.execute(REVISED_SQL.format(where="1")).fetchall()
    finally:
        connection.close()
    keep = (
        "claim_id", "article_id", "text", "series_id", "period", "rested_release",
        "rested_value", "revised_release", "revised_on", "revised_value", "unit",
        "suggested_before", "suggested_after", "within_before", "within_after", "verdict",
    )  # fmt: skip
    return [{name: row[name] for name in keep} for row in found]


def revised_table(rows: Sequence[dict[str, Any]]) -> str:
    from claimdesk.cli.presenting import render_table

    body = [
        [
            row["claim_id"],
            row["article_id"],
            row["text"],
            row["series_id"],
            row["period"],
            f"{row['rested_release']}: {_number(row['rested_value'])} {row['unit']}",
            f"{row['revised_on']}: {_number(row['revised_value'])} {row['unit']}",
            f"{row['suggested_before'] or '-'} -> {row['suggested_after'] or '-'}",
        ]
        for row in rows
    ]
    return render_table(REVISED_COLUMNS, body) if body else "no claim's source was revised"


def _number(value: float | int) -> str:
    return f"{value:,}"
