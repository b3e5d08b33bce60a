"""An article's text cut into paragraphs of plain text and highlighted claims, the body apart
from what follows the byline. Pure: text and claims in, pieces out; the template escapes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimdesk.extract.furniture import body_end as extractor_body_end
from claimdesk.extract.script import fold
from claimdesk.vocabulary import SHOWN_STATUSES
from claimdesk.web.public.headings import captions, subheadings

# Dismissed claims are not claims, and retracted ones are no longer in the text.
HIGHLIGHTED = SHOWN_STATUSES


@dataclass(frozen=True)
class Piece:
    text: str
    claim: Mapping[str, Any] | None = None


@dataclass
class Paragraph:
    start: int
    pieces: list[Piece] = field(default_factory=list)
    heading: bool = False  # a subheading of the article (web/public/headings.py)
    caption: bool = False  # a picture's caption, the picture gone

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def is_blank(self) -> bool:
        return all(not piece.text.strip() for piece in self.pieces)


@dataclass(frozen=True)
class Annotated:
    body: list[Paragraph]
    after_body: list[Paragraph]  # after the byline: disclaimers, other articles
    unplaced: list[Mapping[str, Any]]  # claims whose figure overlaps another's


def annotate(text: str, claims: Sequence[Mapping[str, Any]], title: str | None = None) -> Annotated:
    """The article with every unverified or published claim in place. A first line that is
    the article's title (and holds no claim) is left out: the page's heading shows it."""
    placed = sorted(
        (c for c in claims if c["status"] in HIGHLIGHTED and c["start"] is not None),
        key=lambda c: (c["start"], c["end"]),
    )
    pieces: list[tuple[int, Piece]] = []
    unplaced: list[Mapping[str, Any]] = []
    position = 0
    for claim in placed:
        if claim["start"] < position or claim["end"] > len(text):
            unplaced.append(claim)  # an editor's added claim overlapping an extracted one
            continue
        pieces.append((position, Piece(text[position : claim["start"]])))
        pieces.append((claim["start"], Piece(text[claim["start"] : claim["end"]], claim)))
        position = claim["end"]
    pieces.append((position, Piece(text[position:])))
    paragraphs = _paragraphs(pieces)
    end = body_end(text, claims)
    # Found among every line, blank ones too: a caption follows the blank line of its picture.
    lines = [p.text for p in paragraphs]
    for number in subheadings(lines):
        paragraphs[number].heading = paragraphs[number].start < end
    for number in captions(lines):
        paragraphs[number].caption = True
    body = [p for p in paragraphs if p.start < end and not p.is_blank()]
    if body and title and _is_title(body[0], title):
        body = body[1:]
    return Annotated(
        body=body,
        after_body=[p for p in paragraphs if p.start >= end and not p.is_blank()],
        unplaced=unplaced,
    )


def _is_title(paragraph: Paragraph, title: str) -> bool:
    no_claims = all(piece.claim is None for piece in paragraph.pieces)
    return no_claims and paragraph.text.strip() == title.strip()


def _paragraphs(pieces: list[tuple[int, Piece]]) -> list[Paragraph]:
    paragraphs = [Paragraph(0)]
    for start, piece in pieces:
        if piece.claim is not None:
            paragraphs[-1].pieces.append(piece)
            continue
        lines = piece.text.split("\n")
        offset = start
        for number, line in enumerate(lines):
            if number > 0:
                paragraphs.append(Paragraph(offset))
            if line:
                paragraphs[-1].pieces.append(Piece(line))
            offset += len(line) + 1
    return paragraphs


def body_end(text: str, claims: Sequence[Mapping[str, Any]]) -> int:
    """Where the article body ends: at the byline, by the extractor's rule, and at the latest
    at the line of the first claim the extractor flagged `outside_body`."""
    end = extractor_body_end(fold(text))
    flagged = [
        c["start"] for c in claims if c["start"] is not None and "outside_body" in c["flags"]
    ]
    if flagged:
        end = min(end, text.rfind("\n", 0, min(flagged)) + 1)
    return end
