"""A progress bar for long commands (adding a folder, building): drawn on stderr when it is a
terminal, silent when stderr is piped or redirected, or under CI (where a log would fill
with redrawn bars).

It is click's own progress bar: click is already what the command line is made of, its bar
is kept with it, and it takes a length that is known only once the work starts (a build
learns how many articles changed as it goes). tqdm or rich would add a dependency for the
same bar.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # what click.progressbar returns

# Set by GitHub Actions, GitLab CI, Travis, CircleCI and most others (to "true" or "1").
CI_VARIABLE = "CI"


def is_shown(stream: TextIO) -> bool:
    """Whether a bar on `stream` would be seen by someone: a terminal, outside CI."""
    in_ci = os.environ.get(CI_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")
    try:
        return stream.isatty() and not in_ci
    except ValueError:  # a closed stream
        return False


class Progress:
    """Called with (done, total) as work goes on; `echo` prints a line of the command's
    output above the bar, so that the two never end up on one line."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.shown = is_shown(stream)
        self._bar: ProgressBar[int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.shown:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label=self.label, file=self.stream, show_pos=True, show_eta=True
            )
            self._bar.__enter__()
        self._bar.length = total
        self._bar.update(done - self._bar.pos)

    def echo(self, line: str, *, err: bool = False) -> None:
        if self._bar is not None:
            # Clear the bar's line; the next call draws it again below the line.
            self.stream.write("\r\033[K")
            self.stream.flush()
        click.echo(line, err=err)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.render_finish()
            self._bar = None


@contextmanager
def progress(label: str, stream: TextIO | None = None) -> Iterator[Progress]:
    """A progress callback for the work done inside the block (on stderr by default)."""
    shown = Progress(label, stream or sys.stderr)
    try:
        yield shown
    finally:
        shown.close()
