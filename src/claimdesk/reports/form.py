"""What a reader may send: what is wrong, a link to the evidence, an e-mail address.

Every field has a cap in characters, checked here and again by reports.db's CHECKs; the form
as a whole has a cap in bytes (web/reports/public.py), so no field is ever read past its cap.
Problems are collected for every field at once, each in Chinese and English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from claimdesk.files.urls import is_web_url
from claimdesk.vocabulary import CLAIM_ID_PATTERN, SLUG_PATTERN

# Long enough for a paragraph and a quotation; short enough that a report is read, not skimmed.
MAX_PROBLEM = 2000
# Browsers and servers commonly stop at about 2,000 characters; an evidence link is shorter.
MAX_EVIDENCE_URL = 500
# RFC 5321's longest forward path.
MAX_EMAIL = 254
# Not RFC 5322: enough to tell a typo from an address, as a mail client would.
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]+")
FIELDS = ("problem", "evidence_url", "email")


class ReaderReport(BaseModel):
    """One report, as the reader sent it, about a claim or about an article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim_id: Annotated[str, Field(pattern=CLAIM_ID_PATTERN)] | None = None
    article_id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=200)] | None = None
    problem: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PROBLEM)]
    evidence_url: Annotated[str, Field(max_length=MAX_EVIDENCE_URL)] | None = None
    email: Annotated[str, Field(max_length=MAX_EMAIL)] | None = None


class ReportProblems(Exception):
    """Every field the reader must change, with what to change in Chinese and English."""

    def __init__(self, problems: Mapping[str, tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {en}" for field, (_, en) in problems.items()))
        self.problems = dict(problems)


def _problem_of(text: str) -> tuple[str, str] | None:
    if not text.strip():
        return ("請說明哪裡有錯。", "Say what is wrong.")
    if len(text) > MAX_PROBLEM:
        return (f"請精簡到 {MAX_PROBLEM} 字以內。", f"Keep it under {MAX_PROBLEM} characters.")
    return None


def _evidence_problem(url: str) -> tuple[str, str] | None:
    if len(url) > MAX_EVIDENCE_URL:
        return (
            f"連結請在 {MAX_EVIDENCE_URL} 字元以內。",
            f"Use a link under {MAX_EVIDENCE_URL} characters.",
        )
    if not is_web_url(url):
        return ("證據請用 http 或 https 連結。", "Give the evidence as an http or https link.")
    return None


def _email_problem(email: str) -> tuple[str, str] | None:
    if len(email) > MAX_EMAIL or not EMAIL.fullmatch(email):
        return (
            "這不像電子郵件地址，可以留空。",
            "That is not an e-mail address; it may be left empty.",
        )
    return None


def read_report(form: Mapping[str, str]) -> ReaderReport:
    """The report a form's fields make, or ReportProblems naming every field to change."""
    problem = form.get("problem", "").strip()
    evidence = form.get("evidence_url", "").strip()
    email = form.get("email", "").strip()
    claim_id = form.get("claim_id", "").strip() or None
    article_id = form.get("article_id", "").strip() or None
    problems = {
        name: found
        for name, found in (
            ("problem", _problem_of(problem)),
            ("evidence_url", _evidence_problem(evidence) if evidence else None),
            ("email", _email_problem(email) if email else None),
        )
        if found is not None
    }
    if (claim_id is None) == (article_id is None):
        problems["form"] = (
            "請從主張或文章頁面回報。",
            "Report from a claim's or an article's page.",
        )
    if problems:
        raise ReportProblems(problems)
    try:
        return ReaderReport(
            claim_id=claim_id,
            article_id=article_id,
            problem=problem,
            evidence_url=evidence or None,
            email=email or None,
        )
    except ValueError:  # an id that is no claim's or article's shape
        raise ReportProblems(
            {"form": ("請從主張或文章頁面回報。", "Report from a claim's or an article's page.")}
        ) from None
