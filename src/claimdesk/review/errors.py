"""The one exception for a review rule an editor broke."""

from __future__ import annotations

from claimdesk.errors import ClaimdeskError


class ReviewError(ClaimdeskError):
    """A review event that cannot be recorded, worded for the editor who tried:
    `claim c0123456789: verify_id: editor 'amy' cannot approve their own verification`.

    `claim_id` and `field` are kept apart too, so a form can put the message beside its field.
    """

    def __init__(self, claim_id: str | None, field: str | None, problem: str) -> None:
        self.claim_id = claim_id
        self.field = field
        self.problem = problem
        parts = [f"claim {claim_id}"] if claim_id else []
        parts += [field] if field else []
        super().__init__(": ".join([*parts, problem]))
