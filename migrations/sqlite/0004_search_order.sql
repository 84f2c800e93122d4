-- Search results list newest match first by the search document's integer key. SQLite's
-- documents already have one (their rowid), so nothing changes here.
SELECT 1;
