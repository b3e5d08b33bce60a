"""The scanning regex stays correct on every Python 3.11 release we may run on."""

from __future__ import annotations

import re
from pathlib import Path

import claimdesk.extract as extract
from claimdesk.extract import find_numbers

EXTRACT_SOURCES = sorted(Path(extract.__file__).parent.glob("*.py"))


def test_no_possessive_group_quantifiers() -> None:
    """Python 3.11.0-3.11.4 (Debian 12 ships 3.11.2) match `(?:a|b)*+` wrongly: 兩百點兩
    came out as an empty numeral and an IndexError. Runs of one character (`[0-9]++`) are
    fine; groups use patterns._atomic instead."""
    offenders = [
        f"{path.name}:{number}"
        for path in EXTRACT_SOURCES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"[)}][*+?]\+", line)
        and not line.lstrip().startswith(("#", '"""'))
        and "possessive group" not in line
    ]
    assert offenders == []


def test_liang_bai_dian_liang_reads_as_two_hundred() -> None:
    # 兩 is not a decimal digit after 點, so the numeral ends at 兩百.
    assert [(m.text, m.value) for m in find_numbers("兩百點兩")] == [("兩百", 200)]
