"""The shape of claims/: one pydantic model per thing an editor reads or writes.

`extra="forbid"` everywhere, so that a typo in a hand-edited claims.yml is an error, not a
silently ignored key.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from claimdesk.extract.types import Flag, Kind, QualifierMeaning

CLAIM_ID_PATTERN = r"^c[0-9a-f]{10}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


Language = Literal["zh-Hant", "zh-Hans", "en"]
INT64_MAX = 2**63 - 1


def _storable(value: int | float) -> int | float:
    """A number SQLite can hold: a whole number past 64 bits becomes a float (which is as
    precise as any source for such a figure), and NaN or infinity is not a figure at all."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number (use null for a malformed figure)")
    if isinstance(value, int) and not -INT64_MAX <= value <= INT64_MAX:
        return float(value)
    return value


Value = Annotated[int | float, AfterValidator(_storable)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(_Strict):
    """A numeric claim as the extractor found it. What editors decide about it is in
    reviews.jsonl, never here, so `claimdesk add` may rewrite this at any time."""

    id: Annotated[str, Field(pattern=CLAIM_ID_PATTERN)]
    start: Annotated[int, Field(ge=0, description="Python str offset into article.txt")]
    end: Annotated[int, Field(gt=0)]
    text: Annotated[str, Field(min_length=1, description="article.txt[start:end], checked on load")]
    sentence: str
    value: Value | None = Field(
        description="In base units: 47億元 -> 4700000000; null if malformed"
    )
    value_max: Value | None = None
    unit: str | None
    kind: Kind
    qualifier: str | None = None
    qualifier_meaning: QualifierMeaning | None = None
    time: str | None = None
    source: str | None = Field(default=None, description="Whom the article attributes it to")
    source_report: str | None = None
    noun: str | None = None
    flags: list[Flag] = Field(default_factory=list)
    margin: Value | None = Field(default=None, description="The ± of 52%±2%, in the claim's unit")
    source_detail: str | None = Field(
        default=None, description="The source's title and organisation (台積電董事長)"
    )
    sentence_was: str | None = Field(
        default=None,
        description="The sentence when editors last worked on it, if re-extraction changed it",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if (self.qualifier is None) != (self.qualifier_meaning is None):
            raise ValueError("qualifier and qualifier_meaning go together")
        return self


class Article(_Strict):
    """What the article is; its text lives beside claims.yml in article.txt."""

    title: Annotated[str, Field(min_length=1)]
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: Language
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code that 元 and bare amounts of money mean (TWD)",
    )


class ArticleFile(_Strict):
    """The whole of claims/<slug>/claims.yml. The loader checks what needs the article text
    and the file (unique ids, quotes at their offsets), so that it can name the line."""

    article: Article
    claims: list[Claim]
    # Claims that editors worked on and that a later version of the article no longer has.
    # They are kept as they were last seen (their offsets point into that older text), so
    # that no review is ever lost; they are published as retracted.
    retracted: list[Claim] = Field(default_factory=list)
