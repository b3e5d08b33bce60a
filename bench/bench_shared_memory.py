"""Peak memory of the queries that derive the shared rows, by page cache size (not a test).

Usage: uv run python bench/bench_shared_memory.py DB CACHE_MB {conflicts,names,counts}

Runs one of refresh_shared's whole-corpus queries (write.py) over a built claimdesk.db, read
only, with `pragma cache_size` at CACHE_MB, and prints its rows and this process's peak
memory (max RSS). SQLite lets a sort hold as much memory as the page cache may: compare 256
(the cache a fresh build inserts with) with 16.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3

from claimdesk.database.write import _FIRST_NAMES, _MEMBERS

QUERIES = {
    "conflicts": f"{_MEMBERS} where q.quantity in (select quantity from check_quantities "
    "group by quantity having count(distinct article_id) > 1) "
    "order by q.quantity, q.article_id, c.position",
    "names": _FIRST_NAMES.format(where="source_id is not null"),
    "counts": "select source_id, status, verdict, count(*) from claims where source_id is not "
    "null and status != 'dismissed' group by source_id, status, verdict",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db")
    parser.add_argument("cache_mb", type=int)
    parser.add_argument("query", choices=sorted(QUERIES))
    args = parser.parse_args()
    connection = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    connection.execute(f"pragma cache_size = -{args.cache_mb * 1024}")
    rows = sum(1 for _ in connection.execute(QUERIES[args.query]))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{args.query}, {args.cache_mb} MB cache: {rows} rows, peak {peak} MB")


if __name__ == "__main__":
    main()
