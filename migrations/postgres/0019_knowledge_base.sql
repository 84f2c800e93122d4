-- The knowledge base: categories, and articles with a variant per language.

CREATE TABLE kb_categories (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    parent_id UUID REFERENCES kb_categories (id),
    position BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX kb_categories_position ON kb_categories (position, id);
CREATE INDEX kb_categories_parent ON kb_categories (parent_id);

CREATE TABLE kb_articles (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    category_id UUID REFERENCES kb_categories (id),
    translation_of UUID REFERENCES kb_articles (id),
    language TEXT NOT NULL,
    body TEXT,
    body_text TEXT,
    status TEXT NOT NULL,
    audience TEXT NOT NULL,
    published_at TIMESTAMPTZ,
    helpful_yes BIGINT NOT NULL DEFAULT 0,
    helpful_no BIGINT NOT NULL DEFAULT 0,
    tags JSONB NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX kb_articles_created ON kb_articles (created_at, id);
-- A category's page lists its articles; the portal lists published public ones.
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, audience);
CREATE INDEX kb_articles_status ON kb_articles (status, audience, id);
CREATE INDEX kb_articles_tags ON kb_articles USING gin (tags jsonb_path_ops);
-- One variant per language of each original that is not in the trash.
CREATE UNIQUE INDEX kb_articles_variant ON kb_articles (translation_of, language)
    WHERE translation_of IS NOT NULL AND deleted_at IS NULL;

-- Articles are long texts: found through GIN alone, like interactions and tasks.
CREATE INDEX search_docs_tsv_kb_articles ON search_docs USING gin (tsv) WHERE entity = 'kb_articles';
