"""The one claim type: what the extractor finds, what claims.yml stores, what an editor adds by
hand, what the checks compare, and what every page shows once corrections are applied.

A claim's invariants live in `check_invariants`, which the model's validator runs and which
review/rules.py runs on a correction before it is recorded: an invalid correction is refused
at the desk, and one that reaches the log anyway (a hand edit, a merge) is left out by replay,
never written to a database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from json.encoder import encode_basestring
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from claimdesk.vocabulary import CLAIM_ID_PATTERN, Flag, Kind, QualifierMeaning

INT64_MAX = 2**63 - 1


def storable(value: int | float) -> int | float:
    """A number SQLite can hold: a whole number past 64 bits becomes a float (which is as
    precise as any source for such a figure), and NaN or infinity is not a figure at all."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number (use null for a malformed figure)")
    if isinstance(value, int) and not -INT64_MAX <= value <= INT64_MAX:
        return float(value)
    return value


# A value in base units: int when it is whole (47億元 -> 4700000000), float otherwise.
Value = Annotated[int | float, AfterValidator(storable)]
ClaimId = Annotated[str, Field(pattern=CLAIM_ID_PATTERN)]


class InvalidClaim(ValueError):
    """A claim's fields break one of its rules; `field` names the one to change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_invariants(fields: Mapping[str, Any]) -> None:
    """The rules every claim keeps, on its fields (as stored, or with corrections applied)."""
    if (fields.get("qualifier") is None) != (fields.get("qualifier_meaning") is None):
        missing = "qualifier_meaning" if fields.get("qualifier") is not None else "qualifier"
        raise InvalidClaim(missing, "qualifier and qualifier_meaning go together")
    value, high = fields.get("value"), fields.get("value_max")
    if high is not None and value is None:
        raise InvalidClaim("value_max", "a range needs its low end (value)")
    margin = fields.get("margin")
    if margin is not None and margin < 0:
        raise InvalidClaim("margin", "a margin is not negative")


class Claim(BaseModel):
    """A numeric claim: a figure of an article in its context. `id` is None until `claimdesk
    add` gives the claim one (the extractor's output has none); claims.yml requires it.

    What editors decide about a claim is in reviews.jsonl, never here, so `claimdesk add` may
    rewrite claims.yml at any time. The field order is claims.yml's key order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ClaimId | None = None
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
    qualifier: str | None = None  # as written: 約, 超過, 將近, 左右 ...
    qualifier_meaning: QualifierMeaning | None = None
    time: str | None = None  # ISO 8601 where possible (2021, 2022-06, 2020/2023), else as written
    source: str | None = Field(default=None, description="Whom the article attributes it to")
    source_report: str | None = None  # the report's title when the text gives it, without 《》
    noun: str | None = None  # what a count counts (晶體管, 應用) or None
    flags: tuple[Flag, ...] = ()
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
        check_invariants(self.__dict__)
        return self

    # --- what the checks read ---------------------------------------------------------------

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    @property
    def relative_time(self) -> bool:
        return "relative_time" in self.flags

    @property
    def in_body(self) -> bool:
        return "outside_body" not in self.flags

    @property
    def key(self) -> str:
        """The id, for a claim that has one (every stored claim does)."""
        if self.id is None:
            raise ValueError(f"the claim {self.text!r} at {self.start} has no id yet")
        return self.id

    def corrected(self, fields: Mapping[str, Any]) -> Claim:
        """The claim with editors' corrections applied, validated again (InvalidClaim when a
        correction breaks a rule)."""
        if not fields:
            return self
        try:
            return Claim.model_validate({**self.__dict__, **fields})
        except ValidationError as error:
            detail = error.errors()[0]
            field = ".".join(str(part) for part in detail["loc"]) or "claim"
            raise InvalidClaim(field, str(detail["msg"]).removeprefix("Value error, ")) from None

    def figure_offset(self, article_text: str) -> int | None:
        """Where the figure starts within `sentence`: the sentence may state the same figure
        twice (一季度增長6.7%，二季度增長6.7%), so it is found from the claim's own offsets in
        the article, never by searching the sentence for the figure's text."""
        sentence = self.sentence
        if not sentence or self.end > len(article_text):
            return None
        first = max(0, self.end - len(sentence))
        at = article_text.find(sentence, first, self.start + len(sentence))
        if at < 0 or not at <= self.start < self.end <= at + len(sentence):
            found = sentence.find(self.text)
            return found if found >= 0 else None
        return self.start - at

    # --- `claimdesk extract --format json` --------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The record `claimdesk extract` prints: tools outside the code read these names in
        this order, so keep them. Built field by field: model_dump costs more than finding
        the claims."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "sentence": self.sentence,
            "value_max": self.value_max,
            "qualifier": self.qualifier,
            "qualifier_meaning": self.qualifier_meaning,
            "source": self.source,
            "source_report": self.source_report,
            "time": self.time,
            "noun": self.noun,
            "flags": list(self.flags),
            "margin": self.margin,
            "source_detail": self.source_detail,
        }


_FLAGS_JSON: dict[tuple[Flag, ...], str] = {(): "[]"}


def claims_json(claims: Iterable[Claim]) -> str:
    """`json.dumps({"claims": [c.to_json() for c in claims]}, ensure_ascii=False, indent=2)`,
    character for character, in a fraction of the time.

    With `indent` set, json encodes in pure Python, walking every record once more after
    to_json built it; here each claim is one f-string, the fields in to_json's order and
    indented as json indents them, its strings escaped by the C function json itself uses.
    A value is never NaN or infinite (the model refuses those), so repr() writes a number as
    json does. tests/test_hostile_input.py checks the text is the same.
    """
    esc = encode_basestring
    parts = [
        f'    {{\n      "start": {c.start},\n      "end": {c.end},\n      "text": {esc(c.text)},\n'
        f'      "value": {"null" if c.value is None else repr(c.value)},\n'
        f'      "unit": {"null" if c.unit is None else esc(c.unit)},\n'
        f'      "kind": {esc(c.kind)},\n      "sentence": {esc(c.sentence)},\n'
        f'      "value_max": {"null" if c.value_max is None else repr(c.value_max)},\n'
        f'      "qualifier": {"null" if c.qualifier is None else esc(c.qualifier)},\n'
        '      "qualifier_meaning": '
        f"{'null' if c.qualifier_meaning is None else esc(c.qualifier_meaning)},\n"
        f'      "source": {"null" if c.source is None else esc(c.source)},\n'
        f'      "source_report": {"null" if c.source_report is None else esc(c.source_report)},\n'
        f'      "time": {"null" if c.time is None else esc(c.time)},\n'
        f'      "noun": {"null" if c.noun is None else esc(c.noun)},\n'
        f'      "flags": {_flags_json(c.flags)},\n'
        f'      "margin": {"null" if c.margin is None else repr(c.margin)},\n'
        f'      "source_detail": {"null" if c.source_detail is None else esc(c.source_detail)}\n'
        "    }"
        for c in claims
    ]
    if not parts:
        return '{\n  "claims": []\n}'
    return '{\n  "claims": [\n' + ",\n".join(parts) + "\n  ]\n}"


def _flags_json(flags: tuple[Flag, ...]) -> str:
    known = _FLAGS_JSON.get(flags)
    if known is None:
        items = ",\n".join(f"        {encode_basestring(flag)}" for flag in flags)
        known = _FLAGS_JSON[flags] = f"[\n{items}\n      ]"
    return known
