//! A task's page and its full form, as a signed-in person uses them: the repeat rule set
//! through the form, the next occurrence after completing, refused input shown in place,
//! a form saved over someone else's change, and who may open a task. On both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_app::Ctx;
use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, input_value};

on_both_backends! {
    a_weekly_rule_set_in_the_form_is_stored_and_completing_opens_the_next => weekly_rule;
    bad_repeat_input_is_shown_in_place_and_changes_nothing => bad_repeat_input;
    a_form_saved_over_another_change_shows_both_and_keeps_theirs => conflict;
    a_new_task_is_made_with_every_field => new_task;
    only_those_who_see_a_task_open_its_pages => visibility;
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn checked(html: &str, name: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(&format!("input[name=\"{name}\"][checked]")).unwrap())
        .map(|e| e.value().attr("value").unwrap_or("").to_string())
        .collect()
}

fn selected(html: &str, name: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(&format!("select[name=\"{name}\"] option[selected]")).unwrap())
        .next()
        .map(|e| e.value().attr("value").unwrap_or("").to_string())
}

async fn task(t: &TestApp, id: &str) -> Value {
    t.get(&format!("/api/v1/tasks/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

/// A task due Monday 1 June 2026 at 09:00 in Oslo, where the admin lives.
async fn monday_task(t: &TestApp) -> String {
    t.patch(
        &format!("/api/v1/users/{}", t.admin_id),
        &json!({"time_zone": "Europe/Oslo"}),
        None,
    )
    .await;
    let task = t
        .create(
            "tasks",
            json!({"title": "Weekly report", "due_at": "2026-06-01T07:00:00Z",
                   "owner_id": t.admin_id}),
        )
        .await;
    task["id"].as_str().unwrap().to_string()
}

/// The edit form's fields as they are, with some changed.
fn form_with<'a>(
    csrf: &'a str,
    version: &'a str,
    admin: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("_csrf", csrf),
        ("_version", version),
        ("title", "Weekly report"),
        ("due_date", "2026-06-01"),
        ("due_time", "09:00"),
        ("owner_id", admin),
        ("priority", "normal"),
        ("status", "open"),
        ("repeat", ""),
        ("repeat_every", "1"),
        ("repeat_monthly_by", "start"),
        ("repeat_end", "never"),
    ];
    for (k, v) in changes {
        if let Some(slot) = form.iter_mut().find(|(key, _)| key == k) {
            slot.1 = v;
        } else {
            form.push((k, v));
        }
    }
    form
}

async fn weekly_rule(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let id = monday_task(&t).await;
    let admin = t.admin_id.to_string();

    let (status, html, _) = b.get(&format!("/tasks/{id}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    let version = input_value(&html, "_version");
    // The due time is shown on the admin's clock.
    assert_eq!(input_value(&html, "due_date"), "2026-06-01");
    assert_eq!(input_value(&html, "due_time"), "09:00");

    let form = form_with(
        &csrf,
        &version,
        &admin,
        &[
            ("repeat", "weekly"),
            ("repeat_weekday", "monday"),
            ("repeat_end", "count"),
            ("repeat_count", "5"),
        ],
    );
    let mut form = form;
    form.push(("repeat_weekday", "thursday"));
    let (status, body, location) = b.post(&format!("/tasks/{id}/edit"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(format!("/tasks/{id}").as_str()));

    let saved = task(&t, &id).await;
    assert_eq!(
        saved["recurrence"],
        json!({"frequency": "weekly", "interval": 1,
               "weekdays": ["monday", "thursday"], "count": 5})
    );
    assert_eq!(saved["due_at"], "2026-06-01T07:00:00.000000Z");
    assert_eq!(saved["time_zone"], "Europe/Oslo");

    // The page says the rule in words, and the form shows it again.
    let (status, html, _) = b.get(&format!("/tasks/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let facts = texts(&html, "dl.facts dd").join(" | ");
    assert!(
        facts.contains("Weekly · Monday, Thursday · 5 times"),
        "{facts}"
    );
    let history = texts(&html, "a[href$='/history']");
    assert!(!history.is_empty(), "a history link");
    let (_, html, _) = b.get(&format!("/tasks/{id}/edit")).await;
    assert_eq!(checked(&html, "repeat_weekday"), ["monday", "thursday"]);
    assert_eq!(selected(&html, "repeat").as_deref(), Some("weekly"));
    assert_eq!(input_value(&html, "repeat_count"), "5");

    // Done from its page: the next occurrence is the Thursday, at 09:00 in Oslo.
    let (status, _, _) = b
        .post(&format!("/tasks/{id}/done"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let done = task(&t, &id).await;
    assert_eq!(done["status"], "done");
    let next_id = done["next_id"].as_str().expect("a next occurrence");
    let next = task(&t, next_id).await;
    assert_eq!(next["due_at"], "2026-06-04T07:00:00.000000Z");
    assert_eq!(next["status"], "open");
    assert_eq!(next["previous_id"], id.as_str());
    assert_eq!(next["recurrence"]["count"], 4, "one fewer to come");
    let (_, html, _) = b.get(&format!("/tasks/{next_id}")).await;
    let doc = Html::parse_document(&html);
    let previous = doc
        .select(&Selector::parse("dl.facts a[href^='/tasks/']").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect::<Vec<_>>();
    assert!(previous.contains(&format!("/tasks/{id}").as_str()));

    // The history page names the change of the rule.
    let (status, html, _) = b.get(&format!("/tasks/{id}/history")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Repeats"), "the rule's change is listed");
}

async fn bad_repeat_input(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let id = monday_task(&t).await;
    let admin = t.admin_id.to_string();
    let before = task(&t, &id).await;
    let (_, html, _) = b.get(&format!("/tasks/{id}/edit")).await;
    let csrf = input_value(&html, "_csrf");
    let version = input_value(&html, "_version");

    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[("repeat", "weekly"), ("repeat_every", "0")],
            "e-repeat_every",
        ),
        (
            &[
                ("repeat", "monthly"),
                ("repeat_monthly_by", "day"),
                ("repeat_month_day", "32"),
            ],
            "e-repeat_month_day",
        ),
        (
            &[
                ("repeat", "daily"),
                ("repeat_end", "until"),
                ("repeat_until", "next spring"),
            ],
            "e-repeat_until",
        ),
        // The services refuse a rule on a task with no due date; the form says so there.
        (
            &[("repeat", "daily"), ("due_date", ""), ("due_time", "")],
            "e-repeat",
        ),
    ];
    for (changes, error_id) in cases {
        let mut changes = changes.to_vec();
        changes.push(("title", "Typed again"));
        let form = form_with(&csrf, &version, &admin, &changes);
        let (status, html, _) = b.post(&format!("/tasks/{id}/edit"), &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{changes:?}");
        let message = texts(&html, &format!("#{error_id}"));
        assert!(
            message.first().is_some_and(|m| !m.is_empty()),
            "{changes:?}: {error_id} in {html}"
        );
        assert!(!texts(&html, "[role=alert]").is_empty());
        // The values come back as typed.
        assert_eq!(input_value(&html, "title"), "Typed again");
        for (name, value) in &changes {
            if name.starts_with("repeat_") && *name != "repeat_monthly_by" && *name != "repeat_end"
            {
                assert_eq!(input_value(&html, name), *value, "{name}");
            }
        }
    }
    assert_eq!(task(&t, &id).await, before, "nothing was changed");

    // In German the same mistake is told in German.
    t.patch(
        &format!("/api/v1/users/{}", t.admin_id),
        &json!({"locale": "de"}),
        None,
    )
    .await;
    let form = form_with(
        &csrf,
        &version,
        &admin,
        &[("repeat", "weekly"), ("repeat_every", "abc")],
    );
    let (status, html, _) = b.post(&format!("/tasks/{id}/edit"), &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&html, "#e-repeat_every"),
        ["Geben Sie eine ganze Zahl von 1 bis 999 ein."]
    );
}

async fn conflict(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let id = monday_task(&t).await;
    let admin = t.admin_id.to_string();
    let (_, html, _) = b.get(&format!("/tasks/{id}/edit")).await;
    let csrf = input_value(&html, "_csrf");
    let version = input_value(&html, "_version");

    // Someone else renames the task while the form is open.
    let r = t
        .patch(
            &format!("/api/v1/tasks/{id}"),
            &json!({"title": "Renamed elsewhere"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);

    let form = form_with(&csrf, &version, &admin, &[("title", "My title")]);
    let (status, html, _) = b.post(&format!("/tasks/{id}/edit"), &form).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let rows = texts(&html, ".conflict tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("My title") && r.contains("Renamed elsewhere")),
        "{rows:?}"
    );
    assert_eq!(input_value(&html, "title"), "My title", "kept as typed");
    assert_eq!(task(&t, &id).await["title"], "Renamed elsewhere");

    // The conflict page carries the saved version, so saving again is a choice.
    let newer = input_value(&html, "_version");
    assert_ne!(newer, version);
    let form = form_with(&csrf, &newer, &admin, &[("title", "My title")]);
    let (status, _, _) = b.post(&format!("/tasks/{id}/edit"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(task(&t, &id).await["title"], "My title");
}

async fn new_task(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann"}),
        )
        .await;
    let contact_id = contact["id"].as_str().unwrap();
    let (status, html, _) = b.get("/tasks/new").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    // The form offers the caller as the assignee.
    let admin = t.admin_id.to_string();
    let doc = Html::parse_document(&html);
    let chosen = doc
        .select(&Selector::parse("select[name=owner_id] option[selected]").unwrap())
        .next()
        .and_then(|o| o.value().attr("value"));
    assert_eq!(chosen, Some(admin.as_str()));
    let (status, body, location) = b
        .post(
            "/tasks/new",
            &[
                ("_csrf", csrf.as_str()),
                ("owner_id", admin.as_str()),
                ("title", "Quarterly call"),
                ("notes", "Ask about the renewal"),
                ("due_date", "2026-07-01"),
                ("all_day", "true"),
                ("reminder_minutes", "60"),
                ("priority", "high"),
                ("status", "open"),
                // The contact's picker as a browser without JavaScript sends it: a name.
                ("contact", "Kari Nordmann"),
                ("contact_id", ""),
                ("repeat", "monthly"),
                ("repeat_every", "3"),
                ("repeat_monthly_by", "weekday"),
                ("repeat_month_nth", "-1"),
                ("repeat_month_weekday", "friday"),
                ("repeat_end", "until"),
                ("repeat_until", "2027-12-31"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let path = location.unwrap();
    let id = path.trim_start_matches("/tasks/");
    let saved = task(&t, id).await;
    assert_eq!(saved["title"], "Quarterly call");
    assert_eq!(saved["all_day"], true);
    assert_eq!(saved["reminder_minutes"], 60);
    assert_eq!(saved["priority"], "high");
    assert_eq!(saved["contact_id"], contact_id);
    assert_eq!(saved["due_at"], "2026-07-01T00:00:00.000000Z");
    assert_eq!(
        saved["recurrence"],
        json!({"frequency": "monthly", "interval": 3,
               "weekday_of_month": {"nth": -1, "weekday": "friday"}, "until": "2027-12-31"})
    );
    let (status, html, _) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        texts(&html, "dl.facts a")
            .iter()
            .any(|a| a == "Kari Nordmann")
    );
    // The calendar's item opens this page.
    let (_, html, _) = b.get("/calendar?view=month&date=2026-07-01").await;
    let doc = Html::parse_document(&html);
    let links: Vec<&str> = doc
        .select(&Selector::parse("table.calendar li a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&path.as_str()), "{links:?}");

    // A due time without a date is refused in place.
    let (status, html, _) = b
        .post(
            "/tasks/new",
            &[
                ("_csrf", csrf.as_str()),
                ("title", "No day"),
                ("due_time", "10:00"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!texts(&html, "#e-due_date").is_empty());
    assert_eq!(input_value(&html, "title"), "No day");
}

async fn visibility(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let id = monday_task(&t).await;
    rapport_app::auth::add_user(
        &t.app,
        &Ctx::system(),
        "agent@example.com",
        "Agnes Agent",
        Role::Agent,
        Some("a long agent password"),
    )
    .await
    .unwrap();
    let before = task(&t, &id).await;
    let mut b = Browser::new(&t);
    b.sign_in("agent@example.com", "a long agent password")
        .await;
    let csrf = b.csrf().await;
    for path in [
        format!("/tasks/{id}"),
        format!("/tasks/{id}/edit"),
        format!("/tasks/{id}/history"),
    ] {
        let (status, _, _) = b.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _, _) = b
        .post(
            &format!("/tasks/{id}/edit"),
            &[("_csrf", csrf.as_str()), ("title", "Taken over")],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(task(&t, &id).await, before);
}
