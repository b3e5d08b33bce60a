"""`claimdesk editor`: the accounts editors sign in to the desk with."""

from __future__ import annotations

import sys

import click


@click.group()
def editor() -> None:
    """Manage the editors who may sign in to the desk.

    Accounts live outside the repository, in $CLAIMDESK_EDITORS (default: the user's config
    folder); only password hashes are stored.

    Example:

        claimdesk editor add amy
    """


@editor.command("add")
@click.argument("name")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input instead of asking twice (for scripts).",
)
def editor_add(name: str, password_stdin: bool) -> None:
    """Add an editor, or set a new password for one.

    Example:

        claimdesk editor add amy
    """
    from claimdesk.web.desk.accounts import add_editor

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    path = add_editor(name, password)
    click.echo(f"{path}: editor {name} can sign in at /-/login")


@editor.command("list")
def editor_list() -> None:
    """List the editors who may sign in.

    Example:

        claimdesk editor list
    """
    from claimdesk.web.desk.accounts import accounts_path, load_accounts

    accounts = load_accounts()
    if not accounts:
        click.echo(f"no editors yet in {accounts_path()}; add one with: claimdesk editor add NAME")
    for name in sorted(accounts):
        click.echo(name)


@editor.command("remove")
@click.argument("name")
def editor_remove(name: str) -> None:
    """Remove an editor: they can no longer sign in.

    Example:

        claimdesk editor remove amy
    """
    from claimdesk.web.desk.accounts import remove_editor

    click.echo(f"{remove_editor(name)}: editor {name} removed")
