"""The review rules: whether an event may be recorded on a claim, given the claim's state.

The write path calls `check_event` before it appends a line; `replay` calls it too, and skips
(records as ignored) what it refuses, so a log and the state derived from it always obey the
same rules. Messages are for the editor who tried: they name the claim and the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdesk.claim import InvalidClaim, check_invariants
from claimdesk.review.errors import ReviewError
from claimdesk.review.events import (
    Add,
    Approve,
    Assign,
    BaseEvent,
    Correct,
    Restore,
    SendBack,
    Unassign,
    Verify,
)
from claimdesk.vocabulary import QUALIFIER_MEANINGS

if TYPE_CHECKING:
    from claimdesk.review.state import ClaimState


def check_event(state: ClaimState, event: BaseEvent) -> None:
    """Raise ReviewError when `event` may not follow the events `state` was built from."""
    claim = state.claim_id
    if event.claim_id != claim:
        raise ReviewError(claim, "claim_id", f"the event is for claim {event.claim_id}")
    _check_place_in_log(state, event)
    if isinstance(event, Add):
        if state.history:
            raise ReviewError(claim, "claim_id", "the claim already exists; nothing to add")
        return
    if state.retracted:
        raise ReviewError(
            claim,
            "type",
            f"the claim is no longer in the article, so it cannot take {event.type!r}",
        )
    if state.dismissal is not None and not isinstance(event, Restore):
        raise ReviewError(
            claim,
            "type",
            f"the claim was dismissed ({state.dismissal.why}); restore it before {event.type!r}",
        )
    if isinstance(event, Assign):
        _check_assign(state, event)
    elif isinstance(event, Unassign) and state.assignee is None:
        raise ReviewError(claim, "type", "the claim is not assigned to anyone")
    elif isinstance(event, Verify) and state.assignee not in (None, event.editor):
        raise ReviewError(
            claim,
            "editor",
            f"the claim is assigned to {state.assignee!r}; only they can verify it until "
            "it is unassigned",
        )
    elif isinstance(event, Approve | SendBack):
        _check_review(state, event)
    elif isinstance(event, Correct):
        _check_correction(state, event)
    elif isinstance(event, Restore) and state.dismissal is None:
        raise ReviewError(claim, "type", "the claim is not dismissed; there is nothing to restore")


def _check_place_in_log(state: ClaimState, event: BaseEvent) -> None:
    """A new event goes at the end: replay sorts by (at, id), so one dated earlier than the
    claim's last event would be replayed before it and could mean something else."""
    if any(seen.id == event.id for seen in state.history):
        raise ReviewError(state.claim_id, "id", f"event {event.id} is already recorded")
    if state.history:
        last = state.history[-1]
        if (event.at, event.id) < (last.at, last.id):
            raise ReviewError(
                state.claim_id,
                "at",
                f"{event.at.isoformat()} is before the claim's last event "
                f"({last.at.isoformat()}); check the computer's clock",
            )


def _check_assign(state: ClaimState, event: Assign) -> None:
    if state.assignee == event.editor:
        raise ReviewError(state.claim_id, "editor", f"{event.editor!r} already has the claim")
    if state.assignee is not None:
        raise ReviewError(
            state.claim_id,
            "editor",
            f"the claim is assigned to {state.assignee!r}; unassign it first",
        )


def _check_review(state: ClaimState, event: Approve | SendBack) -> None:
    """Only the pending verification can be approved or sent back, and never approved by the
    editor who wrote it (the two-person rule)."""
    claim, wanted = state.claim_id, event.verify_id
    verify = next((v for v in state.verifications if v.id == wanted), None)
    if verify is None:
        raise ReviewError(claim, "verify_id", f"there is no verification {wanted} of this claim")
    decision = state.decisions.get(wanted)
    if isinstance(decision, Approve):
        raise ReviewError(
            claim,
            "verify_id",
            f"verification {wanted} was already approved by {decision.editor!r} "
            f"on {decision.at:%Y-%m-%d}",
        )
    if isinstance(decision, SendBack):
        raise ReviewError(
            claim,
            "verify_id",
            f"verification {wanted} was already sent back by {decision.editor!r} "
            f"on {decision.at:%Y-%m-%d}",
        )
    pending = state.pending
    if pending is None or pending.id != wanted:
        newer = f" ({pending.id} by {pending.editor!r}); review that one" if pending else ""
        raise ReviewError(
            claim, "verify_id", f"verification {wanted} was replaced by a newer one{newer}"
        )
    if event.editor == verify.editor:
        # The two-person rule both ways: a second editor approves it or sends it back (the
        # verifier replaces their own by verifying again).
        act = "approve" if isinstance(event, Approve) else "send back"
        raise ReviewError(
            claim,
            "verify_id",
            f"editor {event.editor!r} cannot {act} their own verification; "
            f"a second editor must {act} it",
        )


def _check_correction(state: ClaimState, event: Correct) -> None:
    from claimdesk.review.state import corrections_of

    fields = state.effective_fields()
    if (
        event.field in fields
        and fields[event.field] == event.to
        and (event.field != "qualifier" or fields.get("qualifier_meaning") == event.meaning)
    ):
        raise ReviewError(state.claim_id, "to", f"{event.field} is already {event.to!r}")
    # The claim as corrected must keep every rule an extracted claim keeps.
    after: dict[str, object] = {**fields}
    after.update((c.field, c.to) for c in corrections_of(state, event))
    try:
        check_invariants(after)
    except InvalidClaim as error:
        hint = ""
        if error.field == "qualifier_meaning":
            hint = f" (give the meaning of the qualifier: {', '.join(QUALIFIER_MEANINGS)})"
        raise ReviewError(state.claim_id, error.field, error.message + hint) from None
