-- Sales documents: quotes, orders, invoices and the payments of invoices, with one
-- counter per document type and year for their numbers.

CREATE TABLE document_numbers (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT REFERENCES deals (id),
    issue_date TEXT,
    valid_until TEXT,
    lines TEXT NOT NULL DEFAULT '[]',
    subtotal INTEGER NOT NULL DEFAULT 0,
    tax_total INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id TEXT REFERENCES users (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
-- A number is given once; an invoice has none while it is a draft.
CREATE UNIQUE INDEX quotes_number ON quotes (number);
CREATE INDEX quotes_created ON quotes (created_at, id);
CREATE INDEX quotes_status ON quotes (status, id);
CREATE INDEX quotes_contact ON quotes (contact_id);
CREATE INDEX quotes_company ON quotes (company_id);
CREATE INDEX quotes_owner ON quotes (owner_id);

CREATE TABLE orders (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT REFERENCES deals (id),
    issue_date TEXT,
    lines TEXT NOT NULL DEFAULT '[]',
    subtotal INTEGER NOT NULL DEFAULT 0,
    tax_total INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id TEXT REFERENCES users (id),
    quote_id TEXT REFERENCES quotes (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
-- A number is given once; an invoice has none while it is a draft.
CREATE UNIQUE INDEX orders_number ON orders (number);
CREATE INDEX orders_created ON orders (created_at, id);
CREATE INDEX orders_status ON orders (status, id);
CREATE INDEX orders_contact ON orders (contact_id);
CREATE INDEX orders_company ON orders (company_id);
CREATE INDEX orders_owner ON orders (owner_id);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT REFERENCES deals (id),
    issue_date TEXT,
    due_date TEXT,
    lines TEXT NOT NULL DEFAULT '[]',
    subtotal INTEGER NOT NULL DEFAULT 0,
    tax_total INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    paid INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    owner_id TEXT REFERENCES users (id),
    order_id TEXT REFERENCES orders (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
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
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    paid_at TEXT NOT NULL,
    method TEXT,
    reference TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX payments_invoice ON payments (invoice_id, paid_at);
