-- claimdesk.db, the public database: the rules live here, so that every write path (build,
-- CLI, web form, write API) respects them. Closed vocabularies are CHECKs or references.

CREATE TABLE articles (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) > 0),
    publisher TEXT,
    author TEXT,
    url TEXT,
    published TEXT CHECK (published IS NULL OR date(published) = published),
    language TEXT NOT NULL CHECK (language IN ('zh-Hant', 'zh-Hans', 'en')),
    text TEXT NOT NULL,
    -- ISO 4217: what 元 and bare amounts of money mean in this article, when an editor said so.
    currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'))
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY,  -- the name folded to Simplified, so 國海證券 and 国海证券 are one source
    name TEXT NOT NULL    -- as first written
);

-- The verdict scale, defined once in review/verdicts.py and written here by the build:
-- every verdict column refers to it, so the database knows no other verdict.
CREATE TABLE verdict_scale (
    verdict TEXT PRIMARY KEY,
    label_zh_hant TEXT NOT NULL,
    label_zh_hans TEXT NOT NULL,
    label_en TEXT NOT NULL,
    definition_en TEXT NOT NULL,
    definition_zh_hant TEXT NOT NULL,
    rating INTEGER  -- schema.org ClaimReview ratingValue: higher is closer to true
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY CHECK (id GLOB 'c[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL UNIQUE,
    -- Null once retracted: the figure is no longer in the article's text.
    start INTEGER CHECK (start >= 0),
    "end" INTEGER CHECK ("end" > start),
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
    margin NUMERIC CHECK (margin IS NULL OR margin >= 0),
    source_detail TEXT,
    -- What the public may know: work in progress shows as unverified.
    status TEXT NOT NULL DEFAULT 'unverified'
        CHECK (status IN ('unverified', 'published', 'dismissed', 'retracted')),
    verdict TEXT REFERENCES verdict_scale(verdict),
    verdict_at TEXT,
    corrected INTEGER NOT NULL DEFAULT 0 CHECK (corrected IN (0, 1)),
    added_by_editor INTEGER NOT NULL DEFAULT 0 CHECK (added_by_editor IN (0, 1)),
    CHECK ((qualifier IS NULL) = (qualifier_meaning IS NULL)),
    CHECK ((start IS NULL) = ("end" IS NULL) AND (start IS NULL) = (status = 'retracted')),
    -- A verdict is public only once a second editor approved it.
    CHECK (verdict IS NULL OR status IN ('published', 'retracted')),
    CHECK ((status = 'published') <= (verdict IS NOT NULL)),
    CHECK ((verdict IS NULL) = (verdict_at IS NULL))
);

-- Every approved verdict, the current one and those it replaced, with the public explanation
-- and evidence. Editors' internal notes and unapproved verdicts are never here.
CREATE TABLE verdicts (
    id TEXT PRIMARY KEY,  -- the approved verify event
    claim_id TEXT NOT NULL REFERENCES claims(id),
    verdict TEXT NOT NULL REFERENCES verdict_scale(verdict),
    explanation_zh_hant TEXT,
    explanation_zh_hans TEXT,
    explanation_en TEXT,
    evidence_url TEXT NOT NULL,
    evidence_quote TEXT NOT NULL,
    source_value NUMERIC,
    source_unit TEXT,
    source_time TEXT,
    verified_by TEXT NOT NULL,
    verified_at TEXT NOT NULL,
    approved_by TEXT NOT NULL CHECK (approved_by != verified_by),
    published_at TEXT NOT NULL,
    superseded_at TEXT,
    CHECK (coalesce(explanation_zh_hant, explanation_zh_hans, explanation_en) IS NOT NULL)
);

-- The public correction log: a corrected field, or a published verdict that changed.
CREATE TABLE corrections (
    id TEXT PRIMARY KEY,  -- the event that made the change
    claim_id TEXT NOT NULL REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    at TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('field', 'verdict')),
    field TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    reason TEXT NOT NULL
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
CREATE INDEX verdicts_claim_id ON verdicts(claim_id);
-- The public pages' "latest" lists and the feed read these in date order.
CREATE INDEX verdicts_published_at ON verdicts(published_at);
CREATE INDEX articles_published ON articles(published);
-- "The same figure in other articles": same unit, same value.
CREATE INDEX claims_unit_value ON claims(unit, value);
CREATE INDEX corrections_claim_id ON corrections(claim_id);
CREATE INDEX corrections_at ON corrections(at);
