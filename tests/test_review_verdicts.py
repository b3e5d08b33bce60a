"""The verdict scale: one table of labels, definitions and ClaimReview ratings."""

from __future__ import annotations

from itertools import pairwise

import pytest

from claimdesk.extract.script import to_simplified
from claimdesk.review.verdicts import (
    BEST_RATING,
    VERDICTS,
    WORST_RATING,
    Verdict,
    claim_review_rating,
    verdict_info,
)
from claimdesk.vocabulary import Language

# From furthest from true to closest: the order ratingValue must follow.
TRUTH_SCALE = [Verdict.INCORRECT, Verdict.MISLEADING, Verdict.MOSTLY_CORRECT, Verdict.CORRECT]
OFF_THE_SCALE = [Verdict.UNSUPPORTED, Verdict.OUTDATED, Verdict.ATTRIBUTED_CORRECTLY]


def test_every_verdict_has_one_row() -> None:
    assert set(VERDICTS) == set(Verdict)
    assert all(info.verdict is verdict for verdict, info in VERDICTS.items())


def test_scale_and_off_scale_verdicts_are_all_the_verdicts() -> None:
    assert sorted([*TRUTH_SCALE, *OFF_THE_SCALE]) == sorted(Verdict)


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_is_labelled_and_defined_in_every_language(verdict: Verdict) -> None:
    info = verdict_info(verdict)
    for text in (info.zh_hant, info.zh_hans, info.en, info.definition_en, info.definition_zh_hant):
        assert text.strip()


@pytest.mark.parametrize("verdict", list(Verdict))
def test_simplified_label_is_the_traditional_label_in_simplified_script(verdict: Verdict) -> None:
    info = verdict_info(verdict)
    assert to_simplified(info.zh_hant) == info.zh_hans


@pytest.mark.parametrize(
    ("verdict", "language", "label"),
    [
        (Verdict.CORRECT, "zh-Hant", "正確"),
        (Verdict.CORRECT, "zh-Hans", "正确"),
        (Verdict.CORRECT, "en", "Correct"),
        (Verdict.MISLEADING, "zh-Hant", "誤導"),
        (Verdict.UNSUPPORTED, "zh-Hant", "證據不足"),
        (Verdict.OUTDATED, "en", "Outdated"),
        (Verdict.ATTRIBUTED_CORRECTLY, "zh-Hans", "引述无误"),
    ],
)
def test_label_in_each_language(verdict: Verdict, language: Language, label: str) -> None:
    assert verdict_info(verdict).label(language) == label


@pytest.mark.parametrize("language", ["zh-Hant", "zh-Hans", "en"])
def test_labels_are_distinct_in_each_language(language: Language) -> None:
    labels = [info.label(language) for info in VERDICTS.values()]
    assert len(set(labels)) == len(labels)


def test_a_higher_rating_is_always_closer_to_true() -> None:
    ratings = [verdict_info(v).rating or 0 for v in TRUTH_SCALE]
    assert all(low < high for low, high in pairwise(ratings))


def test_scale_runs_from_incorrect_at_worst_to_correct_at_best() -> None:
    assert verdict_info(Verdict.INCORRECT).rating == WORST_RATING
    assert verdict_info(Verdict.CORRECT).rating == BEST_RATING
    for verdict in TRUTH_SCALE:
        rating = verdict_info(verdict).rating
        assert rating is not None and WORST_RATING <= rating <= BEST_RATING


@pytest.mark.parametrize("verdict", OFF_THE_SCALE)
def test_verdicts_that_are_not_a_degree_of_truth_have_no_rating(verdict: Verdict) -> None:
    assert verdict_info(verdict).rating is None


def test_claim_review_rating_on_the_scale_has_value_best_and_worst() -> None:
    assert claim_review_rating(Verdict.MOSTLY_CORRECT) == {
        "@type": "Rating",
        "alternateName": "Mostly correct",
        "ratingValue": 4,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
    }


@pytest.mark.parametrize("verdict", OFF_THE_SCALE)
def test_claim_review_rating_off_the_scale_has_only_its_name(verdict: Verdict) -> None:
    rating = claim_review_rating(verdict, "zh-Hant")
    assert rating == {"@type": "Rating", "alternateName": verdict_info(verdict).zh_hant}


def test_verdict_can_be_looked_up_by_its_value() -> None:
    assert verdict_info("outdated") is VERDICTS[Verdict.OUTDATED]


def test_unknown_verdict_is_refused() -> None:
    with pytest.raises(ValueError, match="half_true"):
        verdict_info("half_true")
