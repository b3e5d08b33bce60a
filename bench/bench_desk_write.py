"""A desk write on the seed (not a test): the time of one review action through the one write
path, from the request's fields to both databases written, as the desk and the CLI do it.

Usage: uv run python bench/bench_desk_write.py [--runs 50]

Copies claims/ to a temporary folder, builds it, then records alternating assign/unassign
events on one claim of the seed and prints the median and the 90th percentile.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from claimdesk.database.build import build
from claimdesk.database.write import Databases
from claimdesk.review.actions import build_event
from claimdesk.review.events import BaseEvent
from claimdesk.review.record import record
from claimdesk.review.reviewed import ReviewedClaim

ROOT = Path(__file__).resolve().parent.parent
SEED_CLAIM = "c955f2ac2ea"  # 2.8倍, in claims/ai-chips-nvidia-biren


def _event(action: str, item: ReviewedClaim) -> BaseEvent:
    return build_event(action, item, {}, "amy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "claims", project / "claims")
        build(project / "claims", project / "claimdesk.db")
        databases = Databases(project / "claimdesk.db", project / "reviews.db")
        timings = []
        for n in range(args.runs):
            action = "assign" if n % 2 == 0 else "unassign"
            started = time.perf_counter()
            recorded = record(
                project / "claims", SEED_CLAIM, partial(_event, action), databases=databases
            )
            timings.append(time.perf_counter() - started)
            assert recorded.refreshed
    timings.sort()
    median = statistics.median(timings)
    p90 = timings[int(len(timings) * 0.9) - 1]
    print(
        f"desk write on the seed: median {median * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms "
        f"({args.runs} writes)"
    )


if __name__ == "__main__":
    main()
