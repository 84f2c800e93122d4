-- Foundation schema: staff, API tokens, customer records, their history and the job queue.
-- Kept in lockstep with migrations/sqlite/0001_foundation.sql.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
    password_hash TEXT,
    locale TEXT,
    time_zone TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE teams (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    members JSONB NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX teams_name ON teams (name);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    scopes JSONB NOT NULL DEFAULT '[]',
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);

CREATE TABLE companies (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    domain TEXT,
    industry TEXT,
    size TEXT,
    phone TEXT,
    website TEXT,
    address JSONB,
    owner_id UUID REFERENCES users (id),
    tags JSONB NOT NULL DEFAULT '[]',
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX companies_created ON companies (created_at, id);
CREATE INDEX companies_name ON companies (name, id);
CREATE INDEX companies_owner ON companies (owner_id);
CREATE INDEX companies_domain ON companies (domain);
CREATE INDEX companies_name_trgm ON companies USING gin (name gin_trgm_ops);

CREATE TABLE contacts (
    id UUID PRIMARY KEY,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    emails JSONB NOT NULL DEFAULT '[]',
    phones JSONB NOT NULL DEFAULT '[]',
    title TEXT,
    company_id UUID REFERENCES companies (id),
    owner_id UUID REFERENCES users (id),
    lifecycle_stage TEXT,
    tags JSONB NOT NULL DEFAULT '[]',
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX contacts_created ON contacts (created_at, id);
CREATE INDEX contacts_last_name ON contacts (last_name, id);
CREATE INDEX contacts_first_name ON contacts (first_name, id);
CREATE INDEX contacts_email ON contacts (email);
CREATE INDEX contacts_phone ON contacts (phone);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_owner ON contacts (owner_id);
CREATE INDEX contacts_tags ON contacts USING gin (tags jsonb_path_ops);

CREATE TABLE interactions (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    subject TEXT,
    body TEXT,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    duration_seconds BIGINT,
    participants JSONB NOT NULL DEFAULT '[]',
    source TEXT NOT NULL,
    owner_id UUID REFERENCES users (id),
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX interactions_contact ON interactions (contact_id, occurred_at, id);
CREATE INDEX interactions_company ON interactions (company_id, occurred_at, id);
CREATE INDEX interactions_occurred ON interactions (occurred_at, id);
CREATE INDEX interactions_created ON interactions (created_at, id);
CREATE INDEX interactions_owner ON interactions (owner_id);

CREATE TABLE tags (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    color TEXT,
    description TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX tags_name ON tags (name);

CREATE TABLE custom_fields (
    id UUID PRIMARY KEY,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    field_type TEXT NOT NULL,
    options JSONB NOT NULL DEFAULT '[]',
    required BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX custom_fields_key ON custom_fields (entity, key);

CREATE TABLE attachments (
    id UUID PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id UUID NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    owner_id UUID,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX attachments_record ON attachments (record_type, record_id);

-- The history of every record: one row per create, update, delete, restore, merge or purge.
CREATE TABLE events (
    id UUID PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id UUID NOT NULL,
    action TEXT NOT NULL,
    actor_id UUID,
    origin TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    changes JSONB NOT NULL
);
CREATE INDEX events_record ON events (record_id, occurred_at, id);

CREATE TABLE jobs (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    payload JSONB NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    run_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Full-text search: one document per record, matched by prefix through tsvector and by
-- substring through trigrams.
CREATE TABLE search_docs (
    record_id UUID PRIMARY KEY,
    entity TEXT NOT NULL,
    body TEXT NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
