"""A claim's share card: the PNG (1200×630) that a chat app or a social network shows for a
shared claim page (its og:image): the figure, the verdict and the publisher, in Chinese and
English, on the verdict's colour.

Rendered on the server with Pillow, in a thread, one at a time, and kept (CARDS_KEPT of them,
keyed by everything drawn), so a crowd sharing one claim costs one rendering and a crawler
walking every claim cannot hold the event loop (docs/security.md). The HTTP caching of the
public pages (web/caching.py) applies to it like to any public route.

The font: Debian's Noto Sans CJK (the fonts-noto-cjk package, which `make fonts` installs),
found at its usual paths or where CLAIMDESK_CJK_FONT says. Without it the card is still
drawn, in Pillow's own Latin font, with the English words only, so that it never shows
empty boxes. docs/public-site.md says why the font is not shipped in the package.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import io
import os
import re
import weakref
from collections import OrderedDict
from dataclasses import astuple, dataclass
from importlib.resources import files
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from claimdesk.publish.statement import weight

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
STRIPE = 24  # the verdict's colour down the left edge
INK, MUTED, TINT = "#1d1d1f", "#5c5c66", "#f4f4f6"
# About 55 KiB each: 256 cards are 14 MiB of memory.
CARDS_KEPT = 256
# A card waits at most this long for its turn; then the visitor is told to come back
# (503, Retry-After), so a crawler asking for every claim's card cannot queue without end.
CARD_WAIT_SECONDS = 10.0
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
)
# Within a collection, the face for Traditional Chinese readers.
FACE = "Noto Sans CJK TC"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class CardText:
    """Everything a card shows; two equal CardTexts draw the same PNG."""

    figure_zh: str
    figure_en: str
    verdict_zh: str
    verdict_en: str
    verdict: str  # its name: the card's colour
    statement: str
    publisher: str
    organisation: str

    def digest(self) -> str:
        """A short name for what is drawn, for the card's URL."""
        return hashlib.sha256("\0".join(astuple(self)).encode()).hexdigest()[:12]


@functools.cache
def palette() -> dict[str, str]:
    """The verdict colours of the stylesheet (site.css :root), so that the card and the
    page never disagree: {"correct": "#1b6e34", "correct-bg": "#d7efdc", ...}."""
    css = files("claimdesk.web").joinpath("static", "public", "site.css").read_text("utf-8")
    return dict(re.findall(r"--([a-z_]+(?:-bg)?):\s*(#[0-9a-fA-F]{6})", css))


@functools.cache
def cjk_font_file() -> tuple[str, int] | None:
    """(path, face index) of a CJK font on this machine, or None."""
    configured = os.environ.get("CLAIMDESK_CJK_FONT")
    for path in ([configured] if configured else []) + list(FONT_PATHS):
        if not Path(path).is_file():
            continue
        for index in range(16):
            try:
                face = ImageFont.truetype(path, 20, index=index)
            except OSError:
                break
            if face.getname()[0] == FACE:
                return path, index
        return path, 0
    return None


@functools.cache
def font(size: int) -> tuple[Font, bool]:
    """A font of `size` pixels, and whether it has CJK glyphs."""
    found = cjk_font_file()
    if found is None:
        return ImageFont.load_default(size), False
    return ImageFont.truetype(found[0], size, index=found[1]), True


def render(card: CardText) -> bytes:
    """The card as PNG bytes."""
    colours = palette()
    ink = colours.get(card.verdict, colours.get("unverified", "#444444"))
    tint = colours.get(f"{card.verdict}-bg", TINT)  # unverified has no tint of its own
    image = Image.new("RGB", (WIDTH, HEIGHT), tint)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, STRIPE, HEIGHT), fill=ink)
    small, cjk = font(30)
    big, _ = font(96)
    badge, _ = font(52)
    x, width = MARGIN + STRIPE, WIDTH - 2 * MARGIN - STRIPE
    draw.text((x, MARGIN), _drawable(card.organisation, cjk), font=small, fill=INK)
    figure = card.figure_zh if cjk else card.figure_en
    draw.text((x, MARGIN + 70), _fit(draw, figure, big, width), font=big, fill=INK)
    y = MARGIN + 200
    if cjk:
        draw.text((x, y), _fit(draw, card.figure_en, small, width), font=small, fill=MUTED)
        y += 60
    verdict = f"{card.verdict_zh}  {card.verdict_en}" if cjk else card.verdict_en
    bottom = _badge(draw, (x, y), verdict, badge, ink)
    said = f"「{card.statement}」" if cjk else _drawable(card.statement, cjk)
    for k, line in enumerate(_lines(draw, said, small, width)[:2]):
        draw.text((x, bottom + 48 + 44 * k), line, font=small, fill=INK)
    publisher = _drawable(card.publisher, cjk)
    if publisher:
        draw.text((x, HEIGHT - MARGIN - 30), publisher, font=small, fill=MUTED)
    out = io.BytesIO()
    # Encoding is most of a card's cost: level 1 took a quarter of the time of the default
    # level 6 for a card about 55 KiB instead of 47 (docs/public-site.md).
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _badge(draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, face: Font, ink: str) -> int:
    """The verdict in white on its colour; where the badge ends, downwards."""
    x, y = at
    _, _, right, bottom = draw.textbbox((x + 28, y + 14), text, font=face)
    draw.rounded_rectangle((x, y, right + 28, bottom + 18), radius=14, fill=ink)
    draw.text((x + 28, y + 14), text, font=face, fill="#ffffff")
    return int(bottom)


def _drawable(text: str, cjk: bool) -> str:
    """Only what the font can draw: without a CJK font, Chinese would show as empty boxes."""
    return text if cjk or weight(text) == len(text) else ""


def _fit(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> str:
    """`text`, cut with … to fit `width` pixels."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def _lines(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> list[str]:
    """`text` broken into lines of at most `width` pixels: between any two CJK characters,
    at spaces in Latin text."""
    lines, line = [], ""
    for piece in re.findall(r"[A-Za-z0-9$%.,'’\-]+ ?|.", text):
        if line and draw.textlength(line + piece, font=face) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line:
        lines.append(line)
    return lines


class CardsBusy(Exception):
    """Too many cards waited to be drawn: ask again later."""


class Cards:
    """Rendered cards, the most recently asked for kept; one rendering at a time."""

    def __init__(self, kept: int = CARDS_KEPT, wait: float = CARD_WAIT_SECONDS) -> None:
        self.kept = kept
        self.wait = wait
        self._cards: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        # One turn per event loop: tests run several loops in one process.
        self._turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    async def png(self, card: CardText) -> bytes:
        key = astuple(card)
        if key in self._cards:
            self._cards.move_to_end(key)
            return self._cards[key]
        turn = self._turns.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        try:
            await asyncio.wait_for(turn.acquire(), self.wait)
        except TimeoutError:
            raise CardsBusy from None
        try:
            if key not in self._cards:
                self._cards[key] = await asyncio.to_thread(render, card)
                while len(self._cards) > self.kept:
                    self._cards.popitem(last=False)
            return self._cards[key]
        finally:
            turn.release()


CARDS = Cards()
