"""Every SQL statement the public pages run, against claimdesk.db only.

A page runs a handful of these, each found through an index: a claim by its id, an article's
claims by `claims_article_id`, a source's by `claims_source_id`, the same figure elsewhere by
`claims_unit_value`, corrections by `corrections_at`. The pages that list everything by nature
(the articles with their progress, the sources ranked, a source's claims) show a page at a time
(web/paging.py) through an index that holds their order, and read counts the build precomputed
(article_counts, source_counts, status_counts) instead of counting claims.
tests/test_public_speed.py holds them to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from claimdesk.web import paging
from claimdesk.web.paging import Cursor, Keyset, Page, cursor_of
from claimdesk.web.public.figures import VERDICT_ORDER

# The latest published verdicts and corrections, newest first. A verdict that replaced an
# earlier one is listed once, as the correction that says why (it has the same event id).
RECENT_SQL = """
select * from (
  select * from (
    select 'verdict' as entry, verdicts.id, verdicts.published_at as at, verdicts.claim_id,
      'verdict' as field, null as from_value, verdicts.verdict as to_value, null as reason,
      claims.text, claims.sentence, claims.article_id, articles.title as article_title,
      verdicts.explanation_zh_hant, verdicts.explanation_zh_hans, verdicts.explanation_en
    from verdicts
      join claims on claims.id = verdicts.claim_id
      join articles on articles.id = claims.article_id
    where verdicts.id not in (select id from corrections)
    order by verdicts.published_at desc, verdicts.id desc
    limit :limit
  )
  union all
  select * from (
    select 'correction', corrections.id, corrections.at, corrections.claim_id,
      corrections.field, corrections.from_value, corrections.to_value, corrections.reason,
      claims.text, claims.sentence, claims.article_id, articles.title,
      null, null, null
    from corrections
      join claims on claims.id = corrections.claim_id
      join articles on articles.id = corrections.article_id
    order by corrections.at desc, corrections.id desc
    limit :limit
  )
)
order by at desc, id desc
limit :limit
"""

# Totals and per-article counts are precomputed by the build (schema.sql: status_counts,
# article_counts): a page reads a few rows of counts, never the claims they count.
OVERALL_SQL = "select status, verdict, claims from status_counts"


def _article_count(where: str) -> str:
    return (
        "(select coalesce(sum(article_counts.claims), 0) from article_counts "
        f"where article_counts.article_id = articles.id{where})"
    )


# Articles newest first, a page at a time (web/paging.py), with their progress: the key is
# schema.sql's articles_newest index.
NEWEST_ARTICLES = Keyset(("coalesce(articles.published, '')", "articles.id"), descending=True)
ARTICLES_PAGE_SQL = f"""
select articles.id, articles.title, articles.publisher, articles.published, articles.language,
  {_article_count("")} as claims,
  {_article_count(" and article_counts.status = 'published'")} as checked,
  {
    ", ".join(
        _article_count(
            f" and article_counts.status = 'published' and article_counts.verdict = '{v}'"
        )
        + f" as {v}"
        for v in VERDICT_ORDER
    )
}
from articles
where {{keyset}}
order by {{order}}
limit :limit
"""


def articles_page_sql(cursor: Cursor | None) -> tuple[str, dict[str, Any]]:
    condition, order, params = NEWEST_ARTICLES.clause(cursor)
    return ARTICLES_PAGE_SQL.format(keyset=condition, order=order), params


ARTICLE_SQL = """
select id, title, publisher, author, url, published, language, text
from articles
where id = :slug
"""

CLAIM_COLUMNS = """
  claims.id, claims.article_id, claims.start, claims."end", claims.text, claims.sentence,
  claims.value, claims.value_max, claims.unit, claims.kind, claims.qualifier,
  claims.qualifier_meaning, claims.time, claims.source_id, claims.source_report, claims.noun,
  claims.flags, claims.status, claims.verdict, claims.verdict_at, claims.corrected,
  coalesce(sources.name, claims.source) as source_name
"""

ARTICLE_CLAIMS_SQL = f"""
select {CLAIM_COLUMNS},
  verdicts.explanation_zh_hant, verdicts.explanation_zh_hans, verdicts.explanation_en,
  verdicts.evidence_url, verdicts.evidence_quote, verdicts.published_at
from claims
  left join sources on sources.id = claims.source_id
  left join verdicts on verdicts.claim_id = claims.id and verdicts.superseded_at is null
where claims.article_id = :slug
order by claims.article_id, claims.position
"""

# The claim, what its ClaimReview needs (see claimreview.CLAIM_SELECT) and the stretch of
# the article around it, to find which occurrence in the sentence is the figure.
CLAIM_SQL = f"""
select {CLAIM_COLUMNS},
  articles.title as article_title, articles.url as article_url,
  articles.publisher as article_publisher, articles.published as article_published,
  articles.language as article_language,
  max(0, claims.start - length(claims.sentence)) as context_start,
  substr(articles.text, max(0, claims.start - length(claims.sentence)) + 1,
    claims."end" - claims.start + 2 * length(claims.sentence)) as context
from claims
  join articles on articles.id = claims.article_id
  left join sources on sources.id = claims.source_id
where claims.id = :claim_id
"""

# With each verdict, when a later release revised the series cell it rests on, that revision
# (database/revisions.py): a claim page asks once.
CLAIM_VERDICTS_SQL = """
select v.id, v.claim_id, v.verdict, v.explanation_zh_hant, v.explanation_zh_hans,
  v.explanation_en, v.evidence_url, v.evidence_quote, v.source_value, v.source_text,
  v.source_unit, v.source_time, v.verified_by, v.verified_at, v.approved_by, v.published_at,
  v.superseded_at, v.series_id, r.period, r.rested_release, r.rested_value, r.revised_release,
  r.revised_on, r.revised_value, r.unit, s.title_zh as series_title_zh,
  s.title_en as series_title_en
from verdicts as v
left join source_revisions as r on r.verdict_id = v.id
left join series as s on s.id = r.series_id
where v.claim_id = :claim_id
order by v.published_at, v.id
"""

CLAIM_CORRECTIONS_SQL = """
select id, at, change, field, from_value, to_value, reason
from corrections
where claim_id = :claim_id
order by at, id
"""

# The same figure in other articles: the same value and unit, and the same time where both
# claims have one.
SAME_FIGURE_SQL = """
select claims.id, claims.text, claims.sentence, claims.time, claims.status, claims.verdict,
  claims.article_id, articles.title as article_title
from claims
  join articles on articles.id = claims.article_id
where claims.unit = :unit and claims.value = :value and claims.article_id != :article_id
  and claims.status != 'dismissed'
  and (:time is null or claims.time is null or claims.time = :time)
order by claims.article_id, claims.position
limit 20
"""

SOURCE_SQL = "select id, name from sources where id = :source_id"

SOURCE_SCORE_SQL = """
select status, verdict, claims
from source_counts
where source_id = :source_id
"""

# A source's claims in the order of the articles, a page at a time: schema.sql's
# claims_source_id index is (source_id, article_id, position).
SOURCE_CLAIMS_ORDER = Keyset(("claims.article_id", "claims.position"))
SOURCE_CLAIMS_SQL = """
select claims.id, claims.text, claims.sentence, claims.time, claims.status, claims.verdict,
  claims.article_id, claims.position, articles.title as article_title
from claims
  join articles on articles.id = claims.article_id
where claims.source_id = :source_id and claims.status != 'dismissed' and {keyset}
order by {order}
limit :limit
"""


def source_claims_sql(cursor: Cursor | None) -> tuple[str, dict[str, Any]]:
    condition, order, params = SOURCE_CLAIMS_ORDER.clause(cursor)
    return SOURCE_CLAIMS_SQL.format(keyset=condition, order=order), params


def _source_count(verdict: str) -> str:
    return (
        "(select coalesce(sum(source_counts.claims), 0) from source_counts "
        f"where source_counts.source_id = sources.id and source_counts.verdict = '{verdict}')"
    )


# Sources with the most figures checked first (then the most attributed), a page at a time:
# schema.sql's sources_ranked index.
RANKED_SOURCES = Keyset(("sources.checked", "sources.attributed", "sources.id"), descending=True)
SOURCES_SQL = f"""
select sources.id, sources.name, sources.attributed, sources.checked,
  {", ".join(f"{_source_count(v)} as {v}" for v in VERDICT_ORDER)}
from sources
where sources.attributed > 0 and {{keyset}}
order by {{order}}
limit :limit
"""


def sources_sql(cursor: Cursor | None) -> tuple[str, dict[str, Any]]:
    condition, order, params = RANKED_SOURCES.clause(cursor)
    return SOURCES_SQL.format(keyset=condition, order=order), params


CORRECTIONS_SQL = """
select corrections.id, corrections.at, corrections.claim_id, corrections.change,
  corrections.field, corrections.from_value, corrections.to_value, corrections.reason,
  corrections.reader_reported, claims.text, corrections.article_id, articles.title as article_title
from corrections
  join claims on claims.id = corrections.claim_id
  join articles on articles.id = corrections.article_id
order by corrections.at desc, corrections.id desc
limit :limit
"""


async def rows(db: Any, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of one statement, as dicts."""
    results = await db.execute(sql, params)
    return [dict(row) for row in results.rows]


async def page_of(
    db: Any,
    request: Any,
    sql_of: Callable[[Cursor | None], tuple[str, dict[str, Any]]],
    key_of: Callable[[Mapping[str, Any]], Sequence[Any]],
    path: str,
    **params: Any,
) -> Page:
    """The page of a keyset-paginated list that the request's cursor names (web/paging.py)."""
    cursor = cursor_of(request.args)
    sql, keys = sql_of(cursor)
    fetched = await rows(db, sql, limit=paging.PAGE_SIZE + 1, **params, **keys)
    return paging.page(fetched, cursor, key_of, path)


async def first(db: Any, sql: str, **params: Any) -> dict[str, Any] | None:
    found = await rows(db, sql, **params)
    return found[0] if found else None
