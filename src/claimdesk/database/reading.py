"""SQL that the desk and the public pages share to read what the build wrote."""

# Every check that relates a claim (it may be about another figure of the relation), the
# problems first: what the public and the desk show on a claim's page.
CLAIM_CHECKS_SQL = """
select checks.id, checks.claim_id, checks.kind, checks.result, checks.computation,
    checks.explanation_zh_hant, checks.explanation_en, checks.related
from check_claims join checks on checks.id = check_claims.check_id
where check_claims.claim_id = :claim_id
order by checks.result = 'ok', checks.kind, checks.id
"""
# The claims that a warning or an inconsistency relates: the desk's queue filter.
FLAGGED_CLAIMS_SQL = """
select distinct check_claims.claim_id
from checks join check_claims on check_claims.check_id = checks.id
where checks.result in ('warning', 'inconsistent')
"""
