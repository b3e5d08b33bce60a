"""Hostile input: time and output size of the extractor and of `claimdesk extract --format json`
on texts made to be slow (not a test).

Usage: uv run python bench/bench_hostile.py [--only NAME ...] [--article-mb MB]

For each input, prints its length, the claims found, the seconds extract_claims takes, the
seconds the command line's JSON path takes on the same text written to a file (the `extract`
command run in this process, output counted and discarded: reading the file, extract_claims,
claims_json, writing), the bytes of JSON, and JSON bytes per input character. Output that grew
with the square of the input would show as bytes per character in the thousands.
tests/test_hostile_input.py asserts the output bounds on smaller copies of the same inputs.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from claimdesk.cli.main import cli
from claimdesk.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "claims" / "ai-chips-nvidia-biren" / "article.txt"


def inputs(article_mb: float) -> dict[str, Callable[[], str]]:
    """Name: a function making the text (the 50 MB article is only made when it is run)."""

    def article() -> str:
        seed = ARTICLE.read_text(encoding="utf-8")
        copies = math.ceil(article_mb * 1_000_000 / len(seed.encode("utf-8")))
        return seed * copies

    return {
        "200,000 × '1'": lambda: "1" * 200_000,
        "200,000 × '一'": lambda: "一" * 200_000,
        "100,000 × '萬'": lambda: "萬" * 100_000,
        "100,000 × '1,'": lambda: "1," * 100_000,
        "100,000 × '.5'": lambda: ".5" * 100_000,
        "100,000 × '%'": lambda: "%" * 100_000,
        "50,000 × '約超過'": lambda: "約超過" * 50_000,
        f"{article_mb:g} MB article (seed repeated)": article,
        "1,000,000 digits, one line": lambda: "營收為" + "1" * 1_000_000 + "元。\n",
        "1,000,000 × '一'": lambda: "一" * 1_000_000,
        "500,000 × '零1' (one numeral)": lambda: "零1" * 500_000,
        # Found while bounding the above: each was quadratic in time or in output.
        "25,000 × '2021年1元，' (one sentence)": lambda: "2021年1元，" * 25_000,
        "'according to' + 50,000 names": lambda: (
            "according to " + "Abc " * 50_000 + ", " + "1, " * 50_000
        ),
        "'近' + 100,000 digits + '年' + figures": lambda: (
            "近" + "1" * 100_000 + "年，" + "1元，" * 30_000
        ),
        "100,000 blanks before 20,000 years": lambda: "，" + " " * 100_000 + "2021年1元" * 20_000,
        "20,000 × '資料來源：IDC。'": lambda: "營收1元。" + "資料來源：IDC。" * 20_000,
        "100,000 × '1，'": lambda: "1，" * 100_000,
    }


class _Counter(io.RawIOBase):
    """A binary sink that only counts what is written to it."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.count += len(data)
        return len(data)


def run_command(path: Path) -> tuple[float, int]:
    """Seconds and bytes of output of `claimdesk extract PATH --format json`, in-process."""
    counter = _Counter()
    stdout = sys.stdout
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(counter), encoding="utf-8")
    try:
        start = time.perf_counter()
        cli.main(["extract", str(path), "--format", "json"], standalone_mode=False)
        sys.stdout.flush()
        seconds = time.perf_counter() - start
    finally:
        sys.stdout = stdout
    return seconds, counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only inputs whose name holds this")
    parser.add_argument("--article-mb", type=float, default=50)
    args = parser.parse_args()
    print(
        f"{'input':<42}{'chars':>12}{'claims':>9}{'extract s':>11}{'CLI json s':>12}"
        f"{'JSON bytes':>14}{'bytes/char':>12}"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.txt"
        for name, make in inputs(args.article_mb).items():
            if args.only and not any(part in name for part in args.only):
                continue
            text = make()
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            claims = len(extract_claims(text))
            extract_seconds = time.perf_counter() - start
            cli_seconds, size = run_command(path)
            print(
                f"{name:<42}{len(text):>12,}{claims:>9,}{extract_seconds:>11.2f}"
                f"{cli_seconds:>12.2f}{size:>14,}{size / len(text):>12.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
