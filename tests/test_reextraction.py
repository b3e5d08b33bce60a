"""Re-adding an edited article: claims keep their ids and reviews; no event is ever lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from conftest import ROOT

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"
MARKET_SENTENCE_WORD = "我國AI芯片市場規模將達到"  # in the sentence of 432億元


def _run(claims_dir: Path, *args: str, editor: str = "amy") -> Result:
    return CliRunner().invoke(
        cli, [*args, "--claims-dir", str(claims_dir)], env={"CLAIMDESK_EDITOR": editor}
    )


@pytest.fixture
def claims_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "claims"
    shutil.copytree(SEED, directory / SEED.name)
    return directory


def _claims(claims_dir: Path) -> dict[str, dict[str, Any]]:
    stored = yaml.safe_load((claims_dir / SEED.name / "claims.yml").read_text("utf-8"))
    return {c["id"]: c for c in stored["claims"]}


def _retracted(claims_dir: Path) -> dict[str, dict[str, object]]:
    stored = yaml.safe_load((claims_dir / SEED.name / "claims.yml").read_text("utf-8"))
    return {c["id"]: c for c in stored.get("retracted") or []}


def _id_of(claims_dir: Path, text: str) -> str:
    return next(i for i, c in _claims(claims_dir).items() if c["text"] == text)


def _publish(claims_dir: Path, claim_id: str) -> None:
    verified = _run(
        claims_dir,
        "verify",
        claim_id,
        "--verdict",
        "correct",
        "--evidence-url",
        "https://www.idc.com/x",
        "--evidence-quote",
        "432億元",
        "--explanation",
        "IDC報告相符。",
    )
    assert verified.exit_code == 0, verified.output
    approved = _run(claims_dir, "approve", claim_id, editor="ben")
    assert approved.exit_code == 0, approved.output


def _edit_and_readd(claims_dir: Path, old: str, new: str) -> Result:
    article = claims_dir / SEED.name / "article.txt"
    text = article.read_text("utf-8")
    assert old in text
    article.write_text(text.replace(old, new, 1), "utf-8")
    return _run(claims_dir, "add", str(article), "--slug", SEED.name, "--update")


def _public_claim(tmp_path: Path, claims_dir: Path, claim_id: str) -> dict[str, object]:
    db = tmp_path / "claimdesk.db"
    build(claims_dir, db)
    return dict(sqlite_utils.Database(db).table("claims").get(claim_id))


def test_an_edit_in_the_middle_keeps_every_id(claims_dir: Path) -> None:
    before = set(_claims(claims_dir))
    result = _edit_and_readd(claims_dir, "前所未有的", "驚人的")
    assert result.exit_code == 0, result.output
    assert set(_claims(claims_dir)) == before


def test_an_edit_at_the_start_keeps_every_id(claims_dir: Path) -> None:
    before = set(_claims(claims_dir))
    result = _edit_and_readd(claims_dir, "AI的水位漸高", "【本報訊】AI的水位漸高")
    assert result.exit_code == 0, result.output
    after = _claims(claims_dir)
    assert set(after) == before
    first = min(after.values(), key=lambda c: c["start"])
    assert first["start"] == 25 + len("【本報訊】")


def test_an_approved_claim_whose_sentence_changes_keeps_its_verdict(
    claims_dir: Path, tmp_path: Path
) -> None:
    market = _id_of(claims_dir, "432億元")
    _publish(claims_dir, market)
    result = _edit_and_readd(claims_dir, MARKET_SENTENCE_WORD, "中國AI芯片市場規模將達到")
    assert result.exit_code == 0, result.output
    claim = _claims(claims_dir)[market]
    assert "中國AI芯片" in str(claim["sentence"])
    assert MARKET_SENTENCE_WORD in str(claim["sentence_was"])
    public = _public_claim(tmp_path, claims_dir, market)
    assert (public["status"], public["verdict"]) == ("published", "correct")
    shown = _run(claims_dir, "show", market)
    assert "sentence changed since it was reviewed" in shown.output


def test_a_changed_figure_is_a_new_claim_and_the_reviewed_one_is_retracted(
    claims_dir: Path, tmp_path: Path
) -> None:
    market = _id_of(claims_dir, "432億元")
    _publish(claims_dir, market)
    result = _edit_and_readd(claims_dir, "432億元", "433億元")
    assert result.exit_code == 0, result.output
    assert market not in _claims(claims_dir)
    assert _retracted(claims_dir)[market]["text"] == "432億元"
    assert "433億元" in {c["text"] for c in _claims(claims_dir).values()}
    public = _public_claim(tmp_path, claims_dir, market)
    assert (public["status"], public["start"], public["verdict"]) == ("retracted", None, "correct")
    refused = _run(claims_dir, "assign", market)
    assert refused.exit_code == 1
    assert "no longer in the article" in refused.output


def test_an_unreviewed_claim_that_disappears_is_simply_gone(claims_dir: Path) -> None:
    market = _id_of(claims_dir, "432億元")
    _edit_and_readd(claims_dir, "432億元", "433億元")
    assert market not in _claims(claims_dir)
    assert market not in _retracted(claims_dir)


def test_a_retracted_figure_that_comes_back_is_the_same_claim_again(claims_dir: Path) -> None:
    market = _id_of(claims_dir, "432億元")
    _publish(claims_dir, market)
    _edit_and_readd(claims_dir, "432億元", "433億元")
    _edit_and_readd(claims_dir, "433億元", "432億元")
    assert market in _claims(claims_dir)
    assert market not in _retracted(claims_dir)


def test_no_event_is_lost_by_re_extraction(claims_dir: Path) -> None:
    market = _id_of(claims_dir, "432億元")
    _publish(claims_dir, market)
    log = claims_dir / SEED.name / "reviews.jsonl"
    before = log.read_bytes()
    _edit_and_readd(claims_dir, "432億元", "433億元")
    assert log.read_bytes() == before
    assert [json.loads(line)["type"] for line in before.decode().splitlines()] == [
        "verify",
        "approve",
    ]
