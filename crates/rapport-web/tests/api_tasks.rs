//! Tasks over the API: their rules, recurring tasks across a clock change, reminders
//! through the job queue, and the caller's calendar as iCalendar; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ical::parser::ical::component::IcalCalendar;
use ical::property::Property;
use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};
use std::io::BufReader;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

on_both_backends! {
    tasks_have_rules => tasks_have_rules;
    tasks_are_seen_like_contacts => tasks_are_seen_like_contacts;
    a_recurring_task_keeps_its_local_time_across_a_clock_change => a_recurring_task_keeps_its_local_time_across_a_clock_change;
    reminders_tell_the_assignee_once_at_the_right_time => reminders_tell_the_assignee_once_at_the_right_time;
    a_reminder_checks_the_task_before_it_sounds => a_reminder_checks_the_task_before_it_sounds;
    the_calendar_reads_back_as_icalendar => the_calendar_reads_back_as_icalendar;
    the_feed_needs_its_current_token => the_feed_needs_its_current_token;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).unwrap()
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
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

async fn notifications(t: &TestApp, token: &str) -> Vec<Value> {
    let page: Value = t
        .request(Method::GET, "/api/v1/notifications", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().clone()
}

async fn tasks_have_rules(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let task = t.create("tasks", json!({"title": "Send the offer"})).await;
    assert_eq!(task["status"], "open");
    assert_eq!(task["priority"], "normal");
    assert_eq!(task["all_day"], false);
    assert_eq!(task["owner_id"], t.admin_id.to_string());
    assert!(task["completed_at"].is_null());

    let r = t.post("/api/v1/tasks", &json!({"notes": "no title"})).await;
    assert_eq!(r.status(), 422);
    assert!(errors(r).await.iter().any(|(f, _)| f == "title"));

    // A reminder and a recurrence count from the due time, so they need one.
    let r = t
        .post(
            "/api/v1/tasks",
            &json!({"title": "x", "reminder_minutes": 10, "recurrence": {"frequency": "daily"}}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let found = errors(r).await;
    assert!(
        found.iter().any(|(f, _)| f == "reminder_minutes"),
        "{found:?}"
    );
    assert!(found.iter().any(|(f, _)| f == "recurrence"), "{found:?}");

    let r = t
        .post(
            "/api/v1/tasks",
            &json!({"title": "x", "due_at": "2026-05-01T10:00:00Z", "recurrence": {"frequency": "hourly"}}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(errors(r).await.iter().any(|(f, _)| f == "recurrence"));

    let r = t
        .post("/api/v1/tasks", &json!({"title": "x", "status": "later"}))
        .await;
    assert_eq!(r.status(), 422);

    // Done keeps when; reopening forgets it.
    let path = format!("/api/v1/tasks/{}", id(&task));
    let done: Value = t
        .patch(&path, &json!({"status": "done"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["status"], "done");
    assert!(done["completed_at"].is_string());
    assert!(done["next_id"].is_null(), "a one-off task has no next");
    let reopened: Value = t
        .patch(&path, &json!({"status": "open"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(reopened["completed_at"].is_null());
    let r = t
        .patch(
            &path,
            &json!({"completed_at": "2026-01-01T00:00:00Z"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 422, "completed_at is kept by Rapport");

    // Found by its title.
    let page: Value = t.get("/api/v1/tasks?q=offer").await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

async fn tasks_are_seen_like_contacts(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, agent_token) = t.user("agent@example.com", Role::Agent).await;
    let (_, other_token) = t.user("other@example.com", Role::Agent).await;
    let task = t
        .create(
            "tasks",
            json!({"title": "Call back", "owner_id": agent.to_string()}),
        )
        .await;
    let path = format!("/api/v1/tasks/{}", id(&task));
    let r = t
        .request(Method::GET, &path, &agent_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = t
        .request(Method::GET, &path, &other_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let page: Value = t
        .request(Method::GET, "/api/v1/tasks", &other_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(page["items"].as_array().unwrap().is_empty());
}

async fn a_recurring_task_keeps_its_local_time_across_a_clock_change(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    // Mondays at 09:00 in Oslo: 08:00 UTC in winter; Europe moves its clocks on
    // Sunday 29 March 2026, so the next Monday is at 07:00 UTC.
    let first = t
        .create(
            "tasks",
            json!({
                "title": "Weekly pipeline review",
                "due_at": "2026-03-23T08:00:00Z",
                "time_zone": "Europe/Oslo",
                "recurrence": {"frequency": "weekly", "weekdays": ["monday"], "count": 3},
            }),
        )
        .await;
    let path = format!("/api/v1/tasks/{}", id(&first));
    let done: Value = t
        .patch(&path, &json!({"status": "done"}), None)
        .await
        .json()
        .await
        .unwrap();
    let next_id = done["next_id"]
        .as_str()
        .expect("the next occurrence")
        .to_string();
    let next: Value = t
        .get(&format!("/api/v1/tasks/{next_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(next["status"], "open");
    assert_eq!(
        at(next["due_at"].as_str().unwrap()),
        at("2026-03-30T07:00:00Z")
    );
    assert_eq!(next["time_zone"], "Europe/Oslo");
    assert_eq!(next["title"], "Weekly pipeline review");
    assert_eq!(next["previous_id"], id(&first));
    assert_eq!(next["recurrence"]["count"], 2, "one occurrence is used up");

    // The history says so: the completion names the next task, which names its origin.
    let history: Value = t
        .get(&format!("{path}/history"))
        .await
        .json()
        .await
        .unwrap();
    let last = history["items"].as_array().unwrap().last().unwrap().clone();
    let changes = last["changes"].to_string();
    assert!(
        changes.contains("next_id") && changes.contains(&next_id),
        "{last}"
    );
    let history: Value = t
        .get(&format!("/api/v1/tasks/{next_id}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        history["items"][0]["changes"]
            .to_string()
            .contains(&id(&first))
    );

    // Done, reopened and done again: still one next occurrence.
    t.patch(&path, &json!({"status": "open"}), None).await;
    let again: Value = t
        .patch(&path, &json!({"status": "done"}), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["next_id"], next_id.as_str());

    // The third and last occurrence opens no fourth.
    let second: Value = t
        .patch(
            &format!("/api/v1/tasks/{next_id}"),
            &json!({"status": "done"}),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let third_id = second["next_id"].as_str().unwrap().to_string();
    let third: Value = t
        .patch(
            &format!("/api/v1/tasks/{third_id}"),
            &json!({"status": "done"}),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(third["next_id"].is_null());
    let page: Value = t
        .get("/api/v1/tasks?filter[status]=open")
        .await
        .json()
        .await
        .unwrap();
    assert!(page["items"].as_array().unwrap().is_empty());
}

async fn reminders_tell_the_assignee_once_at_the_right_time(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, agent_token) = t.user("agent@example.com", Role::Agent).await;
    let now = rapport_core::clock::now();
    let due = now + time::Duration::days(2);
    let task = t
        .create(
            "tasks",
            json!({"title": "Renewal call", "due_at": rfc3339(due), "reminder_minutes": 30, "owner_id": agent.to_string()}),
        )
        .await;
    let queued = rapport_store::jobs::queued(&t.app.db, rapport_app::tasks::REMINDER_JOB)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(at(&queued[0].0), due - time::Duration::minutes(30));

    // Nothing is due yet.
    assert_eq!(rapport_app::jobs::drain(&t.app, now).await.unwrap(), 0);
    assert!(notifications(&t, &agent_token).await.is_empty());

    // Moving the task moves its one reminder.
    let later = due + time::Duration::days(1);
    let path = format!("/api/v1/tasks/{}", id(&task));
    t.patch(&path, &json!({"due_at": rfc3339(later)}), None)
        .await;
    let queued = rapport_store::jobs::queued(&t.app.db, rapport_app::tasks::REMINDER_JOB)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(at(&queued[0].0), later - time::Duration::minutes(30));
    assert_eq!(
        rapport_app::jobs::drain(&t.app, later - time::Duration::minutes(31))
            .await
            .unwrap(),
        0
    );

    let ran = rapport_app::jobs::drain(&t.app, later - time::Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(ran, 1);
    let told = notifications(&t, &agent_token).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["kind"], "reminder");
    assert_eq!(told[0]["record_type"], "tasks");
    assert_eq!(told[0]["record_name"], "Renewal call");
    assert!(
        notifications(&t, &t.token).await.is_empty(),
        "only the assignee"
    );
    // A job runs once.
    assert_eq!(rapport_app::jobs::drain(&t.app, later).await.unwrap(), 0);

    // Done or deleted tasks keep no reminder.
    let other = t
        .create(
            "tasks",
            json!({"title": "Other", "due_at": rfc3339(due), "reminder_minutes": 5}),
        )
        .await;
    let other_path = format!("/api/v1/tasks/{}", id(&other));
    t.patch(&other_path, &json!({"status": "done"}), None).await;
    let queued = rapport_store::jobs::queued(&t.app.db, rapport_app::tasks::REMINDER_JOB)
        .await
        .unwrap();
    assert!(queued.is_empty(), "{queued:?}");
    t.patch(&other_path, &json!({"status": "open"}), None).await;
    assert_eq!(
        rapport_store::jobs::queued(&t.app.db, rapport_app::tasks::REMINDER_JOB)
            .await
            .unwrap()
            .len(),
        1
    );
    t.delete(&other_path).await;
    assert!(
        rapport_store::jobs::queued(&t.app.db, rapport_app::tasks::REMINDER_JOB)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_reminder_checks_the_task_before_it_sounds(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let due = rapport_core::clock::now() + time::Duration::hours(5);
    let task = t
        .create(
            "tasks",
            json!({"title": "Moved", "due_at": rfc3339(due), "reminder_minutes": 60}),
        )
        .await;
    // A job queued for an earlier due time (as one a worker had claimed when the task
    // moved would be) finds the task moved and tells nobody.
    let mut tx = t.app.db.begin().await.unwrap();
    let stale = json!({"task_id": id(&task), "due_at": "2026-01-01T09:00:00.000000Z", "reminder_minutes": 60});
    rapport_store::jobs::enqueue(
        &mut tx,
        rapport_app::tasks::REMINDER_JOB,
        &stale,
        "2026-01-01T08:00:00.000000Z",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let ran = rapport_app::jobs::drain(&t.app, due - time::Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(ran, 1);
    let (_, admin_notes) = (0, notifications(&t, &t.token).await);
    assert!(admin_notes.is_empty(), "{admin_notes:?}");
    // The real reminder still sounds.
    assert_eq!(rapport_app::jobs::drain(&t.app, due).await.unwrap(), 1);
    assert_eq!(notifications(&t, &t.token).await.len(), 1);
}

fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    calendar
}

fn value<'a>(properties: &'a [Property], name: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn tzid(properties: &[Property], name: &str) -> Option<String> {
    let p = properties.iter().find(|p| p.name == name)?;
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == "TZID")
        .and_then(|(_, v)| v.first().cloned())
}

async fn the_calendar_reads_back_as_icalendar(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let contact = t.create("contacts", json!({"first_name": "Kari"})).await;
    t.create(
        "tasks",
        json!({"title": "Prepare the offer", "due_at": "2026-04-02T12:00:00Z", "reminder_minutes": 15}),
    )
    .await;
    t.create(
        "tasks",
        json!({"title": "Stand-up", "due_at": "2026-03-23T08:00:00Z", "time_zone": "Europe/Oslo",
               "recurrence": {"frequency": "daily", "interval": 1}}),
    )
    .await;
    t.create(
        "interactions",
        json!({"kind": "meeting", "subject": "Kick-off", "occurred_at": "2026-04-03T09:00:00Z",
               "duration_seconds": 3600, "contact_id": id(&contact),
               "participants": [{"name": "Kari Nordmann", "email": "kari@example.no"}]}),
    )
    .await;
    t.create(
        "interactions",
        json!({"kind": "call", "subject": "Not a meeting", "contact_id": id(&contact)}),
    )
    .await;

    let r = t.get("/api/v1/calendar.ics").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let calendar = parse(&r.text().await.unwrap());
    assert_eq!(calendar.todos.len(), 2);
    let offer = calendar
        .todos
        .iter()
        .find(|t| value(&t.properties, "SUMMARY") == Some("Prepare the offer"))
        .expect("the one-off task");
    assert_eq!(value(&offer.properties, "DUE"), Some("20260402T120000Z"));
    assert_eq!(offer.alarms.len(), 1);
    assert_eq!(
        value(&offer.alarms[0].properties, "TRIGGER"),
        Some("-PT15M")
    );
    let standup = calendar
        .todos
        .iter()
        .find(|t| value(&t.properties, "SUMMARY") == Some("Stand-up"))
        .expect("the recurring task");
    assert_eq!(
        tzid(&standup.properties, "DTSTART").as_deref(),
        Some("Europe/Oslo")
    );
    assert_eq!(
        value(&standup.properties, "DTSTART"),
        Some("20260323T090000")
    );
    assert!(
        value(&standup.properties, "RRULE")
            .unwrap()
            .contains("FREQ=DAILY")
    );

    assert_eq!(calendar.events.len(), 1, "meetings only");
    let meeting = &calendar.events[0];
    assert_eq!(value(&meeting.properties, "SUMMARY"), Some("Kick-off"));
    assert_eq!(
        value(&meeting.properties, "DTSTART"),
        Some("20260403T090000Z")
    );
    assert_eq!(
        value(&meeting.properties, "DTEND"),
        Some("20260403T100000Z")
    );
    let attendee = value(&meeting.properties, "ATTENDEE").unwrap();
    assert!(
        attendee.to_lowercase().contains("mailto:kari@example.no"),
        "{attendee}"
    );

    // Without a token there is no export.
    let r = t
        .client
        .get(t.url("/api/v1/calendar.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn the_feed_needs_its_current_token(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, agent_token) = t.user("agent@example.com", Role::Agent).await;
    t.create(
        "tasks",
        json!({"title": "Admin's own", "due_at": "2026-04-02T12:00:00Z"}),
    )
    .await;
    t.request(Method::POST, "/api/v1/tasks", &agent_token)
        .json(&json!({"title": "Agent's own", "due_at": "2026-04-02T13:00:00Z"}))
        .send()
        .await
        .unwrap();
    let actor = rapport_app::auth::actor_for_token(&t.app, &agent_token)
        .await
        .unwrap();
    let ctx = rapport_app::Ctx::new(actor, rapport_app::Origin::Ui);
    assert!(
        rapport_app::calendar::feed_created_at(&t.app, &ctx)
            .await
            .unwrap()
            .is_none()
    );
    let secret = rapport_app::calendar::rotate_feed(&t.app, &ctx)
        .await
        .unwrap();
    assert!(
        rapport_app::calendar::feed_created_at(&t.app, &ctx)
            .await
            .unwrap()
            .is_some()
    );
    let feed = format!("/calendar/{secret}.ics");
    let r = t.client.get(t.url(&feed)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let calendar = parse(&r.text().await.unwrap());
    let titles: Vec<_> = calendar
        .todos
        .iter()
        .filter_map(|t| value(&t.properties, "SUMMARY"))
        .collect();
    assert_eq!(titles, ["Agent's own"], "only the holder's own tasks");

    // A new token ends the old one; a made-up one finds nothing.
    let newer = rapport_app::calendar::rotate_feed(&t.app, &ctx)
        .await
        .unwrap();
    assert_ne!(newer, secret);
    let r = t.client.get(t.url(&feed)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = t
        .client
        .get(t.url(&format!("/calendar/{newer}.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = t
        .client
        .get(t.url("/calendar/rcf_made-up.ics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let _ = agent;
}
