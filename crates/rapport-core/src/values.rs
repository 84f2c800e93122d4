//! Validated values: each constructor accepts what a person would type and returns the one
//! form Rapport stores, or the problem with it.

use crate::problem::Problem;

/// The longest email address SMTP allows.
pub const MAX_EMAIL_LEN: usize = 254;

/// Normalises an email address: trimmed, domain lower-cased, syntax checked.
pub fn email(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if s.chars().count() > MAX_EMAIL_LEN {
        return Err(Problem::TooLong { max: MAX_EMAIL_LEN });
    }
    let parsed = email_address::EmailAddress::parse_with_options(
        s,
        email_address::Options::default().without_display_text(),
    )
    .map_err(|_| Problem::BadEmail)?;
    let domain = parsed.domain().to_lowercase();
    if !domain.contains('.') || domain.starts_with('[') {
        return Err(Problem::BadEmail);
    }
    Ok(format!("{}@{}", parsed.local_part(), domain))
}

/// Normalises an email address that identifies a user: like [`email`], all lower-case.
pub fn login_email(input: &str) -> Result<String, Problem> {
    email(input).map(|e| e.to_lowercase())
}

/// Normalises a phone number to E.164 (`+4722334455`).
///
/// Numbers must carry their country code (`+47 22 33 44 55` or `0047 22 33 44 55`), since a
/// number without one cannot be matched to an incoming call.
pub fn phone(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Empty);
    }
    if s.len() > 40 {
        return Err(Problem::TooLong { max: 40 });
    }
    let s = match s.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => s.to_string(),
    };
    if !s.starts_with('+') {
        return Err(Problem::PhoneCountry);
    }
    let number = phonenumber::parse(None, &s).map_err(|_| Problem::PhoneUnreadable)?;
    if !phonenumber::is_valid(&number) {
        return Err(Problem::PhoneInvalid);
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Checks a web address: http or https, a host, no spaces, at most 2,048 characters.
pub fn url(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.len() > 2048 {
        return Err(Problem::TooLong { max: 2048 });
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(Problem::UrlScheme)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::BadUrl);
    }
    Ok(s.to_string())
}

/// Checks an internet domain name (`example.com`), lower-cased.
pub fn domain(input: &str) -> Result<String, Problem> {
    let s = input.trim().trim_end_matches('.').to_lowercase();
    let ok = s.len() <= 253
        && s.contains('.')
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if ok { Ok(s) } else { Err(Problem::BadDomain) }
}

/// Checks a colour in `#rrggbb` form, lower-cased.
pub fn color(input: &str) -> Result<String, Problem> {
    let s = input.trim().to_lowercase();
    let hex = s.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(s)
    } else {
        Err(Problem::BadColor)
    }
}

/// Checks a machine key: a lower-case letter, then letters, digits or underscores, at most 64.
pub fn key(input: &str) -> Result<String, Problem> {
    let mut chars = input.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if first_ok
        && input.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(input.to_string())
    } else {
        Err(Problem::BadKey)
    }
}

/// Checks an IANA time zone name (`Europe/Oslo`) against the bundled time zone database.
pub fn time_zone(input: &str) -> Result<String, Problem> {
    let name = input.trim();
    if name.len() <= 64 && jiff::tz::TimeZone::get(name).is_ok() {
        Ok(name.to_string())
    } else {
        Err(Problem::BadTimeZone)
    }
}

/// A currency code: three upper-case letters (ISO 4217).
pub fn currency(input: &str) -> Result<String, Problem> {
    if input.len() == 3 && input.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(input.to_string())
    } else {
        Err(Problem::BadCurrency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            email(" Anna@Example.COM ").as_deref(),
            Ok("Anna@example.com")
        );
        assert!(email("anna").is_err());
        assert!(email("anna@localhost").is_err());
        assert!(email("Anna <anna@example.com>").is_err());
        assert!(email(&format!("{}@example.com", "a".repeat(260))).is_err());
    }

    #[test]
    fn phones_become_e164() {
        assert_eq!(phone("+47 22 33 44 55").as_deref(), Ok("+4722334455"));
        assert_eq!(phone("0049 30 1234567").as_deref(), Ok("+49301234567"));
        assert!(phone("22 33 44 55").is_err());
        assert!(phone("+47 12").is_err());
        assert!(phone("call me").is_err());
    }

    #[test]
    fn urls_domains_colours_and_keys() {
        assert!(url("https://example.com/a?b").is_ok());
        assert!(url("javascript:alert(1)").is_err());
        assert!(url("https://").is_err());
        assert_eq!(domain("Example.COM.").as_deref(), Ok("example.com"));
        assert!(domain("no_dots").is_err());
        assert_eq!(color("#1F6FEB").as_deref(), Ok("#1f6feb"));
        assert!(color("red").is_err());
        assert!(key("budget_2026").is_ok());
        assert!(key("2budget").is_err());
        assert!(key("Budget").is_err());
        assert!(currency("EUR").is_ok());
        assert_eq!(time_zone("Europe/Warsaw").as_deref(), Ok("Europe/Warsaw"));
        assert!(time_zone("Mars/Olympus").is_err());
        assert!(currency("eur").is_err());
    }

    proptest! {
        #[test]
        fn email_never_panics_and_is_idempotent(s in ".{0,80}") {
            if let Ok(e) = email(&s) {
                prop_assert_eq!(email(&e), Ok(e.clone()));
            }
        }

        #[test]
        fn phone_never_panics_and_is_idempotent(s in "[+0-9 ()-]{0,24}") {
            if let Ok(p) = phone(&s) {
                prop_assert!(p.starts_with('+'));
                prop_assert_eq!(phone(&p), Ok(p.clone()));
            }
        }
    }
}
