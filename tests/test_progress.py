"""Progress bars: drawn on a terminal, never in a pipe, a file or CI's log."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.cli.progress import CI_VARIABLE, progress
from conftest import ARTICLE

# The command as an editor runs it: the same interpreter, the installed entry point.
COMMAND = [sys.executable, "-c", "from claimdesk.cli import cli; cli()"]
ARTICLES = 3


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"a{n}.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def _add_args(inbox: Path) -> list[str]:
    parent = inbox.parent
    return ["add", str(inbox), "--claims-dir", str(parent / "claims"), "--db", str(parent / "x.db")]


def _environment(ci: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != CI_VARIABLE}
    if ci is not None:
        env[CI_VARIABLE] = ci
    env["COLUMNS"] = "100"
    return env


def _on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the command with stdout and stderr on a pseudo-terminal; what it showed there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*COMMAND, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command exited and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=120), shown.decode("utf-8", "replace")


def test_a_terminal_shows_the_bar(inbox: Path) -> None:
    status, shown = _on_a_terminal(_add_args(inbox), _environment(None))
    assert status == 0, shown
    assert "adding  [" in shown and f"{ARTICLES}/{ARTICLES}" in shown
    assert shown.count(": 2 claims (") == ARTICLES  # each article's line is whole


def test_a_build_on_a_terminal_shows_the_bar_and_in_a_pipe_does_not(inbox: Path) -> None:
    parent = inbox.parent
    subprocess.run([*COMMAND, *_add_args(inbox)], capture_output=True, check=True)
    build = ["build", "--claims-dir", str(parent / "claims"), "--db", str(parent / "x.db")]
    status, shown = _on_a_terminal([*build, "--full"], _environment(None))
    assert status == 0, shown
    assert "building  [" in shown and f"{ARTICLES}/{ARTICLES}" in shown
    piped = subprocess.run(
        [*COMMAND, *build, "--full"], capture_output=True, env=_environment(None), check=True
    )
    assert b"building" not in piped.stderr and piped.stderr == b""


def test_ci_shows_no_bar_even_on_a_terminal(inbox: Path) -> None:
    status, shown = _on_a_terminal(_add_args(inbox), _environment("true"))
    assert status == 0, shown
    assert "adding" not in shown and "#" not in shown
    assert shown.count(": 2 claims (") == ARTICLES


def test_a_pipe_shows_no_bar(inbox: Path) -> None:
    done = subprocess.run(
        [*COMMAND, *_add_args(inbox)], capture_output=True, env=_environment(None), check=True
    )
    assert b"adding" not in done.stderr and done.stderr == b""
    assert done.stdout.decode("utf-8").count(": 2 claims (") == ARTICLES


def test_click_s_runner_shows_no_bar(inbox: Path) -> None:
    result = CliRunner().invoke(cli, _add_args(inbox))
    assert result.exit_code == 0, result.output
    assert "adding" not in result.output


def test_the_callback_is_silent_on_anything_but_a_terminal() -> None:
    stream = io.StringIO()
    with progress("building", stream) as shown:
        for done in range(5):
            shown(done + 1, 5)
        shown.echo("a line")
    assert not shown.shown and stream.getvalue() == ""
