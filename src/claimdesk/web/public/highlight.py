"""Search results as a reader sees them: each hit's title and a snippet, with the matched words
located in the text as written (any script, any spelling), for the page to highlight."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimdesk.database.search import Kind, fold, needles

# How much of a sentence or paragraph a result shows around its first match.
SNIPPET_CHARS = 160
Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One search result, ranked: what it is, where it leads, and what matched."""

    kind: Kind
    key: str
    rank: float
    title: str
    title_highlights: list[Span]
    snippet: str
    snippet_highlights: list[Span]
    article_id: str | None
    article_title: str | None
    status: str | None
    verdict: str | None
    source_id: str | None
    source_name: str | None


def hits(rows: Iterable[Mapping[str, Any]], query: str) -> list[Hit]:
    """`SEARCH_SQL`'s rows as hits, each with its matched words located for highlighting."""
    wanted = needles(query)
    return [_hit(row, wanted) for row in rows]


def _hit(row: Mapping[str, Any], wanted: Sequence[str]) -> Hit:
    kind: Kind = row["kind"]
    if kind == "claim":
        title, snippet = row["claim_text"], row["sentence"] or ""
    elif kind == "article":
        title, snippet = row["article_title"] or row["key"], _paragraph(row["article_text"], wanted)
    else:
        title, snippet = row["source_name"] or row["key"], ""
    snippet, snippet_spans = excerpt(snippet, wanted)
    return Hit(
        kind=kind,
        key=row["key"],
        rank=float(row["rank"]),
        title=title,
        title_highlights=matched_spans(title, wanted),
        snippet=snippet,
        snippet_highlights=snippet_spans,
        article_id=row["article_id"],
        article_title=row["article_title"],
        status=row["status"],
        verdict=row["verdict"],
        source_id=row["source_id"],
        source_name=row["source_name"],
    )


def _paragraph(text: str | None, wanted: Sequence[str]) -> str:
    """The article's first paragraph with the most of the query's words (47億 rather than a
    paragraph with only 億), else its first paragraph."""
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    best, best_count = (paragraphs[0] if paragraphs else ""), 0
    for paragraph in paragraphs:
        folded = fold(paragraph)
        count = sum(1 for needle in wanted if next(_whole_matches(folded, needle), None))
        if count > best_count:
            best, best_count = paragraph, count
            if count == len(wanted):
                break
    return best


def excerpt(text: str, wanted: Sequence[str]) -> tuple[str, list[Span]]:
    """At most SNIPPET_CHARS of `text` around its first match, with the matches in it."""
    spans = matched_spans(text, wanted)
    if len(text) <= SNIPPET_CHARS:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_CHARS // 4, len(text) - SNIPPET_CHARS))
    end = start + SNIPPET_CHARS
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = start - len(prefix)
    kept = [(s - shift, e - shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, kept


def matched_spans(text: str, wanted: Sequence[str]) -> list[Span]:
    """Where in `text` (as written: any script, any spelling) the folded needles are: the
    shortest stretches whose folded form contains one. Sorted, not overlapping."""
    spans = sorted(span for needle in wanted if needle for span in _spans(text, needle))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _spans(text: str, needle: str) -> list[Span]:
    expected = len(list(_whole_matches(fold(text), needle)))
    if expected == 0:
        return []
    # Most matches are character for character (英偉達 for 英伟达, 2048, TOPS): folding one
    # character at a time keeps every offset. Only a regional word or an alias (晶片 for 芯片,
    # Nvidia for 英伟达) needs the slow search.
    direct = list(_direct_spans(text, needle))
    if len(direct) >= expected:
        return direct
    return [(s, e) for s, e in _grown_spans(text, needle) if not _inside_number(text, s, e)]


def _direct_spans(text: str, needle: str) -> Iterator[Span]:
    yield from _whole_matches("".join(_fold_char(ch) for ch in text), needle)


def _whole_matches(text: str, needle: str) -> Iterator[Span]:
    start = text.find(needle)
    while start >= 0:
        if not _inside_number(text, start, start + len(needle)):
            yield start, start + len(needle)
        start = text.find(needle, start + len(needle))


def _inside_number(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins or ends with a digit that is part of a longer number
    (47 in 92.47 or in 470): search finds numbers whole, so highlighting does too."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    leading = text[start].isdigit() and (
        before[-1:].isdigit() or (before[-1:] == "." and before[:1].isdigit())
    )
    trailing = text[end - 1].isdigit() and (
        after[:1].isdigit() or (after[:1] == "." and after[1:].isdigit())
    )
    return leading or trailing


@cache
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch


def _grown_spans(text: str, needle: str) -> Iterator[Span]:
    # Folding changes lengths (記憶體 → 内存, Nvidia → 英伟达), so folded offsets say nothing
    # about the text: grow a stretch until its folded form holds the needle, then shrink it
    # from the left. Each step folds a short string, which OpenCC does in microseconds.
    begin = 0
    while begin < len(text) and needle in fold(text[begin:]):
        end = next(e for e in range(begin + 1, len(text) + 1) if needle in fold(text[begin:e]))
        start = next(s for s in range(end - 1, begin - 1, -1) if needle in fold(text[s:end]))
        yield start, end
        begin = end
