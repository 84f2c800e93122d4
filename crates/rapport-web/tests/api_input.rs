//! Bad input gets a clear 4xx problem and writes nothing; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};

on_both_backends! {
    bad_bodies_get_problem_details => bad_bodies_get_problem_details;
    bad_queries_get_problem_details => bad_queries_get_problem_details;
    failed_writes_leave_nothing_behind => failed_writes_leave_nothing_behind;
}

async fn problem(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "{body}"
    );
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string() && body["detail"].is_string());
    (status, body)
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            // Every field error names its problem by a stable code besides the English text.
            let code = e["code"].as_str().unwrap_or_default();
            assert!(
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{e}"
            );
            e["field"].as_str().unwrap().to_string()
        })
        .collect()
}

async fn bad_bodies_get_problem_details(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let raw = |body: &'static str, content_type: &'static str| {
        t.request(Method::POST, "/api/v1/contacts", &t.token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let (s, _) = problem(raw("{\"first_name\": ", "application/json").await.unwrap()).await;
    assert_eq!(s, 400);
    let (s, _) = problem(raw("", "application/json").await.unwrap()).await;
    assert_eq!(s, 400);
    let (s, _) = problem(
        raw("first_name=x", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 415);
    let big = format!("{{\"first_name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    // The server closes a connection whose body it refused, so this uses a client of its own.
    let r = reqwest::Client::new()
        .post(t.url("/api/v1/contacts"))
        .bearer_auth(&t.token)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(r).await.0, 413);

    let cases = [
        (json!({"first_name": "A", "nick": "x"}), "nick"),
        (json!({"first_name": 12}), "first_name"),
        (json!({"first_name": "A", "email": "not-an-email"}), "email"),
        (json!({"first_name": "A", "phone": "555-1234"}), "phone"),
        (json!({"first_name": "A".repeat(101)}), "first_name"),
        (json!({"first_name": "A", "company_id": "12"}), "company_id"),
        (
            json!({"first_name": "A", "company_id": uuid::Uuid::now_v7()}),
            "company_id",
        ),
        (
            json!({"first_name": "A", "owner_id": uuid::Uuid::now_v7()}),
            "owner_id",
        ),
        (
            json!({"first_name": "A", "lifecycle_stage": "royalty"}),
            "lifecycle_stage",
        ),
        (
            json!({"first_name": "A", "custom": {"nope": 1}}),
            "custom.nope",
        ),
        (json!({"first_name": "A", "tags": "vip"}), "tags"),
        (json!({"first_name": "A", "id": uuid::Uuid::now_v7()}), "id"),
        (json!({"first_name": "A", "version": 7}), "version"),
        (json!({"title": "CEO"}), "first_name"),
        (json!([1, 2]), ""),
    ];
    for (body, field) in cases {
        let (status, p) = problem(t.post("/api/v1/contacts", &body).await).await;
        assert_eq!(status, 422, "{body} -> {p}");
        assert!(fields(&p).contains(&field.to_string()), "{body} -> {p}");
    }
    let (status, p) = problem(
        t.post(
            "/api/v1/interactions",
            &json!({"kind": "call", "occurred_at": "soon", "duration_seconds": -1}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    let f = fields(&p);
    for expected in ["occurred_at", "duration_seconds"] {
        assert!(f.contains(&expected.to_string()), "{p}");
    }
    let code_of = |field: &str| {
        p["errors"]
            .as_array()
            .and_then(|all| all.iter().find(|e| e["field"] == field))
            .map(|e| e["code"].clone())
    };
    assert_eq!(code_of("occurred_at"), Some(json!("not-a-time")), "{p}");
    let (status, p) = problem(
        t.post("/api/v1/interactions", &json!({"kind": "call"}))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(fields(&p), vec!["contact_id"]);

    let (status, _) = problem(t.get("/api/v1/contacts/not-a-uuid").await).await;
    assert_eq!(status, 400);
    let (status, _) = problem(
        t.get(&format!("/api/v1/contacts/{}", uuid::Uuid::now_v7()))
            .await,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = problem(t.get("/api/v1/ships").await).await;
    assert_eq!(status, 404);
}

async fn bad_queries_get_problem_details(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    for (query, field) in [
        ("filter[password_hash]=x", "filter[password_hash]"),
        ("filter[email][like]=x", "filter[email][like]"),
        ("filter[created_at][gt]=later", "filter[created_at][gt]"),
        ("filter[company_id]=nope", "filter[company_id]"),
        ("sort=password_hash", "sort"),
        ("sort=-custom", "sort"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("cursor=garbage!", "cursor"),
        ("colour=red", "colour"),
    ] {
        let (status, p) = problem(t.get(&format!("/api/v1/contacts?{query}")).await).await;
        assert_eq!(status, 400, "{query} -> {p}");
        assert_eq!(fields(&p), vec![field.to_string()], "{query}");
    }
    let long = "a".repeat(201);
    let (status, p) = problem(t.get(&format!("/api/v1/contacts?q={long}")).await).await;
    assert_eq!(status, 400);
    assert_eq!(fields(&p), vec!["q".to_string()]);
}

async fn failed_writes_leave_nothing_behind(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    // The tag would be created on the way, but the contact fails: neither may remain.
    let r = t
        .post(
            "/api/v1/contacts",
            &json!({"first_name": "A", "tags": ["fresh"], "owner_id": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let contacts: Value = t.get("/api/v1/contacts").await.json().await.unwrap();
    assert!(contacts["items"].as_array().unwrap().is_empty());
    let tags: Value = t.get("/api/v1/tags").await.json().await.unwrap();
    assert!(tags["items"].as_array().unwrap().is_empty());

    let c = t
        .create(
            "contacts",
            json!({"first_name": "Kept", "email": "kept@example.com"}),
        )
        .await;
    let path = format!("/api/v1/contacts/{}", c["id"].as_str().unwrap());
    let r = t
        .patch(&path, &json!({"title": "New", "email": "broken"}), None)
        .await;
    assert_eq!(r.status(), 422);
    let now: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(now, c, "a refused update changes nothing");
    let history: Value = t
        .get(&format!("{path}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
}
