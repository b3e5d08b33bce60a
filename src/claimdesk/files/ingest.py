"""Adding an article: from a text file to claims/<slug>/ with its extracted claims.

Adding an existing slug again (with `update=True`) re-extracts the article, keeps every
detail that no option overrides, and keeps each claim's id, so that its review events in
reviews.jsonl stay attached to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypedDict, Unpack

from pydantic import ValidationError

from claimdesk.claim import Claim
from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import BOM, read_text
from claimdesk.files.models import Article, ArticleFile
from claimdesk.files.store import (
    CLAIMS_FILE,
    StoredArticle,
    dump_article_file,
    locked_reviews,
    read_article_file,
    save_article,
)
from claimdesk.vocabulary import CLAIM_ID_HEX, CLAIM_ID_OLD_HEX, SLUG_PATTERN, Language

# Beyond this an article is not a news story, and SQLite's per-value limit in the served
# database (web.MAX_VALUE_BYTES) must still hold its text.
MAX_ARTICLE_BYTES = 32 * 1024 * 1024
SLUG_MAX_LENGTH = 60


@dataclass(frozen=True)
class ArticleDetails:
    """What an editor may set on the command line; None keeps what is already there."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: Language | None = None
    currency: str | None = None


class AddOptions(TypedDict, total=False):
    slug: str | None
    details: ArticleDetails | None
    update: bool
    taken: Collection[str]


def add_article(text_path: Path, claims_dir: Path, **options: Unpack[AddOptions]) -> StoredArticle:
    """Copy an article into claims/<slug>/, extract its claims and write claims.yml.

    An existing slug is re-extracted only with `update`, so that adding a second article with
    a similar name can never silently replace the first. `taken` holds the claim ids other
    articles have: a new claim never gets one of them."""
    found = extract_article(text_path, claims_dir, **options)
    return store_article(found, claims_dir, options.get("taken", ()))


@dataclass(frozen=True)
class Extracted:
    """An article read and extracted, not yet written: what a worker process hands back."""

    slug: str
    article: Article
    text: str
    claims: list[Claim]  # with ids none of the `taken` the extraction was given has
    previous: ArticleFile | None  # claims.yml as it was, when the article is re-extracted
    dumped: str | None  # claims.yml for a new article, written in the worker (the costly part)
    written: bool = False  # a new article, already in claims/ (see `write_new_article`)


def extract_article(
    text_path: Path,
    claims_dir: Path,
    *,
    slug: str | None = None,
    details: ArticleDetails | None = None,
    update: bool = False,
    taken: Collection[str] = (),
) -> Extracted:
    """Everything `add_article` does but write: read, check, extract, mint ids, serialise."""
    # the extractor loads its tables on import
    from claimdesk.extract import extract_claims, lexicon_for

    text = read_text(text_path).removeprefix(BOM)
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise ClaimdeskError(
            f"{text_path}: larger than {MAX_ARTICLE_BYTES // 2**20} MiB; "
            "this does not look like one article"
        )
    if slug is None:
        slug = slugify(text_path.stem)
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ClaimdeskError(
            f"--slug {slug!r}: use lower-case letters, digits and hyphens, starting with a "
            "letter or digit"
        )
    _refuse_reserved(slug)
    folder = claims_dir / slug
    previous = read_article_file(folder) if _refuse_existing(folder, update) else None
    article = merge_details(previous.article if previous else None, details, text)
    lexicon = lexicon_for(claims_dir)  # the shipped lists and claims/lexicon/, if any
    extracted = extract_claims(text, currency=article.currency, lexicon=lexicon)
    fresh = claims_from_extraction(slug, extracted, taken, _own_ids(previous))
    dumped = None if previous else dump_article_file(ArticleFile(article=article, claims=fresh))
    return Extracted(slug, article, text, fresh, previous, dumped)


def _refuse_reserved(slug: str) -> None:
    """claims/series/ and claims/lexicon/ hold reference series and the newsroom's word lists:
    an article of that slug would be written into them."""
    from claimdesk.extract.lexicon import NEWSROOM_FOLDER
    from claimdesk.series.store import SERIES_FOLDER

    if slug in (SERIES_FOLDER, NEWSROOM_FOLDER):
        raise ClaimdeskError(
            f"--slug {slug!r}: claims/{slug}/ 另有用途，請換一個 slug · claims/{slug}/ holds "
            f"{'reference series' if slug == SERIES_FOLDER else 'the newsroom word lists'}: "
            "choose another --slug"
        )


def _refuse_existing(folder: Path, update: bool) -> bool:
    """Whether the folder already holds an article (then re-extracted only with `update`)."""
    if (folder / CLAIMS_FILE).exists() or (folder / CLAIMS_FILE).is_symlink():
        if not update:
            raise ClaimdeskError(
                f"{folder}: already holds an article; pass --update to re-extract it, "
                "or choose another --slug"
            )
        return True
    return False


def _own_ids(previous: ArticleFile | None) -> set[str]:
    return {c.key for c in (*previous.claims, *previous.retracted)} if previous else set()


def write_new_article(found: Extracted, claims_dir: Path) -> Extracted:
    """Write a new article where it was extracted (a worker process), with the ids it was
    given: writing is a third of the cost, and the parent would do it on one core."""
    assert found.previous is None and found.dumped is not None, "a new article"
    folder = claims_dir / found.slug
    _refuse_existing(folder, update=False)
    save_article(folder, found.article, found.text, found.claims, dumped=found.dumped)
    return dataclasses.replace(found, written=True)


def store_article(found: Extracted, claims_dir: Path, taken: Collection[str]) -> StoredArticle:
    """Write what `extract_article` found (unless a worker wrote it). `taken` is every claim
    id known now: one minted since the extraction (by another worker) makes this article's
    ids be minted again, and the article written again, so that ids stay unique and are
    exactly what adding one article after another gives."""
    folder = claims_dir / found.slug
    own = _own_ids(found.previous)
    fresh, dumped = found.claims, found.dumped
    reminted = any(c.key in taken and c.key not in own for c in fresh)
    if reminted:
        fresh = claims_from_extraction(found.slug, fresh, taken, own)
        dumped = None
    if found.previous is None:
        if not found.written:
            _refuse_existing(folder, update=False)  # another process may have added it
        if reminted or not found.written:
            save_article(folder, found.article, found.text, fresh, dumped=dumped)
        return StoredArticle(found.slug, found.article, found.text, fresh, [], [])
    # Held while claims are matched and written, so that an event an editor records meanwhile
    # cannot name a claim that this re-extraction is about to drop.
    with locked_reviews(folder) as log:
        review_lines = log.lines()
        claims, retracted = reconcile(fresh, found.previous, reviewed_claim_ids(review_lines))
        save_article(folder, found.article, found.text, claims, retracted)
    return StoredArticle(found.slug, found.article, found.text, claims, retracted, review_lines)


def merge_details(previous: Article | None, given: ArticleDetails | None, text: str) -> Article:
    """Options override; otherwise what claims.yml already says; otherwise a guess."""
    from claimdesk.files.language import detect_language

    given = given or ArticleDetails()
    fields = ("title", "publisher", "author", "url", "published", "language", "currency")
    merged = {
        name: getattr(given, name)
        if getattr(given, name) is not None
        else getattr(previous, name, None)
        for name in fields
    }
    merged["title"] = merged["title"] or guess_title(text)
    merged["language"] = merged["language"] or detect_language(text)
    try:
        return Article.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ClaimdeskError(f"--{field}: {first['msg']}") from None


# A line that is page furniture, not a headline: a word count (本文共341字), a byline, a
# publication stamp, a pager. Matched on the folded (Simplified, ASCII-digit) line.
FURNITURE_LINE = re.compile(
    r"(?:本文共|全文共|全文约|阅读时间|责任编辑|来源[:：]|作者[:：]|编辑[:：]|记者[:：]"
    r"|(?:19|20)\d{2}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s+\d{1,2}:\d{2}"
    r"|^[\s\d|/·.…<>«»-]*$|^(?:首页|上一页|下一页|返回)|©|版权所有)"
)


def guess_title(text: str) -> str:
    """The first line that is not page furniture; the first line if every one is."""
    from claimdesk.extract.script import fold

    lines = [line.strip().strip(BOM).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for line in lines[:20]:
        if not FURNITURE_LINE.search(fold(line)):
            return line[:200]
    return lines[0][:200] if lines else "untitled"


def claim_id(slug: str, sentence: str, text: str, occurrence: int) -> str:
    """Stable across re-extraction while the claim's sentence and number are unchanged;
    `occurrence` tells apart the same figure twice in one sentence."""
    key = "\x1f".join((slug, sentence, text, str(occurrence)))
    return "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:CLAIM_ID_HEX]


def claims_from_extraction(
    slug: str,
    extracted: Iterable[Claim],
    elsewhere: Collection[str] = (),
    own: Collection[str] = (),
) -> list[Claim]:
    """The extractor's claims with their ids: stable (see `claim_id`), and none that another
    article (`elsewhere`, less the article's `own` earlier ids) or another claim of this one
    already has. `elsewhere` may be every id of a large desk: it is looked into, never copied."""
    claims: list[Claim] = []
    occurrences: dict[tuple[str, str], int] = {}
    minted: set[str] = set()

    def is_taken(candidate: str) -> bool:
        return candidate in minted or (candidate in elsewhere and candidate not in own)

    for found in extracted:
        key = (found.sentence, found.text)
        occurrences[key] = occurrences.get(key, 0) + 1
        new_id = claim_id(slug, found.sentence, found.text, occurrences[key])
        if is_taken(new_id):
            new_id = _unused_id(new_id, is_taken)
        minted.add(new_id)
        claims.append(found.model_copy(update={"id": new_id}))
    return claims


def _key(claim: Claim) -> tuple[str, str | None, str]:
    return (claim.text, claim.unit, claim.kind)


def reconcile(
    fresh: list[Claim], previous: ArticleFile | None, reviewed: set[str]
) -> tuple[list[Claim], list[Claim]]:
    """Give re-extracted claims the ids of the claims they were, and keep the ones that are gone.

    A claim is the same claim when it is the same figure (text, unit, kind) at the same place
    in the sequence of figures, whatever words around it changed: the sequences of old and new
    figures are aligned as a diff aligns lines. A reviewed claim whose sentence changed keeps
    its old sentence in `sentence_was`, for the editor to look at. A reviewed claim that is no
    longer in the text is returned as retracted, never dropped. Returns (claims, retracted)."""
    if previous is None:
        return fresh, []
    old = previous.claims
    matcher = SequenceMatcher(None, [_key(c) for c in old], [_key(c) for c in fresh], False)
    carried: dict[int, Claim] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            carried[block.b + offset] = old[block.a + offset]
    matched_old = {c.key for c in carried.values()}
    taken = set(matched_old) | {c.key for c in previous.retracted}
    claims: list[Claim] = []
    retracted_ids = {c.key for c in previous.retracted} | {c.key for c in old}
    retracted_ids -= matched_old
    for index, claim in enumerate(fresh):
        before = carried.get(index)
        if before is not None:
            was = before.sentence_was or before.sentence
            changed = before.id in reviewed and was != claim.sentence
            claim = claim.model_copy(
                update={"id": before.id, "sentence_was": was if changed else None}
            )
        elif claim.key[: CLAIM_ID_OLD_HEX + 1] in retracted_ids:
            # A retracted claim that comes back is the same claim again: its id was minted
            # from the same words, before ids were widened (the old id is the new one's start).
            claim = claim.model_copy(update={"id": claim.key[: CLAIM_ID_OLD_HEX + 1]})
        elif claim.key in taken and claim.key not in retracted_ids:
            claim = claim.model_copy(update={"id": _unused_id(claim.key, taken.__contains__)})
        taken.add(claim.key)
        claims.append(claim)
    present = {c.id for c in claims}
    retracted = [c for c in previous.retracted if c.id not in present]
    retracted += [c for c in old if c.id in reviewed and c.id not in present]
    return claims, retracted


def _unused_id(claim_id: str, is_taken: Callable[[str], bool]) -> str:
    """Another stable id, for the rare new claim whose id an older claim already holds."""
    n = 1
    while True:
        candidate = "c" + hashlib.sha256(f"{claim_id}\x1f{n}".encode()).hexdigest()[:CLAIM_ID_HEX]
        if not is_taken(candidate):
            return candidate
        n += 1


def reviewed_claim_ids(review_lines: Iterable[str]) -> set[str]:
    """The claims any event in reviews.jsonl names: work that must never be dropped."""
    ids: set[str] = set()
    for line in review_lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("claim_id"), str):
            ids.add(record["claim_id"])
    return ids


def slugify(name: str) -> str:
    """A folder name from a file name: Chinese is transliterated to pinyin (中文報道 ->
    zhong-wen-bao-dao); a name with nothing to keep gets a short hash of itself, so two such
    files never share a slug."""
    from pypinyin import lazy_pinyin

    romanised = "-".join(lazy_pinyin(name))
    slug = re.sub(r"[^a-z0-9]+", "-", romanised.lower()).strip("-")
    slug = slug[:SLUG_MAX_LENGTH].rstrip("-")
    if slug:
        return slug
    return "article-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
