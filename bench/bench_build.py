"""Build time against article size (not a test): `claimdesk build` must be linear in it.

Usage: uv run python bench/bench_build.py [--sizes 1,4,16]

For each size in MB, the seed article is repeated to that size, added with `claimdesk add` (in
process), and a full `build` is timed on its own (best of two). Prints seconds, seconds per MB
and the claims built; a linear build has a flat seconds-per-MB column. Then, on the same
databases: a build with nothing changed (incremental), and one desk write (an `assign` through
the one write path, which derives and writes the whole article again).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimdesk.database.build import build
from claimdesk.files.ingest import add_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,4,16", help="article sizes in MB")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    print(
        f"{'MB':>4} {'claims':>8} {'add s':>7} {'build s':>8} {'build s/MB':>11} "
        f"{'no-op build s':>14} {'desk write s':>13}"
    )
    for size in (float(s) for s in args.sizes.split(",")):
        copies = max(1, round(size * 1e6 / len(seed.encode("utf-8"))))
        text = seed * copies
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "big.txt"
            source.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            stored = add_article(source, Path(tmp) / "claims", slug="big")
            added = time.perf_counter() - started
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                build(Path(tmp) / "claims", Path(tmp) / "claimdesk.db", full=True)
                timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            build(Path(tmp) / "claims", Path(tmp) / "claimdesk.db")
            unchanged = time.perf_counter() - started
            desk = desk_write(Path(tmp), stored.claims[0].key)
            megabytes = len(text.encode("utf-8")) / 1e6
            seconds = min(timings)
            print(
                f"{megabytes:4.1f} {len(stored.claims):8d} {added:7.2f} {seconds:8.2f} "
                f"{seconds / megabytes:11.3f} {unchanged:14.2f} {desk:13.3f}"
            )


def desk_write(project: Path, claim_id: str) -> float:
    """One assign, recorded and written through the one write path, as the desk does."""
    from claimdesk.database.write import Databases
    from claimdesk.review.actions import build_event
    from claimdesk.review.record import record

    databases = Databases(project / "claimdesk.db", project / "reviews.db")
    started = time.perf_counter()
    recorded = record(
        project / "claims",
        claim_id,
        lambda item: build_event("assign", item, {}, "amy"),
        databases=databases,
    )
    assert recorded.refreshed
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
