"""The arithmetic of scoring an extractor against hand-annotated gold claims, kept pure (no
file, no extractor) so that tests/test_blind_gold.py can check it on a hand-made example.

A claim on either side is a mapping with the fields of `Claim.to_json()`: `start`, `end`
(Python str offsets), `value`, `value_max`, `unit`, `kind`, `source`, `time`.

How spans match (docs/extraction.md, "How well it does"):
- **exact**: a gold claim is found when an extracted claim has the same start and end.
- **overlap**: a gold claim is found when an extracted claim's span overlaps its span; each
  claim on either side is used at most once, exact pairs first, then the pairs that share the
  most characters (ties: the earlier extracted claim). It forgives span conventions (a
  qualifier or a currency sign in or out of the span), never a figure that is missing.
Recall is found / gold claims; precision is found / extracted claims, so an extracted claim
that matches no gold claim (a trap listed in `not_claims` or any other extra) counts against
it. The fields of found claims are compared on the overlap matching, so that one span
convention does not hide every other field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# The fields whose share of right answers the score reports, in report order.
FIELDS = ("value", "unit", "kind", "source", "time")

Claim = Mapping[str, Any]


@dataclass
class FieldTally:
    """How often one field of the found claims was right; for sources, how it was wrong."""

    right: int = 0
    total: int = 0
    missing: int = 0  # gold has one, the extractor gave none
    spurious: int = 0  # gold has none, the extractor gave one
    different: int = 0  # both have one, and they differ

    def add(self, other: FieldTally) -> None:
        self.right += other.right
        self.total += other.total
        self.missing += other.missing
        self.spurious += other.spurious
        self.different += other.different


@dataclass
class Score:
    """The score of one text, or the sum of several (`combine`)."""

    name: str
    gold: int = 0
    extracted: int = 0
    exact: int = 0  # gold claims found by exact span
    overlap: int = 0  # gold claims found by overlapping span
    traps: int = 0  # extracted claims that overlap a not_claims string
    fields: dict[str, FieldTally] = field(default_factory=lambda: {f: FieldTally() for f in FIELDS})
    # (gold, extracted) pairs of the overlap matching, and what was left over on each side.
    pairs: list[tuple[Claim, Claim]] = field(default_factory=list)
    missed: list[Claim] = field(default_factory=list)
    extra: list[Claim] = field(default_factory=list)

    @property
    def recall_exact(self) -> float | None:
        return _share(self.exact, self.gold)

    @property
    def precision_exact(self) -> float | None:
        return _share(self.exact, self.extracted)

    @property
    def recall_overlap(self) -> float | None:
        return _share(self.overlap, self.gold)

    @property
    def precision_overlap(self) -> float | None:
        return _share(self.overlap, self.extracted)

    def field_share(self, name: str) -> float | None:
        tally = self.fields[name]
        return _share(tally.right, tally.total)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def same_span(a: Claim, b: Claim) -> bool:
    return (a["start"], a["end"]) == (b["start"], b["end"])


def _overlap(a: Claim, b: Claim) -> int:
    return min(int(a["end"]), int(b["end"])) - max(int(a["start"]), int(b["start"]))


def match(gold: Sequence[Claim], extracted: Sequence[Claim]) -> list[tuple[int, int]]:
    """The overlap matching as (gold index, extracted index) pairs, one to one: exact spans
    first, then by characters shared, most first."""
    candidates = []
    for g, want in enumerate(gold):
        for e, got in enumerate(extracted):
            shared = _overlap(want, got)
            if shared > 0:
                candidates.append((not same_span(want, got), -shared, e, g))
    pairs = []
    used_gold: set[int] = set()
    used_extracted: set[int] = set()
    for _, _, e, g in sorted(candidates):
        if g not in used_gold and e not in used_extracted:
            used_gold.add(g)
            used_extracted.add(e)
            pairs.append((g, e))
    return sorted(pairs)


def same_number(a: object, b: object) -> bool:
    """Equal values: both absent, or equal once rounded to 10 significant digits (so that
    4165.4e9 written two ways is one figure)."""
    if a is None or b is None:
        return a is None and b is None
    return _round(Decimal(str(a))) == _round(Decimal(str(b)))


def _round(number: Decimal) -> Decimal:
    return Decimal(f"{number:.10g}")


def same_source(a: object, b: object) -> bool:
    """Sources compare without case or runs of white space: "MINISTRY OF TRADE AND INDUSTRY"
    and "Ministry of Trade and Industry" name one source."""
    if a is None or b is None:
        return a is None and b is None
    return _normal(str(a)) == _normal(str(b))


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def field_right(name: str, want: Claim, got: Claim) -> bool:
    if name == "value":
        return same_number(want.get("value"), got.get("value")) and same_number(
            want.get("value_max"), got.get("value_max")
        )
    if name == "source":
        return same_source(want.get("source"), got.get("source"))
    return want.get(name) == got.get(name)


def trap_spans(text: str, not_claims: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for trap in not_claims:
        at = text.find(trap)
        while at >= 0:
            spans.append((at, at + len(trap)))
            at = text.find(trap, at + 1)
    return spans


def score_text(
    name: str,
    text: str,
    gold: Sequence[Claim],
    not_claims: Iterable[str],
    extracted: Sequence[Claim],
) -> Score:
    score = Score(name, gold=len(gold), extracted=len(extracted))
    pairs = match(gold, extracted)
    score.overlap = len(pairs)
    score.exact = sum(1 for g, e in pairs if same_span(gold[g], extracted[e]))
    traps = trap_spans(text, not_claims)
    score.traps = sum(
        1 for got in extracted if any(s < got["end"] and e > got["start"] for s, e in traps)
    )
    for g, e in pairs:
        want, got = gold[g], extracted[e]
        score.pairs.append((want, got))
        for name_ in FIELDS:
            tally = score.fields[name_]
            tally.total += 1
            if field_right(name_, want, got):
                tally.right += 1
            elif name_ == "source":
                if got.get("source") is None:
                    tally.missing += 1
                elif want.get("source") is None:
                    tally.spurious += 1
                else:
                    tally.different += 1
    matched_gold = {g for g, _ in pairs}
    matched_extracted = {e for _, e in pairs}
    score.missed = [c for i, c in enumerate(gold) if i not in matched_gold]
    score.extra = [c for i, c in enumerate(extracted) if i not in matched_extracted]
    return score


def combine(scores: Iterable[Score], name: str = "all") -> Score:
    """The sum of several texts' scores: shares over all their claims (micro-averaged)."""
    total = Score(name)
    for score in scores:
        total.gold += score.gold
        total.extracted += score.extracted
        total.exact += score.exact
        total.overlap += score.overlap
        total.traps += score.traps
        for name_ in FIELDS:
            total.fields[name_].add(score.fields[name_])
        total.pairs.extend(score.pairs)
        total.missed.extend(score.missed)
        total.extra.extend(score.extra)
    return total
