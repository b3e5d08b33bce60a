"""Time `extract_claims` in several checkouts in turn (not a test).

Usage: uv run python bench/compare_extract.py COMMIT [COMMIT ...] [--copies N] [--rounds R]

Each commit's `src/` is exported with `git archive` to a temporary folder. Then, round after
round, each is timed in a fresh process: the best of three `extract_claims` calls on the seed
article repeated N times (default 300), in CPU time. The commits are interleaved within each
round, so the machine's drift falls on all of them alike. Prints each commit's median and best
chars/s over the rounds.

Why: on this machine instruction counts (valgrind) and wall-clock timings disagree. The regex
engine's work weighs more in time than in instructions, and a count on a short text cannot see
a cost that grows faster than the text. Interleaved CPU times of whole checkouts can see both.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"
TIMED = """
import sys, time
from pathlib import Path
from claimdesk.extract import extract_claims
seed = Path(sys.argv[1]).read_text(encoding="utf-8")
text = seed * int(sys.argv[2])
extract_claims(seed)
timings = []
for _ in range(3):
    started = time.process_time()
    extract_claims(text)
    timings.append(time.process_time() - started)
print(len(text) / min(timings))
"""


def export(commit: str, into: Path) -> Path:
    """The commit's src/ in a folder of its own."""
    folder = into / commit
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def rate(src: Path, copies: int) -> float:
    out = subprocess.run(
        [sys.executable, "-c", TIMED, str(SEED), str(copies)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commits", nargs="+")
    parser.add_argument("--copies", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = {commit: export(commit, Path(tmp)) for commit in args.commits}
        rates: dict[str, list[float]] = {commit: [] for commit in args.commits}
        for _ in range(args.rounds):
            for commit, src in sources.items():
                rates[commit].append(rate(src, args.copies))
    for commit, found in rates.items():
        print(
            f"{commit}: median {statistics.median(found):,.0f} chars/s, "
            f"best {max(found):,.0f} ({args.rounds} rounds, seed x{args.copies})"
        )


if __name__ == "__main__":
    main()
