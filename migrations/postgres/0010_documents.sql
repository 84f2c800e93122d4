-- Sales documents: quotes, orders, invoices and the payments of invoices, with one
-- counter per document type and year for their numbers.

CREATE TABLE document_numbers (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    next BIGINT NOT NULL,
    PRIMARY KEY (kind, year)
);

CREATE TABLE quotes (
    id UUID PRIMARY KEY,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID REFERENCES deals (id),
    issue_date TEXT,
    valid_until TEXT,
    lines JSONB NOT NULL DEFAULT '[]',
    subtotal BIGINT NOT NULL DEFAULT 0,
    tax_total BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id UUID REFERENCES users (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
-- A number is given once; an invoice has none while it is a draft.
CREATE UNIQUE INDEX quotes_number ON quotes (number);
CREATE INDEX quotes_created ON quotes (created_at, id);
CREATE INDEX quotes_status ON quotes (status, id);
CREATE INDEX quotes_contact ON quotes (contact_id);
CREATE INDEX quotes_company ON quotes (company_id);
CREATE INDEX quotes_owner ON quotes (owner_id);

CREATE TABLE orders (
    id UUID PRIMARY KEY,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID REFERENCES deals (id),
    issue_date TEXT,
    lines JSONB NOT NULL DEFAULT '[]',
    subtotal BIGINT NOT NULL DEFAULT 0,
    tax_total BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id UUID REFERENCES users (id),
    quote_id UUID REFERENCES quotes (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
-- A number is given once; an invoice has none while it is a draft.
CREATE UNIQUE INDEX orders_number ON orders (number);
CREATE INDEX orders_created ON orders (created_at, id);
CREATE INDEX orders_status ON orders (status, id);
CREATE INDEX orders_contact ON orders (contact_id);
CREATE INDEX orders_company ON orders (company_id);
CREATE INDEX orders_owner ON orders (owner_id);

CREATE TABLE invoices (
    id UUID PRIMARY KEY,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID REFERENCES deals (id),
    issue_date TEXT,
    due_date TEXT,
    lines JSONB NOT NULL DEFAULT '[]',
    subtotal BIGINT NOT NULL DEFAULT 0,
    tax_total BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    paid BIGINT NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id UUID REFERENCES users (id),
    order_id UUID REFERENCES orders (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
-- A number is given once; an invoice has none while it is a draft.
CREATE UNIQUE INDEX invoices_number ON invoices (number);
CREATE INDEX invoices_created ON invoices (created_at, id);
CREATE INDEX invoices_status ON invoices (status, id);
CREATE INDEX invoices_contact ON invoices (contact_id);
CREATE INDEX invoices_company ON invoices (company_id);
CREATE INDEX invoices_owner ON invoices (owner_id);

CREATE INDEX orders_quote ON orders (quote_id);
CREATE INDEX invoices_order ON invoices (order_id);

CREATE TABLE payments (
    id UUID PRIMARY KEY,
    invoice_id UUID NOT NULL REFERENCES invoices (id),
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    paid_at TIMESTAMPTZ NOT NULL,
    method TEXT,
    reference TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX payments_invoice ON payments (invoice_id, paid_at);
