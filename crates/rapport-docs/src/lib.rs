//! Rapport's sales documents written out: a UBL 2.1 invoice for Peppol BIS Billing 3.0.
//! and a print-ready PDF of a quote, order or invoice.
//!
//! The crate does no I/O: it reads a [`Document`], checks that its numbers add up, and
//! answers text or bytes. Its font is compiled in.

mod check;
mod country;
mod decimal;
mod error;
mod iban;
mod model;
mod pdf;
mod ubl;

pub use country::is_country_code;
pub use decimal::amount;
pub use error::DocError;
pub use iban::electronic as electronic_iban;
pub use model::{
    Document, DocumentKind, DocumentLine, EndpointId, Party, TaxSubtotal, default_unit_code,
};
pub use pdf::{
    Columns, Formats, Labelled, Labels, LineView, PartyView, PrintView, TotalView, pdf,
    pdf_from_view, print_view,
};
pub use ubl::{CUSTOMIZATION_ID, PROFILE_ID, invoice_ubl};
