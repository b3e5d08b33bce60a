"""Where a full build's memory goes, as it goes (not a test: it prints figures for
docs/benchmarks.md).

Usage: uv run python bench/bench_build_memory.py PROJECT [--every 5]

Builds PROJECT/claims into PROJECT/claimdesk.db afresh (`build --full`), in this process, while
a thread samples the process's resident memory (VmRSS) every 0.2 s. Prints, at each --every
percent of the articles and at the end: the resident memory then, the peak so far, and the
Python objects alive (`sys.getallocatedblocks`), so that memory held by Python objects can be
told from SQLite's page caches and sorts; then the peak of the shared rows' phase (sources,
conflicts, totals), which runs after the last article.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

from claimdesk.database.build import build


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.phase_peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            rss = _rss_kb()
            self.peak = max(self.peak, rss)
            self.phase_peak = max(self.phase_peak, rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--every", type=float, default=5.0, help="percent of the articles")
    args = parser.parse_args()
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    next_mark = [args.every]

    def progress(done: int, total: int) -> None:
        if done * 100 >= next_mark[0] * total:
            next_mark[0] += args.every
            print(
                f"{time.perf_counter() - started:8.1f} s  articles {done:>7,}/{total:,}  "
                f"rss {_rss_kb() / 1024:7.0f} MB  peak {sampler.peak / 1024:7.0f} MB  "
                f"python blocks {sys.getallocatedblocks():>11,}",
                flush=True,
            )
            if done == total:
                sampler.phase_peak = 0  # what follows is the shared rows' phase

    report = build(
        args.project / "claims", args.project / "claimdesk.db", full=True, progress=progress
    )
    sampler.stopped.set()
    sampler.join()
    print(
        f"{time.perf_counter() - started:8.1f} s  done: {report.counts}\n"
        f"peak {sampler.peak / 1024:.0f} MB; peak after the last article (shared rows) "
        f"{sampler.phase_peak / 1024:.0f} MB; python blocks {sys.getallocatedblocks():,}"
    )


if __name__ == "__main__":
    main()
