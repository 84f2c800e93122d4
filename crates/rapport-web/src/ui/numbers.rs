//! Numbers and money as each language writes them.
//!
//! Separators and grouping come from CLDR through ICU4X (`icu_decimal`), so Spanish and
//! Polish leave four-digit numbers ungrouped and Norwegian groups with a no-break space.
//! Where a currency goes and which symbol a language gives it is a small table of CLDR
//! facts for the five languages, since ICU4X's currency formatter is still experimental.
//! Money is stored as an integer of ISO 4217 minor units; the number of minor digits of a
//! currency comes from ISO 4217 too.

use icu_decimal::DecimalFormatter;
use icu_decimal::input::{Decimal, FloatPrecision};
use serde_json::Value;

thread_local! {
    /// The formatters of the languages Rapport speaks, made once per thread (their data
    /// is shared through `Rc`, so they cannot be shared between threads).
    static FORMATTERS: Vec<(&'static str, DecimalFormatter)> = super::i18n::LOCALES
        .iter()
        .filter_map(|code| {
            let locale: icu_locale_core::Locale = code.parse().ok()?;
            match DecimalFormatter::try_new((&locale).into(), Default::default()) {
                Ok(f) => Some((*code, f)),
                Err(e) => {
                    tracing::error!(locale = code, error = %e, "no number format");
                    None
                }
            }
        })
        .collect();
}

fn format_decimal(lang: &str, d: &Decimal) -> String {
    FORMATTERS.with(|all| {
        all.iter()
            .find(|(code, _)| *code == lang)
            .map_or_else(|| d.to_string(), |(_, f)| f.format_to_string(d))
    })
}

/// A number as `lang` writes it: `1,234.5` in English, `1.234,5` in German.
pub fn number(lang: &str, n: f64) -> String {
    match Decimal::try_from_f64(n, FloatPrecision::RoundTrip) {
        Ok(d) => format_decimal(lang, &d),
        Err(_) => n.to_string(),
    }
}

/// How many digits a currency's minor unit has (ISO 4217): 2 for most, 0 for the yen.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// An amount of minor units as a decimal with all of the currency's minor digits.
fn amount(amount_minor: i64, currency: &str) -> Decimal {
    let digits = minor_digits(currency) as i16;
    let mut d = Decimal::from(amount_minor);
    d.absolute.multiply_pow10(-digits);
    d.absolute.pad_end(-digits);
    d
}

/// The symbol CLDR gives a currency in a language, where it has one; else its code.
fn symbol<'a>(lang: &str, currency: &'a str) -> &'a str {
    let table: &[(&str, &str)] = match lang {
        "en" => &[
            ("EUR", "€"),
            ("USD", "$"),
            ("GBP", "£"),
            ("JPY", "¥"),
            ("CAD", "CA$"),
            ("AUD", "A$"),
            ("NZD", "NZ$"),
            ("CNY", "CN¥"),
            ("INR", "₹"),
            ("BRL", "R$"),
            ("MXN", "MX$"),
            ("KRW", "₩"),
            ("ILS", "₪"),
            ("HKD", "HK$"),
            ("TWD", "NT$"),
            ("VND", "₫"),
            ("PHP", "₱"),
        ],
        "de" => &[
            ("EUR", "€"),
            ("USD", "$"),
            ("GBP", "£"),
            ("JPY", "¥"),
            ("CAD", "CA$"),
            ("AUD", "AU$"),
            ("NZD", "NZ$"),
            ("CNY", "CN¥"),
            ("INR", "₹"),
            ("BRL", "R$"),
            ("MXN", "MX$"),
            ("KRW", "₩"),
            ("ILS", "₪"),
            ("HKD", "HK$"),
            ("TWD", "NT$"),
            ("VND", "₫"),
            ("THB", "฿"),
        ],
        "es" => &[("EUR", "€"), ("USD", "US$"), ("VND", "₫"), ("THB", "฿")],
        "pl" => &[("EUR", "€"), ("PLN", "zł"), ("BRL", "R$")],
        "nb" => &[("EUR", "€"), ("GBP", "£"), ("NOK", "kr")],
        _ => &[],
    };
    table
        .iter()
        .find(|(code, _)| *code == currency)
        .map_or(currency, |(_, s)| s)
}

/// Money as `lang` writes it: `€1,234.56` in English, `1.234,56 €` in German,
/// `1 234,56 kr` in Norwegian.
pub fn money(lang: &str, amount_minor: i64, currency: &str) -> String {
    let number = format_decimal(lang, &amount(amount_minor, currency));
    let symbol = symbol(lang, currency);
    if lang == "en" {
        // The symbol comes first, after any sign; a symbol ending in a letter (a code)
        // is kept apart from the digits by a no-break space, as CLDR's spacing rule says.
        let digits = number.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let (sign, rest) = number.split_at(digits);
        let gap = if symbol.ends_with(char::is_alphabetic) {
            "\u{a0}"
        } else {
            ""
        };
        format!("{sign}{symbol}{gap}{rest}")
    } else {
        format!("{number}\u{a0}{symbol}")
    }
}

/// Money as a form shows it for editing: the amount in the language's digits and the
/// currency's code, which [`parse_money`] reads back.
pub fn money_input(lang: &str, amount_minor: i64, currency: &str) -> String {
    format!(
        "{} {currency}",
        format_decimal(lang, &amount(amount_minor, currency))
    )
}

/// An amount as a row of a form shows it when the currency is fixed elsewhere: the
/// language's digits without the code.
pub fn amount_input(lang: &str, amount_minor: i64, currency: &str) -> String {
    format_decimal(lang, &amount(amount_minor, currency))
}

/// Reads an amount typed in a row whose currency is fixed elsewhere: the digits as
/// `lang` writes them, with that currency's code or none.
pub fn parse_amount(lang: &str, text: &str, currency: &str) -> Option<i64> {
    let text = text.trim();
    let typed = if text.ends_with(|c: char| c.is_ascii_alphabetic())
        || text.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        text.to_string()
    } else {
        format!("{text} {currency}")
    };
    match parse_money(lang, &typed) {
        Some((minor, code)) if code == currency => Some(minor),
        _ => None,
    }
}

/// Money as plain machine-readable text for exports: `1234.56`, with the currency apart.
pub fn money_plain(amount_minor: i64, currency: &str) -> String {
    amount(amount_minor, currency).to_string()
}

/// A custom number as a form shows it for editing: as it was typed, `38` or `38.5`, with
/// the dot that `<input type="number">` takes in every language. A whole number stored
/// as a float (`38.0`) shows as `38`, which reads back as the same number.
pub fn number_input(n: &serde_json::Number) -> String {
    if n.is_f64() {
        n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string())
    } else {
        n.to_string()
    }
}

/// Reads a custom number from a form: a whole number stays a whole number (`38`, not
/// `38.0`), anything else becomes a finite decimal. A comma is read as a decimal point.
pub fn parse_number_input(text: &str) -> Option<Value> {
    let text = text.trim().replace(',', ".");
    if let Ok(n) = text.parse::<i64>() {
        return Some(Value::from(n));
    }
    let f = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
    // A float that is a whole number within range is stored as one, so 38.0 and 38 are
    // stored alike.
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        return Some(Value::from(f as i64));
    }
    serde_json::Number::from_f64(f).map(Value::Number)
}

/// The separators a language's people type: the decimal separator, and the characters
/// they group thousands with.
fn separators(lang: &str) -> (char, &'static [char]) {
    match lang {
        "de" | "es" => (',', &['.']),
        // People type a plain space where CLDR writes a no-break one.
        "pl" | "nb" => (',', &[' ', '\u{a0}', '\u{202f}']),
        _ => ('.', &[',']),
    }
}

/// Reads money typed in a form: an amount written the way `lang` writes numbers and a
/// three-letter currency code before or after it (`1.234,56 EUR` in German). Anything
/// that could be read in two ways is refused rather than guessed: a separator in a place
/// the language would not put it, or more decimals than the currency has.
pub fn parse_money(lang: &str, text: &str) -> Option<(i64, String)> {
    let text = text.trim();
    let letters = |s: &str| s.chars().take_while(char::is_ascii_alphabetic).count();
    let lead = letters(text);
    let trail = text
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let (code, rest) = match (lead, trail) {
        (3, _) if lead < text.len() => (&text[..3], &text[3..]),
        (_, 3) if trail < text.len() => (&text[text.len() - 3..], &text[..text.len() - 3]),
        _ => return None,
    };
    let currency = code.to_ascii_uppercase();
    let digits = minor_digits(&currency) as usize;
    let rest = rest.trim_matches(|c: char| c.is_whitespace());
    let (negative, rest) = match rest.strip_prefix(['-', '\u{2212}']) {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (decimal, groups) = separators(lang);
    let (whole, fraction) = match rest.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let chunks: Vec<&str> = whole.split(|c| groups.contains(&c)).collect();
    let grouped = chunks.len() > 1;
    let mut integer = String::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let len_ok = match (grouped, i) {
            (false, _) => !chunk.is_empty(),
            (true, 0) => (1..=3).contains(&chunk.len()),
            (true, _) => chunk.len() == 3,
        };
        if !len_ok || !chunk.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        integer.push_str(chunk);
    }
    let fraction = fraction.unwrap_or("");
    if fraction.len() > digits || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if rest.ends_with(decimal) && digits > 0 && fraction.is_empty() {
        return None;
    }
    let minor = format!("{integer}{fraction:0<digits$}");
    let value: i64 = minor.parse().ok()?;
    Some((if negative { -value } else { value }, currency))
}

/// A custom field's value as `lang` writes it: numbers and money per the language, the
/// rest as plain text.
pub fn custom_text(lang: &str, value: &Value) -> String {
    match value {
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |f| number(lang, f)),
        Value::Object(m) => match (
            m.get("amount_minor").and_then(Value::as_i64),
            m.get("currency").and_then(Value::as_str),
        ) {
            (Some(a), Some(c)) => money(lang, a, c),
            _ => rapport_core::record::display_text(value),
        },
        Value::Bool(true) => "✓".into(),
        Value::Bool(false) => "—".into(),
        other => rapport_core::record::display_text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NBSP: char = '\u{a0}';

    #[test]
    fn numbers_follow_cldr_per_language() {
        let cases = [
            ("en", 1234.5, "1,234.5"),
            ("de", 1234.5, "1.234,5"),
            ("es", 1234.5, "1234,5"),
            ("es", 12345.5, "12.345,5"),
            ("pl", 1234.5, "1234,5"),
            ("pl", 12345.5, "12\u{a0}345,5"),
            ("nb", 1234.5, "1\u{a0}234,5"),
            ("en", -1234567.125, "-1,234,567.125"),
            ("de", -1234567.125, "-1.234.567,125"),
            ("nb", -1234567.125, "\u{2212}1\u{a0}234\u{a0}567,125"),
            ("en", 0.0, "0"),
            ("de", 42.0, "42"),
        ];
        for (lang, n, want) in cases {
            assert_eq!(number(lang, n), want, "{lang} {n}");
        }
    }

    #[test]
    fn money_puts_the_currency_where_each_language_does() {
        let cases = [
            ("en", 123456, "EUR", "€1,234.56".to_string()),
            ("en", -123456, "EUR", "-€1,234.56".to_string()),
            ("en", 123456, "NOK", format!("NOK{NBSP}1,234.56")),
            ("en", 123456, "CAD", "CA$1,234.56".to_string()),
            ("en", 1235, "JPY", "¥1,235".to_string()),
            ("de", 123456, "EUR", format!("1.234,56{NBSP}€")),
            ("de", -123456, "USD", format!("-1.234,56{NBSP}$")),
            ("de", 123456, "NOK", format!("1.234,56{NBSP}NOK")),
            ("es", 123456, "EUR", format!("1234,56{NBSP}€")),
            ("es", 123456, "USD", format!("1234,56{NBSP}US$")),
            ("es", 1234556, "EUR", format!("12.345,56{NBSP}€")),
            ("pl", 123456, "PLN", format!("1234,56{NBSP}zł")),
            ("pl", 1234556, "EUR", format!("12{NBSP}345,56{NBSP}€")),
            ("nb", 123456, "NOK", format!("1{NBSP}234,56{NBSP}kr")),
            (
                "nb",
                -123456,
                "EUR",
                format!("\u{2212}1{NBSP}234,56{NBSP}€"),
            ),
            ("nb", 123456, "USD", format!("1{NBSP}234,56{NBSP}USD")),
            ("en", 100, "EUR", "€1.00".to_string()),
            ("de", 5, "EUR", format!("0,05{NBSP}€")),
            ("en", 1234567, "KWD", "KWD\u{a0}1,234.567".to_string()),
        ];
        for (lang, minor, currency, want) in cases {
            assert_eq!(
                money(lang, minor, currency),
                want,
                "{lang} {minor} {currency}"
            );
        }
    }

    #[test]
    fn money_typed_in_a_form_is_read_per_language() {
        let ok = [
            ("en", "1,234.56 EUR", 123456, "EUR"),
            ("en", "EUR 1234.5", 123450, "EUR"),
            ("en", "1234 eur", 123400, "EUR"),
            ("en", "-12.30 USD", -1230, "USD"),
            ("de", "1.234,56 EUR", 123456, "EUR"),
            ("de", "1234,56 EUR", 123456, "EUR"),
            ("es", "12.345,5 EUR", 1234550, "EUR"),
            ("pl", "12 345,50 PLN", 1234550, "PLN"),
            ("nb", "1 234,56 NOK", 123456, "NOK"),
            ("nb", "1\u{a0}234,56 NOK", 123456, "NOK"),
            ("nb", "\u{2212}5 NOK", -500, "NOK"),
            ("en", "1,235 JPY", 1235, "JPY"),
        ];
        for (lang, text, minor, currency) in ok {
            assert_eq!(
                parse_money(lang, text),
                Some((minor, currency.to_string())),
                "{lang} {text:?}"
            );
        }
        let refused = [
            ("en", "1.234,56 EUR"), // a German amount in an English form
            ("en", "1,5 EUR"),      // a misplaced group separator
            ("de", "1234.56 EUR"),  // a dot is a group separator in German
            ("de", "1.5 EUR"),
            ("en", "1.234 EUR"), // too many decimals for the euro
            ("en", "12.5 JPY"),  // the yen has none
            ("en", "12.50"),
            ("en", "EUR"),
            ("en", "12 EURO"),
            ("en", "1,23,456 EUR"),
            ("nb", "1.234,56 NOK"),
            ("en", "abc EUR"),
            ("en", "99999999999999999999 EUR"),
            ("en", "12. EUR"),
            ("en", ""),
        ];
        for (lang, text) in refused {
            assert_eq!(parse_money(lang, text), None, "{lang} {text:?}");
        }
    }

    #[test]
    fn money_written_for_a_form_reads_back() {
        for lang in super::super::i18n::LOCALES {
            for (minor, currency) in [(123456, "EUR"), (-5, "NOK"), (1234567890, "PLN")] {
                let text = money_input(lang, minor, currency);
                assert_eq!(
                    parse_money(lang, &text),
                    Some((minor, currency.to_string())),
                    "{lang} {text:?}"
                );
            }
        }
    }

    #[test]
    fn exports_get_plain_numbers() {
        assert_eq!(money_plain(123456, "EUR"), "1234.56");
        assert_eq!(money_plain(-5, "EUR"), "-0.05");
        assert_eq!(money_plain(1235, "JPY"), "1235");
        assert_eq!(money_plain(1234567, "KWD"), "1234.567");
    }

    #[test]
    fn custom_numbers_show_for_editing_as_typed() {
        let shown = |v: Value| match v {
            Value::Number(n) => number_input(&n),
            _ => unreachable!(),
        };
        assert_eq!(shown(serde_json::json!(38)), "38");
        assert_eq!(shown(serde_json::json!(38.0)), "38");
        assert_eq!(shown(serde_json::json!(38.5)), "38.5");
        assert_eq!(shown(serde_json::json!(-0.25)), "-0.25");
        assert_eq!(shown(serde_json::json!(12345678901_i64)), "12345678901");
        assert_eq!(parse_number_input("38"), Some(serde_json::json!(38)));
        assert!(parse_number_input("38").unwrap().is_i64());
        assert_eq!(parse_number_input("38.0"), Some(serde_json::json!(38)));
        assert_eq!(parse_number_input(" 38,5 "), Some(serde_json::json!(38.5)));
        assert_eq!(parse_number_input("-3"), Some(serde_json::json!(-3)));
        assert_eq!(parse_number_input("1e3"), Some(serde_json::json!(1000)));
        assert_eq!(parse_number_input("abc"), None);
        assert_eq!(parse_number_input("inf"), None);
        assert_eq!(parse_number_input("NaN"), None);
        for text in ["38", "38.5", "-0.25", "0.1"] {
            let v = parse_number_input(text).unwrap();
            assert_eq!(shown(v), text, "{text} reads back as typed");
        }
    }

    #[test]
    fn custom_values_read_as_text() {
        let money = serde_json::json!({"amount_minor": 150000, "currency": "NOK"});
        assert_eq!(custom_text("nb", &money), "1\u{a0}500,00\u{a0}kr");
        assert_eq!(custom_text("de", &serde_json::json!(2.5)), "2,5");
        assert_eq!(custom_text("en", &serde_json::json!("gold")), "gold");
        assert_eq!(custom_text("en", &serde_json::json!(["a", "b"])), "a, b");
        assert_eq!(custom_text("en", &serde_json::json!(true)), "✓");
    }
}
