-- claimdesk.db's triggers, created after the build's bulk insert. The loader has already
-- checked every quote against its article in one linear pass; checking each again here would
-- read the article's text from its start once per claim, which made the build quadratic in
-- the article's size. From here on they guard every later write (CLI, web form, write API).

-- A claim quotes its article: the quote must be the article's text at the claim's offsets.
-- SQLite's substr counts characters, as Python's str indices do.
CREATE TRIGGER claims_quote_matches_article_on_insert BEFORE INSERT ON claims
WHEN NEW.start IS NOT NULL AND NEW.text IS NOT (
    SELECT substr(articles.text, NEW.start + 1, NEW."end" - NEW.start)
    FROM articles WHERE articles.id = NEW.article_id
)
BEGIN
    SELECT RAISE(ABORT, 'claim text does not match the article text at its offsets');
END;

CREATE TRIGGER claims_quote_matches_article_on_update
BEFORE UPDATE OF text, start, "end", article_id ON claims
WHEN NEW.start IS NOT NULL AND NEW.text IS NOT (
    SELECT substr(articles.text, NEW.start + 1, NEW."end" - NEW.start)
    FROM articles WHERE articles.id = NEW.article_id
)
BEGIN
    SELECT RAISE(ABORT, 'claim text does not match the article text at its offsets');
END;

-- The public record only grows: a published verdict or a correction is never rewritten. The
-- one thing that may happen to a published verdict is that a later one replaces it, once.
CREATE TRIGGER verdicts_are_append_only_update
BEFORE UPDATE OF id, claim_id, verdict, explanation_zh_hant, explanation_zh_hans, explanation_en,
    evidence_url, evidence_quote, source_value, source_unit, source_time, verified_by,
    verified_at, approved_by, published_at ON verdicts
BEGIN
    SELECT RAISE(ABORT, 'published verdicts are append-only');
END;

CREATE TRIGGER verdicts_are_superseded_once BEFORE UPDATE OF superseded_at ON verdicts
WHEN OLD.superseded_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'published verdicts are append-only');
END;

CREATE TRIGGER verdicts_are_append_only_delete BEFORE DELETE ON verdicts
BEGIN
    SELECT RAISE(ABORT, 'published verdicts are append-only');
END;

CREATE TRIGGER corrections_are_append_only_update BEFORE UPDATE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only');
END;

CREATE TRIGGER corrections_are_append_only_delete BEFORE DELETE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only');
END;
