//! The public lead form: an administrator turns it on and gets the snippet; visitors
//! from other sites post leads; robots and floods are turned away; bad input is shown
//! in the form; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::Value;
use support::Browser;

on_both_backends! {
    visitors_leave_leads_through_the_public_form => visitors_leave_leads;
    robots_floods_and_old_addresses_are_turned_away => robots_and_floods;
}

/// Turns the form on as the admin and returns its address path.
async fn enable(t: &TestApp, owner: Option<&str>, thanks: &str) -> String {
    let mut admin = Browser::new(t);
    admin.sign_in_admin().await;
    let csrf = admin.csrf().await;
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("enabled", "true"),
        ("thank_you_url", thanks),
    ];
    if let Some(owner) = owner {
        form.push(("owner_id", owner));
    }
    let (status, body, _) = admin.post("/settings/web-form", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, html, _) = admin.get("/settings/web-form").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    let link = doc
        .select(&Selector::parse("#wf-embed ~ p a").unwrap())
        .next()
        .expect("the form's address")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let snippet = doc
        .select(&Selector::parse("#wf-snippet").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    // The snippet is shown as text, and posts to the form's address.
    assert!(snippet.contains(&format!("action=\"{link}\"")), "{snippet}");
    assert!(!html.contains("<form method=\"post\" action=\"http"));
    link.split_once("/forms/")
        .map(|(_, rest)| format!("/forms/{rest}"))
        .unwrap()
}

async fn leads(t: &TestApp) -> Vec<Value> {
    let page: Value = t.get("/api/v1/leads").await.json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

/// Posts a form from another website, as a visitor's browser would.
async fn visit(t: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(t.url(path))
        .header("origin", "https://www.havbris.no")
        .header("sec-fetch-site", "cross-site")
        .header("accept-language", "nb-NO,nb;q=0.9")
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn visitors_leave_leads(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, _) = t.user("agent@example.com", Role::Agent).await;
    let path = enable(&t, Some(&agent.to_string()), "").await;

    // The hosted page shows the form in the visitor's language, with the hidden trap.
    let r = t
        .client
        .get(t.url(&path))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Vorname"), "German labels");
    assert!(html.contains("name=\"website\""));

    let r = visit(
        &t,
        &path,
        &[
            ("first_name", "Ingrid"),
            ("last_name", "Berg"),
            ("email", "ingrid@havbris.no"),
            ("company_name", "Havbris AS"),
            ("message", "<script>alert(1)</script> 40 seats, please"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Takk"), "Norwegian thanks");
    let made = leads(&t).await;
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["source"], "web_form");
    assert_eq!(made[0]["status"], "new");
    assert_eq!(made[0]["owner_id"], Value::String(agent.to_string()));
    assert_eq!(
        made[0]["message"],
        "<script>alert(1)</script> 40 seats, please"
    );

    // Without a way to answer the visitor, nothing is stored and the form says why,
    // keeping what was typed.
    let r = visit(&t, &path, &[("first_name", "Nils"), ("message", "Call me")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let doc = Html::parse_document(&html);
    let email = doc
        .select(&Selector::parse("#wf-email").unwrap())
        .next()
        .unwrap();
    assert_eq!(email.value().attr("aria-invalid"), Some("true"));
    assert!(
        html.contains("e-postadresse"),
        "the problem in Norwegian: {html}"
    );
    assert!(html.contains("value=\"Nils\""));
    let r = visit(&t, &path, &[("email", "not an address")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = visit(&t, &path, &[("email", "a@b.no"), ("colour", "red")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("colour"));
    assert_eq!(leads(&t).await.len(), 1);

    // With a thank-you page, visitors are sent there.
    let path = enable(&t, None, "https://www.havbris.no/takk").await;
    let r = visit(&t, &path, &[("phone", "+47 912 34 567")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "https://www.havbris.no/takk");
    let made = leads(&t).await;
    assert_eq!(made.len(), 2);
    assert!(
        made.iter()
            .any(|l| l["phone"] == "+4791234567" && l["owner_id"].is_null())
    );
}

async fn robots_and_floods(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    // Before an administrator turns it on, there is no form.
    let r = t
        .client
        .get(t.url("/forms/lead/anything"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let path = enable(&t, None, "").await;

    // A robot fills the hidden field: it hears success, and nothing is stored.
    let r = visit(
        &t,
        &path,
        &[("email", "bot@spam.example"), ("website", "http://spam")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(leads(&t).await.is_empty());

    // A flood from one address is cut off.
    let mut statuses = Vec::new();
    for i in 0..25 {
        let email = format!("flood{i}@example.com");
        statuses.push(
            visit(&t, &path, &[("email", email.as_str())])
                .await
                .status(),
        );
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let stored = leads(&t).await.len();
    assert!(stored < 25, "{stored}");

    // A new address shuts out the old one.
    let mut admin = Browser::new(&t);
    admin.sign_in_admin().await;
    let csrf = admin.csrf().await;
    let (status, _, _) = admin
        .post(
            "/settings/web-form",
            &[
                ("_csrf", &csrf),
                ("enabled", "true"),
                ("replace_key", "true"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let r = t.client.get(t.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // A thank-you address that is no web page is refused in the form.
    let (status, body, _) = admin
        .post(
            "/settings/web-form",
            &[
                ("_csrf", &csrf),
                ("enabled", "true"),
                ("thank_you_url", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("role=\"alert\""));
}
