"""The extractor: article text in, numbers and claims out. Pure functions, no I/O."""

from claimdesk.extract.claims import extract_claims
from claimdesk.extract.numbers import find_numbers, is_model_name
from claimdesk.extract.types import ExtractedClaim, NumberMatch, claims_json

__all__ = [
    "ExtractedClaim",
    "NumberMatch",
    "claims_json",
    "extract_claims",
    "find_numbers",
    "is_model_name",
]
