"""Characters per second for the extractor on the seed article repeated (not a test).

Usage: uv run python bench/bench_extract.py [SEED_FILE] [--copies N] [--rt-python PATH]

Prints, for the seed article × N (default 1000):
- extract_claims (the whole extractor) and find_numbers (the numeral layer);
- extract_claims again on copies whose digits are varied, so that the numeral cache misses as
  it would on a real corpus of different articles;
- a plain re.finditer(r"\\d+") scan, the floor no extractor can beat;
- Microsoft Recognizers-Text's Chinese number model, if a separate venv has it
  (default /tmp/rtvenv: `uv venv /tmp/rtvenv && VIRTUAL_ENV=/tmp/rtvenv uv pip install
  recognizers-text-suite "emoji<1.0"`); it runs in a subprocess with that venv's python on ×100
  copies, because it is slow and must never be a dependency of the project;
- a linearity check: find_numbers seconds per character on ×1000 over ×100 (1.0 is linear).
Each timing is the best of three runs on one core.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from claimdesk.extract import extract_claims, find_numbers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"
RT_SCRIPT = """
import sys, time
from recognizers_number import recognize_number, Culture
text = open(sys.argv[1], encoding="utf-8").read() * int(sys.argv[2])
recognize_number(text[:2000], Culture.Chinese)  # warm up: it compiles its regexes lazily
start = time.perf_counter()
recognize_number(text, Culture.Chinese)
print(len(text) / (time.perf_counter() - start))
"""


def best_seconds(run: Callable[[], object], repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def rate(text: str, run: Callable[[str], object]) -> float:
    return len(text) / best_seconds(lambda: run(text))


def recognizers_rate(seed: Path, copies: int, python: Path) -> float | None:
    if not python.exists():
        return None
    result = subprocess.run(
        [str(python), "-c", RT_SCRIPT, str(seed), str(copies)],
        capture_output=True,
        text=True,
        check=False,
    )
    return float(result.stdout.strip()) if result.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--rt-python", type=Path, default=Path("/tmp/rtvenv/bin/python"))
    args = parser.parse_args()
    article = args.seed.read_text(encoding="utf-8")
    text = article * args.copies
    print(f"seed: {args.seed.name}, {len(article):,} chars × {args.copies} = {len(text):,} chars")

    digits = re.compile(r"\d+")
    show("re.finditer(r'\\d+') floor", rate(text, lambda t: list(digits.finditer(t))))
    show("find_numbers", rate(text, find_numbers))
    show("extract_claims", rate(text, extract_claims))
    show("extract_claims, varied digits", rate(varied(article, args.copies), extract_claims))

    rt_copies = max(1, args.copies // 10)
    rt = recognizers_rate(args.seed, rt_copies, args.rt_python)
    if rt is None:
        print(f"Recognizers-Text: skipped (no working install at {args.rt_python})")
    else:
        show("Recognizers-Text number", rt, f" (×{rt_copies}, in {args.rt_python})")

    small = article * max(1, args.copies // 10)
    per_char_small = best_seconds(lambda: find_numbers(small)) / len(small)
    per_char_large = best_seconds(lambda: find_numbers(text)) / len(text)
    ratio = per_char_large / per_char_small
    copies, fewer = args.copies, args.copies // 10
    print(
        f"linearity: find_numbers seconds/char ×{copies} over ×{fewer} = {ratio:.2f} (1 = linear)"
    )


def varied(article: str, copies: int) -> str:
    """Copies of the article with every digit drawn at random (seeded: the same each run)."""
    rng = random.Random(0)
    return "".join(
        re.sub(r"[0-9]", lambda _: str(rng.randrange(10)), article) for _ in range(copies)
    )


def show(name: str, chars_per_second: float, note: str = "") -> None:
    print(f"{name + ':':<28}{chars_per_second:>14,.0f} chars/s{note}")


if __name__ == "__main__":
    main()
