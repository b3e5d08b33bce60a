"""The claimdesk command line: one group (main.py) and the commands of each job, registered
here with `add_command` so that no command module imports the group it belongs to."""

from __future__ import annotations

from claimdesk.cli import checks, claimreview, editors, publish, review, series
from claimdesk.cli.main import cli

for command in (
    review.queue,
    review.show,
    review.assign,
    review.unassign,
    review.verify,
    review.approve,
    review.send_back,
    review.correct,
    review.dismiss,
    review.restore,
    review.add_claim,
    checks.check,
    claimreview.claimreview,
    publish.publish,
    editors.editor,
    series.series,
):
    cli.add_command(command)

__all__ = ["cli"]
