"""Every SQL statement the public pages run, against claimdesk.db only.

A page runs a handful of these, each found through an index: a claim by its id, an article's
claims by `claims_article_id`, a source's by `claims_source_id`, the same figure elsewhere by
`claims_unit`, corrections by `corrections_at`. Three pages list everything by nature (the
progress of every article, the sources ranked, the latest verdicts): they read claims through
an index and never their text. tests/test_public_speed.py holds them to it.
"""

from __future__ import annotations

from typing import Any

from claimdesk.publish.claimreview import REVIEWED_STATUSES
from claimdesk.vocabulary import SHOWN_STATUSES, sql_list
from claimdesk.web.public.figures import VERDICT_ORDER

# Claims that count towards progress: in the article's body, and neither dismissed nor
# retracted. Figures after the byline are never queued for checking (see `claimdesk queue`),
# so counting them would keep every article short of done.
COUNTED = (
    f"claims.status in ({sql_list(SHOWN_STATUSES)}) and instr(claims.flags, '\"outside_body\"') = 0"
)

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

OVERALL_SQL = f"""
select claims.status, claims.verdict, count(*) as claims
from claims
where {COUNTED}
group by claims.status, claims.verdict
"""

# The newest articles with their progress; the claims counted are the listed articles' only.
RECENT_ARTICLES_SQL = f"""
select recent.id, recent.title, recent.publisher, recent.published, recent.language,
  count(claims.id) as claims, coalesce(sum(claims.status = 'published'), 0) as checked
from (
  select id, title, publisher, published, language from articles
  order by published desc, id
  limit :limit
) as recent
  left join claims on claims.article_id = recent.id and {COUNTED}
group by recent.id
order by recent.published desc, recent.id
"""

PROGRESS_SQL = f"""
select articles.id, articles.title, articles.published, claims.status, claims.verdict,
  count(claims.id) as claims
from articles
  left join claims on claims.article_id = articles.id and {COUNTED}
group by articles.id, claims.status, claims.verdict
order by articles.published desc, articles.id
"""

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
  sources.name as source_name
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

CLAIM_VERDICTS_SQL = """
select id, claim_id, verdict, explanation_zh_hant, explanation_zh_hans, explanation_en,
  evidence_url, evidence_quote, source_value, source_unit, source_time, verified_by,
  verified_at, approved_by, published_at, superseded_at
from verdicts
where claim_id = :claim_id
order by published_at, id
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
select claims.status, claims.verdict, count(*) as claims
from claims
where claims.source_id = :source_id and claims.status != 'dismissed'
group by claims.status, claims.verdict
"""

SOURCE_CLAIMS_SQL = """
select claims.id, claims.text, claims.sentence, claims.time, claims.status, claims.verdict,
  claims.article_id, articles.title as article_title
from claims
  join articles on articles.id = claims.article_id
where claims.source_id = :source_id and claims.status != 'dismissed'
order by claims.article_id, claims.position
limit :limit
"""

_REVIEWED = ", ".join(f"'{status}'" for status in REVIEWED_STATUSES)
SOURCES_SQL = f"""
select sources.id, sources.name,
  count(*) as attributed,
  sum(claims.verdict is not null and claims.status in ({_REVIEWED})) as checked,
  {", ".join(f"sum(claims.verdict = '{v}') as {v}" for v in VERDICT_ORDER)}
from sources
  join claims on claims.source_id = sources.id and claims.status != 'dismissed'
group by sources.id
order by checked desc, attributed desc, sources.id
limit :limit
"""

CORRECTIONS_SQL = """
select corrections.id, corrections.at, corrections.claim_id, corrections.change,
  corrections.field, corrections.from_value, corrections.to_value, corrections.reason,
  claims.text, corrections.article_id, articles.title as article_title
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


async def first(db: Any, sql: str, **params: Any) -> dict[str, Any] | None:
    found = await rows(db, sql, **params)
    return found[0] if found else None
