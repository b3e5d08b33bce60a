"""`claimdesk series`: reference series and their releases, in claims/series/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from claimdesk.cli.options import _claims_dir_option


@click.group()
def series() -> None:
    """Official series and their releases, the evidence claims are checked against.

    Each series is a folder claims/series/ID/: series.yml and one file a release in
    releases/. `claimdesk build` publishes them at /series.

    Example:

        claimdesk series import throughput.csv --mapping datagovsg-container-throughput
    """


@series.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    "mapping_name",
    required=True,
    metavar="NAME",
    help=(
        "How to read the file: a shipped mapping (see `claimdesk series mappings`) or the "
        "path of a mapping .yml file."
    ),
)
@click.option(
    "--release-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day the publisher released it, YYYY-MM-DD (default: the day it was retrieved).",
)
@click.option("--url", help="Where the file was retrieved from (default: the mapping's).")
@click.option(
    "--retrieved",
    type=click.DateTime(formats=["%Y-%m-%dT%H:%M:%S"]),
    help="When it was retrieved, UTC, YYYY-MM-DDTHH:MM:SS (default: now).",
)
@click.option("--series", "series_id", metavar="ID", help="The series (default: the mapping's).")
@_claims_dir_option
def series_import(
    file: Path,
    mapping_name: str,
    release_date: dt.datetime | None,
    url: str | None,
    retrieved: dt.datetime | None,
    series_id: str | None,
    claims_dir: Path,
) -> None:
    """Add FILE, as its publisher gave it, as a new release of its series.

    The same file twice adds nothing; a changed file adds a release, and the revised cells
    are marked when the site is built. A cron job that downloads the file and calls this
    command keeps a series up to date.

    Example:

        claimdesk series import cpi.csv --mapping dgbas-cpi --release-date 2024-10-08
    """
    from claimdesk.series.importing import import_release, load_mapping

    imported = import_release(
        claims_dir,
        file,
        load_mapping(mapping_name),
        series_id=series_id,
        released=release_date.date() if release_date else None,
        url=url,
        retrieved=retrieved.replace(tzinfo=dt.UTC) if retrieved else None,
    )
    if imported.added:
        click.echo(
            f"{imported.series_id}: release {imported.release}, {imported.cells} cells "
            f"({imported.path})"
        )
    else:
        click.echo(
            f"{imported.series_id}: unchanged, release {imported.release} holds this file "
            "already; nothing added"
        )


@series.command("mappings")
def series_mappings() -> None:
    """The mappings claimdesk ships, each with the table it reads.

    Example:

        claimdesk series mappings
    """
    from claimdesk.series.importing import load_mapping, mapping_names

    for name in mapping_names():
        click.echo(f"{name}: {load_mapping(name).description}")


@series.command("list")
@_claims_dir_option
def series_list(claims_dir: Path) -> None:
    """Every series: its id, releases, latest release and title.

    Example:

        claimdesk series list
    """
    from claimdesk.series.store import load_all

    loaded, problems = load_all(claims_dir)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    for stored in loaded:
        latest = stored.releases[-1].name if stored.releases else "-"
        click.echo(
            f"{stored.info.id}  {len(stored.releases)} releases, latest {latest}  "
            f"{stored.info.title_zh} {stored.info.title_en}"
        )


@series.command("show")
@click.argument("series_id", metavar="ID")
@click.option("--period", help="Only this period's values (2024-01), in every release.")
@_claims_dir_option
def series_show(series_id: str, period: str | None, claims_dir: Path) -> None:
    """A series' details, its releases and the values of its latest release (or of one
    period in every release, with revisions marked).

    Example:

        claimdesk series show sg-container-throughput --period 2023-04
    """
    from claimdesk.errors import ClaimdeskError
    from claimdesk.series.store import load_one

    stored = load_one(claims_dir, series_id)
    if stored is None:
        raise ClaimdeskError(f"{series_id}: 沒有這個數列 · no such series in {claims_dir}/series/")
    info = stored.info
    click.echo(f"{info.id}: {info.title_zh} · {info.title_en}")
    click.echo(f"  publisher: {info.publisher}")
    click.echo(f"  unit: {info.claim_unit}, {info.frequency}")
    for each in stored.releases:
        release = each.release
        click.echo(f"  release {each.name}: {len(release.cells)} cells, {release.url}")
    if not stored.releases:
        return
    if period is None:
        latest = stored.releases[-1]
        shown = sorted(latest.release.cells.items())[-12:]
        click.echo(f"latest release {latest.name}, last {len(shown)} periods:")
        for when, figure in shown:
            click.echo(f"  {when}  {figure}")
        return
    before: int | float | None = None
    for each in stored.releases:
        value = each.release.cells.get(period)
        if value is None:
            continue
        mark = f"  (revised from {before})" if before is not None and before != value else ""
        click.echo(f"  {period} in {each.name}: {value}{mark}")
        before = value
