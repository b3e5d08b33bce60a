"""The one way in for every review action, from the command line or the web.

`record` finds the claim, takes the article's reviews.jsonl lock, replays the events, checks the
new event against the rules and appends it (one write, fsync) before it returns. Reading the
state and appending happen under one lock, so two editors can never both act on what they
saw before the other's event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimdesk.database.write import Databases
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import decode_text
from claimdesk.files.store import (
    ARTICLE_TEXT,
    CLAIMS_FILE,
    REVIEWS_FILE,
    ReviewLog,
    StoredArticle,
    article_digest,
    article_folders,
    claim_ids_in,
    load_article,
    load_collection,
    load_files,
    locked_reviews,
    log_lines,
    read_folder,
)
from claimdesk.review import (
    Add,
    BaseEvent,
    ClaimState,
    ReviewError,
    apply_event,
    check_added_claim,
    check_event,
    dump_event_line,
    parse_source_value,
)
from claimdesk.review.events import Dismiss, Event, Verify
from claimdesk.review.reviewed import ReviewedClaim, parse_log, reviewed_claims
from claimdesk.vocabulary import CLAIM_ID_HEX, is_claim_id

EDITOR_VARIABLE = "CLAIMDESK_EDITOR"


class StaleError(ReviewError):
    """The claim changed since the page or command that acts on it was read."""


@dataclass(frozen=True)
class Recorded:
    event: BaseEvent
    claim: ReviewedClaim  # as it was before the event
    state: ClaimState  # after it
    refreshed: bool = False  # whether the databases show it yet (else: at the next build)


def default_editor() -> str | None:
    """$CLAIMDESK_EDITOR, else git's user.name: who is acting, unless they say."""
    name = os.environ.get(EDITOR_VARIABLE, "").strip()
    if name:
        return name
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def find_article(claims_dir: Path, claim_id: str, databases: Databases | None = None) -> Path:
    """The folder of the article that has the claim (extracted, retracted or added by hand):
    looked up in reviews.db's index of claims when there is one, else by reading each
    article's claims.yml (as YAML: an id may be quoted) and log."""
    if not is_claim_id(claim_id):
        raise ReviewError(claim_id, "claim_id", "not a claim id (c and 16 hex digits)")
    if databases is not None and databases.private.exists():
        slug = _indexed_article(databases.private, claim_id)
        if slug is not None and (claims_dir / slug / CLAIMS_FILE).exists():
            return claims_dir / slug
    for folder in article_folders(claims_dir):
        if claim_id in claim_ids_in(folder):
            return folder
    raise ReviewError(claim_id, "claim_id", "no such claim under " + str(claims_dir))


def _indexed_article(private: Path, claim_id: str) -> str | None:
    try:
        connection = sqlite3.connect(f"file:{private}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "select article_id from claim_states where claim_id = ?", [claim_id]
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def known_claim_ids(claims_dir: Path, databases: Databases | None = None) -> set[str]:
    """Every claim id in the collection: reviews.db's index, and the files of the articles it
    does not have yet. `claimdesk add` mints ids none of these has."""
    ids: set[str] = set()
    indexed: set[str] = set()
    if databases is not None and databases.private.exists():
        try:
            connection = sqlite3.connect(f"file:{databases.private}?mode=ro", uri=True)
            try:
                for claim_id, slug in connection.execute(
                    "select claim_id, article_id from claim_states"
                ):
                    ids.add(claim_id)
                    indexed.add(slug)
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            ids, indexed = set(), set()
    # Articles added since the last build are not in the index yet: read those.
    if claims_dir.is_dir():
        for folder in article_folders(claims_dir):
            if folder.name not in indexed:
                ids |= claim_ids_in(folder)
    return ids


def claim_in(stored: StoredArticle, events: list[Event], claim_id: str) -> ReviewedClaim | None:
    return next((c for c in reviewed_claims(stored, events) if c.claim_id == claim_id), None)


def read_claim(
    claims_dir: Path, claim_id: str, databases: Databases | None = None
) -> tuple[ReviewedClaim, list[Event]]:
    """A claim with its state and its article's events, as they are now."""
    folder = find_article(claims_dir, claim_id, databases)
    stored = load_article(folder)
    events = list(parse_log(stored).events)
    found = claim_in(stored, events, claim_id)
    if found is None:
        raise ReviewError(claim_id, "claim_id", "no such claim under " + str(claims_dir))
    return found, events


def record(
    claims_dir: Path,
    claim_id: str,
    make_event: Callable[[ReviewedClaim], BaseEvent],
    *,
    databases: Databases | None = None,
    seen_event_id: str | None = None,
    check_seen: bool = False,
) -> Recorded:
    """Append the event `make_event` builds for the claim, if the rules allow it, then bring
    the article's rows in `databases` up to date (see refresh.py).

    With `check_seen`, the event is refused (StaleError) unless the claim's last event is still
    `seen_event_id`: the page the editor acted on was up to date."""
    folder = find_article(claims_dir, claim_id, databases)
    with locked_reviews(folder) as log:
        loaded = _load_locked(folder, log)
        stored = loaded.stored
        events = list(parse_log(stored).events)
        item = claim_in(stored, events, claim_id)
        if item is None:
            raise ReviewError(claim_id, "claim_id", "no such claim under " + str(claims_dir))
        if check_seen and item.state.last_event_id != seen_event_id:
            raise StaleError(
                claim_id,
                "last_event_id",
                "someone else acted on this claim since you loaded it; look again",
            )
        event = _after_last(item, make_event(item))
        check_event(item.state, event)
        if isinstance(event, Dismiss) and event.duplicate_of is not None:
            _check_original(claims_dir, claim_id, event.duplicate_of, databases)
        if isinstance(event, Verify) and event.reused_from is not None:
            _check_reused(claims_dir, claim_id, event.reused_from, databases)
        if isinstance(event, Verify) and event.series_cell is not None:
            _check_series_cell(claims_dir, claim_id, event)
        log.append(dump_event_line(event))
        refreshed = databases is not None and write_databases(databases, folder, loaded)
    return Recorded(event, item, apply_event(item.state, event), refreshed)  # type: ignore[arg-type]


def _after_last(item: ReviewedClaim, event: BaseEvent) -> BaseEvent:
    """A new event goes after the claim's last one. When that one is dated later than this
    computer's clock (a wrong clock elsewhere, then a merge), the new event is dated just after
    it, so the claim is never frozen by one event from the future."""
    history = item.state.history
    if history and event.at <= history[-1].at:
        return event.model_copy(update={"at": history[-1].at + dt.timedelta(microseconds=1)})
    return event


def _check_original(
    claims_dir: Path, claim_id: str, original: str, databases: Databases | None
) -> None:
    """A duplicate names a claim that exists, and not itself."""
    if original == claim_id:
        raise ReviewError(claim_id, "duplicate_of", "a claim cannot be a duplicate of itself")
    try:
        find_article(claims_dir, original, databases)
    except ReviewError:
        raise ReviewError(
            claim_id, "duplicate_of", f"no claim {original} under {claims_dir}"
        ) from None


def _check_reused(
    claims_dir: Path, claim_id: str, reused: str, databases: Databases | None
) -> None:
    """A reused check is another claim's, and that claim has a published verdict: from its
    own log, so that a build that has not yet caught up cannot let an unpublished one in."""
    from claimdesk.database.earlier import not_published

    try:
        other, _ = read_claim(claims_dir, reused, databases)
    except ReviewError:
        raise ReviewError(claim_id, "reused_from", not_published(reused)) from None
    state = other.state
    if state.published is None or state.dismissal is not None or state.retracted:
        raise ReviewError(claim_id, "reused_from", not_published(reused))


def _check_series_cell(claims_dir: Path, claim_id: str, verify: Verify) -> None:
    """The named cell exists in the series files, and the verification's URL, figure, unit and
    period are the cell's: the log never says a verdict rests on a release it does not match."""
    from claimdesk.series.evidence import cell_evidence

    named = verify.series_cell
    assert named is not None
    try:
        cell = cell_evidence(claims_dir, named.series, named.period, named.release)
    except ClaimdeskError as error:
        raise ReviewError(claim_id, "series_cell", str(error)) from None
    expected = parse_source_value(cell.value, cell.unit, claim_id=claim_id)
    given = (verify.evidence_url, verify.source_value, verify.source_unit, verify.source_time)
    if given != (cell.url, expected.value, expected.unit, cell.period):
        raise ReviewError(
            claim_id,
            "series_cell",
            f"證據須與數列 {named.series} {named.release} 的 {named.period} 一致"
            f"（{cell.url}，{cell.value} {cell.unit}）· the evidence must be that cell's: "
            f"URL {cell.url}, value {cell.value}, unit {cell.unit}, time {cell.period}",
        )


def record_added_claim(
    claims_dir: Path, event: Add, *, databases: Databases | None = None
) -> Recorded:
    """Append an `add` event: a claim the extractor missed (its id from `added_claim_id`)."""
    folder = claims_dir / event.slug
    new_id = event.claim_id
    if not (folder / CLAIMS_FILE).exists():
        raise ClaimdeskError(f"{folder}: no such article")
    with locked_reviews(folder) as log:
        loaded = _load_locked(folder, log)
        stored = loaded.stored
        check_added_claim(event, stored.text)
        events = list(parse_log(stored).events)
        if claim_in(stored, events, new_id) is not None or any(
            c.start == event.start and c.end == event.end for c in stored.claims
        ):
            raise ReviewError(new_id, "start", "a claim already covers exactly this text")
        log.append(dump_event_line(event))
        refreshed = databases is not None and write_databases(databases, folder, loaded)
        item = claim_in(stored, [*events, event], new_id)
    assert item is not None
    return Recorded(event, item, item.state, refreshed)


def added_claim_id(slug: str, start: int, end: int) -> str:
    """Stable, and never the id of an extracted claim (their keys have four parts)."""
    key = "\x1f".join((slug, "added", str(start), str(end)))
    return "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:CLAIM_ID_HEX]


@dataclass(frozen=True)
class Loaded:
    """An article as loaded under its log's lock, with the bytes it was loaded from."""

    stored: StoredArticle
    files: dict[str, bytes]


def _load_locked(folder: Path, log: ReviewLog) -> Loaded:
    files = read_folder(folder)
    stored = load_files(folder, files)
    # The log as the lock holder reads it (read_folder's copy was read the same way).
    return Loaded(dataclasses.replace(stored, review_lines=log.lines()), files)


def write_databases(databases: Databases, folder: Path, before: Loaded | None = None) -> bool:
    """After an event is appended (under the log's lock): the article's rows in both
    databases, through the one write path. False when there are no databases yet (the next
    build writes them) or they cannot be written now (the event is safe in its file, and
    the next build, which `serve` runs when files changed, writes it)."""
    from claimdesk.database.build import is_current, write_article

    claims_dir = folder.parent
    if not (is_current(databases.public, claims_dir) and is_current(databases.private, claims_dir)):
        return False
    files = read_folder(folder)
    if before is not None and all(
        files[name] == before.files[name] for name in (ARTICLE_TEXT, CLAIMS_FILE)
    ):
        # Only the log changed (we hold its lock): the article's parse is reused, which is
        # most of what a desk write would otherwise cost on a long article.
        lines = log_lines(decode_text(folder / REVIEWS_FILE, files.get(REVIEWS_FILE, b"")))
        stored = dataclasses.replace(before.stored, review_lines=lines)
    else:
        stored = load_files(folder, files)
    try:
        write_article(
            databases.public, databases.private, stored, article_digest(folder.name, files)
        )
    except sqlite3.Error:
        return False
    return True


def all_claims(claims_dir: Path, slugs: tuple[str, ...] = ()) -> Iterator[ReviewedClaim]:
    """Every claim with its state, article by article (for the queue)."""
    for stored in load_collection(claims_dir).articles:
        if slugs and stored.slug not in slugs:
            continue
        yield from reviewed_claims(stored, parse_log(stored).events)


def added_claim_event(
    claims_dir: Path,
    slug: str,
    start: int,
    end: int,
    *,
    editor: str,
    value: str | None = None,
    unit: str | None = None,
    kind: str | None = None,
    time: str | None = None,
    source: str | None = None,
    noun: str | None = None,
) -> Add:
    """The `add` event for the article's text from `start` to `end`, with what the editor
    did not give read from that text the way the extractor reads figures."""
    from claimdesk.extract import find_numbers
    from claimdesk.review import new_event, parse_source_value
    from claimdesk.review.discrepancy import SourceValue

    stored = load_article(claims_dir / slug)
    claim_id = added_claim_id(slug, start, end)
    if not 0 <= start < end <= len(stored.text):
        raise ReviewError(
            claim_id, "end", f"{start}-{end} is not a span of the article (0-{len(stored.text)})"
        )
    text = stored.text[start:end]
    found = find_numbers(text)
    read = found[0] if len(found) == 1 else None
    parsed: SourceValue | None = None
    if value is not None:
        parsed = parse_source_value(value, unit, claim_id=claim_id)
    elif read is not None:
        parsed = SourceValue(read.value, read.unit) if read.value is not None else None
    unit = unit or (parsed.unit if parsed else None)
    return new_event(
        Add,
        editor=editor,
        claim_id=claim_id,
        slug=slug,
        start=start,
        end=end,
        text=text,
        value=parsed.value if parsed else None,
        value_max=read.value_max if read is not None and value is None else None,
        unit=unit,
        kind=kind or (read.kind if read is not None and read.kind else _kind_of(unit)),
        time=time,
        source=source,
        noun=noun,
    )


def _kind_of(unit: str | None) -> str:
    """The kind the extractor gives a figure in this unit; a bare number is a count."""
    from claimdesk.extract.units import SUFFIXES

    kinds = {entry.unit: entry.kind for entry in SUFFIXES.values()}
    return str(kinds.get(unit or "count", "quantity"))
