-- Tasks with their reminders and recurrence, and each user's calendar feed token.

CREATE TABLE tasks (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    notes TEXT,
    due_at TIMESTAMPTZ,
    all_day BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone TEXT,
    reminder_minutes BIGINT,
    recurrence JSONB,
    status TEXT NOT NULL,
    completed_at TIMESTAMPTZ,
    priority TEXT NOT NULL,
    owner_id UUID REFERENCES users (id),
    contact_id UUID REFERENCES contacts (id),
    company_id UUID REFERENCES companies (id),
    deal_id UUID REFERENCES deals (id),
    previous_id UUID,
    next_id UUID,
    tags JSONB NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    created_by UUID
);
CREATE INDEX tasks_due ON tasks (due_at, id);
CREATE INDEX tasks_created ON tasks (created_at, id);
-- The calendar reads one person's tasks in a range of due times.
CREATE INDEX tasks_owner_due ON tasks (owner_id, due_at);
CREATE INDEX tasks_contact ON tasks (contact_id);
CREATE INDEX tasks_company ON tasks (company_id);
CREATE INDEX tasks_deal ON tasks (deal_id);
CREATE INDEX tasks_tags ON tasks USING gin (tags jsonb_path_ops);

CREATE INDEX search_docs_tsv_tasks ON search_docs USING gin (tsv) WHERE entity = 'tasks';

-- A calendar app polls the feed without cookies; only the token's SHA-256 is kept.
CREATE TABLE calendar_feeds (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_hash ON calendar_feeds (token_hash);

-- A job with a key replaces the queued job of its kind and key: a task has one reminder.
ALTER TABLE jobs ADD COLUMN job_key TEXT;
CREATE INDEX jobs_key ON jobs (kind, job_key);
