//! Files attached to records.
