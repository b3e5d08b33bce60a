-- claimdesk.db: the rules live here, so that every write path (build, CLI, web form, write
-- API) respects them. Closed vocabularies are CHECKs; the audit trail is append-only.

CREATE TABLE articles (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) > 0),
    publisher TEXT,
    author TEXT,
    url TEXT,
    published TEXT CHECK (published IS NULL OR date(published) = published),
    language TEXT NOT NULL CHECK (language IN ('zh-Hant', 'zh-Hans', 'en')),
    text TEXT NOT NULL
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY,  -- the name folded to Simplified, so 國海證券 and 国海证券 are one source
    name TEXT NOT NULL    -- as first written
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY CHECK (id GLOB 'c[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL UNIQUE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    value NUMERIC,
    value_max NUMERIC,
    unit TEXT,
    kind TEXT NOT NULL
        CHECK (kind IN ('money', 'percent', 'ratio', 'quantity', 'count', 'date', 'duration')),
    qualifier TEXT,
    qualifier_meaning TEXT CHECK (qualifier_meaning IS NULL OR qualifier_meaning IN
        ('approximate', 'lower_bound', 'upper_bound', 'emphasis')),
    time TEXT,
    source_id TEXT REFERENCES sources(id),
    source_report TEXT,
    noun TEXT,
    flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags) AND json_type(flags) = 'array'),
    status TEXT NOT NULL DEFAULT 'unverified'
        CHECK (status IN ('unverified', 'needs_approval', 'approved')),
    verdict TEXT CHECK (verdict IS NULL OR verdict IN
        ('correct', 'mostly_correct', 'misleading', 'incorrect', 'unsupported')),
    CHECK ((qualifier IS NULL) = (qualifier_meaning IS NULL)),
    -- The public sees verdict: only an approved one is stored here.
    CHECK ((status = 'approved') = (verdict IS NOT NULL))
);

CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    editor TEXT NOT NULL CHECK (length(editor) > 0),
    at TEXT NOT NULL,
    verdict TEXT NOT NULL
        CHECK (verdict IN ('correct', 'mostly_correct', 'misleading', 'incorrect', 'unsupported')),
    evidence TEXT NOT NULL CHECK (length(evidence) > 0),
    evidence_url TEXT,
    source_value NUMERIC,
    note TEXT,
    UNIQUE (claim_id, seq)
);

-- What the database was built from, so that `claimdesk serve` rebuilds only when needed.
CREATE TABLE claimdesk_build (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE INDEX claims_article_id ON claims(article_id);
CREATE INDEX claims_source_id ON claims(source_id);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_unit ON claims(unit);
CREATE INDEX claims_verdict ON claims(verdict);
