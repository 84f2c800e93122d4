//! Tickets and queues over the API: numbers, defaults, status rules, visibility, the
//! conversation with its follow-ups, attachments and merging; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

on_both_backends! {
    a_fresh_install_has_a_default_queue => a_fresh_install_has_a_default_queue;
    tickets_are_numbered_and_filled_in => tickets_are_numbered_and_filled_in;
    bad_tickets_are_refused_by_field => bad_tickets_are_refused_by_field;
    the_status_follows_its_rules => the_status_follows_its_rules;
    assignees_see_their_tickets_like_owners => assignees_see_their_tickets_like_owners;
    messages_are_sanitised_and_move_the_ticket => messages_are_sanitised_and_move_the_ticket;
    a_reply_to_a_closed_ticket_opens_a_follow_up => a_reply_to_a_closed_ticket_opens_a_follow_up;
    tickets_take_attachments => tickets_take_attachments;
    merging_moves_the_conversation_and_closes_the_merged => merging_moves_the_conversation_and_closes_the_merged;
    tickets_are_found_by_number_and_words => tickets_are_found_by_number_and_words;
    purging_a_ticket_takes_its_messages => purging_a_ticket_takes_its_messages;
    merged_contacts_take_their_tickets_along => merged_contacts_take_their_tickets_along;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The field names and codes an error response lists.
async fn errors(r: reqwest::Response) -> Vec<(String, String)> {
    let body: Value = r.json().await.unwrap();
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn json_of(r: reqwest::Response, status: u16) -> Value {
    let got = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(got, status, "{body}");
    body
}

async fn history_actions(t: &TestApp, ticket: &str) -> Vec<String> {
    let history: Value = t
        .get(&format!("/api/v1/tickets/{ticket}/history"))
        .await
        .json()
        .await
        .unwrap();
    history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

async fn a_fresh_install_has_a_default_queue(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let queues: Value = t.get("/api/v1/queues").await.json().await.unwrap();
    let items = queues["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "Support");
    assert_eq!(items[0]["assignment"], "manual");
    assert_eq!(items[0]["active"], true);

    // Made once: starting again finds it.
    rapport_app::tickets::ensure_default_queue(&t.app)
        .await
        .unwrap();
    let again: Value = t.get("/api/v1/queues").await.json().await.unwrap();
    assert_eq!(again["items"].as_array().unwrap().len(), 1);

    // Names are unique, and assignment is one of the known ways.
    let r = t.post("/api/v1/queues", &json!({"name": "Support"})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(errors(r).await, vec![("name".into(), "taken".into())]);
    let r = t
        .post(
            "/api/v1/queues",
            &json!({"name": "Billing", "assignment": "lottery"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(errors(r).await.iter().any(|(f, _)| f == "assignment"));

    // Agents use queues; managers keep them.
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let r = t
        .request(Method::POST, "/api/v1/queues", &agent)
        .json(&json!({"name": "Sales"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

async fn tickets_are_numbered_and_filled_in(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let queues: Value = t.get("/api/v1/queues").await.json().await.unwrap();
    let support = id(&queues["items"][0]);
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Berg"}),
        )
        .await;
    let first = t
        .create(
            "tickets",
            json!({"subject": "  Printer jams ", "contact_id": id(&contact)}),
        )
        .await;
    assert_eq!(first["subject"], "Printer jams");
    assert_eq!(first["status"], "new");
    assert_eq!(first["priority"], "normal");
    assert_eq!(first["channel"], "api");
    assert_eq!(first["queue_id"], support);
    assert!(first["assignee_id"].is_null());
    assert!(first["type"].is_null());
    assert_eq!(
        first["sla"],
        json!({"first_response_due_at": null, "resolution_due_at": null, "state": null})
    );
    assert!(first.get("sla_state").is_none());
    let number = first["number"].as_str().unwrap().to_string();
    let year = &first["created_at"].as_str().unwrap()[..4];
    assert_eq!(number, format!("T-{year}-000001"));

    let billing = t.create("queues", json!({"name": "Billing"})).await;
    let second = t
        .create(
            "tickets",
            json!({"subject": "Refund", "queue_id": id(&billing), "priority": "urgent", "type": "problem", "channel": "phone", "tags": ["refund"]}),
        )
        .await;
    assert_eq!(second["number"], format!("T-{year}-000002"));
    assert_eq!(second["queue_id"], id(&billing));
    assert_eq!(second["tags"], json!(["refund"]));

    // Read back with its ETag, and the number is Rapport's to keep.
    let path = format!("/api/v1/tickets/{}", id(&first));
    let r = t.get(&path).await;
    assert_eq!(r.headers()["etag"], "\"v1\"");
    let r = t.patch(&path, &json!({"number": "T-1"}), None).await;
    assert_eq!(r.status(), 422);
    let r = t
        .patch(&path, &json!({"sla": {"state": "breached"}}), None)
        .await;
    assert_eq!(r.status(), 422, "the SLA is read-only");

    // The agents' views filter by queue, status and assignee.
    let page: Value = t
        .get(&format!(
            "/api/v1/tickets?filter[queue_id]={}&filter[status]=new",
            id(&billing)
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let page: Value = t
        .get("/api/v1/tickets?filter[assignee_id][is_null]=true&sort=-priority")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

async fn bad_tickets_are_refused_by_field(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let r = t
        .post("/api/v1/tickets", &json!({"description": "?"}))
        .await;
    assert_eq!(r.status(), 422);
    assert!(errors(r).await.iter().any(|(f, _)| f == "subject"));

    let long = "x".repeat(301);
    let r = t.post("/api/v1/tickets", &json!({"subject": long})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(errors(r).await, vec![("subject".into(), "too-long".into())]);

    for (field, value) in [
        ("status", json!("waiting")),
        ("priority", json!("meh")),
        ("type", json!("rant")),
        ("channel", json!("pigeon")),
        ("queue_id", json!("not-an-id")),
    ] {
        let r = t
            .post("/api/v1/tickets", &json!({"subject": "x", field: value}))
            .await;
        assert_eq!(r.status(), 422, "{field}");
        assert!(errors(r).await.iter().any(|(f, _)| f == field), "{field}");
    }

    // Links must name records that exist.
    let nowhere = "01900000-0000-7000-8000-000000000000";
    for field in [
        "queue_id",
        "contact_id",
        "company_id",
        "deal_id",
        "order_id",
        "assignee_id",
    ] {
        let r = t
            .post("/api/v1/tickets", &json!({"subject": "x", field: nowhere}))
            .await;
        assert_eq!(r.status(), 422, "{field}");
        assert_eq!(
            errors(r).await,
            vec![(field.to_string(), "no-such-record".into())],
            "{field}"
        );
    }
    for field in [
        "first_responded_at",
        "solved_at",
        "closed_at",
        "follow_up_of",
        "merged_into",
    ] {
        let r = t
            .post("/api/v1/tickets", &json!({"subject": "x", field: null}))
            .await;
        assert_eq!(r.status(), 422, "{field} is kept by Rapport");
    }
    let listed: Value = t.get("/api/v1/tickets").await.json().await.unwrap();
    assert!(
        listed["items"].as_array().unwrap().is_empty(),
        "nothing half-written"
    );
}

async fn the_status_follows_its_rules(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let ticket = t.create("tickets", json!({"subject": "VPN down"})).await;
    let path = format!("/api/v1/tickets/{}", id(&ticket));

    let solved = json_of(
        t.patch(&path, &json!({"status": "solved"}), None).await,
        200,
    )
    .await;
    assert!(solved["solved_at"].is_string());
    assert!(solved["closed_at"].is_null());

    let reopened = json_of(t.patch(&path, &json!({"status": "open"}), None).await, 200).await;
    assert!(reopened["solved_at"].is_null(), "reopening forgets it");

    let r = t.patch(&path, &json!({"status": "new"}), None).await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        errors(r).await,
        vec![("status".into(), "new-only-at-first".into())]
    );

    // An agent closes only what is solved; a manager may close at once.
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let r = t
        .request(Method::PATCH, &path, &agent)
        .json(&json!({"status": "closed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(
        errors(r).await,
        vec![("status".into(), "close-needs-solved".into())]
    );
    let r = t
        .request(Method::PATCH, &path, &agent)
        .json(&json!({"status": "solved"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let closed = json_of(
        t.request(Method::PATCH, &path, &agent)
            .json(&json!({"status": "closed"}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert!(closed["closed_at"].is_string());
    assert!(closed["solved_at"].is_string());

    // Closed is final.
    let r = t.patch(&path, &json!({"status": "open"}), None).await;
    assert_eq!(r.status(), 409);

    let other = t.create("tickets", json!({"subject": "Other"})).await;
    let other_path = format!("/api/v1/tickets/{}", id(&other));
    let (_, manager) = t.user("manager@example.com", Role::Manager).await;
    let closed = json_of(
        t.request(Method::PATCH, &other_path, &manager)
            .json(&json!({"status": "closed"}))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(
        history_actions(&t, &id(&other)).await,
        vec!["create", "update"]
    );
}

async fn assignees_see_their_tickets_like_owners(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, agent_token) = t.user("agent@example.com", Role::Agent).await;
    let (_, other_token) = t.user("other@example.com", Role::Agent).await;
    let (_, viewer_token) = t.user("viewer@example.com", Role::Viewer).await;
    let ticket = t
        .create(
            "tickets",
            json!({"subject": "Mine", "assignee_id": agent.to_string()}),
        )
        .await;
    let unassigned = t.create("tickets", json!({"subject": "Anyone's"})).await;
    let path = format!("/api/v1/tickets/{}", id(&ticket));
    let get = |token: &str, path: &str| t.request(Method::GET, path, token).send();
    assert_eq!(get(&agent_token, &path).await.unwrap().status(), 200);
    assert_eq!(get(&other_token, &path).await.unwrap().status(), 404);
    let page: Value = get(&other_token, "/api/v1/tickets")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<String> = page["items"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(ids, vec![id(&unassigned)]);
    // Nor may they write to it, or read its conversation.
    let messages = format!("{path}/messages");
    assert_eq!(get(&other_token, &messages).await.unwrap().status(), 404);
    let r = t
        .request(Method::POST, &messages, &other_token)
        .json(&json!({"body": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Viewers read and do not write.
    let unassigned_messages = format!("/api/v1/tickets/{}/messages", id(&unassigned));
    let r = t
        .request(Method::POST, &unassigned_messages, &viewer_token)
        .json(&json!({"body": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // An agent may not hand a ticket to someone outside their teams.
    let r = t
        .request(Method::POST, "/api/v1/tickets", &agent_token)
        .json(&json!({"subject": "x", "assignee_id": t.admin_id.to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(
        errors(r).await,
        vec![("assignee_id".into(), "assign-own-teams".into())]
    );
}

async fn messages_are_sanitised_and_move_the_ticket(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let ticket = t.create("tickets", json!({"subject": "Login fails"})).await;
    let tid = id(&ticket);
    let base = format!("/api/v1/tickets/{tid}/messages");

    // An internal note is no response.
    let note = json_of(
        t.post(
            &base,
            &json!({"body": "Checked the logs", "visibility": "internal"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(note["visibility"], "internal");
    assert_eq!(note["ticket"]["status"], "new");
    assert!(note["ticket"]["first_responded_at"].is_null());
    assert_eq!(note["user_id"], t.admin_id.to_string());

    let reply = json_of(
        t.post(
            &base,
            &json!({"body": "<p onclick=\"x()\">Try <b>again</b></p><script>alert(1)</script><a href=\"javascript:alert(1)\">here</a>"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(
        reply["visibility"], "public",
        "public unless said otherwise"
    );
    let body = reply["body"].as_str().unwrap();
    assert!(body.contains("<b>again</b>"), "{body}");
    for inert in ["script", "onclick", "javascript:"] {
        assert!(!body.contains(inert), "{inert} in {body}");
    }
    assert_eq!(reply["body_text"], "Try again\nhere");
    assert_eq!(
        reply["ticket"]["status"], "open",
        "a reply opens a new ticket"
    );
    let first = reply["ticket"]["first_responded_at"].clone();
    assert!(first.is_string());

    let later = json_of(t.post(&base, &json!({"body": "Any luck?"})).await, 201).await;
    assert_eq!(
        later["ticket"]["first_responded_at"], first,
        "kept from the first"
    );

    // Bad messages name their field and leave nothing behind.
    for (body, field) in [
        (json!({"visibility": "public"}), "body"),
        (json!({"body": "<script>only this</script>"}), "body"),
        (json!({"body": "x", "visibility": "secret"}), "visibility"),
        (
            json!({"body": "x", "user_id": t.admin_id.to_string()}),
            "user_id",
        ),
    ] {
        let r = t.post(&base, &body).await;
        assert_eq!(r.status(), 422, "{body}");
        assert!(errors(r).await.iter().any(|(f, _)| f == field), "{body}");
    }
    let r = t
        .post(
            "/api/v1/tickets/01900000-0000-7000-8000-000000000000/messages",
            &json!({"body": "x"}),
        )
        .await;
    assert_eq!(r.status(), 404);

    // Oldest first, a page at a time.
    let page: Value = t
        .get(&format!("{base}?limit=2"))
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["body"], "Checked the logs");
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest: Value = t
        .get(&format!("{base}?limit=2&cursor={cursor}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert_eq!(rest["items"][0]["body"], "Any luck?");
    let notes: Value = t
        .get(&format!("{base}?filter[visibility]=internal"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(notes["items"].as_array().unwrap().len(), 1);

    // Each message is an event in the ticket's history.
    assert_eq!(
        history_actions(&t, &tid).await,
        vec!["create", "message", "message", "message"]
    );
    let stored: Value = t
        .get(&format!("/api/v1/tickets/{tid}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["version"], 4);
    assert_eq!(stored["last_message_at"], later["created_at"]);
}

async fn a_reply_to_a_closed_ticket_opens_a_follow_up(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let contact = t.create("contacts", json!({"first_name": "Ola"})).await;
    let ticket = t
        .create(
            "tickets",
            json!({"subject": "Broken screen", "contact_id": id(&contact), "priority": "high", "tags": ["hardware"]}),
        )
        .await;
    let path = format!("/api/v1/tickets/{}", id(&ticket));
    json_of(
        t.patch(&path, &json!({"status": "closed"}), None).await,
        200,
    )
    .await;

    // A note stays on the closed ticket.
    let note = json_of(
        t.post(
            &format!("{path}/messages"),
            &json!({"body": "Closed after the call", "visibility": "internal"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(note["follow_up"], false);
    assert_eq!(note["ticket_id"], id(&ticket));

    let reply = json_of(
        t.post(
            &format!("{path}/messages"),
            &json!({"body": "It broke again"}),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(reply["follow_up"], true);
    let follow_up = &reply["ticket"];
    assert_ne!(follow_up["id"], ticket["id"]);
    assert_eq!(reply["ticket_id"], follow_up["id"]);
    assert_eq!(follow_up["follow_up_of"], id(&ticket));
    assert_eq!(follow_up["subject"], "Broken screen");
    assert_eq!(follow_up["contact_id"], id(&contact));
    assert_eq!(follow_up["priority"], "high");
    assert_eq!(follow_up["tags"], json!(["hardware"]));
    assert_eq!(follow_up["status"], "open");
    assert!(follow_up["first_responded_at"].is_string());
    assert_ne!(follow_up["number"], ticket["number"]);

    let closed: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(closed["status"], "closed", "the closed ticket stays closed");
    let conversation: Value = t
        .get(&format!("{path}/messages"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(conversation["items"].as_array().unwrap().len(), 1);
}

async fn tickets_take_attachments(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let ticket = t.create("tickets", json!({"subject": "Screenshot"})).await;
    let base = format!("/api/v1/tickets/{}/attachments", id(&ticket));
    let form = Form::new().part(
        "file",
        Part::bytes(b"hello".to_vec())
            .file_name("notes.txt")
            .mime_str("text/plain")
            .unwrap(),
    );
    let r = t
        .request(Method::POST, &base, &t.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let attachment = json_of(r, 201).await;
    assert_eq!(attachment["record_type"], "tickets");
    let listed: Value = t.get(&base).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    // Whoever may not see the ticket may not see its files.
    let (_, other) = t.user("other@example.com", Role::Agent).await;
    let (agent, _) = t.user("agent@example.com", Role::Agent).await;
    t.patch(
        &format!("/api/v1/tickets/{}", id(&ticket)),
        &json!({"assignee_id": agent.to_string()}),
        None,
    )
    .await;
    let r = t
        .request(
            Method::GET,
            &format!("/api/v1/attachments/{}/content", id(&attachment)),
            &other,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

async fn merging_moves_the_conversation_and_closes_the_merged(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kept = t
        .create(
            "tickets",
            json!({"subject": "Invoice wrong", "tags": ["billing"]}),
        )
        .await;
    let merged = t
        .create(
            "tickets",
            json!({"subject": "Invoice wrong again", "tags": ["urgent"]}),
        )
        .await;
    let (kid, mid) = (id(&kept), id(&merged));
    for (ticket, body) in [(&mid, "first"), (&kid, "second"), (&mid, "third")] {
        json_of(
            t.post(
                &format!("/api/v1/tickets/{ticket}/messages"),
                &json!({"body": body}),
            )
            .await,
            201,
        )
        .await;
    }
    let merge = format!("/api/v1/tickets/{mid}/merge");

    // Bad requests name what is wrong.
    let r = t.post(&merge, &json!({})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(errors(r).await, vec![("into".into(), "required".into())]);
    let r = t.post(&merge, &json!({"into": mid})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(errors(r).await, vec![("into".into(), "merge-self".into())]);
    let r = t
        .post(
            &merge,
            &json!({"into": "01900000-0000-7000-8000-000000000000"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = t.post(&merge, &json!({"into": kid, "and": 1})).await;
    assert_eq!(r.status(), 422);
    let r = t
        .request(Method::POST, &merge, &t.token)
        .header("If-Match", "\"v1\"")
        .json(&json!({"into": kid}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 412, "the merged ticket changed since v1");

    let stays = json_of(t.post(&merge, &json!({"into": kid})).await, 200).await;
    assert_eq!(stays["id"], kid);
    assert_eq!(stays["merged_from"], json!([mid]));
    assert_eq!(stays["tags"], json!(["billing", "urgent"]));

    let conversation: Value = t
        .get(&format!("/api/v1/tickets/{kid}/messages"))
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<&str> = conversation["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec!["first", "second", "third"],
        "in the order said"
    );
    let left: Value = t
        .get(&format!("/api/v1/tickets/{mid}/messages"))
        .await
        .json()
        .await
        .unwrap();
    assert!(left["items"].as_array().unwrap().is_empty());

    let closed: Value = t
        .get(&format!("/api/v1/tickets/{mid}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["merged_into"], kid);
    assert!(closed["closed_at"].is_string());
    assert_eq!(history_actions(&t, &mid).await.last().unwrap(), "merge");
    assert_eq!(history_actions(&t, &kid).await.last().unwrap(), "merge");

    // A closed ticket is neither merged again nor merged into.
    let r = t.post(&merge, &json!({"into": kid})).await;
    assert_eq!(r.status(), 409);
    let third = t.create("tickets", json!({"subject": "Third"})).await;
    let r = t
        .post(
            &format!("/api/v1/tickets/{}/merge", id(&third)),
            &json!({"into": mid}),
        )
        .await;
    assert_eq!(r.status(), 409);
}

async fn tickets_are_found_by_number_and_words(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let printer = t
        .create(
            "tickets",
            json!({"subject": "Printer on floor 3", "description": "Toner smeared"}),
        )
        .await;
    t.create("tickets", json!({"subject": "Password reset"}))
        .await;
    for q in ["printer", "toner", printer["number"].as_str().unwrap()] {
        let page: Value = t
            .get(&format!("/api/v1/tickets?q={q}"))
            .await
            .json()
            .await
            .unwrap();
        let ids: Vec<String> = page["items"].as_array().unwrap().iter().map(id).collect();
        assert_eq!(ids, vec![id(&printer)], "{q}");
    }
}

async fn purging_a_ticket_takes_its_messages(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let ticket = t.create("tickets", json!({"subject": "Spam"})).await;
    let tid = id(&ticket);
    let note = json_of(
        t.post(
            &format!("/api/v1/tickets/{tid}/messages"),
            &json!({"body": "junk", "visibility": "internal"}),
        )
        .await,
        201,
    )
    .await;
    let r = t
        .post(&format!("/api/v1/tickets/{tid}/purge"), &json!({}))
        .await;
    assert_eq!(r.status(), 204);
    assert_eq!(t.get(&format!("/api/v1/tickets/{tid}")).await.status(), 404);
    let gone = rapport_store::records::get(
        &t.app.db,
        rapport_core::Entity::TicketMessage,
        id(&note).parse().unwrap(),
    )
    .await
    .unwrap();
    assert!(gone.is_none(), "the message went with its ticket");
}

async fn merged_contacts_take_their_tickets_along(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kept = t.create("contacts", json!({"first_name": "Kari"})).await;
    let twin = t.create("contacts", json!({"first_name": "Kari"})).await;
    let ticket = t
        .create(
            "tickets",
            json!({"subject": "Lost parcel", "contact_id": id(&twin)}),
        )
        .await;
    let r = t
        .post(
            &format!("/api/v1/contacts/{}/merge", id(&kept)),
            &json!({"from": id(&twin)}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let moved: Value = t
        .get(&format!("/api/v1/tickets/{}", id(&ticket)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(moved["contact_id"], id(&kept));
}
