"""Every command has help with an example, and the README documents every command and option."""

from __future__ import annotations

import click
import pytest

from claimdesk.cli.main import cli
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_readme_opens_with_the_two_commands() -> None:
    opening = README[:600]
    assert "make serve" in opening
    assert "make test" in opening


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name: str) -> None:
    command = cli.commands[name]
    assert command.help and "Example:" in command.help
    assert f"claimdesk {name}" in command.help.split("Example:")[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_command(name: str) -> None:
    assert f"claimdesk {name}" in README


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            opt
            for command in cli.commands.values()
            for param in command.params
            if isinstance(param, click.Option)
            for opt in param.opts
            if opt.startswith("--")
        }
    ),
)
def test_readme_documents_option(option: str) -> None:
    assert option in README
