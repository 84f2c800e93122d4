-- Tickets in queues, with their public replies and internal notes.

CREATE TABLE queues (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    assignment TEXT NOT NULL DEFAULT 'manual',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX queues_name ON queues (name);

CREATE TABLE tickets (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL,
    subject TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    priority TEXT NOT NULL DEFAULT 'normal',
    type TEXT,
    channel TEXT NOT NULL DEFAULT 'api',
    queue_id UUID NOT NULL REFERENCES queues (id),
    assignee_id UUID REFERENCES users (id),
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID REFERENCES deals (id),
    order_id UUID REFERENCES orders (id),
    first_responded_at TIMESTAMPTZ,
    solved_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    last_message_at TIMESTAMPTZ,
    sla_policy_id UUID,
    first_response_due_at TIMESTAMPTZ,
    resolution_due_at TIMESTAMPTZ,
    sla_state TEXT,
    follow_up_of UUID REFERENCES tickets (id),
    merged_into UUID REFERENCES tickets (id),
    merged_from JSONB NOT NULL DEFAULT '[]',
    tags JSONB NOT NULL DEFAULT '[]',
    custom JSONB NOT NULL DEFAULT '{}',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE UNIQUE INDEX tickets_number ON tickets (number);
CREATE INDEX tickets_created ON tickets (created_at, id);
-- The agents' views: their own tickets, and a queue's, by status and last change.
CREATE INDEX tickets_assignee ON tickets (assignee_id, status, updated_at);
CREATE INDEX tickets_queue ON tickets (queue_id, status, updated_at);
CREATE INDEX tickets_contact ON tickets (contact_id);
CREATE INDEX tickets_company ON tickets (company_id);
CREATE INDEX tickets_tags ON tickets USING gin (tags jsonb_path_ops);

CREATE INDEX search_docs_tsv_tickets ON search_docs USING gin (tsv) WHERE entity = 'tickets';

CREATE TABLE ticket_messages (
    id UUID PRIMARY KEY,
    ticket_id UUID NOT NULL REFERENCES tickets (id),
    visibility TEXT NOT NULL,
    body TEXT NOT NULL,
    body_text TEXT,
    user_id UUID REFERENCES users (id),
    contact_id UUID REFERENCES contacts (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
-- A conversation is read oldest first.
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at, id);

CREATE INDEX search_docs_tsv_ticket_messages ON search_docs USING gin (tsv) WHERE entity = 'ticket_messages';
