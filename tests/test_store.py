"""claims/ on disk: loading, the errors an editor sees, and writes that never lose work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdesk import located_yaml
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import write_atomic
from claimdesk.files.ingest import claim_id
from claimdesk.files.store import dump_article_file, load_all, load_article
from conftest import ARTICLE, CLAIMS_YML, ROOT, write_article


def _error(folder: Path) -> str:
    with pytest.raises(ClaimdeskError) as caught:
        load_article(folder)
    return str(caught.value)


def test_good_file_loads(claims_dir: Path) -> None:
    stored = load_article(claims_dir / "idc-market")
    assert stored.slug == "idc-market"
    assert stored.article.publisher == "測試社"
    assert [c.text for c in stored.claims] == ["432億元", "47.2%"]
    assert len(stored.review_lines) == 2


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "bad", ARTICLE, "article:\n  title: [unclosed\nclaims: []\n")
    message = _error(folder)
    assert "bad/claims.yml:" in message
    assert "malformed YAML" in message


def test_unknown_kind_names_file_line_claim_and_field(tmp_path: Path) -> None:
    broken = CLAIMS_YML.replace("kind: money", "kind: cash")
    folder = write_article(tmp_path, "bad", ARTICLE, broken)
    message = _error(folder)
    line = broken.splitlines().index("  kind: cash") + 1
    assert f"bad/claims.yml:{line}: claim c0000000001: kind:" in message


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    folder = write_article(
        tmp_path, "bad", ARTICLE, CLAIMS_YML.replace("  noun: null", "  nuon: x")
    )
    assert "claim c0000000001: nuon: Extra inputs are not permitted" in _error(folder)


def test_text_must_match_article_at_offsets(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "bad", ARTICLE, CLAIMS_YML.replace("start: 17", "start: 16"))
    message = _error(folder)
    assert "claim c0000000001: text: '432億元' does not match the article text at 16-22" in message
    assert "'為432億元'" in message


def test_duplicate_claim_id_is_an_error(tmp_path: Path) -> None:
    folder = write_article(
        tmp_path, "bad", ARTICLE, CLAIMS_YML.replace("c0000000002", "c0000000001")
    )
    assert "claim c0000000001: id: duplicate claim id" in _error(folder)


def test_non_utf8_article_is_an_error(tmp_path: Path) -> None:
    folder = write_article(tmp_path, "bad", ARTICLE, CLAIMS_YML)
    (folder / "article.txt").write_bytes("第一行\n市場規模".encode("big5"))
    message = _error(folder)
    assert "bad/article.txt:1: not UTF-8 text" in message


def test_load_all_reports_every_broken_file(tmp_path: Path) -> None:
    write_article(tmp_path, "a", ARTICLE, CLAIMS_YML.replace("kind: money", "kind: cash"))
    write_article(tmp_path, "b", ARTICLE, CLAIMS_YML.replace("start: 27", "start: 26"))
    with pytest.raises(ClaimdeskError) as caught:
        load_all(tmp_path)
    assert "a/claims.yml" in str(caught.value)
    assert "b/claims.yml" in str(caught.value)


def test_dump_is_diff_friendly_and_round_trips(claims_dir: Path) -> None:
    from claimdesk.files.models import ArticleFile

    stored = load_article(claims_dir / "idc-market")
    dumped = dump_article_file(ArticleFile(article=stored.article, claims=stored.claims))
    assert "432億元" in dumped  # not escaped
    assert "\n\n- id: c0000000002\n" in dumped  # one claim per block
    assert dumped.index("  start:") < dumped.index("  end:") < dumped.index("  text:")
    (claims_dir / "idc-market" / "claims.yml").write_text(dumped, encoding="utf-8")
    assert load_article(claims_dir / "idc-market").claims == stored.claims


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "claims.yml"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "新")
    assert target.read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yml"]


def test_write_atomic_keeps_the_old_file_when_the_write_fails(tmp_path: Path) -> None:
    target = tmp_path / "claims.yml"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yml"]


def test_claim_id_depends_on_sentence_and_number_only() -> None:
    first = claim_id("ai-chips", "市場規模為432億元。", "432億元", 1)
    assert first == claim_id("ai-chips", "市場規模為432億元。", "432億元", 1)
    assert first != claim_id("ai-chips", "市場規模為433億元。", "432億元", 1)
    assert first != claim_id("ai-chips", "市場規模為432億元。", "432億元", 2)


# --- the fast path of reading claims.yml ------------------------------------------------------

# Characters that make a YAML scalar something else than text in YAML 1.1 or 1.2, or make the
# line something else than a plain key and value.
_TRICKY = "0123456789-+.:eExXoObBinfaINFAtTzZ_ ynYNlu~%億W#'\"[]{}&*!|>,?@`<=\\"


def _typed(value: Any) -> Any:
    """The value with every scalar's type, since 1 == 1.0 == True in Python."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


@settings(max_examples=400)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "- ", "  text: ", "value: ", "text: ", "  - "]),
            st.text(alphabet=_TRICKY, max_size=14),
        ),
        max_size=5,
    )
)
@example([("value: ", "010")])
@example([("value: ", "1e3"), ("text: ", "yes ")])
@example([("text: ", "2023-07-15")])
@example([("text: ", "2001-12-14 21:59:43.10 -5")])
@example([("", "off: 1")])
@example([("value: ", "_0"), ("text: ", "__1"), ("- ", "_0.5")])  # yaml-rs read these as numbers
def test_the_fast_load_reads_what_pyyaml_reads(lines: list[tuple[str, str]]) -> None:
    source = "".join(prefix + value + "\n" for prefix, value in lines)
    try:
        expected = yaml.load(source, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        with pytest.raises(located_yaml.MalformedYaml):
            located_yaml.load(source)
        return
    assert _typed(located_yaml.load(source)) == _typed(expected)


def test_claims_files_as_written_take_the_fast_path(tmp_path: Path) -> None:
    from claimdesk.files.ingest import add_article

    for text in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")):
        add_article(text, tmp_path, slug=text.stem.replace("_", "-"))
    written = sorted(tmp_path.glob("*/claims.yml"))
    assert len(written) == 6
    for path in written:
        assert located_yaml.reads_alike(path.read_text(encoding="utf-8")), path
