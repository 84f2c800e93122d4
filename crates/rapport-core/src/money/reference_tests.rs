//! Property tests: the document arithmetic against an exact reference in unbounded
//! rationals, computed here without any of the module's own arithmetic.

use super::*;
use num_rational::BigRational;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn rational(numerator: i64, denominator: i64) -> BigRational {
    BigRational::new(numerator.into(), denominator.into())
}

/// The nearest whole number, halves away from zero, still as a rational.
fn round(x: &BigRational) -> BigRational {
    let half = rational(1, 2);
    if *x >= rational(0, 1) {
        (x + &half).floor()
    } else {
        -((-x) + &half).floor()
    }
}

/// The rational as an `i64`, when it is a whole number that fits.
fn as_i64(x: &BigRational) -> Option<i64> {
    if x.is_integer() {
        x.to_integer().to_string().parse().ok()
    } else {
        None
    }
}

/// What `totals` must answer, worked out with exact rationals.
fn reference(lines: &[LineInput]) -> Result<Totals, MoneyError> {
    let hundred = rational(100, 1);
    let mut amounts = Vec::new();
    let mut nets = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let quantity = rational(line.quantity.ten_thousandths(), 10_000);
        let discount = rational(line.discount_percent.hundredths(), 100) / &hundred;
        let exact_gross = quantity * rational(line.unit_price, 1);
        let exact_net = &exact_gross * (rational(1, 1) - discount);
        let gross = round(&exact_gross);
        let net = round(&exact_net);
        let discount_amount = &gross - &net;
        match (as_i64(&gross), as_i64(&discount_amount), as_i64(&net)) {
            (Some(gross), Some(discount), Some(n)) => {
                amounts.push(LineAmounts {
                    gross,
                    discount,
                    net: n,
                });
                nets.push(net);
            }
            _ => return Err(MoneyError::LineTooLarge { line: index }),
        }
    }
    let mut by_rate: BTreeMap<i64, BigRational> = BTreeMap::new();
    for (line, net) in lines.iter().zip(&nets) {
        let sum = by_rate
            .entry(line.tax_rate.hundredths())
            .or_insert_with(|| rational(0, 1));
        *sum += net;
    }
    let too_large = || MoneyError::TotalTooLarge;
    let mut taxes = Vec::new();
    let mut tax_total = rational(0, 1);
    for (hundredths, taxable) in &by_rate {
        let tax = round(&(taxable * rational(*hundredths, 100) / &hundred));
        tax_total += &tax;
        taxes.push(TaxGroup {
            rate: Percent::from_hundredths(*hundredths)?,
            taxable: as_i64(taxable).ok_or_else(too_large)?,
            tax: as_i64(&tax).ok_or_else(too_large)?,
        });
    }
    let subtotal = nets.iter().fold(rational(0, 1), |sum, net| sum + net);
    let total = &subtotal + &tax_total;
    Ok(Totals {
        lines: amounts,
        subtotal: as_i64(&subtotal).ok_or_else(too_large)?,
        tax_total: as_i64(&tax_total).ok_or_else(too_large)?,
        total: as_i64(&total).ok_or_else(too_large)?,
        taxes,
    })
}

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        3 => 1..=1_000_000i64,
        1 => 1..=10_000_000_000_000i64,
    ]
    .prop_map(|n| Quantity::from_ten_thousandths(n).unwrap())
}

fn unit_price() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -100_000..=1_000_000i64,
        1 => any::<i64>(),
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
    ]
}

fn discount() -> impl Strategy<Value = Percent> {
    prop_oneof![Just(0i64), 0..=10_000i64, Just(10_000i64)]
        .prop_map(|n| Percent::from_hundredths(n).unwrap())
}

/// Rates mostly from a few common ones, so lines share groups.
fn rate() -> impl Strategy<Value = Percent> {
    prop_oneof![
        3 => prop::sample::select(vec![0i64, 250, 700, 770, 1000, 1900, 2100, 2500]),
        1 => 0..=10_000i64,
    ]
    .prop_map(|n| Percent::from_hundredths(n).unwrap())
}

fn line() -> impl Strategy<Value = LineInput> {
    (quantity(), unit_price(), discount(), rate()).prop_map(
        |(quantity, unit_price, discount_percent, tax_rate)| LineInput {
            quantity,
            unit_price,
            discount_percent,
            tax_rate,
        },
    )
}

/// Lines whose amounts sit near the ends of `i64`, where the subtotal, a tax or the
/// total may just fit or just not.
fn edge_line() -> impl Strategy<Value = LineInput> {
    let near_max = prop_oneof![
        (i64::MAX - 1_000_000_000_000_000)..=i64::MAX,
        (i64::MAX / 2 - 1_000)..=(i64::MAX / 2 + 1_000),
        (i64::MAX / 4 * 3)..=(i64::MAX / 4 * 3 + 1_000),
    ];
    let price = (near_max, any::<bool>()).prop_map(|(n, negative)| if negative { -n } else { n });
    let quantity = prop::sample::select(vec![5_000i64, 9_999, 10_000, 10_001, 20_000]);
    (quantity, price, discount(), rate()).prop_map(|(q, unit_price, discount_percent, tax_rate)| {
        LineInput {
            quantity: Quantity::from_ten_thousandths(q).unwrap(),
            unit_price,
            discount_percent,
            tax_rate,
        }
    })
}

/// Lines with small prices, whose documents always fit, to test the sums.
fn small_line() -> impl Strategy<Value = LineInput> {
    (
        1..=1_000_000i64,
        -1_000_000..=1_000_000i64,
        discount(),
        rate(),
    )
        .prop_map(|(q, unit_price, discount_percent, tax_rate)| LineInput {
            quantity: Quantity::from_ten_thousandths(q).unwrap(),
            unit_price,
            discount_percent,
            tax_rate,
        })
}

/// The exact value a decimal text stands for, read digit by digit.
fn exact_decimal(text: &str) -> BigRational {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap()),
        None => (text, 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let magnitude: BigRational = format!("{whole}{fraction}").parse().unwrap();
    let places = i32::try_from(fraction.len()).unwrap() - exponent;
    let zeros = usize::try_from(places.unsigned_abs()).unwrap();
    let scale: BigRational = format!("1{}", "0".repeat(zeros)).parse().unwrap();
    let value = if places >= 0 {
        magnitude / scale
    } else {
        magnitude * scale
    };
    if negative { -value } else { value }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn totals_equal_the_exact_reference(lines in prop::collection::vec(line(), 0..8)) {
        prop_assert_eq!(totals(&lines), reference(&lines));
    }

    #[test]
    fn totals_near_the_ends_of_i64_equal_the_exact_reference(
        lines in prop::collection::vec(edge_line(), 1..4),
    ) {
        prop_assert_eq!(totals(&lines), reference(&lines));
    }

    #[test]
    fn documents_add_up(lines in prop::collection::vec(small_line(), 0..20)) {
        let t = totals(&lines).unwrap();
        prop_assert_eq!(t.lines.len(), lines.len());
        prop_assert_eq!(t.subtotal, t.lines.iter().map(|l| l.net).sum::<i64>());
        prop_assert_eq!(t.total, t.subtotal + t.tax_total);
        prop_assert_eq!(t.taxes.iter().map(|g| g.taxable).sum::<i64>(), t.subtotal);
        prop_assert_eq!(t.taxes.iter().map(|g| g.tax).sum::<i64>(), t.tax_total);
        for amounts in &t.lines {
            prop_assert_eq!(amounts.gross - amounts.discount, amounts.net);
        }
        let rates: Vec<Percent> = t.taxes.iter().map(|g| g.rate).collect();
        prop_assert!(rates.windows(2).all(|w| w[0] < w[1]), "one group per rate, rising");
        for line in &lines {
            prop_assert!(rates.contains(&line.tax_rate));
        }
    }

    #[test]
    fn credits_mirror_debits_and_order_does_not_matter(
        lines in prop::collection::vec(small_line(), 1..10),
        turn in 0..10usize,
    ) {
        let t = totals(&lines).unwrap();
        let credits: Vec<LineInput> = lines
            .iter()
            .map(|l| LineInput { unit_price: -l.unit_price, ..*l })
            .collect();
        let c = totals(&credits).unwrap();
        prop_assert_eq!((c.subtotal, c.tax_total, c.total), (-t.subtotal, -t.tax_total, -t.total));
        for (debit, credit) in t.lines.iter().zip(&c.lines) {
            prop_assert_eq!((credit.gross, credit.discount, credit.net), (-debit.gross, -debit.discount, -debit.net));
        }
        let mut turned = lines.clone();
        turned.rotate_left(turn % lines.len());
        let r = totals(&turned).unwrap();
        prop_assert_eq!((r.subtotal, r.tax_total, r.total), (t.subtotal, t.tax_total, t.total));
        prop_assert_eq!(r.taxes, t.taxes);
    }

    #[test]
    fn a_quantity_reads_back_from_any_of_its_spellings(
        n in 1..=10_000_000_000_000i64,
        zeros in 0..4usize,
        shift in 0..3u32,
    ) {
        let whole = n / 10_000;
        let fraction = n % 10_000;
        let plain = format!("{whole}.{fraction:04}{}", "0".repeat(zeros));
        let scientific = format!("{}e-{}", i128::from(n) * 10i128.pow(shift), 4 + shift);
        let expected = Quantity::from_ten_thousandths(n).unwrap();
        prop_assert_eq!(Quantity::parse(&Value::String(plain.clone())), Ok(expected));
        prop_assert_eq!(Quantity::parse(&Value::String(scientific)), Ok(expected));
        prop_assert_eq!(expected.to_string().parse::<Quantity>(), Ok(expected));
        prop_assert_eq!(exact_decimal(&expected.to_string()), rational(n, 10_000));
        prop_assert_eq!(serde_json::to_value(expected).unwrap(), Value::String(expected.to_string()));
    }

    #[test]
    fn json_numbers_are_read_as_the_decimal_they_print_as(x in any::<f64>()) {
        let Some(number) = serde_json::Number::from_f64(x) else { return Ok(()) };
        let exact = exact_decimal(&number.to_string());
        let scaled = &exact * rational(100, 1);
        let expected = if !scaled.is_integer() {
            Err(MoneyError::TooManyDecimals { max: 2 })
        } else if scaled < rational(0, 1) || scaled > rational(10_000, 1) {
            Err(MoneyError::OutOfRange { min: "0".into(), max: "100".into() })
        } else {
            Ok(Percent::from_hundredths(as_i64(&scaled).unwrap()).unwrap())
        };
        prop_assert_eq!(Percent::parse(&Value::Number(number)), expected);
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in "[-+0-9.eE ]{0,24}|\\PC{0,24}") {
        let value = Value::String(text.clone());
        if let Ok(q) = Quantity::parse(&value) {
            prop_assert_eq!(exact_decimal(&q.to_string()), exact_decimal(text.trim().trim_start_matches('+')));
        }
        if let Ok(p) = Percent::parse(&value) {
            prop_assert_eq!(p.to_string().parse::<Percent>(), Ok(p));
        }
    }
}
