-- Deals carry line items, and sales targets are set per month, owner (or the whole team)
-- and currency.

ALTER TABLE deals ADD COLUMN lines JSONB;

CREATE TABLE sales_targets (
    month TEXT NOT NULL,
    -- NULL is the whole team's target.
    owner_id UUID REFERENCES users (id),
    currency TEXT NOT NULL,
    amount BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID
);
-- One target per month, owner and currency; the team's is the one without an owner.
CREATE UNIQUE INDEX sales_targets_key ON sales_targets (month, currency, COALESCE(owner_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- The forecast sums open deals by expected close and won deals by close, reading only
-- these indexes.
CREATE INDEX deals_forecast_open ON deals (status, expected_close, currency, pipeline_id, owner_id, stage, probability, amount, deleted_at);
CREATE INDEX deals_forecast_won ON deals (status, closed_at, currency, pipeline_id, owner_id, amount, deleted_at);
