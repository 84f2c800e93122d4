-- Writing documents out: what an invoice names of the buyer (its VAT identifier and
-- Peppol address, the buyer's reference) and the price list a document is priced from.

ALTER TABLE companies ADD COLUMN vat_id TEXT;
ALTER TABLE companies ADD COLUMN peppol_id TEXT;

ALTER TABLE quotes ADD COLUMN price_list_id TEXT REFERENCES price_lists (id);
ALTER TABLE orders ADD COLUMN price_list_id TEXT REFERENCES price_lists (id);
ALTER TABLE invoices ADD COLUMN price_list_id TEXT REFERENCES price_lists (id);
ALTER TABLE invoices ADD COLUMN buyer_reference TEXT;
