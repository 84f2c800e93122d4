//! When two records are probably the same person or company: the keys a lead, a contact
//! or a company is compared by before a conversion creates a twin.
//!
//! Names are compared folded: lower case, accents dropped (as search drops them), the few
//! letters that do not decompose spelled out, and words joined by single spaces. Company
//! names also lose their legal form, so "Havbris AS" and "havbris" are one company.

use unicode_normalization::UnicodeNormalization;

/// Why a record looks like a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Email,
    Phone,
    Domain,
    Name,
}

impl Reason {
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::Email => "email",
            Reason::Phone => "phone",
            Reason::Domain => "domain",
            Reason::Name => "name",
        }
    }
}

/// A name folded for comparison; empty when it holds no letters or digits.
pub fn name_key(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => folded.push('o'),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ł' | 'Ł' => folded.push('l'),
            'ß' => folded.push_str("ss"),
            'đ' | 'Đ' => folded.push('d'),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A person's full name folded for comparison, or `None` without both parts: a first
/// name alone matches too many people to mean anything.
pub fn person_key(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let first = name_key(first?);
    let last = name_key(last?);
    (!first.is_empty() && !last.is_empty()).then(|| format!("{first} {last}"))
}

/// Legal forms dropped from the end of a company's name, folded, in the five languages'
/// countries and the common English ones.
const LEGAL_FORMS: &[&str] = &[
    "as",
    "asa",
    "ans",
    "da",
    "sa",
    "ab",
    "oy",
    "aps",
    "gmbh",
    "ag",
    "kg",
    "ug",
    "ohg",
    "gbr",
    "e v",
    "sl",
    "slu",
    "s l",
    "s a",
    "sp z o o",
    "spolka z o o",
    "sp j",
    "s c",
    "ltd",
    "limited",
    "inc",
    "llc",
    "plc",
    "co",
    "corp",
    "bv",
    "nv",
    "srl",
    "spa",
];

/// A company's name folded and without its legal form.
pub fn company_key(name: &str) -> String {
    let mut key = name_key(name);
    loop {
        let before = key.len();
        for form in LEGAL_FORMS {
            if let Some(rest) = key.strip_suffix(form)
                && rest.ends_with(' ')
            {
                key = rest.trim_end().to_string();
                break;
            }
        }
        if key.len() == before {
            return key;
        }
    }
}

/// Mail services whose addresses say nothing about the company a person works for.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "online.no",
    "hotmail.no",
    "wp.pl",
    "onet.pl",
    "o2.pl",
    "interia.pl",
    "yahoo.es",
    "hotmail.es",
    "mail.com",
];

/// The company domain an email address names: its domain, unless it is a free mail
/// service's.
pub fn company_domain(email: &str) -> Option<String> {
    let (_, domain) = email.rsplit_once('@')?;
    let domain = domain.trim().to_lowercase();
    if domain.is_empty() || FREE_MAIL.contains(&domain.as_str()) {
        return None;
    }
    Some(domain)
}

/// The domain of a website address, without `www.`.
pub fn website_domain(url: &str) -> Option<String> {
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .trim_start_matches("www.");
    let host = rest.split(['/', ':', '?', '#']).next()?.to_lowercase();
    (host.contains('.') && !host.starts_with('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_fold_case_accents_and_spacing() {
        assert_eq!(name_key("  José  García "), "jose garcia");
        assert_eq!(name_key("Bjørn Ødegård"), "bjorn odegard");
        assert_eq!(name_key("Łukasz Wałęsa"), "lukasz walesa");
        assert_eq!(name_key("Jürgen Groß"), "jurgen gross");
        assert_eq!(name_key("O'Brien-Smith"), "o brien smith");
        assert_eq!(name_key("!!!"), "");
        assert_eq!(
            person_key(Some("Kari"), Some("Nordmann")),
            person_key(Some("KARI "), Some("nordmann"))
        );
        assert_eq!(person_key(Some("Kari"), None), None);
        assert_eq!(person_key(Some("Kari"), Some("--")), None);
    }

    #[test]
    fn companies_lose_their_legal_form() {
        assert_eq!(company_key("Havbris AS"), "havbris");
        assert_eq!(company_key("havbris"), "havbris");
        assert_eq!(company_key("Müller & Söhne GmbH & Co. KG"), "muller sohne");
        assert_eq!(company_key("Kowalski Sp. z o.o."), "kowalski");
        assert_eq!(
            company_key("Soluciones Ibéricas, S.L."),
            "soluciones ibericas"
        );
        assert_eq!(company_key("Acme Ltd"), "acme");
        // A name that is only a legal form keeps it.
        assert_eq!(company_key("AS"), "as");
        // "as" inside a word is no legal form.
        assert_eq!(company_key("Atlas"), "atlas");
    }

    #[test]
    fn domains_come_from_work_addresses_and_websites() {
        assert_eq!(
            company_domain("ingrid@Havbris.no"),
            Some("havbris.no".into())
        );
        assert_eq!(company_domain("ingrid@gmail.com"), None);
        assert_eq!(company_domain("no-at-sign"), None);
        assert_eq!(
            website_domain("https://www.havbris.no/om-oss"),
            Some("havbris.no".into())
        );
        assert_eq!(website_domain("havbris.no"), Some("havbris.no".into()));
        assert_eq!(website_domain("localhost"), None);
    }

    proptest! {
        #[test]
        fn folding_is_stable(s in ".{0,40}") {
            let once = name_key(&s);
            prop_assert_eq!(name_key(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
            let company = company_key(&s);
            prop_assert_eq!(company_key(&company), company.clone());
        }
    }
}
