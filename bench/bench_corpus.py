"""Builds of a whole newsroom's corpus (not a test): full, floor, memory, incremental.

Usage: uv run python bench/bench_corpus.py [--sizes 10000,100000,1000000] [--root DIR]
       [--profile 10000,100000] [--seed 1]
       uv run python bench/bench_corpus.py --built PROJECT   (the incremental builds only)

For each size (claims), the corpus is made with bench/corpus.py under ROOT/c<size>/ (kept
and reused when it is there), then, each in a child process whose peak memory (max RSS) is
read with wait4:

- a full build (`build(..., full=True)`), timed, with the seconds spent inserting each
  table's rows (write._insert, wrapped by a timer in the child only);
- the executemany floor: every row of every table it wrote, read back from the built
  databases and inserted with `sqlite3.executemany` into empty databases made with the same
  schema (full-text triggers included), one transaction, timed per table;
- a build with nothing changed, one after 1 changed article (in the middle of the corpus),
  one after the change of the article that states the most-stated quantity first (every
  statement of it is compared again), one after 50 changed articles (a line appended to
  article.txt, which keeps every claim's offsets), each timed inside the
  child (the build call) and as a whole process (start-up and imports included).

With --profile, the full build at those sizes is also run under cProfile, and the cumulative
seconds of the parts of a build are printed (reading and parsing files, deriving, checks,
the search index's terms, replaying reviews, inserting, shared rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_corpus  # noqa: E402

from claimdesk.database.derive import PRIVATE_TABLES, PUBLIC_TABLES  # noqa: E402
from claimdesk.database.facet_counts import TABLE as FACETS_TABLE  # noqa: E402
from claimdesk.database.write import connect, create_private, create_public  # noqa: E402
from claimdesk.files.store import REVIEWS_FILE  # noqa: E402
from claimdesk.review.events import Dismiss, dump_event_line, new_event_id  # noqa: E402

# The child: runs one build and prints what it measured as JSON on its last line.
CHILD = r"""
import json, sys, time
from collections import defaultdict
from pathlib import Path
import claimdesk.database.write as write
from claimdesk.database.build import build

project, mode = Path(sys.argv[1]), sys.argv[2]
inserting = defaultdict(float)
if mode == "full":
    original = write._insert
    def timed(connection, table, rows):
        started = time.perf_counter()
        original(connection, table, rows)
        file = connection.execute("pragma database_list").fetchone()[2]
        name = "reviews.db" if "reviews.db" in Path(file).name else "claimdesk.db"
        inserting[name + ":" + table] += time.perf_counter() - started
    write._insert = timed
started = time.perf_counter()
if mode == "profile":
    import cProfile
    cProfile.run(
        "report = build(project / 'claims', project / 'claimdesk.db', full=True)",
        str(project / "build.prof"),
    )
else:
    report = build(project / "claims", project / "claimdesk.db", full=mode in ("full",))
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds, "counts": report.counts, "problems": len(report.problems),
    "written": len(report.written), "inserting": inserting,
}))
"""

# The parts of a build, by the function that does each (cumulative seconds under cProfile).
PARTS = [
    ("reading files (read_folder)", "store.py", "read_folder"),
    ("YAML parse (located_yaml.parse)", "located_yaml.py", "parse"),
    ("YAML load (located_yaml.load)", "located_yaml.py", "load"),
    ("  claims.yml read and validated (parse_article_file)", "store.py", "parse_article_file"),
    ("deriving rows (derive_article)", "derive.py", "derive_article"),
    ("  checks (check_article)", "article.py", "check_article"),
    ("  search index terms (index_terms)", "search.py", "index_terms"),
    ("  replaying reviews (reviewed_claims)", "reviewed.py", "reviewed_claims"),
    ("writing rows (_replace)", "write.py", "_replace"),
    ("  inserting (_insert)", "write.py", "_insert"),
    ("  comparing with rows present (_delete_all_but)", "write.py", "_delete_all_but"),
    ("shared rows (refresh_shared)", "write.py", "refresh_shared"),
    ("  conflicts across articles (conflict_rows)", "derive.py", "conflict_rows"),
    ("foreign key check", "build.py", "_check_foreign_keys"),
]


def run_child(project: Path, mode: str) -> dict[str, Any]:
    """One build in a child process: its own figures, its wall time and its peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"build ({mode}) failed with status {child.returncode}")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["max_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def tables_of(connection: sqlite3.Connection) -> list[str]:
    """The tables a build writes: not the full-text indexes' own and not claim_facets (their
    triggers fill them), and not the two that the schema's creation fills."""
    virtual = [
        name
        for (name,) in connection.execute(
            "select name from sqlite_master where type = 'table' and sql like 'create virtual%'"
        )
    ]
    names = []
    for (name,) in connection.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
    ):
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        # claim_facets is filled by the triggers on claims, as the full-text indexes are.
        if name not in ("verdict_scale", "claimdesk_build", FACETS_TABLE):
            names.append(name)
    # Parents before children, as the build inserts them (a child inserted first would make
    # SQLite look for it, unindexed, at every parent row).
    order = ["articles", "sources", *PUBLIC_TABLES, *PRIVATE_TABLES]
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def floor(project: Path) -> dict[str, float]:
    """Seconds per table to insert the built rows with executemany, in one transaction per
    database, into empty databases with the same schema."""
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir=project) as scratch:
        for name, create in (("claimdesk.db", create_public), ("reviews.db", create_private)):
            source = sqlite3.connect(project / name)
            target = connect(Path(scratch) / name)
            create(target, project / "claims")
            target.execute("pragma synchronous = off")
            target.execute("begin immediate")
            target.execute("pragma defer_foreign_keys = on")
            for table in tables_of(source):
                cursor = source.execute(f'select * from "{table}"')
                columns = ", ".join(f'"{d[0]}"' for d in cursor.description)
                marks = ", ".join("?" for _ in cursor.description)
                sql = f'insert into "{table}" ({columns}) values ({marks})'
                spent = 0.0
                while rows := cursor.fetchmany(50_000):
                    started = time.perf_counter()
                    target.executemany(sql, rows)
                    spent += time.perf_counter() - started
                seconds[f"{name}:{table}"] = spent
            started = time.perf_counter()
            target.execute("commit")
            seconds[f"{name}:commit"] = time.perf_counter() - started
            source.close()
            target.close()
    return seconds


def change_articles(project: Path, count: int, mark: str, first: bool = False) -> list[str]:
    """Change `count` articles spread over the corpus, the first in the middle of it: a line
    appended to the text (offsets stay valid) and one of its figures dismissed by an editor,
    the one stated by the most articles (it leaves its quantity's statements, so that
    quantity's conflicts are derived again). With `first`, the article that states the
    most-stated quantity first (every statement of it is compared again)."""
    folders = sorted(p for p in (project / "claims").iterdir() if p.is_dir())
    step = max(1, len(folders) // count)
    chosen = (folders[len(folders) // 2 :: step] + folders[: len(folders) // 2 : step])[:count]
    if first:
        connection = sqlite3.connect(project / "claimdesk.db")
        (slug,) = connection.execute(
            "select article_id from check_quantities where quantity = (select quantity from "
            "check_quantities group by quantity order by count(*) desc limit 1) "
            "order by article_id limit 1"
        ).fetchone()
        connection.close()
        chosen = [project / "claims" / slug]
    connection = sqlite3.connect(project / "claimdesk.db")
    for folder in chosen:
        with open(folder / "article.txt", "a", encoding="utf-8") as file:
            file.write(f"\n{mark}\n")
        found = connection.execute(
            "select q.claim_id from check_quantities as q where q.article_id = ? order by "
            "(select count(*) from check_quantities where quantity = q.quantity) desc limit 1",
            [folder.name],
        ).fetchone()
        if found is not None:
            now = dt.datetime.now(dt.UTC)
            dismiss = Dismiss(
                id=new_event_id(now), at=now, claim_id=found[0], editor="bench",
                reason="重複 duplicate", why="not_a_claim",
            )  # fmt: skip
            with open(folder / REVIEWS_FILE, "a", encoding="utf-8") as file:
                file.write(dump_event_line(dismiss) + "\n")
    connection.close()
    return [folder.name for folder in chosen]


def profile_parts(project: Path) -> None:
    import pstats

    stats = pstats.Stats(str(project / "build.prof"))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(row[3] for row in table.values())
    print(f"  profile of the full build: {total:.1f} s under cProfile")
    for label, file, function in PARTS:
        cumulative = sum(
            row[3]
            for (path, _, name), row in table.items()
            if path.endswith(file) and name == function
        )
        print(f"    {label:50s} {cumulative:8.1f} s {100 * cumulative / total:5.1f}%")


def incremental_builds(project: Path) -> None:
    """No-op, 1 changed, the worst case and 50 changed, each in a child process."""
    changed: list[str] = []
    for label, count in (
        ("no-op", 0),
        ("1 changed article", 1),
        ("1 changed article, first to state the most-stated quantity", -1),
        ("50 changed articles", 50),
    ):
        if count:
            mark = f"bench {label} {time.time()}"
            changed = change_articles(project, abs(count), mark, first=count < 0)
        # A stat younger than 2 s is not remembered: let the changed files settle, as
        # between a `git pull` and the build that follows.
        time.sleep(2.5)
        result = run_child(project, "incremental")
        print(
            f"build after {label}: {result['seconds']:.2f} s (process {result['wall']:.2f} s), "
            f"{result['written']} written, peak memory {result['max_rss_mb']:.0f} MB"
            + (f" ({changed[0]})" if count in (1, -1) else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims, comma-separated")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimdesk-corpus",
        help="where corpora go (never inside the repository: they are gigabytes)",
    )
    parser.add_argument("--profile", default="", help="sizes to profile (cProfile)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--built",
        type=Path,
        help="only the incremental builds, on this built project (claims/ and its databases)",
    )
    args = parser.parse_args()
    if args.built:
        incremental_builds(args.built)
        return
    profiled = {int(s) for s in args.profile.split(",") if s}
    for size in (int(s) for s in args.sizes.split(",")):
        project = args.root / f"c{size}"
        if not (project / "claims").is_dir():
            started = time.perf_counter()
            made = make_corpus(project, size, args.seed)
            print(
                f"corpus {project}: {made.articles} articles, {made.claims} claims, "
                f"{made.events} events, made in {time.perf_counter() - started:.1f} s"
            )
        for name in ("claimdesk.db", "reviews.db"):
            for suffix in ("", "-wal", "-shm"):
                (project / (name + suffix)).unlink(missing_ok=True)
        full = run_child(project, "full")
        print(f"\n== {size:,} claims ({full['counts']}) ==")
        print(
            f"full build: {full['seconds']:.1f} s (process {full['wall']:.1f} s), "
            f"peak memory {full['max_rss_mb']:.0f} MB, {full['problems']} problems"
        )
        low = floor(project)
        total_floor = sum(low.values())
        print(
            f"executemany floor: {total_floor:.2f} s in all; build / floor = "
            f"{full['seconds'] / total_floor:.1f}x"
        )
        print(f"  {'table':36s} {'floor s':>8s} {'build inserting s':>18s} {'ratio':>6s}")
        for key, spent in low.items():
            inserting = full["inserting"].get(key, 0.0)
            ratio = f"{inserting / spent:6.1f}" if spent > 0.001 and inserting else "     -"
            print(f"  {key:36s} {spent:8.2f} {inserting:18.2f} {ratio}")
        incremental_builds(project)
        if size in profiled:
            run_child(project, "profile")
            profile_parts(project)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
