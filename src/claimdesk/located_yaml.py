"""YAML read once with its node tree, so that an error about any part of the data can name the
line it came from: claims.yml and the lexicon files both report `file:line: field: message`.

`load` is the fast path for data that is usually valid (claims.yml, read by every build): the
data alone, without the node tree, which `parse` makes only when an error needs a line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
import yaml_rs


class MalformedYaml(ValueError):
    """The text is not YAML; `line` is 1-based, or None when libyaml gave no position."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def parse(source: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for the lines in errors) and the data, from one parse. libyaml parses
    fast and refuses absurd nesting with a clean error."""
    try:
        loader = yaml.CSafeLoader(source)
        try:
            root = loader.get_single_node()
            raw = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise MalformedYaml(str(problem), mark.line + 1 if mark is not None else None) from None
    except RecursionError:
        raise MalformedYaml("nested too deeply", None) from None
    return root, raw


def line_of(root: yaml.Node | None, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest YAML node that `loc` reaches (a missing key: the
    mapping that lacks it)."""
    node = root
    line = 1 if node is None else node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


# A line of the plain block YAML that `claims.yml` is written in (keys, single-line scalars,
# sequences of them), on which PyYAML (YAML 1.1) and yaml-rs (YAML 1.2) read the same data:
# a quoted scalar, an empty flow sequence, or a plain scalar that neither schema reads as
# anything but text (or that both read as the same null, boolean, integer or float).
_WORDS = r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|true|True|TRUE|false|False|FALSE"
_KEY = rf"(?!(?:{_WORDS}|null|Null|NULL):)[A-Za-z_][A-Za-z0-9_]*"
_SAME_TYPED = (
    r"(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:e[-+][0-9]+)?)?)"
)
# Plain text: not starting with an indicator, a quote or a character a typed scalar starts
# with in either schema, unless a character no typed scalar has follows; never a ": " or " #"
# (a mapping or a comment) inside, nor a word that YAML 1.1 reads as a boolean. Nor starting
# with `_`: yaml-rs reads _0, __1 and _0.5 as numbers, which both schemas read as text.
_PLAIN_TEXT = (
    rf"(?!(?:{_WORDS}) *$)"
    r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~<=_]"
    # ...or, not starting as a date does, one of: a character no number, infinity, date or
    # time has (70%, 1000億, 350W), a space (30 weeks: only a YAML 1.1 timestamp has one,
    # 2001-12-14 21:59:43), or a hyphen after a digit (2015-06: only a date has one)
    r"|(?!- |[0-9]{4}-[0-9][0-9]?-[0-9])[-0-9+.]"
    r"(?=[^\n]*(?:[^0-9A-Za-z_.:+\- \n]|[ghj-mp-suvwyGHJ-MP-SUVWY]| |[0-9]-)))"
    r"(?:(?!: |\s#)[^\n\t])*(?<![\s:])"
)
_SCALAR = rf"(?:'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"|\[\]|{_SAME_TYPED}|{_PLAIN_TEXT})"
_SAFE_LINE = rf"(?: *(?:- )?(?:{_KEY}:(?: {_SCALAR})?|{_SCALAR}) *)?"
_UNSAFE_LINE = re.compile(rf"^(?!{_SAFE_LINE}$)", re.MULTILINE)


def reads_alike(source: str) -> bool:
    """Whether every line is plain block YAML that YAML 1.1 and 1.2 read alike (`load`'s
    fast path)."""
    return _UNSAFE_LINE.search(source) is None


def load(source: str) -> Any:
    """The data of a YAML document, as `parse` reads it, fast: libyaml's loader builds every
    node as a Python object, so yaml-rs (in Rust) reads text whose every line is plain block
    YAML that both read alike (`_SAFE_LINE`), and PyYAML reads anything else (what it
    refuses is a MalformedYaml with its line, as from `parse`)."""
    if reads_alike(source):
        try:
            return yaml_rs.loads(source, parse_datetime=False)
        except Exception:  # whatever yaml-rs refuses, PyYAML reads, or names the line of
            pass
    return parse(source)[1]


class Lines:
    """Where each part of a YAML document is, worked out (with `parse`'s node tree) only
    when an error is to name a line: valid data never pays for it."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._root: yaml.Node | None = None
        self._parsed = False

    def of(self, loc: Sequence[str | int]) -> int:
        if not self._parsed:
            try:
                self._root = parse(self._source)[0]
            except MalformedYaml:
                self._root = None
            self._parsed = True
        return line_of(self._root, loc)
