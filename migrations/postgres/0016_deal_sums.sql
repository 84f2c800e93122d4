-- The forecast and the board add up deals per month, owner, pipeline, stage, the deal's
-- own probability and currency. The database keeps those sums as deals change, so that
-- reading them costs the same at a million deals as at a hundred.
--
-- A live deal counts when it is open (in the month of its expected close, '' without
-- one) or won (in the month it closed, in UTC). Missing values are '' (and -1 for the
-- probability), so that every sum has exactly one row. Ids are kept as text.
CREATE TABLE deal_sums (
    kind TEXT NOT NULL,
    month TEXT NOT NULL,
    pipeline_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    probability BIGINT NOT NULL,
    currency TEXT NOT NULL,
    n BIGINT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (kind, month, pipeline_id, owner_id, stage, probability, currency)
);
-- The board reads one pipeline's open sums across every month.
CREATE INDEX deal_sums_pipeline ON deal_sums (pipeline_id, kind);

-- The sum a deal counts in, or NULL when it counts in none.
CREATE FUNCTION rapport_deal_sum_key(d deals) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN d.deleted_at IS NOT NULL THEN NULL
        WHEN d.status = 'open' THEN ARRAY[
            'open', COALESCE(substr(d.expected_close, 1, 7), ''), d.pipeline_id::text,
            COALESCE(d.owner_id::text, ''), d.stage, COALESCE(d.probability, -1)::text,
            COALESCE(d.currency, '')]
        WHEN d.status = 'won' AND d.closed_at IS NOT NULL THEN ARRAY[
            'won', to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM'), d.pipeline_id::text,
            COALESCE(d.owner_id::text, ''), '', '-1', COALESCE(d.currency, '')]
        ELSE NULL
    END
$$;

CREATE FUNCTION rapport_deal_sum_add(k TEXT[], dn BIGINT, amount BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO deal_sums (kind, month, pipeline_id, owner_id, stage, probability, currency, n, total)
    VALUES (k[1], k[2], k[3], k[4], k[5], k[6]::bigint, k[7], dn, amount)
    ON CONFLICT (kind, month, pipeline_id, owner_id, stage, probability, currency)
    DO UPDATE SET n = deal_sums.n + EXCLUDED.n, total = deal_sums.total + EXCLUDED.total
$$;

-- Concurrent writers lock the rows of the sums they change. An update that moves a deal
-- from one sum to another changes the two in the order of their keys, so that two moves
-- in opposite directions queue instead of deadlocking.
CREATE FUNCTION rapport_deal_sums_follow() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_key TEXT[];
    new_key TEXT[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_key := rapport_deal_sum_key(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_key := rapport_deal_sum_key(NEW);
    END IF;
    IF old_key IS NOT DISTINCT FROM new_key
        AND (TG_OP <> 'UPDATE' OR OLD.amount IS NOT DISTINCT FROM NEW.amount) THEN
        RETURN NULL;
    END IF;
    IF old_key IS NOT NULL AND (new_key IS NULL OR old_key <= new_key) THEN
        PERFORM rapport_deal_sum_add(old_key, -1, -COALESCE(OLD.amount, 0));
        old_key := NULL;
    END IF;
    IF new_key IS NOT NULL THEN
        PERFORM rapport_deal_sum_add(new_key, 1, COALESCE(NEW.amount, 0));
    END IF;
    IF old_key IS NOT NULL THEN
        PERFORM rapport_deal_sum_add(old_key, -1, -COALESCE(OLD.amount, 0));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER deal_sums_follow AFTER INSERT OR DELETE ON deals
FOR EACH ROW EXECUTE FUNCTION rapport_deal_sums_follow();
CREATE TRIGGER deal_sums_follow_update AFTER UPDATE OF
    status, stage, amount, currency, expected_close, probability, closed_at, owner_id,
    pipeline_id, deleted_at
ON deals FOR EACH ROW EXECUTE FUNCTION rapport_deal_sums_follow();

-- The deals already there.
INSERT INTO deal_sums (kind, month, pipeline_id, owner_id, stage, probability, currency, n, total)
SELECT k[1], k[2], k[3], k[4], k[5], k[6]::bigint, k[7], count(*), COALESCE(sum(amount), 0)
FROM (SELECT rapport_deal_sum_key(deals) AS k, amount FROM deals) AS keyed
WHERE k IS NOT NULL
GROUP BY k;
