"""The shape of claims/<slug>/claims.yml: the article's details and its claims (the one claim
type, claimdesk.claim.Claim).

`extra="forbid"` everywhere, so that a typo in a hand-edited claims.yml is an error, not a
silently ignored key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from claimdesk.claim import Claim
from claimdesk.files.urls import check_web_url
from claimdesk.vocabulary import Language


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(_Strict):
    """What the article is; its text lives beside claims.yml in article.txt."""

    title: Annotated[str, Field(min_length=1)]
    publisher: str | None = None
    author: str | None = None
    url: Annotated[str, AfterValidator(check_web_url)] | None = None
    published: dt.date | None = None
    language: Language
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code that 元 and bare amounts of money mean (TWD)",
    )


class ArticleFile(_Strict):
    """The whole of claims/<slug>/claims.yml. The loader checks what needs the article text
    and the file (unique ids, quotes at their offsets), so that it can name the line."""

    article: Article
    claims: list[Claim]
    # Claims that editors worked on and that a later version of the article no longer has.
    # They are kept as they were last seen (their offsets point into that older text), so
    # that no review is ever lost; they are published as retracted.
    retracted: list[Claim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_claim_has_an_id(self) -> ArticleFile:
        for name in ("claims", "retracted"):
            for index, claim in enumerate(getattr(self, name)):
                if claim.id is None:
                    raise ValueError(f"{name}[{index}] ({claim.text!r}) has no id")
        return self
