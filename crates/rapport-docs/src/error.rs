//! Why a document was refused.
//!
//! Fields are named by their path in [`crate::Document`], lines by their index from 0
//! (`lines[2].net`), and amounts are given in minor units.

use crate::model::DocumentKind;
use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    #[error("{field} is required")]
    Missing { field: String },
    #[error("{field} is {value:?}, which is not {expected}")]
    Invalid {
        field: String,
        value: String,
        expected: &'static str,
    },
    #[error("only an invoice can be written as a UBL invoice; this is a {kind:?}")]
    NotAnInvoice { kind: DocumentKind },
    #[error("{currency} has {minor_digits} minor digits; Peppol amounts have at most 2 decimals")]
    TooManyMinorDigits { currency: String, minor_digits: u8 },
    #[error("{field} does not fit in the range of amounts")]
    Overflow { field: String },
    #[error(
        "lines[{line}]: quantity × unit price − discount is {expected} minor units, but net is {net}"
    )]
    LineNet {
        line: usize,
        expected: String,
        net: i64,
    },
    #[error("the line nets add up to {lines}, but subtotal is {subtotal}")]
    Subtotal { lines: i64, subtotal: i64 },
    #[error("tax category {category} cannot have the rate {rate} %")]
    TaxRate { category: String, rate: String },
    #[error(
        "lines[{line}] has tax category {category} at {rate} %, which no entry of taxes covers"
    )]
    UncoveredTax {
        line: usize,
        category: String,
        rate: String,
    },
    #[error("tax category {category} at {rate} % appears more than once in taxes")]
    DuplicateTax { category: String, rate: String },
    #[error(
        "the lines with tax category {category} at {rate} % add up to {lines}, but its taxable amount is {taxable}"
    )]
    Taxable {
        category: String,
        rate: String,
        lines: i64,
        taxable: i64,
    },
    #[error("tax category {category} at {rate} % of {taxable} cannot be {tax}")]
    TaxAmount {
        category: String,
        rate: String,
        taxable: i64,
        tax: i64,
    },
    #[error("the taxes add up to {taxes}, but tax_total is {tax_total}")]
    TaxTotal { taxes: i64, tax_total: i64 },
    #[error("subtotal plus tax_total is {expected}, but total is {total}")]
    Total { expected: i64, total: i64 },
    #[error("paid is {paid}, but it must lie between 0 and the total, {total}")]
    Paid { paid: i64, total: i64 },
    #[error("the due date {due} is before the issue date {issue}")]
    DueBeforeIssue { issue: Date, due: Date },
    #[error("an invoice with an amount due needs a due date or payment terms")]
    NoDueDateOrTerms,
    #[error("tax category {category} requires {rule}")]
    TaxCategoryRule {
        category: String,
        rule: &'static str,
    },
    #[error("tax category {category} cannot be written to a UBL invoice: {reason}")]
    UnsupportedTaxCategory {
        category: String,
        reason: &'static str,
    },
    #[error("the font has no letter for {character:?}")]
    MissingGlyph { character: char },
    #[error("the font could not be embedded: {0}")]
    Font(String),
    #[error("the XML could not be written: {0}")]
    Xml(String),
}
