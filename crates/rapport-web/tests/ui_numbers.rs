//! Custom numbers and money in the user's language: lists, the customer page and the
//! edit form follow the locale, the CSV export keeps plain numbers, and money typed in a
//! form is read the way the user's language writes it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::json;
use support::{Browser, input_value};

const NBSP: char = '\u{a0}';

/// Every field of the first form on a page with its current value, as a browser sends it.
fn form_values(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for input in doc.select(&Selector::parse("main form input[name]").unwrap()) {
        let v = input.value();
        if v.attr("type") == Some("checkbox") && v.attr("checked").is_none() {
            continue;
        }
        out.push((
            v.attr("name").unwrap().to_string(),
            v.attr("value").unwrap_or("").to_string(),
        ));
    }
    for select in doc.select(&Selector::parse("main form select[name]").unwrap()) {
        let selected = select
            .select(&Selector::parse("option[selected]").unwrap())
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or("");
        out.push((
            select.value().attr("name").unwrap().to_string(),
            selected.to_string(),
        ));
    }
    for area in doc.select(&Selector::parse("main form textarea[name]").unwrap()) {
        out.push((
            area.value().attr("name").unwrap().to_string(),
            area.text().collect(),
        ));
    }
    out
}

fn set(values: &mut [(String, String)], name: &str, value: &str) {
    values.iter_mut().find(|(k, _)| k == name).unwrap().1 = value.to_string();
}

#[tokio::test]
async fn numbers_and_money_follow_the_users_language() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    for (key, label, ty) in [("budget", "Budget", "money"), ("score", "Score", "number")] {
        t.create(
            "custom-fields",
            json!({"entity": "contacts", "key": key, "label": label, "field_type": ty}),
        )
        .await;
    }
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "custom": {"budget": {"amount_minor": 123456, "currency": "EUR"}, "score": 12345.5}}),
        )
        .await;
    let id = contact["id"].as_str().unwrap();
    t.create(
        "contacts",
        json!({"first_name": "Ola", "custom": {"budget": {"amount_minor": -50, "currency": "NOK"}, "score": -3}}),
    )
    .await;

    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let list = "/contacts?cols=name,custom.budget,custom.score&sort=first_name";
    for (lang, budget, score) in [
        ("en", "€1,234.56".to_string(), "12,345.5".to_string()),
        ("de", format!("1.234,56{NBSP}€"), "12.345,5".to_string()),
        ("es", format!("1234,56{NBSP}€"), "12.345,5".to_string()),
        ("pl", format!("1234,56{NBSP}€"), format!("12{NBSP}345,5")),
        (
            "nb",
            format!("1{NBSP}234,56{NBSP}€"),
            format!("12{NBSP}345,5"),
        ),
    ] {
        b.lang = lang;
        let (status, html, _) = b.get(list).await;
        assert_eq!(status, StatusCode::OK);
        let doc = Html::parse_document(&html);
        let cells: Vec<String> = doc
            .select(&Selector::parse("tbody tr:first-child td").unwrap())
            .map(|c| c.text().collect::<String>().trim().to_string())
            .collect();
        assert!(cells.contains(&budget), "{lang} list: {cells:?}");
        assert!(cells.contains(&score), "{lang} list: {cells:?}");

        let (_, html, _) = b.get(&format!("/contacts/{id}")).await;
        let doc = Html::parse_document(&html);
        let facts: Vec<(String, String)> = doc
            .select(&Selector::parse(".facts dl dt").unwrap())
            .zip(doc.select(&Selector::parse(".facts dl dd").unwrap()))
            .map(|(dt, dd)| (dt.text().collect(), dd.text().collect()))
            .collect();
        assert!(
            facts.contains(&("Budget".to_string(), budget.clone())),
            "{lang} customer page: {facts:?}"
        );
        assert!(
            facts.contains(&("Score".to_string(), score.clone())),
            "{lang} customer page: {facts:?}"
        );
    }

    // The export stays machine-readable, whatever the language: plain numbers, the
    // currency apart, and a negative number is not mistaken for a formula.
    b.lang = "de";
    let (status, csv, _) = b.get("/contacts/export.csv?sort=first_name").await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][col("custom.budget")], "1234.56");
    assert_eq!(&rows[0][col("custom.budget.currency")], "EUR");
    assert_eq!(&rows[0][col("custom.score")], "12345.5");
    assert_eq!(&rows[1][col("custom.budget")], "-0.50");
    assert_eq!(&rows[1][col("custom.budget.currency")], "NOK");
    assert_eq!(&rows[1][col("custom.score")], "-3");

    // The edit form shows money as the language writes it and reads it back that way.
    b.lang = "de";
    let (_, html, _) = b.get(&format!("/contacts/{id}/edit")).await;
    assert_eq!(input_value(&html, "custom.budget"), "1.234,56 EUR");
    assert!(
        html.contains("zum Beispiel 1.234,56 EUR"),
        "the hint shows how"
    );
    let mut values = form_values(&html);
    set(&mut values, "custom.budget", "2.500,75 EUR");
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body, _) = b.post(&format!("/contacts/{id}/edit"), &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let saved = t.get(&format!("/api/v1/contacts/{id}")).await;
    let saved: serde_json::Value = saved.json().await.unwrap();
    assert_eq!(
        saved["custom"]["budget"],
        json!({"amount_minor": 250075, "currency": "EUR"})
    );

    // What the language would not write is refused with a message, not guessed at.
    let (_, html, _) = b.get(&format!("/contacts/{id}/edit")).await;
    let mut values = form_values(&html);
    set(&mut values, "custom.budget", "2500.75 EUR");
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, html, _) = b.post(&format!("/contacts/{id}/edit"), &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    let message: String = doc
        .select(&Selector::parse("#e-custom\\.budget").unwrap())
        .next()
        .expect("the field names its problem")
        .text()
        .collect();
    assert!(message.contains("1.234,56 EUR"), "{message}");
    assert_eq!(
        input_value(&html, "custom.budget"),
        "2500.75 EUR",
        "the input is kept"
    );

    // In English the same amount is written the English way.
    b.lang = "en";
    let (_, html, _) = b.get(&format!("/contacts/{id}/edit")).await;
    assert_eq!(input_value(&html, "custom.budget"), "2,500.75 EUR");
    let mut values = form_values(&html);
    set(&mut values, "custom.budget", "NOK 99.5");
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body, _) = b.post(&format!("/contacts/{id}/edit"), &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let saved: serde_json::Value = t
        .get(&format!("/api/v1/contacts/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        saved["custom"]["budget"],
        json!({"amount_minor": 9950, "currency": "NOK"})
    );
}

on_both_backends! {
    whole_numbers_are_edited_as_typed => whole_numbers_edited_as_typed;
}

/// A custom number shows in the edit form as it was typed, and saving the form with
/// another field changed leaves the number as stored: no `38` → `38.0` in the history.
async fn whole_numbers_edited_as_typed(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    t.create(
        "custom-fields",
        json!({"entity": "contacts", "key": "score", "label": "Score", "field_type": "number"}),
    )
    .await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    // 38.0 is how earlier versions of the form stored a whole number.
    for (stored, shown) in [
        (json!(38), "38"),
        (json!(38.5), "38.5"),
        (json!(38.0), "38"),
    ] {
        let contact = t
            .create(
                "contacts",
                json!({"first_name": "Kari", "custom": {"score": stored.clone()}}),
            )
            .await;
        let id = contact["id"].as_str().unwrap();
        for lang in ["en", "de"] {
            b.lang = lang;
            let (_, html, _) = b.get(&format!("/contacts/{id}/edit")).await;
            assert_eq!(input_value(&html, "custom.score"), shown, "{lang} {stored}");
        }
        let (_, html, _) = b.get(&format!("/contacts/{id}/edit")).await;
        let mut values = form_values(&html);
        set(&mut values, "last_name", "Nordmann");
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, body, _) = b.post(&format!("/contacts/{id}/edit"), &pairs).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let saved: serde_json::Value = t
            .get(&format!("/api/v1/contacts/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(saved["last_name"], "Nordmann");
        assert_eq!(
            saved["custom"]["score"].to_string(),
            stored.to_string(),
            "the stored number keeps its form"
        );
        let history: serde_json::Value = t
            .get(&format!("/api/v1/contacts/{id}/history"))
            .await
            .json()
            .await
            .unwrap();
        let changed: Vec<&str> = history["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "update")
            .flat_map(|e| e["changes"].as_array().unwrap())
            .map(|c| c["field"].as_str().unwrap())
            .collect();
        assert_eq!(changed, ["last_name"], "{stored}: {history}");
    }

    // A whole number typed in a new contact's form is stored as one.
    let (_, html, _) = b.get("/contacts/new").await;
    let mut values = form_values(&html);
    set(&mut values, "first_name", "Ola");
    set(&mut values, "custom.score", "38");
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body, location) = b.post("/contacts/new", &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = location.unwrap();
    let saved: serde_json::Value = t
        .get(&format!("/api/v1{location}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(saved["custom"]["score"].to_string(), "38");
    let (_, html, _) = b.get(&format!("{location}/edit")).await;
    assert_eq!(input_value(&html, "custom.score"), "38");
}
