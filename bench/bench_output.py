"""What `claimdesk extract --format json` costs beyond finding the claims (not a test).

Usage: uv run python bench/bench_output.py [SEED_FILE] [--copies N] [--runs R]

Writes the seed article × N (default 1000) to a temporary file, then times, best of R runs
(default 3):
- extract_claims on its text, in this process: the work the command cannot avoid;
- claims_json on those claims (the command's JSON writer), and the old writer it replaced
  (dataclasses.asdict, then json.dumps(..., indent=2)), for comparison;
- starting Python and importing the command line (`import claimdesk.cli.main`), in a subprocess;
- the command itself, end to end, in a subprocess: `claimdesk extract FILE --format json`
  with its output going to /dev/null; wall time, and the CPU time the process used.
The target: the command takes at most 1.3 times as long as extract_claims in-process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimdesk.claim import Claim, claims_json
from claimdesk.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"
TARGET = 1.3


def best_seconds(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Best wall time and best CPU time of `run` in this process."""
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return min(walls), min(cpus)


def command() -> list[str]:
    """The installed `claimdesk` script beside this Python, or the same entry point by hand."""
    script = Path(sys.executable).with_name("claimdesk")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from claimdesk.cli.main import cli; cli()"]


def run_child(argv: list[str], runs: int) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of `argv`, its output discarded."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def old_json(claims: list[Claim]) -> str:
    """The writer claims_json replaced, kept here to show what it cost."""
    records = []
    for claim in claims:
        record = dataclasses.asdict(claim)
        record["flags"] = list(claim.flags)
        records.append(record)
    return json.dumps({"claims": records}, ensure_ascii=False, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = args.seed.read_text(encoding="utf-8") * args.copies
    runs = args.runs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        claims = extract_claims(text)
        print(
            f"seed: {args.seed.name} × {args.copies} = {len(text):,} chars, "
            f"{len(claims):,} claims, {len(claims_json(claims).encode()):,} bytes of JSON"
        )
        extract_wall, extract_cpu = best_seconds(lambda: extract_claims(text), runs)
        show("extract_claims (in-process)", extract_wall, extract_cpu)
        show("claims_json (in-process)", *best_seconds(lambda: claims_json(claims), runs))
        show("asdict + json.dumps indent=2 (old)", *best_seconds(lambda: old_json(claims), runs))
        show("python + import claimdesk.cli.main", *run_child([sys.executable, "-c", IMPORT], runs))
        argv = [*command(), "extract", str(path), "--format", "json"]
        cli_wall, cli_cpu = run_child(argv, runs)
        show("claimdesk extract --format json", cli_wall, cli_cpu)

    print(f"command: {' '.join(command())} extract FILE --format json > /dev/null")
    for name, ratio in (("wall", cli_wall / extract_wall), ("CPU", cli_cpu / extract_cpu)):
        verdict = "met" if ratio <= TARGET else "NOT met"
        print(
            f"end to end / extract_claims, {name} time: {ratio:.2f} (target ≤ {TARGET}: {verdict})"
        )


IMPORT = "import claimdesk.cli.main, claimdesk.extract"


def show(name: str, wall: float, cpu: float) -> None:
    print(f"{name + ':':<40}{wall:8.3f} s wall {cpu:8.3f} s CPU")


if __name__ == "__main__":
    main()
