-- Searches ignore accents on PostgreSQL as they do on SQLite, whose FTS5 tokenizer removes
-- diacritics: letters are decomposed (NFD) and their combining marks dropped, in documents
-- and queries alike, so that "garcia" finds "García". Letters that do not decompose (ø, ł,
-- ß) stay as they are, on both backends.
CREATE FUNCTION rapport_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g') $$;

-- Dropping the column drops the partial indexes built on it; they are made again below.
ALTER TABLE search_docs DROP COLUMN tsv;
ALTER TABLE search_docs ADD COLUMN tsv TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', rapport_fold(body))) STORED;
CREATE INDEX search_docs_tsv_companies ON search_docs USING gin (tsv) WHERE entity = 'companies';
CREATE INDEX search_docs_tsv_contacts ON search_docs USING gin (tsv) WHERE entity = 'contacts';
CREATE INDEX search_docs_tsv_interactions ON search_docs USING gin (tsv) WHERE entity = 'interactions';
