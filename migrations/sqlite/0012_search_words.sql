-- PostgreSQL gains an ordered index of whole words; SQLite's FTS5 tables already walk a
-- word's documents newest first.
SELECT 1;
