-- claimdesk.db, the public database: the rules live here, so that every write respects them.
-- This is a template: $kinds, $statuses and the like are filled from claimdesk/vocabulary.py,
-- the one list of each closed vocabulary.

CREATE TABLE articles (
    id TEXT PRIMARY KEY CHECK $article_id_check,
    title TEXT NOT NULL CHECK (length(title) > 0),
    publisher TEXT,
    author TEXT,
    url TEXT,
    published TEXT CHECK (published IS NULL OR date(published) = published),
    language TEXT NOT NULL CHECK (language IN ($languages)),
    text TEXT NOT NULL,
    -- ISO 4217: what 元 and bare amounts of money mean in this article, when an editor said so.
    currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'))
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY,  -- the name folded to Simplified, so 國海證券 and 国海证券 are one source
    name TEXT NOT NULL,   -- as first written
    -- Its claims that are not dismissed, and those of them with a public verdict (published or
    -- retracted): what /sources ranks by, kept here so that no page counts claims to rank.
    attributed INTEGER NOT NULL CHECK (attributed >= 0),
    checked INTEGER NOT NULL CHECK (checked >= 0 AND checked <= attributed)
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
    id TEXT PRIMARY KEY CHECK $claim_id_check,
    article_id TEXT NOT NULL REFERENCES articles(id),
    -- The claim's place among its article's claims (in the order of the text).
    position INTEGER NOT NULL CHECK (position > 0),
    -- Null once retracted: the figure is no longer in the article's text.
    start INTEGER CHECK (start >= 0),
    "end" INTEGER CHECK ("end" > start),
    text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    value NUMERIC,
    value_max NUMERIC,
    unit TEXT,
    kind TEXT NOT NULL CHECK (kind IN ($kinds)),
    qualifier TEXT,
    qualifier_meaning TEXT
        CHECK (qualifier_meaning IS NULL OR qualifier_meaning IN ($qualifier_meanings)),
    time TEXT,
    source TEXT,  -- whom the article attributes it to, as this article writes the name
    -- The source the figure counts towards: none after the byline (derive.counted_source_id).
    source_id TEXT REFERENCES sources(id),
    source_report TEXT,
    noun TEXT,
    flags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(flags) AND json_type(flags) = 'array'),
    margin NUMERIC CHECK (margin IS NULL OR margin >= 0),
    source_detail TEXT,
    -- What the public may know: work in progress shows as unverified.
    status TEXT NOT NULL DEFAULT 'unverified'
        CHECK (status IN ($public_statuses)),
    verdict TEXT REFERENCES verdict_scale(verdict),
    verdict_at TEXT,
    corrected INTEGER NOT NULL DEFAULT 0 CHECK (corrected IN (0, 1)),
    added_by_editor INTEGER NOT NULL DEFAULT 0 CHECK (added_by_editor IN (0, 1)),
    CHECK ((qualifier IS NULL) = (qualifier_meaning IS NULL)),
    CHECK ((start IS NULL) = ("end" IS NULL) AND (start IS NULL) = (status = 'retracted')),
    -- A verdict is public only once a second editor approved it.
    CHECK (verdict IS NULL OR status IN ('published', 'retracted')),
    CHECK ((status = 'published') <= (verdict IS NOT NULL)),
    CHECK ((verdict IS NULL) = (verdict_at IS NULL)),
    CHECK (source IS NOT NULL OR source_id IS NULL),
    CHECK ((source IS NULL) = (source_id IS NULL) OR flags LIKE '%"outside_body"%'),
    CHECK (value_max IS NULL OR value IS NOT NULL),
    UNIQUE (article_id, position)
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
    source_text TEXT,  -- the figure as the source wrote it, when the verification kept it
    source_unit TEXT,
    source_time TEXT,
    -- When the evidence is a series cell (claims/series/<series_id>/releases/<series_release>.yml,
    -- the cell of period source_time): the release the verdict rests on. Both or neither.
    series_id TEXT,
    series_release TEXT,
    verified_by TEXT NOT NULL,
    verified_at TEXT NOT NULL,
    approved_by TEXT NOT NULL CHECK (approved_by != verified_by),
    published_at TEXT NOT NULL,
    superseded_at TEXT,
    CHECK (coalesce(explanation_zh_hant, explanation_zh_hans, explanation_en) IS NOT NULL),
    CHECK ((series_id IS NULL) = (series_release IS NULL)),
    CHECK (series_id IS NULL OR source_time IS NOT NULL)
);

-- The public correction log: a corrected field, or a published verdict that changed.
CREATE TABLE corrections (
    id TEXT NOT NULL,  -- the event that made the change
    claim_id TEXT NOT NULL REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    at TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('field', 'verdict')),
    field TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    reason TEXT NOT NULL,
    -- 1 when a reader's report led to the correction (who reported it is never public).
    reader_reported INTEGER NOT NULL DEFAULT 0 CHECK (reader_reported IN (0, 1)),
    -- One event may change two fields: a qualifier and its meaning.
    PRIMARY KEY (id, field)
);

-- What the database was built from: the schema and code (a change means a full build) ...
CREATE TABLE claimdesk_build (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ... and each article's files, so that a build redoes only the articles whose files changed.
CREATE TABLE built_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    digest TEXT NOT NULL
);

-- The automatic checks (checks/): computed from public text and fields, so public.
CREATE TABLE checks (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL CHECK (kind IN ($check_kinds)),
    result TEXT NOT NULL CHECK (result IN ($check_results)),
    computation TEXT NOT NULL,
    explanation_en TEXT NOT NULL,
    explanation_zh_hant TEXT NOT NULL,
    explanation_zh_hans TEXT NOT NULL,
    related TEXT NOT NULL CHECK (json_valid(related) AND json_type(related) = 'array'),
    -- For a conflict between articles: the quantity both state (a conflict belongs to no one
    -- article; the build redoes the conflicts of the quantities a written article touches).
    quantity TEXT,
    CHECK ((kind = 'conflict') = (quantity IS NOT NULL))
);

-- One row per claim a check relates (the checked claim included), for joins.
CREATE TABLE check_claims (
    check_id TEXT NOT NULL REFERENCES checks(id),
    claim_id TEXT NOT NULL REFERENCES claims(id),
    PRIMARY KEY (check_id, claim_id)
);

-- What each figure is a figure of (subject|unit|time|source), to find conflicts.
CREATE TABLE check_quantities (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    quantity TEXT NOT NULL
);

-- Counts the pages would otherwise make by reading every claim on every request. Each is
-- derived by the one derivation and written by the one writer (database/write.py), so a desk
-- write keeps them as a full build makes them (tests/test_guard.py).

-- An article's claims that count towards progress (in its body, neither dismissed nor
-- retracted), by public status and verdict: database/derive.py, with the article's rows.
CREATE TABLE article_counts (
    article_id TEXT NOT NULL REFERENCES articles(id),
    status TEXT NOT NULL CHECK (status IN ($public_statuses)),
    verdict TEXT REFERENCES verdict_scale(verdict),
    claims INTEGER NOT NULL CHECK (claims > 0),
    PRIMARY KEY (article_id, status, verdict)
);

-- The same counts over every article: the sum of article_counts (write.refresh_shared).
CREATE TABLE status_counts (
    status TEXT NOT NULL CHECK (status IN ($public_statuses)),
    verdict TEXT REFERENCES verdict_scale(verdict),
    claims INTEGER NOT NULL CHECK (claims > 0),
    PRIMARY KEY (status, verdict)
);

-- A source's claims that are not dismissed, by public status and verdict
-- (write.refresh_shared, for the sources a write touched).
CREATE TABLE source_counts (
    source_id TEXT NOT NULL REFERENCES sources(id),
    status TEXT NOT NULL CHECK (status IN ($public_statuses)),
    verdict TEXT REFERENCES verdict_scale(verdict),
    claims INTEGER NOT NULL CHECK (claims > 0),
    PRIMARY KEY (source_id, status, verdict)
);

CREATE INDEX claims_article_id ON claims(article_id);
-- A source's claims in the order its page lists them (keyset pagination, no sort).
CREATE INDEX claims_source_id ON claims(source_id, article_id, position);
-- A source's counts by status and verdict (write._source_counts), from the index alone, in
-- its order: 25 ms instead of 210 ms for a source of 49,000 claims at a million.
CREATE INDEX claims_source_status ON claims(source_id, status, verdict);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_unit ON claims(unit);
CREATE INDEX claims_verdict ON claims(verdict);
CREATE INDEX verdicts_claim_id ON verdicts(claim_id);
-- The public pages' "latest" lists and the feed read these in date order.
CREATE INDEX verdicts_published_at ON verdicts(published_at, id);
CREATE INDEX articles_published ON articles(published);
-- Articles newest first, for /progress and the home page, a page at a time: the key of
-- keyset pagination, (coalesce(published, ''), id), walked backwards.
CREATE INDEX articles_newest ON articles(coalesce(published, ''), id);
-- /sources, most checked first, a page at a time.
CREATE INDEX sources_ranked ON sources(checked, attributed, id);
-- "The same figure in other articles": same unit, same value.
CREATE INDEX claims_unit_value ON claims(unit, value, article_id, position);
-- Earlier published checks of the same quantity (database/earlier.py): the published claims
-- only (a tenth of them at a million claims), by source, unit and period, newest verdict
-- first, with the value to filter on in the index itself: the lookup reads the newest few of
-- one range and stops, however often its quantity is stated.
CREATE INDEX claims_published_quantity ON claims(source_id, unit, time, verdict_at, value)
    WHERE status = 'published';
CREATE INDEX corrections_claim_id ON corrections(claim_id);
CREATE INDEX corrections_at ON corrections(at, id);
CREATE INDEX corrections_article_id ON corrections(article_id);
CREATE INDEX checks_claim_id ON checks(claim_id);
CREATE INDEX checks_article_id ON checks(article_id);
CREATE INDEX checks_result ON checks(result);
CREATE INDEX checks_quantity ON checks(quantity);
CREATE INDEX check_claims_claim_id ON check_claims(claim_id);
-- In the order of the articles: a quantity's first statements, and how many come before an
-- article, are read from the index (database/write.py, Touched).
CREATE INDEX check_quantities_quantity ON check_quantities(quantity, article_id);
CREATE INDEX check_quantities_article_id ON check_quantities(article_id);

-- Reference series (issue 19): claims/series/<id>/series.yml and one file per release, derived
-- whole by claimdesk/series/tables.py whenever any series file changed. A revision is a new
-- release: every release keeps the cells as it published them.
CREATE TABLE series (
    id TEXT PRIMARY KEY CHECK $article_id_check,
    publisher TEXT NOT NULL CHECK (length(publisher) > 0),
    title_zh TEXT NOT NULL CHECK (length(title_zh) > 0),
    title_en TEXT NOT NULL CHECK (length(title_en) > 0),
    kind TEXT NOT NULL CHECK (kind IN ($kinds)),
    -- As a claim's unit: the ISO 4217 code for money (then also in currency), else TEU, %, ...
    unit TEXT NOT NULL,
    currency TEXT CHECK (currency IS NULL OR (length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*')),
    frequency TEXT NOT NULL CHECK (frequency IN ($frequencies)),
    url TEXT CHECK (url IS NULL OR lower(url) GLOB 'http://?*' OR lower(url) GLOB 'https://?*'),
    remarks TEXT,  -- what the publisher says of it: preliminary figures, revisions
    releases INTEGER NOT NULL CHECK (releases >= 0),
    latest_release TEXT
);

CREATE TABLE series_releases (
    series_id TEXT NOT NULL REFERENCES series(id),
    -- The release file's name without .yml: its release date, with -2, -3 for a second or
    -- third release published the same day.
    release TEXT NOT NULL CHECK (release GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    -- Its place among the series' releases, oldest first.
    position INTEGER NOT NULL CHECK (position > 0),
    released TEXT NOT NULL CHECK (date(released) = released),
    -- http or https, as files/urls.py accepts them (HTTPS: too).
    url TEXT NOT NULL CHECK (lower(url) GLOB 'http://?*' OR lower(url) GLOB 'https://?*'),
    retrieved TEXT NOT NULL,
    -- sha256 of the bytes retrieved: importing the same file twice adds nothing.
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    cells INTEGER NOT NULL CHECK (cells >= 0),
    -- Its cells whose value differs from the same period's in the release before it.
    revised INTEGER NOT NULL CHECK (revised >= 0 AND revised <= cells),
    PRIMARY KEY (series_id, release),
    UNIQUE (series_id, position)
);

CREATE TABLE series_cells (
    series_id TEXT NOT NULL,
    release TEXT NOT NULL,
    -- As a claim's time writes it: 2024, 2024-01/2024-03 (a quarter), 2024-01, 2024-01-15.
    period TEXT NOT NULL,
    value NUMERIC NOT NULL,  -- in base units, as a claim's: '000 TEU multiplied out
    -- 1: no earlier release had this period.
    new INTEGER NOT NULL CHECK (new IN (0, 1)),
    -- 1: the release before that had this period gave another value, previous_value.
    revised INTEGER NOT NULL CHECK (revised IN (0, 1) AND revised + new < 2),
    previous_value NUMERIC CHECK ((previous_value IS NULL) = (revised = 0)),
    PRIMARY KEY (series_id, release, period),
    FOREIGN KEY (series_id, release) REFERENCES series_releases(series_id, release)
);

-- The digest of every series file (and of the code that derives their rows) the rows above
-- were derived from: a build derives them again when it changes.
CREATE TABLE series_built (
    digest TEXT NOT NULL
);
-- A series page: its periods, newest first, and the releases that first gave or revised each.
CREATE INDEX series_cells_period ON series_cells(series_id, period, release);

-- The published verdicts whose series cell a later release revised (issue 19): derived by
-- database/revisions.py from the current verdicts and the series tables, never by hand, in the
-- transaction of every build and desk write. A row stands while the claim's current published
-- verdict rests on the older release and the latest release's value of that period would
-- change its suggested verdict, or move it within or outside what the claim covers as worded;
-- the public verdict stays until two editors publish a new one.
CREATE TABLE source_revisions (
    verdict_id TEXT PRIMARY KEY REFERENCES verdicts(id) DEFERRABLE INITIALLY DEFERRED,
    claim_id TEXT NOT NULL UNIQUE REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED,
    article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    series_id TEXT NOT NULL,
    period TEXT NOT NULL,
    -- The release the verdict rests on, and its value of the period (the verdict's source_value).
    rested_release TEXT NOT NULL,
    rested_value NUMERIC NOT NULL,
    -- The latest release that has the period, when it was released, and its value.
    revised_release TEXT NOT NULL,
    revised_on TEXT NOT NULL CHECK (date(revised_on) = revised_on),
    revised_value NUMERIC NOT NULL,
    unit TEXT NOT NULL,
    -- What review/discrepancy.py suggests with each value (null: no suggestion), and whether
    -- each value is within what the claim covers as worded (1, 0, or null: cannot compare).
    suggested_before TEXT REFERENCES verdict_scale(verdict),
    suggested_after TEXT REFERENCES verdict_scale(verdict),
    within_before INTEGER CHECK (within_before IN (0, 1)),
    within_after INTEGER CHECK (within_after IN (0, 1)),
    CHECK (revised_release != rested_release),
    CHECK (revised_value != rested_value),
    -- "No change, no alert": a revision that changes neither is no row.
    CHECK (suggested_before IS NOT suggested_after OR within_before IS NOT within_after),
    FOREIGN KEY (series_id, rested_release) REFERENCES series_releases(series_id, release)
        DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (series_id, revised_release, period)
        REFERENCES series_cells(series_id, release, period) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX source_revisions_article_id ON source_revisions(article_id);
-- The child keys of its foreign keys to the series tables: without them, each series row a
-- build deletes (every one, when any series file changed) would scan this table.
CREATE INDEX source_revisions_rested ON source_revisions(series_id, rested_release);
CREATE INDEX source_revisions_cell ON source_revisions(series_id, revised_release, period);
-- The feed and the desk list them newest revision first.
CREATE INDEX source_revisions_revised_on ON source_revisions(revised_on, claim_id);
-- The verdicts that rest on a series cell: what a re-check reads, without the others.
CREATE INDEX verdicts_series ON verdicts(series_id, source_time) WHERE series_id IS NOT NULL;
