"""The desk's queue of readers' reports: open reports oldest first, and one report's page,
where an editor links it to a claim, answers it and closes it (or reopens it). Each step is a
row of report_steps with the editor and the time; nothing is ever changed in place."""

from __future__ import annotations

import asyncio
import urllib.parse
from typing import Any

from datasette.utils.asgi import Response

from claimdesk.reports import ReportRefused, add_step, list_reports, report_with_steps
from claimdesk.reports.store import MAX_ANSWER
from claimdesk.vocabulary import REPORT_STATUSES, ReportStep, is_claim_id
from claimdesk.web.desk.views import _render, _see_other, editors_only
from claimdesk.web.reports.public import reports_path

# Bilingual names of the steps, as the desk shows them in a report's history.
STEP_WORDS = {
    "link": "連結主張 Linked to a claim",
    "answer": "回覆 Answered",
    "close": "結案 Closed",
    "reopen": "重新開啟 Reopened",
}


@editors_only
async def queue(request: Any, datasette: Any) -> Response:
    status = request.args.get("status", "open")
    shown = status if status in REPORT_STATUSES else None
    reports = await asyncio.to_thread(list_reports, reports_path(datasette), shown)
    return await _render(
        datasette,
        request,
        "desk/reports.html",
        {"reports": reports, "status": shown or "", "statuses": REPORT_STATUSES},
    )


async def _report_response(
    datasette: Any, request: Any, error: str | None = None, status: int = 200
) -> Response:
    report_id = request.url_vars["report_id"]
    report = await asyncio.to_thread(report_with_steps, reports_path(datasette), report_id)
    if report is None:
        return Response.text(f"沒有這則回報 No report {report_id}", status=404)
    # The corrections that name this report: in the review logs (git), through reviews.db.
    corrections = await datasette.get_database("reviews").execute(
        "select claim_id, json_extract(event, '$.field') as field, "
        "json_extract(event, '$.at') as at, editor from events "
        "where type = 'correct' and json_extract(event, '$.report_id') = :report_id",
        {"report_id": report_id},
    )
    answer_mail = None
    if report["email"] and report["answer"]:
        answer_mail = "mailto:{}?{}".format(
            urllib.parse.quote(report["email"], safe="@"),
            urllib.parse.urlencode(
                {"subject": "回覆您的錯誤回報 About your report", "body": report["answer"]},
                quote_via=urllib.parse.quote,
            ),
        )
    return await _render(
        datasette,
        request,
        "desk/report.html",
        {
            "report": report,
            "step_words": STEP_WORDS,
            "corrections": [dict(row) for row in corrections.rows],
            "answer_mail": answer_mail,
            "max_answer": MAX_ANSWER,
            "error": error,
            "done": request.args.get("done"),
        },
        status=status,
    )


@editors_only
async def report_page(request: Any, datasette: Any) -> Response:
    return await _report_response(datasette, request)


@editors_only
async def take_step(request: Any, datasette: Any) -> Response:
    if request.method != "POST":
        return Response.text("POST a form to this address.", status=405)
    report_id = request.url_vars["report_id"]
    step: ReportStep = request.url_vars["step"]
    form = await request.post_vars()
    claim_id = (form.get("claim_id") or "").strip() or None
    answer = (form.get("answer") or "").strip() or None
    try:
        if step == "link":
            rows = await datasette.get_database("claimdesk").execute(
                "select 1 from claims where id = ?", [claim_id or ""]
            )
            if claim_id is None or not is_claim_id(claim_id) or not rows.rows:
                raise ReportRefused(f"沒有這個主張 · no claim {claim_id or '(empty)'}")
        elif step == "answer" and answer is None:
            raise ReportRefused("請寫下回覆 · write the answer")
        await asyncio.to_thread(
            add_step,
            reports_path(datasette),
            report_id,
            step,
            request.actor["id"],
            claim_id=claim_id if step == "link" else None,
            answer=answer if step == "answer" else None,
        )
    except ReportRefused as refused:
        return await _report_response(datasette, request, error=str(refused), status=400)
    return _see_other(datasette, f"/desk/report/{report_id}", done=step)
