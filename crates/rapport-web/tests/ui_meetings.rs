//! Meetings made and changed from their form, with users and contacts taking part: each
//! user taking part finds the meeting in their calendar and feed, with every participant
//! as an attendee, and nobody else does; each contact taking part has it on their
//! timeline. On both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use ical::parser::ical::component::IcalCalendar;
use rapport_app::Ctx;
use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use std::io::BufReader;
use support::{Browser, input_value};
use uuid::Uuid;

on_both_backends! {
    a_meeting_shows_in_the_calendar_and_feed_of_every_user_taking_part => every_participant;
    a_meeting_form_refuses_bad_times_in_place => bad_times;
}

const PASSWORD: &str = "a long enough password";

struct Person {
    id: Uuid,
    email: &'static str,
    token: String,
}

async fn agent(t: &TestApp, email: &'static str, name: &str) -> Person {
    let id = rapport_app::auth::add_user(
        &t.app,
        &Ctx::system(),
        email,
        name,
        Role::Agent,
        Some(PASSWORD),
    )
    .await
    .unwrap();
    let (_, token) = rapport_app::auth::create_token(&t.app, &Ctx::system(), id, "tests", &[])
        .await
        .unwrap();
    Person { id, email, token }
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn links(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The SUMMARY, and the ORGANIZER and ATTENDEE addresses, of each event in a user's
/// iCalendar export.
async fn feed_events(t: &TestApp, token: &str) -> Vec<(String, Vec<String>)> {
    let r = t
        .request(reqwest::Method::GET, "/api/v1/calendar.ics", token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    let calendar: IcalCalendar = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    calendar
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .filter(|p| p.name == name)
                    .filter_map(|p| p.value.clone())
                    .collect::<Vec<_>>()
            };
            let summary = get("SUMMARY").into_iter().next().unwrap_or_default();
            let attendees = get("ATTENDEE")
                .into_iter()
                .chain(
                    get("ORGANIZER")
                        .into_iter()
                        .map(|o| format!("organizer:{o}")),
                )
                .map(|a| a.to_lowercase().replace("mailto:", ""))
                .collect();
            (summary, attendees)
        })
        .collect()
}

async fn calendar_titles(b: &mut Browser<'_>) -> Vec<String> {
    let (status, html, _) = b.get("/calendar?view=week&date=2026-06-08").await;
    assert_eq!(status, StatusCode::OK);
    texts(&html, "table.calendar li")
}

async fn every_participant(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let ewa = agent(&t, "ewa@example.com", "Ewa Nowak").await;
    let jonas = agent(&t, "jonas@example.com", "Jonas Berg").await;
    let third = agent(&t, "third@example.com", "Tove Tredje").await;
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no",
                   "owner_id": t.admin_id}),
        )
        .await;
    let ola = t
        .create(
            "contacts",
            json!({"first_name": "Ola", "last_name": "Hansen", "email": "ola@example.no",
                   "owner_id": t.admin_id}),
        )
        .await;
    let kari_id = kari["id"].as_str().unwrap();
    let ola_id = ola["id"].as_str().unwrap();

    // The admin plans a meeting for Ewa and Jonas with two of the admin's contacts, which
    // the agents do not see otherwise.
    let mut admin = Browser::new(&t);
    admin.sign_in_admin().await;
    let (status, html, _) = admin.get("/meetings/new").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    let (ewa_id, jonas_id) = (ewa.id.to_string(), jonas.id.to_string());
    let admin_id = t.admin_id.to_string();
    let (status, body, location) = admin
        .post(
            "/meetings/new",
            &[
                ("_csrf", csrf.as_str()),
                ("subject", "Contract review"),
                ("start", "2026-06-09T10:00"),
                ("end", "2026-06-09T11:30"),
                ("owner_id", admin_id.as_str()),
                ("user", admin_id.as_str()),
                ("user", ewa_id.as_str()),
                ("user", jonas_id.as_str()),
                ("contact", kari_id),
                ("contact", ola_id),
                ("body", "Bring the signed copy"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let path = location.unwrap();
    let id = path.trim_start_matches("/meetings/").to_string();

    let stored: Value = t
        .get(&format!("/api/v1/interactions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["kind"], "meeting");
    assert_eq!(stored["occurred_at"], "2026-06-09T10:00:00.000000Z");
    assert_eq!(stored["duration_seconds"], 5400);
    assert_eq!(
        stored["contact_id"], kari_id,
        "the first contact is its own"
    );
    let participants = stored["participants"].as_array().unwrap();
    assert_eq!(participants.len(), 5);
    assert!(
        participants
            .contains(&json!({"user_id": ewa_id, "name": "Ewa Nowak", "email": "ewa@example.com"}))
    );
    assert!(
        participants.contains(
            &json!({"contact_id": ola_id, "name": "Ola Hansen", "email": "ola@example.no"})
        )
    );

    // Each user taking part sees it in their week and opens it from there.
    for person in [&ewa, &jonas] {
        let mut b = Browser::new(&t);
        b.sign_in(person.email, PASSWORD).await;
        let titles = calendar_titles(&mut b).await;
        assert!(
            titles.iter().any(|l| l.contains("Contract review")),
            "{}: {titles:?}",
            person.email
        );
        let (_, html, _) = b.get("/calendar?view=week&date=2026-06-08").await;
        assert!(links(&html, "table.calendar li a").contains(&path));
        let (status, html, _) = b.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{}", person.email);
        let people = texts(&html, "ul.participants li").join(" | ");
        assert!(people.contains("Jonas Berg") && people.contains("Kari Nordmann"));

        let events = feed_events(&t, &person.token).await;
        let (_, attendees) = events
            .iter()
            .find(|(s, _)| s == "Contract review")
            .unwrap_or_else(|| panic!("{}: {events:?}", person.email));
        for email in [
            "organizer:admin@example.com",
            "admin@example.com",
            "ewa@example.com",
            "jonas@example.com",
            "kari@example.no",
            "ola@example.no",
        ] {
            assert!(
                attendees.iter().any(|a| a == email),
                "{email}: {attendees:?}"
            );
        }
    }

    // A user not taking part sees nothing of it, not even by its address.
    let mut other = Browser::new(&t);
    other.sign_in(third.email, PASSWORD).await;
    let titles = calendar_titles(&mut other).await;
    assert!(!titles.iter().any(|l| l.contains("Contract review")));
    let (status, _, _) = other.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.get(&format!("{path}/edit")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        feed_events(&t, &third.token)
            .await
            .iter()
            .all(|(s, _)| s != "Contract review")
    );

    // The meeting's own contact, the first one taking part, has it on the timeline.
    let (status, html, _) = admin.get(&format!("/contacts/{kari_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Contract review"), "{kari_id}");

    // Jonas is taken off the meeting: it leaves his calendar and stays in Ewa's.
    let (_, html, _) = admin.get(&format!("{path}/edit")).await;
    let version = input_value(&html, "_version");
    assert_eq!(input_value(&html, "start"), "2026-06-09T10:00");
    let (status, body, _) = admin
        .post(
            &format!("{path}/edit"),
            &[
                ("_csrf", csrf.as_str()),
                ("_version", version.as_str()),
                ("subject", "Contract review"),
                ("start", "2026-06-09T10:00"),
                ("end", "2026-06-09T11:30"),
                ("owner_id", admin_id.as_str()),
                ("user", ewa_id.as_str()),
                ("contact", kari_id),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let mut b = Browser::new(&t);
    b.sign_in(jonas.email, PASSWORD).await;
    assert!(
        !calendar_titles(&mut b)
            .await
            .iter()
            .any(|l| l.contains("Contract review"))
    );
    let mut b = Browser::new(&t);
    b.sign_in(ewa.email, PASSWORD).await;
    assert!(
        calendar_titles(&mut b)
            .await
            .iter()
            .any(|l| l.contains("Contract review"))
    );

    // A stale form is refused with both versions shown, and nothing changes.
    let (status, html, _) = admin
        .post(
            &format!("{path}/edit"),
            &[
                ("_csrf", csrf.as_str()),
                ("_version", version.as_str()),
                ("subject", "Stale subject"),
                ("start", "2026-06-09T10:00"),
                ("end", "2026-06-09T11:30"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        texts(&html, ".conflict td")
            .iter()
            .any(|c| c == "Stale subject")
    );
    let stored: Value = t
        .get(&format!("/api/v1/interactions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored["subject"], "Contract review");
}

async fn bad_times(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    let cases = [
        ("2026-06-09T10:00", "2026-06-09T09:00", "e-end"),
        ("soon", "2026-06-09T09:00", "e-start"),
        // Longer than the week a meeting may last: the service's limit, told at the end.
        ("2026-06-01T10:00", "2026-06-09T10:00", "e-end"),
    ];
    for (start, end, error_id) in cases {
        let (status, html, _) = b
            .post(
                "/meetings/new",
                &[
                    ("_csrf", csrf.as_str()),
                    ("subject", "Planning"),
                    ("start", start),
                    ("end", end),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{start} {end}");
        assert!(!texts(&html, &format!("#{error_id}")).is_empty(), "{html}");
        assert_eq!(input_value(&html, "subject"), "Planning");
        assert_eq!(input_value(&html, "start"), start);
    }
    let page: Value = t
        .get("/api/v1/interactions?filter[kind]=meeting")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        0,
        "nothing was made"
    );
}
