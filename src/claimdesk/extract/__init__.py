"""The extractor: article text in, numbers and claims out. Pure functions, no I/O: the words
and names the rules know come in as a Lexicon, which `lexicon_for(claims_dir)` reads once from
the shipped lists and a newsroom's claims/lexicon/."""

from claimdesk.extract.claims import extract_claims
from claimdesk.extract.lexicon import Lexicon, LexiconError, lexicon_for
from claimdesk.extract.numbers import find_numbers, is_model_name
from claimdesk.extract.types import NumberMatch

__all__ = [
    "Lexicon",
    "LexiconError",
    "NumberMatch",
    "extract_claims",
    "find_numbers",
    "is_model_name",
    "lexicon_for",
]
