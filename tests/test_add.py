"""`claimdesk add`: slugs, re-adding, edited articles, and input it must refuse cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from claimdesk.files.atomic import COMMIT_MARKER
from conftest import ARTICLE, ROOT

SEED = ROOT / "claims" / "ai-chips-nvidia-biren"


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _stored(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((folder / "claims.yml").read_text("utf-8"))
    return loaded


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "idc.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The seed article's folder, copied into a claims/ of its own."""
    claims_dir = tmp_path / "claims"
    shutil.copytree(SEED, claims_dir / SEED.name)
    return claims_dir


def test_re_adding_keeps_every_detail_no_option_overrides(seed_copy: Path) -> None:
    folder = seed_copy / SEED.name
    text = folder / "article.txt"
    stored = _stored(folder)
    result = _run("add", text, "--slug", SEED.name, "--update", "--claims-dir", seed_copy)
    assert result.exit_code == 0, result.output
    assert _stored(folder)["article"] == stored["article"]


def test_re_adding_keeps_a_hand_edited_title_and_applies_options(
    article_file: Path, tmp_path: Path
) -> None:
    claims_dir = tmp_path / "claims"
    _run("add", article_file, "--slug", "idc", "--claims-dir", claims_dir, "--url", "https://a.b")
    path = claims_dir / "idc" / "claims.yml"
    path.write_text(path.read_text("utf-8").replace("  title: ", "  title: 手改標題 "), "utf-8")
    args: list[str | Path]
    args = ["add", article_file, "--slug", "idc", "--update", "--claims-dir", claims_dir]
    result = _run(*args, "--publisher", "新社")
    assert result.exit_code == 0, result.output
    article = _stored(claims_dir / "idc")["article"]
    assert isinstance(article, dict)
    assert article["title"].startswith("手改標題")
    assert article["url"] == "https://a.b"
    assert article["publisher"] == "新社"


def test_chinese_file_names_get_distinct_pinyin_slugs(tmp_path: Path) -> None:
    claims_dir = tmp_path / "claims"
    for name in ("中文.txt", "另一篇.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
        assert _run("add", tmp_path / name, "--claims-dir", claims_dir).exit_code == 0
    assert sorted(p.name for p in claims_dir.iterdir()) == ["ling-yi-pian", "zhong-wen"]


def test_a_name_with_nothing_to_transliterate_gets_a_hashed_slug(tmp_path: Path) -> None:
    claims_dir = tmp_path / "claims"
    for name in ("！！.txt", "？？.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
        assert _run("add", tmp_path / name, "--claims-dir", claims_dir).exit_code == 0
    slugs = sorted(p.name for p in claims_dir.iterdir())
    assert len(slugs) == 2
    assert all(slug.startswith("article-") for slug in slugs)


def test_adding_an_existing_slug_is_refused_without_update(
    article_file: Path, tmp_path: Path
) -> None:
    claims_dir = tmp_path / "claims"
    _run("add", article_file, "--slug", "idc", "--claims-dir", claims_dir)
    before = (claims_dir / "idc" / "claims.yml").read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("另一篇文章，營收為5億元。\n", encoding="utf-8")
    result = _run("add", other, "--slug", "idc", "--claims-dir", claims_dir)
    assert result.exit_code == 1
    assert "--update" in result.output
    assert (claims_dir / "idc" / "claims.yml").read_bytes() == before
    assert (claims_dir / "idc" / "article.txt").read_text("utf-8") == ARTICLE


@pytest.mark.parametrize("slug", ["series", "lexicon"])
def test_a_folder_claims_uses_for_something_else_is_no_slug(
    article_file: Path, tmp_path: Path, slug: str
) -> None:
    """claims/series/ holds reference series and claims/lexicon/ the newsroom's word lists: an
    article there would be written among them."""
    claims_dir = tmp_path / "claims"
    result = _run("add", article_file, "--slug", slug, "--claims-dir", claims_dir)
    assert result.exit_code == 1
    assert f"--slug {slug!r}" in result.output and "choose another --slug" in result.output
    assert not (claims_dir / slug).exists()
    named = tmp_path / f"{slug}.txt"  # the slug a file's name gives is refused alike
    shutil.copy(article_file, named)
    assert _run("add", named, "--claims-dir", claims_dir).exit_code == 1
    assert not (claims_dir / slug).exists()


def test_an_empty_slug_is_an_error(article_file: Path, tmp_path: Path) -> None:
    result = _run("add", article_file, "--slug", "", "--claims-dir", tmp_path / "claims")
    assert result.exit_code == 1
    assert "--slug ''" in result.output
    assert not (tmp_path / "claims").exists()


def test_re_adding_an_article_edited_in_place_works(seed_copy: Path) -> None:
    folder = seed_copy / SEED.name
    text = folder / "article.txt"
    old_ids = {c["id"] for c in _stored(folder)["claims"]}
    text.write_text(text.read_text("utf-8").replace("前所未有的", "驚人的"), "utf-8")
    result = _run("add", text, "--slug", SEED.name, "--update", "--claims-dir", seed_copy)
    assert result.exit_code == 0, result.output
    assert (
        CliRunner()
        .invoke(
            cli, ["build", "--claims-dir", str(seed_copy), "--db", str(seed_copy.parent / "c.db")]
        )
        .exit_code
        == 0
    )
    new_ids = {c["id"] for c in _stored(folder)["claims"]}
    # Only the claims of the edited sentence get new ids.
    assert len(old_ids & new_ids) >= len(old_ids) - 3


def test_a_figure_past_64_bits_is_added_and_built(tmp_path: Path) -> None:
    source = tmp_path / "o.txt"
    source.write_text("營收為99999999999999億元。\n", encoding="utf-8")
    claims_dir = tmp_path / "claims"
    assert _run("add", source, "--claims-dir", claims_dir).exit_code == 0
    result = _run("build", "--claims-dir", claims_dir, "--db", tmp_path / "c.db")
    assert result.exit_code == 0, result.output


def test_a_nul_byte_is_refused_at_add_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "nul.txt"
    source.write_text("第一行\n營收為5億元\0。\n", encoding="utf-8")
    result = _run("add", source, "--claims-dir", tmp_path / "claims")
    assert result.exit_code == 1
    assert "nul.txt:2: contains a NUL byte" in result.output
    assert not (tmp_path / "claims").exists()


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    source = tmp_path / "bom.txt"
    source.write_text("\ufeff" + ARTICLE, encoding="utf-8")
    assert _run("add", source, "--claims-dir", tmp_path / "claims").exit_code == 0
    folder = tmp_path / "claims" / "bom"
    assert (folder / "article.txt").read_text("utf-8") == ARTICLE
    stored = _stored(folder)
    assert "\ufeff" not in yaml.safe_dump(stored, allow_unicode=True)


def test_the_title_guess_skips_page_furniture(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("本文共341字\n\n2023-06-20 08:30\n市場規模創新高\n" + ARTICLE, "utf-8")
    assert _run("add", source, "--claims-dir", tmp_path / "claims").exit_code == 0
    article = _stored(tmp_path / "claims" / "page")["article"]
    assert isinstance(article, dict)
    assert article["title"] == "市場規模創新高"


def test_extracting_a_device_is_a_clean_error() -> None:
    result = _run("extract", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero: not a regular file" in result.output


def test_add_into_an_unwritable_place_is_a_one_line_error(
    article_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = _run("add", article_file, "--claims-dir", blocker / "claims")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Not a directory" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_added_files_have_the_usual_mode(article_file: Path, tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        claims_dir = tmp_path / "claims"
        _run("add", article_file, "--slug", "idc", "--claims-dir", claims_dir)
        for name in ("article.txt", "claims.yml"):
            assert (claims_dir / "idc" / name).stat().st_mode & 0o777 == 0o644
        (claims_dir / "idc" / "claims.yml").chmod(0o640)
        _run("add", article_file, "--slug", "idc", "--update", "--claims-dir", claims_dir)
        assert (claims_dir / "idc" / "claims.yml").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_add_leaves_no_staged_file_or_marker(article_file: Path, tmp_path: Path) -> None:
    claims_dir = tmp_path / "claims"
    _run("add", article_file, "--slug", "idc", "--claims-dir", claims_dir)
    assert sorted(p.name for p in (claims_dir / "idc").iterdir()) == ["article.txt", "claims.yml"]
    assert not (claims_dir / "idc" / COMMIT_MARKER).exists()


def test_a_folder_adds_every_text_file_and_names_the_ones_it_cannot(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "second.txt").write_text("營收為47億元。\n", encoding="utf-8")
    (inbox / "broken.txt").write_bytes("營收\x00為47億元。".encode())
    (inbox / "notes.md").write_text("not an article", encoding="utf-8")
    claims = tmp_path / "claims"
    result = _run("add", inbox, "--claims-dir", claims, "--db", tmp_path / "claimdesk.db")
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "1 of 3 files" in result.output
    assert sorted(p.name for p in claims.iterdir()) == ["first", "second"]
    ids = [yaml.safe_load((claims / n / "claims.yml").read_text("utf-8"))["claims"]
           for n in ("first", "second")]  # fmt: skip
    every = [c["id"] for found in ids for c in found]
    assert len(every) == len(set(every))


def test_a_folder_takes_no_slug(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(ARTICLE, encoding="utf-8")
    result = _run("add", inbox, "--slug", "one", "--claims-dir", tmp_path / "claims")
    assert result.exit_code == 1
    assert "--slug: names one article" in result.output
