-- Notifications: one row per recipient, written in the same transaction as the change
-- that causes it. The names are kept as they were when it happened.
CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id UUID REFERENCES users (id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id UUID NOT NULL,
    record_name TEXT NOT NULL,
    detail TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- The organisation's logo: at most one row. Pages read only its hash, to link to the
-- current image.
CREATE TABLE organisation_logo (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL,
    sha256 TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
