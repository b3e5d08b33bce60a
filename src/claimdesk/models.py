"""The shape of claims/: one pydantic model per thing an editor reads or writes.

`extra="forbid"` everywhere, so that a typo in a hand-edited claims.yml is an error, not a
silently ignored key.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from claimdesk.extract.types import Flag, Kind, QualifierMeaning

CLAIM_ID_PATTERN = r"^c[0-9a-f]{10}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Status(StrEnum):
    """Where a claim is in review. The public sees a verdict only once it is approved."""

    UNVERIFIED = "unverified"
    NEEDS_APPROVAL = "needs_approval"
    APPROVED = "approved"


class Verdict(StrEnum):
    CORRECT = "correct"
    MOSTLY_CORRECT = "mostly_correct"
    MISLEADING = "misleading"
    INCORRECT = "incorrect"
    UNSUPPORTED = "unsupported"


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


class Verification(_Strict):
    """One entry of a claim's audit trail. Entries are appended, never edited."""

    editor: Annotated[str, Field(min_length=1)]
    at: dt.datetime
    verdict: Verdict
    evidence: Annotated[str, Field(min_length=1, description="What the editor checked, in words")]
    evidence_url: str | None = None
    source_value: Value | None = Field(
        default=None, description="The value the source gives, in the claim's base unit"
    )
    note: str | None = None


class Claim(_Strict):
    """A numeric claim in an article, with its review state."""

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
    status: Status = Status.UNVERIFIED
    verdict: Verdict | None = None
    verifications: list[Verification] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if (self.qualifier is None) != (self.qualifier_meaning is None):
            raise ValueError("qualifier and qualifier_meaning go together")
        # The public sees `verdict`, so it holds only an approved verdict; a pending one
        # lives in the verification history until a second editor approves it.
        if (self.status is Status.APPROVED) != (self.verdict is not None):
            raise ValueError("verdict is set exactly when status is approved")
        if self.status is Status.UNVERIFIED and self.verifications:
            raise ValueError("an unverified claim has no verifications")
        return self


class Article(_Strict):
    """What the article is; its text lives beside claims.yml in article.txt."""

    title: Annotated[str, Field(min_length=1)]
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: Language


class ArticleFile(_Strict):
    """The whole of claims/<slug>/claims.yml. The loader checks what needs the article text
    and the file (unique ids, quotes at their offsets), so that it can name the line."""

    article: Article
    claims: list[Claim]
