"""The entries of a lexicon file, checked with pydantic: errors name the file, line and field.

A file is a list of entries; each list gives its entries a shape (`MODELS`). database/search.py
reads its alias table with `read_entries` too.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, field_validator

from claimdesk import located_yaml
from claimdesk.extract.english import WORD_VALUES
from claimdesk.extract.lexicon import LexiconError
from claimdesk.extract.patterns import CN_DIGITS, CN_SMALL
from claimdesk.extract.script import fold
from claimdesk.extract.units import CURRENCY_WORDS
from claimdesk.located_yaml import line_of


class Entry(BaseModel):
    """One phrase of a list, and why it is there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrase: str
    note: str

    @field_validator("phrase", "note")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not value.strip() or value != value.strip() or "\n" in value:
            raise ValueError("one line of text, with no blank at either end")
        return value


_NUMERAL_CHARACTER = re.compile(rf"[0-9{CN_DIGITS}{CN_SMALL}万亿兆]")
_NUMBER_WORD = re.compile(
    rf"(?i:\b(?:one|{'|'.join(WORD_VALUES)}|hundreds?|thousands?|millions?|dozens?)\b)"
)


class NumeralEntry(Entry):
    """A word or name that holds a numeral: only such a phrase can hide a figure."""

    @field_validator("phrase")
    @classmethod
    def _holds_a_numeral(cls, value: str) -> str:
        folded = fold(value)
        if not (_NUMERAL_CHARACTER.search(folded) or _NUMBER_WORD.search(folded)):
            raise ValueError("holds no numeral, so no figure can lie in it")
        return value


class PlaceSign(Entry):
    """A word that says where an article was written, and so what its 元 means."""

    currency: str

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        if value not in CURRENCY_WORDS:
            raise ValueError(f"one of {', '.join(CURRENCY_WORDS)}")
        return value


MODELS: dict[str, type[Entry]] = {
    "words_with_numerals": NumeralEntry,
    "names_with_numerals": NumeralEntry,
    "product_stems": Entry,
    "spacecraft": Entry,
    "place_signs": PlaceSign,
    "money_nouns": Entry,
    "titles": Entry,
}

M = TypeVar("M", bound=BaseModel)


def read_entries(model: type[M], source: str, path: str, shape: str) -> list[M]:
    """The entries of one YAML file, validated; `shape` says what the file should be, for the
    error when it is not a list. Errors name the file, the line and the field."""
    return _validated(model, source, path, shape)[0]


def read_list(name: str, source: str, path: str) -> list[Entry]:
    """One list's file: entries of the list's shape, no phrase twice."""
    shape = f"a {name} file is a list of entries, each with a phrase and a note"
    entries, root = _validated(MODELS[name], source, path, shape)
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        key = fold(entry.phrase).casefold()
        if key in seen:
            first = line_of(root, (seen[key], "phrase"))
            raise LexiconError(
                f"{path}:{line_of(root, (index, 'phrase'))}: phrase: {entry.phrase!r} is listed "
                f"already, on line {first}"
            )
        seen[key] = index
    return entries


def _validated(
    model: type[M], source: str, path: str, shape: str
) -> tuple[list[M], yaml.Node | None]:
    root, raw = _parse(source, path)
    if raw is None:
        return [], root
    if not isinstance(raw, list):
        raise LexiconError(f"{path}:{line_of(root, ())}: {shape}")
    try:
        return _adapter(model).validate_python(raw), root
    except ValidationError as error:
        problems = (_describe(path, root, raw, e) for e in error.errors())
        raise LexiconError("\n".join(problems)) from None


@cache
def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _parse(source: str, path: str) -> tuple[yaml.Node | None, Any]:
    try:
        return located_yaml.parse(source)
    except located_yaml.MalformedYaml as error:
        where = f":{error.line}" if error.line is not None else ""
        raise LexiconError(f"{path}{where}: malformed YAML: {error.problem}") from None


def _describe(path: str, root: yaml.Node | None, raw: list[Any], error: Any) -> str:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    entry = ""
    if loc and isinstance(loc[0], int):
        item = raw[loc[0]]
        phrase = item.get("phrase") or item.get("name") if isinstance(item, dict) else None
        entry = f" {phrase!r}:" if isinstance(phrase, str) else f" entry {loc[0] + 1}:"
        loc = loc[1:]
    field = ".".join(str(part) for part in loc) or "entry"
    return f"{path}:{line_of(root, tuple(error['loc']))}:{entry} {field}: {error['msg']}"
