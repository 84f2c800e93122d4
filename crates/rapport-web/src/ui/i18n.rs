//! Translations: one Fluent file per language, embedded in the binary, and the choice of
//! language from the user's profile or the browser's `Accept-Language`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// The languages Rapport speaks, in the order the language menu lists them.
pub const LOCALES: [&str; 5] = ["en", "de", "es", "pl", "nb"];

const SOURCES: [(&str, &str); 5] = [
    ("en", include_str!("../../locales/en.ftl")),
    ("de", include_str!("../../locales/de.ftl")),
    ("es", include_str!("../../locales/es.ftl")),
    ("pl", include_str!("../../locales/pl.ftl")),
    ("nb", include_str!("../../locales/nb.ftl")),
];

struct Catalog {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let bundles = SOURCES
            .iter()
            .map(|(code, source)| {
                let lang: LanguageIdentifier = code.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // Isolation marks would end up inside attributes and plain-text exports.
                bundle.set_use_isolating(false);
                let resource = match FluentResource::try_new((*source).to_string()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        tracing::error!(locale = code, ?errors, "translation file has errors");
                        r
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(locale = code, ?errors, "translation file repeats keys");
                }
                (*code, bundle)
            })
            .collect();
        Catalog { bundles }
    })
}

/// Every message key of a language, for completeness checks.
pub fn keys(locale: &str) -> Vec<String> {
    SOURCES
        .iter()
        .find(|(code, _)| *code == locale)
        .map(|(_, source)| {
            source
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
                .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with(' '))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Picks a supported language: the profile's, else the best of `Accept-Language`, else
/// English.
pub fn negotiate(profile: Option<&str>, accept_language: Option<&str>) -> &'static str {
    negotiate_or(profile, accept_language, None)
}

/// Like [`negotiate`], with the organisation's default before English.
pub fn negotiate_or(
    profile: Option<&str>,
    accept_language: Option<&str>,
    fallback: Option<&str>,
) -> &'static str {
    if let Some(p) = profile.and_then(supported) {
        return p;
    }
    let mut offers: Vec<(f32, &str)> = accept_language
        .unwrap_or("")
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    offers.sort_by(|a, b| b.0.total_cmp(&a.0));
    offers
        .iter()
        .find_map(|(_, tag)| supported(tag))
        .or_else(|| fallback.and_then(supported))
        .unwrap_or("en")
}

/// Maps a language tag to a supported locale (`de-AT` → `de`, `no`/`nn` → `nb`).
fn supported(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    let primary = match primary.as_str() {
        "no" | "nn" => "nb",
        other => other,
    };
    LOCALES.into_iter().find(|l| *l == primary)
}

/// A page's translator.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: &'static str,
}

impl Tr {
    pub fn new(lang: &'static str) -> Tr {
        Tr { lang }
    }

    fn bundle(&self) -> Option<&'static FluentBundle<FluentResource>> {
        catalog()
            .bundles
            .iter()
            .find(|(code, _)| *code == self.lang)
            .map(|(_, b)| b)
    }

    /// The message for `key`; the key itself when a message is missing, so a gap shows.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message for `key` with one variable.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value.to_string());
        self.format(key, Some(&args))
    }

    /// The message for `key` with a number, which the message may choose its plural by.
    pub fn count(&self, key: &str, name: &str, n: usize) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), n);
        self.format(key, Some(&args))
    }

    /// The message for `key` with several variables.
    pub fn t_with(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in vars {
            args.set(name.to_string(), value.to_string());
        }
        self.format(key, Some(&args))
    }

    /// The message for `key` with variables of any kind, numbers included, so that a
    /// message can choose its plural by them.
    pub fn t_values(&self, key: &str, vars: Vec<(&str, FluentValue<'static>)>) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in vars {
            args.set(name.to_string(), value);
        }
        self.format(key, Some(&args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundle() else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.lang, "missing translation");
            return key.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_and_formats_it() {
        let english = keys("en");
        assert!(english.len() > 50);
        for lang in LOCALES {
            let mut mine = keys(lang);
            let mut want = english.clone();
            mine.sort();
            want.sort();
            assert_eq!(mine, want, "{lang} has other keys than en");
            let tr = Tr::new(lang);
            for key in &english {
                let text = tr.t1(key, "query", "x");
                assert_ne!(&text, key, "{lang}: {key} does not format");
            }
        }
    }

    #[test]
    fn negotiation_prefers_profile_then_quality() {
        assert_eq!(negotiate(Some("pl"), Some("de")), "pl");
        assert_eq!(negotiate(None, Some("fr-FR, de-AT;q=0.8, en;q=0.5")), "de");
        assert_eq!(negotiate(None, Some("nn-NO")), "nb");
        assert_eq!(negotiate(None, Some("en;q=0.2, es;q=0.9")), "es");
        assert_eq!(negotiate(Some("xx"), None), "en");
    }
}
