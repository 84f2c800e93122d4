//! International bank account numbers (ISO 13616).

/// The IBAN in its electronic form (no spaces, capitals) if its check digits hold.
pub fn electronic(text: &str) -> Option<String> {
    let iban: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = iban.as_bytes();
    if !(15..=34).contains(&bytes.len())
        || !bytes[..2].iter().all(u8::is_ascii_uppercase)
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes.iter().all(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    // The check: move the first four characters to the end, read letters as 10..35,
    // and the number must leave 1 when divided by 97.
    let mut remainder: u32 = 0;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        let scale = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * scale + value) % 97;
    }
    (remainder == 1).then_some(iban)
}

/// The IBAN in groups of four, as it is printed.
pub(crate) fn printed(electronic: &str) -> String {
    let chars: Vec<char> = electronic.chars().collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ibans_pass_in_either_form() {
        assert_eq!(
            electronic("DE89 3704 0044 0532 0130 00").as_deref(),
            Some("DE89370400440532013000")
        );
        assert_eq!(
            electronic("no9386011117947").as_deref(),
            Some("NO9386011117947")
        );
        assert!(electronic("PL61109010140000071219812874").is_some());
    }

    #[test]
    fn a_changed_digit_or_a_wrong_shape_fails() {
        assert!(electronic("DE89370400440532013001").is_none());
        assert!(electronic("DE8937040044").is_none());
        assert!(electronic("1289370400440532013000").is_none());
        assert!(electronic("DE89-3704-0044-0532-0130-00").is_none());
    }

    #[test]
    fn printed_ibans_come_in_groups_of_four() {
        assert_eq!(
            printed("DE89370400440532013000"),
            "DE89 3704 0044 0532 0130 00"
        );
    }
}
