-- Tasks with their reminders and recurrence, and each user's calendar feed token.

CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    notes TEXT,
    due_at TEXT,
    all_day INTEGER NOT NULL DEFAULT 0,
    time_zone TEXT,
    reminder_minutes INTEGER,
    recurrence TEXT,
    status TEXT NOT NULL,
    completed_at TEXT,
    priority TEXT NOT NULL,
    owner_id TEXT REFERENCES users (id),
    contact_id TEXT REFERENCES contacts (id),
    company_id TEXT REFERENCES companies (id),
    deal_id TEXT REFERENCES deals (id),
    previous_id TEXT,
    next_id TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    created_by TEXT
);
CREATE INDEX tasks_due ON tasks (due_at, id);
CREATE INDEX tasks_created ON tasks (created_at, id);
-- The calendar reads one person's tasks in a range of due times.
CREATE INDEX tasks_owner_due ON tasks (owner_id, due_at);
CREATE INDEX tasks_contact ON tasks (contact_id);
CREATE INDEX tasks_company ON tasks (company_id);
CREATE INDEX tasks_deal ON tasks (deal_id);

CREATE VIRTUAL TABLE search_tasks USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A calendar app polls the feed without cookies; only the token's SHA-256 is kept.
CREATE TABLE calendar_feeds (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX calendar_feeds_hash ON calendar_feeds (token_hash);

-- A job with a key replaces the queued job of its kind and key: a task has one reminder.
ALTER TABLE jobs ADD COLUMN job_key TEXT;
CREATE INDEX jobs_key ON jobs (kind, job_key);
