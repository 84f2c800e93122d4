//! The plain description of a sales document that the XML and PDF writers read.
//!
//! Amounts are integers of minor units in the document's currency; quantities and tax
//! rates are decimal text, so no value passes through floating point.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Which sales document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Quote,
    Order,
    Invoice,
}

/// An electronic address in the Peppol network: an EAS scheme code and an id in it,
/// such as scheme `0192` (Norwegian organisation number) and id `987654321`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointId {
    pub scheme: String,
    pub id: String,
}

/// The seller or the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub street: String,
    pub city: String,
    pub postcode: String,
    /// ISO 3166-1 alpha-2, such as `NO`.
    pub country_code: String,
    /// The VAT identifier with its country prefix, such as `NO987654321MVA`.
    #[serde(default)]
    pub vat_id: Option<String>,
    /// The legal registration number, such as an organisation number.
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub endpoint_id: Option<EndpointId>,
}

/// One line of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub description: String,
    /// Decimal text, such as `1.5`.
    pub quantity: String,
    /// UN/ECE recommendation 20 unit code; `C62` means "one" (a piece).
    #[serde(default = "default_unit_code")]
    pub unit_code: String,
    /// The price of one unit, in minor units.
    pub unit_price: i64,
    /// The amount taken off this line, in minor units.
    #[serde(default)]
    pub discount: i64,
    /// Quantity times unit price less the discount, in minor units.
    pub net: i64,
    /// Decimal text percent, such as `25`.
    pub tax_rate: String,
    /// UNCL 5305 tax category: `S` standard, `Z` zero rated, `E` exempt, ...
    pub tax_category: String,
}

/// The unit code a line has when none is given.
pub fn default_unit_code() -> String {
    "C62".to_owned()
}

/// The tax of one category and rate, summed over the lines that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxSubtotal {
    /// Decimal text percent, such as `25`.
    pub rate: String,
    pub category: String,
    /// The sum of the nets of the lines with this category and rate, in minor units.
    pub taxable: i64,
    /// The tax on `taxable`, in minor units.
    pub tax: i64,
    /// Why no tax is charged; required for the categories that charge none by law
    /// (`E`, `AE`, `K`, `G`, `O`).
    #[serde(default)]
    pub exemption_reason: Option<String>,
}

/// A quote, order or invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub number: String,
    pub issue_date: Date,
    #[serde(default)]
    pub due_date: Option<Date>,
    /// ISO 4217, such as `EUR`.
    pub currency: String,
    /// How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY.
    pub minor_digits: u8,
    pub seller: Party,
    pub buyer: Party,
    /// The reference the buyer asked to be quoted, such as a purchase order or a
    /// cost centre.
    #[serde(default)]
    pub buyer_reference: Option<String>,
    pub lines: Vec<DocumentLine>,
    pub taxes: Vec<TaxSubtotal>,
    /// The sum of the line nets.
    pub subtotal: i64,
    /// The sum of the taxes.
    pub tax_total: i64,
    /// Subtotal plus tax total.
    pub total: i64,
    /// What the buyer has already paid.
    #[serde(default)]
    pub paid: i64,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub payment_terms: Option<String>,
    #[serde(default)]
    pub iban: Option<String>,
}

impl Document {
    /// What is left to pay.
    pub fn amount_due(&self) -> i64 {
        self.total.saturating_sub(self.paid)
    }
}

/// Text that is present: neither missing nor blank.
pub(crate) fn present(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}
