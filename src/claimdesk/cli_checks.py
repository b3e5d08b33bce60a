"""Commands for the automatic consistency checks."""

from __future__ import annotations

from claimdesk.cli import cli  # noqa: F401  (commands register themselves on it)
