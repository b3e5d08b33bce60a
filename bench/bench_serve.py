"""How fast the site answers at scale (not a test: it prints figures for docs/benchmarks.md).

Usage: uv run python bench/bench_serve.py DB [DB ...] [--processes 1 2] [--clients 16]
       [--seconds 20] [--alone 40] [--without-datasette]

For each claimdesk.db given (reviews.db beside it), serves it with the same `datasette serve`
command `claimdesk serve` runs, on 127.0.0.1, and measures:

1. Each page alone: --alone requests one after another (after three to warm up) to one
   server process pinned to one core (`taskset`, when there is one), the load generator on
   another. p50 and p95 per page: the issue's "p95 under 100 ms on one core". The desk's
   pages are asked as a signed-in editor (a session made in a throw-away accounts file).
2. Under load: --clients concurrent clients (asyncio, one connection each), for --seconds,
   each sending pages from the public MIX in a seeded random order, against 1, then N server
   processes (--processes), clients spread over them round-robin. Requests per second, and
   p50/p95 per page and overall.

Several processes rather than uvicorn workers: `datasette serve` has no workers option, and
N independent Datasette processes on N ports over the same read-only file are what N replicas
behind a load balancer or a CDN are (docs/deploy.md); the clients do the balancing here.
The load generator shares the machine's cores with the servers, so the figures under load are
lower bounds of what the servers could do alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password

from claimdesk.cli.main import datasette_argv
from claimdesk.web.desk.accounts import SECRET_VARIABLE
from claimdesk.web.desk.sessions import SESSIONS_FILE, SessionStore
from claimdesk.web.paging import encode

ROOT = Path(__file__).resolve().parents[1]
BASE_PORT = 8750
WARM_UP = 3
TIMEOUT = 60.0
EDITOR = "bench"
# Two Chinese characters (芯片 also finds 晶片), and a Simplified query over Traditional text.
SEARCHES = ("芯片", "市场规模")


@dataclass(frozen=True)
class Target:
    """A page kind and the addresses that stand for it."""

    name: str
    paths: tuple[str, ...]


def _one(db: sqlite3.Connection, sql: str, *params: object) -> tuple[object, ...]:
    row = db.execute(sql, params).fetchone()
    if row is None:
        raise SystemExit(f"the database has nothing for: {sql}")
    return tuple(row)


def targets(path: Path, seed: int = 1) -> tuple[list[Target], list[Target]]:
    """(the public mix, the desk's pages), with real ids from the database."""
    pick = random.Random(seed)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        articles = int(_one(db, "select count(*) from articles")[0])  # type: ignore[call-overload]
        slugs = [r[0] for r in db.execute("select id from articles")]
        claims = [r[0] for r in db.execute("select id from claims where status != 'dismissed'")]
        ranked = db.execute(
            "select id from sources where attributed > 0 order by checked desc, attributed desc, "
            "id desc"
        ).fetchall()
        deep = _one(
            db,
            "select coalesce(published, ''), id from articles "
            "order by coalesce(published, '') desc, id desc limit 1 offset ?",
            max(0, articles // 2),
        )
        later = _one(
            db,
            "select checked, attributed, id from sources where attributed > 0 "
            "order by checked desc, attributed desc, id desc limit 1 offset ?",
            max(0, len(ranked) // 2),
        )
    finally:
        db.close()
    sources = [ranked[0][0], *(r[0] for r in pick.sample(ranked, min(20, len(ranked))))]
    quote = urllib.parse.quote
    public = [
        Target("/", ("/",)),
        Target("/article/<slug>", tuple(f"/article/{s}" for s in pick.sample(slugs, 50))),
        Target("/claim/<id>", tuple(f"/claim/{c}" for c in pick.sample(claims, 200))),
        Target("/source/<id>", tuple(f"/source/{quote(s, safe='')}" for s in sources)),
        Target("/sources", ("/sources", f"/sources?after={encode(later)}")),
        Target("/progress", ("/progress", f"/progress?after={encode(deep)}")),
        Target("/feed.atom", ("/feed.atom",)),
        *(Target(f"/search?q={q}", (f"/search?q={quote(q)}",)) for q in SEARCHES),
        Target("/claimdesk/claims?_facet=status", ("/claimdesk/claims?_facet=status",)),
    ]
    desk = [
        Target("/desk", ("/desk",)),
        Target("/desk?status=unverified", ("/desk?status=unverified",)),
    ]
    return public, desk


@contextmanager
def servers(db: Path, count: int, secret: str, accounts: Path) -> Iterator[list[str]]:
    """`count` Datasette processes over db on 127.0.0.1, each pinned to a core of its own when
    taskset is there; their base addresses."""
    cores = os.cpu_count() or 1
    env = {**os.environ, SECRET_VARIABLE: secret, "CLAIMDESK_EDITORS": str(accounts)}
    bases, processes = [], []
    try:
        for n in range(count):
            port = BASE_PORT + n
            argv = datasette_argv(
                [db, db.with_name("reviews.db")],
                ROOT / "metadata.yml",
                ROOT / "datasette.yaml",
                "127.0.0.1",
                port,
            )
            if shutil.which("taskset"):
                argv = ["taskset", "-c", str(n % cores), *argv]
            processes.append(
                subprocess.Popen(
                    argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait(base)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _wait(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no server at {base}")


def editor_cookie(secret: str, accounts: Path) -> dict[str, str]:
    """A signed-in editor's cookie, as the sign-in form would set it."""
    accounts.write_text(
        json.dumps({"editors": {EDITOR: {"password_hash": hash_password("x", iterations=1000)}}}),
        encoding="utf-8",
    )
    session = SessionStore(accounts.with_name(SESSIONS_FILE)).create(EDITOR)
    value = Datasette(secret=secret).sign(
        {"a": {"id": EDITOR, "editor": True, "session": session}}, "actor"
    )
    return {"ds_actor": value}


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(timings: dict[str, list[float]], errors: dict[str, int]) -> None:
    width = max(len(name) for name in timings) + 2
    print(f"  {'page':<{width}} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, values in timings.items():
        print(
            f"  {name:<{width}} {len(values):>6} {statistics.median(values):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {errors.get(name, 0):>7}"
        )


async def alone(base: str, pages: list[Target], count: int, cookies: dict[str, str]) -> None:
    """Each page on its own, one request at a time."""
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = defaultdict(int)
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT, cookies=cookies) as client:
        for target in pages:
            timings[target.name] = []
            for n in range(WARM_UP + count):
                path = target.paths[n % len(target.paths)]
                start = time.perf_counter()
                response = await client.get(path)
                took = (time.perf_counter() - start) * 1000
                if response.status_code != 200:
                    errors[target.name] += 1
                if n >= WARM_UP:
                    timings[target.name].append(took)
    report(timings, errors)


async def load(
    bases: list[str], mix: list[Target], clients: int, seconds: float, seed: int
) -> None:
    """`clients` clients sending the mix for `seconds`."""
    timings: dict[str, list[float]] = {t.name: [] for t in mix}
    errors: dict[str, int] = defaultdict(int)
    until = time.monotonic() + seconds

    async def client(number: int) -> None:
        pick = random.Random(seed + number)
        base = bases[number % len(bases)]
        async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT) as http:
            while time.monotonic() < until:
                target = pick.choice(mix)
                start = time.perf_counter()
                try:
                    status = (await http.get(pick.choice(target.paths))).status_code
                except httpx.TimeoutException:
                    status = 0
                timings[target.name].append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors[target.name] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    every = [t for values in timings.values() for t in values]
    print(
        f"  {len(every)} requests in {elapsed:.1f} s: {len(every) / elapsed:.1f} requests/s, "
        f"p50 {statistics.median(every):.1f} ms, p95 {percentile(every, 0.95):.1f} ms, "
        f"errors {sum(errors.values())}"
    )
    report({k: v for k, v in timings.items() if v}, errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("databases", nargs="+", type=Path, help="claimdesk.db files")
    parser.add_argument("--processes", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--alone", type=int, default=40, help="requests per page, one at a time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--without-datasette",
        action="store_true",
        help="leave Datasette's own table page out of the mix under load (it queues apart)",
    )
    args = parser.parse_args()
    secret = secrets.token_hex(16)
    for db in args.databases:
        db = db.resolve()
        with ExitStack() as stack:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            accounts = folder / "editors.json"
            cookies = editor_cookie(secret, accounts)
            public, desk = targets(db, args.seed)
            connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            claims = connection.execute("select count(*) from claims").fetchone()[0]
            connection.close()
            print(f"{db}: {claims} claims, {db.stat().st_size / 2**20:.0f} MiB")
            print(f" each page alone, 1 process on 1 core, {args.alone} requests a page:")
            with servers(db, 1, secret, accounts) as bases:
                # The load generator on the other core, away from the server's.
                if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
                    os.sched_setaffinity(0, {1})
                asyncio.run(alone(bases[0], [*public, *desk], args.alone, cookies))
                os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
            mix = [
                t
                for t in public
                if not (args.without_datasette and t.name.startswith("/claimdesk"))
            ]
            for count in args.processes:
                print(f" {args.clients} clients, {count} process(es), {args.seconds:.0f} s:")
                with servers(db, count, secret, accounts) as bases:
                    asyncio.run(load(bases, mix, args.clients, args.seconds, args.seed))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
