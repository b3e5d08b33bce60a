"""An article's claims with their review state: the log parsed (a bad line named and left out,
never fatal), replayed, and each claim's effective form (corrections applied) worked out once.

Every reader (command line, desk, public rows, checks, ClaimReview, search, feed) reads a claim
through `ReviewedClaim.effective`, so none of them can show the extracted field after an
editor corrected it.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.claim import Claim, InvalidClaim
from claimdesk.files.store import REVIEWS_FILE, StoredArticle
from claimdesk.review.errors import ReviewError
from claimdesk.review.events import Add, Event, FieldValue, parse_event_line
from claimdesk.review.state import ClaimState, replay, replay_all
from claimdesk.vocabulary import CORRECTABLE_FIELDS


@dataclass(frozen=True, slots=True)
class LogProblem:
    """A line of reviews.jsonl that is left out: unreadable, or an event replay did not count.
    Named by file and line, so an editor can find it; never fatal to the build."""

    slug: str
    line: int  # 1-based
    claim_id: str | None
    field: str | None
    message: str

    def describe(self, claims_dir: str = "claims") -> str:
        claim = f" claim {self.claim_id}:" if self.claim_id else ""
        field = f" {self.field}:" if self.field else ""
        return f"{claims_dir}/{self.slug}/{REVIEWS_FILE}:{self.line}:{claim}{field} {self.message}"


@dataclass(frozen=True, slots=True)
class Log:
    """An article's events as read: the events, the line each came from, what was left out."""

    events: tuple[Event, ...]
    lines: dict[str, int]  # event id -> 1-based line (the first, if a merge repeated it)
    unreadable: tuple[LogProblem, ...]


def parse_log(stored: StoredArticle) -> Log:
    """Every readable event of the article's log; each unreadable line becomes a LogProblem."""
    events: list[Event] = []
    lines: dict[str, int] = {}
    problems: list[LogProblem] = []
    for number, line in enumerate(stored.review_lines, start=1):
        if not line.strip():
            continue
        try:
            event = parse_event_line(line)
        except ReviewError as error:
            problems.append(
                LogProblem(
                    stored.slug,
                    number,
                    error.claim_id,
                    error.field,
                    f"{error.problem} (line left out)",
                )
            )
            continue
        events.append(event)
        lines.setdefault(event.id, number)
    return Log(tuple(events), lines, tuple(problems))


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """A claim as readers see it: where it is (`placed` is False once retracted), its state,
    and `effective`, the claim with editors' corrections applied."""

    article: StoredArticle
    claim: Claim  # as extracted or added, before corrections
    placed: bool
    state: ClaimState
    effective: Claim

    @property
    def claim_id(self) -> str:
        return self.claim.key


def reviewed_claims(
    stored: StoredArticle, events: tuple[Event, ...] | list[Event]
) -> list[ReviewedClaim]:
    """The article's claims (extracted, added by editors, retracted), each with its state, in
    the order of the text (retracted ones last)."""
    claims: dict[str, tuple[Claim, bool]] = {claim.key: (claim, True) for claim in stored.claims}
    for claim in stored.retracted:
        claims.setdefault(claim.key, (claim, False))
    for event in events:
        if isinstance(event, Add) and event.claim_id not in claims:
            added = added_claim(event, stored.text)
            if added is not None:
                placed = stored.text[event.start : event.end] == event.text
                claims[event.claim_id] = (added, placed)
    originals: dict[str, dict[str, FieldValue]] = {
        claim_id: {name: getattr(claim, name) for name in CORRECTABLE_FIELDS}
        for claim_id, (claim, _) in claims.items()
    }
    unplaced = {claim_id for claim_id, (_, placed) in claims.items() if not placed}
    states = replay_all(events, retracted=unplaced, originals=originals)
    # Events about claims this article does not have (a hand edit gone wrong) are not lost:
    # they stay in reviews.db's events table, but make no claim.
    found = []
    for claim_id, (claim, placed) in claims.items():
        state = states.get(claim_id) or replay(
            claim_id, [], retracted=not placed, original=originals[claim_id]
        )
        found.append(ReviewedClaim(stored, claim, placed, state, _effective(claim, state)))
    return sorted(found, key=lambda c: (not c.placed, c.claim.start, c.claim.end, c.claim_id))


def _effective(claim: Claim, state: ClaimState) -> Claim:
    try:
        return claim.corrected(state.corrected)
    except InvalidClaim:
        # Replay counts only corrections that keep the claim's rules (review/rules.py), so
        # this is a defect if it happens; the claim as extracted is the safe thing to show.
        return claim


def added_claim(event: Add, text: str) -> Claim | None:
    """The claim an `add` event describes, its sentence cut by the extractor's own rule; None
    when the event's fields break a claim's rules (the event is then left out)."""
    from claimdesk.extract.claims import sentence_of

    try:
        return Claim(
            id=event.claim_id,
            start=event.start,
            end=event.end,
            text=event.text,
            sentence=sentence_of(text, event.start, event.end) if event.end <= len(text) else "",
            value=event.value,
            value_max=event.value_max,
            unit=event.unit,
            kind=event.kind,
            qualifier=event.qualifier,
            qualifier_meaning=event.qualifier_meaning,
            time=event.time,
            source=event.source,
            noun=event.noun,
        )
    except ValueError:
        return None


def ignored_problems(items: list[ReviewedClaim], log: Log) -> list[LogProblem]:
    """The events replay did not count, and those it counted that a merge put in conflict
    (see state.replay), as problems named by line."""
    problems = []
    for item in items:
        notes = [(e, f"{e.event.type} left out: {e.reason}") for e in item.state.ignored] + [
            (e, f"{e.event.type} counted, settle it: {e.reason}") for e in item.state.conflicts
        ]
        for entry, message in notes:
            line = log.lines.get(entry.event.id, 0)
            problems.append(LogProblem(item.article.slug, line, item.claim_id, None, message))
    return sorted(problems, key=lambda p: (p.line, p.message))
