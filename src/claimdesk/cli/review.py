"""The review commands: queue, show, and one command per event an editor can record.

Each recording command appends one event through `desk.record` (the function the web desk
calls too) and prints the claim's new state.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimdesk.cli.options import LazyChoice, _claims_dir_option, _db_option
from claimdesk.errors import ClaimdeskError
from claimdesk.vocabulary import (
    CORRECTABLE_FIELDS,
    KINDS,
    QUALIFIER_MEANINGS,
    STATUSES,
    VERDICT_NAMES,
)

if TYPE_CHECKING:  # imported when a command runs, so that `claimdesk --help` starts fast
    from claimdesk.database.write import Databases
    from claimdesk.review.record import Recorded
    from claimdesk.series.evidence import CellEvidence

F = TypeVar("F", bound=Callable[..., Any])


def _statuses() -> Sequence[str]:
    return STATUSES


def _verdicts() -> Sequence[str]:
    return VERDICT_NAMES


def _correctable() -> Sequence[str]:
    return CORRECTABLE_FIELDS


def _editor_option(command: F) -> F:
    return click.option(
        "--editor",
        help="Who is acting (default: $CLAIMDESK_EDITOR, then git config user.name).",
    )(command)


def _editor(given: str | None) -> str:
    from claimdesk.review.record import default_editor

    editor = (given or "").strip() or default_editor()
    if not editor:
        raise ClaimdeskError("editor: say who you are with --editor NAME or $CLAIMDESK_EDITOR")
    return editor


def _databases(db_path: Path) -> Databases:
    from claimdesk.database.build import reviews_db_beside
    from claimdesk.database.write import Databases

    return Databases(db_path, reviews_db_beside(db_path))


def _claim_argument(command: F) -> F:
    return click.argument("claim_id")(command)


def _act(
    action: str,
    claim_id: str,
    fields: dict[str, Any],
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> Recorded:
    """Record the action through the one write path, the one the web desk uses too."""
    from claimdesk.review.actions import build_event
    from claimdesk.review.record import record

    who = _editor(editor)
    return record(
        claims_dir,
        claim_id,
        lambda item: build_event(action, item, fields, who),
        databases=_databases(db_path),
    )


def _print(recorded: Recorded) -> None:
    from claimdesk.cli.presenting import describe

    click.echo(f"recorded {recorded.event.type} ({recorded.event.id})")
    if not recorded.refreshed:
        click.echo("(the databases show it after the next `claimdesk build` or `serve`)", err=True)
    click.echo(describe(recorded.claim, recorded.state))


@click.command()
@click.option("--article", "articles", multiple=True, help="Only this article (repeatable).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=LazyChoice(_statuses),
    help="Only claims in this status (repeatable; default: the ones that need work).",
)
@click.option(
    "--revised",
    is_flag=True,
    help="Only the claims whose source was revised: a later release of the series revised "
    "the cell their published verdict rests on (with both values).",
)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@_claims_dir_option
@_db_option
def queue(
    articles: tuple[str, ...],
    statuses: tuple[str, ...],
    revised: bool,
    output_format: str,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """List the claims that need work, oldest article first, with their flags.

    Claims after the byline (flagged outside_body) are left out unless a status is asked for.
    Read from reviews.db when the databases are up to date with claims/, else from the files.

    Example:

        claimdesk queue --article ai-chips-nvidia-biren --status needs_review
    """
    if revised:
        _revised_queue(claims_dir, db_path, articles, output_format)
        return
    from claimdesk.cli.queue import indexed_queue_rows

    rows = indexed_queue_rows(claims_dir, db_path, articles, statuses)
    if rows is None:
        from claimdesk.cli.presenting import queue_rows

        rows = queue_rows(claims_dir, articles, statuses)
    if output_format == "json":
        click.echo(json.dumps({"claims": rows}, ensure_ascii=False, indent=2))
    else:
        from claimdesk.cli.presenting import queue_table  # loads review/: about 1 s

        click.echo(queue_table(rows))


def _revised_queue(
    claims_dir: Path, db_path: Path, articles: Sequence[str], output_format: str
) -> None:
    from claimdesk.cli.queue import revised_rows, revised_table

    rows = [
        row
        for row in revised_rows(claims_dir, db_path)
        if not articles or row["article_id"] in articles
    ]
    if output_format == "json":
        click.echo(json.dumps({"claims": rows}, ensure_ascii=False, indent=2))
    else:
        click.echo(revised_table(rows))


@click.command()
@_claim_argument
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@_claims_dir_option
@_db_option
def show(claim_id: str, output_format: str, claims_dir: Path, db_path: Path) -> None:
    """Show a claim in its sentence, its state and its whole history.

    Then the earlier published checks of the same quantity from other claims, the ten most
    recent, with their evidence (reuse one with `claimdesk verify --reuse`).

    Example:

        claimdesk show c5c437bf441
    """
    from claimdesk.cli.presenting import claim_record, describe, earlier_lines, history_lines
    from claimdesk.database.earlier import lookup
    from claimdesk.review.record import read_claim

    databases = _databases(db_path)
    item, _ = read_claim(claims_dir, claim_id, databases)
    earlier = lookup(databases, claim_id)
    if output_format == "json":
        shown = {**claim_record(item), "earlier_checks": [c.to_json() for c in earlier]}
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    click.echo(describe(item, item.state))
    for line in history_lines(item.state):
        click.echo(line)
    for line in earlier_lines(earlier):
        click.echo(line)


@click.command()
@_claim_argument
@_editor_option
@_claims_dir_option
@_db_option
def assign(claim_id: str, editor: str | None, claims_dir: Path, db_path: Path) -> None:
    """Take a claim: other editors see that you are on it.

    Example:

        claimdesk assign c5c437bf441 --editor amy
    """

    _print(_act("assign", claim_id, {}, editor, claims_dir, db_path))


@click.command()
@_claim_argument
@_editor_option
@_claims_dir_option
@_db_option
def unassign(claim_id: str, editor: str | None, claims_dir: Path, db_path: Path) -> None:
    """Give a claim back, so that another editor can take it.

    Example:

        claimdesk unassign c5c437bf441
    """

    _print(_act("unassign", claim_id, {}, editor, claims_dir, db_path))


@click.command()
@_claim_argument
@click.option("--verdict", required=True, type=LazyChoice(_verdicts), help="Your verdict.")
@click.option("--evidence-url", help="The primary source (unless --reuse or --series gives it).")
@click.option("--evidence-quote", help="The passage of the source the verdict rests on.")
@click.option("--source-value", help="The source's figure as it writes it: 1020億, 4.08兆, 28%.")
@click.option("--source-unit", help="Its unit, when the figure does not say (CNY, %, W…).")
@click.option("--source-time", help="The period the source's figure is for (2021, 2023-06).")
@click.option(
    "--series",
    "series_id",
    metavar="ID",
    help="Evidence from a series cell (claims/series/ID): its release's URL, value, unit, time.",
)
@click.option("--period", help="With --series: the cell's period (2023-04, 2023-04/2023-06).")
@click.option("--release", help="With --series: the release (default: the latest with the period).")
@click.option(
    "--explanation",
    "explanations",
    multiple=True,
    required=True,
    help="The public explanation; repeat for another language (detected: zh-Hant, zh-Hans, en).",
)
@click.option("--note", help="For editors only; never published.")
@click.option(
    "--reuse",
    "reused",
    metavar="OTHER_CLAIM_ID",
    help="Copy the evidence of another claim's published check (see `claimdesk show`): its "
    "URL, passage, source figure, unit and period, which the options you give replace, and a "
    "note naming it, which --note adds to.",
)
@_editor_option
@_claims_dir_option
@_db_option
def verify(
    claim_id: str,
    verdict: str,
    evidence_url: str | None,
    evidence_quote: str | None,
    source_value: str | None,
    source_unit: str | None,
    source_time: str | None,
    series_id: str | None,
    period: str | None,
    release: str | None,
    explanations: tuple[str, ...],
    note: str | None,
    reused: str | None,
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Record a verdict with its evidence; a second editor must approve it.

    Prints how the source's figure compares with the claim as worded, and the verdict that
    suggests. You decide the verdict. With --reuse, the evidence is copied from an earlier
    published check (the verification records which); it still needs a second editor.

    Example:

        claimdesk verify c5c437bf441 --verdict correct --evidence-url https://www.idc.com/x
        --evidence-quote "規模達432億元" --source-value 432億 --explanation "IDC報告相符。"

        claimdesk verify c5c437bf441 --reuse c7a3e1f09b2 --verdict correct
        --explanation "與IDC報告相符。"
    """

    from claimdesk.cli.presenting import assessment_lines
    from claimdesk.review.actions import assess_claim
    from claimdesk.review.record import read_claim

    series_cell: dict[str, str] = {}
    if series_id is not None or period is not None or release is not None:
        if reused:
            raise click.UsageError("--reuse and --series each give the evidence: give one")
        cell = _cell_evidence(
            claims_dir, series_id, period, release, (evidence_url, source_value, source_unit)
        )
        evidence_url, source_value, source_unit, source_time = (
            cell.url, cell.value, cell.unit, cell.period
        )  # fmt: skip
        evidence_quote = evidence_quote or cell.quote
        series_cell = {
            "series_id": cell.series_id,
            "series_release": cell.release,
            "series_period": cell.period,
        }
    given = {
        "verdict": verdict,
        "evidence_url": evidence_url,
        "evidence_quote": evidence_quote,
        "source_value": source_value,
        "source_unit": source_unit,
        "source_time": source_time,
        "explanations": explanations,
        "note": note,
    }
    fields: dict[str, Any] = _reused_evidence(claim_id, reused, db_path) if reused else {}
    fields.update(series_cell)
    if note and fields.get("note"):  # the note that names the reused check stays
        note = f"{fields['note']}; {note}"
    fields.update(
        (name, value) for name, value in {**given, "note": note}.items() if value is not None
    )
    if not fields.get("evidence_url"):
        raise click.UsageError(
            "give --evidence-url, --reuse another claim's evidence, or --series and --period"
        )
    recorded = _act("verify", claim_id, fields, editor, claims_dir, db_path)
    if fields.get("source_value"):
        item, _ = read_claim(claims_dir, claim_id, _databases(db_path))
        assessment = assess_claim(item, fields["source_value"], fields.get("source_unit"))
        for line in assessment_lines(assessment):
            click.echo(line)
    _print(recorded)


def _reused_evidence(claim_id: str, reused: str, db_path: Path) -> dict[str, Any]:
    """The verify fields copied from another claim's published check, from claimdesk.db."""
    import sqlite3

    from claimdesk.database.earlier import reused_evidence

    if not db_path.exists():
        raise ClaimdeskError(f"{db_path}: no database yet; run `claimdesk build` first")
    public = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return dict(reused_evidence(public, claim_id, reused))
    finally:
        public.close()


def _cell_evidence(
    claims_dir: Path,
    series_id: str | None,
    period: str | None,
    release: str | None,
    typed: tuple[str | None, ...],
) -> CellEvidence:
    """verify's evidence from a series cell: URL, quote, value, unit and time."""
    from claimdesk.series.evidence import cell_evidence

    if series_id is None or period is None:
        raise click.UsageError("--series and --period go together (--release with them)")
    if any(typed):
        raise click.UsageError(
            "a series cell gives the URL, the value and the unit: leave out --evidence-url, "
            "--source-value and --source-unit"
        )
    return cell_evidence(claims_dir, series_id, period, release)


@click.command()
@_claim_argument
@click.option("--verify-id", help="The verification to approve (default: the pending one).")
@_editor_option
@_claims_dir_option
@_db_option
def approve(
    claim_id: str, verify_id: str | None, editor: str | None, claims_dir: Path, db_path: Path
) -> None:
    """Approve another editor's verification: its verdict is published.

    Example:

        claimdesk approve c5c437bf441 --editor ben
    """

    fields = {"verify_id": verify_id}
    _print(_act("approve", claim_id, fields, editor, claims_dir, db_path))


@click.command("send-back")
@_claim_argument
@click.option("--reason", required=True, help="What the verifier should look at again.")
@click.option("--verify-id", help="The verification to send back (default: the pending one).")
@_editor_option
@_claims_dir_option
@_db_option
def send_back(
    claim_id: str,
    reason: str,
    verify_id: str | None,
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Return another editor's verification to them, saying why.

    Example:

        claimdesk send-back c5c437bf441 --reason "The 2021 figure is in table 3, not table 1."
    """

    fields = {"verify_id": verify_id, "reason": reason}
    _print(_act("send_back", claim_id, fields, editor, claims_dir, db_path))


@click.command()
@_claim_argument
@click.option("--field", required=True, type=LazyChoice(_correctable), help="What to correct.")
@click.option("--to", "to", required=True, help="The right value; 'null' for none. 1020億 works.")
@click.option("--reason", required=True, help="Why: what the article actually says.")
@click.option(
    "--meaning",
    type=click.Choice(QUALIFIER_MEANINGS),
    help="With --field qualifier: what the word means (default: as the extractor reads it).",
)
@_editor_option
@_claims_dir_option
@_db_option
def correct(
    claim_id: str,
    field: str,
    to: str,
    reason: str,
    meaning: str | None,
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Correct what the extractor read wrong; the public sees the correction.

    Example:

        claimdesk correct c5c437bf441 --field value --to 490億 --reason "misread as 49億"
    """

    fields = {"field": field, "to": to, "reason": reason, "meaning": meaning or ""}
    _print(_act("correct", claim_id, fields, editor, claims_dir, db_path))


@click.command()
@_claim_argument
@click.option("--reason", required=True, help="Why this is not a claim to check.")
@click.option("--duplicate-of", help="The claim this one duplicates.")
@_editor_option
@_claims_dir_option
@_db_option
def dismiss(
    claim_id: str,
    reason: str,
    duplicate_of: str | None,
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Dismiss a claim: not a claim after all, or a duplicate of another.

    Example:

        claimdesk dismiss c5c437bf441 --reason "A model number, not a figure"
    """

    fields = {"reason": reason, "duplicate_of": duplicate_of}
    _print(_act("dismiss", claim_id, fields, editor, claims_dir, db_path))


@click.command()
@_claim_argument
@_editor_option
@_claims_dir_option
@_db_option
def restore(claim_id: str, editor: str | None, claims_dir: Path, db_path: Path) -> None:
    """Undo a dismissal: the claim is back in review where it was.

    Example:

        claimdesk restore c5c437bf441
    """

    _print(_act("restore", claim_id, {}, editor, claims_dir, db_path))


@click.command("add-claim")
@click.argument("slug")
@click.option("--start", required=True, type=int, help="Offset where the figure starts.")
@click.option("--end", required=True, type=int, help="Offset just past the figure.")
@click.option("--value", help="Its value (default: read from the text), e.g. 1020億 or 3.5.")
@click.option("--unit", help="Its unit (default: read from the text).")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Its kind (default: from the unit).",
)
@click.option("--time", help="The period it refers to.")
@click.option("--source", help="Whom the article attributes it to.")
@click.option("--noun", help="What a count counts.")
@_editor_option
@_claims_dir_option
@_db_option
def add_claim(
    slug: str,
    start: int,
    end: int,
    value: str | None,
    unit: str | None,
    kind: str | None,
    time: str | None,
    source: str | None,
    noun: str | None,
    editor: str | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Add a claim the extractor missed: the article's text from START to END.

    Example:

        claimdesk add-claim ai-chips-nvidia-biren --start 120 --end 125
    """
    from claimdesk.review.record import added_claim_event, record_added_claim

    event = added_claim_event(
        claims_dir,
        slug,
        start,
        end,
        editor=_editor(editor),
        value=value,
        unit=unit,
        kind=kind,
        time=time,
        source=source,
        noun=noun,
    )
    _print(record_added_claim(claims_dir, event, databases=_databases(db_path)))
