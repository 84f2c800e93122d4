//! Exact arithmetic for quotes, orders and invoices.
//!
//! Amounts are whole numbers of a currency's minor units (`i64`); quantities and
//! percentages are scaled integers. Nothing here uses floating point, and nothing
//! panics: an amount that does not fit is a [`MoneyError`], which names the same
//! [`Problem`] the API reports.

mod currency;
mod decimal;
mod document;
#[cfg(test)]
mod reference_tests;

pub use currency::Currency;
pub use decimal::{PERCENT_DECIMALS, Percent, QUANTITY_DECIMALS, Quantity};
pub use document::{LineAmounts, LineInput, TaxGroup, Totals, line_amounts, totals};

use crate::problem::Problem;
use std::fmt;

/// What is wrong with a money input, or with the amounts computed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// Not an active ISO 4217 currency code.
    UnknownCurrency,
    /// Neither a JSON number nor a decimal string.
    NotANumber,
    /// More decimals than the value keeps.
    TooManyDecimals { max: u32 },
    /// Outside the range the value may take, given in canonical decimal text.
    OutOfRange { min: String, max: String },
    /// An amount of the line at this index (counted from 0) does not fit `i64`.
    LineTooLarge { line: usize },
    /// The subtotal, a tax or the total does not fit `i64`.
    TotalTooLarge,
}

impl MoneyError {
    /// The validation problem this error is, as the API and the pages name it.
    ///
    /// A line's error is the problem of that item of the document's list of lines.
    pub fn problem(&self) -> Problem {
        match self {
            MoneyError::UnknownCurrency => Problem::BadCurrency,
            MoneyError::NotANumber => Problem::NotANumber,
            MoneyError::TooManyDecimals { max } => Problem::TooManyDecimals {
                max: usize::try_from(*max).unwrap_or(usize::MAX),
            },
            MoneyError::OutOfRange { min, max } => Problem::DecimalRange {
                min: min.clone(),
                max: max.clone(),
            },
            MoneyError::LineTooLarge { line } => Problem::item(*line, Problem::AmountTooLarge),
            MoneyError::TotalTooLarge => Problem::AmountTooLarge,
        }
    }
}

impl From<MoneyError> for Problem {
    fn from(error: MoneyError) -> Problem {
        error.problem()
    }
}

/// The English text of the problem, as the API says it.
impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem().fmt(f)
    }
}

impl std::error::Error for MoneyError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_their_problem_in_english() {
        assert_eq!(MoneyError::UnknownCurrency.problem().code(), "bad-currency");
        assert_eq!(
            MoneyError::TooManyDecimals { max: 4 }.to_string(),
            "must have at most 4 decimal places"
        );
        assert_eq!(
            MoneyError::OutOfRange {
                min: "0".into(),
                max: "100".into()
            }
            .to_string(),
            "must be a number from 0 to 100"
        );
        let line = Problem::from(MoneyError::LineTooLarge { line: 3 });
        assert_eq!(line, Problem::item(3, Problem::AmountTooLarge));
        assert_eq!(
            line.to_string(),
            "item 3: leads to an amount too large to hold"
        );
    }
}
