-- An ordered index of whole words for the entities people look up by name. A GIN index
-- answers "which documents hold this word" only as a set, so a list of the newest
-- matches first fetches and sorts every match: thousands for a common surname. Here a
-- word's documents lie in position order, and a page of them is read straight off the
-- index. Interactions keep to GIN alone: their text would make this table enormous.

CREATE TABLE search_words (
    entity TEXT NOT NULL,
    word TEXT NOT NULL,
    seq BIGINT NOT NULL,
    record_id UUID NOT NULL,
    PRIMARY KEY (entity, word, seq) INCLUDE (record_id)
);

CREATE FUNCTION rapport_search_words() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND OLD.entity IN ('contacts', 'companies', 'leads', 'deals', 'products') THEN
        DELETE FROM search_words
        WHERE entity = OLD.entity AND seq = OLD.seq
          AND word = ANY (tsvector_to_array(OLD.tsv));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE')
       AND NEW.entity IN ('contacts', 'companies', 'leads', 'deals', 'products') THEN
        INSERT INTO search_words (entity, word, seq, record_id)
        SELECT NEW.entity, w, NEW.seq, NEW.record_id
        FROM unnest(tsvector_to_array(NEW.tsv)) AS w
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_words_follow AFTER INSERT OR UPDATE OR DELETE ON search_docs
    FOR EACH ROW EXECUTE FUNCTION rapport_search_words();

INSERT INTO search_words (entity, word, seq, record_id)
SELECT d.entity, w, d.seq, d.record_id
FROM search_docs d, unnest(tsvector_to_array(d.tsv)) AS w
WHERE d.entity IN ('contacts', 'companies', 'leads', 'deals', 'products')
ON CONFLICT DO NOTHING;
