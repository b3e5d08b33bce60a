"""The re-check of published verdicts after a revision (not a test): how long it takes to import
a release that revises the cells 10,000 published verdicts rest on, to build after it (which
re-checks them), and to derive the source revisions alone.

Usage: uv run python bench/bench_revisions.py [--verdicts 10000] [--series 5]

In a temporary folder: one article written for this bench, with ten figures of container
throughput (325.6萬標準箱 ...), extracted once with the real `add_article`, then copied until
there are `--verdicts` figures, each with a verification resting on its own cell of one of
`--series` monthly series (the real data.gov.sg mapping, under other series ids) and a second
editor's approval, made with the real event models. The first release is imported and built;
then a second release of every series revises every cell: half of them by 0.2 % (beyond what
325.6萬 covers as worded: the suggestion changes, a row), half by 100 TEU (within it: no change,
no alert). Times (a) `claimdesk series import` of the second release, (b) the incremental build
after it, (d) three more releases revising the cells again, each imported and built while the
rows stand, (c) database/revisions.refresh_revisions over every verdict, alone (three times),
and (e) a desk write on one article, which derives that article's rows again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from click.testing import CliRunner

from claimdesk.cli.main import cli
from claimdesk.database.build import build
from claimdesk.database.revisions import refresh_revisions
from claimdesk.database.write import Databases, connect, transaction
from claimdesk.files.ingest import add_article
from claimdesk.files.store import ARTICLE_TEXT, CLAIMS_FILE, REVIEWS_FILE
from claimdesk.review.actions import build_event
from claimdesk.review.events import (
    Approve,
    BaseEvent,
    SeriesCell,
    Verify,
    dump_event_line,
    new_event_id,
)
from claimdesk.review.record import record
from claimdesk.review.reviewed import ReviewedClaim
from claimdesk.review.verdicts import Verdict

MAPPING = "datagovsg-container-throughput"
URL = "https://example.org/bench/container-throughput.csv"
FIRST, SECOND = "2024-01-15", "2024-02-15"
# Later releases revising the cells again, while the rows stand.
AGAIN = ("2024-03-15", "2024-04-15", "2024-05-15")
# Ten figures in 萬 with one decimal: each covers its value ± 500 TEU as worded.
FIGURES = [3256, 3312, 3187, 3402, 3298, 3355, 3221, 3276, 3339, 3190]
TEMPLATE = "新加坡港口貨櫃吞吐量統計\n\n" + "".join(
    f"據海事及港務管理局統計，第{n + 1}個港區的貨櫃吞吐量為{figure / 10}萬標準箱。"
    for n, figure in enumerate(FIGURES)
)
_ID = re.compile(r"^- id: (c[0-9a-f]+)$", re.MULTILINE)


def period(index: int) -> str:
    """The index-th month from 1850-01: a monthly series long enough for any count."""
    return f"{1850 + index // 12:04d}-{index % 12 + 1:02d}"


def write_csv(path: Path, values: dict[str, float]) -> None:
    # As data.gov.sg writes it: thousands of TEU.
    rows = [f"{p},{v / 1000:.3f}" for p, v in sorted(values.items())]
    path.write_text("month,container_throughput\n" + "\n".join(rows) + "\n", encoding="utf-8")


def import_release(claims_dir: Path, table: Path, series_id: str, released: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["series", "import", str(table), "--mapping", MAPPING, "--series", series_id,
         "--release-date", released, "--url", URL, "--retrieved", f"{released}T08:00:00",
         "--claims-dir", str(claims_dir)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def write_articles(claims_dir: Path, scratch: Path, verdicts: int, series: int) -> None:
    """Copies of the template article, each figure verified against its own cell of the
    first release and approved by a second editor."""
    scratch.mkdir()
    text_path = scratch / "port.txt"
    text_path.write_text(TEMPLATE, encoding="utf-8")
    stored = add_article(text_path, scratch / "claims", slug="port")
    figures = [claim for claim in stored.claims if claim.unit == "TEU"]
    assert len(figures) == len(FIGURES), [c.text for c in stored.claims]
    template_yml = (scratch / "claims" / "port" / CLAIMS_FILE).read_text(encoding="utf-8")
    template_ids = _ID.findall(template_yml)
    at = dt.datetime(2024, 1, 20, 9, tzinfo=dt.UTC)
    done = 0
    copy = 0
    while done < verdicts:
        slug = f"port-{copy:05d}"
        ids = {old: f"c{copy:08x}{n:08x}" for n, old in enumerate(template_ids)}
        folder = claims_dir / slug
        folder.mkdir()
        (folder / ARTICLE_TEXT).write_text(TEMPLATE, encoding="utf-8")
        renamed = _ID.sub(partial(_renamed, ids), template_yml)
        (folder / CLAIMS_FILE).write_text(renamed, encoding="utf-8")
        lines = []
        for claim in figures:
            if done == verdicts:
                break
            cell = SeriesCell(
                series=f"bench-port-{done % series}", release=FIRST, period=period(done // series)
            )
            moment = at + dt.timedelta(seconds=done)
            verify = Verify(
                id=new_event_id(moment), at=moment, editor="amy", claim_id=ids[claim.id],
                verdict=Verdict.CORRECT, evidence_url=URL,
                evidence_quote=f"{cell.period} = {claim.value} TEU", source_value=claim.value,
                source_unit="TEU", source_time=cell.period,
                explanations={"zh-Hant": "與港務局的數據相符。"}, series_cell=cell,
            )  # fmt: skip
            later = moment + dt.timedelta(hours=1)
            approve = Approve(
                id=new_event_id(later), at=later, editor="ben", claim_id=ids[claim.id],
                verify_id=verify.id,
            )  # fmt: skip
            lines += [dump_event_line(verify), dump_event_line(approve)]
            done += 1
        (folder / REVIEWS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        copy += 1


def _renamed(ids: dict[str, str], found: re.Match[str]) -> str:
    return f"- id: {ids[found.group(1)]}"


def cell_values(verdicts: int, series: int) -> list[dict[str, float]]:
    """The first release's cells, series by series: each the value of the figure resting on it."""
    values: list[dict[str, float]] = [{} for _ in range(series)]
    for done in range(verdicts):
        values[done % series][period(done // series)] = FIGURES[done % len(FIGURES)] * 1000
    return values


def revised(values: dict[str, float], again: int = 0) -> dict[str, float]:
    """A later release: every cell revised, alternately beyond and within the precision (the
    `again`-th time a few TEU more, still on the same side of it)."""
    return {
        p: round(v * 1.002) + again if n % 2 == 0 else v + 100 + again
        for n, (p, v) in enumerate(sorted(values.items()))
    }


def revise_again(claims_dir: Path, db: Path, root: Path, series: int, release: str) -> None:
    import_all(claims_dir, root, series, release)
    build(claims_dir, db)


def timed(what: str, step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    print(f"{what}: {seconds:.2f} s")
    return seconds


def import_all(claims_dir: Path, root: Path, series: int, release: str) -> None:
    for n in range(series):
        import_release(claims_dir, root / f"{release}-{n}.csv", f"bench-port-{n}", release)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verdicts", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        claims_dir, db = root / "claims", root / "claimdesk.db"
        claims_dir.mkdir()
        first = cell_values(args.verdicts, args.series)
        for n, values in enumerate(first):
            table = root / f"first-{n}.csv"
            write_csv(table, values)
            import_release(claims_dir, table, f"bench-port-{n}", FIRST)
        write_articles(claims_dir, root / "scratch", args.verdicts, args.series)
        timed(
            f"fresh build ({args.verdicts} published verdicts on cells)",
            lambda: build(claims_dir, db),
        )
        for n, values in enumerate(first):
            write_csv(root / f"{SECOND}-{n}.csv", revised(values))
            for again, release in enumerate(AGAIN, start=1):
                write_csv(root / f"{release}-{n}.csv", revised(values, again))
        cells = sum(len(values) for values in first)
        timed(
            f"(a) import of the revising release ({args.series} files, {cells} cells)",
            lambda: import_all(claims_dir, root, args.series, SECOND),
        )
        timed(
            "(b) incremental build after it (re-checks every verdict)",
            lambda: build(claims_dir, db),
        )
        # Revised again, with the rows standing: each series row the build deletes is looked
        # up among them (their foreign keys), and every one is derived again. Three times: the
        # machine is shared, and one run says little.
        for again, release in enumerate(AGAIN, start=1):
            timed(
                f"(d) release {again + 2} revising them again, imported and built",
                partial(revise_again, claims_dir, db, root, args.series, release),
            )
        connection = connect(db)
        try:

            def derive() -> None:
                with transaction(connection):
                    refresh_revisions(connection, None)

            for _ in range(3):
                timed("(c) the re-derivation alone (refresh_revisions, every verdict)", derive)
            (rows,) = connection.execute("select count(*) from source_revisions").fetchone()
            (published,) = connection.execute(
                "select count(*) from verdicts where series_id is not null"
            ).fetchone()
        finally:
            connection.close()
        print(f"{published} verdicts on cells, {rows} source revisions (half: the others are "
              "revised within the precision: no change, no alert)")  # fmt: skip
        assert rows == args.verdicts - args.verdicts // 2, rows
        desk_writes(claims_dir, db)


def desk_writes(claims_dir: Path, db: Path, runs: int = 20) -> None:
    """(e) A desk action on one article of the corpus (assign, then unassign, alternately),
    through the one write path: it derives again that article's source revisions only."""
    slug = "port-00000"
    claim = _ID.findall((claims_dir / slug / CLAIMS_FILE).read_text(encoding="utf-8"))[0]
    databases = Databases(db, db.with_name("reviews.db"))
    seconds = []
    for n in range(runs):
        action = "unassign" if n % 2 else "assign"
        started = time.perf_counter()
        record(claims_dir, claim, partial(_event, action), databases=databases)
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    print(
        f"(e) a desk write on one article (median of {runs}): "
        f"{statistics.median(seconds) * 1000:.0f} ms, 90th percentile "
        f"{seconds[int(len(seconds) * 0.9) - 1] * 1000:.0f} ms"
    )


def _event(action: str, item: ReviewedClaim) -> BaseEvent:
    return build_event(action, item, {}, "amy")


if __name__ == "__main__":
    main()
