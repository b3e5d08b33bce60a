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
