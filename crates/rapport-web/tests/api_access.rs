//! Authentication, roles, team visibility and token scopes; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};

on_both_backends! {
    requests_need_a_valid_token => requests_need_a_valid_token;
    agents_see_their_teams_records => agents_see_their_teams_records;
    viewers_read_and_scopes_narrow => viewers_read_and_scopes_narrow;
}

async fn requests_need_a_valid_token(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let r = t
        .client
        .get(t.url("/api/v1/contacts"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = t
        .request(Method::GET, "/api/v1/contacts", "rpt_wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let (row, token) = rapport_app::auth::create_token(
        &t.app,
        &rapport_app::Ctx::system(),
        t.admin_id,
        "short-lived",
        &[],
    )
    .await
    .unwrap();
    let ok = t
        .request(Method::GET, "/api/v1/contacts", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    rapport_app::auth::revoke_token(&t.app, &rapport_app::Ctx::system(), row.id)
        .await
        .unwrap();
    let r = t
        .request(Method::GET, "/api/v1/contacts", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    // A token works only while its user is active and not deleted.
    let (agent, agent_token) = t.user("ines@example.com", Role::Agent).await;
    let status = |token: String| {
        let request = t.request(Method::GET, "/api/v1/contacts", &token);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status(agent_token.clone()).await, 200);
    let user = format!("/api/v1/users/{agent}");
    let off = t.patch(&user, &json!({"active": false}), None).await;
    assert_eq!(off.status(), 200);
    assert_eq!(status(agent_token.clone()).await, 401);
    let on = t.patch(&user, &json!({"active": true}), None).await;
    assert_eq!(on.status(), 200);
    assert_eq!(status(agent_token.clone()).await, 200);
    assert_eq!(t.delete(&user).await.status(), 204);
    assert_eq!(status(agent_token).await, 401);

    // Repeated failures from one address are slowed down.
    let mut last = 0;
    for _ in 0..25 {
        last = t
            .request(Method::GET, "/api/v1/contacts", "rpt_guess")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
}

async fn agents_see_their_teams_records(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (anna, anna_token) = t.user("anna@example.com", Role::Agent).await;
    let (bo, bo_token) = t.user("bo@example.com", Role::Agent).await;
    let (cy, cy_token) = t.user("cy@example.com", Role::Agent).await;
    t.create("teams", json!({"name": "North", "members": [anna, bo]}))
        .await;

    let as_user = |token: &str, method: Method, path: &str| t.request(method, path, token);
    let r = as_user(&anna_token, Method::POST, "/api/v1/contacts")
        .json(&json!({"first_name": "Anna's lead"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let lead: Value = r.json().await.unwrap();
    let lead_path = format!("/api/v1/contacts/{}", lead["id"].as_str().unwrap());
    let r = as_user(&anna_token, Method::POST, "/api/v1/interactions")
        .json(&json!({"kind": "note", "body": "Met at the fair", "contact_id": lead["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    t.create(
        "contacts",
        json!({"first_name": "Unowned", "owner_id": null}),
    )
    .await;

    let names = |v: Value| -> Vec<String> {
        let mut n: Vec<String> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["first_name"].as_str().unwrap_or("").to_string())
            .collect();
        n.sort();
        n
    };
    let bo_sees: Value = as_user(&bo_token, Method::GET, "/api/v1/contacts")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(names(bo_sees), vec!["Anna's lead", "Unowned"]);
    let cy_sees: Value = as_user(&cy_token, Method::GET, "/api/v1/contacts")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(names(cy_sees), vec!["Unowned"]);
    let admin_sees: Value = t.get("/api/v1/contacts").await.json().await.unwrap();
    assert_eq!(names(admin_sees).len(), 2);

    for path in [
        lead_path.clone(),
        format!("{lead_path}/history"),
        format!("{lead_path}/timeline"),
        format!("{lead_path}?as_of=2030-01-01T00:00:00Z"),
    ] {
        let r = as_user(&cy_token, Method::GET, &path).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let r = as_user(&bo_token, Method::GET, &path).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let r = as_user(&cy_token, Method::GET, "/api/v1/interactions")
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(v["items"].as_array().unwrap().is_empty());
    let r = as_user(&cy_token, Method::GET, "/api/v1/contacts?q=anna")
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert!(v["items"].as_array().unwrap().is_empty());
    let r = as_user(&cy_token, Method::PATCH, &lead_path)
        .json(&json!({"title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = as_user(&cy_token, Method::DELETE, &lead_path)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Cy cannot link to what Cy cannot see, nor hand records to another team.
    let r = as_user(&cy_token, Method::POST, "/api/v1/interactions")
        .json(&json!({"kind": "note", "contact_id": lead["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = as_user(&cy_token, Method::POST, "/api/v1/contacts")
        .json(&json!({"first_name": "Gift", "owner_id": anna}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let _ = (bo, cy);
}

async fn viewers_read_and_scopes_narrow(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (_, viewer) = t.user("vera@example.com", Role::Viewer).await;
    let r = t
        .request(Method::GET, "/api/v1/contacts", &viewer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = t
        .request(Method::POST, "/api/v1/contacts", &viewer)
        .json(&json!({"first_name": "No"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let r = t
        .request(Method::POST, "/api/v1/custom-fields", &agent)
        .json(&json!({"entity": "contacts", "key": "x", "label": "X", "field_type": "text"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = t
        .request(Method::POST, "/api/v1/users", &agent)
        .json(&json!({"email": "new@example.com", "name": "New", "role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let (_, read_only) = rapport_app::auth::create_token(
        &t.app,
        &rapport_app::Ctx::system(),
        t.admin_id,
        "reader",
        &["read".to_string()],
    )
    .await
    .unwrap();
    let r = t
        .request(Method::GET, "/api/v1/companies", &read_only)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = t
        .request(Method::POST, "/api/v1/companies", &read_only)
        .json(&json!({"name": "Nope Ltd"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

on_both_backends! {
    passwords_give_tokens_and_failures_are_limited => passwords_give_tokens;
}

async fn passwords_give_tokens(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let login = |email: &str, password: &str| {
        t.client
            .post(t.url("/api/v1/auth/token"))
            .json(&json!({"email": email, "password": password, "name": "cli"}))
            .send()
    };
    let r = login("ADMIN@example.com", "correct horse battery")
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    let token = body["token"].as_str().unwrap();
    assert!(token.starts_with("rpt_"));
    let r = t
        .request(Method::GET, "/api/v1/contacts", token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = login("admin@example.com", "wrong").await.unwrap();
    assert_eq!(r.status(), 401);
    let r = login("nobody@example.com", "correct horse battery")
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let mut last = 0;
    for _ in 0..20 {
        last = login("admin@example.com", "guess")
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
    // Even the right password waits once the address is blocked.
    let r = login("admin@example.com", "correct horse battery")
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
}
