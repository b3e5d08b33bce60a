"""Editors' accounts and the server's signing secret, kept outside the repository.

The accounts file holds each editor's password hash only (datasette-auth-passwords' PBKDF2
format), never a password. It lives at `$CLAIMDESK_EDITORS`, by default in the user's config
folder; the Datasette secret that signs sign-in cookies comes from `$DATASETTE_SECRET`, or
from a file generated once beside the accounts file, so that sign-ins survive a restart.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

import click

from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import write_atomic

ACCOUNTS_VARIABLE = "CLAIMDESK_EDITORS"
SECRET_VARIABLE = "DATASETTE_SECRET"
SECRET_FILE = "datasette-secret"
# A name is part of a form field and of the auth plugin's config keys: keep it plain.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
MIN_PASSWORD_LENGTH = 10


def accounts_path() -> Path:
    configured = os.environ.get(ACCOUNTS_VARIABLE, "").strip()
    if configured:
        return Path(configured)
    return Path(click.get_app_dir("claimdesk")) / "editors.json"


def load_accounts(path: Path | None = None) -> dict[str, str]:
    """Editor name -> password hash; empty when there is no file yet."""
    path = path or accounts_path()
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        editors = raw["editors"]
        return {str(name): str(entry["password_hash"]) for name, entry in editors.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ClaimdeskError(f"{path}: not a claimdesk accounts file") from None


class AccountsFile:
    """The accounts, read again whenever the file changes (one `stat` a request), so that
    `claimdesk editor add` and `remove` take effect at once on a running server."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or accounts_path()
        self._stamp: tuple[int, int, int] | None = None
        self._accounts: dict[str, str] = {}

    def current(self) -> dict[str, str]:
        try:
            info = self.path.stat()
        except OSError:
            self._stamp, self._accounts = None, {}
            return self._accounts
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if stamp != self._stamp:
            self._accounts = load_accounts(self.path)
            self._stamp = stamp
        return self._accounts


def _save(accounts: dict[str, str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"editors": {name: {"password_hash": accounts[name]} for name in sorted(accounts)}}
    write_atomic(path, json.dumps(body, indent=2) + "\n")
    path.chmod(0o600)  # hashes are not passwords, but nobody else needs to read them


def add_editor(name: str, password: str, path: Path | None = None) -> Path:
    from datasette_auth_passwords.utils import hash_password

    path = path or accounts_path()
    # datasette-auth-passwords reads its accounts from `NAME_password_hash` keys: an editor named
    # `amy_password_hash` would have replaced amy's password there. Refused for any tool that
    # still reads the accounts that way.
    if not NAME_PATTERN.fullmatch(name) or name.endswith("_password_hash"):
        raise ClaimdeskError(
            f"editor {name!r}: use letters, digits, '.', '_' or '-' (at most 40 characters)"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ClaimdeskError(
            f"editor {name}: password: use at least {MIN_PASSWORD_LENGTH} characters"
        )
    accounts = load_accounts(path)
    accounts[name] = hash_password(password)
    _save(accounts, path)
    return path


def remove_editor(name: str, path: Path | None = None) -> Path:
    path = path or accounts_path()
    accounts = load_accounts(path)
    if name not in accounts:
        raise ClaimdeskError(f"editor {name}: no such editor in {path}")
    del accounts[name]
    _save(accounts, path)
    # The server refuses a removed editor's sessions anyway; this keeps a later editor of the
    # same name from inheriting them.
    from claimdesk.web.desk.sessions import SESSIONS_FILE, SessionStore

    if path.with_name(SESSIONS_FILE).exists():
        SessionStore(path.with_name(SESSIONS_FILE)).end_all(name)
    return path


def server_secret(path: Path | None = None) -> str:
    """$DATASETTE_SECRET, or the secret generated once beside the accounts file."""
    configured = os.environ.get(SECRET_VARIABLE, "").strip()
    if configured:
        return configured
    secret_path = (path or accounts_path()).with_name(SECRET_FILE)
    if secret_path.exists():
        return secret_path.read_text(encoding="utf-8").strip()
    secret = secrets.token_hex(32)
    secret_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(secret_path, secret + "\n")
    secret_path.chmod(0o600)
    return secret
