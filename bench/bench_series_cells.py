"""The desk's series cells at scale: how long a claim page's lookup takes (not a test).

Usage: uv run python bench/bench_series_cells.py [--series 2000] [--periods 300]
       [--releases 3] [--repeat 20]

Builds a scratch claimdesk.db with one article (a claim of 326萬標準箱 in April 2023), then adds
SERIES made-up monthly series, every one in the claim's unit (TEU: the worst case, since the
lookup seeks each series of the unit), each with PERIODS periods in each of RELEASES releases,
their April 2023 values spread over 1 to 6 million (most near the claim's). The rows are
written straight into the public tables: the import and the build are measured elsewhere, this
measures the query a page view makes. Prints the cells, the plan of the first statement, and
the best and median time of `offered_cells` over REPEAT runs.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

ARTICLE = "港口\n\n2023年4月新加坡港口貨櫃吞吐量為326萬標準箱。\n"


def months(count: int) -> list[str]:
    return [f"{2023 - i // 12}-{12 - i % 12:02d}" for i in range(count)]


def fill(connection: sqlite3.Connection, series: int, periods: int, releases: int) -> int:
    rng = random.Random(19)
    names = [f"2023-{5 + r:02d}-15" for r in range(releases)]
    cells = 0
    for number in range(series):
        series_id = f"made-up-{number:05d}"
        connection.execute(
            "insert into series (id, publisher, title_zh, title_en, kind, unit, frequency, "
            "releases, latest_release) values (?, 'bench', '測試', 'bench', 'quantity', 'TEU', "
            "'monthly', ?, ?)",
            [series_id, releases, names[-1]],
        )
        base = rng.uniform(1_000_000, 6_000_000)
        for position, name in enumerate(names, start=1):
            connection.execute(
                "insert into series_releases (series_id, release, position, released, url, "
                "retrieved, sha256, cells, revised) values (?, ?, ?, ?, 'https://example.org/',"
                " '2023-06-01T00:00:00Z', ?, ?, 0)",
                [series_id, name, position, name[:10], "0" * 64, periods],
            )
            connection.executemany(
                "insert into series_cells (series_id, release, period, value, new, revised) "
                "values (?, ?, ?, ?, ?, 0)",
                [
                    (series_id, name, period, round(base * (1 + 0.001 * position)), position == 1)
                    for period in months(periods)
                ],
            )
            cells += periods
    connection.commit()
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=300)
    parser.add_argument("--releases", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from claimdesk.database.build import build
    from claimdesk.database.series_cells import NEAR_SQL, offered_cells
    from claimdesk.files.ingest import add_article

    with tempfile.TemporaryDirectory() as scratch:
        claims, db = Path(scratch) / "claims", Path(scratch) / "claimdesk.db"
        claims.mkdir()
        text = Path(scratch) / "ports.txt"
        text.write_text(ARTICLE, encoding="utf-8")
        add_article(text, claims, slug="ports")
        build(claims, db)
        connection = sqlite3.connect(db)
        cells = fill(connection, args.series, args.periods, args.releases)
        connection.execute("analyze")  # as a served database would have, or not: both fine
        [claim_id] = [row[0] for row in connection.execute("select id from claims")]
        plan = connection.execute(
            f"explain query plan {NEAR_SQL}",
            {
                "unit": "TEU",
                "period": "2023-04",
                "low": 0,
                "high": 1,
                "figure_low": 0,
                "figure_high": 0,
                "limit": 10,
            },
        ).fetchall()
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            offered = offered_cells(connection, claim_id)
            times.append(time.perf_counter() - started)
        print(f"{args.series} series in TEU, {cells:,} cells, {len(offered)} offered")
        print("plan: " + "; ".join(row[3] for row in plan))
        print(f"offered_cells: best {min(times) * 1000:.1f} ms, "
              f"median {statistics.median(times) * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
