//! The country codes an address may carry.

/// ISO 3166-1 alpha-2, plus the two codes the Peppol code list adds: `1A` (Kosovo) and
/// `XI` (Northern Ireland, for goods under the Windsor Framework).
const CODES: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET \
FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ \
OM \
PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA \
RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ \
VA VC VE VG VI VN VU \
WF WS \
YE YT \
ZA ZM ZW \
1A XI";

/// Whether `code` is a country code an invoice may name.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && CODES.split(' ').any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_every_assigned_code_once() {
        let codes: Vec<&str> = CODES.split(' ').collect();
        let unique: std::collections::BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(codes.len(), unique.len());
        // 249 assigned ISO 3166-1 codes and the two Peppol adds.
        assert_eq!(codes.len(), 251);
    }

    #[test]
    fn known_codes_pass_and_others_do_not() {
        for code in ["NO", "PL", "DE", "ES", "JP", "XI"] {
            assert!(is_country_code(code), "{code}");
        }
        for code in ["no", "XX", "UK", "EL", "N", "NOR", ""] {
            assert!(!is_country_code(code), "{code}");
        }
    }
}
