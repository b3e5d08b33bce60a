"""Earlier published checks of the same quantity (database/earlier.py): what counts as the
same quantity, that the lookup is one range of an index at any size, and reusing one's
evidence from the command line."""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from claimdesk.database.earlier import (
    LIMIT,
    SAME_QUANTITY,
    earlier_checks,
    quantity_of,
    with_notes,
)
from claimdesk.review import assess
from claimdesk.review.discrepancy import close_range
from claimdesk.review.tolerance import tolerance_interval
from claimdesk.vocabulary import QualifierMeaning
from earlier_fixtures import EVIDENCE_URL, NOTE, Project, cli_ok, make_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("earlier") / "project")


@pytest.fixture
def project(template: Project, tmp_path: Path) -> Project:
    """A copy, for the tests that record events."""
    shutil.copytree(template.path, tmp_path / "project")
    return Project(tmp_path / "project", template.claims)


def listed(project: Project, slug: str) -> list[str]:
    """The articles of the claim's earlier checks, newest first."""
    public = project.public()
    try:
        return [check.article_id for check in earlier_checks(public, project.claims[slug])]
    finally:
        public.close()


def test_a_published_check_of_the_same_quantity_in_other_articles_is_listed_newest_first(
    template: Project,
) -> None:
    assert listed(template, "ev-new") == ["ev-rounded", "ev-earlier"]


def test_a_claim_is_not_its_own_earlier_check(template: Project) -> None:
    assert listed(template, "ev-earlier") == ["ev-rounded"]
    assert listed(template, "ev-rounded") == ["ev-earlier"]


def test_other_sources_periods_and_units_are_other_quantities(template: Project) -> None:
    for other in ("ev-other-source", "ev-other-period", "ev-other-unit"):
        assert other not in listed(template, "ev-new")
        assert listed(template, other) == []


def test_a_figure_that_is_not_close_is_another_quantity(template: Project) -> None:
    # 450萬 against 378.8萬 is 19 % off: no editor would call it the same figure.
    assert "ev-not-close" not in listed(template, "ev-new")
    assert listed(template, "ev-not-close") == []


def test_unpublished_and_dismissed_checks_are_not_listed(template: Project) -> None:
    # ev-pending waits for approval; ev-dismissed was published, then dismissed.
    assert {"ev-pending", "ev-dismissed"}.isdisjoint(listed(template, "ev-new"))


def test_a_check_carries_its_verdict_evidence_article_and_approver(template: Project) -> None:
    public, private = template.public(), template.private()
    try:
        checks = earlier_checks(public, template.claims["ev-new"])
        [earlier] = [c for c in with_notes(private, checks) if c.article_id == "ev-earlier"]
    finally:
        public.close()
        private.close()
    assert earlier.claim_id == template.claims["ev-earlier"]
    assert (earlier.verdict, earlier.evidence_url) == ("correct", EVIDENCE_URL)
    assert (earlier.source_text, earlier.source_time) == ("378.8萬輛", "2023-H1")
    assert (earlier.verified_by, earlier.approved_by) == ("amy", "ben")
    assert earlier.article_published == "2023-07-01"
    assert earlier.note == NOTE
    assert earlier.matched_by == ("same_quantity",)


def test_the_list_is_capped_at_the_most_recent(template: Project) -> None:
    public = template.public()
    try:
        [newest] = earlier_checks(public, template.claims["ev-new"], limit=1)
    finally:
        public.close()
    assert newest.article_id == "ev-rounded"
    assert LIMIT == 10


def test_the_lookup_reads_an_index_range_and_never_scans_the_claims(template: Project) -> None:
    public = template.public()
    try:
        quantity = quantity_of(public, template.claims["ev-new"])
        assert quantity is not None
        params = {**dataclasses.asdict(quantity), "limit": LIMIT}
        plan = [row[3] for row in public.execute("explain query plan " + SAME_QUANTITY.sql, params)]
    finally:
        public.close()
    assert any("USING INDEX claims_published_quantity" in step for step in plan), plan
    assert not any(step.startswith("SCAN") for step in plan), plan


@given(
    value=st.integers(1, 10**9),
    meaning=st.sampled_from([None, "approximate", "lower_bound", "upper_bound"]),
    factor=st.floats(0.5, 1.5),
)
def test_close_is_what_verify_would_call_correct_or_mostly_correct(
    value: int, meaning: QualifierMeaning | None, factor: float
) -> None:
    """close_range is the discrepancy rule's correct-or-mostly-correct, solved for the
    source's figure."""
    bottom, top = close_range(tolerance_interval(value, str(value), meaning))
    figure = value * factor
    # Away from the edges, where floating point may round either way.
    assume(not any(math.isclose(figure, edge, rel_tol=1e-9) for edge in (bottom, top)))
    suggested = assess(value, str(value), None, meaning, figure, None).suggested_verdict
    assert (bottom <= figure <= top) == (suggested in ("correct", "mostly_correct"))


# --- the command line ----------------------------------------------------------------------


def test_show_lists_the_earlier_checks(template: Project) -> None:
    shown = cli_ok(template.path, "show", template.claims["ev-new"])
    assert "earlier checks of the same quantity" in shown
    assert template.claims["ev-earlier"] in shown and template.claims["ev-rounded"] in shown
    assert EVIDENCE_URL in shown and NOTE in shown
    assert template.claims["ev-not-close"] not in shown
    as_json = json.loads(cli_ok(template.path, "show", template.claims["ev-new"], "--format",
                                "json"))  # fmt: skip
    assert [c["article_id"] for c in as_json["earlier_checks"]] == ["ev-rounded", "ev-earlier"]


def _last_event(project: Project, slug: str) -> dict[str, object]:
    lines = (project.path / "claims" / slug / "reviews.jsonl").read_text("utf-8").splitlines()
    event: dict[str, object] = json.loads(lines[-1])
    return event


def test_verify_reuse_copies_the_evidence_and_still_needs_a_second_editor(
    project: Project,
) -> None:
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    out = cli_ok(
        project.path, "verify", new, "--reuse", earlier, "--verdict", "correct",
        "--explanation", "與中汽協公布的數字相符。",
    )  # fmt: skip
    assert "[needs_review]" in out
    event = _last_event(project, "ev-new")
    assert event["reused_from"] == earlier
    assert event["evidence_url"] == EVIDENCE_URL
    assert event["source_text"] == "378.8萬輛" and event["source_time"] == "2023-H1"
    assert earlier in str(event["note"])
    refused = pytest.raises(AssertionError)
    with refused:
        cli_ok(project.path, "approve", new)  # amy verified it: not hers to approve
    assert "[published]" in cli_ok(project.path, "approve", new, editor="ben")


def test_verify_reuse_takes_what_the_editor_gives_over_the_copy(project: Project) -> None:
    new, earlier = project.claims["ev-new"], project.claims["ev-earlier"]
    cli_ok(
        project.path, "verify", new, "--reuse", earlier, "--verdict", "correct",
        "--explanation", "相符。", "--evidence-url", "https://example.org/own",
        "--note", "另查了官網",
    )  # fmt: skip
    event = _last_event(project, "ev-new")
    assert event["evidence_url"] == "https://example.org/own"
    assert event["source_text"] == "378.8萬輛"  # not given: copied
    assert event["reused_from"] == earlier
    assert earlier in str(event["note"]) and "另查了官網" in str(event["note"])


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("ev-pending", "has no published verdict"),
        ("ev-dismissed", "has no published verdict"),
        ("ev-new", "own check"),
    ],
)
def test_verify_reuse_refuses_a_check_that_is_not_published(
    project: Project, slug: str, said: str
) -> None:
    from click.testing import CliRunner

    from claimdesk.cli.main import cli

    where = ["--claims-dir", str(project.path / "claims"), "--db",
             str(project.path / "claimdesk.db")]  # fmt: skip
    result = CliRunner().invoke(
        cli,
        ["verify", project.claims["ev-new"], "--reuse", project.claims[slug], "--verdict",
         "correct", "--explanation", "相符。", *where],
        env={"CLAIMDESK_EDITOR": "amy"},
    )  # fmt: skip
    assert result.exit_code == 1
    assert said in result.output
    assert "沿用" in result.output  # in Chinese too
    assert not (project.path / "claims" / "ev-new" / "reviews.jsonl").exists()


# --- the verify event ----------------------------------------------------------------------


def test_a_verify_line_written_before_reused_from_reads_as_before() -> None:
    from claimdesk.review import Verify, parse_event_line
    from conftest import REVIEWS_JSONL

    old = parse_event_line(REVIEWS_JSONL.splitlines()[0])
    assert isinstance(old, Verify) and old.reused_from is None


def test_a_verification_cannot_reuse_its_own_claim() -> None:
    from claimdesk.review import ReviewError, Verify, new_event

    with pytest.raises(ReviewError, match="own check") as refused:
        new_event(
            Verify, editor="amy", claim_id="c0000000002", verdict="correct",
            evidence_url=EVIDENCE_URL, evidence_quote="47.2%", explanations={"en": "Holds."},
            reused_from="c0000000002",
        )  # fmt: skip
    assert refused.value.field == "reused_from"
    assert "自己的查核" in str(refused.value)
