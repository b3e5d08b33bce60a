"""The package's layout: modules grouped by layer, and no import cycles (a command registers
with `add_command`; no module imports the module that imports it)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "claimdesk"
LAYERS = {
    "files", "review", "reports", "database", "checks", "extract", "web", "publish", "cli",
    "series",
}  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_at_load(path: Path, modules: set[str]) -> set[str]:
    """What a module imports when it is loaded: module-level imports, not those inside a
    function (deferred on purpose) or under TYPE_CHECKING."""
    found: set[str] = set()
    tree = ast.parse(path.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                break
            if isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
                names = [f"{inner.module}.{alias.name}" for alias in inner.names]
                found.update(n for n in names if n in modules)
                if inner.module in modules and inner.module != _module(path):
                    found.add(inner.module)
            elif isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names if alias.name in modules)
    return found


def test_no_import_cycles() -> None:
    paths = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph = {name: _imports_at_load(path, set(paths)) for name, path in paths.items()}
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(graph[name]):
            # A package's __init__ importing its own modules is how a package is assembled.
            if name.startswith(target + ".") or target.startswith(name + "."):
                continue
            if target in trail:
                cycles.append([*trail[trail.index(target) :], target])
            elif len(trail) < 30:
                visit(target, [*trail, target])

    for name in sorted(graph):
        visit(name, [name])
    assert cycles == []


def test_the_top_of_the_package_holds_only_what_every_layer_shares() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top == {"claim", "vocabulary", "errors", "located_yaml"}
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == LAYERS
