"""The public side of readers' reports: a plain form POST, then a redirect to a thank-you page.

What one anonymous visitor can cost, and why (docs/security.md, "Readers' reports"):
- the body is read only up to MAX_BODY_BYTES and only for BODY_SECONDS, so a huge or a
  trickled body is refused (413, 408) without holding more than one coroutine;
- an address holds at most REPORTS_PER_ADDRESS reports in the sign-in throttle's WINDOW, the
  same per-address throttle (desk/auth.py) and the same reading of the client's address
  (trusted proxies only) as signing in; past it, 429 until the window has passed;
- a form whose hidden honeypot field is filled is answered as if kept, and not kept;
- writing is one short SQLite transaction in a thread, never on the event loop.

No CSRF token: the form is anonymous and the same for every reader, so the pages that carry it
stay cacheable. A report posted from another site is refused by Datasette's cross-origin check
(Sec-Fetch-Site, else Origin) before this view runs.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from pathlib import Path
from typing import Any

from datasette.utils.asgi import PayloadTooLarge, Response

from claimdesk.reports import REPORTS_FILE, ReportProblems, ReportRefused, file_report, read_report
from claimdesk.vocabulary import is_claim_id
from claimdesk.web.desk.auth import MAX_FAILURES, WINDOW, Settings, Throttle, client_address
from claimdesk.web.public.site import DATABASE, Page, render

# Three fields of at most 2,000 + 500 + 254 characters, percent-encoded (up to 9 bytes for one
# CJK character), and the hidden ones: 32 KiB holds any form the caps allow.
MAX_BODY_BYTES = 32 * 1024
MAX_FIELDS = 10
# A reader's browser sends the form at once; a body still arriving after this is a trickle.
BODY_SECONDS = 10.0
# The sign-in throttle's limit for a key of its own (desk/auth.py's MAX_FAILURES).
REPORTS_PER_ADDRESS = MAX_FAILURES
HONEYPOT = "homepage"
THANKS = "/report/thanks"


def reports_path(datasette: Any) -> Path:
    """reports.db, beside reviews.db (the desk's private database)."""
    return Path(datasette.get_database("reviews").path).with_name(REPORTS_FILE)


def report_throttle(datasette: Any) -> Throttle:
    """One per server. Over the limit, an address waits the whole window since its last report."""
    throttle: Throttle | None = getattr(datasette, "_claimdesk_report_throttle", None)
    if throttle is None:
        throttle = Throttle(first_delay=WINDOW)
        datasette._claimdesk_report_throttle = throttle
    return throttle


def _target(fields: dict[str, str]) -> dict[str, str]:
    """Where the reader came from, for the thank-you page's link back."""
    claim_id, article_id = fields.get("claim_id", ""), fields.get("article_id", "")
    if is_claim_id(claim_id):
        return {"claim": claim_id}
    return {"article": article_id} if article_id else {}


async def _exists(datasette: Any, fields: dict[str, str]) -> bool:
    db = datasette.get_database(DATABASE)
    if fields.get("claim_id"):
        sql, value = "select 1 from claims where id = ?", fields["claim_id"]
    else:
        sql, value = "select 1 from articles where id = ?", fields.get("article_id", "")
    return bool((await db.execute(sql, [value])).rows)


async def _page(
    datasette: Any, request: Any, status: int, message: tuple[str, str] | None, **context: Any
) -> Response:
    page = Page(
        title="回報錯誤 Report an error",
        description="告訴我們哪裡有錯。Tell us what is wrong.",
        path="/report",
    )
    return await render(
        datasette,
        request,
        "report.html",
        page,
        {"message": message, "errors": {}, "values": {}, **context},
        status=status,
    )


async def receive_report(request: Any, datasette: Any) -> Response:
    if request.method != "POST":
        return Response.redirect("/", status=303)
    throttle = report_throttle(datasette)
    key = f"report:{client_address(request.scope, Settings.of(datasette))}"
    if throttle.wait(key) > 0:  # before reading a byte of the body
        return await _too_many(datasette, request, throttle.wait(key))
    try:
        body = await asyncio.wait_for(request.post_body(MAX_BODY_BYTES), BODY_SECONDS)
    except PayloadTooLarge:
        return await _page(datasette, request, 413, ("回報太長。", "The report is too long."))
    except TimeoutError:
        return await _page(
            datasette,
            request,
            408,
            ("送出太慢，請再試一次。", "It took too long to send; try again."),
        )
    try:
        parsed = urllib.parse.parse_qs(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS
        )
    except (UnicodeDecodeError, ValueError):
        parsed = {"": ["", ""]}
    if any(len(values) != 1 for values in parsed.values()):
        return await _page(datasette, request, 400, ("表單有誤。", "That is not the report form."))
    fields = {name: values[0] for name, values in parsed.items()}
    back = _target(fields)
    if fields.get(HONEYPOT):
        # Only software fills a field no reader sees: answered as if kept, so it learns nothing.
        throttle.reserve(key)
        return _see_other(THANKS, back)
    try:
        report = read_report(fields)
        if not await _exists(datasette, fields):
            raise ReportProblems({"form": ("找不到這個主張或文章。", "No such claim or article.")})
    except ReportProblems as problems:
        return await _page(datasette, request, 400, None, errors=problems.problems, values=fields)
    wait = throttle.reserve(key)
    if wait > 0:
        return await _too_many(datasette, request, wait)
    try:
        await asyncio.to_thread(file_report, reports_path(datasette), report)
    except ReportRefused:
        return await _page(
            datasette,
            request,
            503,
            (
                "暫時無法收件，請改寄電子郵件。",
                "We cannot take reports just now; please write to us by e-mail.",
            ),
        )
    return _see_other(THANKS, back)


async def _too_many(datasette: Any, request: Any, wait: float) -> Response:
    minutes = max(1, round(wait / 60))
    response = await _page(
        datasette,
        request,
        429,
        (
            f"回報次數過多，請 {minutes} 分鐘後再試，或寫電子郵件給我們。",
            f"Too many reports from your address: try again in {minutes} minutes, or write to us.",
        ),
    )
    response.headers["retry-after"] = str(int(wait) + 1)
    return response


def _see_other(path: str, query: dict[str, str]) -> Response:
    """303: a reload of the thank-you page does not send the report again."""
    response = Response.redirect(f"{path}?{urllib.parse.urlencode(query)}" if query else path)
    response.status = 303
    return response


async def thanks(request: Any, datasette: Any) -> Response:
    claim_id, article_id = request.args.get("claim", ""), request.args.get("article", "")
    back = (
        f"/claim/{claim_id}"
        if is_claim_id(claim_id)
        else f"/article/{urllib.parse.quote(article_id, safe='')}"
        if article_id
        else "/"
    )
    page = Page(title="謝謝 Thank you", description="我們收到了。We have it.", path=THANKS)
    return await render(datasette, request, "report_thanks.html", page, {"back": back})
