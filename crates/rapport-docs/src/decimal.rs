//! Exact decimal text: quantities and tax rates in, amounts out.

use std::cmp::Ordering;

/// The most digits after the point a quantity or rate may have.
const MAX_SCALE: u32 = 9;
/// The most digits a quantity or rate may have in all, so products stay within `i128`.
const MAX_DIGITS: usize = 18;

/// A decimal number held exactly as `digits × 10^-scale`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimal {
    digits: i128,
    scale: u32,
}

impl Decimal {
    /// Reads `-?[0-9]+(\.[0-9]+)?`, nothing more lenient, so the text means one thing.
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || (body.contains('.') && fraction.is_empty())
            || fraction.len() > MAX_SCALE as usize
            || whole.len() + fraction.len() > MAX_DIGITS
        {
            return None;
        }
        let mut digits: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            digits = digits * 10 + i128::from(b - b'0');
        }
        let scale = u32::try_from(fraction.len()).ok()?;
        Some(Decimal {
            digits: if negative { -digits } else { digits },
            scale,
        })
    }

    /// The number `digits × 10^-scale`.
    pub(crate) fn from_parts(digits: i128, scale: u32) -> Decimal {
        Decimal { digits, scale }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.digits == 0
    }

    pub(crate) fn is_negative(&self) -> bool {
        self.digits < 0
    }

    /// The number of tenths-to-the-`scale` it holds: `1.5` at scale 3 is 1500.
    pub(crate) fn scaled_to(&self, scale: u32) -> i128 {
        self.digits * 10i128.pow(scale.saturating_sub(self.scale))
    }

    /// The scale at which both numbers are exact.
    pub(crate) fn scale(&self) -> u32 {
        self.scale
    }

    /// The shortest text for the same value: `25.00` becomes `25`, `1.50` becomes `1.5`.
    pub(crate) fn normalized(&self) -> String {
        let mut digits = self.digits;
        let mut scale = self.scale;
        while scale > 0 && digits % 10 == 0 {
            digits /= 10;
            scale -= 1;
        }
        fixed_point(digits, scale)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.scaled_to(scale).cmp(&other.scaled_to(scale))
    }
}

/// An amount of minor units as text with exactly `minor_digits` decimals: 123456 at
/// 2 digits is `1234.56`, at 0 digits `123456`.
pub fn amount(minor: i64, minor_digits: u8) -> String {
    fixed_point(i128::from(minor), u32::from(minor_digits))
}

fn fixed_point(digits: i128, scale: u32) -> String {
    let sign = if digits < 0 { "-" } else { "" };
    let magnitude = digits.unsigned_abs().to_string();
    let scale = scale as usize;
    if scale == 0 {
        return format!("{sign}{magnitude}");
    }
    let padded = format!("{magnitude:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_have_exactly_the_minor_digits() {
        assert_eq!(amount(123456, 2), "1234.56");
        assert_eq!(amount(5, 2), "0.05");
        assert_eq!(amount(-5, 2), "-0.05");
        assert_eq!(amount(0, 2), "0.00");
        assert_eq!(amount(1500, 0), "1500");
        assert_eq!(amount(1, 3), "0.001");
        assert_eq!(amount(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn only_plain_decimal_text_is_read() {
        for bad in [
            "",
            "-",
            ".5",
            "5.",
            "1,5",
            "1e3",
            " 1",
            "+1",
            "1.2.3",
            "0.1234567891",
        ] {
            assert!(Decimal::parse(bad).is_none(), "{bad:?} was read");
        }
        assert_eq!(
            Decimal::parse("25.00").map(|d| d.normalized()),
            Some("25".into())
        );
        assert_eq!(
            Decimal::parse("-0.50").map(|d| d.normalized()),
            Some("-0.5".into())
        );
        assert_eq!(
            Decimal::parse("007").map(|d| d.normalized()),
            Some("7".into())
        );
    }

    #[test]
    fn equal_values_compare_equal_whatever_their_scale() {
        let a = Decimal::parse("12.5").unwrap();
        let b = Decimal::parse("12.500").unwrap();
        assert_eq!(a, b);
        assert!(Decimal::parse("12.49").unwrap() < a);
    }

    proptest! {
        #[test]
        fn amount_text_reads_back_as_the_same_minor_units(minor in -10i64.pow(17)..10i64.pow(17), digits in 0u8..=4) {
            let text = amount(minor, digits);
            let back = Decimal::parse(&text).unwrap();
            prop_assert_eq!(back.scale(), u32::from(digits));
            prop_assert_eq!(back.scaled_to(u32::from(digits)), i128::from(minor));
        }

        #[test]
        fn normalizing_keeps_the_value(digits in -10i64.pow(12)..10i64.pow(12), scale in 0u32..=6) {
            let text = fixed_point(i128::from(digits), scale);
            let d = Decimal::parse(&text).unwrap();
            let n = Decimal::parse(&d.normalized()).unwrap();
            prop_assert_eq!(n, d);
            prop_assert!(!d.normalized().ends_with('.'));
            prop_assert!(!d.normalized().contains('.') || !d.normalized().ends_with('0'));
        }
    }
}
