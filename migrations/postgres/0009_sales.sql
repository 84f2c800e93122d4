-- Sales: leads, pipelines with their stages, deals, products and price lists.

CREATE TABLE leads (
    id UUID PRIMARY KEY,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    phone TEXT,
    company_name TEXT,
    title TEXT,
    website TEXT,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    score BIGINT,
    message TEXT,
    owner_id UUID REFERENCES users (id),
    converted_at TIMESTAMPTZ,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID,
    tags JSONB NOT NULL DEFAULT '[]',
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX leads_created ON leads (created_at, id);
CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_phone ON leads (phone);
CREATE INDEX leads_owner ON leads (owner_id);
CREATE INDEX leads_tags ON leads USING gin (tags jsonb_path_ops);

CREATE TABLE pipelines (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    stages JSONB NOT NULL DEFAULT '[]',
    position BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);

CREATE TABLE deals (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    pipeline_id UUID NOT NULL REFERENCES pipelines (id),
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    amount BIGINT,
    currency TEXT,
    expected_close TEXT,
    probability BIGINT,
    lost_reason TEXT,
    closed_at TIMESTAMPTZ,
    stage_entered_at TIMESTAMPTZ,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    contact_ids JSONB NOT NULL DEFAULT '[]',
    lead_id UUID REFERENCES leads (id),
    owner_id UUID REFERENCES users (id),
    description TEXT,
    tags JSONB NOT NULL DEFAULT '[]',
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX deals_created ON deals (created_at, id);
-- The board reads one pipeline's open deals stage by stage.
CREATE INDEX deals_board ON deals (pipeline_id, status, stage, id);
CREATE INDEX deals_close ON deals (expected_close, id);
CREATE INDEX deals_contact ON deals (contact_id);
CREATE INDEX deals_company ON deals (company_id);
CREATE INDEX deals_owner ON deals (owner_id);
CREATE INDEX deals_tags ON deals USING gin (tags jsonb_path_ops);

CREATE TABLE products (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT,
    description TEXT,
    unit_price BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL,
    tax_rate TEXT NOT NULL,
    unit TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_code ON products (code);

CREATE TABLE price_lists (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    prices JSONB NOT NULL DEFAULT '[]',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);

CREATE INDEX search_docs_tsv_leads ON search_docs USING gin (tsv) WHERE entity = 'leads';
CREATE INDEX search_docs_tsv_deals ON search_docs USING gin (tsv) WHERE entity = 'deals';
CREATE INDEX search_docs_tsv_products ON search_docs USING gin (tsv) WHERE entity = 'products';
