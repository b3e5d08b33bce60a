"""reviews.jsonl under load: locked appends from two processes, and a public database that
holds nothing private."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.database.build import build
from claimdesk.files.store import locked_reviews
from claimdesk.review import Approve, Verify, dump_event_line, new_event
from conftest import ARTICLE, CLAIMS_YML, write_article

APPENDER = """
import sys
from pathlib import Path
from claimdesk.review import Assign, dump_event_line, new_event
from claimdesk.files.store import locked_reviews

folder, editor, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for n in range(count):
    # A long note-sized line, so that an interleaved write would show.
    event = new_event(Assign, editor=f"{editor}-{n}-" + "長" * 300, claim_id="c0000000001")
    with locked_reviews(folder) as log:
        log.append(dump_event_line(event))
"""


def test_two_processes_appending_lose_nothing_and_interleave_no_line(tmp_path: Path) -> None:
    folder = write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    writers = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(folder), name, "500"])
        for name in ("alice", "bob")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    lines = (folder / "reviews.jsonl").read_text("utf-8").splitlines()
    editors = [json.loads(line)["editor"].split("-")[:2] for line in lines]  # parses every line
    assert len(lines) == 1000
    for name in ("alice", "bob"):
        assert sorted(int(n) for who, n in editors if who == name) == list(range(500))


def test_an_append_after_a_hand_edit_without_final_newline_starts_a_line(tmp_path: Path) -> None:
    folder = write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    (folder / "reviews.jsonl").write_text('{"hand": "edit"}', encoding="utf-8")
    with locked_reviews(folder) as log:
        log.append('{"next": 1}')
    assert (folder / "reviews.jsonl").read_text("utf-8") == '{"hand": "edit"}\n{"next": 1}\n'


# Private text that must never reach claimdesk.db: notes, unpublished verdicts' words. Drawn
# from characters no public table, schema or constraint uses, so a match can only be a leak
# (an alphabet with Latin letters once drew "inconsistent", a word of the checks schema).
secrets = st.text(alphabet="秘備註稿甲乙丙丁戊己庚辛壬癸", min_size=12, max_size=40)


@settings(max_examples=25)
@given(note=secrets, draft=secrets, seed=st.integers(0, 2**32))
def test_no_private_byte_reaches_the_public_database(
    tmp_path_factory: pytest.TempPathFactory, note: str, draft: str, seed: int
) -> None:
    tmp_path: Path = tmp_path_factory.mktemp("leak")
    claims_dir = tmp_path / "claims"
    folder = write_article(claims_dir, "idc-market", ARTICLE, CLAIMS_YML)
    rng = random.Random(seed)
    published = new_event(
        Verify,
        editor="alice",
        claim_id="c0000000002",
        verdict="correct",
        evidence_url="https://www.idc.com/pr",
        evidence_quote="47.2%",
        explanations={"zh-Hant": "相符。"},
        note=note,  # an internal note on a verdict that is then published
    )
    approve = new_event(Approve, editor="bob", claim_id="c0000000002", verify_id=published.id)
    pending = new_event(
        Verify,
        editor=rng.choice(["carol", "dave"]),
        claim_id="c0000000001",
        verdict=rng.choice(["incorrect", "misleading"]),
        evidence_url="https://example.org/" + draft,
        evidence_quote=draft,
        explanations={"en": draft},
        note=note,
    )
    lines = [dump_event_line(e) for e in (published, approve, pending)]
    (folder / "reviews.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(claims_dir, tmp_path / "claimdesk.db")
    public = (tmp_path / "claimdesk.db").read_bytes()
    for private in (note, draft, "carol", "dave"):
        assert private.encode("utf-8") not in public
    private_db = (tmp_path / "reviews.db").read_bytes()
    assert note.encode("utf-8") in private_db
