"""Series import at 100,000 cells (issue 19; not a test): prints seconds, cells/s and peak memory.

Usage: uv run python bench/bench_series_import.py [--cells 1000 100000] [--runs 1]

The table is made in the shape of a real official one: the Hong Kong Immigration Department's
"Statistics on Daily Passenger Traffic" (data.gov.hk), a long CSV with a row per day, control
point and direction (`Date,Control Point,Arrival / Departure,...,Total,`, dates written
15-01-2024). A newsroom imports one series from it with a mapping whose `where` picks the
control point and direction. Two tables are timed:

- one series of N daily cells (every row is the series'): the issue's "a series with 100,000
  cells". No real daily series is 274 years long; this is the stress case, and its cells/s is
  what a long series costs.
- the long table as it is published: N rows, 32 series (16 control points x 2 directions)
  interleaved, N / 32 days each. One import reads the whole table and keeps one series; the
  cron job imports all 32, and the build then publishes N cells in 32 series.

Each step runs the real command in a child process (`claimdesk series import ...`,
`claimdesk build ...`), as the newsroom's cron job does, so each figure includes starting
Python and importing claimdesk (`claimdesk series mappings` is timed as that floor), with
its CPU time (steadier than wall time on a shared machine) and its own peak resident set
(VmHWM, written as it exits). The series part of a build is timed again in this process,
step by step (read, parse and validate, derive, insert), in a transaction rolled back, so
that it is not hidden in the build's fixed costs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from claimdesk.series.importing import import_release, load_mapping
from claimdesk.series.store import load_series_files, read_series_files
from claimdesk.series.tables import derive_series, read_for_build, write_series

# The command run as `claimdesk` runs it, writing at exit its peak resident set (VmHWM, of
# its own memory: ru_maxrss would count this process's, inherited at fork) to a file.
CLAIMDESK = [
    sys.executable,
    "-c",
    "import atexit, sys\n"
    "report = sys.argv.pop(1)\n"
    "def peak():\n"
    "    with open('/proc/self/status') as status, open(report, 'w') as out:\n"
    "        out.write(next(l for l in status if l.startswith('VmHWM:')))\n"
    "atexit.register(peak)\n"
    "sys.argv[0] = 'claimdesk'\n"
    "from claimdesk.cli import cli\n"
    "cli()\n",
]
HEADER = [
    "Date",
    "Control Point",
    "Arrival / Departure",
    "Hong Kong Residents",
    "Mainland Visitors",
    "Other Visitors",
    "Total",
    "",  # the real file ends every line with a comma
]
CONTROL_POINTS = [
    "Airport",
    "Express Rail Link West Kowloon",
    "Hung Hom",
    "Lo Wu",
    "Lok Ma Chau Spur Line",
    "Heung Yuen Wai",
    "Hong Kong-Zhuhai-Macao Bridge",
    "Lok Ma Chau",
    "Man Kam To",
    "Sha Tau Kok",
    "Shenzhen Bay",
    "China Ferry Terminal",
    "Harbour Control",
    "Kai Tak Cruise Terminal",
    "Macau Ferry Terminal",
    "Tuen Mun Ferry Terminal",
]
DIRECTIONS = ["Arrival", "Departure"]
MAPPING = """\
name: immd-airport-arrivals
description: ImmD "Statistics on Daily Passenger Traffic", airport arrivals (bench copy)
format: csv
period:
  column: Date
  style: day_month_year
value:
  column: Total
where:
  Control Point: {point}
  Arrival / Departure: {direction}
url: https://www.immd.gov.hk/opendata/eng/transport/immigration_clearance/statistics_on_daily_passenger_traffic.csv
series:
  id: {series_id}
  publisher: 香港入境事務處 Immigration Department, Hong Kong
  title_zh: 每日旅客出入境人次（{point}，{direction}）
  title_en: Daily passenger traffic ({point}, {direction})
  kind: count
  unit: count
  frequency: daily
"""
FIRST_DAY = dt.date(1752, 9, 14)  # 100,000 days before 2026-06-28
REVISED_SHARE = 0.01


@dataclass
class Step:
    seconds: float
    cpu_seconds: float  # the child's user + system time: steadier on a shared machine
    peak_mb: float
    output: str


def run(*args: str, cwd: Path) -> Step:
    """A claimdesk command in a child process: its wall and CPU time and its peak memory."""
    report = cwd / "peak.txt"
    started = time.perf_counter()
    child = subprocess.Popen(
        [*CLAIMDESK, str(report), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert child.stdout is not None
    output = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"claimdesk {' '.join(args)} failed:\n{output}")
    peak_kb = int(report.read_text().split()[1])  # VmHWM:  123456 kB
    return Step(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, output.strip())


def keep(figures: dict[str, float], name: str, step: Step) -> None:
    """A step's wall time, CPU time and peak memory, under its name."""
    figures[name] = step.seconds
    figures[f"{name} CPU"] = step.cpu_seconds
    figures[f"{name} MB"] = step.peak_mb


def write_table(path: Path, days: int, series: list[tuple[str, str]], seed: int) -> None:
    """A passenger-traffic table: `days` days, a row per day and series, as ImmD writes it."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        for offset in range(days):
            day = (FIRST_DAY + dt.timedelta(days=offset)).strftime("%d-%m-%Y")
            for point, direction in series:
                residents, mainland, other = (rng.randrange(0, 60_000) for _ in range(3))
                total = residents + mainland + other
                writer.writerow([day, point, direction, residents, mainland, other, total, ""])


def revise_table(source: Path, target: Path, share: float, seed: int) -> int:
    """The same table with `share` of its rows' totals revised (a later release); how many."""
    rng = random.Random(seed)
    lines = source.read_bytes().decode("utf-8").split("\r\n")
    rows = range(1, len(lines) - 1)  # the header first, the empty text after the last \r\n
    chosen = rng.sample(rows, round(len(rows) * share))
    for number in chosen:
        fields = lines[number].split(",")
        fields[6] = str(int(fields[6]) + rng.randrange(1, 500))
        lines[number] = ",".join(fields)
    target.write_bytes("\r\n".join(lines).encode("utf-8"))
    return len(chosen)


def write_mapping(path: Path, point: str, direction: str, series_id: str) -> None:
    path.write_text(
        MAPPING.format(point=point, direction=direction, series_id=series_id), encoding="utf-8"
    )


def series_part(project: Path) -> dict[str, float]:
    """The series part of a build, step by step, in this process, on a copy of claimdesk.db
    (rolled back: the database is left as the build wrote it)."""
    claims = project / "claims"
    times: dict[str, float] = {}
    load_series_files(claims, read_series_files(claims)[0])  # imports and caches, once
    started = time.perf_counter()
    found, _ = read_series_files(claims)
    times["read"] = time.perf_counter() - started
    started = time.perf_counter()
    stored, problems = load_series_files(claims, found)
    times["parse+validate"] = time.perf_counter() - started
    assert not problems, problems
    started = time.perf_counter()
    derive_series(stored)
    times["derive"] = time.perf_counter() - started
    connection = sqlite3.connect(project / "claimdesk.db", isolation_level=None)
    try:
        files = read_for_build(claims)
        connection.execute("begin")
        started = time.perf_counter()
        write_series(connection, files, [])
        times["write_series (load+derive+insert)"] = time.perf_counter() - started
        connection.execute("rollback")
        cells = connection.execute("select count(*) from series_cells").fetchone()[0]
        times["# cells"] = cells
    finally:
        connection.close()
    return times


def release_files(project: Path, series_id: str) -> list[str]:
    return sorted(os.listdir(project / "claims" / "series" / series_id / "releases"))


def one_series(cells: int, run_number: int) -> dict[str, float]:
    """One daily series of `cells` cells: import, build, revise 1 %, import again, build,
    the same file once more."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-series-") as tmp:
        project = Path(tmp)
        (project / "claims").mkdir()
        series_id = "hk-airport-arrivals"
        first, second = project / "traffic-1.csv", project / "traffic-2.csv"
        write_table(first, cells, [("Airport", "Arrival")], seed=run_number)
        revised_rows = revise_table(first, second, REVISED_SHARE, seed=run_number)
        mapping = project / "airport-arrivals.yml"
        write_mapping(mapping, "Airport", "Arrival", series_id)
        common = ["--mapping", str(mapping), "--claims-dir", "claims"]
        floor = run("series", "mappings", cwd=project)
        keep(figures, "startup floor (series mappings)", floor)
        imported = run(
            "series", "import", str(first), *common, "--release-date", "2026-06-01",
            "--retrieved", "2026-06-01T09:00:00", cwd=project,
        )  # fmt: skip
        assert f"{cells} cells" in imported.output, imported.output
        keep(figures, "(a) import release 1", imported)
        built = run("build", "--claims-dir", "claims", "--db", "claimdesk.db", cwd=project)
        keep(figures, "(b) build", built)
        for name, seconds in series_part(project).items():
            figures[f"(b) in-process {name}"] = seconds
        again = run(
            "series", "import", str(second), *common, "--release-date", "2026-07-01",
            "--retrieved", "2026-07-01T09:00:00", cwd=project,
        )  # fmt: skip
        assert "release 2026-07-01" in again.output, again.output
        keep(figures, "(c) import release 2 (1% revised)", again)
        rebuilt = run("build", "--claims-dir", "claims", "--db", "claimdesk.db", cwd=project)
        keep(figures, "(c) build", rebuilt)
        with sqlite3.connect(project / "claimdesk.db") as db:
            marked = db.execute(
                "select revised from series_releases where release = '2026-07-01'"
            ).fetchone()[0]
        assert marked == revised_rows, (marked, revised_rows)
        figures["# (c) cells marked revised"] = marked
        before = release_files(project, series_id)
        same = run(
            "series", "import", str(second), *common, "--release-date", "2026-07-02", cwd=project
        )
        assert "nothing added" in same.output, same.output
        assert release_files(project, series_id) == before
        keep(figures, "(d) same file again (adds nothing)", same)
        size = sum(
            (project / "claims" / "series" / series_id / "releases" / name).stat().st_size
            for name in before
        )
        figures["# release files, bytes"] = size
    return figures


def long_table(rows: int, run_number: int) -> dict[str, float]:
    """The long table as published: `rows` rows, 32 series; import one (a child process), the
    other 31 (in this process), then build the 32 (a child process)."""
    figures: dict[str, float] = {}
    series = [(point, direction) for point in CONTROL_POINTS for direction in DIRECTIONS]
    days = rows // len(series)
    with tempfile.TemporaryDirectory(prefix="bench-series-long-") as tmp:
        project = Path(tmp)
        (project / "claims").mkdir()
        table = project / "traffic.csv"
        write_table(table, days, series, seed=run_number)
        for number, (point, direction) in enumerate(series):
            write_mapping(project / f"mapping-{number}.yml", point, direction, f"hk-{number}")
        dates = ["--release-date", "2026-06-01", "--retrieved", "2026-06-01T09:00:00"]
        first = run(
            "series", "import", str(table), "--mapping", str(project / "mapping-0.yml"),
            "--claims-dir", "claims", *dates, cwd=project,
        )  # fmt: skip
        assert f"{days} cells" in first.output, first.output
        keep(figures, "import one series (reads every row)", first)
        # The other 31 in this process (32 child processes would time Python's start).
        started = time.perf_counter()
        for number in range(1, len(series)):
            imported = import_release(
                project / "claims",
                table,
                load_mapping(str(project / f"mapping-{number}.yml")),
                released=dt.date(2026, 6, 1),
            )
            assert imported.cells == days, imported
        figures[f"in-process: import the other {len(series) - 1}"] = time.perf_counter() - started
        built = run("build", "--claims-dir", "claims", "--db", "claimdesk.db", cwd=project)
        keep(figures, f"build ({days * len(series)} cells)", built)
    return figures


def show(title: str, cells: int, runs: list[dict[str, float]], per: str = "cells") -> None:
    """Each figure's range over the runs: seconds (with cells/s), peak MB, or a count (#)."""
    print(f"\n{title}")
    for name in runs[0]:
        values = [figures[name] for figures in runs]
        low, high = min(values), max(values)
        if "#" in name:
            print(f"  {name:52} {low:12,.0f} - {high:,.0f}")
        elif name.endswith("MB"):
            print(f"  {name:52} {low:8.0f} - {high:.0f} MB peak RSS")
        else:
            print(
                f"  {name:52} {low:8.2f} - {high:.2f} s   "
                f"{cells / high:,.0f} - {cells / low:,.0f} {per}/s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-long-table", action="store_true")
    args = parser.parse_args()
    for cells in args.cells:
        show(
            f"one daily series, {cells:,} cells (runs: {args.runs})",
            cells,
            [one_series(cells, run_number) for run_number in range(args.runs)],
        )
        if not args.no_long_table:
            show(
                f"long table, {cells:,} rows, 32 series (runs: {args.runs})",
                cells,
                [long_table(cells, run_number) for run_number in range(args.runs)],
                per="rows",
            )


if __name__ == "__main__":
    main()
