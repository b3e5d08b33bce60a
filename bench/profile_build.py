"""Where an incremental build's time goes (not a test): change articles, then build under cProfile.

Usage: uv run python bench/profile_build.py PROJECT [--change N] [--first] [--top 30]

PROJECT holds claims/ (a folder or a symlink to one) and the databases built from it (for
example a corpus from bench/corpus.py, built once). The articles are changed as
bench_corpus.py changes them (a line appended, the most-stated figure dismissed); with
--first, the article that states the most-stated quantity first. Then the stat index is
given time to trust the files (as between a `git pull` and the build after it), and the
build runs under cProfile; the cumulative top of the profile is printed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import change_articles

from claimdesk.database.build import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("--change", type=int, default=1, help="articles to change (0: none)")
    parser.add_argument("--first", action="store_true", help="the first to state the most-stated")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    changed: list[str] = []
    if args.change:
        changed = change_articles(args.project, args.change, f"profile {time.time()}", args.first)
    time.sleep(2.5)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    report = build(args.project / "claims", args.project / "claimdesk.db")
    profile.disable()
    seconds = time.perf_counter() - started
    print(f"changed {changed[:3]}{'...' if len(changed) > 3 else ''}: build {seconds:.2f} s "
          f"under cProfile, {len(report.written)} written")  # fmt: skip
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
