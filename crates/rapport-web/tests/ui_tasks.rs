//! The tasks page, the calendar and the feed page, as a signed-in person uses them; on
//! both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, input_value};

on_both_backends! {
    tasks_are_added_and_done_from_their_page => tasks_are_added_and_done_from_their_page;
    the_calendar_shows_tasks_and_meetings_on_the_users_clock => the_calendar_shows_tasks_and_meetings_on_the_users_clock;
    the_feed_address_is_shown_once_and_works_without_cookies => the_feed_address_is_shown_once_and_works_without_cookies;
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

async fn tasks_are_added_and_done_from_their_page(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (status, html, _) = b.get("/tasks").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        texts(&html, "nav a").iter().any(|l| l == "Tasks"),
        "in the navigation"
    );
    let csrf = input_value(&html, "_csrf");

    let (status, _, location) = b
        .post(
            "/tasks",
            &[
                ("_csrf", &csrf),
                ("title", "Send the contract"),
                ("due_at", "2026-06-01T09:30"),
                ("priority", "high"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/tasks"));
    let page: Value = t.get("/api/v1/tasks").await.json().await.unwrap();
    let task = page["items"][0].clone();
    assert_eq!(task["title"], "Send the contract");
    assert_eq!(task["priority"], "high");
    // The admin has no time zone of their own, so the form's time is UTC.
    assert_eq!(task["due_at"], "2026-06-01T09:30:00.000000Z");

    let (_, html, _) = b.get("/tasks").await;
    assert!(
        texts(&html, "tbody td")
            .iter()
            .any(|c| c.starts_with("Send the contract"))
    );

    // A form without a title is answered in place with the problem.
    let (status, html, _) = b.post("/tasks", &[("_csrf", &csrf), ("title", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!texts(&html, "[role=alert]").is_empty());
    // And a form without the session's proof is refused.
    let (status, _, _) = b.post("/tasks", &[("title", "forged")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let id = task["id"].as_str().unwrap();
    let (status, _, _) = b
        .post(&format!("/tasks/{id}/done"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let done: Value = t
        .get(&format!("/api/v1/tasks/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["status"], "done");
    let (_, html, _) = b.get("/tasks").await;
    assert!(
        !html.contains("Send the contract"),
        "done tasks leave the list"
    );
}

async fn the_calendar_shows_tasks_and_meetings_on_the_users_clock(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    // In Oslo, 23:30 UTC on Sunday 29 March is already Monday 30 March, 01:30.
    t.patch(
        &format!("/api/v1/users/{}", t.admin_id),
        &json!({"time_zone": "Europe/Oslo"}),
        None,
    )
    .await;
    t.create(
        "tasks",
        json!({"title": "Late filing", "due_at": "2026-03-29T23:30:00Z"}),
    )
    .await;
    let contact = t.create("contacts", json!({"first_name": "Kari"})).await;
    t.create(
        "interactions",
        json!({"kind": "meeting", "subject": "Quarterly review", "occurred_at": "2026-03-31T08:00:00Z", "duration_seconds": 3600, "contact_id": contact["id"]}),
    )
    .await;

    let (status, html, _) = b.get("/calendar?view=week&date=2026-03-30").await;
    assert_eq!(status, StatusCode::OK);
    let cells: Vec<String> = texts(&html, "table.calendar td");
    assert_eq!(cells.len(), 7);
    assert!(
        cells[0].contains("01:30") && cells[0].contains("Late filing"),
        "{cells:?}"
    );
    assert!(
        cells[1].contains("10:00") && cells[1].contains("Quarterly review"),
        "{cells:?}"
    );
    let moves: Vec<String> = {
        let doc = Html::parse_document(&html);
        doc.select(&Selector::parse("a[rel]").unwrap())
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert!(
        moves.contains(&"/calendar?view=week&date=2026-03-23".to_string()),
        "{moves:?}"
    );
    assert!(
        moves.contains(&"/calendar?view=week&date=2026-04-06".to_string()),
        "{moves:?}"
    );

    let (_, html, _) = b.get("/calendar?view=month&date=2026-03-30").await;
    let cells = texts(&html, "table.calendar td");
    assert_eq!(cells.len() % 7, 0, "whole weeks");
    assert!(cells.iter().any(|c| c.contains("Late filing")));

    let (_, html, _) = b.get("/calendar?view=day&date=2026-03-29").await;
    assert!(!html.contains("Late filing"), "not on the Sunday in Oslo");

    // In German, the weekdays are German.
    t.patch(
        &format!("/api/v1/users/{}", t.admin_id),
        &json!({"locale": "de"}),
        None,
    )
    .await;
    let (_, html, _) = b.get("/calendar?view=week&date=2026-03-30").await;
    assert_eq!(texts(&html, "table.calendar th")[0], "Montag");
}

async fn the_feed_address_is_shown_once_and_works_without_cookies(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    t.create(
        "tasks",
        json!({"title": "Plan the launch", "due_at": "2026-05-04T10:00:00Z"}),
    )
    .await;
    let (status, html, _) = b.get("/account/calendar-feed").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    let (status, html, _) = b.post("/account/calendar-feed", &[("_csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    let address = doc
        .select(&Selector::parse("#feed-address").unwrap())
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("the address is shown")
        .to_string();
    let path = address
        .split_once("/calendar/")
        .map(|(_, rest)| format!("/calendar/{rest}"))
        .unwrap();
    let r = t.client.get(t.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR"));
    assert!(body.contains("SUMMARY:Plan the launch"));

    // Shown once: the page afterwards says when it was made, not what it is.
    let (_, html, _) = b.get("/account/calendar-feed").await;
    assert!(!html.contains(&address));
    let (_, html, _) = b.get("/account").await;
    assert!(html.contains("/account/calendar-feed"));
}
