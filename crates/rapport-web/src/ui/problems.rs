//! Validation problems in the user's language.
//!
//! Each problem the services report carries a stable code; the pages show the translation
//! `invalid-<code>` with the problem's values as its variables. The English sentence the
//! problem also carries is for the JSON API and the command line.

use super::i18n::Tr;
use fluent_bundle::FluentValue;
use rapport_core::ValidationErrors;
use rapport_core::problem::{Arg, Problem};

/// A problem as the user's language says it.
pub fn message(tr: Tr, problem: &Problem) -> String {
    let vars = problem
        .args()
        .into_iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.to_string()),
                Arg::Number(n) => FluentValue::from(n),
                Arg::Problem(inner) => FluentValue::from(message(tr, inner)),
            };
            (name, value)
        })
        .collect();
    tr.t_values(&format!("invalid-{}", problem.code()), vars)
}

/// Each problem on a line of its own, after the label of its field where `labels` names
/// one (field name, label key); a problem of another field is shown alone.
pub fn lines(tr: Tr, errors: &ValidationErrors, labels: &[(&str, &str)]) -> Vec<String> {
    errors
        .0
        .iter()
        .map(|e| {
            let text = message(tr, &e.problem);
            match labels.iter().find(|(field, _)| *field == e.field) {
                Some((_, key)) => format!("{}: {text}", tr.t(key)),
                None => text,
            }
        })
        .collect()
}

/// Every problem in one paragraph, as [`lines`] writes them.
pub fn summary(tr: Tr, errors: &ValidationErrors, labels: &[(&str, &str)]) -> String {
    lines(tr, errors, labels).join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::LOCALES;

    #[test]
    fn every_problem_has_a_translation_in_every_language() {
        for problem in Problem::examples() {
            let english = message(Tr::new("en"), &problem);
            assert_eq!(english, problem.to_string(), "en says what the API says");
            for lang in LOCALES.into_iter().filter(|l| *l != "en") {
                let text = message(Tr::new(lang), &problem);
                let key = format!("invalid-{}", problem.code());
                assert!(!text.contains(&key), "{lang}: {key} is missing");
                assert_ne!(text, english, "{lang}: {key} is English");
                assert!(
                    !text.contains('{') || problem == Problem::MoneyShape,
                    "{lang}: {key} leaves a variable out: {text}"
                );
            }
        }
    }

    #[test]
    fn values_and_inner_problems_are_placed() {
        let nested = Problem::item(2, Problem::part("email", Problem::BadEmail));
        assert_eq!(
            message(Tr::new("de"), &nested),
            "Eintrag 2: email: ist keine gültige E-Mail-Adresse"
        );
        let long = Problem::TooLong { max: 254 };
        assert_eq!(
            message(Tr::new("pl"), &long),
            "może mieć najwyżej 254 znaki"
        );
        assert_eq!(
            message(Tr::new("pl"), &Problem::TooLong { max: 200 }),
            "może mieć najwyżej 200 znaków"
        );
        let mut errors = ValidationErrors::new();
        errors.add("email", Problem::BadEmail);
        errors.add("", Problem::LinkMissing);
        assert_eq!(
            lines(Tr::new("nb"), &errors, &[("email", "login-email")]),
            [
                "E-postadresse: er ikke en gyldig e-postadresse",
                "en tilknyttet oppføring finnes ikke"
            ]
        );
    }
}
