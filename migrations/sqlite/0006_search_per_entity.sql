-- Each searchable entity keeps its documents in a full-text table of its own, so that a
-- search reads only that entity's matches instead of walking past every other entity's.
-- The rowids stay those of search_docs, which still maps a record to its document.
CREATE VIRTUAL TABLE search_companies USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_contacts USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_interactions USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_companies (rowid, body)
SELECT i.rowid, i.body FROM search_index i JOIN search_docs d ON d.rowid = i.rowid
WHERE d.entity = 'companies';
INSERT INTO search_contacts (rowid, body)
SELECT i.rowid, i.body FROM search_index i JOIN search_docs d ON d.rowid = i.rowid
WHERE d.entity = 'contacts';
INSERT INTO search_interactions (rowid, body)
SELECT i.rowid, i.body FROM search_index i JOIN search_docs d ON d.rowid = i.rowid
WHERE d.entity = 'interactions';

DROP TABLE search_index;
