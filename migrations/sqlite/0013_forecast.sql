-- Deals carry line items, and sales targets are set per month, owner (or the whole team)
-- and currency.

ALTER TABLE deals ADD COLUMN lines TEXT;

CREATE TABLE sales_targets (
    month TEXT NOT NULL,
    -- NULL is the whole team's target.
    owner_id TEXT REFERENCES users (id),
    currency TEXT NOT NULL,
    amount INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
-- One target per month, owner and currency; the team's is the one without an owner.
CREATE UNIQUE INDEX sales_targets_key ON sales_targets (month, currency, COALESCE(owner_id, ''));

-- The forecast sums open deals by expected close and won deals by close, reading only
-- these indexes.
CREATE INDEX deals_forecast_open ON deals (status, expected_close, currency, pipeline_id, owner_id, stage, probability, amount, deleted_at);
CREATE INDEX deals_forecast_won ON deals (status, closed_at, currency, pipeline_id, owner_id, amount, deleted_at);
