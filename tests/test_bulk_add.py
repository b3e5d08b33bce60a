"""`claimdesk add FOLDER` on every core gives exactly what adding the files one by one gives:
the same slugs, the same claim ids, the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.errors import ClaimdeskError
from claimdesk.files.bulk import add_articles
from claimdesk.files.ingest import (
    ArticleDetails,
    add_article,
    extract_article,
    store_article,
    write_new_article,
)
from claimdesk.files.store import load_article
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT / "claims" / "ai-chips-nvidia-biren"


def _inbox(tmp_path: Path) -> Path:
    """The repository's articles, a variant of each, two files with one slug, a broken one."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for source in sorted(FIXTURES.glob("*.txt")):
        text = source.read_text("utf-8")
        (inbox / source.name).write_text(text, "utf-8")
        (inbox / f"{source.stem}-again.txt").write_text(text.replace("。", "。\n", 3), "utf-8")
    seed = (SEED / "article.txt").read_text("utf-8")
    (inbox / "same slug.txt").write_text(seed, "utf-8")
    (inbox / "same-slug.txt").write_text(seed + "\n另有營收47億元。\n", "utf-8")
    (inbox / "broken.txt").write_bytes("營收\x00為47億元。".encode())
    # An article already in claims/ (refused, or re-extracted with --update), edited.
    (inbox / f"{SEED.name}.txt").write_text(seed.replace("。", "，據報道。", 1), "utf-8")
    return inbox


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _one_by_one(files: list[Path], claims_dir: Path, *, update: bool, taken: set[str]) -> list[str]:
    """What `claimdesk add` did before it used more than one core."""
    outcomes = []
    for path in files:
        try:
            stored = add_article(path, claims_dir, update=update, taken=taken)
        except ClaimdeskError as error:
            outcomes.append(f"error: {error}")
            continue
        taken |= {c.key for c in stored.claims}
        outcomes.append(f"{stored.slug}: {[c.key for c in stored.claims]}")
    return outcomes


@pytest.mark.parametrize("update", [False, True])
def test_every_core_gives_the_bytes_one_by_one_gives(tmp_path: Path, update: bool) -> None:
    files = sorted(_inbox(tmp_path).glob("*.txt"))
    alone, together = tmp_path / "alone", tmp_path / "together"
    for claims_dir in (alone, together):
        shutil.copytree(SEED, claims_dir / SEED.name)
    taken = {c.key for c in load_article(SEED).claims}
    expected = _one_by_one(files, alone, update=update, taken=set(taken))
    got = [
        f"error: {outcome}"
        if isinstance(outcome, ClaimdeskError)
        else f"{outcome.slug}: {[c.key for c in outcome.claims]}"
        for _, outcome in add_articles(files, together, update=update, taken=taken, jobs=2)
    ]
    assert [o.replace(str(together), "") for o in got] == [
        o.replace(str(alone), "") for o in expected
    ]
    assert _tree(together) == _tree(alone)
    assert sum(o.startswith("error") for o in got) == (1 if update else 3)


def test_the_command_gives_the_same_with_one_job_or_two(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        claims_dir = tmp_path / f"claims-{jobs}"
        args = ["add", str(inbox), "--jobs", jobs, "--claims-dir", str(claims_dir)]
        result = CliRunner().invoke(cli, [*args, "--db", str(tmp_path / f"{jobs}.db")])
        assert result.exit_code == 1  # broken.txt and the second same-slug are named
        assert "2 of 16 files" in result.output
        outputs.append(result.output.replace(f"claims-{jobs}", "claims"))
    assert outputs[0] == outputs[1]
    assert _tree(tmp_path / "claims-1") == _tree(tmp_path / "claims-2")


@pytest.mark.parametrize("by_worker", [False, True])
def test_an_id_minted_meanwhile_by_another_worker_is_minted_again(
    tmp_path: Path, by_worker: bool
) -> None:
    article = tmp_path / "one.txt"
    article.write_text((SEED / "article.txt").read_text("utf-8"), "utf-8")
    found = extract_article(article, tmp_path / "claims", details=ArticleDetails())
    if by_worker:  # already written, with the id another worker got first
        found = write_new_article(found, tmp_path / "claims")
    clash = found.claims[0].key  # as if another worker's article got this id first
    stored = store_article(found, tmp_path / "claims", {clash})
    assert clash not in {c.key for c in stored.claims}
    assert [c.key for c in stored.claims][1:] == [c.key for c in found.claims][1:]
    again = extract_article(article, tmp_path / "other", details=None, taken={clash})
    assert (tmp_path / "claims" / "one" / "claims.yml").read_text("utf-8") == again.dumped
