"""The extractor: article text in, numbers and claims out. Pure functions, no I/O."""

from claimdesk.extract.claims import extract_claims
from claimdesk.extract.numbers import find_numbers, is_model_name
from claimdesk.extract.types import NumberMatch

__all__ = ["NumberMatch", "extract_claims", "find_numbers", "is_model_name"]
