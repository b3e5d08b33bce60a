"""The verdict scale, defined once: labels in three languages, definitions, and the
schema.org ClaimReview rating the public pages publish.

The rating runs from WORST_RATING (incorrect) to BEST_RATING (correct) and a higher
`ratingValue` always means closer to true. 3, the midpoint, is deliberately unused: no verdict
says "half true", and leaving the gap keeps misleading (accurate figure, wrong impression)
nearer to incorrect than mostly_correct is to correct.

Three verdicts are not a degree of truth, so they have no rating (`rating is None`) and publish
only their name (`alternateName`):
- unsupported: nothing we found confirms or refutes the figure;
- outdated: the figure was true when published and has since been superseded, so placing it
  on a truth scale would say either "false" or "true today", both wrong;
- attributed_correctly: the source did say it, but a forecast or opinion cannot be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from claimdesk.vocabulary import Language

WORST_RATING = 1
BEST_RATING = 5


class Verdict(StrEnum):
    CORRECT = "correct"
    MOSTLY_CORRECT = "mostly_correct"
    MISLEADING = "misleading"
    INCORRECT = "incorrect"
    UNSUPPORTED = "unsupported"
    OUTDATED = "outdated"
    ATTRIBUTED_CORRECTLY = "attributed_correctly"


@dataclass(frozen=True, slots=True)
class VerdictInfo:
    """What the public reads about one verdict."""

    verdict: Verdict
    zh_hant: str
    zh_hans: str
    en: str
    definition_en: str
    definition_zh_hant: str
    rating: int | None  # WORST_RATING..BEST_RATING, or None when not a degree of truth

    def label(self, language: Language) -> str:
        return {"zh-Hant": self.zh_hant, "zh-Hans": self.zh_hans, "en": self.en}[language]


def _info(
    verdict: Verdict,
    labels: tuple[str, str, str],
    definition_en: str,
    definition_zh_hant: str,
    rating: int | None,
) -> tuple[Verdict, VerdictInfo]:
    zh_hant, zh_hans, en = labels
    return verdict, VerdictInfo(
        verdict, zh_hant, zh_hans, en, definition_en, definition_zh_hant, rating
    )


VERDICTS: MappingProxyType[Verdict, VerdictInfo] = MappingProxyType(
    dict(
        [
            _info(
                Verdict.CORRECT,
                ("正確", "正确", "Correct"),
                "The figure matches the source, within the precision the article gives it.",
                "數字與來源相符，誤差在文章寫出的精確度之內。",
                5,
            ),
            _info(
                Verdict.MOSTLY_CORRECT,
                ("大致正確", "大致正确", "Mostly correct"),
                "The figure is slightly off or imprecise, but the point it makes stands.",
                "數字略有出入或不夠精確，但不影響文章的論點。",
                4,
            ),
            _info(
                Verdict.MISLEADING,
                ("誤導", "误导", "Misleading"),
                "The figure may be accurate, but its framing or context gives a false impression.",
                "數字本身或許無誤，但其呈現方式或脈絡令人產生錯誤印象。",
                2,
            ),
            _info(
                Verdict.INCORRECT,
                ("錯誤", "错误", "Incorrect"),
                "The figure contradicts the source.",
                "數字與來源不符。",
                1,
            ),
            _info(
                Verdict.UNSUPPORTED,
                ("證據不足", "证据不足", "Unsupported"),
                "We found no evidence that confirms or refutes the figure.",
                "我們找不到能證實或否定此數字的證據。",
                None,
            ),
            _info(
                Verdict.OUTDATED,
                ("已過時", "已过时", "Outdated"),
                "The figure was correct when published but has since been superseded.",
                "數字在發表時正確，但其後已被新的數據取代。",
                None,
            ),
            _info(
                Verdict.ATTRIBUTED_CORRECTLY,
                ("引述無誤", "引述无误", "Attributed correctly"),
                "The source did say this; as a forecast or opinion it cannot itself be checked.",
                "來源確實如此表示；但這是預測或意見，本身無法查證。",
                None,
            ),
        ]
    )
)


def verdict_info(verdict: Verdict | str) -> VerdictInfo:
    """The table row for a verdict; a string is read as the verdict's value."""
    return VERDICTS[Verdict(verdict)]


def claim_review_rating(verdict: Verdict | str, language: Language = "en") -> dict[str, Any]:
    """The schema.org `reviewRating` of a ClaimReview: a Rating with `alternateName` always, and
    `ratingValue`/`bestRating`/`worstRating` only for verdicts on the truth scale."""
    info = verdict_info(verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": info.label(language)}
    if info.rating is not None:
        rating |= {
            "ratingValue": info.rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    return rating
