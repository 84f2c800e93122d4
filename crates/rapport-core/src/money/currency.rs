//! ISO 4217 currencies, each with the number of digits of its minor unit.

use super::MoneyError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A currency a document can be priced in: an active ISO 4217 alphabetic code and the
/// number of digits of its minor unit (JPY 0, EUR 2, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    minor_digits: u8,
}

impl Currency {
    /// Finds an active code, in any case and with surrounding spaces trimmed.
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        ACTIVE
            .binary_search_by(|(known, _)| known.cmp(&code.as_str()))
            .ok()
            .and_then(|at| ACTIVE.get(at))
            .map(|&(code, minor_digits)| Currency { code, minor_digits })
            .ok_or(MoneyError::UnknownCurrency)
    }

    /// The three upper-case letters, such as `EUR`.
    pub fn code(&self) -> &str {
        self.code
    }

    /// How many decimal digits one major unit has in minor units: 2 for EUR (cents).
    pub fn minor_digits(&self) -> u8 {
        self.minor_digits
    }

    /// Every active currency, in code order.
    pub fn all() -> impl Iterator<Item = Currency> {
        ACTIVE
            .iter()
            .map(|&(code, minor_digits)| Currency { code, minor_digits })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// ISO 4217 List One: every code in use as money, with the digits of its minor unit, in
/// code order so lookups can search it.
///
/// Left out on purpose: the entries whose minor unit the standard gives as "N.A." and
/// the units of account of international bodies (gold XAU, silver XAG, palladium XPD,
/// platinum XPT, the bond-market units XBA to XBD, XDR, XSU, XUA, XAD, the test code XTS
/// and "no currency" XXX), since no document is priced in them; and codes replaced in
/// recent years whose old notes are no longer legal tender (ANG by XCG, BGN and HRK by
/// EUR, SLL by SLE, ZWL by ZWG).
const ACTIVE: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order_with_no_code_twice() {
        for pair in ACTIVE.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (code, digits) in ACTIVE {
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(
                matches!(digits, 0 | 2 | 3 | 4),
                "{code} has {digits} digits"
            );
        }
        assert_eq!(Currency::all().count(), 165);
    }

    #[test]
    fn codes_are_found_in_any_case_with_their_minor_unit() {
        let digits = |code: &str| Currency::parse(code).map(|c| c.minor_digits());
        assert_eq!(digits("EUR"), Ok(2));
        assert_eq!(digits("jpy"), Ok(0));
        assert_eq!(digits(" Kwd "), Ok(3));
        assert_eq!(digits("CLF"), Ok(4));
        assert_eq!(digits("isk"), Ok(0));
        assert_eq!(digits("XCG"), Ok(2));
        let eur = Currency::parse("eur");
        assert_eq!(eur.as_ref().map(Currency::code), Ok("EUR"));
        assert_eq!(eur.map(|c| c.to_string()).as_deref(), Ok("EUR"));
    }

    #[test]
    fn unknown_withdrawn_and_non_money_codes_are_refused() {
        for code in [
            "", "EU", "EURO", "ABC", "HRK", "BGN", "ANG", "ZWL", "SLL", "XAU", "XXX", "XTS", "XDR",
            "€", "ÉUR",
        ] {
            assert_eq!(
                Currency::parse(code),
                Err(MoneyError::UnknownCurrency),
                "{code}"
            );
        }
    }

    #[test]
    fn currencies_travel_as_their_code() {
        let chf = Currency::parse("CHF");
        assert_eq!(
            chf.map(|c| serde_json::to_value(c).ok()),
            Ok(Some(serde_json::json!("CHF")))
        );
        let back: Result<Currency, _> = serde_json::from_value(serde_json::json!("nok"));
        assert_eq!(
            back.ok().map(|c| c.code().to_string()).as_deref(),
            Some("NOK")
        );
        let bad: Result<Currency, _> = serde_json::from_value(serde_json::json!("ZZZ"));
        assert!(bad.is_err());
    }
}
