"""Score claimdesk's extractor against a folder of hand-annotated gold files and print, per
text and over all of them: claims in gold, claims extracted, found (exact span and overlapping
span), recall, precision, traps caught, and among the found claims the share with the right
value, unit, kind, source and time. How spans match and what counts: bench/gold_score.py.

Usage: uv run python bench/score_gold.py [--dir tests/fixtures/blind] [--misses]

The default folder is the blind set (tests/fixtures/blind/: texts annotated before the
extractor ran on them); `--dir tests/fixtures/articles` scores the regression gold set.
`--misses` also lists, per text, the gold claims not found, the extracted claims not in gold
and the found claims with a wrong field: for whoever works on the extractor's rules, never for
docs (quoting the blind texts there lets rules be tuned to them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_score import FIELDS, Score, combine, field_right, score_text

from claimdesk.extract import extract_claims

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "blind"


def score_folder(folder: Path) -> list[Score]:
    scores = []
    for gold_file in sorted(folder.glob("*.gold.yml")):
        gold: dict[str, Any] = yaml.safe_load(gold_file.read_text("utf-8"))
        text = (folder / gold["article"]).read_text("utf-8")
        extracted = [claim.to_json() for claim in extract_claims(text)]
        name = gold_file.name.removesuffix(".gold.yml")
        scores.append(score_text(name, text, gold["claims"], gold["not_claims"], extracted))
    return scores


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def report(scores: list[Score]) -> str:
    head = (
        f"{'text':<28} {'gold':>4} {'extr':>4} {'exact':>5} {'rec':>4} {'prec':>4} "
        f"{'overl':>5} {'rec':>4} {'prec':>4} {'traps':>5}  "
        + " ".join(f"{name:>6}" for name in FIELDS)
    )
    lines = [head, "-" * len(head)]
    total = combine(scores)
    for score in [*scores, total]:
        if score is total:
            lines.append("-" * len(head))
        lines.append(
            f"{score.name:<28} {score.gold:>4} {score.extracted:>4} {score.exact:>5} "
            f"{_pct(score.recall_exact):>4} {_pct(score.precision_exact):>4} "
            f"{score.overlap:>5} {_pct(score.recall_overlap):>4} "
            f"{_pct(score.precision_overlap):>4} {score.traps:>5}  "
            + " ".join(f"{_pct(score.field_share(name)):>6}" for name in FIELDS)
        )
    lines.append("")
    lines.append(
        "fields (on the overlap matching): "
        + "; ".join(
            f"{name} {total.fields[name].right} of {total.fields[name].total} right"
            for name in FIELDS
        )
    )
    source = total.fields["source"]
    lines.append(
        f"sources wrong: {source.total - source.right} "
        f"(none given where gold has one: {source.missing}; given where gold has none: "
        f"{source.spurious}; a different one: {source.different})"
    )
    return "\n".join(lines)


def misses(scores: list[Score]) -> str:
    lines = []
    for score in scores:
        lines.append(f"\n== {score.name}")
        for claim in score.missed:
            lines.append(f"  missed  {claim['text']!r} @{claim['start']}")
        for claim in score.extra:
            lines.append(f"  extra   {claim['text']!r} @{claim['start']}")
        for want, got in score.pairs:
            for name in FIELDS:
                if not field_right(name, want, got):
                    key = "value_max" if name == "value" else name
                    lines.append(
                        f"  {name:<7} {want['text']!r} @{want['start']}: "
                        f"{got.get(name)!r} (gold {want.get(name)!r})"
                        + (
                            f", {key} {got.get(key)!r} (gold {want.get(key)!r})"
                            if key != name
                            else ""
                        )
                    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of gold files")
    parser.add_argument("--misses", action="store_true", help="list what was missed or wrong")
    args = parser.parse_args()
    scores = score_folder(args.dir)
    print(report(scores))
    if args.misses:
        print(misses(scores))


if __name__ == "__main__":
    main()
