-- The knowledge base: categories, and articles with a variant per language.

CREATE TABLE kb_categories (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    parent_id TEXT REFERENCES kb_categories (id),
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX kb_categories_position ON kb_categories (position, id);
CREATE INDEX kb_categories_parent ON kb_categories (parent_id);

CREATE TABLE kb_articles (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    category_id TEXT REFERENCES kb_categories (id),
    translation_of TEXT REFERENCES kb_articles (id),
    language TEXT NOT NULL,
    body TEXT,
    body_text TEXT,
    status TEXT NOT NULL,
    audience TEXT NOT NULL,
    published_at TEXT,
    helpful_yes INTEGER NOT NULL DEFAULT 0,
    helpful_no INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX kb_articles_created ON kb_articles (created_at, id);
-- A category's page lists its articles; the portal lists published public ones.
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, audience);
CREATE INDEX kb_articles_status ON kb_articles (status, audience, id);
-- One variant per language of each original that is not in the trash.
CREATE UNIQUE INDEX kb_articles_variant ON kb_articles (translation_of, language)
    WHERE translation_of IS NOT NULL AND deleted_at IS NULL;

CREATE VIRTUAL TABLE search_kb_articles USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
