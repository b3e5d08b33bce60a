"""What a check finds: one result about one claim, with the claims it relates and the reasoning
in numbers and in words, in Chinese and English."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from claimdesk.vocabulary import CHECK_KINDS, RESULTS, CheckKind, Result

__all__ = ["CHECK_KINDS", "RESULTS", "CheckKind", "CheckResult", "Result"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    claim_id: str  # the claim the result is about
    kind: CheckKind
    result: Result
    computation: str  # in numbers: 490億美元 ÷ 175億美元 = 2.8
    explanation_en: str
    explanation_zh: str  # Traditional Chinese; the Simplified is derived from it
    related: tuple[str, ...]  # every claim the check relates, this one first

    @property
    def id(self) -> str:
        """Stable across builds: the kind of check and the claims it relates."""
        key = "|".join([self.kind, *self.related])
        return "k" + hashlib.sha256(key.encode()).hexdigest()[:15]
