"""What editors decide, as events: one pydantic model per event type, one JSON object a line
in claims/<slug>/reviews.jsonl.

A claim's review state is never stored, only derived by replaying its events (see state.py), so
a line once written is never edited. Every event has a time-ordered `id` (a UUIDv7), the moment
it was recorded (`at`, timezone-aware), the `editor` who acted, its `type` and the `claim_id`.

`extra="forbid"` and `frozen=True` everywhere: a typo in a hand-merged line is an error, not a
silently ignored key, and an event read from the log cannot be changed in memory either.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import secrets
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from claimdesk.claim import Value
from claimdesk.files.urls import check_web_url
from claimdesk.review.errors import ReviewError
from claimdesk.review.verdicts import Verdict
from claimdesk.vocabulary import (
    CLAIM_ID_PATTERN,
    EVENT_ID_PATTERN,
    RELEASE_PATTERN,
    REPORT_ID_PATTERN,
    SLUG_PATTERN,
    CorrectableField,
    DismissalReason,
    Kind,
    Language,
    QualifierMeaning,
)
from claimdesk.vocabulary import KINDS as _KINDS
from claimdesk.vocabulary import NUMBER_FIELDS as _NUMBER_FIELDS
from claimdesk.vocabulary import QUALIFIER_MEANINGS as _MEANINGS

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _number(value: object) -> object:
    # JSON true is not 1 and NaN is no figure: refuse both before int | float sees them.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("should be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("should be a finite number")
    return value


EventId = Annotated[str, Field(pattern=EVENT_ID_PATTERN)]
ClaimId = Annotated[str, Field(pattern=CLAIM_ID_PATTERN)]
# Non-empty and not only spaces: an editor's name, a reason, an explanation.
NonBlank = Annotated[str, Field(min_length=1, pattern=r"\S")]
# As claims.yml stores a value (a whole number past 64 bits becomes a float, for SQLite).
Number = Annotated[Value, BeforeValidator(_number)]
WebUrl = Annotated[str, AfterValidator(check_web_url)]
FieldValue = str | int | float | None

_NUMBER: TypeAdapter[Value] = TypeAdapter(Number)


def new_event_id(now: dt.datetime, *, randbits: Callable[[int], int] = secrets.randbits) -> str:
    """A UUIDv7 (RFC 9562) for an event recorded at `now`: 48 bits of Unix milliseconds, the
    version, 12 bits of sub-millisecond time, the variant, 62 random bits.

    The 12 `rand_a` bits carry the fraction of the millisecond (RFC 9562 section 6.2, method
    3), so ids made from `at` sort in the same order as `at` down to the microsecond; replay
    sorts by (`at`, `id`) and the two never disagree. `randbits` is for reproducible tests.
    """
    if now.utcoffset() is None:
        raise ValueError("new_event_id needs a timezone-aware time")
    micros = (now - _EPOCH) // dt.timedelta(microseconds=1)
    unix_ms, sub_ms = divmod(micros, 1000)
    if not 0 <= unix_ms < 1 << 48:
        raise ValueError(f"{now.isoformat()} is outside the range of a UUIDv7")
    rand_a = sub_ms * 4096 // 1000
    rand_b = randbits(62) & ((1 << 62) - 1)
    return str(uuid.UUID(int=unix_ms << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b))


class BaseEvent(BaseModel):
    """What every event has. Subclasses narrow `type` to their own literal; it stays in this
    position, so every line starts id, at, editor, type, claim_id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EventId
    at: AwareDatetime
    editor: NonBlank
    type: str
    claim_id: ClaimId


class Assign(BaseEvent):
    """The editor takes the claim to verify it."""

    type: Literal["assign"] = "assign"


class Unassign(BaseEvent):
    """Nobody is working on the claim any more (the editor may be the assignee or not)."""

    type: Literal["unassign"] = "unassign"


class SeriesCell(BaseModel):
    """The series cell a verification's evidence is: which series, which release of it, which
    period. It ties the verdict to the release it rests on, so that a later release revising
    the cell sends the claim back to the desk (database/revisions.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    series: Annotated[str, Field(pattern=SLUG_PATTERN)]
    release: Annotated[str, Field(pattern=RELEASE_PATTERN)]
    period: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9][0-9/-]*$")]


OWN_CHECK = "不能沿用這則數字主張自己的查核 a verification cannot reuse the claim's own check"


class Verify(BaseEvent):
    """A proposed verdict with its evidence. Public only once another editor approves it."""

    type: Literal["verify"] = "verify"
    verdict: Verdict
    evidence_url: WebUrl
    evidence_quote: str = Field(description="The passage of the source the verdict rests on")
    source_value: Number | None = None
    # The figure as the source wrote it (1020億, 4.08兆, 28%): the public page shows it so,
    # beside what it was read as. Written by verifications from issue 17 on; older lines lack it.
    source_text: Annotated[str, Field(max_length=200)] | None = None
    source_unit: str | None = None
    source_time: str | None = Field(
        default=None, description="The period the source's figure is for"
    )
    explanations: Annotated[dict[Language, NonBlank], Field(min_length=1)]
    note: str | None = Field(default=None, description="For editors only; never published")
    # The claim whose published check's evidence this verification copied (the desk's "use
    # this evidence", `verify --reuse`): another claim, whose verdict was published when it
    # was recorded (record.py). Absent in logs written before it existed.
    reused_from: ClaimId | None = None
    # The series cell the evidence is (`verify --series`, the desk's cell picker): its URL,
    # value, unit and period are the verification's own (record.py checks they agree). Absent
    # in logs written before it existed, and when the evidence is a page and a typed figure.
    series_cell: SeriesCell | None = None

    @field_validator("reused_from")
    @classmethod
    def _reuses_another(cls, reused_from: str | None, info: ValidationInfo) -> str | None:
        if reused_from is not None and reused_from == info.data.get("claim_id"):
            raise ValueError(OWN_CHECK)
        return reused_from

    @field_validator("evidence_quote")
    @classmethod
    def _quoted(cls, quote: str, info: ValidationInfo) -> str:
        # With nothing found there is nothing to quote; any other verdict rests on a passage.
        if not quote.strip() and info.data.get("verdict") is not Verdict.UNSUPPORTED:
            raise ValueError(
                "quote the passage of the source the verdict rests on "
                "(only an 'unsupported' verdict may have none)"
            )
        return quote


class Approve(BaseEvent):
    """A second editor accepts one specific verification; it becomes the public verdict."""

    type: Literal["approve"] = "approve"
    verify_id: EventId


class SendBack(BaseEvent):
    """A second editor returns one specific verification to its author, saying why."""

    type: Literal["send_back"] = "send_back"
    verify_id: EventId
    reason: NonBlank


class Correct(BaseEvent):
    """The extractor read a field wrong; `to` is what the article actually says."""

    type: Literal["correct"] = "correct"
    field: CorrectableField
    to: FieldValue
    reason: NonBlank
    # A qualifier and its meaning go together: a correction of `qualifier` says what the new
    # word means (None with a null `to`). Absent in logs written before it existed.
    meaning: QualifierMeaning | None = None
    # The reader's report (in reports.db, never in git) that led to the correction: the public
    # log says a reader reported it, and nothing about the reader. Absent in older logs.
    report_id: Annotated[str, Field(pattern=REPORT_ID_PATTERN)] | None = None

    @model_validator(mode="after")
    def _meaning_only_for_a_qualifier(self) -> Correct:
        if self.meaning is not None and (self.field != "qualifier" or self.to is None):
            raise ValueError("meaning: only a correction of qualifier to a word has a meaning")
        return self

    @field_validator("to", mode="before")
    @classmethod
    def _fits_field(cls, to: object, info: ValidationInfo) -> object:
        # Before pydantic's own reading, which would take true for 1 and "3" for text.
        field = info.data.get("field")
        if field is None or to is None:
            return to
        if field in _NUMBER_FIELDS:
            return _NUMBER.validate_python(to)
        elif not isinstance(to, str) or not to.strip():
            raise ValueError(f"{field} should be text or null")
        elif field == "kind" and to not in _KINDS:
            raise ValueError(f"kind should be one of {', '.join(_KINDS)}")
        elif field == "qualifier_meaning" and to not in _MEANINGS:
            raise ValueError(f"qualifier_meaning should be one of {', '.join(_MEANINGS)}")
        return to


class Dismiss(BaseEvent):
    """Not a claim after all, or a duplicate of another claim."""

    type: Literal["dismiss"] = "dismiss"
    reason: NonBlank
    why: DismissalReason
    duplicate_of: ClaimId | None = Field(default=None, validate_default=True)

    @field_validator("duplicate_of")
    @classmethod
    def _names_the_original(cls, duplicate_of: str | None, info: ValidationInfo) -> str | None:
        why = info.data.get("why")
        if why == "duplicate" and duplicate_of is None:
            raise ValueError("a duplicate names the claim it duplicates")
        if why == "not_a_claim" and duplicate_of is not None:
            raise ValueError("only a duplicate names another claim")
        if duplicate_of is not None and duplicate_of == info.data.get("claim_id"):
            raise ValueError("a claim cannot duplicate itself")
        return duplicate_of


class Restore(BaseEvent):
    """Undo a dismissal: the claim is back in review where it was."""

    type: Literal["restore"] = "restore"


class Add(BaseEvent):
    """A claim the extractor missed, with the fields it would have extracted.

    Whether `text` is the article's text at `start`-`end` needs the article: see
    `check_added_claim`."""

    type: Literal["add"] = "add"
    slug: Annotated[str, Field(pattern=SLUG_PATTERN)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(gt=0)]
    text: NonBlank
    value: Number | None
    value_max: Number | None = None
    unit: str | None
    kind: Kind
    qualifier: str | None = None
    qualifier_meaning: QualifierMeaning | None = Field(default=None, validate_default=True)
    time: str | None = None
    source: str | None = None
    noun: str | None = None

    @field_validator("text")
    @classmethod
    def _spans_its_offsets(cls, text: str, info: ValidationInfo) -> str:
        start, end = info.data.get("start"), info.data.get("end")
        if start is not None and end is not None:
            if end <= start:
                raise ValueError(f"end ({end}) must be greater than start ({start})")
            if len(text) != end - start:
                raise ValueError(
                    f"{text!r} is {len(text)} characters, but {start}-{end} spans {end - start}"
                )
        return text

    @field_validator("qualifier_meaning")
    @classmethod
    def _goes_with_qualifier(
        cls, meaning: QualifierMeaning | None, info: ValidationInfo
    ) -> QualifierMeaning | None:
        if (info.data.get("qualifier") is None) != (meaning is None):
            raise ValueError("qualifier and qualifier_meaning go together")
        return meaning

    def fields(self) -> dict[str, FieldValue]:
        """The correctable fields as added: what a first correction changes from."""
        return {name: getattr(self, name) for name in get_args(CorrectableField)}


Event = Annotated[
    Assign | Unassign | Verify | Approve | SendBack | Correct | Dismiss | Restore | Add,
    Field(discriminator="type"),
]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
E = TypeVar("E", bound=BaseEvent)


def parse_event_line(line: str) -> Event:
    """One line of reviews.jsonl (a trailing newline is fine) as its event.

    Raises ReviewError naming the claim (when the line has one) and the field; the caller adds
    the file and line number."""
    try:
        return EVENT_ADAPTER.validate_json(line.rstrip("\r\n"))
    except ValidationError as error:
        raise _review_error(error, _claim_id_of(line)) from None


def dump_event_line(event: BaseEvent) -> str:
    """The event as one line of JSON, without the newline (the appender writes it).

    Keys are in model order (id, at, editor, type, claim_id, then the type's own fields), every
    field is written even when null so each type has one shape, Chinese is unescaped, and
    `parse_event_line(dump_event_line(e)) == e`."""
    return event.model_dump_json()


def new_event(
    event_type: type[E],
    *,
    editor: str,
    claim_id: str,
    now: dt.datetime | None = None,
    **fields: Any,
) -> E:
    """A new event with `id` and `at` filled in (`at` is `now`, by default the current UTC
    time). Invalid fields raise ReviewError, worded like a rejected line."""
    at = now if now is not None else dt.datetime.now(dt.UTC)
    try:
        event_id = new_event_id(at)
        return event_type(id=event_id, at=at, editor=editor, claim_id=claim_id, **fields)
    except ValidationError as error:
        raise _review_error(error, claim_id) from None
    except ValueError as error:
        raise ReviewError(claim_id, "at", str(error)) from None


def check_added_claim(event: Add, article_text: str) -> None:
    """Refuse an added claim whose `text` is not the article's text at its offsets."""
    if event.end > len(article_text):
        raise ReviewError(
            event.claim_id,
            "end",
            f"{event.end} is past the end of the article ({len(article_text)} characters)",
        )
    quoted = article_text[event.start : event.end]
    if quoted != event.text:
        raise ReviewError(
            event.claim_id,
            "text",
            f"{event.text!r} does not match the article text at {event.start}-{event.end} "
            f"({quoted!r})",
        )


def _claim_id_of(line: str) -> str | None:
    try:
        raw = json.loads(line)
    except ValueError:
        return None
    claim_id = raw.get("claim_id") if isinstance(raw, dict) else None
    return claim_id if isinstance(claim_id, str) and claim_id else None


def _review_error(error: ValidationError, claim_id: str | None) -> ReviewError:
    problems = [_describe(detail) for detail in error.errors()]
    field, message = problems[0]
    rest = [f"{other}: {text}" if other else text for other, text in problems[1:]]
    return ReviewError(claim_id, field, "; ".join([message, *rest]))


def _describe(detail: Any) -> tuple[str | None, str]:
    kind: str = detail["type"]
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "json_invalid":
        return None, f"not valid JSON ({detail['ctx']['error']})"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return "type", f"should be one of {', '.join(_TYPE_NAMES)}"
    if kind == "dict_type" and not detail["loc"]:
        return None, "a review event is a JSON object, one a line"
    if kind == "string_pattern_mismatch":
        message = _PATTERN_MESSAGES.get(detail["ctx"]["pattern"], message)
    # A dict key's error is located at key.[key]: the key alone names it.
    loc = [str(part) for part in detail["loc"] if part != "[key]"]
    if loc and loc[0] in _TYPE_NAMES:  # the discriminated union puts the tag first
        loc = loc[1:]
    return ".".join(loc) or None, message


# Pydantic names the regex; an editor needs to know what is expected instead.
_PATTERN_MESSAGES = {
    r"\S": "should not be empty",
    EVENT_ID_PATTERN: "should be an event id (a UUIDv7, as new_event_id makes)",
    CLAIM_ID_PATTERN: "should be a claim id: c and 16 hex digits, like c0123456789abcdef",
    SLUG_PATTERN: "should be an article slug: lower-case letters, digits and hyphens",
    REPORT_ID_PATTERN: "should be a report id: r and 16 hex digits, like r0123456789abcdef",
}


_TYPE_NAMES = tuple(
    get_args(model.model_fields["type"].annotation)[0]
    for model in (Assign, Unassign, Verify, Approve, SendBack, Correct, Dismiss, Restore, Add)
)
