"""Adding a folder of articles (not a test): `claimdesk add FOLDER --jobs N`, one core and two.

Usage: uv run python bench/bench_add.py [--articles 200] [--repeat 3] [--jobs 1,2]

Writes a folder of `--articles` articles into a temporary directory: the repository's own
texts (the seed and tests/fixtures/articles/*.txt) in turn, each copy with its digits redrawn
(seeded) and a line of its own, so no two articles are alike. Then runs the real command, in a
subprocess as an editor would, into a fresh claims/ each time, and prints the best wall time
of `--repeat` runs for each --jobs, seconds per article, and the speed-up over --jobs 1. The
bytes written are compared between the runs: they must be the same.

Then, for the same articles in this process: what writing claims.yml costs with PyYAML's
Python emitter and with libyaml's (store.DUMPERS), per article.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt",
    *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")),
]
COMMAND = [sys.executable, "-c", "from claimdesk.cli import cli; cli()"]


def make_articles(folder: Path, count: int, seed: int = 1) -> None:
    draw = random.Random(seed)
    texts = [path.read_text("utf-8") for path in SOURCES]
    folder.mkdir(parents=True)
    for n in range(count):
        text = re.sub(r"[1-9]", lambda _: str(draw.randint(1, 9)), texts[n % len(texts)])
        (folder / f"article-{n:04d}.txt").write_text(f"{text}\n（第{n}篇）\n", "utf-8")


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def timed_add(inbox: Path, work: Path, jobs: int) -> tuple[float, str]:
    claims, db = work / "claims", work / "claimdesk.db"
    started = time.perf_counter()
    subprocess.run(
        [
            *COMMAND,
            "add",
            str(inbox),
            "--jobs",
            str(jobs),
            "--claims-dir",
            str(claims),
            "--db",
            str(db),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started, tree_digest(claims)


def emitter_costs(claims: Path) -> dict[str, float]:
    """Milliseconds per article to write claims.yml, with each emitter (best of three)."""
    from claimdesk.files.store import DUMPERS, dump_article_file, read_article_file

    articles = [read_article_file(folder) for folder in sorted(claims.iterdir())]
    costs = {}
    for name, dumper in DUMPERS.items():
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for article in articles:
                dump_article_file(article, dumper)
            best = min(best, time.perf_counter() - started)
        costs[name] = best / len(articles) * 1000
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        make_articles(inbox, args.articles)
        print(f"{args.articles} articles, best of {args.repeat}")
        print(f"{'jobs':>4} {'seconds':>8} {'ms/article':>11} {'speed-up':>9}")
        first: float | None = None
        digests = set()
        last_work = Path(tmp)
        for jobs in (int(j) for j in args.jobs.split(",")):
            best = float("inf")
            for attempt in range(args.repeat):
                last_work = Path(tmp) / f"run-{jobs}-{attempt}"
                seconds, digest = timed_add(inbox, last_work, jobs)
                best = min(best, seconds)
                digests.add(digest)
            first = first or best
            print(f"{jobs:4d} {best:8.2f} {best / args.articles * 1000:11.1f} {first / best:8.2f}x")
        print("same bytes every run:", len(digests) == 1)
        costs = emitter_costs(last_work / "claims")
        print(
            "writing claims.yml, ms/article:", ", ".join(f"{k} {v:.1f}" for k, v in costs.items())
        )


if __name__ == "__main__":
    main()
