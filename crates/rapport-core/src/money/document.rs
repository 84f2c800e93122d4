//! The amounts of a quote, order or invoice: each line's gross, discount and net, and the
//! document's subtotal, tax per rate and total, as EN 16931 (Peppol BIS Billing 3.0)
//! computes them.
//!
//! Every amount is a whole number of the currency's minor units. The arithmetic is done
//! exactly in `i128` and rounded once per amount, half away from zero; an amount that
//! does not fit `i64` is an error, never a wrapped or saturated number.

use super::MoneyError;
use super::decimal::{Percent, Quantity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One line as a client sends it.
///
/// `unit_price` is in minor units and may be negative: since a quantity is always
/// positive, a credit line (a returned article, a deposit paid earlier) is a line with a
/// negative price. Rounding half away from zero is symmetric, so a credit line's amounts
/// are exactly the negatives of the same line with a positive price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub quantity: Quantity,
    pub unit_price: i64,
    #[serde(default)]
    pub discount_percent: Percent,
    pub tax_rate: Percent,
}

/// A line's amounts, in minor units.
///
/// `gross` is quantity × unit price and `net` is gross less the discount percentage, each
/// rounded from the exact product. `discount` is `gross - net`, so the printed line
/// always adds up; it can differ by one minor unit from rounding the exact discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineAmounts {
    pub gross: i64,
    pub discount: i64,
    pub net: i64,
}

/// The tax at one rate: the sum of the nets of the lines at that rate, and the tax on
/// that sum. Invoices list one group per rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TaxGroup {
    pub rate: Percent,
    pub taxable: i64,
    pub tax: i64,
}

/// A document's amounts, in minor units. `lines` are in the input's order and `taxes`
/// in rising rate order, one group for each rate any line has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub lines: Vec<LineAmounts>,
    pub subtotal: i64,
    pub tax_total: i64,
    pub total: i64,
    pub taxes: Vec<TaxGroup>,
}

/// Computes every amount of a document from its lines.
///
/// Tax is computed per rate on the sum of the nets at that rate, not per line, as
/// EN 16931 requires (BR-CO-17): per-line rounding would let a long invoice drift by
/// several minor units from its own breakdown.
pub fn totals(lines: &[LineInput]) -> Result<Totals, MoneyError> {
    let amounts = lines
        .iter()
        .enumerate()
        .map(|(index, line)| line_amounts(line).ok_or(MoneyError::LineTooLarge { line: index }))
        .collect::<Result<Vec<_>, _>>()?;

    let mut taxable_by_rate: BTreeMap<Percent, i128> = BTreeMap::new();
    for (line, amounts) in lines.iter().zip(&amounts) {
        *taxable_by_rate.entry(line.tax_rate).or_default() += i128::from(amounts.net);
    }
    let taxes = taxable_by_rate
        .into_iter()
        .map(|(rate, taxable)| tax_group(rate, taxable))
        .collect::<Option<Vec<_>>>()
        .ok_or(MoneyError::TotalTooLarge)?;

    let subtotal: i128 = amounts.iter().map(|a| i128::from(a.net)).sum();
    let tax_total: i128 = taxes.iter().map(|t| i128::from(t.tax)).sum();
    let fit = |n: i128| i64::try_from(n).map_err(|_| MoneyError::TotalTooLarge);
    Ok(Totals {
        subtotal: fit(subtotal)?,
        tax_total: fit(tax_total)?,
        total: fit(subtotal + tax_total)?,
        lines: amounts,
        taxes,
    })
}

/// A line's amounts, or `None` when one of them does not fit `i64`.
pub fn line_amounts(line: &LineInput) -> Option<LineAmounts> {
    const QUANTITY_SCALE: i128 = 10_000;
    const HUNDRED_PERCENT: i128 = 10_000;
    // A quantity is at most 10^13 ten-thousandths and a price below 2^63, so the product
    // with the undiscounted share (at most 10^4) stays below 10^36, well inside i128.
    let quantity = i128::from(line.quantity.ten_thousandths());
    let undiscounted = HUNDRED_PERCENT - i128::from(line.discount_percent.hundredths());
    let gross_exact = quantity.checked_mul(i128::from(line.unit_price))?;
    let gross = round_half_away(gross_exact, QUANTITY_SCALE)?;
    let net = round_half_away(
        gross_exact.checked_mul(undiscounted)?,
        QUANTITY_SCALE * HUNDRED_PERCENT,
    )?;
    Some(LineAmounts {
        gross: i64::try_from(gross).ok()?,
        discount: i64::try_from(gross - net).ok()?,
        net: i64::try_from(net).ok()?,
    })
}

fn tax_group(rate: Percent, taxable: i128) -> Option<TaxGroup> {
    const HUNDRED_PERCENT: i128 = 10_000;
    let tax = round_half_away(
        taxable.checked_mul(i128::from(rate.hundredths()))?,
        HUNDRED_PERCENT,
    )?;
    Some(TaxGroup {
        rate,
        taxable: i64::try_from(taxable).ok()?,
        tax: i64::try_from(tax).ok()?,
    })
}

/// `numerator / denominator` rounded to the nearest whole number, halves away from zero;
/// `None` only for a denominator that is not positive.
fn round_half_away(numerator: i128, denominator: i128) -> Option<i128> {
    if denominator <= 0 {
        return None;
    }
    let quotient = numerator / denominator;
    let remainder = (numerator % denominator).unsigned_abs();
    let half_or_more = remainder >= denominator.unsigned_abs() - remainder;
    Some(if !half_or_more {
        quotient
    } else if numerator < 0 {
        quotient - 1
    } else {
        quotient + 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(text: &str) -> Quantity {
        text.parse().unwrap()
    }

    fn percent(text: &str) -> Percent {
        text.parse().unwrap()
    }

    fn line(q: &str, unit_price: i64, discount: &str, rate: &str) -> LineInput {
        LineInput {
            quantity: quantity(q),
            unit_price,
            discount_percent: percent(discount),
            tax_rate: percent(rate),
        }
    }

    #[test]
    fn a_discount_is_taken_from_the_gross_and_rounded_once() {
        // 3 × 19.99 = 59.97, less 10 % = 53.973 → 53.97; the discount is 6.00.
        let t = totals(&[line("3", 1999, "10", "25")]).unwrap();
        assert_eq!(
            t.lines,
            [LineAmounts {
                gross: 5997,
                discount: 600,
                net: 5397
            }]
        );
        // 25 % of 53.97 = 13.4925 → 13.49.
        assert_eq!(
            t.taxes,
            [TaxGroup {
                rate: percent("25"),
                taxable: 5397,
                tax: 1349
            }]
        );
        assert_eq!((t.subtotal, t.tax_total, t.total), (5397, 1349, 6746));
    }

    #[test]
    fn a_fractional_quantity_and_discount_round_the_exact_product() {
        // 2.5 h × 85.10 = 212.75; less 12.5 % = 186.15625 → 186.16.
        let amounts = line_amounts(&line("2.5", 8510, "12.5", "19")).unwrap();
        assert_eq!(
            amounts,
            LineAmounts {
                gross: 21275,
                discount: 2659,
                net: 18616
            }
        );
        // 0.05 less 10 % = 0.045 → 0.05: nothing is taken off, though 10 % of 0.05 alone
        // would round to 0.01. The line adds up as printed.
        let amounts = line_amounts(&line("1", 5, "10", "0")).unwrap();
        assert_eq!((amounts.gross, amounts.discount, amounts.net), (5, 0, 5));
    }

    #[test]
    fn tax_is_computed_per_rate_on_the_sum_of_the_nets() {
        let t = totals(&[
            line("1", 105, "0", "10"),
            line("1", 105, "0", "10"),
            line("1", 105, "0", "10"),
            line("2", 1250, "0", "7"),
            line("1", 999, "0", "0"),
            line("1", 4000, "0", "7"),
        ])
        .unwrap();
        // Three lines of 1.05 at 10 %: per line 0.105 would round to 0.11 each (0.33);
        // on their sum, 10 % of 3.15 = 0.315 → 0.32.
        assert_eq!(
            t.taxes,
            [
                TaxGroup {
                    rate: percent("0"),
                    taxable: 999,
                    tax: 0
                },
                TaxGroup {
                    rate: percent("7"),
                    taxable: 6500,
                    tax: 455
                },
                TaxGroup {
                    rate: percent("10"),
                    taxable: 315,
                    tax: 32
                },
            ]
        );
        assert_eq!(t.subtotal, 999 + 6500 + 315);
        assert_eq!(t.tax_total, 487);
        assert_eq!(t.total, t.subtotal + 487);
    }

    #[test]
    fn rates_with_decimals_are_grouped_apart() {
        let t = totals(&[line("1", 10000, "0", "7.7"), line("1", 10000, "0", "7.70")]).unwrap();
        assert_eq!(t.taxes.len(), 1, "7.7 and 7.70 are one rate");
        assert_eq!(t.taxes[0].tax, 1540);
        let t = totals(&[line("1", 10000, "0", "8.1"), line("1", 10000, "0", "2.6")]).unwrap();
        assert_eq!(
            t.taxes
                .iter()
                .map(|g| g.rate.to_string())
                .collect::<Vec<_>>(),
            ["2.6", "8.1"]
        );
        assert_eq!(t.tax_total, 260 + 810);
    }

    #[test]
    fn yen_have_no_minor_units_to_round_to() {
        // 1.5 × ¥1,333 = ¥1,999.5 → ¥2,000; less 5 % = ¥1,899.525 → ¥1,900.
        let t = totals(&[line("1.5", 1333, "5", "10")]).unwrap();
        assert_eq!(
            t.lines,
            [LineAmounts {
                gross: 2000,
                discount: 100,
                net: 1900
            }]
        );
        assert_eq!((t.subtotal, t.tax_total, t.total), (1900, 190, 2090));
    }

    #[test]
    fn halves_round_away_from_zero_on_both_sides() {
        // 0.5 × 0.01 is half a cent either way.
        let debit = line_amounts(&line("0.5", 1, "0", "0")).unwrap();
        let credit = line_amounts(&line("0.5", -1, "0", "0")).unwrap();
        assert_eq!((debit.gross, debit.net), (1, 1));
        assert_eq!((credit.gross, credit.net), (-1, -1));
        // Just under a half rounds toward zero.
        let under = line_amounts(&line("0.4999", 1, "0", "0")).unwrap();
        assert_eq!(under.net, 0);
        // A tax of exactly half a cent: 10 % of ±0.05.
        let up = totals(&[line("1", 5, "0", "10")]).unwrap();
        let down = totals(&[line("1", -5, "0", "10")]).unwrap();
        assert_eq!((up.tax_total, down.tax_total), (1, -1));
        assert_eq!((up.total, down.total), (6, -6));
    }

    #[test]
    fn a_credit_line_offsets_its_debit() {
        let t = totals(&[line("2", 4999, "15", "19"), line("2", -4999, "15", "19")]).unwrap();
        assert_eq!(t.lines[0].net, -t.lines[1].net);
        assert_eq!(t.lines[0].discount, -t.lines[1].discount);
        assert_eq!((t.subtotal, t.tax_total, t.total), (0, 0, 0));
        assert_eq!(t.taxes[0].taxable, 0);
    }

    #[test]
    fn an_empty_document_is_all_zero() {
        let t = totals(&[]).unwrap();
        assert_eq!((t.subtotal, t.tax_total, t.total), (0, 0, 0));
        assert!(t.lines.is_empty() && t.taxes.is_empty());
    }

    #[test]
    fn amounts_too_large_for_i64_are_errors() {
        assert_eq!(
            totals(&[line("1", 1, "0", "0"), line("2", i64::MAX, "0", "0")]),
            Err(MoneyError::LineTooLarge { line: 1 })
        );
        // A full discount leaves nothing to pay, yet the gross still has to be shown.
        assert_eq!(
            totals(&[line("1000000000", i64::MAX, "100", "0")]),
            Err(MoneyError::LineTooLarge { line: 0 })
        );
        // The smallest price fits, and so does its discount.
        let min = line_amounts(&line("1", i64::MIN, "50", "0")).unwrap();
        assert_eq!((min.gross, min.net), (i64::MIN, i64::MIN / 2));
        assert_eq!(min.discount, i64::MIN / 2);
        // Each line fits but their sum does not.
        let big = line("1", i64::MAX / 2 + 1, "0", "0");
        assert_eq!(totals(&[big, big]), Err(MoneyError::TotalTooLarge));
        // The subtotal fits but the tax on it makes the total too large.
        assert_eq!(
            totals(&[line("1", i64::MAX - 10, "0", "25")]),
            Err(MoneyError::TotalTooLarge)
        );
        // Each tax fits and so would the total, but the taxes' sum does not.
        let three_quarters = i64::MAX / 4 * 3;
        assert_eq!(
            totals(&[
                line("1", three_quarters, "0", "100"),
                line("1", three_quarters, "0", "99"),
                line("1", -i64::MAX, "0", "0"),
                line("1", -i64::MAX, "0", "0.01"),
            ]),
            Err(MoneyError::TotalTooLarge)
        );
    }

    #[test]
    fn lines_come_from_json_as_clients_send_them() {
        let body = serde_json::json!({"quantity": "1.5", "unit_price": 2000, "tax_rate": 25});
        let l: LineInput = serde_json::from_value(body).unwrap();
        assert_eq!(l.discount_percent, Percent::ZERO);
        assert_eq!(l.quantity.ten_thousandths(), 15_000);
        let t = totals(&[l]).unwrap();
        assert_eq!(
            serde_json::to_value(&t.taxes).unwrap(),
            serde_json::json!([{"rate": "25", "taxable": 3000, "tax": 750}])
        );
    }
}
