"""The public claim page's latency while anonymous visitors run the most expensive requests they
are allowed (not a test; tests/test_visitor_limits.py asserts the behaviour).

Usage: uv run python bench/bench_visitors.py --base http://127.0.0.1:8123 [--clients 30]
       [--seconds 20]

Against a `claimdesk serve` already running on 127.0.0.1 (nothing else is accepted). First
times the claim page alone, then with --clients anonymous visitors each sending, in turn, the
costliest requests of HEAVY (arbitrary SQL, which the server may refuse, a streamed CSV of every
claim, faceted tables, the canned queries) for --seconds at most and MAX_REQUESTS each. Prints
the claim page's p50/p95/max and the statuses the visitors got.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

import httpx

# The slowest SQL the issue found (one 9 s VM step), and a loop Datasette's time limit cuts off.
HEAVY = (
    "/claimdesk/-/query.json?sql=select length(printf('%.*c', 2147483647, 'x'))",
    "/claimdesk/-/query.json?sql=with recursive n(i) as (select 1 union all select i %2B 1 "
    "from n) select count(*) from n",
    "/claimdesk/claims.csv?_stream=1",
    "/claimdesk/claims?_facet=status&_facet=verdict&_facet=kind&_facet=unit&_facet=source_id",
    "/claimdesk/articles?_facet=language&_facet=publisher",
    "/claimdesk/published_verdicts.json?_size=max",
    "/claimdesk/correction_log.csv?_stream=1",
)
MAX_REQUESTS = 200
CLAIM_TIMEOUT = 30.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def claim_timings(page: str, until: float, limit: int) -> tuple[list[float], Counter[int]]:
    timings: list[float] = []
    statuses: Counter[int] = Counter()
    with httpx.Client(timeout=CLAIM_TIMEOUT) as client:
        while time.monotonic() < until and len(timings) < limit:
            start = time.perf_counter()
            try:
                statuses[client.get(page).status_code] += 1
            except httpx.TimeoutException:
                statuses[0] += 1  # counted at CLAIM_TIMEOUT: the true figure is higher
            timings.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
    return timings, statuses


def visitor(base: str, until: float, statuses: Counter[int], lock: threading.Lock) -> None:
    with httpx.Client(timeout=30) as client:
        for number in range(MAX_REQUESTS):
            if time.monotonic() >= until:
                return
            try:
                status = client.get(base + HEAVY[number % len(HEAVY)]).status_code
            except httpx.TimeoutException:
                status = 0
            with lock:
                statuses[status] += 1


def report(label: str, timings: list[float], statuses: Counter[int]) -> None:
    print(
        f"{label}: {len(timings)} claim pages, p50 {statistics.median(timings):.0f} ms, "
        f"p95 {percentile(timings, 0.95):.0f} ms, max {max(timings):.0f} ms, "
        f"statuses (0 = timed out) {dict(statuses)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20)
    options = parser.parse_args()
    if urlsplit(options.base).hostname != "127.0.0.1":
        parser.error("--base must be a server on 127.0.0.1")
    base = options.base.rstrip("/")
    claims = httpx.get(f"{base}/claimdesk/claims.json?_shape=array&_size=1", timeout=30).json()
    page = f"{base}/claim/{claims[0]['id']}"

    quiet, quiet_statuses = claim_timings(page, time.monotonic() + 5, 100)
    report("alone", quiet, quiet_statuses)

    until = time.monotonic() + options.seconds
    visitor_statuses: Counter[int] = Counter()
    lock = threading.Lock()
    visitors = [
        threading.Thread(target=visitor, args=(base, until, visitor_statuses, lock))
        for _ in range(options.clients)
    ]
    for thread in visitors:
        thread.start()
    time.sleep(1)  # let every visitor have a request in flight
    loaded, loaded_statuses = claim_timings(page, until, 1000)
    for thread in visitors:
        thread.join(timeout=options.seconds + 60)
    report(f"with {options.clients} visitors", loaded, loaded_statuses)
    print(f"visitors' statuses (0 = timed out): {dict(visitor_statuses)}")


if __name__ == "__main__":
    main()
