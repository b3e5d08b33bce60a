"""Counts of the claims by the columns readers facet on, kept by the database itself.

Datasette's facet (`/claimdesk/claims?_facet=status`) counts every claim on every request: a
GROUP BY over a million index entries, 230-290 ms on this machine, and no index makes SQLite
count faster than one step per entry. The counts over the whole table are kept instead in
`claim_facets`, one row per column and value, and web/facets.py answers the unfiltered
table's facet from them; a filtered table is counted by Datasette as before.

Triggers keep them, not database/derive.py: they are sums over every article, and summing them
again on each desk write would read a row per article (100-300 ms at a million claims), while
a trigger adds or takes one for each claim row the one write path inserts or deletes. So a full
build and a desk write keep them alike, and tests/test_guard.py compares them with a fresh
build's like every other table.
"""

from __future__ import annotations

from claimdesk.vocabulary import COUNTED_FACETS, sql_list

TABLE = "claim_facets"


def _add(row: str, column: str) -> str:
    return (
        f"    INSERT INTO {TABLE} (facet, value, claims) "
        f"SELECT '{column}', {row}.{column}, 1 WHERE {row}.{column} IS NOT NULL\n"
        f"        ON CONFLICT (facet, value) DO UPDATE SET claims = claims + 1;\n"
    )


def _take(row: str, column: str) -> str:
    # The last claim of a value takes its row with it (a fresh build has no row of zero), and
    # the row is never decremented to 0 on the way: `claims > 0` holds throughout.
    match = f"facet = '{column}' AND value = {row}.{column}"
    return (
        f"    DELETE FROM {TABLE} WHERE {match} AND claims = 1;\n"
        f"    UPDATE {TABLE} SET claims = claims - 1 WHERE {match};\n"
    )


def _trigger(name: str, event: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON claims\nBEGIN\n{body}END;\n"


def _schema() -> str:
    adds = "".join(_add("new", column) for column in COUNTED_FACETS)
    takes = "".join(_take("old", column) for column in COUNTED_FACETS)
    return (
        f"CREATE TABLE {TABLE} (\n"
        f"    facet TEXT NOT NULL CHECK (facet IN ({sql_list(COUNTED_FACETS)})),\n"
        "    value TEXT NOT NULL,\n"
        "    claims INTEGER NOT NULL CHECK (claims > 0),\n"
        "    PRIMARY KEY (facet, value)\n"
        ") WITHOUT ROWID;\n"
        # The facet lists the most frequent values first, as Datasette's own query does.
        f"CREATE INDEX {TABLE}_by_count ON {TABLE}(facet, claims DESC, value);\n"
        + _trigger(f"{TABLE}_insert", "INSERT", adds)
        + _trigger(f"{TABLE}_delete", "DELETE", takes)
        # The write path never updates a claim in place; should anything, the counts follow.
        + _trigger(f"{TABLE}_update", "UPDATE", takes + adds)
    )


SCHEMA = _schema()
