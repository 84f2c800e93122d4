//! Leads, pipelines, deals, products and price lists over the API; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};

on_both_backends! {
    a_fresh_install_has_a_pipeline => a_fresh_install_has_a_pipeline;
    deals_move_through_their_pipeline => deals_move_through_their_pipeline;
    deals_are_won_or_lost_once => deals_are_won_or_lost_once;
    leads_need_a_way_to_reach_them => leads_need_a_way_to_reach_them;
    the_catalogue_keeps_exact_rates => the_catalogue_keeps_exact_rates;
    agents_use_pipelines_and_managers_keep_them => agents_use_pipelines_and_managers_keep_them;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The field names an error response lists.
async fn error_fields(r: reqwest::Response) -> Vec<String> {
    let body: Value = r.json().await.unwrap();
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

async fn first_pipeline(t: &TestApp) -> Value {
    let page: Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    page["items"][0].clone()
}

async fn a_fresh_install_has_a_pipeline(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let page: Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let stages = items[0]["stages"].as_array().unwrap();
    assert!(stages.len() >= 3);
    let chances: Vec<i64> = stages
        .iter()
        .map(|s| s["probability"].as_i64().unwrap())
        .collect();
    assert!(chances.windows(2).all(|w| w[0] < w[1]), "{chances:?}");
    // It has a history like any record.
    let history: Value = t
        .get(&format!("/api/v1/pipelines/{}/history", id(&items[0])))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    // Deleting it does not bring it back on the next start.
    rapport_app::sales::ensure_default_pipeline(&t.app)
        .await
        .unwrap();
    let again: Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    assert_eq!(again["items"].as_array().unwrap().len(), 1);
}

async fn deals_move_through_their_pipeline(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let pipeline = first_pipeline(&t).await;
    let stages: Vec<String> = pipeline["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_string())
        .collect();
    let company = t.create("companies", json!({"name": "Havbris AS"})).await;
    let deal = t
        .create(
            "deals",
            json!({"title": "40 licences", "amount": 4_800_000, "currency": "NOK", "company_id": id(&company), "expected_close": "2026-06-30"}),
        )
        .await;
    assert_eq!(deal["pipeline_id"], pipeline["id"]);
    assert_eq!(deal["stage"], json!(stages[0]));
    assert_eq!(deal["status"], "open");
    assert!(deal["stage_entered_at"].is_string());
    assert!(deal["closed_at"].is_null());

    // A stage of another pipeline, or none at all, is refused and changes nothing.
    let path = format!("/api/v1/deals/{}", id(&deal));
    let r = t.patch(&path, &json!({"stage": "nowhere"}), None).await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["stage"]);
    let other = t
        .create(
            "pipelines",
            json!({"name": "Renewals", "position": 1, "stages": [{"key": "due", "name": "Due", "probability": 60}, {"key": "sent", "name": "Sent", "probability": 80}]}),
        )
        .await;
    let r = t.patch(&path, &json!({"stage": "due"}), None).await;
    assert_eq!(r.status(), 422);
    let unchanged: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(unchanged["version"], deal["version"]);

    let moved: Value = t
        .patch(&path, &json!({"stage": stages[2]}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved["stage"], json!(stages[2]));
    assert!(moved["stage_entered_at"].as_str() >= deal["stage_entered_at"].as_str());
    // Moving to another pipeline without a stage starts at its first stage.
    let across: Value = t
        .patch(&path, &json!({"pipeline_id": id(&other)}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(across["stage"], "due");
    // The history tells each stage the deal was in.
    let history: Value = t
        .get(&format!("{path}/history"))
        .await
        .json()
        .await
        .unwrap();
    let stage_changes: Vec<&Value> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["changes"].as_array().unwrap())
        .filter(|c| c["field"] == "stage")
        .map(|c| &c["new"])
        .collect();
    assert_eq!(
        stage_changes,
        [&json!(stages[0]), &json!(stages[2]), &json!("due")]
    );
    // Unknown pipelines and contacts are named.
    let r = t
        .post(
            "/api/v1/deals",
            &json!({"title": "x", "pipeline_id": "01900000-0000-7000-8000-000000000000", "contact_ids": ["01900000-0000-7000-8000-000000000001"]}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["pipeline_id"]);
    let r = t
        .post(
            "/api/v1/deals",
            &json!({"title": "x", "contact_ids": ["01900000-0000-7000-8000-000000000001"]}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["contact_ids"]);
}

async fn deals_are_won_or_lost_once(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let deal = t.create("deals", json!({"title": "Pilot"})).await;
    let path = format!("/api/v1/deals/{}", id(&deal));
    let r = t
        .patch(&path, &json!({"lost_reason": "Too expensive"}), None)
        .await;
    assert_eq!(r.status(), 422, "an open deal has no lost reason");
    let won: Value = t
        .patch(&path, &json!({"status": "won"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(won["status"], "won");
    assert!(won["closed_at"].is_string());
    let r = t.patch(&path, &json!({"status": "won"}), None).await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("already won"));
    let still: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(still["version"], won["version"]);
    // Reopened, it is open again with no close time; then lost, with its reason.
    let open: Value = t
        .patch(&path, &json!({"status": "open"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(open["closed_at"].is_null());
    let lost: Value = t
        .patch(
            &path,
            &json!({"status": "lost", "lost_reason": "Chose a competitor"}),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lost["lost_reason"], "Chose a competitor");
    assert!(lost["closed_at"].is_string());
    let reopened: Value = t
        .patch(&path, &json!({"status": "open"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(reopened["lost_reason"].is_null());
    // Deals are found by their title.
    let found: Value = t.get("/api/v1/deals?q=pilot").await.json().await.unwrap();
    assert_eq!(found["items"][0]["id"], deal["id"]);
}

async fn leads_need_a_way_to_reach_them(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let r = t
        .post("/api/v1/leads", &json!({"title": "Head of IT"}))
        .await;
    assert_eq!(r.status(), 422);
    let r = t
        .post(
            "/api/v1/leads",
            &json!({"email": "ingrid@havbris.no", "status": "converted"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["status"]);
    let r = t
        .post(
            "/api/v1/leads",
            &json!({"email": "ingrid@havbris.no", "contact_id": "01900000-0000-7000-8000-000000000000"}),
        )
        .await;
    assert_eq!(r.status(), 422, "conversion links are Rapport's to set");
    let lead = t
        .create(
            "leads",
            json!({"first_name": "Ingrid", "email": "Ingrid@Havbris.no", "phone": "+47 912 34 567", "company_name": "Havbris AS", "score": 40}),
        )
        .await;
    assert_eq!(lead["status"], "new");
    assert_eq!(lead["source"], "api");
    assert_eq!(lead["phone"], "+4791234567");
    assert_eq!(lead["owner_id"], json!(t.admin_id.to_string()));
    let r = t
        .patch(
            &format!("/api/v1/leads/{}", id(&lead)),
            &json!({"score": 101}),
            None,
        )
        .await;
    assert_eq!(r.status(), 422);
    let found: Value = t.get("/api/v1/leads?q=havbris").await.json().await.unwrap();
    assert_eq!(found["items"][0]["id"], lead["id"]);
}

async fn the_catalogue_keeps_exact_rates(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let product = t
        .create(
            "products",
            json!({"name": "Support plan", "code": "SUP-12", "unit_price": 1_200_000, "currency": "NOK", "tax_rate": "12.50", "unit": "ANN"}),
        )
        .await;
    assert_eq!(product["tax_rate"], "12.5");
    assert_eq!(product["active"], true);
    let plain = t
        .create("products", json!({"name": "Hour of advice"}))
        .await;
    assert_eq!(plain["unit"], "C62");
    assert_eq!(plain["tax_rate"], "0");
    for bad in [
        json!({"name": "x", "tax_rate": "101"}),
        json!({"name": "x", "tax_rate": 7.125}),
        json!({"name": "x", "unit": "bucket"}),
        json!({"name": "x", "currency": "euro"}),
        json!({"name": "x", "unit_price": -5}),
    ] {
        let r = t.post("/api/v1/products", &bad).await;
        assert_eq!(r.status(), 422, "{bad}");
    }
    let archived: Value = t
        .patch(
            &format!("/api/v1/products/{}", id(&plain)),
            &json!({"active": false}),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(archived["active"], false);
    let active: Value = t
        .get("/api/v1/products?filter[active]=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(active["items"].as_array().unwrap().len(), 1);

    let list = t
        .create(
            "price-lists",
            json!({"name": "Euro 2026", "currency": "EUR", "prices": [{"product_id": id(&product), "unit_price": 99_000}]}),
        )
        .await;
    assert_eq!(list["prices"][0]["unit_price"], 99_000);
    let r = t
        .post(
            "/api/v1/price-lists",
            &json!({"name": "Twice", "currency": "EUR", "prices": [{"product_id": id(&product), "unit_price": 1}, {"product_id": id(&product), "unit_price": 2}]}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["prices"]);
}

async fn agents_use_pipelines_and_managers_keep_them(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let (_, manager) = t.user("manager@example.com", Role::Manager).await;
    let body = json!({"name": "Partners", "stages": [{"key": "talks", "name": "Talks"}]});
    let r = t
        .request(Method::POST, "/api/v1/pipelines", &agent)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = t
        .request(Method::POST, "/api/v1/pipelines", &manager)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = t
        .request(Method::POST, "/api/v1/deals", &agent)
        .json(&json!({"title": "Agent's deal"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // Another agent does not see it; the admin does.
    let (_, other) = t.user("other@example.com", Role::Agent).await;
    let seen: Value = t
        .request(Method::GET, "/api/v1/deals", &other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(seen["items"].as_array().unwrap().is_empty());
    let all: Value = t.get("/api/v1/deals").await.json().await.unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
}

on_both_backends! {
    a_lead_converts_in_one_go => a_lead_converts_in_one_go;
    conversion_offers_look_alikes_first => conversion_offers_look_alikes_first;
    a_failed_conversion_leaves_nothing_behind => a_failed_conversion_leaves_nothing_behind;
}

async fn count(t: &TestApp, resource: &str) -> usize {
    let page: Value = t
        .get(&format!("/api/v1/{resource}?limit=500"))
        .await
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().len()
}

async fn a_lead_converts_in_one_go(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent_id, _) = t.user("agent@example.com", Role::Agent).await;
    let lead = t
        .create(
            "leads",
            json!({"first_name": "Ingrid", "last_name": "Berg", "email": "ingrid@havbris.no", "phone": "+47 912 34 567", "company_name": "Havbris AS", "title": "CTO", "message": "We need 40 seats before summer.", "owner_id": agent_id.to_string(), "tags": ["web"]}),
        )
        .await;
    let path = format!("/api/v1/leads/{}/convert", id(&lead));
    let r = t.post(&path, &json!({})).await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    let contact: Value = t
        .get(&format!(
            "/api/v1/contacts/{}",
            done["contact_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(contact["first_name"], "Ingrid");
    assert_eq!(contact["email"], "ingrid@havbris.no");
    assert_eq!(contact["phone"], "+4791234567");
    assert_eq!(contact["company_id"], done["company_id"]);
    assert_eq!(contact["owner_id"], json!(agent_id.to_string()));
    assert_eq!(contact["lifecycle_stage"], "opportunity");
    assert_eq!(contact["tags"], json!(["web"]));
    let company: Value = t
        .get(&format!(
            "/api/v1/companies/{}",
            done["company_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(company["name"], "Havbris AS");
    assert_eq!(company["domain"], "havbris.no");
    let deal: Value = t
        .get(&format!(
            "/api/v1/deals/{}",
            done["deal_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(deal["title"], "Havbris AS");
    assert_eq!(deal["contact_id"], done["contact_id"]);
    assert_eq!(deal["lead_id"], lead["id"]);
    assert_eq!(deal["owner_id"], json!(agent_id.to_string()));
    let after: Value = t
        .get(&format!("/api/v1/leads/{}", id(&lead)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["status"], "converted");
    assert_eq!(after["deal_id"], done["deal_id"]);
    assert!(after["converted_at"].is_string());
    // The customer's timeline says where they came from, with the lead's message.
    let timeline: Value = t
        .get(&format!(
            "/api/v1/contacts/{}/timeline",
            done["contact_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(timeline["items"][0]["kind"], "system");
    assert_eq!(
        timeline["items"][0]["body"],
        "We need 40 seats before summer."
    );
    // Once is enough: a second conversion is refused and makes nothing.
    let contacts = count(&t, "contacts").await;
    let r = t.post(&path, &json!({})).await;
    assert_eq!(r.status(), 409);
    assert_eq!(count(&t, "contacts").await, contacts);
    let r = t
        .patch(
            &format!("/api/v1/leads/{}", id(&lead)),
            &json!({"status": "new"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 409);

    // Without a deal, the contact is qualified but has no opportunity yet.
    let plain = t
        .create("leads", json!({"first_name": "Per", "last_name": "Hansen"}))
        .await;
    let done: Value = t
        .post(
            &format!("/api/v1/leads/{}/convert", id(&plain)),
            &json!({"deal": false}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(done["deal_id"].is_null());
    assert!(done["company_id"].is_null());
    let contact: Value = t
        .get(&format!(
            "/api/v1/contacts/{}",
            done["contact_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(contact["lifecycle_stage"], "sales_qualified");
}

async fn conversion_offers_look_alikes_first(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t
        .create(
            "companies",
            json!({"name": "Havbris", "domain": "havbris.no"}),
        )
        .await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Ingrid", "last_name": "Berg", "email": "ingrid@havbris.no", "company_id": id(&company)}),
        )
        .await;
    let same_phone = t
        .create(
            "contacts",
            json!({"first_name": "Other", "last_name": "Person", "phone": "+47 912 34 567"}),
        )
        .await;
    let lead = t
        .create(
            "leads",
            json!({"first_name": "ingrid", "last_name": "Berg", "email": "ingrid@havbris.no", "phone": "+47 91 23 45 67", "company_name": "Havbris AS"}),
        )
        .await;
    let found: Value = t
        .get(&format!("/api/v1/leads/{}/duplicates", id(&lead)))
        .await
        .json()
        .await
        .unwrap();
    let reasons = |list: &Value, who: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == who["id"])
            .map(|c| {
                c["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(reasons(&found["contacts"], &contact), ["email", "name"]);
    assert_eq!(reasons(&found["contacts"], &same_phone), ["phone"]);
    assert_eq!(reasons(&found["companies"], &company), ["domain", "name"]);

    let path = format!("/api/v1/leads/{}/convert", id(&lead));
    let (contacts, companies) = (count(&t, "contacts").await, count(&t, "companies").await);
    let r = t.post(&path, &json!({})).await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["duplicates"], found);
    assert_eq!(count(&t, "contacts").await, contacts);
    assert_eq!(count(&t, "companies").await, companies);
    // Linking the look-alikes creates no twin.
    let done: Value = t
        .post(
            &path,
            &json!({"contact_id": id(&contact), "company_id": id(&company), "deal": {"title": "Seats", "amount": 120_000, "currency": "EUR"}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["contact_id"], contact["id"]);
    assert_eq!(done["company_id"], company["id"]);
    assert_eq!(count(&t, "contacts").await, contacts);
    let deal: Value = t
        .get(&format!(
            "/api/v1/deals/{}",
            done["deal_id"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(deal["title"], "Seats");
    assert_eq!(deal["amount"], 120_000);

    // Or the caller creates new ones anyway.
    let twin = t
        .create(
            "leads",
            json!({"first_name": "Ingrid", "last_name": "Berg", "email": "ingrid@havbris.no"}),
        )
        .await;
    let r = t
        .post(
            &format!("/api/v1/leads/{}/convert", id(&twin)),
            &json!({"create_anyway": true, "deal": false}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(count(&t, "contacts").await, contacts + 1);
}

async fn a_failed_conversion_leaves_nothing_behind(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let lead = t
        .create(
            "leads",
            json!({"first_name": "Ola", "last_name": "Dunk", "company_name": "Dunk AS"}),
        )
        .await;
    let path = format!("/api/v1/leads/{}/convert", id(&lead));
    let r = t.post(&path, &json!({"deal": {"stage": "nowhere"}})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["deal.stage"]);
    for bad in [
        json!({"deal": {"colour": "red"}}),
        json!({"contact_id": "not-an-id"}),
        json!({"create_anyway": "yes"}),
        json!({"surprise": 1}),
        json!({"contact_id": "01900000-0000-7000-8000-000000000000"}),
    ] {
        let r = t.post(&path, &bad).await;
        assert_eq!(r.status(), 422, "{bad}");
    }
    assert_eq!(count(&t, "contacts").await, 0);
    assert_eq!(count(&t, "companies").await, 0);
    assert_eq!(count(&t, "deals").await, 0);
    let after: Value = t
        .get(&format!("/api/v1/leads/{}", id(&lead)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["status"], "new");
    assert_eq!(after["version"], lead["version"]);
}
