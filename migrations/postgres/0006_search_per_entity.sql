-- Each searchable entity has a full-text index of its own documents, so that a search
-- reads only that entity's matches instead of every entity's. Queries name the entity as
-- a literal so that the planner can use these partial indexes.
CREATE INDEX search_docs_tsv_companies ON search_docs USING gin (tsv) WHERE entity = 'companies';
CREATE INDEX search_docs_tsv_contacts ON search_docs USING gin (tsv) WHERE entity = 'contacts';
CREATE INDEX search_docs_tsv_interactions ON search_docs USING gin (tsv) WHERE entity = 'interactions';
DROP INDEX search_docs_tsv;
