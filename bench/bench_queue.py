"""`claimdesk queue` from the files and from reviews.db (not a test).

Usage: uv run python bench/bench_queue.py CORPUS [--repeat 3]

CORPUS holds claims/ (a corpus bench/corpus.py made, say) and, once built, claimdesk.db and
reviews.db beside it; the databases are built first if they are not current. Prints, best of
`--repeat`: the whole command as an editor runs it (a subprocess, `--format json`) reading
the files (no current databases given) and reading reviews.db; then, in this process, the
rows alone each way, and the check that the databases are current (`needs_build`) that the
second way starts with. The two outputs are compared: they must be the same.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

COMMAND = [sys.executable, "-c", "from claimdesk.cli import cli; cli()"]


def best(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    seconds, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        seconds = min(seconds, time.perf_counter() - started)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from claimdesk.cli.presenting import queue_rows
    from claimdesk.cli.queue import indexed_queue_rows
    from claimdesk.database.build import build, needs_build

    claims, db = args.corpus / "claims", args.corpus / "claimdesk.db"
    if needs_build(claims, db) is not None:
        build(claims, db)
    count = sum(1 for _ in claims.iterdir())

    def command(db_path: Path) -> bytes:
        options = ["--format", "json", "--claims-dir", str(claims), "--db", str(db_path)]
        return subprocess.run([*COMMAND, "queue", *options], check=True, capture_output=True).stdout

    files_s, from_files = best(args.repeat, lambda: command(args.corpus / "no-such.db"))
    db_s, from_db = best(args.repeat, lambda: command(db))
    rows_files_s, rows = best(args.repeat, lambda: queue_rows(claims, (), ()))
    rows_db_s, _ = best(args.repeat, lambda: indexed_queue_rows(claims, db, (), ()))
    check_s, _ = best(args.repeat, lambda: needs_build(claims, db))
    print(f"{count} articles, {len(rows) if isinstance(rows, list) else '?'} rows in the queue")
    print(f"{'':34} {'files s':>8} {'reviews.db s':>13}")
    print(f"{'claimdesk queue --format json':34} {files_s:8.2f} {db_s:13.2f}")
    print(f"{'the rows alone (in process)':34} {rows_files_s:8.2f} {rows_db_s:13.2f}")
    print(f"{'of which needs_build':34} {'':8} {check_s:13.2f}")
    print("same output:", from_files == from_db)


if __name__ == "__main__":
    main()
