"""Reading and writing claims/: one folder per article, holding `article.txt` exactly as
published and `claims.yml` with the article's metadata and claims.

Every write goes to a temporary file that is renamed into place, so nothing is ever lost to a
crash half-way through a write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from claimdesk.errors import ClaimdeskError
from claimdesk.extract.types import ExtractedClaim
from claimdesk.models import SLUG_PATTERN, Article, ArticleFile, Claim, Language

ARTICLE_TEXT = "article.txt"
CLAIMS_FILE = "claims.yml"


@dataclass(frozen=True)
class StoredArticle:
    slug: str
    article: Article
    text: str
    claims: list[Claim]


# --- reading -----------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 with no newline translation, so that offsets are
    Python str indices into exactly what was published."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ClaimdeskError(
            f"{path}:{line}: not UTF-8 text (byte {error.start}: {error.reason}); "
            "save the article as UTF-8"
        ) from None


def load_article(folder: Path) -> StoredArticle:
    """Load and check one article folder. Errors name the file, line, claim and field."""
    claims_path = folder / CLAIMS_FILE
    text = read_text(folder / ARTICLE_TEXT)
    source = read_text(claims_path)
    try:
        # One parse gives both the node tree (for line numbers in errors) and the data.
        loader = yaml.SafeLoader(source)
        try:
            root = loader.get_single_node()
            raw = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ClaimdeskError(f"{claims_path}{where}: malformed YAML: {problem}") from None
    try:
        parsed = ArticleFile.model_validate(raw)
    except ValidationError as error:
        raise ClaimdeskError(
            "\n".join(_describe(claims_path, root, raw, e) for e in error.errors())
        ) from None
    problems = list(_check_against_text(claims_path, root, parsed, text))
    if problems:
        raise ClaimdeskError("\n".join(problems))
    return StoredArticle(folder.name, parsed.article, text, parsed.claims)


def load_all(claims_dir: Path) -> list[StoredArticle]:
    """Every article under claims/, in slug order; all files' errors are reported at once."""
    if not claims_dir.is_dir():
        raise ClaimdeskError(f"{claims_dir}: no such folder")
    articles: list[StoredArticle] = []
    problems: list[str] = []
    for folder in sorted(p for p in claims_dir.iterdir() if p.is_dir()):
        missing = [n for n in (ARTICLE_TEXT, CLAIMS_FILE) if not (folder / n).is_file()]
        if missing:
            problems.append(f"{folder}: missing {', '.join(missing)}")
            continue
        try:
            articles.append(load_article(folder))
        except ClaimdeskError as error:
            problems.append(str(error))
    if problems:
        raise ClaimdeskError("\n".join(problems))
    return articles


def _check_against_text(
    path: Path, root: yaml.Node | None, parsed: ArticleFile, text: str
) -> Iterable[str]:
    seen: set[str] = set()
    for index, claim in enumerate(parsed.claims):
        where = f"{path}:{_line(root, ('claims', index, 'id'))}: claim {claim.id}"
        if claim.id in seen:
            yield f"{where}: id: duplicate claim id"
        seen.add(claim.id)
        quoted = text[claim.start : claim.end]
        if quoted != claim.text:
            line = _line(root, ("claims", index, "text"))
            yield (
                f"{path}:{line}: claim {claim.id}: text: {claim.text!r} does not match the "
                f"article text at {claim.start}-{claim.end} ({quoted!r})"
            )


def _describe(path: Path, root: yaml.Node | None, raw: Any, error: Any) -> str:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    claim = ""
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        try:
            claim = f" claim {raw['claims'][loc[1]].get('id', f'#{loc[1] + 1}')}:"
        except (AttributeError, IndexError, KeyError, TypeError):
            claim = f" claim #{loc[1] + 1}:"
        field = ".".join(str(part) for part in loc[2:]) or "claim"
    else:
        field = ".".join(str(part) for part in loc) or "file"
    return f"{path}:{_line(root, loc)}:{claim} {field}: {error['msg']}"


def _line(root: yaml.Node | None, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest YAML node that `loc` reaches."""
    node = root
    line = 1 if node is None else node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:  # a missing key: point at the mapping itself
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


# --- writing -----------------------------------------------------------------------------


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_article_file(article_file: ArticleFile) -> str:
    """Diff-friendly YAML: fields in model order, one claim per block, Chinese not escaped."""
    record = article_file.model_dump(mode="json")
    parts = [
        _yaml({"article": record["article"]}),
        "claims:\n" if record["claims"] else "claims: []\n",
    ]
    parts.extend("\n" + _yaml([claim]) for claim in record["claims"])
    return "".join(parts)


def _yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000)


def save_article(folder: Path, article: Article, text: str, claims: list[Claim]) -> None:
    """Write article.txt (only if it changed) and claims.yml, each atomically."""
    text_path = folder / ARTICLE_TEXT
    if not text_path.exists() or text_path.read_bytes() != text.encode("utf-8"):
        write_atomic(text_path, text)
    write_atomic(
        folder / CLAIMS_FILE, dump_article_file(ArticleFile(article=article, claims=claims))
    )


# --- from extraction to stored claims ----------------------------------------------------


def claim_id(slug: str, sentence: str, text: str, occurrence: int) -> str:
    """Stable across re-extraction while the claim's sentence and number are unchanged;
    `occurrence` tells apart the same figure twice in one sentence."""
    key = "\x1f".join((slug, sentence, text, str(occurrence)))
    return "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def claims_from_extraction(slug: str, extracted: Iterable[ExtractedClaim]) -> list[Claim]:
    claims: list[Claim] = []
    occurrences: dict[tuple[str, str], int] = {}
    for found in extracted:
        key = (found.sentence, found.text)
        occurrences[key] = occurrences.get(key, 0) + 1
        record = found.to_json()
        record["id"] = claim_id(slug, found.sentence, found.text, occurrences[key])
        claims.append(Claim.model_validate(record))
    return claims


def keep_review_work(fresh: list[Claim], existing: list[Claim]) -> list[Claim]:
    """Carry status, verdict and verifications over to re-extracted claims with the same id.

    Refuses to drop a claim that an editor has already worked on: no lost work."""
    previous = {claim.id: claim for claim in existing}
    fresh_ids = {claim.id for claim in fresh}
    orphans = [c.id for c in existing if c.verifications and c.id not in fresh_ids]
    if orphans:
        raise ClaimdeskError(
            f"re-extraction would drop reviewed claims {', '.join(orphans)}; "
            "edit claims.yml by hand instead"
        )
    merged: list[Claim] = []
    for claim in fresh:
        old = previous.get(claim.id)
        if old is not None:
            claim = claim.model_copy(
                update={
                    "status": old.status,
                    "verdict": old.verdict,
                    "verifications": old.verifications,
                }
            )
        merged.append(claim)
    return merged


def fingerprint(claims_dir: Path) -> str:
    """A digest of every file under claims/: the build is redone when it changes."""
    digest = hashlib.sha256()
    # Dotfiles are editors' and our own temporary files, not data.
    files = (p for p in claims_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    for path in sorted(files):
        digest.update(path.relative_to(claims_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def add_article(
    text_path: Path,
    claims_dir: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    language: Language | None = None,
) -> StoredArticle:
    """Copy an article into claims/<slug>/, extract its claims and write claims.yml.

    Adding the same slug again re-extracts and keeps the review work on unchanged claims."""
    from claimdesk.extract import extract_claims  # the extractor loads its tables on import
    from claimdesk.language import detect_language

    text = read_text(text_path)
    slug = slug or slugify(text_path.stem)
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ClaimdeskError(f"--slug {slug!r}: use lower-case letters, digits and hyphens")
    folder = claims_dir / slug
    existing: list[Claim] = []
    if (folder / CLAIMS_FILE).exists():
        existing = load_article(folder).claims
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), slug)
    article = Article(
        title=title or first_line,
        publisher=publisher,
        author=author,
        url=url,
        published=published,
        language=language or detect_language(text),
    )
    claims = keep_review_work(claims_from_extraction(slug, extract_claims(text)), existing)
    save_article(folder, article, text, claims)
    return StoredArticle(slug, article, text, claims)


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "article"
