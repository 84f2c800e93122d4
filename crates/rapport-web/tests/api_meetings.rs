//! Meetings on the timeline of every contact taking part, over the API and on the 360°
//! page: once each, in order across pages, following changes to the participants, gone
//! when deleted, and only for readers who see the meeting. A meeting's location through
//! the API, the form, its page and the iCalendar export. On both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, input_value};

on_both_backends! {
    a_meeting_is_on_the_timeline_of_every_contact_taking_part => every_contact;
    a_meeting_of_others_is_shown_only_to_readers_who_see_it => only_to_readers_who_see_it;
    a_meeting_keeps_its_location_through_api_form_page_and_calendar => location;
    meetings_written_before_the_link_table_are_found_after_it => backfilled;
}

const PASSWORD: &str = "a long enough password";

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// Every item of a contact's timeline, read page by page with `extra` parameters, as
/// (subject, occurred_at, id).
async fn timeline(t: &TestApp, token: &str, contact: &str, extra: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut path = format!("/api/v1/contacts/{contact}/timeline?limit=2{extra}");
    loop {
        let r = t.request(Method::GET, &path, token).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let page: Value = r.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            out.push((
                item["subject"].as_str().unwrap_or_default().to_string(),
                item["occurred_at"].as_str().unwrap().to_string(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(c) => {
                path = format!("/api/v1/contacts/{contact}/timeline?limit=2{extra}&cursor={c}")
            }
            None => return out,
        }
    }
}

fn subjects(items: &[(String, String)]) -> Vec<&str> {
    items.iter().map(|(s, _)| s.as_str()).collect()
}

/// The subjects on a customer page's timeline.
fn page_subjects(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse("section.timeline li.item p.subject").unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

async fn interaction(t: &TestApp, body: Value) -> Value {
    t.create("interactions", body).await
}

async fn every_contact(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = id(&t.create("contacts", json!({"first_name": "Kari"})).await);
    let ola = id(&t.create("contacts", json!({"first_name": "Ola"})).await);
    let per = id(&t.create("contacts", json!({"first_name": "Per"})).await);
    // Each contact has interactions of its own around the meeting's time.
    for (contact, name) in [(&kari, "Kari"), (&ola, "Ola"), (&per, "Per")] {
        for (day, kind) in [("01", "call"), ("03", "note"), ("05", "email")] {
            let direction = if kind == "note" {
                "internal"
            } else {
                "inbound"
            };
            interaction(
                &t,
                json!({"kind": kind, "direction": direction, "contact_id": contact,
                       "occurred_at": format!("2026-03-{day}T09:00:00Z"),
                       "subject": format!("{name} {kind}")}),
            )
            .await;
        }
    }
    let meeting = interaction(
        &t,
        json!({"kind": "meeting", "contact_id": kari, "subject": "Joint review",
               "occurred_at": "2026-03-04T10:00:00Z",
               "participants": [{"contact_id": kari, "name": "Kari"},
                                {"contact_id": ola, "name": "Ola"},
                                {"contact_id": ola, "name": "Ola again"},
                                {"user_id": t.admin_id, "name": "Admin"}]}),
    )
    .await;
    let meeting_id = id(&meeting);

    // Both contacts have it once, in its place among their own, across pages of two.
    for (contact, name) in [(&kari, "Kari"), (&ola, "Ola")] {
        let items = timeline(&t, &t.token, contact, "").await;
        assert_eq!(
            subjects(&items),
            [
                format!("{name} email"),
                "Joint review".into(),
                format!("{name} note"),
                format!("{name} call")
            ],
            "{name}"
        );
        let meetings = timeline(&t, &t.token, contact, "&filter[kind]=meeting").await;
        assert_eq!(subjects(&meetings), ["Joint review"], "{name}");
        let calls = timeline(&t, &t.token, contact, "&filter[kind]=call").await;
        assert_eq!(subjects(&calls), [format!("{name} call")], "{name}");
        let internal = timeline(&t, &t.token, contact, "&filter[direction]=internal").await;
        assert_eq!(
            subjects(&internal),
            ["Joint review".to_string(), format!("{name} note")],
            "{name}"
        );
        let oldest_first = timeline(&t, &t.token, contact, "&sort=occurred_at").await;
        assert_eq!(oldest_first[1].0, format!("{name} note"), "{name}");
        assert_eq!(oldest_first[2].0, "Joint review", "{name}");
        // A search finds it through the participant as well.
        let found = timeline(&t, &t.token, contact, "&q=joint").await;
        assert_eq!(subjects(&found), ["Joint review"], "{name}");
    }
    assert!(!subjects(&timeline(&t, &t.token, &per, "").await).contains(&"Joint review"));

    // The 360° page shows it once on each.
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    for contact in [&kari, &ola] {
        let (status, html, _) = b.get(&format!("/contacts/{contact}")).await;
        assert_eq!(status, StatusCode::OK);
        let shown = page_subjects(&html);
        assert_eq!(
            shown.iter().filter(|s| *s == "Joint review").count(),
            1,
            "{shown:?}"
        );
    }
    let (_, html, _) = b.get(&format!("/contacts/{per}")).await;
    assert!(!page_subjects(&html).contains(&"Joint review".to_string()));

    // Ola is taken off and Per added: the meeting moves from Ola's timeline to Per's.
    let r = t
        .patch(
            &format!("/api/v1/interactions/{meeting_id}"),
            &json!({"participants": [{"contact_id": kari}, {"contact_id": per}],
                    "occurred_at": "2026-03-02T10:00:00Z"}),
            Some("\"v1\""),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(!subjects(&timeline(&t, &t.token, &ola, "").await).contains(&"Joint review"));
    assert_eq!(
        subjects(&timeline(&t, &t.token, &per, "").await),
        ["Per email", "Per note", "Joint review", "Per call"],
        "in the place of its new start"
    );

    // Made Per's own meeting, it is still there once; made a note, it leaves Kari's.
    let r = t
        .patch(
            &format!("/api/v1/interactions/{meeting_id}"),
            &json!({"contact_id": per}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    for contact in [&kari, &per] {
        let items = timeline(&t, &t.token, contact, "").await;
        assert_eq!(
            subjects(&items)
                .iter()
                .filter(|s| **s == "Joint review")
                .count(),
            1,
            "{items:?}"
        );
    }
    let r = t
        .patch(
            &format!("/api/v1/interactions/{meeting_id}"),
            &json!({"kind": "note"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(!subjects(&timeline(&t, &t.token, &kari, "").await).contains(&"Joint review"));
    assert!(subjects(&timeline(&t, &t.token, &per, "").await).contains(&"Joint review"));
    let r = t
        .patch(
            &format!("/api/v1/interactions/{meeting_id}"),
            &json!({"kind": "meeting", "contact_id": kari}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);

    // Deleted, it leaves every timeline but the trash; restored, it comes back.
    let r = t
        .delete(&format!("/api/v1/interactions/{meeting_id}"))
        .await;
    assert_eq!(r.status(), 204);
    for contact in [&kari, &per] {
        assert!(!subjects(&timeline(&t, &t.token, contact, "").await).contains(&"Joint review"));
        assert_eq!(
            subjects(&timeline(&t, &t.token, contact, "&deleted=only").await),
            ["Joint review"]
        );
    }
    let r = t
        .post(
            &format!("/api/v1/interactions/{meeting_id}/restore"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(subjects(&timeline(&t, &t.token, &per, "").await).contains(&"Joint review"));

    // Purged, it is gone, with its links.
    t.delete(&format!("/api/v1/interactions/{meeting_id}"))
        .await;
    let r = t
        .post(
            &format!("/api/v1/interactions/{meeting_id}/purge"),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 204);
    assert!(
        subjects(&timeline(&t, &t.token, &per, "&deleted=only").await).is_empty(),
        "nothing is left of it"
    );

    // Merging Per into Kari moves Per's part in a meeting to Kari.
    let other = interaction(
        &t,
        json!({"kind": "meeting", "contact_id": ola, "subject": "Second round",
               "occurred_at": "2026-03-06T10:00:00Z",
               "participants": [{"contact_id": ola}, {"contact_id": per}]}),
    )
    .await;
    let r = t
        .post(
            &format!("/api/v1/contacts/{kari}/merge"),
            &json!({"from": per}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(subjects(&timeline(&t, &t.token, &kari, "").await).contains(&"Second round"));
    let stored: Value = t
        .get(&format!("/api/v1/interactions/{}", id(&other)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["participants"][1]["contact_id"], kari.as_str());
}

async fn only_to_readers_who_see_it(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent, agent_token) = t.user("ines@example.com", Role::Agent).await;
    // The admin's contact, which the agent does not see, and the agent's own.
    let kari = id(&t
        .create(
            "contacts",
            json!({"first_name": "Kari", "owner_id": t.admin_id}),
        )
        .await);
    let ola = id(&t
        .create("contacts", json!({"first_name": "Ola", "owner_id": agent}))
        .await);
    let private = interaction(
        &t,
        json!({"kind": "meeting", "contact_id": kari, "owner_id": t.admin_id,
               "subject": "Board only", "occurred_at": "2026-03-04T10:00:00Z",
               "participants": [{"contact_id": kari}, {"contact_id": ola}]}),
    )
    .await;
    interaction(
        &t,
        json!({"kind": "meeting", "contact_id": kari, "owner_id": agent,
               "subject": "Agent's meeting", "occurred_at": "2026-03-05T10:00:00Z",
               "participants": [{"contact_id": kari}, {"contact_id": ola}]}),
    )
    .await;
    interaction(
        &t,
        json!({"kind": "call", "direction": "inbound", "contact_id": ola,
               "subject": "Ola calls", "occurred_at": "2026-03-01T10:00:00Z"}),
    )
    .await;

    // The admin sees both on Ola's timeline; the agent only the one they own.
    assert_eq!(
        subjects(&timeline(&t, &t.token, &ola, "").await),
        ["Agent's meeting", "Board only", "Ola calls"]
    );
    assert_eq!(
        subjects(&timeline(&t, &agent_token, &ola, "").await),
        ["Agent's meeting", "Ola calls"]
    );
    assert_eq!(
        subjects(&timeline(&t, &agent_token, &ola, "&q=board").await),
        Vec::<&str>::new(),
        "a search does not find it either"
    );
    let mut b = Browser::new(&t);
    rapport_app::auth::set_password(&t.app, &rapport_app::Ctx::system(), agent, PASSWORD)
        .await
        .unwrap();
    b.sign_in("ines@example.com", PASSWORD).await;
    let (status, html, _) = b.get(&format!("/contacts/{ola}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page_subjects(&html), ["Agent's meeting", "Ola calls"]);

    // Asked to take part, the agent sees it there too.
    let r = t
        .patch(
            &format!("/api/v1/interactions/{}", id(&private)),
            &json!({"participants": [{"contact_id": kari}, {"contact_id": ola},
                                     {"user_id": agent}]}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        subjects(&timeline(&t, &agent_token, &ola, "").await),
        ["Agent's meeting", "Board only", "Ola calls"]
    );

    // Nobody puts a meeting on the timeline of a contact they do not see.
    let r = t
        .request(Method::POST, "/api/v1/interactions", &agent_token)
        .json(
            &json!({"kind": "meeting", "contact_id": ola, "subject": "Sneaky",
                      "participants": [{"contact_id": kari}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "participants", "{body}");
    assert!(!subjects(&timeline(&t, &t.token, &kari, "").await).contains(&"Sneaky"));
}

async fn location(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = id(&t.create("contacts", json!({"first_name": "Kari"})).await);

    // Over the API: trimmed, cleared by an empty text, too long refused by name.
    let meeting = interaction(
        &t,
        json!({"kind": "meeting", "contact_id": kari, "subject": "On site",
               "occurred_at": "2026-06-09T10:00:00Z", "duration_seconds": 3600,
               "location": "  Storgata 1, Oslo  "}),
    )
    .await;
    assert_eq!(meeting["location"], "Storgata 1, Oslo");
    let path = format!("/api/v1/interactions/{}", id(&meeting));
    let r = t
        .patch(&path, &json!({"location": "x".repeat(501)}), None)
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "location", "{body}");
    let stored: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(
        stored["location"], "Storgata 1, Oslo",
        "nothing was written"
    );
    let spec: Value = t.get("/api/openapi.json").await.json().await.unwrap();
    assert_eq!(
        spec["components"]["schemas"]["InteractionInput"]["properties"]["location"]["maxLength"],
        500
    );

    // In the iCalendar export as LOCATION.
    let ics = t
        .get("/api/v1/calendar.ics")
        .await
        .text()
        .await
        .unwrap()
        .replace("\r\n ", "");
    assert!(ics.contains("LOCATION:Storgata 1\\, Oslo"), "{ics}");

    // Through the form and the page.
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    // On the timeline of the contact's page, beside the meeting's time.
    let (_, html, _) = b.get(&format!("/contacts/{kari}")).await;
    let doc = Html::parse_document(&html);
    let place = doc
        .select(&Selector::parse("li.kind-meeting .meta .location").unwrap())
        .next()
        .map(|e| e.text().collect::<String>());
    assert_eq!(place.as_deref(), Some("Storgata 1, Oslo"), "{html}");
    let csrf = b.csrf().await;
    let admin = t.admin_id.to_string();
    let form = |location: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("subject", "Video call".to_string()),
            ("start", "2026-06-10T10:00".to_string()),
            ("end", "2026-06-10T10:30".to_string()),
            ("owner_id", admin.clone()),
            ("user", admin.clone()),
            ("contact", kari.clone()),
            ("location", location.to_string()),
        ]
    };
    let long: &'static str = Box::leak("y".repeat(501).into_boxed_str());
    let fields = form(long);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, html, _) = b.post("/meetings/new", &pairs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert!(
        doc.select(&Selector::parse("#e-location").unwrap())
            .next()
            .is_some(),
        "the problem is told beside the field"
    );
    assert_eq!(input_value(&html, "location"), long);

    let fields = form("https://meet.example.com/abc-defg");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body, location) = b.post("/meetings/new", &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let page = location.unwrap();
    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    let link = doc
        .select(&Selector::parse("dl.facts a[href=\"https://meet.example.com/abc-defg\"]").unwrap())
        .next();
    assert!(link.is_some(), "a video call's link is a link: {html}");
    let (_, html, _) = b.get(&format!("{page}/edit")).await;
    assert_eq!(
        input_value(&html, "location"),
        "https://meet.example.com/abc-defg"
    );
    let ics = t
        .get("/api/v1/calendar.ics")
        .await
        .text()
        .await
        .unwrap()
        .replace("\r\n ", "");
    assert!(
        ics.contains("LOCATION:https://meet.example.com/abc-defg"),
        "{ics}"
    );
}

/// Runs raw SQL on the test database, whichever backend it is.
async fn raw(t: &TestApp, sql: &str) {
    match &t.db.db {
        rapport_store::Db::Sqlite { writer, .. } => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(writer)
                .await
                .unwrap();
        }
        rapport_store::Db::Postgres(pool) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

async fn backfilled(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let kari = id(&t.create("contacts", json!({"first_name": "Kari"})).await);
    let ola = id(&t.create("contacts", json!({"first_name": "Ola"})).await);
    interaction(
        &t,
        json!({"kind": "meeting", "contact_id": kari, "subject": "Older meeting",
               "occurred_at": "2025-01-04T10:00:00Z",
               "participants": [{"contact_id": kari}, {"contact_id": ola}, {"name": "Guest"}]}),
    )
    .await;
    interaction(
        &t,
        json!({"kind": "call", "direction": "inbound", "contact_id": kari,
               "subject": "Not a meeting", "occurred_at": "2025-01-05T10:00:00Z",
               "participants": [{"contact_id": ola}]}),
    )
    .await;
    // The database as it stood before migration 17, then migrated again.
    raw(&t, "DROP TABLE meeting_contacts").await;
    raw(&t, "ALTER TABLE interactions DROP COLUMN location").await;
    raw(&t, "DELETE FROM _sqlx_migrations WHERE version = 17").await;
    t.db.db.migrate().await.unwrap();
    assert_eq!(
        subjects(&timeline(&t, &t.token, &ola, "").await),
        ["Older meeting"]
    );
    assert_eq!(
        subjects(&timeline(&t, &t.token, &kari, "").await),
        ["Not a meeting", "Older meeting"],
        "its own contact has it once"
    );
}
