"""What the checks read: each claim's figure, where it stands in its article, and what it covers.

A figure is a claim (claimdesk.claim.Claim): from claims/ with editors' corrections applied, as
the public sees it, or straight from the extractor's output, so that the same checks run at
build time, from `claimdesk check` and in tests on any text.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimdesk.claim import Claim
from claimdesk.review.errors import ReviewError
from claimdesk.review.tolerance import Interval, tolerance_interval, written_precision
from claimdesk.vocabulary import CLAIM_ID_HEX

# The checks read claims: the one claim type, with editors' corrections applied (a reviewed
# claim's `effective`). The name says how the checks use it.
Figure = Claim


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    """An article's text and the figures of its claims, in the order of the text."""

    slug: str
    text: str
    figures: tuple[Figure, ...]


def figures_from_extracted(claims: Sequence[Claim]) -> tuple[Figure, ...]:
    """The extractor's claims as figures, with ids made from their offsets (as claims/ has
    none yet), shaped like a real claim id."""
    width = CLAIM_ID_HEX
    return tuple(
        claim.model_copy(
            update={
                "id": "c" + hashlib.sha1(f"{claim.start}:{claim.end}".encode()).hexdigest()[:width]
            }
        )
        for claim in claims
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
        figure = figure.model_copy(update={"qualifier": None, "qualifier_meaning": None})
    return covers(figure)


def precision(figure: Figure) -> float | None:
    """One unit of the figure's last written digit, in its base unit (review.tolerance)."""
    try:
        return written_precision(figure.text)
    except ReviewError:
        return None


def is_finite(interval: Interval) -> bool:
    return math.isfinite(interval.low) and math.isfinite(interval.high)
