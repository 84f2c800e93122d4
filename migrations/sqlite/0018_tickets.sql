-- Tickets in queues, with their public replies and internal notes.

CREATE TABLE queues (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    assignment TEXT NOT NULL DEFAULT 'manual',
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX queues_name ON queues (name);

CREATE TABLE tickets (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    priority TEXT NOT NULL DEFAULT 'normal',
    type TEXT,
    channel TEXT NOT NULL DEFAULT 'api',
    queue_id TEXT NOT NULL REFERENCES queues (id),
    assignee_id TEXT REFERENCES users (id),
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT REFERENCES deals (id),
    order_id TEXT REFERENCES orders (id),
    first_responded_at TEXT,
    solved_at TEXT,
    closed_at TEXT,
    last_message_at TEXT,
    sla_policy_id TEXT,
    first_response_due_at TEXT,
    resolution_due_at TEXT,
    sla_state TEXT,
    follow_up_of TEXT REFERENCES tickets (id),
    merged_into TEXT REFERENCES tickets (id),
    merged_from TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    custom TEXT NOT NULL DEFAULT '{}',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE UNIQUE INDEX tickets_number ON tickets (number);
CREATE INDEX tickets_created ON tickets (created_at, id);
-- The agents' views: their own tickets, and a queue's, by status and last change.
CREATE INDEX tickets_assignee ON tickets (assignee_id, status, updated_at);
CREATE INDEX tickets_queue ON tickets (queue_id, status, updated_at);
CREATE INDEX tickets_contact ON tickets (contact_id);
CREATE INDEX tickets_company ON tickets (company_id);

CREATE VIRTUAL TABLE search_tickets USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE ticket_messages (
    id TEXT PRIMARY KEY NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    visibility TEXT NOT NULL,
    body TEXT NOT NULL,
    body_text TEXT,
    user_id TEXT REFERENCES users (id),
    contact_id TEXT REFERENCES contacts (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
-- A conversation is read oldest first.
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at, id);

CREATE VIRTUAL TABLE search_ticket_messages USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
