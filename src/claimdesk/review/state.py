"""A claim's review state, derived by replaying its events; never stored.

Replay is deterministic and tolerant, because reviews.jsonl is merged by git with the union
strategy: lines from two branches interleave and a line may appear twice.
- Events are ordered by (`at`, `id`), whatever order they come in.
- An event seen twice (same id) counts once. Two different events with one id (a hand edit gone
  wrong) keep the one whose JSON line sorts first; the other is listed in `ignored`.
- Each event is checked with the same rules as the write path (`check_event`); one that breaks
  them (say, two editors approved on two branches, and the second approval now points at an
  approved verification) is kept in `history` but changes nothing and is listed in `ignored`
  with the reason. Replay never raises.
- One exception, so that a merge never changes the public record silently: an approval of a
  verification that a newer one from another branch replaced still publishes it, and the
  newer one stays waiting for review. The approval is listed in `conflicts` for editors to
  settle (the build names its line); the public verdict does not vanish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import get_args

from claimdesk.review.errors import ReviewError
from claimdesk.review.events import (
    Add,
    Approve,
    Assign,
    BaseEvent,
    Correct,
    Dismiss,
    Event,
    FieldValue,
    Restore,
    SendBack,
    Unassign,
    Verify,
    dump_event_line,
)
from claimdesk.review.rules import check_event
from claimdesk.review.verdicts import Verdict
from claimdesk.vocabulary import CorrectableField, Language

_CORRECTABLE: tuple[str, ...] = get_args(CorrectableField)


class ClaimStatus(StrEnum):
    """Where a claim is in the review workflow (for editors; the public reads `published`)."""

    UNVERIFIED = "unverified"
    IN_PROGRESS = "in_progress"  # an editor has it
    NEEDS_REVIEW = "needs_review"  # verified, waiting for a second editor
    PUBLISHED = "published"  # a verdict was approved and nobody is re-checking it
    DISMISSED = "dismissed"  # not a claim, or a duplicate
    RETRACTED = "retracted"  # no longer in the article (the caller knows, not the log)


@dataclass(frozen=True, slots=True)
class PublishedVerdict:
    """An approved verification. It is never rewritten: when a later one is approved this one
    stays, with the replacement and its date, as an entry of the public correction log."""

    verify: Verify
    approve: Approve
    superseded_by: Verify | None = None
    superseded_at: dt.datetime | None = None  # when the replacement was approved

    @property
    def verdict(self) -> Verdict:
        return self.verify.verdict

    @property
    def verified_by(self) -> str:
        return self.verify.editor

    @property
    def approved_by(self) -> str:
        return self.approve.editor

    @property
    def approved_at(self) -> dt.datetime:
        return self.approve.at

    @property
    def change_reason(self) -> Mapping[Language, str] | None:
        """Why the verdict changed: the replacing verification's explanations, which say what
        the new evidence shows. None while this is the current verdict."""
        return self.superseded_by.explanations if self.superseded_by else None


@dataclass(frozen=True, slots=True)
class Correction:
    """A field of the claim an editor corrected. `from_value` is the value before, None when it
    was null or unknown (replay was given no original fields and nothing corrected it before)."""

    field: CorrectableField
    from_value: FieldValue
    to: FieldValue
    reason: str
    at: dt.datetime
    editor: str
    event_id: str
    report_id: str | None = None  # a reader's report led to it (the report is not in git)


@dataclass(frozen=True, slots=True)
class Ignored:
    """An event replay did not count, and why (the message check_event gave)."""

    event: Event
    reason: str


@dataclass(frozen=True, slots=True)
class ClaimState:
    claim_id: str
    assignee: str | None = None
    pending: Verify | None = None  # the verification waiting for a second editor
    verdicts: tuple[PublishedVerdict, ...] = ()  # every approved one, oldest first
    verifications: tuple[Verify, ...] = ()  # every counted verification, oldest first
    decisions: Mapping[str, Approve | SendBack] = field(default_factory=dict)  # by verify id
    send_backs: tuple[SendBack, ...] = ()
    open_send_back: SendBack | None = None  # the one the verifier has still to answer
    corrections: tuple[Correction, ...] = ()
    original: Mapping[str, FieldValue] = field(default_factory=dict)  # fields before corrections
    dismissal: Dismiss | None = None
    added: Add | None = None  # set when an editor added the claim by hand
    retracted: bool = False
    history: tuple[Event, ...] = ()  # every distinct event, in replay order, counted or not
    ignored: tuple[Ignored, ...] = ()
    conflicts: tuple[Ignored, ...] = ()  # counted, but editors must settle what a merge did

    @property
    def status(self) -> ClaimStatus:
        """The first that applies: retracted, dismissed, needs_review, in_progress, published,
        unverified. So a published claim being re-checked is in_progress or needs_review, while
        `published` still holds the verdict the public sees."""
        if self.retracted:
            return ClaimStatus.RETRACTED
        if self.dismissal is not None:
            return ClaimStatus.DISMISSED
        if self.pending is not None:
            return ClaimStatus.NEEDS_REVIEW
        if self.assignee is not None:
            return ClaimStatus.IN_PROGRESS
        if self.verdicts:
            return ClaimStatus.PUBLISHED
        return ClaimStatus.UNVERIFIED

    @property
    def published(self) -> PublishedVerdict | None:
        """The verdict the public sees now (it stays while a re-check is in progress)."""
        return self.verdicts[-1] if self.verdicts else None

    @property
    def corrected(self) -> dict[str, FieldValue]:
        """The corrected fields and their current values; the latest correction wins."""
        return {c.field: c.to for c in self.corrections}

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event in the log, so a page can tell it is out of date."""
        return self.history[-1].id if self.history else None

    def effective_fields(self) -> dict[str, FieldValue]:
        """The original fields with the corrections applied (only the fields known)."""
        return {**self.original, **self.corrected}


def apply_event(state: ClaimState, event: Event) -> ClaimState:
    """The state after `event`, which `check_event` has accepted (this function checks
    nothing)."""
    state = replace(state, history=(*state.history, event))
    if isinstance(event, Assign):
        return replace(state, assignee=event.editor)
    if isinstance(event, Unassign):
        return replace(state, assignee=None)
    if isinstance(event, Verify):
        # The verifier keeps the claim, so a send-back goes back to them.
        return replace(
            state,
            pending=event,
            assignee=event.editor,
            verifications=(*state.verifications, event),
            open_send_back=None,
        )
    if isinstance(event, Approve):
        return _publish(state, event)
    if isinstance(event, SendBack):
        author = next(v.editor for v in state.verifications if v.id == event.verify_id)
        return replace(
            state,
            pending=None,
            assignee=author,
            decisions={**state.decisions, event.verify_id: event},
            send_backs=(*state.send_backs, event),
            open_send_back=event,
        )
    if isinstance(event, Correct):
        return replace(state, corrections=(*state.corrections, *corrections_of(state, event)))
    if isinstance(event, Dismiss):
        return replace(state, dismissal=event)
    if isinstance(event, Restore):
        return replace(state, dismissal=None)
    # Add: what was added is what a first correction changes from, unless the caller said.
    return replace(state, added=event, original=state.original or event.fields())


def corrections_of(state: ClaimState, event: Correct) -> tuple[Correction, ...]:
    """What a correct event changes: its field, and with a qualifier, the qualifier's meaning
    (which goes with it: a new word means something, and no word means nothing)."""
    fields = state.effective_fields()
    changes: list[tuple[CorrectableField, FieldValue]] = [(event.field, event.to)]
    pairs_meaning = event.field == "qualifier" and (event.to is None or event.meaning is not None)
    if pairs_meaning and fields.get("qualifier_meaning") != event.meaning:
        changes.append(("qualifier_meaning", event.meaning))
    made = (event.reason, event.at, event.editor, event.id)
    return tuple(
        Correction(name, fields.get(name), to, *made, report_id=event.report_id)
        for name, to in changes
    )


def _publish(state: ClaimState, approve: Approve, merged: Verify | None = None) -> ClaimState:
    """Publish the pending verification; or, with `merged`, that one (approved on a branch
    where it was still pending), leaving the pending one and its assignee as they are."""
    verify = merged or state.pending
    assert verify is not None and verify.id == approve.verify_id  # check_event made sure
    earlier = state.verdicts
    if merged is not None:
        published = _publish(replace(state, pending=merged), approve)
        return replace(published, pending=state.pending, assignee=state.assignee)
    if earlier:
        earlier = (
            *earlier[:-1],
            replace(earlier[-1], superseded_by=verify, superseded_at=approve.at),
        )
    return replace(
        state,
        pending=None,
        assignee=None,
        verdicts=(*earlier, PublishedVerdict(verify, approve)),
        decisions={**state.decisions, approve.verify_id: approve},
    )


def replay(
    claim_id: str,
    events: Iterable[Event],
    *,
    retracted: bool = False,
    original: Mapping[str, FieldValue] | None = None,
) -> ClaimState:
    """The state of one claim from its events (others' are skipped), in any order, duplicates
    allowed. `retracted` says the claim is no longer in the article (the log cannot know);
    `original` gives the claim's fields as extracted, so corrections can say what they changed
    from."""
    counted, conflicting = _distinct(e for e in events if e.claim_id == claim_id)
    known = {k: v for k, v in (original or {}).items() if k in _CORRECTABLE}
    state = ClaimState(claim_id, original=known)
    for event in sorted(counted, key=_replay_order):
        try:
            check_event(state, event)
        except ReviewError as error:
            merged = apply_merged_approval(state, event)
            if merged is not None:
                state = merged
                continue
            state = replace(
                state,
                history=(*state.history, event),
                ignored=(*state.ignored, Ignored(event, str(error))),
            )
        else:
            state = apply_event(state, event)
    duplicates = tuple(
        Ignored(e, str(ReviewError(claim_id, "id", f"another event has the id {e.id}")))
        for e in sorted(conflicting, key=_tie_order)
    )
    return replace(state, retracted=retracted, ignored=(*state.ignored, *duplicates))


def apply_merged_approval(state: ClaimState, event: Event) -> ClaimState | None:
    """The state after an approval the rules refused only because a newer verification from
    another branch replaced the one it approves (see the module's docstring), with the
    approval listed in `conflicts`; None for any other event `check_event` refused."""
    merged = _approved_on_another_branch(state, event)
    if merged is None:
        return None
    assert isinstance(event, Approve)
    conflict = Ignored(event, _merge_conflict(state, event, merged))
    state = _publish(replace(state, history=(*state.history, event)), event, merged)
    return replace(state, conflicts=(*state.conflicts, conflict))


def _approved_on_another_branch(state: ClaimState, event: Event) -> Verify | None:
    """The verification `event` approves, when the only reason not to count the approval is
    that a newer verification (from another branch, after a merge) replaced it while it was
    pending: otherwise the merge would silently unpublish a verdict."""
    if not isinstance(event, Approve) or state.pending is None:
        return None
    verify = next((v for v in state.verifications if v.id == event.verify_id), None)
    if verify is None or verify.id in state.decisions or verify.id == state.pending.id:
        return None
    if _replay_order(verify) > _replay_order(state.pending):
        return None
    if state.published is not None and _replay_order(verify) < _replay_order(
        state.published.verify
    ):
        return None  # never put an older verdict back over a newer one
    try:
        check_event(replace(state, pending=verify), event)
    except ReviewError:
        return None
    return verify


def _merge_conflict(state: ClaimState, approve: Approve, verify: Verify) -> str:
    newer = state.pending
    assert newer is not None
    return (
        f"合併衝突：{approve.editor} 核准了 {verify.id}（{verify.editor}，{verify.verdict}），"
        f"但另一分支的 {newer.id}（{newer.editor}，{newer.verdict}）已取代它；"
        f"公開的判定維持 {verify.verdict}，直到編輯審核 {newer.id}。"
        f" Merge conflict: {approve.editor!r} approved {verify.id} "
        f"({verify.editor!r}, {verify.verdict}), which {newer.id} ({newer.editor!r}, "
        f"{newer.verdict}) from another branch replaced; the published verdict stays "
        f"{verify.verdict} until editors approve or send back {newer.id}."
    )


def replay_all(
    events: Iterable[Event],
    *,
    retracted: Collection[str] = (),
    originals: Mapping[str, Mapping[str, FieldValue]] | None = None,
) -> dict[str, ClaimState]:
    """Every claim that has events, replayed; a claim with none is `ClaimState(claim_id)`."""
    by_claim: dict[str, list[Event]] = {}
    for event in events:
        by_claim.setdefault(event.claim_id, []).append(event)
    originals = originals or {}
    return {
        claim_id: replay(
            claim_id,
            claim_events,
            retracted=claim_id in retracted,
            original=originals.get(claim_id),
        )
        for claim_id, claim_events in sorted(by_claim.items())
    }


def _replay_order(event: BaseEvent) -> tuple[dt.datetime, str]:
    return event.at, event.id


def _tie_order(event: BaseEvent) -> tuple[dt.datetime, str, str]:
    return event.at, event.id, dump_event_line(event)


def _distinct(events: Iterable[Event]) -> tuple[list[Event], list[Event]]:
    """One event per id; when copies differ, the one whose line sorts first, whatever the
    input order, and the others apart."""
    by_id: dict[str, list[Event]] = {}
    for event in events:
        copies = by_id.setdefault(event.id, [])
        if event not in copies:
            copies.append(event)
    counted: list[Event] = []
    conflicting: list[Event] = []
    for copies in by_id.values():
        first, *others = sorted(copies, key=dump_event_line)
        counted.append(first)
        conflicting.extend(others)
    return counted, conflicting
