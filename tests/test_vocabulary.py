"""One module of closed vocabularies: everything that lists kinds, statuses, verdicts or
correctable fields takes the list from claimdesk/vocabulary.py, so none can disagree."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import click
import pytest

from claimdesk import vocabulary
from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.review import ClaimStatus, Verdict
from claimdesk.review.actions import ACTIONS, CORRECTABLE
from claimdesk.vocabulary import is_claim_id
from conftest import ROOT


def test_the_enums_hold_the_vocabularys_words() -> None:
    assert tuple(str(v) for v in Verdict) == vocabulary.VERDICT_NAMES
    assert tuple(str(s) for s in ClaimStatus) == vocabulary.STATUSES
    assert ACTIONS == vocabulary.ACTIONS
    assert CORRECTABLE == vocabulary.CORRECTABLE_FIELDS


def _check_list(sql: str, column: str) -> set[str]:
    found = re.search(rf"{column} IN \(([^)]*)\)", sql)
    assert found is not None, column
    return set(re.findall(r"'([^']*)'", found.group(1)))


def test_the_databases_check_constraints_come_from_the_vocabulary(
    claims_dir: Path, db_path: Path
) -> None:
    build(claims_dir, db_path)
    public = sqlite3.connect(db_path)
    private = sqlite3.connect(db_path.with_name("reviews.db"))
    try:
        claims = public.execute("select sql from sqlite_master where name = 'claims'").fetchone()[0]
        checks = public.execute("select sql from sqlite_master where name = 'checks'").fetchone()[0]
        states, events = (
            private.execute("select sql from sqlite_master where name = ?", [name]).fetchone()[0]
            for name in ("claim_states", "events")
        )
    finally:
        public.close()
        private.close()
    assert _check_list(claims, "kind") == set(vocabulary.KINDS)
    assert _check_list(claims, "status") == set(vocabulary.PUBLIC_STATUSES)
    assert _check_list(claims, "qualifier_meaning") == set(vocabulary.QUALIFIER_MEANINGS)
    assert _check_list(checks, "kind") == set(vocabulary.CHECK_KINDS)
    assert _check_list(checks, "result") == set(vocabulary.RESULTS)
    assert _check_list(states, "status") == set(vocabulary.STATUSES)
    assert _check_list(events, "type") == set(vocabulary.EVENT_TYPES)


@pytest.mark.parametrize(
    ("command", "option", "words"),
    [
        ("verify", "verdict", vocabulary.VERDICT_NAMES),
        ("correct", "field", vocabulary.CORRECTABLE_FIELDS),
        ("correct", "meaning", vocabulary.QUALIFIER_MEANINGS),
        ("queue", "statuses", vocabulary.STATUSES),
        ("add", "language", vocabulary.LANGUAGES),
        ("add-claim", "kind", vocabulary.KINDS),
    ],
)
def test_the_command_lines_choices_come_from_the_vocabulary(
    command: str, option: str, words: tuple[str, ...]
) -> None:
    param = next(p for p in cli.commands[command].params if p.name == option)
    assert isinstance(param.type, click.Choice)
    assert tuple(param.type.choices) == words


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("c0123456789", True),  # minted before ids were widened: still valid
        ("c0123456789abcdef", True),
        ("c0123456789a", False),
        ("C0123456789", False),
        ("c012345678g", False),
    ],
)
def test_claim_ids_old_and_new(text: str, valid: bool) -> None:
    assert is_claim_id(text) is valid


def test_no_module_lists_a_closed_vocabulary_of_its_own() -> None:
    """A tuple of three or more of one vocabulary's words anywhere else in src/ is a copy."""
    sets = [
        set(words)
        for words in (
            vocabulary.KINDS,
            vocabulary.STATUSES,
            vocabulary.VERDICT_NAMES,
            vocabulary.CORRECTABLE_FIELDS,
            vocabulary.ACTIONS,
            vocabulary.EVENT_TYPES,
            vocabulary.CHECK_KINDS,
        )
    ]
    copies = []
    for path in sorted((ROOT / "src" / "claimdesk").rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                words = {
                    e.value
                    for e in node.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
                if len(words) >= 3 and any(words <= vocab for vocab in sets):
                    copies.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(words)}")
    assert copies == []
