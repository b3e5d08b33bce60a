"""Review events: one JSON line each in reviews.jsonl, one pydantic model per type."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdesk.errors import ClaimdeskError
from claimdesk.review.errors import ReviewError
from claimdesk.review.events import (
    Add,
    Approve,
    Assign,
    BaseEvent,
    Correct,
    Dismiss,
    Restore,
    SendBack,
    Unassign,
    Verify,
    check_added_claim,
    dump_event_line,
    new_event,
    new_event_id,
    parse_event_line,
)
from claimdesk.review.verdicts import Verdict

CLAIM = "c0123456789"
OTHER_CLAIM = "c9876543210"
AT = dt.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
VERIFY_ID = new_event_id(AT - dt.timedelta(hours=1), randbits=random.Random(1).getrandbits)
ARTICLE = "據IDC統計,2021年市場規模為432億元,同比增長47.2%。"

VERIFY_FIELDS: dict[str, Any] = {
    "verdict": "correct",
    "evidence_url": "https://www.idc.com/getdoc.jsp?containerId=prCHC50000000",
    "evidence_quote": "2021年中國AI芯片市場規模達432億元",
    "source_value": 43200000000,
    "source_unit": "CNY",
    "source_time": "2021",
    "explanations": {"zh-Hant": "與IDC報告相符。", "en": "Matches the IDC report."},
    "note": "checked the PDF, p. 3",
}
ADD_FIELDS: dict[str, Any] = {
    "slug": "ai-chips-nvidia-biren",
    "start": 17,
    "end": 22,
    "text": "432億元",
    "value": 43200000000,
    "unit": "CNY",
    "kind": "money",
    "time": "2021",
    "source": "IDC",
}
# One example of every event type, with the fields it needs beyond the common ones.
EXAMPLES: list[tuple[type[BaseEvent], dict[str, Any]]] = [
    (Assign, {}),
    (Unassign, {}),
    (Verify, VERIFY_FIELDS),
    (Approve, {"verify_id": VERIFY_ID}),
    (SendBack, {"verify_id": VERIFY_ID, "reason": "The PDF gives 2022, not 2021."}),
    (Correct, {"field": "value", "to": 4320000000, "reason": "432億, not 4320億"}),
    (Dismiss, {"reason": "a model name", "why": "not_a_claim"}),
    (Dismiss, {"reason": "same figure", "why": "duplicate", "duplicate_of": OTHER_CLAIM}),
    (Restore, {}),
    (Add, ADD_FIELDS),
]
EXAMPLE_IDS = [f"{kind.__name__}-{index}" for index, (kind, _) in enumerate(EXAMPLES)]


def make(event_type: type[BaseEvent], /, **fields: Any) -> BaseEvent:
    return new_event(event_type, editor="amy", claim_id=CLAIM, now=AT, **fields)


def line_of(event_type: type[BaseEvent], /, **fields: Any) -> dict[str, Any]:
    """An event as the JSON object of its line, to change before parsing it back."""
    parsed: dict[str, Any] = json.loads(dump_event_line(make(event_type, **fields)))
    return parsed


def parse(raw: dict[str, Any]) -> BaseEvent:
    return parse_event_line(json.dumps(raw, ensure_ascii=False))


# --- ids ---------------------------------------------------------------------------------


def test_event_id_is_a_uuid7_with_the_rfc_9562_variant() -> None:
    parsed = uuid.UUID(new_event_id(AT))
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122


def test_event_id_starts_with_the_unix_milliseconds_of_its_time() -> None:
    parsed = uuid.UUID(new_event_id(AT))
    assert parsed.int >> 80 == int(AT.timestamp() * 1000)


def test_event_ids_made_at_the_same_time_differ() -> None:
    assert len({new_event_id(AT) for _ in range(100)}) == 100


@given(
    st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
    st.integers(min_value=1, max_value=10**9),
)
def test_event_ids_sort_like_their_times_to_the_microsecond(
    first: dt.datetime, micros_later: int
) -> None:
    later = first + dt.timedelta(microseconds=micros_later)
    assert new_event_id(first) < new_event_id(later)


def test_event_id_needs_a_timezone() -> None:
    with pytest.raises(ValueError, match="timezone"):
        new_event_id(dt.datetime(2024, 5, 1, 9, 30))


# --- the line format ---------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "fields"), EXAMPLES, ids=EXAMPLE_IDS)
def test_every_event_type_survives_its_line(kind: type[BaseEvent], fields: dict[str, Any]) -> None:
    event = make(kind, **fields)
    assert parse_event_line(dump_event_line(event)) == event


@pytest.mark.parametrize(("kind", "fields"), EXAMPLES, ids=EXAMPLE_IDS)
def test_line_starts_with_the_common_fields_in_order(
    kind: type[BaseEvent], fields: dict[str, Any]
) -> None:
    keys = list(json.loads(dump_event_line(make(kind, **fields))))
    assert keys[:5] == ["id", "at", "editor", "type", "claim_id"]


@pytest.mark.parametrize(("kind", "fields"), EXAMPLES, ids=EXAMPLE_IDS)
def test_line_is_one_line_without_a_newline(kind: type[BaseEvent], fields: dict[str, Any]) -> None:
    event = make(kind, **{**fields, **({"reason": "two\nlines"} if "reason" in fields else {})})
    line = dump_event_line(event)
    assert "\n" not in line and "\r" not in line


def test_line_keeps_chinese_unescaped() -> None:
    line = dump_event_line(make(Verify, **VERIFY_FIELDS))
    assert "與IDC報告相符" in line and "\\u" not in line


def test_line_writes_every_field_even_when_null() -> None:
    raw = line_of(Verify, **{**VERIFY_FIELDS, "note": None})
    assert raw["note"] is None


def test_line_ending_is_accepted_when_parsing() -> None:
    event = make(Assign)
    assert parse_event_line(dump_event_line(event) + "\r\n") == event


def test_time_is_written_with_its_offset() -> None:
    taipei = dt.timezone(dt.timedelta(hours=8))
    event = new_event(Assign, editor="amy", claim_id=CLAIM, now=AT.astimezone(taipei))
    assert json.loads(dump_event_line(event))["at"].endswith("+08:00")


def test_events_are_frozen() -> None:
    event = make(Assign)
    with pytest.raises(ValueError, match="frozen"):
        event.editor = "bob"


def test_new_event_fills_in_id_and_time() -> None:
    before = dt.datetime.now(dt.UTC)
    event = new_event(Assign, editor="amy", claim_id=CLAIM)
    assert before <= event.at <= dt.datetime.now(dt.UTC)
    assert uuid.UUID(event.id).version == 7


# --- what a line may say -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "zap"}, "type"),
        ({"colour": "red"}, "colour"),
        ({"editor": ""}, "editor"),
        ({"editor": "   "}, "editor"),
        ({"at": "2024-05-01T09:30:00"}, "at"),
        ({"id": "018f337d-4a3b-474b-8239-bb567d62808c"}, "id"),  # a UUIDv4
        ({"verdict": "half_true"}, "verdict"),
        ({"explanations": {}}, "explanations"),
        ({"explanations": {"fr": "Correct."}}, "explanations.fr"),
        ({"explanations": {"en": " "}}, "explanations.en"),
        ({"source_value": True}, "source_value"),
        ({"source_value": "1020億"}, "source_value"),
        ({"evidence_quote": ""}, "evidence_quote"),
        ({"evidence_url": ""}, "evidence_url"),
    ],
)
def test_bad_verify_line_is_refused_naming_claim_and_field(
    change: dict[str, Any], field: str
) -> None:
    with pytest.raises(ReviewError) as caught:
        parse({**line_of(Verify, **VERIFY_FIELDS), **change})
    assert str(caught.value).startswith(f"claim {CLAIM}: {field}: ")
    assert caught.value.field == field


def test_a_claim_id_must_look_like_one() -> None:
    with pytest.raises(ReviewError, match="claim_id: should be a claim id"):
        parse({**line_of(Assign), "claim_id": "claim-1"})


def test_a_missing_field_is_named() -> None:
    raw = line_of(Approve, verify_id=VERIFY_ID)
    del raw["verify_id"]
    with pytest.raises(ReviewError, match=f"claim {CLAIM}: verify_id: Field required"):
        parse(raw)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "a review event is a JSON object"),
        ('{"claim_id": "c0123456789"}', "type: should be one of assign, unassign, verify"),
    ],
)
def test_a_line_that_is_not_an_event_is_refused(line: str, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        parse_event_line(line)


def test_review_error_is_a_claimdesk_error() -> None:
    assert issubclass(ReviewError, ClaimdeskError)


def test_unsupported_verdict_may_quote_nothing() -> None:
    event = make(Verify, **{**VERIFY_FIELDS, "verdict": "unsupported", "evidence_quote": ""})
    assert isinstance(event, Verify) and event.verdict is Verdict.UNSUPPORTED


def test_note_is_optional() -> None:
    fields = {k: v for k, v in VERIFY_FIELDS.items() if k != "note"}
    event = make(Verify, **fields)
    assert isinstance(event, Verify) and event.note is None


@pytest.mark.parametrize(
    ("field", "to"),
    [
        ("value", 4320000000),
        ("value", 2.8),
        ("value", None),
        ("value_max", 5),
        ("unit", "USD"),
        ("kind", "percent"),
        ("qualifier", "將近"),
        ("qualifier_meaning", "upper_bound"),
        ("time", "2022"),
        ("source", "IDC"),
        ("noun", "晶體管"),
    ],
)
def test_correction_takes_a_value_that_fits_its_field(field: str, to: Any) -> None:
    event = make(Correct, field=field, to=to, reason="as the article says")
    assert isinstance(event, Correct) and event.to == to


@pytest.mark.parametrize(
    ("field", "to", "message"),
    [
        ("value", "432億", "should be a number"),
        ("value", True, "should be a number"),
        ("unit", 3, "should be text or null"),
        ("source", "", "should be text or null"),
        ("kind", "cash", "kind should be one of money"),
        ("qualifier_meaning", "roughly", "should be one of approximate"),
        ("sentence", "x", "field: Input should be"),
    ],
)
def test_correction_refuses_a_value_that_does_not_fit(field: str, to: Any, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        make(Correct, field=field, to=to, reason="as the article says")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"why": "duplicate"}, "duplicate_of: a duplicate names the claim it duplicates"),
        (
            {"why": "not_a_claim", "duplicate_of": OTHER_CLAIM},
            "duplicate_of: only a duplicate names another claim",
        ),
        ({"why": "duplicate", "duplicate_of": CLAIM}, "a claim cannot duplicate itself"),
        ({"why": "boring"}, "why: Input should be 'not_a_claim' or 'duplicate'"),
    ],
)
def test_dismissal_says_why_consistently(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        make(Dismiss, reason="see above", **fields)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": 17}, r"end \(17\) must be greater than start \(17\)"),
        ({"text": "432億"}, "'432億' is 4 characters, but 17-22 spans 5"),
        ({"qualifier": "約"}, "qualifier and qualifier_meaning go together"),
        ({"qualifier_meaning": "approximate"}, "qualifier and qualifier_meaning go together"),
        ({"slug": "AI Chips"}, "slug: should be an article slug"),
        ({"kind": "cash"}, "kind: Input should be"),
    ],
)
def test_added_claim_must_be_consistent(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        make(Add, **{**ADD_FIELDS, **change})


def test_added_claim_with_its_qualifier_is_accepted() -> None:
    event = make(Add, **{**ADD_FIELDS, "qualifier": "約", "qualifier_meaning": "approximate"})
    assert isinstance(event, Add) and event.qualifier_meaning == "approximate"


def test_added_claim_quoting_the_article_passes() -> None:
    event = make(Add, **ADD_FIELDS)
    assert isinstance(event, Add)
    check_added_claim(event, ARTICLE)


def test_added_claim_not_quoting_the_article_is_refused() -> None:
    event = make(Add, **{**ADD_FIELDS, "start": 16, "end": 21, "text": "為432億"[1:] + "元"})
    assert isinstance(event, Add)
    with pytest.raises(ReviewError) as caught:
        check_added_claim(event, ARTICLE)
    assert str(caught.value) == (
        f"claim {CLAIM}: text: '432億元' does not match the article text at 16-21 ('為432億')"
    )


def test_added_claim_past_the_end_of_the_article_is_refused() -> None:
    event = make(Add, **ADD_FIELDS)
    assert isinstance(event, Add)
    with pytest.raises(ReviewError, match=r"end: 22 is past the end of the article \(20"):
        check_added_claim(event, ARTICLE[:20])


def test_added_claim_knows_its_correctable_fields() -> None:
    event = make(Add, **ADD_FIELDS)
    assert isinstance(event, Add)
    assert event.fields() == {
        "value": 43200000000,
        "value_max": None,
        "unit": "CNY",
        "kind": "money",
        "qualifier": None,
        "qualifier_meaning": None,
        "time": "2021",
        "source": "IDC",
        "noun": None,
    }


def test_new_event_needs_a_timezone_aware_time() -> None:
    with pytest.raises(ReviewError, match=f"claim {CLAIM}: at: .*timezone-aware"):
        new_event(Assign, editor="amy", claim_id=CLAIM, now=dt.datetime(2024, 5, 1, 9, 30))
