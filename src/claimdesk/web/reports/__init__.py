"""Readers' reports on the web: the public form's address (`public.py`) and the desk's queue
of reports (`desk.py`). Neither is registered on a public-only replica, which has no
reports.db: there the form says where to write instead."""

from __future__ import annotations

from typing import Any

from claimdesk.vocabulary import REPORT_ID, REPORT_STEPS
from claimdesk.web.reports import desk, public

REPORT = rf"(?P<report_id>{REPORT_ID})"
STEP = rf"(?P<step>{'|'.join(REPORT_STEPS)})"


def routes() -> list[tuple[str, Any]]:
    return [
        (r"^/report$", public.receive_report),
        (r"^/report/thanks$", public.thanks),
        (r"^/desk/reports$", desk.queue),
        (rf"^/desk/report/{REPORT}$", desk.report_page),
        (rf"^/desk/report/{REPORT}/{STEP}$", desk.take_step),
    ]


def template_vars(datasette: Any) -> dict[str, Any]:
    """What the form's partial needs: whether this server takes reports (a desk server does, a
    replica does not) and each field's cap, so that a browser stops where the server would."""
    from claimdesk.reports.form import MAX_EMAIL, MAX_EVIDENCE_URL, MAX_PROBLEM
    from claimdesk.web.public_only import is_public_only

    return {
        "reports_open": not is_public_only(datasette),
        "report_caps": {
            "problem": MAX_PROBLEM,
            "evidence_url": MAX_EVIDENCE_URL,
            "email": MAX_EMAIL,
        },
        "report_honeypot": public.HONEYPOT,
    }
