"""Readers' reports of errors: what a reader may send (`form.py`) and where it is kept
(`store.py`, reports.db beside reviews.db).

A report is private: it is never written into claimdesk.db, the review logs or git, and a
published artifact never reads reports.db. Only its id may reach git, in a correct event's
`report_id`, so that the public correction log can say a reader reported the error without
saying who.
"""

from claimdesk.reports.form import ReaderReport, ReportProblems, read_report
from claimdesk.reports.store import (
    REPORTS_FILE,
    ReportRefused,
    add_step,
    file_report,
    list_reports,
    report_with_steps,
)

__all__ = [
    "REPORTS_FILE",
    "ReaderReport",
    "ReportProblems",
    "ReportRefused",
    "add_step",
    "file_report",
    "list_reports",
    "read_report",
    "report_with_steps",
]
