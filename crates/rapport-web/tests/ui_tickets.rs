//! The tickets' pages as an agent uses them: the list and its quick views, a new ticket,
//! its page with the conversation, replies and notes, the queues under settings and the
//! customer page's tickets panel; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, input_value};

on_both_backends! {
    a_ticket_is_made_answered_and_noted_from_its_pages => a_ticket_is_made_answered_and_noted_from_its_pages;
    the_list_has_quick_views_and_the_customer_page_a_panel => the_list_has_quick_views_and_the_customer_page_a_panel;
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

async fn a_ticket_is_made_answered_and_noted_from_its_pages(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (status, html, _) = b.get("/tickets/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(texts(&html, "nav a").iter().any(|l| l == "Tickets"));
    let csrf = input_value(&html, "_csrf");
    let queues: Value = t.get("/api/v1/queues").await.json().await.unwrap();
    let support = queues["items"][0]["id"].as_str().unwrap().to_string();

    // A refused form says why under the field and keeps nothing.
    let (status, html, _) = b
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("subject", ""),
                ("status", "new"),
                ("priority", "normal"),
                ("channel", "phone"),
                ("queue_id", &support),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("aria-invalid"), "the subject is marked");

    let (status, _, location) = b
        .post(
            "/tickets/new",
            &[
                ("_csrf", &csrf),
                ("subject", "Cannot sign in"),
                ("description", "Since this morning"),
                ("status", "new"),
                ("priority", "high"),
                ("type", "incident"),
                ("channel", "phone"),
                ("queue_id", &support),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let path = location.unwrap();
    let page: Value = t.get("/api/v1/tickets").await.json().await.unwrap();
    let ticket = page["items"][0].clone();
    assert_eq!(path, format!("/tickets/{}", ticket["id"].as_str().unwrap()));
    assert_eq!(ticket["channel"], "phone");
    assert_eq!(ticket["priority"], "high");

    let (status, html, _) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Cannot sign in"));
    assert!(texts(&html, ".facts dd").iter().any(|v| v == "High"));

    // A public reply and an internal note, told apart on the page; markup typed in the
    // box stays text.
    for (body, visibility) in [
        ("Please try <b>again</b>", "public"),
        ("Checked the directory", "internal"),
    ] {
        let (status, _, location) = b
            .post(
                &format!("{path}/messages"),
                &[("_csrf", &csrf), ("body", body), ("visibility", visibility)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(location.unwrap().starts_with(&format!("{path}#m-")));
    }
    let (_, html, _) = b.get(&path).await;
    let public = texts(&html, ".message.public .message-body");
    assert_eq!(public, vec!["Please try <b>again</b>"]);
    let internal = texts(&html, ".message.internal .message-body");
    assert_eq!(internal, vec!["Checked the directory"]);
    assert!(texts(&html, ".message.internal .message-head strong")[0] == "Internal note");
    assert!(
        texts(&html, ".facts dd").iter().any(|v| v == "Open"),
        "a reply opens it"
    );

    // An empty reply comes back with the problem beside the box.
    let (status, html, _) = b
        .post(
            &format!("{path}/messages"),
            &[("_csrf", &csrf), ("body", "  "), ("visibility", "public")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(texts(&html, "#reply-error").len(), 1);
    // A forged form changes nothing.
    let (status, _, _) = b
        .post(
            &format!("{path}/messages"),
            &[("_csrf", "forged"), ("body", "x"), ("visibility", "public")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let messages: Value = t
        .get(&format!("/api/v1{path}/messages"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(messages["items"].as_array().unwrap().len(), 2);

    // The same page in Norwegian.
    let (_, html, _) = b.get("/settings/queues").await;
    assert!(texts(&html, "td").iter().any(|c| c == "Support"));
    let csrf = input_value(&html, "_csrf");
    b.post(
        "/account/preferences",
        &[("_csrf", &csrf), ("locale", "nb"), ("next", &path)],
    )
    .await;
    let (_, html, _) = b.get(&path).await;
    assert!(html.contains("Internt notat"), "in Norwegian");
}

async fn the_list_has_quick_views_and_the_customer_page_a_panel(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Pia", "last_name": "Lund"}),
        )
        .await;
    let cid = contact["id"].as_str().unwrap();
    let mine = t
        .create(
            "tickets",
            json!({"subject": "Mine to answer", "assignee_id": t.admin_id.to_string(), "contact_id": cid}),
        )
        .await;
    t.create("tickets", json!({"subject": "Nobody's yet"}))
        .await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;

    let (_, html, _) = b.get("/tickets").await;
    let rows = texts(&html, "tbody tr");
    assert_eq!(rows.len(), 2);
    let (_, html, _) = b.get("/tickets?quick=mine").await;
    let rows = texts(&html, "tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("Mine to answer"));
    assert_eq!(texts(&html, "[aria-current=page]").last().unwrap(), "Mine");
    let (_, html, _) = b.get("/tickets?quick=unassigned").await;
    let rows = texts(&html, "tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("Nobody's yet"));

    let (_, html, _) = b.get(&format!("/contacts/{cid}")).await;
    let panel = texts(&html, "a[href^='/tickets/']");
    let number = mine["number"].as_str().unwrap();
    assert!(
        panel
            .iter()
            .any(|l| l == &format!("{number} Mine to answer")),
        "{panel:?}"
    );
    // The ticket's page shows its contact beside the conversation.
    let (_, html, _) = b
        .get(&format!("/tickets/{}", mine["id"].as_str().unwrap()))
        .await;
    assert_eq!(texts(&html, ".ticket-side a"), vec!["Pia Lund"]);
}
