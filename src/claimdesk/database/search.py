"""Search that works in Chinese: one folded form for every text and query, and an index of
character bigrams.

Folding (`fold`) makes the different ways of writing one word the same string, in the text we
index and in the query alike:
- Traditional and Simplified characters, and Taiwanese, Hong Kong and mainland words. OpenCC
  converts HK variants to Simplified (hk2s), then to Taiwanese phrasing (s2twp), then to
  mainland phrasing (tw2sp). The round trip through Taiwanese phrasing is what makes a word
  typed in either script meet its regional counterpart: 晶片 and 芯片, 軟體, 软体 and 软件,
  輝達, 辉达 and 英伟达 all become the mainland word. A single tw2sp pass would not: it reads
  Simplified text as if it were Taiwanese, and folds 程序 to 进程 while 程式 becomes 程序.
- Names OpenCC does not know (Nvidia, TSMC, 超微 for AMD): the alias table in
  search_aliases.yml, kept in the repository, each entry with a note saying why.
- Full-width characters (NFKC), case, and thousands separators (2,048 is 2048).

The index (rows from database/derive.py) is an FTS5 table over the folded text, cut into tokens by
`text_tokens`: each run of CJK characters becomes its overlapping bigrams followed by its last
character (市场规模 → 市场 场规 规模 模); numbers (decimals and all) and Latin words are tokens of
their own. A query
becomes one FTS5 phrase per word (`match_expression`): a run of two or more characters is the
phrase of its bigrams, so 壁仞 and 芯片 are found as easily as 市场规模, which SQLite's trigram
tokenizer cannot do for words under three characters; a single character is a prefix token,
which finds it at the start of a bigram or as a run's last character, so every occurrence.
Bigrams rather than single characters keep each token's posting list short: a common character
is in most claims, a given pair of characters in few. Results are ranked with bm25, a match in a
claim's figure, an article's title or a source's name counting ten times one in the body;
web/public/highlight.py finds the matched words in the text as written.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any, Literal

import opencc
from pydantic import BaseModel, ConfigDict, Field

from claimdesk.extract.lexicon.entries import read_entries

SEARCH_TABLE = "search_index"
FTS_TABLE = f"{SEARCH_TABLE}_fts"
# A match in the title column (a claim's figure, an article's title, a source's name) weighs
# this many times one in the body (the sentence, the article's text).
TITLE_WEIGHT = 10.0

Kind = Literal["article", "claim", "source"]

# Built once: each converter loads its dictionaries when made.
_HK2S = opencc.OpenCC("hk2s")
_S2TWP = opencc.OpenCC("s2twp")
_TW2SP = opencc.OpenCC("tw2sp")

_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
# One token run: CJK characters, a number (with its decimals: 92.47 is one number, so that 47億
# does not find 92.47億), or a word in any other letters.
TOKEN_RUN = re.compile(
    rf"(?P<cjk>[{_CJK}]+)|(?P<number>\d+(?:\.\d+)*)|(?P<word>(?:(?![{_CJK}])[^\W\d_])+)"
)
# FTS5's unicode61 tokenizer cuts at a full stop: a decimal number's token spells it with a
# letter instead (92.47 is the one token 92d47), which no number or word of a text makes.
DECIMAL_POINT_IN_TOKEN = "d"
# 2,048 and 1,000,000 are 2048 and 1000000; 1,2 (a typo for 1.2) is left alone.
THOUSANDS_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'claim', 'source')),
    key TEXT NOT NULL,  -- the claim's or source's id, or the article's slug
    article_id TEXT REFERENCES articles(id),
    title_terms TEXT NOT NULL,  -- folded and cut into tokens: see search.text_tokens
    body_terms TEXT NOT NULL,
    UNIQUE (kind, key)
);
CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_article_id ON {SEARCH_TABLE}(article_id);
"""

# Ranking needs a score for every match, and a word as common as 芯片 matches a good part of
# a newsroom's claims: at a million claims, scoring them all took longer than a page may. So a
# query ranks at most CANDIDATES matches, the most recently indexed (FTS5 reads its matches in
# rowid order, backwards as cheaply as forwards, and stops at the LIMIT); a rarer query's
# matches are all ranked.
CANDIDATES = 2000

SEARCH_SQL = f"""
select
  {SEARCH_TABLE}.kind,
  {SEARCH_TABLE}.key,
  matched.rank,
  claims.text as claim_text,
  claims.sentence,
  claims.status,
  claims.verdict,
  coalesce(claims.article_id, article.id) as article_id,
  coalesce(claim_article.title, article.title) as article_title,
  article.text as article_text,
  sources.id as source_id,
  sources.name as source_name
from (
  select rowid, rank from (
    select rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) as rank
    from {FTS_TABLE}
    where {FTS_TABLE} match :match
    order by rowid desc
    limit {CANDIDATES}
  )
  order by rank, rowid
  limit :limit offset :offset
) as matched
  join {SEARCH_TABLE} on {SEARCH_TABLE}.id = matched.rowid
  left join claims on {SEARCH_TABLE}.kind = 'claim' and claims.id = {SEARCH_TABLE}.key
  left join articles as claim_article on claim_article.id = claims.article_id
  left join articles as article
    on {SEARCH_TABLE}.kind = 'article' and article.id = {SEARCH_TABLE}.key
  left join sources on sources.id = case {SEARCH_TABLE}.kind
    when 'source' then {SEARCH_TABLE}.key else claims.source_id end
order by matched.rank, {SEARCH_TABLE}.id
"""


# --- folding ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """The one form search compares: mainland Simplified words, names from the alias table,
    half-width, lower case, no thousands separators. `fold` of a query and of a text agree."""
    text = unicodedata.normalize("NFKC", text)
    text = THOUSANDS_SEPARATOR.sub("", text)
    text = _TW2SP.convert(_S2TWP.convert(_HK2S.convert(text)))
    return aliases().fold(text.casefold())


@dataclass(frozen=True)
class Aliases:
    """Every spelling of a name folded onto one: `fold` replaces each spelling in one pass."""

    names: Mapping[str, str]  # folded spelling -> name
    pattern: re.Pattern[str] | None

    def fold(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.names[m.group()], text)


class SearchAlias(BaseModel):
    """An entry of the alias table: a name, how else it is spelled, and why it is there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    spellings: list[str] = Field(min_length=1)
    note: str = Field(min_length=1)


ALIAS_TABLE = "search_aliases.yml"


def read_aliases(source: str, path: str = ALIAS_TABLE) -> Aliases:
    """The alias table from YAML: a list of names, each with its spellings and a note, in the
    format of the extractor's lexicon (extract/lexicon). Errors name the file, line and field."""
    shape = "the alias table is a list of names, each with a list of its spellings and a note"
    names: dict[str, str] = {}
    for alias in read_entries(SearchAlias, source, path, shape):
        for spelling in alias.spellings:
            folded = _TW2SP.convert(_S2TWP.convert(_HK2S.convert(spelling))).casefold()
            names[unicodedata.normalize("NFKC", folded)] = alias.name
    if not names:
        return Aliases({}, None)
    # Longest first, so that a longer spelling wins over a name it contains; Latin spellings
    # only as whole words.
    alternatives = [
        rf"(?<![a-z0-9]){re.escape(s)}(?![a-z0-9])" if s.isascii() else re.escape(s)
        for s in sorted(names, key=len, reverse=True)
    ]
    return Aliases(names, re.compile("|".join(alternatives)))


@cache
def aliases() -> Aliases:
    table = files("claimdesk.database").joinpath(ALIAS_TABLE)
    return read_aliases(table.read_text("utf-8"), str(table))


# --- tokens ----------------------------------------------------------------------------------


def text_tokens(folded: str) -> Iterator[str]:
    """The tokens a folded text is indexed under: a CJK run's bigrams and its last character,
    each number and each word."""
    for run in TOKEN_RUN.finditer(folded):
        cjk = run["cjk"]
        if cjk is None:
            yield _token(run)
            continue
        yield from _bigrams(cjk)
        yield cjk[-1]


def index_terms(*texts: str | None) -> str:
    """What the index stores for some texts: their tokens, separated by spaces."""
    return " ".join(terms for text in texts if text and (terms := _terms(text)))


# The same sentences are indexed again at every write of their article, and several claims
# share a sentence: fold each once. Whole article texts are kept apart, a few at a time: with
# the sentences' bound they made a build's memory grow with the corpus (16,384 article texts
# and their terms, hundreds of MB at a million claims).
_SHORT_TEXT = 1_000


def _terms(text: str) -> str:
    return _short_terms(text) if len(text) <= _SHORT_TEXT else _long_terms(text)


@lru_cache(maxsize=1 << 12)
def _short_terms(text: str) -> str:
    return " ".join(text_tokens(fold(text)))


@lru_cache(maxsize=4)
def _long_terms(text: str) -> str:
    return " ".join(text_tokens(fold(text)))


def match_expression(query: str) -> str | None:
    """The FTS5 query for what a reader typed: each word a phrase, all of them required.
    None when the query has nothing to search for."""
    phrases = [phrase for word in fold(query).split() if (phrase := _phrase(word))]
    return " ".join(phrases) or None


def _phrase(word: str) -> str | None:
    runs = list(TOKEN_RUN.finditer(word))
    tokens: list[str] = []
    prefix = False
    for number, run in enumerate(runs, start=1):
        last = number == len(runs)
        cjk = run["cjk"]
        if cjk is None:
            tokens.append(_token(run))
            # A word being typed (nvid, revenu) finds the word; a number only itself.
            prefix = last and run["word"] is not None
            continue
        tokens.extend(_bigrams(cjk))
        if not last:
            # Something follows within the word, so the text's run must end here too: its
            # last character is a token of its own.
            tokens.append(cjk[-1])
        elif len(cjk) == 1:
            tokens.append(cjk)
            prefix = True
    if not tokens:
        return None
    # Tokens are only letters and digits, so quoting them cannot break out of the phrase.
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


def _token(run: re.Match[str]) -> str:
    """A number's or a word's token."""
    if run["number"] is None:
        return run.group()
    return run.group().replace(".", DECIMAL_POINT_IN_TOKEN)


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def needles(query: str) -> list[str]:
    """What a result highlights: each run of the folded query (市场规模, 2048, tops)."""
    return [run.group() for run in TOKEN_RUN.finditer(fold(query))]


# --- the index -------------------------------------------------------------------------------


# --- searching -------------------------------------------------------------------------------


def search(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """A reader's query against claimdesk.db: `SEARCH_SQL`'s rows, best first."""
    match = match_expression(query)
    if match is None:
        return []
    cursor = conn.execute(SEARCH_SQL, {"match": match, "limit": limit, "offset": 0})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
