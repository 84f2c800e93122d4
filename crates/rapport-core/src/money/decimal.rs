//! The decimal inputs of a document line, kept as scaled integers so no arithmetic on
//! them ever rounds: a quantity in ten-thousandths, a percentage in hundredths.
//!
//! Clients send them as JSON numbers (`1.5`) or as decimal strings (`"1.5"`). A string is
//! read digit by digit; a JSON number is read from the shortest decimal text that gives
//! back the same binary number, which is what the client wrote whenever that is
//! representable. Clients that need more than 15 significant digits send strings.

use super::MoneyError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// How many of a unit's decimals a quantity keeps.
pub const QUANTITY_DECIMALS: u32 = 4;
/// How many of a percentage's decimals a percent keeps.
pub const PERCENT_DECIMALS: u32 = 2;

const QUANTITY_SCALE: i64 = 10_000;
const PERCENT_SCALE: i64 = 100;
/// The largest quantity, a billion units, keeps every product of a line within i128.
const QUANTITY_MAX: i64 = 1_000_000_000 * QUANTITY_SCALE;
const PERCENT_MAX: i64 = 100 * PERCENT_SCALE;

/// How many units of an article a line sells: more than 0, at most a billion, with up to
/// four decimals (`1.5` hours, `0.25` kg).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quantity(i64);

impl Quantity {
    /// One unit.
    pub const ONE: Quantity = Quantity(QUANTITY_SCALE);

    /// Reads a quantity from a JSON number or decimal string.
    pub fn parse(value: &Value) -> Result<Quantity, MoneyError> {
        QUANTITY.read_json(value).map(Quantity)
    }

    /// A quantity of `n` ten-thousandths of a unit (`15_000` is 1.5).
    pub fn from_ten_thousandths(n: i64) -> Result<Quantity, MoneyError> {
        QUANTITY.check(n).map(Quantity)
    }

    /// The quantity in ten-thousandths of a unit.
    pub fn ten_thousandths(self) -> i64 {
        self.0
    }
}

/// A percentage from 0 to 100 with up to two decimals (`19`, `7.7`, `12.5`): a line's
/// discount or its tax rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(i64);

impl Percent {
    /// No discount, or a zero tax rate.
    pub const ZERO: Percent = Percent(0);

    /// Reads a percentage from a JSON number or decimal string.
    pub fn parse(value: &Value) -> Result<Percent, MoneyError> {
        PERCENT.read_json(value).map(Percent)
    }

    /// A percentage of `n` hundredths of a percent (`1950` is 19.5 %).
    pub fn from_hundredths(n: i64) -> Result<Percent, MoneyError> {
        PERCENT.check(n).map(Percent)
    }

    /// The percentage in hundredths of a percent.
    pub fn hundredths(self) -> i64 {
        self.0
    }
}

/// The values a kind of decimal may take, in its scaled units.
struct Bounds {
    decimals: u32,
    min: i64,
    max: i64,
}

const QUANTITY: Bounds = Bounds {
    decimals: QUANTITY_DECIMALS,
    min: 1,
    max: QUANTITY_MAX,
};

const PERCENT: Bounds = Bounds {
    decimals: PERCENT_DECIMALS,
    min: 0,
    max: PERCENT_MAX,
};

impl Bounds {
    fn read_json(&self, value: &Value) -> Result<i64, MoneyError> {
        self.accept(read_json(value, self.decimals))
    }

    fn read_text(&self, text: &str) -> Result<i64, MoneyError> {
        self.accept(read_text(text, self.decimals))
    }

    fn check(&self, scaled: i64) -> Result<i64, MoneyError> {
        self.accept(Ok(i128::from(scaled)))
    }

    fn accept(&self, read: Result<i128, Unreadable>) -> Result<i64, MoneyError> {
        match read {
            Ok(scaled) => match i64::try_from(scaled) {
                Ok(n) if (self.min..=self.max).contains(&n) => Ok(n),
                _ => Err(self.out_of_range()),
            },
            Err(Unreadable::NotANumber) => Err(MoneyError::NotANumber),
            Err(Unreadable::TooManyDecimals) => {
                Err(MoneyError::TooManyDecimals { max: self.decimals })
            }
            Err(Unreadable::TooLarge) => Err(self.out_of_range()),
        }
    }

    fn out_of_range(&self) -> MoneyError {
        MoneyError::OutOfRange {
            min: canonical(self.min, self.decimals),
            max: canonical(self.max, self.decimals),
        }
    }
}

/// Why a text is not a decimal of the wanted kind, before its range is known.
#[derive(Debug, PartialEq, Eq)]
enum Unreadable {
    NotANumber,
    TooManyDecimals,
    /// Too large for any bound.
    TooLarge,
}

/// Reads a JSON number or a decimal string as a whole number of `10^-decimals`.
fn read_json(value: &Value, decimals: u32) -> Result<i128, Unreadable> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                scale_whole(i128::from(i), decimals)
            } else if let Some(u) = n.as_u64() {
                scale_whole(i128::from(u), decimals)
            } else {
                read_text(&n.to_string(), decimals)
            }
        }
        Value::String(s) => read_text(s, decimals),
        _ => Err(Unreadable::NotANumber),
    }
}

fn scale_whole(n: i128, decimals: u32) -> Result<i128, Unreadable> {
    10i128
        .checked_pow(decimals)
        .and_then(|scale| n.checked_mul(scale))
        .ok_or(Unreadable::TooLarge)
}

/// Digits beyond this many cannot fit any bound, so longer inputs are out of range.
const MAX_DIGITS: i64 = 30;

/// Reads decimal text (`-12.50`, `1.5e2`, `+3`) as a whole number of `10^-decimals`.
///
/// Trailing zeros do not count as decimals, so `1.5000` is a quantity like `1.5`.
fn read_text(text: &str, decimals: u32) -> Result<i128, Unreadable> {
    let (negative, unsigned) = split_sign(text.trim());
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, read_exponent(exponent)?),
        None => (unsigned, Exponent::Small(0)),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return Err(Unreadable::NotANumber),
        None => (mantissa, ""),
    };
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(Unreadable::NotANumber);
    }

    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let significant = digits.trim_end_matches('0');
    if significant.is_empty() {
        return Ok(0);
    }
    let exponent = match exponent {
        Exponent::Small(e) => e,
        Exponent::Huge { negative: true } => return Err(Unreadable::TooManyDecimals),
        Exponent::Huge { negative: false } => return Err(Unreadable::TooLarge),
    };
    // The value is `significant × 10^-places`.
    let dropped_zeros = len(digits) - len(significant);
    let places = len(fraction) - exponent - dropped_zeros;
    if places > i64::from(decimals) {
        return Err(Unreadable::TooManyDecimals);
    }
    let shift = i64::from(decimals) - places;
    if len(significant) + shift > MAX_DIGITS {
        return Err(Unreadable::TooLarge);
    }
    let magnitude: i128 = significant.parse().map_err(|_| Unreadable::TooLarge)?;
    let scaled = u32::try_from(shift)
        .ok()
        .and_then(|shift| 10i128.checked_pow(shift))
        .and_then(|scale| magnitude.checked_mul(scale))
        .ok_or(Unreadable::TooLarge)?;
    Ok(if negative { -scaled } else { scaled })
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    }
}

enum Exponent {
    Small(i64),
    /// An exponent with more digits than any sensible decimal needs.
    Huge {
        negative: bool,
    },
}

fn read_exponent(text: &str) -> Result<Exponent, Unreadable> {
    let (negative, digits) = split_sign(text);
    if digits.is_empty() || !all_digits(digits) {
        return Err(Unreadable::NotANumber);
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 6 {
        return Ok(Exponent::Huge { negative });
    }
    let e: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| Unreadable::NotANumber)?
    };
    Ok(Exponent::Small(if negative { -e } else { e }))
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// A text's length as a signed count; no text comes near `i64::MAX` bytes.
fn len(s: &str) -> i64 {
    i64::try_from(s.len()).unwrap_or(i64::MAX)
}

/// The shortest decimal text of `scaled × 10^-decimals`: `1.5`, `19`, `0.0001`.
fn canonical(scaled: i64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let whole = magnitude / scale;
    let fraction = magnitude % scale;
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let width = usize::try_from(decimals).unwrap_or(0);
    let digits = format!("{fraction:0width$}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&canonical(self.0, QUANTITY_DECIMALS))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&canonical(self.0, PERCENT_DECIMALS))
    }
}

impl FromStr for Quantity {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QUANTITY.read_text(s).map(Quantity)
    }
}

impl FromStr for Percent {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PERCENT.read_text(s).map(Percent)
    }
}

// Both travel as their canonical text, so no reader turns them into binary fractions.
impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Quantity::parse(&value).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Percent::parse(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quantity(value: Value) -> Result<i64, MoneyError> {
        Quantity::parse(&value).map(Quantity::ten_thousandths)
    }

    fn percent(value: Value) -> Result<i64, MoneyError> {
        Percent::parse(&value).map(Percent::hundredths)
    }

    fn range(min: &str, max: &str) -> MoneyError {
        MoneyError::OutOfRange {
            min: min.into(),
            max: max.into(),
        }
    }

    #[test]
    fn quantities_come_as_json_numbers_or_decimal_strings() {
        assert_eq!(quantity(json!(1.5)), Ok(15_000));
        assert_eq!(quantity(json!(3)), Ok(30_000));
        assert_eq!(quantity(json!("1.5")), Ok(15_000));
        assert_eq!(quantity(json!(" 0.0001 ")), Ok(1));
        assert_eq!(quantity(json!("+2.25")), Ok(22_500));
        assert_eq!(quantity(json!("1.50000")), Ok(15_000));
        assert_eq!(quantity(json!("007")), Ok(70_000));
        assert_eq!(quantity(json!("1.5e3")), Ok(15_000_000));
        assert_eq!(quantity(json!("25E-2")), Ok(2_500));
        assert_eq!(
            quantity(json!(0.1)),
            Ok(1_000),
            "the decimal the client wrote"
        );
        assert_eq!(quantity(json!(1_000_000_000)), Ok(QUANTITY_MAX));
    }

    #[test]
    fn quantities_outside_their_range_or_precision_are_refused() {
        let out = range("0.0001", "1000000000");
        assert_eq!(quantity(json!(0)), Err(out.clone()));
        assert_eq!(quantity(json!("-1")), Err(out.clone()));
        assert_eq!(quantity(json!(-0.5)), Err(out.clone()));
        assert_eq!(quantity(json!("1000000000.0001")), Err(out.clone()));
        assert_eq!(quantity(json!(1e300)), Err(out.clone()));
        assert_eq!(quantity(json!("1e400")), Err(out.clone()));
        assert_eq!(quantity(json!(u64::MAX)), Err(out.clone()));
        assert_eq!(quantity(json!(format!("1{}", "0".repeat(500)))), Err(out));
        let decimals = MoneyError::TooManyDecimals { max: 4 };
        assert_eq!(quantity(json!("1.00001")), Err(decimals.clone()));
        assert_eq!(quantity(json!(1e-5)), Err(decimals.clone()));
        assert_eq!(quantity(json!("1e-400")), Err(decimals.clone()));
        assert_eq!(quantity(json!("1e-9999999999")), Err(decimals));
    }

    #[test]
    fn what_is_not_a_decimal_is_not_a_number() {
        for value in [
            json!(null),
            json!(true),
            json!([1]),
            json!({"value": 1}),
            json!(""),
            json!(" "),
            json!("NaN"),
            json!("nan"),
            json!("Infinity"),
            json!("-inf"),
            json!("1,5"),
            json!("1.5.0"),
            json!("1."),
            json!(".5"),
            json!("-"),
            json!("--1"),
            json!("+-1"),
            json!("1e"),
            json!("1e+"),
            json!("e5"),
            json!("0x10"),
            json!("1 000"),
            json!("١٢"),
        ] {
            assert_eq!(
                quantity(value.clone()),
                Err(MoneyError::NotANumber),
                "{value}"
            );
        }
    }

    #[test]
    fn percentages_run_from_0_to_100_in_hundredths() {
        assert_eq!(percent(json!(0)), Ok(0));
        assert_eq!(percent(json!("-0")), Ok(0));
        assert_eq!(percent(json!(7.7)), Ok(770));
        assert_eq!(percent(json!("12.50")), Ok(1250));
        assert_eq!(percent(json!(100)), Ok(10_000));
        assert_eq!(percent(json!(0.01)), Ok(1));
        assert_eq!(percent(json!(100.01)), Err(range("0", "100")));
        assert_eq!(percent(json!(-5)), Err(range("0", "100")));
        assert_eq!(
            percent(json!(8.875)),
            Err(MoneyError::TooManyDecimals { max: 2 })
        );
        assert_eq!(Percent::from_hundredths(10_001), Err(range("0", "100")));
        assert_eq!(
            Quantity::from_ten_thousandths(0),
            Err(range("0.0001", "1000000000"))
        );
    }

    #[test]
    fn display_is_the_canonical_decimal_text() {
        let q = |n| Quantity::from_ten_thousandths(n).map(|q| q.to_string());
        assert_eq!(q(15_000).as_deref(), Ok("1.5"));
        assert_eq!(q(1).as_deref(), Ok("0.0001"));
        assert_eq!(q(10_000).as_deref(), Ok("1"));
        assert_eq!(q(12_345_678).as_deref(), Ok("1234.5678"));
        let p = |n| Percent::from_hundredths(n).map(|p| p.to_string());
        assert_eq!(p(1900).as_deref(), Ok("19"));
        assert_eq!(p(770).as_deref(), Ok("7.7"));
        assert_eq!(p(5).as_deref(), Ok("0.05"));
        assert_eq!(p(0).as_deref(), Ok("0"));
        assert_eq!(Quantity::ONE.to_string(), "1");
    }

    #[test]
    fn both_travel_as_strings_and_read_back() {
        let p: Percent = serde_json::from_value(json!(19.5)).unwrap();
        assert_eq!(serde_json::to_value(p).unwrap(), json!("19.5"));
        let q: Quantity = serde_json::from_value(json!("2.0")).unwrap();
        assert_eq!(serde_json::to_value(q).unwrap(), json!("2"));
        let bad: Result<Quantity, _> = serde_json::from_value(json!("0"));
        assert!(bad.is_err());
    }
}
