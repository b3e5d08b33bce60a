"""A digest of everything the extractor outputs on every text in the repository (not a test).

Usage: uv run python bench/extract_fingerprint.py [--each]

A speed change to src/claimdesk/extract/ must leave the output byte for byte as it was: run this
before and after, and the last line (the digest of all) must not change. `--each` prints a
digest per group of texts, to find which one moved; it never prints the claims themselves (the
blind texts are run only to compare digests, never read).

Texts: claims/*/article.txt, every tests/fixtures/**/*.txt (gold, blind, checks), and, made from
each of them, three copies with their digits drawn at random (seeded, as bench_extract.py's
varied copies are, so the numeral caches miss), one with its lines in reverse order, and one
three times over; then small copies of bench_hostile.py's inputs. Each is extracted with the
currency inferred and with currency="TWD". Per claim the digest takes `claims_json` (what
`claimdesk extract --format json` prints) and the repr of every field with its type (so an int
that became a float, or a list that became a tuple, shows); find_numbers' output is digested
too.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from pathlib import Path

from claimdesk.claim import claims_json
from claimdesk.extract import extract_claims, find_numbers

ROOT = Path(__file__).resolve().parent.parent


def texts() -> dict[str, list[str]]:
    """Group name: texts, in a fixed order."""
    files = sorted(ROOT.glob("claims/*/article.txt")) + sorted(ROOT.glob("tests/fixtures/**/*.txt"))
    rng = random.Random(0)
    groups: dict[str, list[str]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        variants = [text]
        for _ in range(3):
            variants.append(re.sub(r"[0-9]", lambda _: str(rng.randrange(10)), text))
        variants.append("\n".join(reversed(text.split("\n"))))
        variants.append(text * 3)
        groups[str(path.relative_to(ROOT))] = variants
    groups["hostile"] = [
        "1" * 2000,
        "一" * 2000,
        "萬" * 1000,
        "1," * 1000,
        ".5" * 1000,
        "%" * 1000,
        "約超過" * 500,
        "營收為" + "1" * 10_000 + "元。\n",
        "零1" * 5000,
        "2021年1元，" * 250,
        "according to " + "Abc " * 500 + ", " + "1, " * 500,
        "近" + "1" * 1000 + "年，" + "1元，" * 300,
        "，" + " " * 1000 + "2021年1元" * 200,
        "營收1元。" + "資料來源：IDC。" * 200,
        "1，" * 1000,
    ]
    return groups


def digest_of(text: str) -> bytes:
    h = hashlib.sha256()
    for currency in (None, "TWD"):
        claims = extract_claims(text, currency=currency)
        h.update(claims_json(claims).encode())
        for c in claims:
            fields = [(k, type(v).__name__, v) for k, v in c.__dict__.items()]
            h.update(repr((fields, sorted(c.model_fields_set))).encode())
    h.update(repr(find_numbers(text)).encode())
    return h.digest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="a digest per group of texts")
    args = parser.parse_args()
    everything = hashlib.sha256()
    count = 0
    for name, group in texts().items():
        h = hashlib.sha256()
        for text in group:
            h.update(digest_of(text))
            count += 1
        everything.update(h.digest())
        if args.each:
            print(f"{h.hexdigest()[:16]}  {name}")
    print(f"{everything.hexdigest()}  all {count} texts")


if __name__ == "__main__":
    main()
