-- Saved list views: a name for a list's search, filters and sort, kept for one user or shared.
CREATE TABLE saved_views (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX saved_views_entity ON saved_views (entity, user_id);
