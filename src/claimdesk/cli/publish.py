"""`claimdesk publish DIR`: the public site as a folder any number of servers can serve."""

from __future__ import annotations

from pathlib import Path

import click

from claimdesk.cli.options import (
    _claims_dir_option,
    _db_option,
    build_if_stale,
    config_option,
    metadata_option,
)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@metadata_option("The desk's metadata; the artifact keeps the public database's part.")
@config_option("The desk's configuration; the artifact's has no desk, sign-in or ?sql=.")
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
    from claimdesk.publish.artifact import DATABASE, check_target, write_artifact

    check_target(directory, replace)  # before a build that may take minutes
    build_if_stale(claims_dir, db_path)
    document = write_artifact(db_path, metadata, config, directory, replace=replace)
    build = document["claimdesk_build"]
    size = (directory / DATABASE).stat().st_size
    click.echo(
        f"{directory}: {len(document['files'])} files, {DATABASE} {size:,} bytes, "
        f"{build['articles']} articles (build {build['fingerprint'][:12]})"
    )
