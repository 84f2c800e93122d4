-- Searches ignore accents on both backends. SQLite's FTS5 tokenizer already removes
-- diacritics (remove_diacritics 2), so nothing changes here; PostgreSQL catches up.
SELECT 1;
