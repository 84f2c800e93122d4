-- Foundation schema: staff, API tokens, customer records, their history and the job queue.
-- Identifiers are UUIDv7 stored as text; times are UTC RFC 3339 text with six fractional
-- digits, so text order is time order; JSON is stored as text.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
    password_hash TEXT,
    locale TEXT,
    time_zone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    members TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX teams_name ON teams (name);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    scopes TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);

CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    domain TEXT,
    industry TEXT,
    size TEXT,
    phone TEXT,
    website TEXT,
    address TEXT,
    owner_id TEXT REFERENCES users (id),
    tags TEXT NOT NULL DEFAULT '[]',
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX companies_created ON companies (created_at, id);
CREATE INDEX companies_name ON companies (name, id);
CREATE INDEX companies_owner ON companies (owner_id);
CREATE INDEX companies_domain ON companies (domain);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    emails TEXT NOT NULL DEFAULT '[]',
    phones TEXT NOT NULL DEFAULT '[]',
    title TEXT,
    company_id TEXT REFERENCES companies (id),
    owner_id TEXT REFERENCES users (id),
    lifecycle_stage TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX contacts_created ON contacts (created_at, id);
CREATE INDEX contacts_last_name ON contacts (last_name, id);
CREATE INDEX contacts_first_name ON contacts (first_name, id);
CREATE INDEX contacts_email ON contacts (email);
CREATE INDEX contacts_phone ON contacts (phone);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_owner ON contacts (owner_id);

CREATE TABLE interactions (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    subject TEXT,
    body TEXT,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    duration_seconds INTEGER,
    participants TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL,
    owner_id TEXT REFERENCES users (id),
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX interactions_contact ON interactions (contact_id, occurred_at, id);
CREATE INDEX interactions_company ON interactions (company_id, occurred_at, id);
CREATE INDEX interactions_occurred ON interactions (occurred_at, id);
CREATE INDEX interactions_created ON interactions (created_at, id);
CREATE INDEX interactions_owner ON interactions (owner_id);

CREATE TABLE tags (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    color TEXT,
    description TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX tags_name ON tags (name);

CREATE TABLE custom_fields (
    id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    field_type TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    required INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX custom_fields_key ON custom_fields (entity, key);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    owner_id TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX attachments_record ON attachments (record_type, record_id);

-- The history of every record: one row per create, update, delete, restore, merge or purge.
CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT,
    origin TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX events_record ON events (record_id, occurred_at, id);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at TEXT NOT NULL,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Full-text search: search_docs maps each record to the integer rowid of its FTS5 document,
-- so a record's document is replaced through an index instead of a scan.
CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE UNIQUE INDEX search_docs_record ON search_docs (record_id);

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
