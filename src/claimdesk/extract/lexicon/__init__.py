"""Lexicons: the lists of phrases the extractor knows by name, kept as data, not code.

Each list is a YAML file in this folder, shipped with the package: a list of entries, each a
`phrase` and a `note` saying why it is there (docs/lexicon.md; entries.py checks them). A
newsroom extends a list without a release by writing a file of the same name in
`claims/lexicon/`; `lexicon_for` reads both, and `extract_claims(text, lexicon=...)` uses the
result. Extraction itself opens no file.

A phrase may be written as an article writes it, in Traditional or Simplified characters: the
extractor matches folded text (extract.script), so each phrase is kept as written and folded.

Nothing is read on import: the shipped lists when first used, so that importing the extractor
stays cheap (reading them needs pydantic, which a bare `import claimdesk.extract` does not).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.errors import ClaimdeskError
from claimdesk.extract.script import fold

if TYPE_CHECKING:
    from claimdesk.extract.lexicon.entries import Entry

# Every list, by its file's name (entries.py gives each the shape of its entries).
LISTS = (
    "words_with_numerals",
    "names_with_numerals",
    "product_stems",
    "spacecraft",
    "place_signs",
    "money_nouns",
    "titles",
)
# Where a newsroom keeps its own entries: claims/lexicon/<list>.yml, beside the article folders
# (files.store.article_folders passes it by: it holds no article.txt and no claims.yml).
NEWSROOM_FOLDER = "lexicon"
SUFFIXES = (".yml", ".yaml")


class LexiconError(ClaimdeskError, ValueError):
    """A lexicon file that cannot be read: the message names the file, line and field."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The lists the extractor reads, each phrase as written and folded, shipped entries first.

    Compared and hashed by identity: `lexicon_for` returns the same object for the same files,
    so each module compiles its regexes from a lexicon once (functools caches keyed by it)."""

    words_with_numerals: tuple[str, ...]
    names_with_numerals: tuple[str, ...]
    product_stems: tuple[str, ...]
    spacecraft: tuple[str, ...]
    place_signs: Mapping[str, str]  # phrase: ISO 4217 code; a newsroom's entry wins
    money_nouns: tuple[str, ...]
    titles: tuple[str, ...]


@cache
def shipped() -> Lexicon:
    """The lists as released with claimdesk."""
    return _lexicon(_shipped_entries())


def lexicon_for(claims_dir: Path | None) -> Lexicon:
    """The shipped lists extended by a newsroom's `claims_dir/lexicon/*.yml`, if there are any.

    The files are read on every call (they are small) and the lexicon is built again only when
    their contents changed, so a caller may ask for it per article."""
    folder = claims_dir / NEWSROOM_FOLDER if claims_dir is not None else None
    if folder is None or not folder.is_dir():
        return shipped()
    sources = tuple(
        (path, path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.suffix in SUFFIXES and not path.name.startswith(".") and path.is_file()
    )
    return _with_newsroom(sources) if sources else shipped()


@lru_cache(maxsize=8)
def _with_newsroom(sources: tuple[tuple[Path, bytes], ...]) -> Lexicon:
    from claimdesk.extract.lexicon.entries import read_list

    entries = {name: list(found) for name, found in _shipped_entries().items()}
    for path, content in sources:
        if path.stem not in LISTS:
            raise LexiconError(
                f"{path}: no list is called {path.stem!r}; the lists are {', '.join(LISTS)}"
            )
        try:
            source = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LexiconError(f"{path}: not UTF-8 text") from None
        entries[path.stem].extend(read_list(path.stem, source, str(path)))
    return _lexicon(entries)


@cache
def _shipped_entries() -> dict[str, tuple[Entry, ...]]:
    from claimdesk.extract.lexicon.entries import read_list

    entries: dict[str, tuple[Entry, ...]] = {}
    for name in LISTS:
        path = files(__name__) / f"{name}.yml"
        entries[name] = tuple(read_list(name, path.read_text("utf-8"), str(path)))
    return entries


def _lexicon(entries: Mapping[str, Sequence[Entry]]) -> Lexicon:
    from claimdesk.extract.lexicon.entries import PlaceSign

    phrases = {name: _forms(entry.phrase for entry in found) for name, found in entries.items()}
    signs: dict[str, str] = {}
    for sign in entries["place_signs"]:
        assert isinstance(sign, PlaceSign)
        signs.update(dict.fromkeys(_forms([sign.phrase]), sign.currency))
    return Lexicon(
        words_with_numerals=phrases["words_with_numerals"],
        names_with_numerals=phrases["names_with_numerals"],
        product_stems=phrases["product_stems"],
        spacecraft=phrases["spacecraft"],
        place_signs=signs,
        money_nouns=phrases["money_nouns"],
        titles=phrases["titles"],
    )


def _forms(phrases: Iterable[str]) -> tuple[str, ...]:
    """Each phrase as written and folded (昇騰 and 升腾), once each, in order."""
    return tuple(dict.fromkeys(form for phrase in phrases for form in (phrase, fold(phrase))))
