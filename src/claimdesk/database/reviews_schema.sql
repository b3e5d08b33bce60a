-- reviews.db, the editors' database: every event and every claim's review state. Served only
-- to signed-in editors. It is rebuilt from the reviews.jsonl files, which are the record.

CREATE TABLE events (
    id TEXT PRIMARY KEY,  -- UUIDv7: sorts by time
    article_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    at TEXT NOT NULL,
    editor TEXT NOT NULL CHECK (length(editor) > 0),
    type TEXT NOT NULL CHECK (type IN ($event_types)),
    verdict TEXT,
    verify_id TEXT,  -- no reference: a merged log may name a verification it lacks
    reason TEXT,
    note TEXT,
    -- Set when replay did not count the event (it broke a rule, e.g. after a git merge).
    ignored_because TEXT,
    event TEXT NOT NULL CHECK (json_valid(event))  -- the line of reviews.jsonl, parsed
);

-- Events are never changed in place. A write replaces an article's rows as a whole, so they
-- may be deleted with their article; reviews.jsonl, append-only under a lock, is the record.
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Each claim's review state, with what an editor needs to see beside it (a copy of the public
-- claim, so that the queue needs no second database).
CREATE TABLE claim_states (
    claim_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_title TEXT NOT NULL,
    article_published TEXT,
    start INTEGER,
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    figure_offset INTEGER,  -- where the figure starts in the sentence
    kind TEXT NOT NULL,
    value NUMERIC,
    unit TEXT,
    value_max NUMERIC,
    qualifier TEXT,
    qualifier_meaning TEXT,
    time TEXT,
    source TEXT,
    noun TEXT,
    source_report TEXT,
    sentence_was TEXT,
    flags TEXT NOT NULL CHECK (json_valid(flags)),
    status TEXT NOT NULL CHECK (status IN ($statuses)),
    assignee TEXT,
    pending_verify_id TEXT REFERENCES events(id),
    pending_verdict TEXT,
    pending_by TEXT,
    published_verdict TEXT,
    sent_back_because TEXT,
    dismissed_because TEXT,
    events INTEGER NOT NULL,
    last_event_id TEXT REFERENCES events(id),
    CHECK ((status = 'needs_review') = (pending_verify_id IS NOT NULL) OR status = 'retracted'
        OR status = 'dismissed')
);

-- Lines of reviews.jsonl left out of the databases: unreadable, or an event that broke a
-- rule (after a merge or a hand edit). Editors see them; the build names them.
CREATE TABLE log_problems (
    article_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    claim_id TEXT,
    field TEXT,
    message TEXT NOT NULL,
    PRIMARY KEY (article_id, line, message)
);

CREATE TABLE claimdesk_build (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE built_articles (
    article_id TEXT PRIMARY KEY,
    digest TEXT NOT NULL
);

CREATE INDEX events_claim_id ON events(claim_id);
CREATE INDEX events_editor ON events(editor);
CREATE INDEX claim_states_status ON claim_states(status);
CREATE INDEX claim_states_assignee ON claim_states(assignee);
CREATE INDEX claim_states_article_id ON claim_states(article_id);
-- The desk's queue, in its order (articles by date, undated last, then the claims in the order
-- of the text), a page at a time: keyset pagination walks these from the cursor (web/paging.py).
CREATE INDEX claim_states_queue ON claim_states(
    article_published IS NULL, coalesce(article_published, ''), article_id, coalesce(start, -1),
    claim_id);
CREATE INDEX claim_states_status_queue ON claim_states(
    status, article_published IS NULL, coalesce(article_published, ''), article_id,
    coalesce(start, -1), claim_id);
