//! The services' validation messages in the forms, in every language: each form is sent
//! with mistakes in English and in the other languages, and no English message may be
//! left over in another language's answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::{Method, StatusCode};
use scraper::{ElementRef, Html, Selector};
use serde_json::json;
use support::{ADMIN_EMAIL, ADMIN_PASSWORD, Browser, input_value};

/// The problems a page shows: each item of an error list, each other error message, or
/// (on a bare message page) its message.
fn problems_on(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let clean = |e: ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = Vec::new();
    for e in doc.select(&Selector::parse("main .error").unwrap()) {
        let items: Vec<String> = e
            .select(&Selector::parse("li").unwrap())
            .map(clean)
            .collect();
        if items.is_empty() {
            out.push(clean(e));
        } else {
            out.extend(items);
        }
    }
    if out.is_empty()
        && let Some(p) = doc
            .select(&Selector::parse("body.bare main > p").unwrap())
            .next()
    {
        out.push(clean(p));
    }
    out
}

/// A form sent with mistakes: where to, and what.
struct Case {
    name: &'static str,
    path: String,
    form: Vec<(&'static str, String)>,
}

fn case(name: &'static str, path: impl Into<String>, form: &[(&'static str, &str)]) -> Case {
    Case {
        name,
        path: path.into(),
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

/// Sends each case in English and then in every other language, and checks that what
/// English showed is shown translated everywhere else.
async fn check_every_language(b: &mut Browser<'_>, cases: &[Case], must_show: &[&str]) {
    let mut english = Vec::new();
    for lang in rapport_web::ui::i18n::LOCALES {
        b.lang = lang;
        let csrf = b.csrf().await;
        for (i, c) in cases.iter().enumerate() {
            let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
            form.extend(c.form.iter().map(|(k, v)| (*k, v.as_str())));
            let (status, html, _) = b.post(&c.path, &form).await;
            assert!(status.is_client_error(), "{lang} {}: {status}", c.name);
            let shown = problems_on(&html);
            assert!(!shown.is_empty(), "{lang} {}: no problem shown", c.name);
            for text in &shown {
                assert!(
                    !text.contains("invalid-"),
                    "{lang} {}: a missing translation: {text}",
                    c.name
                );
            }
            if lang == "en" {
                english.push(shown);
                continue;
            }
            let theirs = &english[i];
            assert_eq!(shown.len(), theirs.len(), "{lang} {}: {shown:?}", c.name);
            for (mine, en) in shown.iter().zip(theirs) {
                // A message may repeat a value (an option, a number), never the English
                // words around it.
                assert_ne!(mine, en, "{lang} {}: English left over", c.name);
                let words: Vec<&str> = en
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
                    .filter(|w| !TECHNICAL.split_whitespace().any(|t| t == *w))
                    .collect();
                for word in words {
                    assert!(
                        !mine.split(|c: char| !c.is_alphabetic()).any(|w| w == word),
                        "{lang} {}: the English word {word:?} is left in {mine:?}",
                        c.name
                    );
                }
            }
        }
    }
    let all: Vec<&String> = english.iter().flatten().collect();
    for want in must_show {
        assert!(
            all.iter().any(|t| t.contains(want)),
            "English showed {want:?}: {all:?}"
        );
    }
}

/// Words that are names rather than English: option values, formats and field keys.
const TECHNICAL: &str = "subscriber lead marketing qualified sales opportunity customer \
    evangelist other admin manager agent viewer read write note email call chat meeting task \
    system everything example https http uuid";

on_both_backends! {
    record_forms_show_problems_in_every_language => record_forms;
    settings_and_account_forms_show_problems_in_every_language => settings_forms;
}

async fn record_forms(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    for (key, label, ty, required) in [
        ("score", "Score", "number", false),
        ("tier", "Tier", "text", true),
    ] {
        t.create(
            "custom-fields",
            json!({"entity": "contacts", "key": key, "label": label, "field_type": ty, "required": required}),
        )
        .await;
    }
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "custom": {"tier": "gold"}}),
        )
        .await;
    let id = contact["id"].as_str().unwrap();
    let nobody = uuid::Uuid::now_v7().to_string();
    let long_tag = "t".repeat(65);
    let cases = [
        // Read by the form itself.
        case(
            "a number that is not one",
            "/contacts/new",
            &[
                ("first_name", "Kari"),
                ("custom.score", "many"),
                ("custom.tier", "gold"),
            ],
        ),
        // Checked field by field.
        case(
            "fields",
            "/contacts/new",
            &[
                ("first_name", "Kari"),
                ("email", "not an email"),
                ("phone", "22 33 44 55"),
                ("lifecycle_stage", "king"),
                ("tags", &long_tag),
                ("custom.tier", "gold"),
            ],
        ),
        case(
            "a phone number of no country",
            "/contacts/new",
            &[
                ("first_name", "Kari"),
                ("phone", "+47 12"),
                ("custom.tier", "gold"),
            ],
        ),
        // Checked on the record as a whole.
        case(
            "a contact without a name",
            "/contacts/new",
            &[("first_name", ""), ("last_name", "")],
        ),
        // Checked against what is stored.
        case(
            "an owner who does not exist",
            format!("/contacts/{id}/edit"),
            &[
                ("first_name", "Kari"),
                ("owner_id", &nobody),
                ("custom.tier", "gold"),
            ],
        ),
        case(
            "a company",
            "/companies/new",
            &[
                ("name", ""),
                ("domain", "no_dots"),
                ("website", "ftp://example.com"),
            ],
        ),
        case(
            "a web address that is none",
            "/companies/new",
            &[("name", "Fjord"), ("website", "https://")],
        ),
        case(
            "an interaction of no kind",
            format!("/contacts/{id}/log"),
            &[("kind", "no-such-kind")],
        ),
    ];
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    check_every_language(
        &mut b,
        &cases,
        &[
            "must be a number",
            "is not a valid email address",
            "must start with a country code",
            "must be one of:",
            "each tag must be 1 to 64 characters",
            "is not a valid phone number for its country code",
            "a contact needs a first name or a last name",
            "is required",
            "no user with this id",
            "is not a valid domain name",
            "must be an http:// or https:// address",
            "is not a valid web address",
        ],
    )
    .await;
}

async fn settings_forms(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let long_name = "n".repeat(201);
    let cases = [
        case(
            "a user whose password is too short",
            "/settings/users/new",
            &[
                ("email", "new@example.com"),
                ("name", "New"),
                ("role", "agent"),
                ("password", "short"),
            ],
        ),
        case(
            "a user whose email is taken",
            "/settings/users/new",
            &[("email", ADMIN_EMAIL), ("name", "Again"), ("role", "agent")],
        ),
        case(
            "a tag",
            "/settings/tags/new",
            &[("name", ""), ("color", "red")],
        ),
        case(
            "a custom field",
            "/settings/custom-fields/new",
            &[
                ("entity", "contacts"),
                ("key", "Bad Key"),
                ("label", "Bad"),
                ("field_type", "text"),
            ],
        ),
        case(
            "a select field without options",
            "/settings/custom-fields/new",
            &[
                ("entity", "contacts"),
                ("key", "size"),
                ("label", "Size"),
                ("field_type", "select"),
            ],
        ),
        case(
            "the organisation",
            "/settings/organisation",
            &[
                ("name", &long_name),
                ("default_locale", "xx"),
                ("default_time_zone", "Mars/Olympus"),
            ],
        ),
        case(
            "a token",
            "/settings/tokens",
            &[("name", "CI"), ("scopes", "everything")],
        ),
        case(
            "a short new password",
            "/account/password",
            &[("current", ADMIN_PASSWORD), ("new", "short")],
        ),
        case(
            "preferences",
            "/account/preferences",
            &[("locale", "en"), ("time_zone", "Mars/Olympus")],
        ),
        case(
            "a view without a name",
            "/contacts/views",
            &[("view_name", " ")],
        ),
    ];
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    check_every_language(
        &mut b,
        &cases,
        &[
            "must be at least 10 characters",
            "is already taken",
            "must be a colour such as #1f6feb",
            "must start with a lower-case letter",
            "a select field needs at least one option",
            "Organisation name: must be at most 200 characters",
            "Default time zone: is not a known time zone",
            "unknown scope",
            "New password: must be at least 10 characters",
            "Time zone: is not a known time zone",
            "View name: must be 1 to 100 characters",
        ],
    )
    .await;

    // An empty file is refused on the customer page, in the user's language.
    let contact = t.create("contacts", json!({"first_name": "Kari"})).await;
    let path = format!("/contacts/{}/attachments", contact["id"].as_str().unwrap());
    let mut shown = Vec::new();
    for lang in ["en", "de"] {
        b.lang = lang;
        let csrf = b.csrf().await;
        let form = reqwest::multipart::Form::new().text("_csrf", csrf).part(
            "file",
            reqwest::multipart::Part::bytes(Vec::new())
                .file_name("empty.txt")
                .mime_str("text/plain")
                .unwrap(),
        );
        let request = b.request(Method::POST, &path).multipart(form);
        let (status, html, _) = b.send(request).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        shown.push(problems_on(&html));
    }
    assert_eq!(shown[0], ["File: is empty"]);
    assert_eq!(shown[1], ["Datei: ist leer"]);
}

#[tokio::test]
async fn the_first_run_form_shows_problems_in_every_language() {
    let t = TestApp::spawn_empty(TestBackend::Sqlite).await;
    let mut english = Vec::new();
    for lang in rapport_web::ui::i18n::LOCALES {
        let mut b = Browser::new(&t);
        b.lang = lang;
        let (_, html, _) = b.get("/setup").await;
        let csrf = input_value(&html, "_csrf");
        let mut shown = Vec::new();
        for (email, password) in [
            ("ada@example.com", "short"),
            ("no", "a long enough password"),
        ] {
            let (status, html, _) = b
                .post(
                    "/setup",
                    &[
                        ("_csrf", &csrf),
                        ("name", "Ada"),
                        ("email", email),
                        ("password", password),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            shown.extend(problems_on(&html));
        }
        if lang == "en" {
            assert_eq!(
                shown,
                [
                    "Password: must be at least 10 characters",
                    "Email address: is not a valid email address"
                ]
            );
            english = shown;
        } else {
            assert_eq!(shown.len(), english.len(), "{lang}");
            for (mine, en) in shown.iter().zip(&english) {
                assert_ne!(mine, en, "{lang}: English left over");
                assert!(
                    !mine.contains("valid") && !mine.contains("must"),
                    "{lang}: {mine}"
                );
            }
        }
    }
}
