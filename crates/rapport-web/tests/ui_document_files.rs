//! The seller details on the organisation page (checked field by field, with the
//! message beside the field, and kept across the other settings' saves and the logo),
//! and the PDF and UBL downloads a signed-in browser gets, on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, OTHER_EMAIL, OTHER_PASSWORD, PNG, Sample, input_value};

use rapport_testkit::{TestApp, TestBackend, on_both_backends};

on_both_backends! {
    seller_details_are_checked_and_kept => seller_details_are_checked_and_kept;
    documents_download_in_the_page_language => documents_download_in_the_page_language;
}

/// The value of the input or text area `#seller-{name}`, its inline message and whether
/// it is marked invalid.
fn seller_input(html: &str, name: &str) -> (String, Option<String>, bool) {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("#seller-{name}")).unwrap();
    let el = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("#seller-{name}"));
    let value = match el.value().name() {
        "textarea" => el.text().collect(),
        _ => el.value().attr("value").unwrap_or("").to_string(),
    };
    let invalid = el.value().attr("aria-invalid") == Some("true");
    let message = Selector::parse(&format!("#e-seller-{name}")).unwrap();
    let message = doc
        .select(&message)
        .next()
        .map(|m| m.text().collect::<String>());
    if let Some(described) = el.value().attr("aria-describedby") {
        assert_eq!(described, format!("e-seller-{name}"));
    }
    (value, message, invalid)
}

fn seller_form<'a>(csrf: &'a str, country: &'a str, iban: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("_csrf", csrf),
        ("legal_name", "Fjordkontor AS"),
        ("street", "Storgata 12"),
        ("postcode", "9008"),
        ("city", "Tromsø"),
        ("country", country),
        ("vat_number", "NO987654321MVA"),
        ("company_id", "987654321"),
        ("iban", iban),
        ("bic", "DNBANOKK"),
        ("email", "faktura@fjordkontor.example"),
        ("endpoint_scheme", "0192"),
        ("endpoint_id", "987654321"),
    ]
}

async fn seller_details_are_checked_and_kept(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (status, html, _) = b.get("/settings/organisation").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");

    // Wrong values are named beside their fields, and what was typed stays.
    let (status, html, _) = b
        .post(
            "/settings/organisation/seller",
            &seller_form(&csrf, "XX", "NO93 8601 1117 948"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (value, message, invalid) = seller_input(&html, "country");
    assert_eq!(value, "XX");
    assert!(invalid);
    assert!(message.unwrap().contains("ISO 3166"));
    let (value, message, invalid) = seller_input(&html, "iban");
    assert_eq!(value, "NO93 8601 1117 948");
    assert!(invalid && message.unwrap().contains("IBAN"));
    let (value, message, invalid) = seller_input(&html, "legal_name");
    assert_eq!(value, "Fjordkontor AS");
    assert!(message.is_none() && !invalid);
    let stored = rapport_app::organisation::seller(&t.app).await.unwrap();
    assert_eq!(stored.legal_name, "", "nothing was saved");

    // Without the form's proof nothing is saved either.
    let (status, _, _) = b
        .post(
            "/settings/organisation/seller",
            &seller_form("forged", "NO", "NO93 8601 1117 947"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, location) = b
        .post(
            "/settings/organisation/seller",
            &seller_form(&csrf, "no", "NO93 8601 1117 947"),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get(location.as_deref().unwrap()).await;
    assert!(html.contains("The seller details were saved."));
    assert_eq!(seller_input(&html, "country").0, "NO");
    assert_eq!(seller_input(&html, "iban").0, "NO9386011117947");

    // Saving the other settings, a refused save of them and a new logo leave it alone.
    let (status, _, _) = b
        .post(
            "/settings/organisation",
            &[
                ("_csrf", csrf.as_str()),
                ("name", "Fjordkontor"),
                ("default_locale", "nb"),
                ("default_time_zone", "Europe/Oslo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, html, _) = b
        .post(
            "/settings/organisation",
            &[
                ("_csrf", csrf.as_str()),
                ("name", "Fjordkontor"),
                ("default_locale", "xx"),
                ("default_time_zone", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(seller_input(&html, "legal_name").0, "Fjordkontor AS");
    rapport_app::organisation::set_logo(&t.app, &rapport_app::Ctx::system(), &PNG)
        .await
        .unwrap();
    let (_, html, _) = b.get("/settings/organisation").await;
    assert_eq!(seller_input(&html, "legal_name").0, "Fjordkontor AS");
    assert_eq!(seller_input(&html, "endpoint_id").0, "987654321");
    let stored = rapport_app::organisation::seller(&t.app).await.unwrap();
    assert_eq!(stored.vat_number, "NO987654321MVA");

    // Only an administrator changes them.
    let agent_id = rapport_app::auth::add_user(
        &t.app,
        &rapport_app::Ctx::system(),
        OTHER_EMAIL,
        "Ewa Nowak",
        rapport_core::policy::Role::Agent,
        Some(OTHER_PASSWORD),
    )
    .await
    .unwrap();
    assert!(!agent_id.is_nil());
    let mut agent = Browser::new(&t);
    agent.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
    let (_, html, _) = agent.get("/settings/organisation").await;
    let agent_csrf = input_value(&html, "_csrf");
    let (status, _, _) = agent
        .post(
            "/settings/organisation/seller",
            &seller_form(&agent_csrf, "SE", ""),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let stored = rapport_app::organisation::seller(&t.app).await.unwrap();
    assert_eq!(stored.country, "NO");
}

async fn documents_download_in_the_page_language(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let sample = Sample::create(&t).await;
    let invoice = sample.ids["/invoices"];
    let mut b = Browser::new(&t);
    b.lang = "pl";
    b.sign_in("admin@example.com", "correct horse battery")
        .await;

    let r = b
        .request(Method::GET, &format!("/invoices/{invoice}/pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(
        text.contains("Faktura") && text.contains("Numer faktury"),
        "{text}"
    );
    let number = t
        .get(&format!("/api/v1/invoices/{invoice}"))
        .await
        .json::<Value>()
        .await
        .unwrap()["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains(&number));
    assert!(disposition.contains(&format!("{number}.pdf")));

    let r = b
        .request(Method::GET, &format!("/invoices/{invoice}/ubl"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/xml");
    let xml = r.text().await.unwrap();
    assert!(xml.contains(&format!("<cbc:ID>{number}</cbc:ID>")));

    for path in ["quotes", "orders"] {
        let id = sample.ids[&format!("/{path}")];
        let r = b
            .request(Method::GET, &format!("/{path}/{id}/pdf"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
    }

    // A draft's UBL is refused with a page that says why, in the page's language.
    let draft = t
        .create(
            "invoices",
            json!({"company_id": sample.company, "lines": [{"description": "Work", "unit_price": 1000, "tax_rate": "25"}]}),
        )
        .await;
    let (status, html, _) = b
        .get(&format!("/invoices/{}/ubl", draft["id"].as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("<html lang=\"pl\""));
    assert!(html.contains("faktura UBL powstaje"), "{html}");

    // What is missing is named in the page's language.
    let lonely = t
        .create(
            "quotes",
            json!({"lines": [{"description": "Work", "unit_price": 1000, "tax_rate": "25"}]}),
        )
        .await;
    let (status, html, _) = b
        .get(&format!("/quotes/{}/pdf", lonely["id"].as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Nie można jeszcze utworzyć pliku") && html.contains("Klient"),
        "{html}"
    );

    // Signed out, nothing is served.
    let mut stranger = Browser::new(&t);
    let (status, _, location) = stranger.get(&format!("/invoices/{invoice}/pdf")).await;
    assert!(
        status == StatusCode::SEE_OTHER && location.unwrap().starts_with("/login"),
        "{status}"
    );
}
