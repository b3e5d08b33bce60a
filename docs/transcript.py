"""Real claimdesk sessions for the docs' cog blocks (`make docs` writes them, `make lint` checks
them): each command runs through click's CliRunner, in a scratch folder, and is shown as an
editor would type it, followed by what it printed.

Only the two stable entry points are used: the click group `claimdesk.cli:cli` here, and
`claimdesk.database.build.build` in docs/data-model.md. Two things differ on every run and are
replaced, so that `cog --check` gives the same text each time: event ids (UUIDv7, made from the
clock) become `<event 1>`, `<event 2>`… in order of first appearance, and the date of the run
becomes `<today>` (`<now>` with a time of day).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from claimdesk.cli import cli

ROOT = Path(__file__).resolve().parent.parent
# What a reader's own shell may set must not change what the docs show.
ENVIRONMENT: dict[str, str | None] = {
    "CLAIMDESK_EDITOR": None,
    "CLAIMDESK_EDITORS": None,
    "DATASETTE_SECRET": None,
}
# Output is wrapped as on an 80-column terminal, whatever the terminal that runs cog.
TERMINAL_WIDTH = 80
# A command longer than this is continued on the next line with a backslash.
COMMAND_WIDTH = 96
EVENT_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b")
TIMESTAMP = re.compile(
    r"\b(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?P<time>[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
# A word a POSIX shell reads literally: letters and digits of any script, and a few signs.
BARE = re.compile(r"[\w@%+=:,./-]+")


def invoke(args: Iterable[str]) -> Result:
    """Run `claimdesk ARGS` in the current folder. `output` is stdout and stderr as a terminal
    shows them. A traceback is never documentation: it is raised."""
    result = CliRunner(env=ENVIRONMENT).invoke(
        cli, list(args), prog_name="claimdesk", terminal_width=TERMINAL_WIDTH
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def quote(arg: str) -> str:
    """The argument as typed in a shell: bare when it is one word (Chinese needs no quotes,
    unlike in shlex.quote), else in double quotes, else in single quotes."""
    if arg and BARE.fullmatch(arg):
        return arg
    if "!" not in arg:  # history expansion: no escape for it inside double quotes
        return '"' + re.sub(r'([$`"\\])', r"\\\1", arg) + '"'
    return shlex.quote(arg)


def command_line(args: Iterable[str]) -> str:
    """`$ claimdesk ARGS`, continued with backslashes when long: an option stays with its
    value on one line."""
    groups: list[str] = []
    for arg in args:
        if arg.startswith("--") or not groups or not groups[-1].startswith("--"):
            groups.append(quote(arg))
        else:
            groups[-1] += " " + quote(arg)
    head, *rest = groups
    lines = [f"$ claimdesk {head}"]
    for group in rest:
        if len(lines[-1]) + 1 + len(group) + 2 > COMMAND_WIDTH:
            lines[-1] += " \\"
            lines.append("    " + group)
        else:
            lines[-1] += " " + group
    return "\n".join(lines)


class Session:
    """A scratch folder with a copy of claims/ (and any other files), in which commands run as
    they would in a newsroom's repository."""

    def __init__(self, files: dict[str, Path] | None = None) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="claimdesk-docs-")
        self.folder = Path(self._scratch.name)
        shutil.copytree(ROOT / "claims", self.folder / "claims")
        for name, path in (files or {}).items():
            shutil.copyfile(path, self.folder / name)
        self._event_ids: dict[str, str] = {}

    @contextmanager
    def _inside(self) -> Iterator[None]:
        before = os.getcwd()
        os.chdir(self.folder)
        try:
            yield
        finally:
            os.chdir(before)

    def run(self, *args: str, fails: bool = False) -> str:
        """The command and its output, as a terminal shows them. A command that fails
        unexpectedly (or succeeds when it should fail) stops cog: the docs would be wrong."""
        started = _dates()
        with self._inside():
            result = invoke(args)
        if (result.exit_code != 0) != fails:
            raise AssertionError(
                f"claimdesk {shlex.join(args)}: exit {result.exit_code}\n{result.output}"
            )
        output = self._stable(result.output, started | _dates())
        if output and not output.endswith("\n"):
            output += "\n"
        return f"{command_line(args)}\n{output}"

    def block(self, *runs: str) -> str:
        """A Markdown code block of one or more runs (see `run`)."""
        return "```\n" + "".join(runs) + "```\n"

    def claim_id(self, text: str, article: str) -> str:
        """The id of the claim in `article` whose figure is written `text`, from the queue."""
        with self._inside():
            result = invoke(["queue", "--article", article, "--format", "json"])
        assert result.exit_code == 0, result.output
        queue = json.loads(result.stdout)["claims"]
        (claim_id,) = [claim["claim_id"] for claim in queue if claim["text"] == text]
        return str(claim_id)

    def close(self) -> None:
        self._scratch.cleanup()

    def _stable(self, output: str, today: set[str]) -> str:
        def event(match: re.Match[str]) -> str:
            return self._event_ids.setdefault(match[0], f"<event {len(self._event_ids) + 1}>")

        def timestamp(match: re.Match[str]) -> str:
            if match["date"] not in today:
                return match[0]
            return "<now>" if match["time"] else "<today>"

        return TIMESTAMP.sub(timestamp, EVENT_ID.sub(event, output))


def _dates() -> set[str]:
    # Events are stamped in UTC; a local date is what a terminal may print too.
    return {dt.datetime.now(dt.UTC).date().isoformat(), dt.date.today().isoformat()}
