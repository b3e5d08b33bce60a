"""The claims.yml format, as pydantic defines it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from claimdesk.claim import Claim
from claimdesk.files.models import ArticleFile

GOOD = {
    "id": "c0123456789",
    "start": 3,
    "end": 8,
    "text": "47億元",
    "sentence": "融資47億元。",
    "value": 4700000000,
    "unit": "CNY",
    "kind": "money",
}


def test_minimal_claim_has_no_flags_and_no_changed_sentence() -> None:
    claim = Claim.model_validate(GOOD)
    assert claim.flags == ()
    assert claim.sentence_was is None


@pytest.mark.parametrize("review_field", ["status", "verdict", "verifications"])
def test_review_state_is_not_part_of_a_claim(review_field: str) -> None:
    # What editors decide lives in reviews.jsonl; claims.yml is the extractor's alone.
    with pytest.raises(ValidationError, match="Extra inputs"):
        Claim.model_validate({**GOOD, review_field: "unverified"})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "cash"}, "kind"),
        ({"id": "claim-1"}, "id"),
        ({"flags": ["odd"]}, "flags"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_field_is_rejected_by_name(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Claim.model_validate({**GOOD, **change})
    assert field in {str(part) for error in caught.value.errors() for part in error["loc"]}


def test_end_must_follow_start() -> None:
    with pytest.raises(ValidationError, match="end"):
        Claim.model_validate({**GOOD, "end": 3})


def test_qualifier_needs_its_meaning() -> None:
    with pytest.raises(ValidationError, match="qualifier"):
        Claim.model_validate({**GOOD, "qualifier": "約"})


def test_article_language_is_a_closed_set() -> None:
    with pytest.raises(ValidationError, match="language"):
        ArticleFile.model_validate({"article": {"title": "t", "language": "fr"}, "claims": []})


def test_json_schema_lists_claim_fields() -> None:
    schema = ArticleFile.model_json_schema()
    claim = schema["$defs"]["Claim"]
    assert claim["additionalProperties"] is False
    assert {"id", "start", "end", "text", "value", "unit", "kind", "source", "flags"} <= set(
        claim["properties"]
    )
