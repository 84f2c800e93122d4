-- Search results list newest match first by the search document's integer key.
ALTER TABLE search_docs ADD COLUMN seq BIGSERIAL;
CREATE INDEX search_docs_entity_seq ON search_docs (entity, seq);
