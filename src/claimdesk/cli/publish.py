"""`claimdesk publish DIR`: the public site as a folder any number of servers can serve."""

from __future__ import annotations

from pathlib import Path

import click

from claimdesk.cli.options import _claims_dir_option, _db_option


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="metadata.yml",
    show_default=True,
    help="The desk's metadata; the artifact keeps the public database's part.",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="datasette.yaml",
    show_default=True,
    help="The desk's configuration; the artifact's has no desk, sign-in or ?sql=.",
)
@click.option("--replace", is_flag=True, help="Replace DIRECTORY when it is not empty.")
@_claims_dir_option
@_db_option
def publish(
    directory: Path,
    metadata: Path,
    config: Path,
    replace: bool,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Write the public site into DIRECTORY, to serve read-only anywhere.

    Builds first if claims/ changed (as `serve` does). DIRECTORY gets a compact copy of
    claimdesk.db, metadata.yml, manifest.json (each file's sha256 and the build's
    fingerprint) and server/: datasette.yaml, requirements.txt and the claimdesk wheel.
    Never reviews.db, accounts or sessions. It is written beside DIRECTORY and renamed into
    place; serve it from DIRECTORY with

        datasette serve --immutable claimdesk.db --metadata metadata.yml \\
          --config server/datasette.yaml

    Example:

        claimdesk publish site/ --replace
    """
    from claimdesk.database.build import build as build_database
    from claimdesk.database.build import needs_build
    from claimdesk.publish.artifact import DATABASE, check_target, write_artifact

    check_target(directory, replace)  # before a build that may take minutes
    reason = needs_build(claims_dir, db_path)
    if reason is not None:
        report = build_database(claims_dir, db_path)
        click.echo(f"built {db_path} ({reason}): {report.counts['claims']} claims", err=True)
        for problem in report.problems:
            click.echo(f"warning: {problem}", err=True)
    document = write_artifact(db_path, metadata, config, directory, replace=replace)
    build = document["claimdesk_build"]
    size = (directory / DATABASE).stat().st_size
    click.echo(
        f"{directory}: {len(document['files'])} files, {DATABASE} {size:,} bytes, "
        f"{build['articles']} articles (build {build['fingerprint'][:12]})"
    )
