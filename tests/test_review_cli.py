"""The review commands on real files: each appends one event, or refuses and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from claimdesk.review import parse_event_line
from conftest import ARTICLE, CLAIMS_YML, write_article

MARKET = "c0000000001"  # 432億元, unverified
GROWTH = "c0000000002"  # 47.2%, published by alice and bob


@pytest.fixture
def claims_dir(tmp_path: Path) -> Path:
    """One article with no review events yet."""
    directory = tmp_path / "claims"
    write_article(directory, "idc-market", ARTICLE, CLAIMS_YML)
    return directory


def run(claims_dir: Path, *args: str, editor: str = "amy") -> Result:
    return CliRunner().invoke(
        cli, [*args, "--claims-dir", str(claims_dir)], env={"CLAIMDESK_EDITOR": editor}
    )


def events(claims_dir: Path) -> list[dict[str, object]]:
    path = claims_dir / "idc-market" / "reviews.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def verify(claims_dir: Path, claim_id: str = MARKET, editor: str = "amy", **extra: str) -> Result:
    options = {
        "--verdict": "correct",
        "--evidence-url": "https://www.idc.com/prCHC1",
        "--evidence-quote": "市場規模為432億元",
        "--source-value": "432億",
        "--explanation": "IDC的新聞稿寫的正是432億元。",
        **extra,
    }
    args = [item for pair in options.items() for item in pair]
    return run(claims_dir, "verify", claim_id, *args, editor=editor)


def test_assign_appends_one_event_and_prints_the_state(claims_dir: Path) -> None:
    result = run(claims_dir, "assign", MARKET)
    assert result.exit_code == 0, result.output
    assert "[in_progress]" in result.output
    assert "assigned to: amy" in result.output
    assert [(e["type"], e["editor"], e["claim_id"]) for e in events(claims_dir)] == [
        ("assign", "amy", MARKET)
    ]


def test_unassign_gives_the_claim_back(claims_dir: Path) -> None:
    run(claims_dir, "assign", MARKET)
    result = run(claims_dir, "unassign", MARKET)
    assert result.exit_code == 0, result.output
    assert "[unverified]" in result.output


def test_verify_prints_the_discrepancy_and_suggested_verdict(claims_dir: Path) -> None:
    result = verify(claims_dir, **{"--source-value": "433億"})
    assert result.exit_code == 0, result.output
    assert "suggested verdict: mostly_correct" in result.output
    assert "[needs_review]" in result.output
    (event,) = events(claims_dir)
    assert event["type"] == "verify"
    assert event["source_value"] == 43_300_000_000
    assert event["source_unit"] == "CNY"
    assert event["explanations"] == {"zh-Hant": "IDC的新聞稿寫的正是432億元。"}


def test_a_second_editor_approves_and_the_verdict_is_published(claims_dir: Path) -> None:
    verify(claims_dir)
    result = run(claims_dir, "approve", MARKET, editor="ben")
    assert result.exit_code == 0, result.output
    assert "[published]" in result.output
    assert "published verdict: correct (正確), approved by ben" in result.output
    assert events(claims_dir)[-1]["verify_id"] == events(claims_dir)[0]["id"]


def test_approving_your_own_verification_is_refused(claims_dir: Path) -> None:
    verify(claims_dir)
    before = events(claims_dir)
    result = run(claims_dir, "approve", MARKET, editor="amy")
    assert result.exit_code == 1
    assert f"claim {MARKET}: verify_id: editor 'amy' cannot approve their own" in result.output
    assert events(claims_dir) == before


def test_approving_a_superseded_verification_is_refused(claims_dir: Path) -> None:
    verify(claims_dir)
    first = events(claims_dir)[0]["id"]
    verify(claims_dir, **{"--verdict": "mostly_correct"})
    result = run(claims_dir, "approve", MARKET, "--verify-id", str(first), editor="ben")
    assert result.exit_code == 1
    assert "verify_id" in result.output
    assert len(events(claims_dir)) == 2


def test_send_back_returns_it_to_the_verifier_with_the_reason(claims_dir: Path) -> None:
    verify(claims_dir)
    result = run(claims_dir, "send-back", MARKET, "--reason", "表3才是2021年的數字", editor="ben")
    assert result.exit_code == 0, result.output
    assert "sent back by ben: 表3才是2021年的數字" in result.output
    assert "assigned to: amy" in result.output


def test_correct_records_the_field_and_the_public_sees_it(claims_dir: Path) -> None:
    result = run(
        claims_dir, "correct", MARKET, "--field", "value", "--to", "433億", "--reason", "誤讀"
    )
    assert result.exit_code == 0, result.output
    assert "corrected value: 43200000000 -> 43300000000 (誤讀)" in result.output
    assert events(claims_dir)[0]["to"] == 43_300_000_000


def test_dismiss_then_restore(claims_dir: Path) -> None:
    result = run(claims_dir, "dismiss", MARKET, "--reason", "Not a figure to check")
    assert result.exit_code == 0, result.output
    assert "[dismissed]" in result.output
    result = run(claims_dir, "restore", MARKET)
    assert result.exit_code == 0, result.output
    assert "[unverified]" in result.output


def test_dismiss_as_a_duplicate_names_the_other_claim(claims_dir: Path) -> None:
    result = run(claims_dir, "dismiss", MARKET, "--reason", "same", "--duplicate-of", GROWTH)
    assert result.exit_code == 0, result.output
    assert events(claims_dir)[0]["duplicate_of"] == GROWTH


def test_add_claim_reads_the_figure_from_the_text(claims_dir: Path) -> None:
    start = ARTICLE.index("2021年")
    result = run(claims_dir, "add-claim", "idc-market", "--start", str(start), "--end",
                 str(start + 5))  # fmt: skip
    assert result.exit_code == 0, result.output
    (event,) = events(claims_dir)
    assert event["type"] == "add"
    assert event["text"] == "2021年"
    assert event["kind"] == "date"
    shown = run(claims_dir, "show", str(event["claim_id"]))
    assert "⟦2021年⟧" in shown.output


def test_add_claim_refuses_a_span_that_is_not_in_the_article(claims_dir: Path) -> None:
    result = run(claims_dir, "add-claim", "idc-market", "--start", "5", "--end", "500")
    assert result.exit_code == 1
    assert "end" in result.output
    assert events(claims_dir) == []


def test_show_prints_the_sentence_with_the_figure_and_the_history(claims_dir: Path) -> None:
    verify(claims_dir)
    result = run(claims_dir, "show", MARKET)
    assert result.exit_code == 0, result.output
    assert "⟦432億元⟧" in result.output
    assert "amy: verify (verdict=correct" in result.output


def test_queue_lists_what_needs_work_with_who_is_on_it(claims_dir: Path) -> None:
    run(claims_dir, "assign", MARKET)
    result = run(claims_dir, "queue", "--format", "json")
    rows = json.loads(result.output)["claims"]
    assert [(r["claim_id"], r["status"], r["assignee"]) for r in rows] == [
        (MARKET, "in_progress", "amy"),
        (GROWTH, "unverified", None),
    ]
    table = run(claims_dir, "queue", "--status", "in_progress").output
    assert MARKET in table
    assert GROWTH not in table


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["assign", "c9999999999"], "claim c9999999999: claim_id: no such claim"),
        (["assign", "not-an-id"], "claim_id: not a claim id"),
        (["approve", MARKET], "verify_id: no verification is waiting"),
        (["correct", MARKET, "--field", "value", "--to", "lots", "--reason", "x"], ": to:"),
    ],
)
def test_bad_input_names_claim_and_field_and_writes_nothing(
    claims_dir: Path, args: list[str], named: str
) -> None:
    result = run(claims_dir, *args)
    assert result.exit_code != 0
    assert named in result.output
    assert "Traceback" not in result.output
    assert events(claims_dir) == []


def test_an_unknown_verdict_is_refused(claims_dir: Path) -> None:
    result = verify(claims_dir, **{"--verdict": "pants_on_fire"})
    assert result.exit_code == 2
    assert "--verdict" in result.output
    assert events(claims_dir) == []


def test_a_non_numeric_source_value_is_refused(claims_dir: Path) -> None:
    result = verify(claims_dir, **{"--source-value": "很多"})
    assert result.exit_code == 1
    assert f"claim {MARKET}: source_value:" in result.output
    assert events(claims_dir) == []


def test_acting_on_a_dismissed_claim_is_refused(claims_dir: Path) -> None:
    run(claims_dir, "dismiss", MARKET, "--reason", "not a claim")
    result = verify(claims_dir)
    assert result.exit_code == 1
    assert "dismissed" in result.output
    assert len(events(claims_dir)) == 1


def test_the_editor_must_be_known(claims_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["assign", MARKET, "--claims-dir", str(claims_dir)],
        env={"CLAIMDESK_EDITOR": "", "GIT_CONFIG_GLOBAL": str(tmp_path / "none"), "HOME": "/"},
    )
    assert result.exit_code == 1
    assert "editor: say who you are" in result.output


def test_events_are_written_as_valid_lines(claims_dir: Path) -> None:
    verify(claims_dir)
    run(claims_dir, "approve", MARKET, editor="ben")
    lines = (claims_dir / "idc-market" / "reviews.jsonl").read_text("utf-8").splitlines()
    assert [parse_event_line(line).type for line in lines] == ["verify", "approve"]
    assert "432億元" in lines[0]  # Chinese unescaped
