"""Every command has help with an example; the README and the command line reference
(docs/cli.md) document every command and option; every link in the docs leads somewhere.

docs/cli.md is written by cog from the commands' own `--help` (`make docs`), so a command or an
option added without writing the docs again fails here, as it fails `cog --check` in
`make lint`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from claimdesk.cli import cli
from conftest import ROOT

README = ROOT / "README.md"
CLI_REFERENCE = ROOT / "docs" / "cli.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))


def _commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        yield " ".join((*path, name)), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


# "add", "editor", "editor add"…: every command and subcommand.
COMMANDS = dict(_commands(cli))
OPTIONS = sorted(
    (name, opt)
    for name, command in COMMANDS.items()
    for param in command.params
    if isinstance(param, click.Option)
    for opt in param.opts
    if opt.startswith("--")
)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _sections(markdown: str) -> dict[str, str]:
    """The reference cut at its `## claimdesk NAME` headings: NAME -> the text up to the next
    `## ` heading ("" for the group itself)."""
    pieces = re.split(r"^## claimdesk(?: (.+))?\n", markdown, flags=re.M)
    return {
        (name or "").strip(): re.split(r"^## ", body, flags=re.M)[0]
        for name, body in zip(pieces[1::2], pieces[2::2], strict=True)
    }


def test_readme_opens_with_the_two_commands() -> None:
    opening = _text(README)[:600]
    assert "make serve" in opening
    assert "make test" in opening


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name: str) -> None:
    command = COMMANDS[name]
    assert command.help and "Example:" in command.help
    assert f"claimdesk {name}" in command.help.split("Example:")[1]


def test_readme_links_to_the_command_line_reference() -> None:
    assert "](docs/cli.md)" in _text(README)


@pytest.mark.parametrize("name", COMMANDS)
def test_reference_has_a_section_with_the_help_of_each_command(name: str) -> None:
    sections = _sections(_text(CLI_REFERENCE))
    assert name in sections, f"no `## claimdesk {name}` in docs/cli.md: run `make docs`"
    assert f"Usage: claimdesk {name} " in sections[name]


@pytest.mark.parametrize(("name", "option"), OPTIONS)
def test_reference_documents_each_option_under_its_command(name: str, option: str) -> None:
    section = _sections(_text(CLI_REFERENCE)).get(name, "")
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", section), (
        f"`claimdesk {name} {option}` is not in docs/cli.md: run `make docs`"
    )


def test_sections_are_cut_at_each_command() -> None:
    # What the tests above rely on: an option of one command is not found in another's section.
    sections = _sections("## claimdesk\n\nx\n\n## claimdesk a b\n\n--one\n\n## Other\n\n--two\n")
    assert sections == {"": "\nx\n\n", "a b": "\n--one\n\n"}


def _slug(heading: str) -> str:
    # GitHub's anchors: lower case, punctuation dropped (letters of any script kept), spaces
    # become hyphens.
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _prose(markdown: str) -> str:
    """The text a reader sees: no fenced code, no HTML comments (where cog's code is)."""
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    return re.sub(r"^\s*```.*?^\s*```[^\n]*$", "", markdown, flags=re.S | re.M)


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", _prose(_text(path)), flags=re.M):
        slug = _slug(heading)
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def _links(path: Path) -> Iterator[str]:
    for target in re.findall(r"\]\(([^)\s]+)\)", _prose(_text(path))):
        if not re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            yield target


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda page: page.name)
def test_every_link_between_the_docs_leads_somewhere(page: Path) -> None:
    links = list(_links(page))
    for link in links:
        file, _, anchor = link.partition("#")
        target = (page.parent / file).resolve() if file else page
        assert target.exists(), f"{page.name}: {link}: no such file"
        if anchor:
            assert target.suffix == ".md", f"{page.name}: {link}"
            assert anchor in _anchors(target), f"{page.name}: {link}: no such heading"


def test_links_are_found_where_a_reader_sees_them() -> None:
    # What the test above relies on: code and cog's code are left out, prose links are kept.
    page = "[a](b.md#c)\n<!-- [x](cog-code.md) -->\n```\n[y](code.md)\n```\n![i](s.png)\n"
    assert re.findall(r"\]\(([^)\s]+)\)", _prose(page)) == ["b.md#c", "s.png"]


def test_readme_links_to_every_page_in_docs() -> None:
    readme = _text(README)
    for page in DOCS:
        assert f"](docs/{page.name})" in readme, page.name
