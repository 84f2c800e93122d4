//! Demo sales data read back through the API of a real server: it passes the API's own
//! validation, its totals are the ones the API computes, and its numbers are unique and
//! continue where the application numbers next.

// Helpers outside `#[test]` functions panic on purpose: a failed set-up is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::process::{Command, Stdio};

on_both_backends! {
    demo_sales_read_back_through_the_api => demo_sales_read_back_through_the_api;
    the_demo_knowledge_base_reads_back => the_demo_knowledge_base_reads_back;
}

/// Runs `rapport demo` on the test server's database.
fn seed(t: &TestApp, contacts: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["demo", "--contacts", contacts, "--seed", "8"])
        .env_remove("RAPPORT_CONFIG")
        .env("RAPPORT_DATABASE_URL", &t.db.url)
        .env("RAPPORT_DATA_DIR", t.db.dir.path())
        .current_dir(t.db.dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Every record of a resource, following the cursor.
async fn all(t: &TestApp, resource: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut path = format!("/api/v1/{resource}?limit=200");
    loop {
        let r = t.get(&path).await;
        assert_eq!(r.status(), 200, "{path}");
        let page: Value = r.json().await.unwrap();
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/{resource}?limit=200&cursor={c}"),
            None => return items,
        }
    }
}

/// What a client sends to make a draft with the same lines: each line's own parts.
fn copy_of(document: &Value) -> Value {
    let lines: Vec<Value> = document["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            json!({
                "description": l["description"],
                "quantity": l["quantity"],
                "unit_price": l["unit_price"],
                "discount_percent": l["discount_percent"],
                "tax_rate": l["tax_rate"],
                "unit": l["unit"],
            })
        })
        .collect();
    json!({"currency": document["currency"], "lines": lines})
}

async fn demo_sales_read_back_through_the_api(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let out = seed(&t, "400");
    assert!(out.contains(" 80 deals"), "{out}");

    // The demo's staff own its deals and can be read like any user.
    let users = all(&t, "users").await;
    assert_eq!(users.len(), 9, "the admin and eight demo users");
    let user_ids: HashSet<&str> = users.iter().filter_map(|u| u["id"].as_str()).collect();
    let deals = all(&t, "deals").await;
    assert_eq!(deals.len(), 80);
    for deal in &deals {
        let owner = deal["owner_id"].as_str().unwrap();
        assert!(user_ids.contains(owner), "{deal}");
    }
    let pipelines = all(&t, "pipelines").await;
    assert_eq!(pipelines.len(), 2);
    assert!(deals.iter().any(|d| d["status"] == "won"));
    assert!(deals.iter().any(|d| d["status"] == "lost"));
    assert!(deals.iter().any(|d| d["status"] == "open"));

    // A demo deal takes a change through the API's checks like one made there.
    let deal = &deals[0];
    let id = deal["id"].as_str().unwrap();
    let r = t
        .patch(
            &format!("/api/v1/deals/{id}"),
            &json!({"title": format!("{} (checked)", deal["title"].as_str().unwrap())}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    let mut numbers = HashSet::new();
    let mut checked = 0;
    for resource in ["quotes", "orders", "invoices"] {
        let documents = all(&t, resource).await;
        assert!(!documents.is_empty(), "no {resource}");
        for document in &documents {
            if let Some(number) = document["number"].as_str() {
                assert!(numbers.insert(number.to_string()), "{number} twice");
            }
        }
        // The API prices the same lines to the same amounts.
        for document in documents.iter().take(15) {
            let copy = t.create("quotes", copy_of(document)).await;
            for key in ["subtotal", "tax_total", "total"] {
                assert_eq!(copy[key], document[key], "{key} of {document}");
            }
            assert!(numbers.insert(copy["number"].as_str().unwrap().to_string()));
            checked += 1;
        }
    }
    assert!(checked >= 30);

    // What an invoice has been paid is the sum of its payments.
    let invoices = all(&t, "invoices").await;
    let mut paid_some = 0;
    for invoice in invoices.iter().filter(|i| i["paid"].as_i64() > Some(0)) {
        let id = invoice["id"].as_str().unwrap();
        let payments = all(&t, &format!("invoices/{id}/payments")).await;
        let sum: i64 = payments.iter().map(|p| p["amount"].as_i64().unwrap()).sum();
        assert_eq!(Some(sum), invoice["paid"].as_i64(), "{invoice}");
        paid_some += 1;
    }
    assert!(paid_some > 0);

    // New documents are numbered after the demo's: no number is taken twice.
    let by_status: HashMap<&str, usize> = invoices.iter().fold(HashMap::new(), |mut m, i| {
        *m.entry(i["status"].as_str().unwrap()).or_default() += 1;
        m
    });
    assert!(by_status.contains_key("paid"), "{by_status:?}");
    let fresh = t.create("quotes", copy_of(&invoices[0])).await;
    assert!(numbers.insert(fresh["number"].as_str().unwrap().to_string()));

    // Tasks of deals are on their contacts' and deals' records.
    let tasks = all(&t, "tasks").await;
    assert!(tasks.iter().any(|t| t["deal_id"].is_string()));
    t.stop().await;
}

/// The demo's articles pass the services' rules: sanitised bodies with their text, one
/// translation per language of each original, publication times where published, found
/// by their words, with a history that replays to the stored row; a second run adds none.
async fn the_demo_knowledge_base_reads_back(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let out = seed(&t, "3");
    assert!(out.contains(" 40 articles"), "{out}");
    let categories = all(&t, "kb/categories").await;
    assert_eq!(categories.len(), 5);
    let articles = all(&t, "kb/articles").await;
    assert_eq!(articles.len(), 40);
    let originals: Vec<&Value> = articles
        .iter()
        .filter(|a| a["translation_of"].is_null())
        .collect();
    assert_eq!(originals.len(), 8);
    let mut variants: HashMap<&str, HashSet<&str>> = HashMap::new();
    for a in &articles {
        let body = a["body"].as_str().unwrap();
        assert_eq!(rapport_core::kb::sanitise(body), body);
        assert_eq!(a["body_text"], json!(rapport_core::kb::plain_text(body)));
        assert_eq!(a["published_at"].is_string(), a["status"] != "draft", "{a}");
        let original = a["translation_of"].as_str().or(a["id"].as_str()).unwrap();
        assert!(
            variants
                .entry(original)
                .or_default()
                .insert(a["language"].as_str().unwrap()),
            "one article per language: {a}"
        );
    }
    assert!(variants.values().all(|languages| languages.len() == 5));
    let public = articles
        .iter()
        .filter(|a| a["audience"] == "public")
        .count();
    assert!(public > 0 && public < 40, "{public} public articles");
    let found: Value = t
        .get("/api/v1/kb/articles?q=rechnungsnummer")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["items"].as_array().unwrap().len(), 1, "{found}");
    let id = articles[0]["id"].as_str().unwrap();
    let history: Value = t
        .get(&format!("/api/v1/kb/articles/{id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    let versions: Value = t
        .get(&format!("/api/v1/kb/articles/{id}/versions"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(versions["items"][0]["body"], articles[0]["body"]);
    seed(&t, "1");
    assert_eq!(all(&t, "kb/articles").await.len(), 40);
}
