"""bench/corpus.py: the benchmark corpus builds with no problems and has the size asked for."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

from claimdesk.database.build import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus.py"


def make(out: Path, claims: int, seed: int) -> None:
    subprocess.run(
        [sys.executable, str(CORPUS), str(out), "--claims", str(claims), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )


def digest(claims_dir: Path) -> str:
    files = sorted(p for p in claims_dir.rglob("*") if p.is_file())
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(claims_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_a_small_corpus_builds_with_no_problems_at_the_size_asked(tmp_path: Path) -> None:
    make(tmp_path, 3000, seed=7)
    report = build(tmp_path / "claims", tmp_path / "claimdesk.db")
    assert report.problems == []
    assert abs(report.counts["claims"] - 3000) <= 150
    # About 32 claims an article, sources that grow with the corpus, ~10% approved verdicts,
    # and each verdict approved by an editor other than its verifier.
    assert 28 <= report.counts["claims"] / report.counts["articles"] <= 36
    assert report.counts["sources"] > 100
    assert 0.07 <= report.counts["verdicts"] / report.counts["claims"] <= 0.13
    reviews = sqlite3.connect(tmp_path / "reviews.db")
    kinds = dict(reviews.execute("select type, count(*) from events group by type"))
    assert set(kinds) == {"assign", "verify", "approve", "dismiss"}
    assert reviews.execute("select count(*) from log_problems").fetchone()[0] == 0
    reviews.close()


def test_the_same_seed_makes_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        make(tmp_path / name, 400, seed=3)
    make(tmp_path / "c", 400, seed=4)
    assert digest(tmp_path / "a" / "claims") == digest(tmp_path / "b" / "claims")
    assert digest(tmp_path / "a" / "claims") != digest(tmp_path / "c" / "claims")
