"""Adding an article on the desk: paste its text or upload its file, see the claims found,
then save.

Both steps go through `claimdesk add`'s own functions (files/ingest.py): the preview is
`extract_article`, which writes nothing, and saving is `add_article`, which writes
article.txt and claims.yml temp-then-rename. The article's rows then go into both databases
through the one write path a desk action uses (`write_databases`), under the article's log
lock, so the queue and the public pages show it at once.

A form posted from another site never reaches these views: Datasette's
CrossOriginProtectionMiddleware refuses it first, as for every desk form (see __init__.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from datasette.utils.asgi import BadRequest, Response
from datasette.utils.multipart import UploadedFile

from claimdesk.errors import ClaimdeskError
from claimdesk.files.atomic import BOM, decode_text
from claimdesk.files.ingest import (
    SLUG_MAX_LENGTH,
    ArticleDetails,
    Extracted,
    add_article,
    extract_article,
    guess_title,
    slugify,
)
from claimdesk.files.store import CLAIMS_FILE, StoredArticle, locked_reviews
from claimdesk.files.urls import is_web_url
from claimdesk.review.record import known_claim_ids, write_databases
from claimdesk.vocabulary import LANGUAGES, SLUG_PATTERN, Language
from claimdesk.web.desk.views import (
    _render,
    _see_other,
    claims_dir,
    databases,
    editors_only,
    split_around,
)

# A news article is tens of kilobytes; a megabyte of UTF-8 is some 350,000 Chinese characters.
MAX_UPLOAD_BYTES = 1024 * 1024
# A request this much larger than the cap is refused unread: what was typed cannot be kept.
MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES + 64 * 1024
FIELDS = (
    "text",
    "title",
    "publisher",
    "author",
    "published",
    "url",
    "currency",
    "language",
    "slug",
)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CURRENCY = re.compile(r"[A-Z]{3}")
TEMPLATE = "desk/add.html"
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field, in Chinese then English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Draft:
    """The form, read and checked: the text to add, its details and its slug."""

    text: str
    details: ArticleDetails
    slug: str


# --- reading the form ------------------------------------------------------------------------


def form_values(form: Mapping[str, Any]) -> dict[str, str]:
    """The text fields as typed (a browser sends a textarea's line ends as CRLF)."""
    values = {name: form.get(name) for name in FIELDS}
    shown = {name: value if isinstance(value, str) else "" for name, value in values.items()}
    shown["text"] = normalise_lines(shown["text"])
    return {name: value if name == "text" else value.strip() for name, value in shown.items()}


def normalise_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def uploaded_text(name: str, raw: bytes) -> str:
    """An uploaded file read as `claimdesk add` reads one (UTF-8, no NUL, BOM dropped)."""
    return normalise_lines(decode_text(Path(name), raw).removeprefix(BOM))


def check_details(values: Mapping[str, str], problems: dict[str, Problem]) -> ArticleDetails:
    """The article's details; what is wrong goes into `problems`, by field."""
    published = None
    if values["published"]:
        try:
            if not DATE.fullmatch(values["published"]):
                raise ValueError
            published = dt.date.fromisoformat(values["published"])
        except ValueError:
            problems["published"] = Problem(
                "日期請寫成 YYYY-MM-DD，例如 2023-07-15。",
                "Write the date as YYYY-MM-DD, for example 2023-07-15.",
            )
    if values["url"] and not is_web_url(values["url"]):
        problems["url"] = Problem(
            "網址須以 http:// 或 https:// 開頭。",
            "The URL must be a web address starting with http:// or https://.",
        )
    currency = values["currency"].upper() or None
    if currency and not CURRENCY.fullmatch(currency):
        problems["currency"] = Problem(
            "幣別請寫三個字母的 ISO 4217 代碼，例如 TWD。",
            "Write the currency as a three-letter ISO 4217 code, for example TWD.",
        )
    language: Language | None = next((k for k in LANGUAGES if k == values["language"]), None)
    if values["language"] and language is None:
        problems["language"] = Problem("不支援這個語言。", "That language is not supported.")
    return ArticleDetails(
        title=values["title"] or None,
        publisher=values["publisher"] or None,
        author=values["author"] or None,
        url=values["url"] or None,
        published=published,
        language=language,
        currency=currency,
    )


def check_text(text: str, field: str, problems: dict[str, Problem]) -> None:
    if not text.strip():
        problems[field] = Problem(
            "請貼上文章內文，或上傳文章檔案。", "Paste the article's text or upload its file."
        )
    elif len(text.encode("utf-8")) > MAX_UPLOAD_BYTES:
        problems[field] = Problem(
            f"文章超過 {MAX_UPLOAD_BYTES // 2**20} MiB，不像是一篇新聞。",
            f"Longer than {MAX_UPLOAD_BYTES // 2**20} MiB: this does not look like one article.",
        )


def check_slug(slug: str, directory: Path, problems: dict[str, Problem]) -> None:
    if len(slug) > SLUG_MAX_LENGTH or not re.fullmatch(SLUG_PATTERN, slug):
        problems["slug"] = Problem(
            f"代稱只能用小寫英文字母、數字和連字號，以字母或數字開頭，至多 {SLUG_MAX_LENGTH} 字。",
            "Use lower-case letters, digits and hyphens, starting with a letter or digit, "
            f"at most {SLUG_MAX_LENGTH} characters.",
        )
    elif (directory / slug / CLAIMS_FILE).exists():
        problems["slug"] = Problem(
            f"已有文章使用代稱 {slug}，請另選一個。",
            f"An article already has the slug {slug}: choose another.",
        )


async def read_draft(
    form: Mapping[str, Any], values: dict[str, str], directory: Path
) -> tuple[Draft | None, dict[str, Problem]]:
    """The draft, or the problems with the form by field. An uploaded file's text replaces
    the text field in `values`, so that the next step posts it as text."""
    problems: dict[str, Problem] = {}
    upload = form.get("file")
    if isinstance(upload, UploadedFile) and (upload.filename or upload.size):
        if values["text"].strip():
            problems["file"] = Problem(
                "請擇一：貼上內文，或上傳檔案。", "Choose one: paste the text or upload a file."
            )
        elif upload.size > MAX_UPLOAD_BYTES:
            problems["file"] = Problem(
                f"檔案超過上限 {MAX_UPLOAD_BYTES // 2**20} MiB。",
                f"The file is larger than the limit of {MAX_UPLOAD_BYTES // 2**20} MiB.",
            )
        else:
            try:
                values["text"] = uploaded_text(upload.filename, await upload.read())
                check_text(values["text"], "file", problems)
            except ClaimdeskError as error:
                problems["file"] = Problem(
                    "檔案須為 UTF-8 編碼的純文字。", f"The file must be UTF-8 text: {error}"
                )
    else:
        check_text(values["text"], "text", problems)
    details = check_details(values, problems)
    slug = values["slug"]
    if slug:  # named with the other problems, all at once
        check_slug(slug, directory, problems)
    elif not problems:  # made, as `claimdesk add` makes it, once there is text to make it from
        named = upload.filename if isinstance(upload, UploadedFile) and upload.filename else ""
        slug = slugify(Path(named).stem if named else details.title or guess_title(values["text"]))
        values["slug"] = slug
        check_slug(slug, directory, problems)
    if problems:
        return None, problems
    return Draft(values["text"], details, slug), problems


# --- extracting and saving, through `claimdesk add`'s functions --------------------------------


def _with_text_file(draft: Draft, work: Callable[[Path], T]) -> T:
    """`work(path)` on the draft's text in a file of its own: `claimdesk add` reads a file."""
    with tempfile.TemporaryDirectory(prefix="claimdesk-add-") as folder:
        path = Path(folder) / "article.txt"
        path.write_text(draft.text, encoding="utf-8", newline="")
        return work(path)


def preview(draft: Draft, directory: Path, taken: set[str]) -> Extracted:
    return _with_text_file(
        draft,
        lambda path: extract_article(
            path, directory, slug=draft.slug, details=draft.details, taken=taken
        ),
    )


def save(draft: Draft, directory: Path, datasette: Any, taken: set[str]) -> StoredArticle:
    stored = _with_text_file(
        draft,
        lambda path: add_article(
            path, directory, slug=draft.slug, details=draft.details, taken=taken
        ),
    )
    folder = directory / stored.slug
    # Under the log's lock, as after any desk event: no event can land between the files and
    # the rows. If the databases cannot be written now, the next build writes the article.
    with locked_reviews(folder):
        write_databases(databases(datasette), folder)
    return stored


# --- the views ------------------------------------------------------------------------------


def _preview_rows(found: Extracted) -> list[dict[str, Any]]:
    return [
        {"claim": claim, "parts": split_around(claim.sentence, claim.text)}
        for claim in found.claims
    ]


async def _page(
    request: Any,
    datasette: Any,
    values: Mapping[str, str] | None = None,
    problems: Mapping[str, Problem] | None = None,
    found: Extracted | None = None,
    status: int = 200,
) -> Response:
    return await _render(
        datasette,
        request,
        TEMPLATE,
        {
            "values": values or dict.fromkeys(FIELDS, ""),
            "problems": problems or {},
            "found": found,
            "rows": _preview_rows(found) if found else [],
            "languages": LANGUAGES,
            "max_mib": MAX_UPLOAD_BYTES // 2**20,
        },
        status=status,
    )


@editors_only
async def add_page(request: Any, datasette: Any) -> Response:
    """GET: the empty form. POST: preview (the claims found, nothing written) or save."""
    if request.method != "POST":
        return await _page(request, datasette)
    too_large = Problem(
        f"送出的內容太大（上傳上限 {MAX_UPLOAD_BYTES // 2**20} MiB），沒有寫入任何東西。",
        f"What was sent is too large (uploads up to {MAX_UPLOAD_BYTES // 2**20} MiB); "
        "nothing was written.",
    )
    try:
        if int(request.headers.get("content-length") or 0) > MAX_REQUEST_BYTES:
            return await _page(request, datasette, problems={"form": too_large}, status=413)
        form = await request.form(
            files=True,
            max_file_size=MAX_REQUEST_BYTES,
            max_request_size=MAX_REQUEST_BYTES,
            max_field_size=MAX_REQUEST_BYTES,
            max_files=1,
            max_fields=len(FIELDS) + 4,
        )
    except (BadRequest, ValueError):
        return await _page(request, datasette, problems={"form": too_large}, status=413)
    values = form_values(form)
    directory = claims_dir(datasette)
    draft, problems = await read_draft(form, values, directory)
    if draft is None:
        return await _page(request, datasette, values, problems, status=400)
    taken = await asyncio.to_thread(known_claim_ids, directory, databases(datasette))
    try:
        if form.get("step") != "save":
            found = await asyncio.to_thread(preview, draft, directory, taken)
            return await _page(request, datasette, values, found=found)
        stored = await asyncio.to_thread(save, draft, directory, datasette, taken)
    except ClaimdeskError as error:
        problem = Problem("無法新增這篇文章：", f"The article could not be added: {error}")
        return await _page(request, datasette, values, {"form": problem}, status=400)
    return _see_other(datasette, f"/desk/article/{stored.slug}", added=str(len(stored.claims)))
