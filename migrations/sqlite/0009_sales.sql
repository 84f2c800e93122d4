-- Sales: leads, pipelines with their stages, deals, products and price lists.

CREATE TABLE leads (
    id TEXT PRIMARY KEY NOT NULL,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    company_name TEXT,
    title TEXT,
    website TEXT,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    score INTEGER,
    message TEXT,
    owner_id TEXT REFERENCES users (id),
    converted_at TEXT,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX leads_created ON leads (created_at, id);
CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_phone ON leads (phone);
CREATE INDEX leads_owner ON leads (owner_id);

CREATE TABLE pipelines (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    stages TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);

CREATE TABLE deals (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    pipeline_id TEXT NOT NULL REFERENCES pipelines (id),
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    expected_close TEXT,
    probability INTEGER,
    lost_reason TEXT,
    closed_at TEXT,
    stage_entered_at TEXT,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    contact_ids TEXT NOT NULL DEFAULT '[]',
    lead_id TEXT REFERENCES leads (id),
    owner_id TEXT REFERENCES users (id),
    description TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX deals_created ON deals (created_at, id);
-- The board reads one pipeline's open deals stage by stage.
CREATE INDEX deals_board ON deals (pipeline_id, status, stage, id);
CREATE INDEX deals_close ON deals (expected_close, id);
CREATE INDEX deals_contact ON deals (contact_id);
CREATE INDEX deals_company ON deals (company_id);
CREATE INDEX deals_owner ON deals (owner_id);

CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    description TEXT,
    unit_price INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    tax_rate TEXT NOT NULL,
    unit TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_code ON products (code);

CREATE TABLE price_lists (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    prices TEXT NOT NULL DEFAULT '[]',
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);

CREATE VIRTUAL TABLE search_leads USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_deals USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_products USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
