"""The review workflow's pure core: verdicts, events, replayed state and discrepancy checks.

Editors' decisions are events appended to claims/<slug>/reviews.jsonl; a claim's state is
derived by replaying them. Nothing here opens a file or a database.
"""

from claimdesk.review.discrepancy import (
    MOSTLY_CORRECT_WITHIN,
    Assessment,
    SourceValue,
    assess,
    parse_source_value,
)
from claimdesk.review.errors import ReviewError
from claimdesk.review.events import (
    Add,
    Approve,
    Assign,
    BaseEvent,
    Correct,
    Dismiss,
    Event,
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
from claimdesk.review.rules import check_event
from claimdesk.review.state import (
    ClaimState,
    ClaimStatus,
    Correction,
    Ignored,
    PublishedVerdict,
    apply_event,
    replay,
    replay_all,
)
from claimdesk.review.tolerance import Interval, holds, tolerance_interval, written_precision
from claimdesk.review.verdicts import (
    BEST_RATING,
    VERDICTS,
    WORST_RATING,
    Verdict,
    VerdictInfo,
    claim_review_rating,
    verdict_info,
)

__all__ = [
    "BEST_RATING",
    "MOSTLY_CORRECT_WITHIN",
    "VERDICTS",
    "WORST_RATING",
    "Add",
    "Approve",
    "Assessment",
    "Assign",
    "BaseEvent",
    "ClaimState",
    "ClaimStatus",
    "Correct",
    "Correction",
    "Dismiss",
    "Event",
    "Ignored",
    "Interval",
    "PublishedVerdict",
    "Restore",
    "ReviewError",
    "SendBack",
    "SourceValue",
    "Unassign",
    "Verdict",
    "VerdictInfo",
    "Verify",
    "apply_event",
    "assess",
    "check_added_claim",
    "check_event",
    "claim_review_rating",
    "dump_event_line",
    "holds",
    "new_event",
    "new_event_id",
    "parse_event_line",
    "parse_source_value",
    "replay",
    "replay_all",
    "tolerance_interval",
    "verdict_info",
    "written_precision",
]
