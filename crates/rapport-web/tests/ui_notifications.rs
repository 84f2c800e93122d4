//! Notifications: made in the change's own transaction when someone else makes you a
//! record's owner or logs an interaction on a record you own; shown behind the layout's
//! bell, marked read one by one, by following them, or all at once; and the same over
//! the API. Nobody hears of their own actions or reads anyone else's notifications.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, input_value};

/// The bell's accessible label and drawn count in a page.
fn bell(html: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(html);
    let link = doc
        .select(&Selector::parse(".topbar .bell a[href=\"/notifications\"]").unwrap())
        .next()
        .expect("the layout has the bell");
    let label = link.value().attr("aria-label").unwrap().to_string();
    let count = link
        .select(&Selector::parse(".count").unwrap())
        .next()
        .map(|c| c.text().collect());
    (label, count)
}

/// The notifications listed on the page: (text, unread, the id in its forms).
fn listed(html: &str) -> Vec<(String, bool, String)> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse("ul.notifications > li").unwrap())
        .map(|li| {
            let button = li
                .select(&Selector::parse("form[action$=\"/open\"] button").unwrap())
                .next()
                .unwrap();
            let action = li
                .select(&Selector::parse("form[action$=\"/open\"]").unwrap())
                .next()
                .unwrap()
                .value()
                .attr("action")
                .unwrap();
            let id = action.split('/').nth(2).unwrap().to_string();
            let unread = li.value().attr("class") == Some("unread");
            (button.text().collect(), unread, id)
        })
        .collect()
}

async fn api(t: &TestApp, token: &str, method: Method, path: &str) -> (StatusCode, Value) {
    let r = t.request(method, path, token).send().await.unwrap();
    let status = r.status();
    let body = r.text().await.unwrap();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

on_both_backends! {
    owners_and_interactions_notify_others_never_oneself => notify;
    the_api_lists_and_marks_only_the_callers_own => api_flow;
}

async fn notify(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (ewa, ewa_token) = t.user("ewa@example.com", Role::Agent).await;
    rapport_app::auth::set_password(
        &t.app,
        &rapport_app::Ctx::system(),
        ewa,
        "ewa long password",
    )
    .await
    .unwrap();
    let mut b = Browser::new(&t);
    b.sign_in("ewa@example.com", "ewa long password").await;
    let (_, html, _) = b.get("/contacts").await;
    assert_eq!(bell(&html), ("Notifications".to_string(), None));

    // Ewa's own records and her own interactions tell her nothing.
    let own = t
        .request(Method::POST, "/api/v1/contacts", &ewa_token)
        .json(&json!({"first_name": "Own"}))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::CREATED);
    let own: Value = own.json().await.unwrap();
    let r = t
        .request(Method::POST, "/api/v1/interactions", &ewa_token)
        .json(&json!({"kind": "note", "contact_id": own["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);

    // The admin makes her the owner of a new company and, by a change, of a contact.
    let company = t
        .create(
            "companies",
            json!({"name": "Fjord Fisk AS", "owner_id": ewa}),
        )
        .await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann"}),
        )
        .await;
    let contact_id = contact["id"].as_str().unwrap();
    let r = t
        .patch(
            &format!("/api/v1/contacts/{contact_id}"),
            &json!({"owner_id": ewa}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Saving it again with the same owner is no news.
    let r = t
        .patch(
            &format!("/api/v1/contacts/{contact_id}"),
            &json!({"title": "Buyer"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // A call logged on her contact and her company tells her once, about the contact.
    t.create(
        "interactions",
        json!({"kind": "call", "direction": "inbound", "subject": "Prices", "contact_id": contact_id, "company_id": company["id"]}),
    )
    .await;
    // An interaction on a record she does not own is not hers to hear of.
    let other = t.create("contacts", json!({"first_name": "Ola"})).await;
    t.create(
        "interactions",
        json!({"kind": "note", "contact_id": other["id"]}),
    )
    .await;

    let (_, html, _) = b.get("/contacts").await;
    assert_eq!(
        bell(&html),
        ("Notifications, 3 unread".to_string(), Some("3".to_string()))
    );
    // The bell alone, as the layout refreshes it.
    let (status, part, _) = b.get("/notifications/bell").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        part.contains("aria-label=\"Notifications, 3 unread\""),
        "{part}"
    );
    assert!(!part.contains("<html"));

    let (status, html, _) = b.get("/notifications").await;
    assert_eq!(status, StatusCode::OK);
    let items = listed(&html);
    let texts: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ada Admin logged an interaction with your contact Kari Nordmann.",
            "Ada Admin made you the owner of the contact Kari Nordmann.",
            "Ada Admin made you the owner of the company Fjord Fisk AS.",
        ]
    );
    assert!(items.iter().all(|i| i.1), "all unread");
    assert!(
        html.contains(">Call</span>"),
        "the interaction's kind is shown"
    );
    let csrf = input_value(&html, "_csrf");

    // Following one goes to its record and marks it read.
    let (status, _, location) = b
        .post(
            &format!("/notifications/{}/open", items[2].2),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some(format!("/companies/{}", company["id"].as_str().unwrap()).as_str())
    );
    // Marking one read.
    let (status, _, location) = b
        .post(
            &format!("/notifications/{}/read", items[1].2),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/notifications"));
    let (_, html, _) = b.get("/notifications").await;
    let unread: Vec<bool> = listed(&html).iter().map(|i| i.1).collect();
    assert_eq!(unread, [true, false, false]);
    assert_eq!(bell(&html).1.as_deref(), Some("1"));
    let (_, html, _) = b.get("/notifications?unread=true").await;
    assert_eq!(listed(&html).len(), 1);

    // In her language, too.
    b.lang = "pl";
    rapport_app::records::update_own_profile(
        &t.app,
        &rapport_app::Ctx::new(
            rapport_app::auth::actor_for_token(&t.app, &ewa_token)
                .await
                .unwrap(),
            rapport_app::Origin::Ui,
        ),
        &json!({"locale": "pl"}),
    )
    .await
    .unwrap();
    let (_, html, _) = b.get("/notifications").await;
    assert_eq!(
        bell(&html).0,
        "Powiadomienia, nieprzeczytane: 1".to_string()
    );
    assert!(html.contains("Ada Admin przypisał(a) Ci firmę Fjord Fisk AS."));

    // Someone else cannot mark hers read; marking all clears the bell.
    let mut admin = Browser::new(&t);
    admin.sign_in_admin().await;
    let admin_csrf = admin.csrf().await;
    let (status, _, _) = admin
        .post(
            &format!("/notifications/{}/read", items[0].2),
            &[("_csrf", &admin_csrf)],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, html, _) = admin.get("/notifications").await;
    assert!(listed(&html).is_empty(), "the admin has none of hers");
    let (status, _, _) = b.post("/notifications/read-all", &[("_csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get("/contacts").await;
    assert_eq!(bell(&html).1, None);

    // A bulk change of owner from the list notifies too.
    let (_, html, _) = admin.get("/contacts").await;
    let admin_csrf2 = input_value(&html, "_csrf");
    let (status, _, _) = admin
        .post(
            "/contacts/bulk",
            &[
                ("_csrf", admin_csrf2.as_str()),
                ("action", "owner"),
                ("owner_id", &ewa.to_string()),
                ("ids", other["id"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get("/contacts").await;
    assert_eq!(bell(&html).1.as_deref(), Some("1"));
}

async fn api_flow(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (ewa, ewa_token) = t.user("ewa@example.com", Role::Agent).await;
    let (_, lars_token) = t.user("lars@example.com", Role::Agent).await;
    for name in ["Anna", "Bea", "Cid"] {
        t.create("contacts", json!({"first_name": name, "owner_id": ewa}))
            .await;
    }
    let (status, page) = api(&t, &ewa_token, Method::GET, "/api/v1/notifications").await;
    assert_eq!(status, StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["record_name"], "Cid", "newest first");
    assert_eq!(items[0]["kind"], "owner");
    assert_eq!(items[0]["record_type"], "contacts");
    assert_eq!(items[0]["actor_id"], json!(t.admin_id));
    assert_eq!(items[0]["read_at"], Value::Null);
    assert_eq!(page["next_cursor"], Value::Null);

    // Paging with a cursor.
    let (_, first) = api(&t, &ewa_token, Method::GET, "/api/v1/notifications?limit=2").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, rest) = api(
        &t,
        &ewa_token,
        Method::GET,
        &format!("/api/v1/notifications?limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(rest["items"][0]["record_name"], "Anna");
    assert_eq!(rest["next_cursor"], Value::Null);

    // Lars has none, and may not mark Ewa's.
    let id = items[1]["id"].as_str().unwrap();
    let (_, lars) = api(&t, &lars_token, Method::GET, "/api/v1/notifications").await;
    assert_eq!(lars["items"], json!([]));
    let (status, problem) = api(
        &t,
        &lars_token,
        Method::POST,
        &format!("/api/v1/notifications/{id}/read"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");

    let (status, read) = api(
        &t,
        &ewa_token,
        Method::POST,
        &format!("/api/v1/notifications/{id}/read"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(read["read_at"].is_string());
    let (_, unread) = api(
        &t,
        &ewa_token,
        Method::GET,
        "/api/v1/notifications?unread=true",
    )
    .await;
    let names: Vec<&str> = unread["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["record_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Cid", "Anna"]);

    // Bad parameters are a 400 that names them.
    for (query, field) in [
        ("unread=maybe", "unread"),
        ("limit=0", "limit"),
        ("cursor=nope", "cursor"),
        ("colour=red", "colour"),
    ] {
        let (status, problem) = api(
            &t,
            &ewa_token,
            Method::GET,
            &format!("/api/v1/notifications?{query}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(problem["errors"][0]["field"], field, "{query}");
    }
    let (status, _) = api(
        &t,
        &ewa_token,
        Method::POST,
        "/api/v1/notifications/nope/read",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A read-only token reads them but does not mark them.
    let (_, read_only) = rapport_app::auth::create_token(
        &t.app,
        &rapport_app::Ctx::system(),
        ewa,
        "reader",
        &["read".to_string()],
    )
    .await
    .unwrap();
    let (status, _) = api(&t, &read_only, Method::GET, "/api/v1/notifications").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api(
        &t,
        &read_only,
        Method::POST,
        "/api/v1/notifications/read-all",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, done) = api(
        &t,
        &ewa_token,
        Method::POST,
        "/api/v1/notifications/read-all",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(done, json!({"marked": 2}));
    let (_, unread) = api(
        &t,
        &ewa_token,
        Method::GET,
        "/api/v1/notifications?unread=true",
    )
    .await;
    assert_eq!(unread["items"], json!([]));
    let (status, _) = api(&t, "rpt_unknown", Method::GET, "/api/v1/notifications").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
