"""Options and choices the commands share (imported by each command module, never by the
group, so that no module imports its parent)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

CLAIMS_DIR = "claims"
DATABASE = "claimdesk.db"


def _claims_dir_option(command: F) -> F:
    return click.option(
        "--claims-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=CLAIMS_DIR,
        show_default=True,
        help="Folder of articles and their claims.",
    )(command)


def _db_option(command: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DATABASE,
        show_default=True,
        help="The public database; reviews.db, the editors' one, is written beside it.",
    )(command)


def metadata_option(help: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--metadata",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default="metadata.yml",
        show_default=True,
        help=help,
    )


def config_option(help: str | None = None, *, exists: bool = True) -> Callable[[F], F]:
    return click.option(
        "--config",
        type=click.Path(exists=exists, dir_okay=False, path_type=Path),
        default="datasette.yaml",
        show_default=True,
        help=help,
    )


def build_if_stale(claims_dir: Path, db_path: Path) -> None:
    """Build both databases when claims/ changed since the last build (as `serve` and
    `publish` do before they start), with a progress bar on a terminal."""
    from claimdesk.cli.progress import progress
    from claimdesk.database.build import build, needs_build

    reason = needs_build(claims_dir, db_path)
    if reason is None:
        return
    with progress("building") as shown:
        report = build(claims_dir, db_path, progress=shown)
    click.echo(f"built {db_path} ({reason}): {report.counts['claims']} claims", err=True)
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)


def _currency_code(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """twd, TWD: the code as ISO 4217 writes it."""
    return value.upper() if value else None


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values are loaded when first needed (to check a value or show help), so
    that starting the command line does not import the review modules for every command."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._loaded: Sequence[str] | None = None
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        if self._loaded is None:
            self._loaded = list(self._load())
        return self._loaded

    @choices.setter
    def choices(self, _: Sequence[str]) -> None:
        pass  # click.Choice's own __init__ sets it; the loader stands instead
