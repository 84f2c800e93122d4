-- The forecast and the board add up deals per month, owner, pipeline, stage, the deal's
-- own probability and currency. The database keeps those sums as deals change, so that
-- reading them costs the same at a million deals as at a hundred.
--
-- A live deal counts when it is open (in the month of its expected close, '' without
-- one) or won (in the month it closed, in UTC). Missing values are '' (and -1 for the
-- probability), so that every sum has exactly one row.
CREATE TABLE deal_sums (
    kind TEXT NOT NULL,
    month TEXT NOT NULL,
    pipeline_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    probability INTEGER NOT NULL,
    currency TEXT NOT NULL,
    n INTEGER NOT NULL,
    total INTEGER NOT NULL,
    PRIMARY KEY (kind, month, pipeline_id, owner_id, stage, probability, currency)
) WITHOUT ROWID;
-- The board reads one pipeline's open sums across every month.
CREATE INDEX deal_sums_pipeline ON deal_sums (pipeline_id, kind);

CREATE TRIGGER deal_sums_insert AFTER INSERT ON deals
WHEN NEW.deleted_at IS NULL
    AND (NEW.status = 'open' OR (NEW.status = 'won' AND NEW.closed_at IS NOT NULL))
BEGIN
    INSERT INTO deal_sums (kind, month, pipeline_id, owner_id, stage, probability, currency, n, total)
    VALUES (
        NEW.status,
        CASE NEW.status WHEN 'open' THEN COALESCE(substr(NEW.expected_close, 1, 7), '')
            ELSE substr(NEW.closed_at, 1, 7) END,
        NEW.pipeline_id,
        COALESCE(NEW.owner_id, ''),
        CASE NEW.status WHEN 'open' THEN NEW.stage ELSE '' END,
        CASE NEW.status WHEN 'open' THEN COALESCE(NEW.probability, -1) ELSE -1 END,
        COALESCE(NEW.currency, ''),
        1,
        COALESCE(NEW.amount, 0)
    )
    ON CONFLICT (kind, month, pipeline_id, owner_id, stage, probability, currency)
    DO UPDATE SET n = n + 1, total = total + excluded.total;
END;

-- An update takes the deal's old contribution away and adds its new one, but only when
-- something the sums depend on changed.
CREATE TRIGGER deal_sums_update_old AFTER UPDATE ON deals
WHEN OLD.deleted_at IS NULL
    AND (OLD.status = 'open' OR (OLD.status = 'won' AND OLD.closed_at IS NOT NULL))
    AND (OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
        OR OLD.amount IS NOT NEW.amount OR OLD.currency IS NOT NEW.currency
        OR OLD.expected_close IS NOT NEW.expected_close OR OLD.probability IS NOT NEW.probability
        OR OLD.closed_at IS NOT NEW.closed_at OR OLD.owner_id IS NOT NEW.owner_id
        OR OLD.pipeline_id IS NOT NEW.pipeline_id OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
    UPDATE deal_sums SET n = n - 1, total = total - COALESCE(OLD.amount, 0)
    WHERE kind = OLD.status
        AND month = CASE OLD.status WHEN 'open' THEN COALESCE(substr(OLD.expected_close, 1, 7), '')
            ELSE substr(OLD.closed_at, 1, 7) END
        AND pipeline_id = OLD.pipeline_id
        AND owner_id = COALESCE(OLD.owner_id, '')
        AND stage = CASE OLD.status WHEN 'open' THEN OLD.stage ELSE '' END
        AND probability = CASE OLD.status WHEN 'open' THEN COALESCE(OLD.probability, -1) ELSE -1 END
        AND currency = COALESCE(OLD.currency, '');
END;

CREATE TRIGGER deal_sums_update_new AFTER UPDATE ON deals
WHEN NEW.deleted_at IS NULL
    AND (NEW.status = 'open' OR (NEW.status = 'won' AND NEW.closed_at IS NOT NULL))
    AND (OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
        OR OLD.amount IS NOT NEW.amount OR OLD.currency IS NOT NEW.currency
        OR OLD.expected_close IS NOT NEW.expected_close OR OLD.probability IS NOT NEW.probability
        OR OLD.closed_at IS NOT NEW.closed_at OR OLD.owner_id IS NOT NEW.owner_id
        OR OLD.pipeline_id IS NOT NEW.pipeline_id OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
    INSERT INTO deal_sums (kind, month, pipeline_id, owner_id, stage, probability, currency, n, total)
    VALUES (
        NEW.status,
        CASE NEW.status WHEN 'open' THEN COALESCE(substr(NEW.expected_close, 1, 7), '')
            ELSE substr(NEW.closed_at, 1, 7) END,
        NEW.pipeline_id,
        COALESCE(NEW.owner_id, ''),
        CASE NEW.status WHEN 'open' THEN NEW.stage ELSE '' END,
        CASE NEW.status WHEN 'open' THEN COALESCE(NEW.probability, -1) ELSE -1 END,
        COALESCE(NEW.currency, ''),
        1,
        COALESCE(NEW.amount, 0)
    )
    ON CONFLICT (kind, month, pipeline_id, owner_id, stage, probability, currency)
    DO UPDATE SET n = n + 1, total = total + excluded.total;
END;

CREATE TRIGGER deal_sums_delete AFTER DELETE ON deals
WHEN OLD.deleted_at IS NULL
    AND (OLD.status = 'open' OR (OLD.status = 'won' AND OLD.closed_at IS NOT NULL))
BEGIN
    UPDATE deal_sums SET n = n - 1, total = total - COALESCE(OLD.amount, 0)
    WHERE kind = OLD.status
        AND month = CASE OLD.status WHEN 'open' THEN COALESCE(substr(OLD.expected_close, 1, 7), '')
            ELSE substr(OLD.closed_at, 1, 7) END
        AND pipeline_id = OLD.pipeline_id
        AND owner_id = COALESCE(OLD.owner_id, '')
        AND stage = CASE OLD.status WHEN 'open' THEN OLD.stage ELSE '' END
        AND probability = CASE OLD.status WHEN 'open' THEN COALESCE(OLD.probability, -1) ELSE -1 END
        AND currency = COALESCE(OLD.currency, '');
END;

-- The deals already there.
INSERT INTO deal_sums (kind, month, pipeline_id, owner_id, stage, probability, currency, n, total)
SELECT status,
    CASE status WHEN 'open' THEN COALESCE(substr(expected_close, 1, 7), '')
        ELSE substr(closed_at, 1, 7) END AS m,
    pipeline_id,
    COALESCE(owner_id, '') AS o,
    CASE status WHEN 'open' THEN stage ELSE '' END AS s,
    CASE status WHEN 'open' THEN COALESCE(probability, -1) ELSE -1 END AS p,
    COALESCE(currency, '') AS c,
    count(*),
    COALESCE(sum(amount), 0)
FROM deals
WHERE deleted_at IS NULL
    AND (status = 'open' OR (status = 'won' AND closed_at IS NOT NULL))
GROUP BY status, m, pipeline_id, o, s, p, c;
