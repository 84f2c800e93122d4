//! The record API over real HTTP, on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};

on_both_backends! {
    crud_with_etags_and_locations => crud_with_etags_and_locations;
    stale_writes_are_refused => stale_writes_are_refused;
    delete_restore_and_purge => delete_restore_and_purge;
    history_and_as_of => history_and_as_of;
    timeline_lists_interactions_newest_first => timeline_lists_interactions_newest_first;
    tags_are_created_by_use_and_filterable => tags_are_created_by_use_and_filterable;
    custom_fields_are_validated => custom_fields_are_validated;
}

async fn crud_with_etags_and_locations(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t
        .create(
            "companies",
            json!({"name": "Fjord Fisk AS", "domain": "Fjordfisk.NO"}),
        )
        .await;
    assert_eq!(company["domain"], "fjordfisk.no");
    let r = t
        .post(
            "/api/v1/contacts",
            &json!({
                "first_name": "Kari",
                "last_name": "Nordmann",
                "email": "kari@fjordfisk.no",
                "phone": "+47 22 33 44 55",
                "emails": [{"label": "private", "email": "kari@example.org"}],
                "company_id": company["id"],
                "lifecycle_stage": "lead",
            }),
        )
        .await;
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let created: Value = r.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/contacts/{}", created["id"].as_str().unwrap())
    );
    assert_eq!(created["phone"], "+4722334455");
    assert_eq!(created["version"], 1);
    assert_eq!(created["owner_id"], t.admin_id.to_string());

    let r = t.get(&location).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
    let fetched: Value = r.json().await.unwrap();
    assert_eq!(fetched, created);

    let r = t
        .patch(
            &location,
            &json!({"title": "Skipper", "lifecycle_stage": "customer"}),
            Some(&etag),
        )
        .await;
    assert_eq!(r.status(), 200);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["title"], "Skipper");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["first_name"], "Kari");
}

async fn stale_writes_are_refused(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let c = t.create("contacts", json!({"first_name": "Hans"})).await;
    let path = format!("/api/v1/contacts/{}", c["id"].as_str().unwrap());
    let first = t
        .patch(&path, &json!({"title": "CEO"}), Some("\"v1\""))
        .await;
    assert_eq!(first.status(), 200);
    let second = t
        .patch(&path, &json!({"title": "CFO"}), Some("\"v1\""))
        .await;
    assert_eq!(second.status(), 412);
    assert_eq!(second.headers()["content-type"], "application/problem+json");
    assert_eq!(second.headers()["etag"], "\"v2\"");
    let deleted = t
        .request(Method::DELETE, &path, &t.token)
        .header("If-Match", "\"v1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 412);
    let now: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(now["title"], "CEO");
    assert!(now["deleted_at"].is_null());
}

async fn delete_restore_and_purge(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let c = t.create("contacts", json!({"last_name": "García"})).await;
    let id = c["id"].as_str().unwrap();
    let path = format!("/api/v1/contacts/{id}");
    assert_eq!(t.delete(&path).await.status(), 204);
    let gone: Value = t.get(&path).await.json().await.unwrap();
    assert!(gone["deleted_at"].is_string());
    let list: Value = t.get("/api/v1/contacts").await.json().await.unwrap();
    assert!(list["items"].as_array().unwrap().is_empty());
    let trash: Value = t
        .get("/api/v1/contacts?deleted=only")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(trash["items"].as_array().unwrap().len(), 1);
    assert_eq!(t.delete(&path).await.status(), 409);
    let r = t.post(&format!("{path}/restore"), &json!({})).await;
    assert_eq!(r.status(), 200);
    let list: Value = t.get("/api/v1/contacts").await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    let (_, manager) = t
        .user("manager@example.com", rapport_core::policy::Role::Manager)
        .await;
    let r = t
        .request(Method::POST, &format!("{path}/purge"), &manager)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let found = |query: &'static str| {
        let t = &t;
        async move {
            let v: Value = t.get(query).await.json().await.unwrap();
            v["items"].as_array().unwrap().len()
        }
    };
    assert_eq!(found("/api/v1/contacts?q=garcia").await, 1);
    let r = t.post(&format!("{path}/purge"), &json!({})).await;
    assert_eq!(r.status(), 204);
    assert_eq!(t.get(&path).await.status(), 404);
    // Its search document went with it.
    assert_eq!(found("/api/v1/contacts?q=garcia").await, 0);
    assert_eq!(found("/api/v1/contacts?q=garcia&deleted=only").await, 0);
}

async fn history_and_as_of(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let before_creation = rapport_core::clock::format(rapport_core::clock::now());
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let c = t
        .create("contacts", json!({"first_name": "Zofia", "title": "Buyer"}))
        .await;
    let path = format!("/api/v1/contacts/{}", c["id"].as_str().unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let after_creation = rapport_core::clock::format(rapport_core::clock::now());
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    t.patch(&path, &json!({"title": "Head of Purchasing"}), None)
        .await;

    let history: Value = t
        .get(&format!("{path}/history"))
        .await
        .json()
        .await
        .unwrap();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["action"], "create");
    assert_eq!(items[1]["action"], "update");
    assert_eq!(items[1]["actor_id"], t.admin_id.to_string());
    assert_eq!(items[1]["origin"], "api");
    assert_eq!(
        items[1]["changes"],
        json!([{"field": "title", "old": "Buyer", "new": "Head of Purchasing"}])
    );

    let then: Value = t
        .get(&format!(
            "{path}?as_of={}",
            after_creation.replace('+', "%2B")
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(then, c, "as_of returns the record exactly as it was");
    let r = t.get(&format!("{path}?as_of={before_creation}")).await;
    assert_eq!(r.status(), 404);
    let r = t.get(&format!("{path}?as_of=yesterday")).await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "as_of");
}

async fn timeline_lists_interactions_newest_first(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t.create("companies", json!({"name": "Acme GmbH"})).await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Jonas", "company_id": company["id"]}),
        )
        .await;
    for (i, kind) in ["call", "email", "note", "meeting", "sms"]
        .iter()
        .enumerate()
    {
        let direction = if *kind == "note" {
            "internal"
        } else {
            "inbound"
        };
        t.create(
            "interactions",
            json!({
                "kind": kind,
                "direction": direction,
                "occurred_at": format!("2026-0{}-01T10:00:00Z", i + 1),
                "subject": format!("{kind} number {i}"),
                "contact_id": contact["id"],
                "company_id": company["id"],
                "duration_seconds": if *kind == "call" { json!(120) } else { json!(null) },
            }),
        )
        .await;
    }
    let path = format!(
        "/api/v1/contacts/{}/timeline?limit=2",
        contact["id"].as_str().unwrap()
    );
    let mut seen = Vec::new();
    let mut next = path.clone();
    loop {
        let page: Value = t.get(&next).await.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["occurred_at"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => next = format!("{path}&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(seen, sorted);
    let filtered: Value = t
        .get(&format!(
            "/api/v1/companies/{}/timeline?filter[kind]=call",
            company["id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(filtered["items"].as_array().unwrap().len(), 1);
    assert_eq!(filtered["items"][0]["duration_seconds"], 120);
}

async fn tags_are_created_by_use_and_filterable(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    t.create(
        "contacts",
        json!({"first_name": "Ana", "tags": ["vip", "madrid"]}),
    )
    .await;
    t.create("contacts", json!({"first_name": "Ben", "tags": ["madrid"]}))
        .await;
    t.create("contacts", json!({"first_name": "Cai"})).await;
    let tags: Value = t.get("/api/v1/tags").await.json().await.unwrap();
    let names: Vec<_> = tags["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("madrid"), json!("vip")]);
    let count = |v: Value| v["items"].as_array().unwrap().len();
    assert_eq!(
        count(
            t.get("/api/v1/contacts?filter[tags]=vip")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            t.get("/api/v1/contacts?filter[tags]=madrid")
                .await
                .json()
                .await
                .unwrap()
        ),
        2
    );
    assert_eq!(
        count(
            t.get("/api/v1/contacts?filter[tags][ne]=madrid")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            t.get("/api/v1/contacts?filter[tags][is_null]=true")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            t.get("/api/v1/contacts?filter[tags][in]=vip,nothing")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
}

async fn custom_fields_are_validated(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    t.create(
        "custom-fields",
        json!({"entity": "contacts", "key": "tier", "label": "Tier", "field_type": "select", "options": ["gold", "silver"]}),
    )
    .await;
    t.create(
        "custom-fields",
        json!({"entity": "contacts", "key": "budget", "label": "Budget", "field_type": "money"}),
    )
    .await;
    let r = t
        .post(
            "/api/v1/custom-fields",
            &json!({"entity": "contacts", "key": "tier", "label": "Again", "field_type": "text"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "key");

    let c = t
        .create(
            "contacts",
            json!({"first_name": "Ola", "custom": {"tier": "gold", "budget": {"amount_minor": 150000, "currency": "NOK"}}}),
        )
        .await;
    assert_eq!(c["custom"]["tier"], "gold");
    let path = format!("/api/v1/contacts/{}", c["id"].as_str().unwrap());
    let r = t
        .patch(&path, &json!({"custom": {"tier": "bronze"}}), None)
        .await;
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "custom.tier");
    let r = t
        .patch(&path, &json!({"custom": {"budget": null}}), None)
        .await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["custom"], json!({"tier": "gold"}));
}

on_both_backends! {
    merging_contacts_moves_everything => merging_contacts_moves_everything;
}

async fn merging_contacts_moves_everything(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let keep = t
        .create("contacts", json!({"first_name": "Marta", "last_name": "Nowak", "email": "marta@firma.pl", "tags": ["a"]}))
        .await;
    let dupe = t
        .create(
            "contacts",
            json!({"first_name": "M.", "email": "m.nowak@example.com", "phone": "+48 22 123 45 67", "title": "CFO", "tags": ["b", "a"]}),
        )
        .await;
    let keep_id = keep["id"].as_str().unwrap();
    let dupe_id = dupe["id"].as_str().unwrap();
    t.create(
        "interactions",
        json!({"kind": "note", "body": "on the duplicate", "contact_id": dupe_id}),
    )
    .await;

    let r = t
        .post(
            &format!("/api/v1/contacts/{keep_id}/merge"),
            &json!({"from": keep_id}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = t
        .post(
            &format!("/api/v1/contacts/{keep_id}/merge"),
            &json!({"from": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(r.status(), 422);

    let r = t
        .post(
            &format!("/api/v1/contacts/{keep_id}/merge"),
            &json!({"from": dupe_id}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let merged: Value = r.json().await.unwrap();
    assert_eq!(
        merged["first_name"], "Marta",
        "the survivor keeps its values"
    );
    assert_eq!(merged["title"], "CFO", "and fills its gaps");
    assert_eq!(merged["phone"], "+48221234567");
    assert_eq!(merged["tags"], json!(["a", "b"]));
    assert_eq!(merged["emails"], json!([{"email": "m.nowak@example.com"}]));

    let timeline: Value = t
        .get(&format!("/api/v1/contacts/{keep_id}/timeline"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(timeline["items"].as_array().unwrap().len(), 1);
    let gone: Value = t
        .get(&format!("/api/v1/contacts/{dupe_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(gone["deleted_at"].is_string());
    let history: Value = t
        .get(&format!("/api/v1/contacts/{keep_id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"][1]["action"], "merge");
}
