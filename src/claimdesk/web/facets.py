"""Datasette's column facet, answered from kept counts where they exist.

On the whole `claims` table (no filter, no search), a facet on one of the columns whose
counts the database keeps (vocabulary.COUNTED_FACETS, table claim_facets) is read from those
rows: a few rows in index order instead of counting every claim. Anything else (another
column, another table, a filtered table) is Datasette's own ColumnFacet, unchanged.

The class replaces Datasette's in the list of facet classes (a pluggy wrapper of
register_facet_classes, in web/__init__.py); registered beside it, both would run and the
page would pay for the count it set out to avoid.
"""

from __future__ import annotations

from typing import Any

from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from claimdesk.database.facet_counts import TABLE
from claimdesk.vocabulary import COUNTED_FACETS

DATABASE = "claimdesk"
COUNTED_TABLE = "claims"

# The rows Datasette's own facet query would give, from the kept counts: the same order (most
# claims first, then by value) and the same limit.
_COUNTED_SQL = (
    f"select value, claims as count from {TABLE} where facet = :facet "
    "order by claims desc, value limit :limit"
)


class CountedColumnFacet(ColumnFacet):  # type: ignore[misc]
    """Datasette's ColumnFacet, reading claim_facets for the whole claims table."""

    def _whole_table(self) -> bool:
        if self.database != DATABASE or self.table != COUNTED_TABLE or self.params:
            return False
        # Datasette's facet SQL is "select <columns> from <table> <where>": with no filter,
        # no search and no _where, it ends at the table's name.
        return str(self.sql).rstrip().endswith(f"from {escape_sqlite(COUNTED_TABLE)}")

    def _counted(self, config: dict[str, Any]) -> bool:
        return (config["config"].get("column") or config["config"]["simple"]) in COUNTED_FACETS

    # While true, Datasette's own facet_results sees only the configs it must count itself.
    _leave_counted = False

    def get_configs(self) -> list[dict[str, Any]]:
        configs: list[dict[str, Any]] = super().get_configs()
        if self._leave_counted:
            return [config for config in configs if not self._counted(config)]
        return configs

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        counted = [c for c in self.get_configs() if self._counted(c)]
        if not counted or not self._whole_table():
            return await super().facet_results()  # type: ignore[no-any-return]
        self._leave_counted = True
        try:
            results, timed_out = await super().facet_results()
        finally:
            self._leave_counted = False
        results.extend([await self._counted_result(config) for config in counted])
        return results, timed_out

    async def _counted_result(self, config: dict[str, Any]) -> dict[str, Any]:
        # The same dictionary ColumnFacet.facet_results builds (datasette/facets.py), from the
        # kept counts: name, toggle URLs, labels of foreign keys, `truncated`.
        column = config["config"].get("column") or config["config"]["simple"]
        size = self.get_facet_size()
        rows = (
            await self.ds.execute(self.database, _COUNTED_SQL, {"facet": column, "limit": size + 1})
        ).rows
        shown = rows[:size]
        labels = await self.ds.expand_foreign_keys(
            self.request.actor, self.database, self.table, column, [row["value"] for row in shown]
        )
        pairs = self.get_querystring_pairs()
        values = []
        for row in shown:
            column_qs = f"{column}__exact" if column.startswith("_") else column
            selected_args = {
                key: str(row["value"])
                for key in (column_qs, f"{column}__exact")
                if (key, str(row["value"])) in pairs
            }
            if selected_args:
                toggle = path_with_removed_args(self.request, selected_args)
            else:
                toggle = path_with_added_args(self.request, {column_qs: row["value"]})
            values.append(
                {
                    "value": row["value"],
                    "label": labels.get((column, row["value"]), row["value"]),
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                    "selected": bool(selected_args),
                }
            )
        return {
            "name": column,
            "type": self.type,
            "hideable": config["source"] != "metadata",
            "toggle_url": self.ds.urls.path(
                path_with_removed_args(self.request, {"_facet": column})
            ),
            "results": values,
            "truncated": len(rows) > size,
        }


def with_counted_facets(classes: list[list[type]]) -> list[list[type]]:
    """Every plugin's facet classes, with Datasette's ColumnFacet replaced by ours."""
    return [[CountedColumnFacet if c is ColumnFacet else c for c in group] for group in classes]
