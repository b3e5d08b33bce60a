"""YAML read once with its node tree, so that an error about any part of the data can name the
line it came from: claims.yml and the lexicon files both report `file:line: field: message`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml


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
