"""Commands for what the public sees (ClaimReview output)."""

from __future__ import annotations

from pathlib import Path

import click

from claimdesk.cli.options import DATABASE, config_option


@click.command()
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DATABASE,
    show_default=True,
    help="The built public database to read.",
)
@config_option(
    "Where `plugins: claimdesk:` names the organisation and the site's address.", exists=False
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default="-",
    show_default=True,
    help="File to write (replaced atomically); - for standard output.",
)
def claimreview(db_path: Path, config: Path, out: Path) -> None:
    """Write every published verdict as schema.org ClaimReview, in one JSON file.

    The same markup the claim pages embed, for feeds and for Google's Fact Check Tools API.
    Only verdicts a second editor approved are there.

    Example:

        claimdesk claimreview --out claimreview.json
    """
    from claimdesk.files.atomic import write_atomic
    from claimdesk.publish.claimreview import dump_claim_reviews, read_claim_reviews, read_publisher

    reviews = read_claim_reviews(db_path, read_publisher(config))
    document = dump_claim_reviews(reviews)
    if str(out) == "-":
        click.echo(document, nl=False)
        return
    write_atomic(out, document)
    click.echo(f"{out}: {len(reviews)} ClaimReviews", err=True)
