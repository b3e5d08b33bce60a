"""What the checks read: each claim's figure, where it stands in its article, and what it covers.

A `Figure` is built from a claim in claims/ (with editors' corrections applied, as the public
sees it) or straight from the extractor's output, so that the same checks run at build time,
from `claimdesk check` and in tests on any text.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from claimdesk.extract.types import ExtractedClaim, Kind, QualifierMeaning, Value
from claimdesk.files.models import Claim
from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, tolerance_interval, written_precision


@dataclass(frozen=True, slots=True)
class Figure:
    """One claim's figure as the checks see it. `start` and `end` index the article's text."""

    claim_id: str
    start: int
    end: int
    text: str
    value: Value | None
    unit: str | None
    kind: Kind
    sentence: str
    value_max: Value | None = None
    qualifier: str | None = None  # as written: 約, 超過, 將近
    qualifier_meaning: QualifierMeaning | None = None
    time: str | None = None
    source: str | None = None
    noun: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    @property
    def relative_time(self) -> bool:
        return "relative_time" in self.flags

    @property
    def in_body(self) -> bool:
        return "outside_body" not in self.flags


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    """An article's text and the figures of its claims, in the order of the text."""

    slug: str
    text: str
    figures: tuple[Figure, ...]

    def digest(self, version: str) -> str:
        """Changes whenever anything a check reads changes (and with the checks' version)."""
        payload = json.dumps(
            [version, self.slug, self.text, [asdict(f) for f in self.figures]],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def figure_from_claim(claim: Claim, corrected: Mapping[str, object] | None = None) -> Figure:
    """A claim of claims/ with the fields editors corrected (value, unit, time...) applied."""
    fields: dict[str, object] = {**claim.model_dump(), **(corrected or {})}
    return Figure(
        claim_id=claim.id,
        start=claim.start,
        end=claim.end,
        text=claim.text,
        value=_number(fields.get("value")),
        unit=_text(fields.get("unit")),
        kind=fields["kind"],  # type: ignore[arg-type]  # corrections are validated on replay
        sentence=claim.sentence,
        value_max=_number(fields.get("value_max")),
        qualifier=_text(fields.get("qualifier")),
        qualifier_meaning=fields.get("qualifier_meaning"),  # type: ignore[arg-type]
        time=_text(fields.get("time")),
        source=_text(fields.get("source")),
        noun=_text(fields.get("noun")),
        flags=tuple(claim.flags),
    )


def figures_from_extracted(claims: Sequence[ExtractedClaim]) -> tuple[Figure, ...]:
    """The extractor's claims as figures, with ids made from their offsets (as claims/ has
    none yet): `c` and ten hex digits, like a real claim id."""
    return tuple(
        Figure(
            claim_id="c" + hashlib.sha1(f"{c.start}:{c.end}".encode()).hexdigest()[:10],
            start=c.start,
            end=c.end,
            text=c.text,
            value=c.value,
            unit=c.unit,
            kind=c.kind,
            sentence=c.sentence,
            value_max=c.value_max,
            qualifier=c.qualifier,
            qualifier_meaning=c.qualifier_meaning,
            time=c.time,
            source=c.source,
            noun=c.noun,
            flags=tuple(c.flags),
        )
        for c in claims
    )


@lru_cache(maxsize=4096)
def covers(figure: Figure) -> Interval | None:
    """What the figure covers as worded (review.tolerance: one place defines it), or None when
    there is no figure to read."""
    if figure.value is None:
        return None
    try:
        return tolerance_interval(
            figure.value, figure.text, figure.qualifier_meaning, figure.value_max
        )
    except ReviewError:
        return None


def covers_exactly(figure: Figure) -> Interval | None:
    """What the figure covers as rounded, ignoring a 超過 or 將近: a figure that only bounds a
    value is borne out by a reading only when that reading gives the figure itself."""
    if figure.qualifier_meaning in ("lower_bound", "upper_bound"):
        figure = replace(figure, qualifier=None, qualifier_meaning=None)
    return covers(figure)


def precision(figure: Figure) -> float | None:
    """One unit of the figure's last written digit, in its base unit (review.tolerance)."""
    try:
        return written_precision(figure.text)
    except ReviewError:
        return None


def is_finite(interval: Interval) -> bool:
    return math.isfinite(interval.low) and math.isfinite(interval.high)


def _number(value: object) -> Value | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
