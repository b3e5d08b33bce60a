-- claimdesk.db's triggers. The database is derived: each write replaces an article's rows as
-- a whole (database/write.py), so rows are deleted and inserted, never updated in place.
--
-- A claim's quote is checked against its article by the claim type (claim.py) when
-- claims.yml is loaded, in one linear pass; a trigger would read the article's text from its
-- start once per claim, quadratic in the article's size, on every desk write.

-- A published verdict or a correction is never rewritten in place.
CREATE TRIGGER verdicts_are_append_only_update
BEFORE UPDATE ON verdicts
BEGIN
    SELECT RAISE(ABORT, 'published verdicts are append-only');
END;

-- Deleting is how a write replaces an article's rows; the log (reviews.jsonl, append-only
-- under a lock) is what keeps the public record from shrinking.
CREATE TRIGGER corrections_are_append_only_update BEFORE UPDATE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only');
END;
