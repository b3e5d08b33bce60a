"""The claimdesk command line: parse options, call one function, print."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import yaml

from claimdesk.cli.options import (
    _claims_dir_option,
    _currency_code,
    _db_option,
    build_if_stale,
    config_option,
    metadata_option,
)
from claimdesk.errors import ClaimdeskError
from claimdesk.vocabulary import LANGUAGES

if TYPE_CHECKING:  # imported when a command runs, so that `claimdesk --help` starts fast
    from claimdesk.files.ingest import ArticleDetails
    from claimdesk.files.store import StoredArticle


class _Group(click.Group):
    """Turns expected failures into a one-line message and exit code 1, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader stopped (`claimdesk show ID | head`): that is no error to report. As
            # Python's documentation on SIGPIPE advises, what is left for stdout goes to devnull,
            # so that flushing it at exit does not fail again, and the exit status is 1.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except ClaimdeskError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            # A read-only folder, a full disk, a path that is a file: the OS's words and the
            # path are what an editor needs, not a traceback.
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None


@click.group(cls=_Group)
@click.version_option(package_name="claimdesk")
def cli() -> None:
    """claimdesk: find, verify and publish the numeric claims in news articles.

    Example:

        claimdesk add article.txt && claimdesk serve
    """


@cli.command()
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--slug", help="Folder name under claims/ (default: from the file name, in pinyin).")
@click.option("--update", is_flag=True, help="Re-extract an article that is already there.")
@click.option("--title", help="Article title (default: kept, or its first line of text).")
@click.option("--publisher", help="Who published it, e.g. 港股研究社.")
@click.option("--author", help="Who wrote it.")
@click.option("--url", help="Where it was published.")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date, YYYY-MM-DD.",
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help="Language (default: kept, or detected).",
)
@click.option(
    "--currency",
    callback=_currency_code,
    help="ISO 4217 code that 元 and bare amounts of money mean, e.g. TWD "
    "(default: kept, or inferred from the text).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Articles of a folder extracted at once, one per process (default: one per core).",
)
@_claims_dir_option
@_db_option
def add(
    file: Path,
    slug: str | None,
    update: bool,
    title: str | None,
    publisher: str | None,
    author: str | None,
    url: str | None,
    published: dt.datetime | None,
    language: Any,
    currency: str | None,
    jobs: int | None,
    claims_dir: Path,
    db_path: Path,
) -> None:
    """Add an article (or every .txt file in a folder): copy it into claims/SLUG/ and write
    its extracted claims.

    An existing slug is refused unless --update is given; then the article is re-extracted,
    every detail no option overrides is kept, and so is the review work on unchanged claims.

    A folder's articles are extracted on every core and taken in name order: the claims and
    their ids are the same as when adding the files one by one. A progress bar shows on a
    terminal; none when the output is piped or the CI variable is set.

    Example:

        claimdesk add article.txt --slug ai-chips --publisher 港股研究社 --author 添澤Tyler
    """
    from claimdesk.files.ingest import ArticleDetails, add_article

    details = ArticleDetails(
        title=title,
        publisher=publisher,
        author=author,
        url=url,
        published=published.date() if published else None,
        language=language,
        currency=currency,
    )
    from claimdesk.database.build import reviews_db_beside
    from claimdesk.database.write import Databases
    from claimdesk.review.record import known_claim_ids

    # Claim ids are unique across the collection by construction: none is minted that
    # another article has (reviews.db's index, and the articles not built yet).
    taken = known_claim_ids(claims_dir, Databases(db_path, reviews_db_beside(db_path)))
    files = _article_files(file)
    if slug is not None and len(files) != 1:
        raise ClaimdeskError(f"--slug: names one article, but {file} holds {len(files)}")
    if file.is_file() or slug is not None:
        stored = add_article(
            files[0], claims_dir, slug=slug, details=details, update=update, taken=taken
        )
        click.echo(_added(claims_dir, stored))
        return
    _add_folder(file, files, claims_dir, details, update, taken, jobs)


def _add_folder(
    folder: Path,
    files: list[Path],
    claims_dir: Path,
    details: ArticleDetails,
    update: bool,
    taken: set[str],
    jobs: int | None,
) -> None:
    """Every article of the folder, on every core, with a progress bar on a terminal; one
    that cannot be added is named and the others are still added."""
    from claimdesk.cli.progress import progress
    from claimdesk.files.bulk import add_articles, default_jobs

    problems = 0
    added = add_articles(
        files, claims_dir, details=details, update=update, taken=taken, jobs=jobs or default_jobs()
    )
    with progress("adding") as shown:
        shown(0, len(files))
        for done, (_, stored) in enumerate(added, start=1):
            if isinstance(stored, ClaimdeskError):
                problems += 1
                shown.echo(f"error: {stored}", err=True)
            else:
                shown.echo(_added(claims_dir, stored))
            shown(done, len(files))
    if problems:
        raise ClaimdeskError(f"{problems} of {len(files)} files in {folder} were not added")


def _added(claims_dir: Path, stored: StoredArticle) -> str:
    return f"{claims_dir / stored.slug}: {len(stored.claims)} claims ({stored.article.title})"


def _article_files(given: Path) -> list[Path]:
    """A file, or every .txt file directly in a folder (hidden ones left out), in name order."""
    if given.is_file():
        return [given]
    found = sorted(p for p in given.glob("*.txt") if p.is_file() and not p.name.startswith("."))
    if not found:
        raise ClaimdeskError(f"{given}: no .txt files to add")
    return found


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "yaml", "table"]),
    default="table",
    show_default=True,
)
@click.option(
    "--currency",
    callback=_currency_code,
    help="ISO 4217 code that 元 and bare amounts of money mean (default: inferred), e.g. TWD.",
)
@_claims_dir_option
def extract(file: Path, output_format: str, currency: str | None, claims_dir: Path) -> None:
    """Print the claims found in a text file; writes nothing.

    Offsets are Python str indices into the file's UTF-8 text. The newsroom's own words and
    names in CLAIMS_DIR/lexicon/, if there are any, are read as `add` reads them.

    Example:

        claimdesk extract article.txt --format json --currency TWD
    """
    from claimdesk.claim import claims_json
    from claimdesk.extract import extract_claims, lexicon_for
    from claimdesk.files.atomic import read_text

    lexicon = lexicon_for(claims_dir)
    claims = extract_claims(read_text(file), currency=currency, lexicon=lexicon)
    if output_format == "json":
        # The text json.dumps(..., indent=2) would write, built in one pass (see claims_json).
        click.echo(claims_json(claims))
        return
    records = [claim.to_json() for claim in claims]
    if output_format == "yaml":
        click.echo(
            yaml.safe_dump({"claims": records}, allow_unicode=True, sort_keys=False), nl=False
        )
    else:
        click.echo(_table(records))


@cli.command()
@_claims_dir_option
@_db_option
@click.option("--full", is_flag=True, help="Build both databases afresh, not only what changed.")
def build(claims_dir: Path, db_path: Path, full: bool) -> None:
    """Validate claims/ and bring both databases up to date with it.

    claimdesk.db is public and holds only what may be published; reviews.db, beside it, holds
    every review event and is served only to editors. Only the articles whose files changed
    since the last build are written again, in place, so a running server shows them at once.
    A missing or damaged database, or one an older claimdesk wrote, is built afresh.

    A file that cannot be read, or a line of a review log that breaks a rule, is named (file,
    line, claim, field) and left out; everything else is published, and the exit status is 1.

    Example:

        claimdesk build --db claimdesk.db
    """
    from claimdesk.cli.progress import progress
    from claimdesk.database.build import build as build_database
    from claimdesk.database.build import reviews_db_beside

    with progress("building") as shown:
        report = build_database(claims_dir, db_path, full=full, progress=shown)
    counts = report.counts
    private = {"events"}
    # A newsroom with no series, or no revised source, is not told so on every build.
    listed = {
        table.replace("_", " "): n
        for table, n in counts.items()
        if table not in private and (n or table not in ("series", "source_revisions"))
    }
    how = "afresh" if report.fresh else f"{len(report.written)} articles written"
    if report.removed:
        how += f", {len(report.removed)} removed"
    click.echo(
        f"{db_path}: " + ", ".join(f"{n} {table}" for table, n in listed.items()) + f" ({how})"
    )
    click.echo(f"{reviews_db_beside(db_path)}: {counts['events']} events")
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    if report.problems:
        raise SystemExit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@metadata_option()
@config_option()
@_claims_dir_option
@_db_option
def serve(
    host: str, port: int, metadata: Path, config: Path, claims_dir: Path, db_path: Path
) -> None:
    """Build if claims/ changed, then publish the claims with Datasette.

    Example:

        claimdesk serve --port 8001
    """
    from claimdesk.database.build import reviews_db_beside

    build_if_stale(claims_dir, db_path)
    argv = datasette_argv([db_path, reviews_db_beside(db_path)], metadata, config, host, port)
    from claimdesk.web.desk.accounts import (
        SECRET_VARIABLE,
        accounts_path,
        load_accounts,
        server_secret,
    )

    # Signed cookies must survive a restart: the same secret every time, never committed.
    os.environ[SECRET_VARIABLE] = server_secret()
    # The desk writes to the claims/ this server was built from (unless datasette.yaml names
    # another): the variable outlives the exec below.
    from claimdesk.web.desk.views import CLAIMS_DIR_VARIABLE

    os.environ[CLAIMS_DIR_VARIABLE] = str(claims_dir.resolve())
    if load_accounts():
        click.echo(f"the editors' desk: http://{host}:{port}/desk", err=True)
    else:
        click.echo(
            f"no editors yet ({accounts_path()}), so the desk is closed; add one with "
            "`claimdesk editor add NAME` (it opens at once, no restart needed)",
            err=True,
        )
    click.echo(f"serving http://{host}:{port}/", err=True)
    sys.stdout.flush()
    os.execv(sys.executable, argv)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of claims.yml, for completion in editors.

    Example:

        claimdesk schema > claims.schema.json
    """
    from claimdesk.files.models import ArticleFile

    click.echo(json.dumps(ArticleFile.model_json_schema(), ensure_ascii=False, indent=2))


def datasette_argv(
    databases: list[Path], metadata: Path, config: Path, host: str, port: int
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        *(str(db) for db in databases),
        "--metadata",
        str(metadata),
        "--config",
        str(config),
        "--host",
        host,
        "--port",
        str(port),
    ]


TABLE_COLUMNS = ("start", "end", "text", "value", "unit", "kind", "qualifier", "source", "time")


def _table(records: Sequence[dict[str, Any]]) -> str:
    from claimdesk.cli.presenting import render_table

    return render_table(
        [*TABLE_COLUMNS, "flags"],
        ([*(r[c] for c in TABLE_COLUMNS), ",".join(r["flags"])] for r in records),
    )
