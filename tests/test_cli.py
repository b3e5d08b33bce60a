"""The command line, through click's CliRunner (and once as the real program, into a pipe), on
real files in tmp_path."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from claimdesk.cli.main import cli
from conftest import ARTICLE, ROOT

# The fields tools outside the code depend on.
FIELDS = set("start end text value unit kind qualifier source sentence time flags".split())


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "idc.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_has_the_stable_fields_and_offsets(article_file: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output)["claims"]
    assert claims
    for claim in claims:
        assert set(claim) >= FIELDS
        assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    assert {"text": "432億元", "value": 43200000000, "unit": "CNY"}.items() <= claims[0].items()


def test_extract_yaml_and_table_formats(article_file: Path) -> None:
    as_yaml = CliRunner().invoke(cli, ["extract", str(article_file), "--format", "yaml"])
    assert yaml.safe_load(as_yaml.output)["claims"][0]["text"] == "432億元"
    table = CliRunner().invoke(cli, ["extract", str(article_file)])
    header = "start end text value unit kind qualifier source time flags"
    assert table.output.splitlines()[0].split() == header.split()
    assert "432億元" in table.output


def test_extract_writes_nothing(article_file: Path) -> None:
    before = sorted(article_file.parent.iterdir())
    CliRunner().invoke(cli, ["extract", str(article_file), "--format", "json"])
    assert sorted(article_file.parent.iterdir()) == before


def test_add_writes_article_and_claims(article_file: Path, tmp_path: Path) -> None:
    claims_dir = tmp_path / "claims"
    result = CliRunner().invoke(
        cli,
        [
            "add",
            str(article_file),
            "--slug",
            "idc",
            "--publisher",
            "測試社",
            "--published",
            "2023-06-20",
            "--claims-dir",
            str(claims_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    folder = claims_dir / "idc"
    assert (folder / "article.txt").read_bytes() == article_file.read_bytes()
    stored = yaml.safe_load((folder / "claims.yml").read_text(encoding="utf-8"))
    assert stored["article"]["title"] == ARTICLE.splitlines()[0]
    assert stored["article"]["publisher"] == "測試社"
    assert stored["article"]["language"] == "zh-Hant"
    assert not any("status" in claim for claim in stored["claims"])  # review is in events


def test_build_then_database_has_the_claims(claims_dir: Path, db_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--claims-dir", str(claims_dir), "--db", str(db_path)]
    )
    assert result.exit_code == 0, result.output
    assert "2 claims" in result.output
    assert sqlite_utils.Database(db_path)["claims"].count == 2


def test_bad_input_exits_non_zero_without_traceback(claims_dir: Path, db_path: Path) -> None:
    """The bad file is named and left out; the rest is published."""
    path = claims_dir / "idc-market" / "claims.yml"
    path.write_text(path.read_text("utf-8").replace("kind: money", "kind: cash"), "utf-8")
    result = CliRunner().invoke(
        cli, ["build", "--claims-dir", str(claims_dir), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "idc-market/claims.yml:" in result.output
    assert "claim c0000000001: kind:" in result.output
    published = sqlite3.connect(db_path).execute("select id from articles").fetchall()
    assert ("idc-market",) not in published
    assert len(published) == len(list(claims_dir.iterdir())) - 1


def test_non_utf8_file_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("市場規模".encode("big5"))
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert "big5.txt:1: not UTF-8 text" in result.output
    assert "Traceback" not in result.output


def test_output_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    # `claimdesk show ID | head` printed "Error: Broken pipe" once head had read its fill.
    # The reader here is gone before the first write, and the output is larger than a pipe
    # holds (200 kB), so the write fails however the two processes are scheduled.
    article = tmp_path / "long.txt"
    article.write_text(ARTICLE * 200, encoding="utf-8")
    claimdesk = str(Path(sys.executable).parent / "claimdesk")
    process = subprocess.Popen(
        [claimdesk, "extract", str(article), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert stderr.decode() == ""
    assert process.returncode == 1  # what Python itself exits with on a broken pipe


def test_schema_prints_json_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "ArticleFile"
    assert "Claim" in schema["$defs"]


def test_committed_claims_build(tmp_path: Path) -> None:
    """The embedded dataset in claims/ is valid and builds."""
    claims_dir = tmp_path / "claims"
    shutil.copytree(ROOT / "claims", claims_dir)
    result = CliRunner().invoke(
        cli, ["build", "--claims-dir", str(claims_dir), "--db", str(tmp_path / "claimdesk.db")]
    )
    assert result.exit_code == 0, result.output


def test_extract_takes_the_article_currency(tmp_path: Path) -> None:
    path = tmp_path / "earnings.txt"
    path.write_text("全年稅後淨利182億元，每股盈餘9.6元。\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(path), "--format", "json", "--currency", "twd"]
    )
    assert result.exit_code == 0, result.output
    assert {claim["unit"] for claim in json.loads(result.output)["claims"]} == {"TWD"}
