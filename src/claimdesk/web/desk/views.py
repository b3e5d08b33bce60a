"""The desk's pages and forms. File work runs in a thread: the review log's lock may wait."""

from __future__ import annotations

import asyncio
import functools
import json
import os
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from claimdesk.database.reading import CLAIM_CHECKS_SQL, FLAGGED_CLAIMS_SQL
from claimdesk.database.write import Databases
from claimdesk.errors import ClaimdeskError
from claimdesk.files.store import load_article
from claimdesk.files.urls import safe_url
from claimdesk.review import VERDICTS, Assessment, ReviewError
from claimdesk.review import assess as assess_figures
from claimdesk.review.actions import CORRECTABLE, assess_claim, build_event
from claimdesk.review.record import (
    StaleError,
    added_claim_event,
    read_claim,
    record,
    record_added_claim,
)
from claimdesk.review.reviewed import ReviewedClaim, parse_log, reviewed_claims
from claimdesk.vocabulary import FLAGS, NEEDS_WORK, QUALIFIER_MEANINGS, STATUSES, sql_list
from claimdesk.web import paging
from claimdesk.web.desk import earlier, form_errors, labels, revised, series_cells
from claimdesk.web.desk.auth import desk_open as accounts_exist
from claimdesk.web.desk.auth import is_editor
from claimdesk.web.paging import Cursor, Keyset

CLAIMS_DIR_VARIABLE = "CLAIMDESK_CLAIMS_DIR"
# The queue's order (reviews_schema.sql's claim_states_queue index): a page at a time.
QUEUE_ORDER = Keyset(
    (
        "article_published is null",
        "coalesce(article_published, '')",
        "article_id",
        "coalesce(start, -1)",
        "claim_id",
    )
)
# The default queue: claims that need work, in the article's body. Not through an index on
# status: the queue's own index gives the order, and nearly every claim needs work, so reading
# it in order and skipping the rest is cheaper than sorting every claim that needs work.
NEEDS_WORK_SQL = f"+status in ({sql_list(NEEDS_WORK)})"
# What follows the byline is not the article's own claim: not in the default queue.
IN_BODY_SQL = "not exists (select 1 from json_each(flags) where value = 'outside_body')"


# --- settings and the guard ----------------------------------------------------------------


def claims_dir(datasette: Any) -> Path:
    """Where claims/ is: the plugin's `claims_dir` setting, else what `serve` was given."""
    config = datasette.plugin_config("claimdesk") or {}
    return Path(config.get("claims_dir") or os.environ.get(CLAIMS_DIR_VARIABLE) or "claims")


def databases(datasette: Any) -> Databases:
    return Databases(
        Path(datasette.get_database("claimdesk").path),
        Path(datasette.get_database("reviews").path),
    )


def desk_open(datasette: Any) -> bool:
    return accounts_exist(datasette)


async def _guard(request: Any, datasette: Any) -> Response | None:
    """None when the visitor is a signed-in editor; otherwise the response to give."""
    if not desk_open(datasette):
        return await _render(datasette, request, "desk/closed.html", {}, status=503)
    if is_editor(request.actor):
        return None
    if request.method == "GET":
        return Response.redirect(datasette.urls.path("/-/login"))
    return Response.text("Sign in as an editor to do this.", status=403)


View = Callable[[Any, Any], Awaitable[Response]]


def editors_only(view: View) -> View:
    """Every desk page and form: a signed-in editor, or the guard's answer instead."""

    @functools.wraps(view)  # Datasette reads the signature to pass request and datasette
    async def guarded(request: Any, datasette: Any) -> Response:
        refused = await _guard(request, datasette)
        return refused if refused is not None else await view(request, datasette)

    return guarded


async def _render(
    datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200
) -> Response:
    context = {
        "editor": (request.actor or {}).get("id"),
        "safe_url": safe_url,
        "say": labels.say,
        "field_names": labels.FIELD_NAMES,
        **context,
    }
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


# --- the queue -----------------------------------------------------------------------------


@editors_only
async def queue(request: Any, datasette: Any) -> Response:
    args = request.args
    article, status, flag, assignee, checked, source_revised = (
        args.get("article") or "",
        args.get("status") or "",
        args.get("flag") or "",
        args.get("assignee") or "",
        args.get("check") or "",
        args.get(revised.QUEUE_PARAMETER) or "",
    )
    where: list[str] = []
    params: dict[str, Any] = {}
    if status:
        where.append("status = :status")
        params["status"] = status
    elif not source_revised:  # their claims are published: they need work all the same
        where.append(NEEDS_WORK_SQL)
    if article:
        where.append("article_id = :article")
        params["article"] = article
    if assignee:
        where.append("assignee = :assignee")
        params["assignee"] = assignee
    if flag:
        where.append("exists (select 1 from json_each(flags) where value = :flag)")
        params["flag"] = flag
    if checked:
        # The automatic checks live in claimdesk.db; the queue reads reviews.db.
        flagged = await datasette.get_database("claimdesk").execute(FLAGGED_CLAIMS_SQL)
        where.append("claim_id in (select value from json_each(:flagged))")
        params["flagged"] = json.dumps([row[0] for row in flagged.rows])
    elif not status:
        where.append(IN_BODY_SQL)
    if source_revised:
        # Their rows live in claimdesk.db (database/revisions.py); the queue reads reviews.db.
        where.append("claim_id in (select value from json_each(:revised))")
        params["revised"] = json.dumps(await revised.revised_claim_ids(datasette))
    cursor = paging.cursor_of(args)
    after, order, keys = QUEUE_ORDER.clause(cursor)
    db = datasette.get_database("reviews")
    rows = await db.execute(
        f"select *, {', '.join(QUEUE_ORDER.columns)} from claim_states where "
        + " and ".join([*where, after])
        + f" order by {order} limit {paging.PAGE_SIZE + 1}",
        {**params, **keys},
    )
    filters = {
        "article": article,
        "status": status,
        "flag": flag,
        "assignee": assignee,
        "check": checked,
        revised.QUEUE_PARAMETER: source_revised,
    }
    shown = paging.page(
        [dict(row) for row in rows.rows],
        cursor,
        lambda row: tuple(row[column] for column in QUEUE_ORDER.columns),
        datasette.urls.path("/desk"),
        params=filters,
    )
    assignees = await db.execute(
        "select distinct assignee from claim_states where assignee is not null order by 1"
    )
    claims = [_queue_row(row) for row in shown.rows]
    revisions = await revised.revisions_of(datasette, [row["claim_id"] for row in claims])
    for row in claims:
        row["revision"] = revisions.get(row["claim_id"])
    return await _render(
        datasette,
        request,
        "desk/queue.html",
        {
            "log_problems": await _log_problems(datasette),
            "claims": claims,
            "pager": shown,
            "filters": filters,
            "assignees": [r[0] for r in assignees.rows],
            # The closed list of flags, not those some claim carries: reading that would mean
            # every claim's flags at every request.
            "flags": FLAGS,
            "statuses": STATUSES,
            "revised_count": await revised.revised_count(datasette),
        },
    )


def _queue_row(row: dict[str, Any]) -> dict[str, Any]:
    row["flags"] = json.loads(row["flags"])
    row["parts"] = split_around(row["sentence"], row["text"], row["figure_offset"])
    return row


def split_around(sentence: str, figure: str, at: int | None = None) -> tuple[str, str, str]:
    """The sentence as (before, figure, after), for highlighting; Jinja escapes each part.
    `at` is where the claim's figure starts in the sentence (it may be there twice)."""
    if at is None or sentence[at : at + len(figure)] != figure:
        at = sentence.find(figure)
    if at < 0:
        return sentence + " ", figure, ""
    return sentence[:at], figure, sentence[at + len(figure) :]


# --- one claim -----------------------------------------------------------------------------


@editors_only
async def claim_page(request: Any, datasette: Any) -> Response:
    claim_id = request.url_vars["claim_id"]
    try:
        item, _ = await asyncio.to_thread(
            read_claim, claims_dir(datasette), claim_id, databases(datasette)
        )
    except ReviewError as error:
        return Response.text(str(error), status=404)
    except ClaimdeskError as error:
        return await _file_problem(datasette, request, error)
    return await _claim_response(
        datasette, request, item, {"done": _recorded(item, request.args.get("event"), request)}
    )


def _recorded(item: ReviewedClaim, event_id: str | None, request: Any) -> str | None:
    """ "Recorded" is said only of an event that is in this claim's log, written by the editor
    looking at the page: the address only says which event, never what to say."""
    me = (request.actor or {}).get("id")
    for event in item.state.history:
        if event_id and event.id == event_id and event.editor == me:
            return str(event.type)
    return None


async def _file_problem(datasette: Any, request: Any, error: ClaimdeskError) -> Response:
    """A file under claims/ that cannot be read as it is (an article.txt edited while serving,
    a claims.yml with a mistake): say which and what, instead of failing."""
    return await _render(
        datasette, request, "desk/file_problem.html", {"problem": str(error)}, status=409
    )


async def _log_problems(datasette: Any, slug: str | None = None) -> list[dict[str, Any]]:
    """The lines of the review logs the last build or write left out, from reviews.db."""
    sql = "select article_id, line, claim_id, field, message from log_problems"
    if slug is not None:
        sql += " where article_id = :slug"
    rows = await datasette.get_database("reviews").execute(
        sql + " order by article_id, line", {"slug": slug}
    )
    return [dict(row) for row in rows.rows]


async def _claim_response(
    datasette: Any,
    request: Any,
    item: ReviewedClaim,
    extra: Mapping[str, Any],
    status: int = 200,
) -> Response:
    text = item.article.text
    claim = item.claim
    if item.placed:
        begin = text.rfind("\n", 0, claim.start) + 1
        finish = text.find("\n", claim.end)
        finish = len(text) if finish < 0 else finish
        paragraph = (text[begin : claim.start], claim.text, text[claim.end : finish])
    else:
        paragraph = split_around(claim.sentence, claim.text)
    state = item.state
    me = (request.actor or {}).get("id")
    pending = state.pending
    checks = await datasette.get_database("claimdesk").execute(
        CLAIM_CHECKS_SQL, {"claim_id": claim.id}
    )
    context = {
        "next_claim": await next_claim(datasette, item.claim_id),
        "public_url": datasette.urls.path(f"/claim/{item.claim_id}"),
        "suggestion": _pending_suggestion(item),
        "checks": [{**dict(c), "related": json.loads(c["related"])} for c in checks.rows],
        "item": item,
        "claim": claim,
        "state": state,
        "status": str(state.status),
        "paragraph": paragraph,
        "fields": item.effective.model_dump(mode="json"),
        "history": [_history_entry(event, state) for event in state.history],
        "pending": pending,
        "may_review": pending is not None and pending.editor != me,
        "verdicts": list(VERDICTS.values()),
        "correctable": CORRECTABLE,
        "qualifier_meanings": QUALIFIER_MEANINGS,
        "errors": {},
        "values": {},
        **await earlier.context(datasette, request, item.claim_id),
        **await series_cells.context(datasette, request, item.claim_id),
        **await revised.context(datasette, item.claim_id),
        **extra,
    }
    return await _render(datasette, request, "desk/claim.html", context, status=status)


def _history_entry(event: Any, state: Any) -> dict[str, Any]:
    record = event.model_dump(mode="json", exclude={"id", "at", "editor", "type", "claim_id"})
    ignored = {entry.event.id: entry.reason for entry in state.ignored}
    # Explanations are text in their languages, shown as such (not as a dictionary).
    explained = record.pop("explanations", None) or {}
    return {
        "at": event.at,
        "editor": event.editor,
        "type": event.type,
        "details": {k: v for k, v in record.items() if v not in (None, "", {})},
        "explanations": explained,
        "ignored": ignored.get(event.id),
    }


def _pending_suggestion(item: ReviewedClaim) -> Assessment | None:
    """What the discrepancy rule suggests for the verification waiting for approval, from the
    source figure its author recorded: the approver sees whether the verdict followed it."""
    pending = item.state.pending
    if pending is None or pending.source_value is None:
        return None
    claim = item.effective
    return assess_figures(
        claim.value,
        claim.text,
        claim.unit,
        claim.qualifier_meaning,
        pending.source_value,
        pending.source_unit or claim.unit,
        claim_value_max=claim.value_max,
    )


async def next_claim(datasette: Any, claim_id: str) -> str | None:
    """The address of the claim after this one in the default queue (wrapping round to its
    first claim), for the "next claim" button; None when no other claim needs work."""
    db = datasette.get_database("reviews")
    here = await db.execute(
        f"select {', '.join(QUEUE_ORDER.columns)} from claim_states where claim_id = :id",
        {"id": claim_id},
    )
    where = f"{NEEDS_WORK_SQL} and {IN_BODY_SQL} and claim_id != :id"
    cursors = [Cursor(tuple(here.rows[0])), None] if here.rows else [None]
    for cursor in cursors:
        after, order, keys = QUEUE_ORDER.clause(cursor)
        found = await db.execute(
            f"select claim_id from claim_states where {where} and {after} order by {order} limit 1",
            {"id": claim_id, **keys},
        )
        if found.rows:
            return str(datasette.urls.path(f"/desk/claim/{found.rows[0][0]}"))
    return None


@editors_only
async def act(request: Any, datasette: Any) -> Response:
    """A form: one event, written through the same function as the command line. Every
    problem of the form is shown at once, beside its field; a recorded event redirects
    (303), so reloading the page never posts the form again."""
    if request.method != "POST":
        return Response.text("POST a form to this address.", status=405)
    claim_id, action = request.url_vars["claim_id"], request.url_vars["action"]
    fields = dict(await request.post_vars())
    editor = request.actor["id"]
    directory = claims_dir(datasette)
    seen = fields.get("last_event_id") or None
    try:
        item, _ = await asyncio.to_thread(read_claim, directory, claim_id, databases(datasette))
    except ReviewError as error:
        return Response.text(str(error), status=404)
    except ClaimdeskError as problem:  # the files changed under the form: say so
        return await _file_problem(datasette, request, problem)
    errors = form_errors.problems(action, item, fields, editor)
    if item.state.last_event_id != seen:
        return await _stale_response(datasette, request, item, seen, fields, action, errors)
    if errors:
        return await _form_response(datasette, request, item, fields, action, errors)
    try:
        recorded = await asyncio.to_thread(
            record,
            directory,
            claim_id,
            lambda item: build_event(action, item, fields, editor),
            databases=databases(datasette),
            seen_event_id=seen,
            check_seen=True,
        )
    except (StaleError, ReviewError) as error:  # someone acted meanwhile, or a workflow rule
        try:
            item, _ = await asyncio.to_thread(read_claim, directory, claim_id, databases(datasette))
        except ReviewError:
            return Response.text(str(error), status=404)
        except ClaimdeskError as problem:
            return await _file_problem(datasette, request, problem)
        if isinstance(error, StaleError):
            return await _stale_response(datasette, request, item, seen, fields, action, {})
        errors = {error.field or "form": form_errors.message(error.field, error.problem)}
        return await _form_response(datasette, request, item, fields, action, errors)
    except ClaimdeskError as error:
        return await _file_problem(datasette, request, error)
    response = _see_other(
        datasette, f"/desk/claim/{claim_id}", done=action, event=recorded.event.id
    )
    response.headers["x-claimdesk-event"] = recorded.event.id
    return response


async def _form_response(
    datasette: Any,
    request: Any,
    item: ReviewedClaim,
    fields: Mapping[str, Any],
    action: str,
    errors: Mapping[str, Any],
) -> Response:
    """The page again, with what the editor entered and every problem beside its field."""
    extra = {"errors": errors, "values": fields, "form": action}
    return await _claim_response(datasette, request, item, extra, status=400)


async def _stale_response(
    datasette: Any,
    request: Any,
    item: ReviewedClaim,
    seen: str | None,
    fields: Mapping[str, Any],
    action: str,
    errors: Mapping[str, Any],
) -> Response:
    """The claim changed since the editor loaded the form: nothing is written, and the page
    says who did what since (it may be the same editor, in another tab)."""
    history = item.state.history
    ids = [event.id for event in history]
    since = history[ids.index(seen) + 1 :] if seen in ids else history
    extra = {
        "stale": [_history_entry(event, item.state) for event in since],
        "values": fields,
        "form": action,
        "errors": errors,
    }
    return await _claim_response(datasette, request, item, extra, status=409)


@editors_only
async def assess(request: Any, datasette: Any) -> Response:
    """The discrepancy and suggested verdict for a source value, as the editor types it.
    Always 200: a half-typed figure ("49", "490億美") is an answer with no suggestion, not an
    HTTP error. The answer echoes what it assessed, so the page can drop a late answer to an
    earlier keystroke."""
    claim_id = request.url_vars["claim_id"]
    value = (request.args.get("source_value") or "").strip()
    unit = (request.args.get("source_unit") or "").strip() or None
    echo = {"source_value": value, "source_unit": unit or ""}
    if not value:
        return Response.json({**echo, "error": None, "suggested_verdict": None})
    try:
        item, _ = await asyncio.to_thread(
            read_claim, claims_dir(datasette), claim_id, databases(datasette)
        )
    except ReviewError as error:
        return Response.json({"error": error.problem}, status=404)
    except ClaimdeskError as problem:
        return await _file_problem(datasette, request, problem)
    try:
        result = assess_claim(item, value, unit)
    except ReviewError as error:
        said = form_errors.message(error.field, error.problem)
        return Response.json(
            {**echo, "error": str(said), "field": error.field, "suggested_verdict": None}
        )
    suggested = result.suggested_verdict
    return Response.json(
        {
            **echo,
            "error": None,
            "holds": result.holds,
            "suggested_verdict": str(suggested) if suggested else None,
            "suggested_label": str(labels.say("verdict", suggested)) if suggested else None,
            "difference": result.difference,
            "relative_difference": result.relative_difference,
            "reason": result.reason,
            "reason_zh_hant": result.reason_zh_hant,
        }
    )


# --- an article ----------------------------------------------------------------------------


def _article_items(directory: Path, slug: str) -> tuple[Any, list[ReviewedClaim]]:
    stored = load_article(directory / slug)
    items = [c for c in reviewed_claims(stored, parse_log(stored).events) if c.placed]
    return stored, items


def segments(text: str, items: list[ReviewedClaim]) -> list[dict[str, Any]]:
    """The text cut into plain runs and claims, each with its start offset (Python's, in code
    points), so that a selection in the page maps back to offsets into the article."""
    out: list[dict[str, Any]] = []
    at = 0
    for item in items:
        claim = item.claim
        if claim.start < at:
            continue  # overlapping spans: the first one wins the highlight
        if claim.start > at:
            out.append({"start": at, "text": text[at : claim.start], "claim": None})
        out.append({"start": claim.start, "text": claim.text, "claim": item})
        at = claim.end
    if at < len(text):
        out.append({"start": at, "text": text[at:], "claim": None})
    return out


@editors_only
async def article_page(request: Any, datasette: Any) -> Response:
    return await _article_response(request, datasette)


async def _article_response(
    request: Any, datasette: Any, error: str | None = None, status: int = 200
) -> Response:
    slug = request.url_vars["slug"]
    if not (claims_dir(datasette) / slug).is_dir():
        return Response.text(f"no article {slug}", status=404)
    try:
        stored, items = await asyncio.to_thread(_article_items, claims_dir(datasette), slug)
    except ClaimdeskError as problem:
        return await _file_problem(datasette, request, problem)
    counts: dict[str, int] = {}
    for item in items:
        counts[str(item.state.status)] = counts.get(str(item.state.status), 0) + 1
    return await _render(
        datasette,
        request,
        "desk/article.html",
        {
            "stored": stored,
            "segments": segments(stored.text, items),
            "counts": counts,
            "error": error,
            "log_problems": await _log_problems(datasette, slug),
        },
        status=status,
    )


@editors_only
async def add_claim(request: Any, datasette: Any) -> Response:
    if request.method != "POST":
        return Response.text("POST a form to this address.", status=405)
    slug = request.url_vars["slug"]
    form = await request.post_vars()
    directory = claims_dir(datasette)
    try:
        start, end = int(form.get("start", "")), int(form.get("end", ""))
        event = await asyncio.to_thread(
            added_claim_event, directory, slug, start, end, editor=request.actor["id"]
        )
        recorded = await asyncio.to_thread(
            record_added_claim, directory, event, databases=databases(datasette)
        )
    except (ValueError, ClaimdeskError) as error:
        message = str(error) if isinstance(error, ClaimdeskError) else "start and end: numbers"
        return await _article_response(request, datasette, error=message, status=400)
    return _see_other(
        datasette, f"/desk/claim/{recorded.event.claim_id}", done="add", event=recorded.event.id
    )


def _see_other(datasette: Any, path: str, **query: str) -> Response:
    """Back to a page after a form (303, so a reload does not post the form again)."""
    response = Response.redirect(datasette.urls.path(f"{path}?{urlencode(query)}"))
    response.status = 303
    return response
