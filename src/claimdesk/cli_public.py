"""Commands for what the public sees (ClaimReview output)."""

from __future__ import annotations

from claimdesk.cli import cli  # noqa: F401  (commands register themselves on it)
