//! Rapport's sales documents written out: a UBL 2.1 invoice for Peppol BIS Billing 3.0.
//!
//! The crate does no I/O: it reads a [`Document`], checks that its numbers add up, and
//! answers text.

mod check;
mod country;
mod decimal;
mod error;
mod iban;
mod model;
mod ubl;

pub use decimal::amount;
pub use error::DocError;
pub use model::{
    Document, DocumentKind, DocumentLine, EndpointId, Party, TaxSubtotal, default_unit_code,
};
pub use ubl::{CUSTOMIZATION_ID, PROFILE_ID, invoice_ubl};
