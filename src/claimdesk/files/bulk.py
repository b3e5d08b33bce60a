"""Adding a folder of articles on every core.

Worker processes read, extract, serialise and write the new articles (writing, synced to
disk, is a third of the cost); the parent takes them in name order, so that the result is
exactly what adding one article after another gives: the same slugs, the same claim ids, the
same bytes. Ids are checked in the parent, which knows every id minted so far: an article
whose id another worker minted first is minted and written again (see
`ingest.store_article`). Re-extracted articles, and a second file with a slug an earlier one
has, are written by the parent, in their turn.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from claimdesk.errors import ClaimdeskError
from claimdesk.files.ingest import (
    ArticleDetails,
    Extracted,
    add_article,
    extract_article,
    slugify,
    store_article,
    write_new_article,
)
from claimdesk.files.store import StoredArticle


def default_jobs() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class _Job:
    """What every article of one `add` shares; given to each worker once, not per article."""

    claims_dir: Path
    details: ArticleDetails | None
    update: bool
    taken: Collection[str]


_JOB: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _JOB
    _JOB = job


def _extract(path: Path, job: _Job | None = None) -> Extracted | ClaimdeskError:
    """One article, extracted; an expected failure is handed back, for the parent to name
    in its place among the others."""
    job = job or _JOB
    assert job is not None, "a worker is started with its job"
    try:
        return extract_article(
            path, job.claims_dir, details=job.details, update=job.update, taken=job.taken
        )
    except ClaimdeskError as error:
        return error


def _extract_and_write(path: Path, first: bool) -> Extracted | ClaimdeskError | None:
    """In a worker: one article, extracted, and written if it is new. None for a file whose
    slug an earlier file has: the parent adds it in its turn, after the earlier one (a worker
    would read the folder while another writes it)."""
    if not first:
        return None
    found = _extract(path)
    if isinstance(found, ClaimdeskError) or found.previous is not None:
        return found
    assert _JOB is not None, "a worker is started with its job"
    try:
        return write_new_article(found, _JOB.claims_dir)
    except ClaimdeskError as error:
        return error


def add_articles(
    paths: Iterable[Path],
    claims_dir: Path,
    *,
    details: ArticleDetails | None = None,
    update: bool = False,
    taken: Collection[str] = (),
    jobs: int = 1,
) -> Iterator[tuple[Path, StoredArticle | ClaimdeskError]]:
    """Add each article (slug from its file name), yielding each as it is written, in the
    order given, or the error that kept it out."""
    paths = list(paths)
    known = set(taken)  # grows with every article written, as one-by-one adding does
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        # `known` is read as each article is extracted: nothing is ever minted twice.
        job = _Job(claims_dir, details, update, known)
        extracted = (_extract(p, job) for p in paths)
        yield from _store_each(paths, extracted, claims_dir, details, update, known)
        return
    _load_what_extraction_imports()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    job = _Job(claims_dir, details, update, frozenset(known))
    pool: Executor = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(job,)
    )
    try:
        results = pool.map(_extract_and_write, paths, _first_with_their_slug(paths))
        yield from _store_each(paths, results, claims_dir, details, update, known)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _first_with_their_slug(paths: list[Path]) -> list[bool]:
    seen: set[str] = set()
    first = []
    for path in paths:
        slug = slugify(path.stem)
        first.append(slug not in seen)
        seen.add(slug)
    return first


def _load_what_extraction_imports() -> None:
    """Forked workers start with what the parent has loaded: the extractor's tables and what
    the first article imports on demand (cn2an, pypinyin, language detection: about 2 s),
    which each worker would otherwise load again. Where fork is not offered, each does."""
    from claimdesk.extract import extract_claims
    from claimdesk.files.ingest import merge_details

    extract_claims("二〇二一年營收為四十七億元，增長百分之三點五。")
    merge_details(None, None, "營收為47億元。")
    slugify("中文")


def _store_each(
    paths: list[Path],
    results: Iterable[Extracted | ClaimdeskError | None],
    claims_dir: Path,
    details: ArticleDetails | None,
    update: bool,
    known: set[str],
) -> Iterator[tuple[Path, StoredArticle | ClaimdeskError]]:
    for path, found in zip(paths, results, strict=True):
        outcome: StoredArticle | ClaimdeskError
        try:
            if isinstance(found, ClaimdeskError):
                raise found
            if found is None:
                # A second file with one slug (a b.txt, a-b.txt) meets the first's article as
                # adding one after the other does: refused, or re-extracted with --update.
                outcome = add_article(path, claims_dir, details=details, update=update, taken=known)
            else:
                outcome = store_article(found, claims_dir, known)
        except ClaimdeskError as error:
            outcome = error
        if isinstance(outcome, StoredArticle):
            known.update(c.key for c in outcome.claims)
        yield path, outcome
