-- claimdesk.db's triggers, created after the build's bulk insert. The loader has already
-- checked every quote against its article in one linear pass; checking each again here would
-- read the article's text from its start once per claim, which made the build quadratic in
-- the article's size. From here on they guard every later write (CLI, web form, write API).

-- A claim quotes its article: the quote must be the article's text at the claim's offsets.
-- SQLite's substr counts characters, as Python's str indices do.
CREATE TRIGGER claims_quote_matches_article_on_insert BEFORE INSERT ON claims
WHEN NEW.text IS NOT (
    SELECT substr(articles.text, NEW.start + 1, NEW."end" - NEW.start)
    FROM articles WHERE articles.id = NEW.article_id
)
BEGIN
    SELECT RAISE(ABORT, 'claim text does not match the article text at its offsets');
END;

CREATE TRIGGER claims_quote_matches_article_on_update
BEFORE UPDATE OF text, start, "end", article_id ON claims
WHEN NEW.text IS NOT (
    SELECT substr(articles.text, NEW.start + 1, NEW."end" - NEW.start)
    FROM articles WHERE articles.id = NEW.article_id
)
BEGIN
    SELECT RAISE(ABORT, 'claim text does not match the article text at its offsets');
END;

-- The audit trail is a log: entries are added, never changed or removed.
CREATE TRIGGER verifications_are_append_only_update BEFORE UPDATE ON verifications
BEGIN
    SELECT RAISE(ABORT, 'verifications are append-only');
END;

CREATE TRIGGER verifications_are_append_only_delete BEFORE DELETE ON verifications
BEGIN
    SELECT RAISE(ABORT, 'verifications are append-only');
END;

