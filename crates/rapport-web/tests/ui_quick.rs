//! The user menu in the layout and the customer page's quick actions, over real HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};
use serde_json::{Value, json};
use support::{Browser, OTHER_EMAIL, OTHER_PASSWORD, Sample, input_value};

on_both_backends! {
    quick_actions_land_on_the_timeline_with_their_kinds => quick_actions_land;
    bad_quick_input_comes_back_with_its_errors_and_values => bad_quick_input;
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn one<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel(css)).next()
}

fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    one(doc, css).and_then(|e| e.value().attr(name).map(str::to_string))
}

fn text(doc: &Html, css: &str) -> String {
    one(doc, css)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

/// The options of a select, as (value, chosen); an option without a value sends its text.
fn options(doc: &Html, css: &str) -> Vec<(String, bool)> {
    doc.select(&sel(&format!("{css} option")))
        .map(|o| {
            let value = o
                .value()
                .attr("value")
                .map_or_else(|| o.text().collect::<String>(), str::to_string);
            (value, o.value().attr("selected").is_some())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_user_menu_is_on_every_page() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let sample = Sample::create(&t).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (_, account, _) = b.get("/account").await;
    let account = Html::parse_document(&account);
    let languages = options(&account, "#locale");
    let zones = options(&account, "#time_zone");
    assert_eq!(languages.len(), 5);
    assert!(zones.len() > 300, "every time zone: {}", zones.len());
    assert!(zones.iter().any(|(z, _)| z == "Europe/Oslo"));

    let mut shown = 0;
    for page in sample.pages() {
        let Some((_, html)) = b.page(&page).await else {
            continue;
        };
        let doc = Html::parse_document(&html);
        // Pages without the layout (such as the setup page, gone once there are users).
        if one(&doc, "header.topbar").is_none() {
            continue;
        }
        shown += 1;
        let menu = "header.topbar details.user-menu";
        assert!(one(&doc, menu).is_some(), "{page}: no user menu");
        assert!(
            one(&doc, &format!("{menu}[open]")).is_none(),
            "{page}: the menu starts closed"
        );
        assert!(text(&doc, &format!("{menu} > summary")).starts_with("Ada Admin"));
        let links: Vec<String> = doc
            .select(&sel(&format!("{menu} .menu-links a")))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert_eq!(links, ["/account", "/settings"], "{page}");
        let form = format!("{menu} form[action='/account/preferences'][method=post]");
        assert_eq!(
            attr(&doc, &format!("{form} input[name=_csrf]"), "value").unwrap(),
            input_value(&html, "_csrf"),
            "{page}"
        );
        assert_eq!(
            attr(&doc, &format!("{form} input[name=next]"), "value").as_deref(),
            Some(page.as_str()),
            "{page}: the menu returns to the page it is on"
        );
        assert_eq!(
            attr(&doc, &format!("{form} label[for=menu-locale]"), "for").as_deref(),
            Some("menu-locale")
        );
        assert_eq!(
            options(&doc, &format!("{form} select#menu-locale[name=locale]")),
            languages,
            "{page}: the same languages as the account page"
        );
        assert!(one(&doc, &format!("{form} label[for=menu-time-zone]")).is_some());
        assert_eq!(
            options(
                &doc,
                &format!("{form} select#menu-time-zone[name=time_zone]")
            ),
            zones,
            "{page}: the same time zones as the account page"
        );
        assert!(
            one(
                &doc,
                &format!("{menu} form[action='/logout'] input[name=_csrf]")
            )
            .is_some(),
            "{page}: sign-out is in the menu"
        );
        assert!(
            one(&doc, "header.topbar > .user > a[href='/settings']").is_none(),
            "{page}: settings moved into the menu"
        );
    }
    assert!(shown >= 30, "only {shown} pages with the layout");

    // An agent's menu has no settings.
    let mut agent = Browser::new(&t);
    agent.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
    let (_, html, _) = agent.get("/contacts").await;
    let doc = Html::parse_document(&html);
    let links: Vec<String> = doc
        .select(&sel("details.user-menu .menu-links a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["/account"]);
    assert!(text(&doc, "details.user-menu > summary").starts_with("Ewa Nowak"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_changes_language_and_returns_to_the_contact_page() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let sample = Sample::create(&t).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let page = format!("/contacts/{}?kind=call", sample.contact);
    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"en\">"));
    let doc = Html::parse_document(&html);
    let form = "details.user-menu form[action='/account/preferences']";
    let csrf = attr(&doc, &format!("{form} input[name=_csrf]"), "value").unwrap();
    let next = attr(&doc, &format!("{form} input[name=next]"), "value").unwrap();
    assert_eq!(next, page);
    let (status, _, location) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("next", &next),
                ("locale", "pl"),
                ("time_zone", "Europe/Warsaw"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(page.as_str()));
    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"pl\">"));
    assert!(html.contains("Oś czasu"), "the page speaks Polish");
    let doc = Html::parse_document(&html);
    assert_eq!(
        text(&doc, "details.user-menu .menu-sign-out button"),
        "Wyloguj się"
    );
    let chosen = |css: &str| {
        options(&doc, css)
            .into_iter()
            .filter(|(_, chosen)| *chosen)
            .map(|(v, _)| v)
            .collect::<Vec<_>>()
    };
    assert_eq!(chosen("#menu-locale"), ["pl"]);
    assert_eq!(chosen("#menu-time-zone"), ["Europe/Warsaw"]);

    // The account page's own form still returns to the account page.
    let (status, _, location) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("locale", "nb"),
                ("time_zone", "Europe/Oslo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/account"));

    // A bad time zone from the menu is named on the account page and changes nothing.
    let (status, html, _) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("next", &next),
                ("locale", "de"),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    // The field is named by its label, in the user's language.
    let error = text(&doc, "p.error[role=alert]");
    assert!(
        error.contains("Tidssone: er ikke en kjent tidssone"),
        "the field is named: {error}"
    );
    let (_, html, _) = b.get(&page).await;
    assert!(html.contains("<html lang=\"nb\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_return_address_leads_to_the_account_page() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    for next in [
        "//evil.example",
        "//evil.example/contacts",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "/\\evil",
        "/\\/evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        " /contacts",
        "/contacts\r\nSet-Cookie: a=b",
        "evil.example",
        "",
    ] {
        let (status, body, location) = b
            .post(
                "/account/preferences",
                &[
                    ("_csrf", &csrf),
                    ("next", next),
                    ("locale", "en"),
                    ("time_zone", "UTC"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{next:?}: {body}");
        assert_eq!(location.as_deref(), Some("/account"), "{next:?}");
    }
    // A path on this site, with its query, is kept as it is.
    let (_, _, location) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("next", "/contacts?q=ingrid&sort=-created_at"),
                ("locale", "en"),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    assert_eq!(
        location.as_deref(),
        Some("/contacts?q=ingrid&sort=-created_at")
    );
    // Signing in takes the same care with where it returns to.
    let mut visitor = Browser::new(&t);
    let (_, html, _) = visitor.get("/login").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, location) = visitor
        .post(
            "/login",
            &[
                ("_csrf", &csrf),
                ("email", support::ADMIN_EMAIL),
                ("password", support::ADMIN_PASSWORD),
                ("next", "/\\evil.example"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/contacts"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_quick_action_renders_its_form() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let sample = Sample::create(&t).await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    for base in [
        format!("/contacts/{}", sample.contact),
        format!("/companies/{}", sample.company),
    ] {
        let (status, html, _) = b.get(&base).await;
        assert_eq!(status, StatusCode::OK);
        let doc = Html::parse_document(&html);
        // The actions sit with the key facts and lead to the open form.
        let actions: Vec<(String, String)> = doc
            .select(&sel(".facts ul.quick-actions a"))
            .map(|a| {
                (
                    a.value().attr("href").unwrap().to_string(),
                    a.text().collect::<String>(),
                )
            })
            .collect();
        assert_eq!(
            actions,
            [
                (format!("{base}?log=call#quick-log"), "Log call".to_string()),
                (format!("{base}?log=note#quick-log"), "Add note".to_string()),
                (
                    format!("{base}?log=task#quick-log"),
                    "Create task".to_string()
                ),
            ],
            "{base}"
        );
        assert!(one(&doc, "details#quick-log").is_some());
        assert!(one(&doc, "details#quick-log[open]").is_none(), "closed");
        assert!(one(&doc, "#quick-log select#q-kind").is_some());

        let form = |html: &str| Html::parse_document(html);
        let (status, html, _) = b.get(&format!("{base}?log=call")).await;
        assert_eq!(status, StatusCode::OK);
        let doc = form(&html);
        assert!(one(&doc, "details#quick-log[open]").is_some());
        assert_eq!(text(&doc, "#quick-log > summary"), "Log call");
        assert_eq!(
            attr(&doc, "#quick-log input[name=quick]", "value").as_deref(),
            Some("call")
        );
        assert!(one(&doc, "#q-kind").is_none(), "the kind is chosen");
        assert!(one(&doc, "select#q-direction[name=direction]").is_some());
        assert!(one(&doc, "input#q-duration[name=duration_minutes]").is_some());
        assert!(one(&doc, "#q-subject").is_some() && one(&doc, "#q-body").is_some());
        assert!(one(&doc, "#q-due").is_none());
        assert!(
            one(
                &doc,
                ".quick-actions a[aria-current=true][href*='log=call']"
            )
            .is_some()
        );
        assert_eq!(text(&doc, "#quick-log button[type=submit]"), "Log call");

        let (_, html, _) = b.get(&format!("{base}?log=note")).await;
        let doc = form(&html);
        assert!(one(&doc, "details#quick-log[open]").is_some());
        assert_eq!(
            attr(&doc, "#quick-log input[name=quick]", "value").as_deref(),
            Some("note")
        );
        for absent in ["#q-kind", "#q-direction", "#q-duration", "#q-due"] {
            assert!(one(&doc, absent).is_none(), "a note has no {absent}");
        }
        assert!(one(&doc, "textarea#q-body[name=body]").is_some());
        assert_eq!(text(&doc, "#quick-log button[type=submit]"), "Add note");

        let (_, html, _) = b.get(&format!("{base}?log=task")).await;
        let doc = form(&html);
        assert!(one(&doc, "details#quick-log[open]").is_some());
        assert_eq!(
            attr(&doc, "#quick-log input[name=quick]", "value").as_deref(),
            Some("task")
        );
        assert!(one(&doc, "input#q-subject[name=subject][required]").is_some());
        assert!(one(&doc, "input#q-due[name=due][type=datetime-local][required]").is_some());
        for absent in ["#q-kind", "#q-direction", "#q-duration"] {
            assert!(one(&doc, absent).is_none(), "a task has no {absent}");
        }
        assert_eq!(text(&doc, "#quick-log button[type=submit]"), "Create task");
        // From a quick action, the form with every kind is one link away.
        let other = attr(&doc, "#quick-log a[href$='#quick-log']", "href").unwrap();
        let (_, html, _) = b.get(other.trim_end_matches("#quick-log")).await;
        let doc = form(&html);
        assert!(one(&doc, "details#quick-log[open] select#q-kind").is_some());

        // An unknown action shows the page as usual.
        let (status, html, _) = b.get(&format!("{base}?log=%3Cscript%3E")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(one(&form(&html), "details#quick-log[open]").is_none());
    }

    // The forms speak the user's language.
    let mut pl = Browser::new(&t);
    pl.lang = "pl";
    pl.sign_in_admin().await;
    let (_, html, _) = pl
        .get(&format!("/contacts/{}?log=task", sample.contact))
        .await;
    let doc = Html::parse_document(&html);
    assert_eq!(text(&doc, "#quick-log > summary"), "Utwórz zadanie");
    assert_eq!(text(&doc, "label[for=q-due]"), "Termin (data i godzina) *");

    // A record shown as it was has nothing to log.
    let created = t
        .get(&format!("/api/v1/contacts/{}", sample.contact))
        .await
        .json::<Value>()
        .await
        .unwrap()["created_at"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, html, _) = b
        .get(&format!(
            "/contacts/{}?as_of={}",
            sample.contact,
            created.replace('+', "%2B")
        ))
        .await;
    let doc = Html::parse_document(&html);
    assert!(one(&doc, ".quick-actions").is_none() && one(&doc, "#quick-log").is_none());
}

/// The items of a customer page's timeline, as (kind, meta text, subject, body).
fn timeline(html: &str) -> Vec<(String, String, String, String)> {
    let doc = Html::parse_document(html);
    doc.select(&sel(".timeline ol > li.item"))
        .map(|li| {
            let class = li.value().attr("class").unwrap();
            let kind = class
                .split_whitespace()
                .find_map(|c| c.strip_prefix("kind-"))
                .unwrap()
                .to_string();
            let part = |css: &str| {
                li.select(&sel(css))
                    .next()
                    .map(|e| e.text().collect::<String>().trim().to_string())
                    .unwrap_or_default()
            };
            (kind, part(".meta"), part(".subject"), part(".body"))
        })
        .collect()
}

/// The interactions of a contact as the API keeps them, newest first.
async fn stored(t: &TestApp, contact: &str) -> Vec<Value> {
    let page: Value = t
        .get(&format!("/api/v1/contacts/{contact}/timeline"))
        .await
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().clone()
}

async fn quick_actions_land(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t.create("companies", json!({"name": "Fjord Fisk"})).await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "company_id": company["id"]}),
        )
        .await;
    let id = contact["id"].as_str().unwrap();
    let page = format!("/contacts/{id}");
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    // Due times are read in the user's time zone.
    let csrf = b.csrf().await;
    let (status, _, _) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("locale", "en"),
                ("time_zone", "Europe/Oslo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (_, html, _) = b.get(&format!("{page}?log=call")).await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, location) = b
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "call"),
                ("direction", "outbound"),
                ("subject", "Called about the spring catch"),
                ("body", "Wants twice the usual."),
                ("duration_minutes", "12"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(page.as_str()));
    // A note is internal and has no duration, whatever the form sends.
    let (status, _, _) = b
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "note"),
                ("kind", "email"),
                ("direction", "inbound"),
                ("duration_minutes", "5"),
                ("body", "Prefers calls after lunch."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = b
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "task"),
                ("kind", "call"),
                ("direction", "inbound"),
                ("subject", "Send the price list"),
                ("due", "2031-05-04T09:30"),
                ("body", "With the summer prices."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let items = stored(&t, id).await;
    assert_eq!(items.len(), 3);
    let find = |kind: &str| {
        items
            .iter()
            .find(|i| i["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} in {items:?}"))
            .clone()
    };
    let call = find("call");
    assert_eq!(call["direction"], "outbound");
    assert_eq!(call["duration_seconds"], 720);
    assert_eq!(call["company_id"], company["id"]);
    let note = find("note");
    assert_eq!(note["direction"], "internal");
    assert_eq!(note["duration_seconds"], Value::Null);
    assert_eq!(note["body"], "Prefers calls after lunch.");
    let task = find("task");
    assert_eq!(task["direction"], "internal");
    assert_eq!(task["subject"], "Send the price list");
    // 09:30 in Oslo in summer is 07:30 UTC.
    assert!(
        task["occurred_at"]
            .as_str()
            .unwrap()
            .starts_with("2031-05-04T07:30:00"),
        "{task}"
    );

    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    let shown = timeline(&html);
    assert_eq!(shown.len(), 3, "{shown:?}");
    // The task lies in the future, so it heads the timeline, marked with its due time.
    let (kind, meta, subject, body) = &shown[0];
    assert_eq!(kind, "task");
    assert!(meta.starts_with("Task"), "{meta}");
    assert!(meta.contains("Due 2031-05-04 09:30"), "{meta}");
    assert_eq!(subject, "Send the price list");
    assert_eq!(body, "With the summer prices.");
    let call = shown.iter().find(|i| i.0 == "call").unwrap();
    assert!(call.1.starts_with("Call") && call.1.contains("Outbound"));
    assert!(call.1.contains("12 min"), "{}", call.1);
    assert!(!call.1.contains("Due"));
    assert_eq!(call.2, "Called about the spring catch");
    let note = shown.iter().find(|i| i.0 == "note").unwrap();
    assert!(note.1.starts_with("Note") && !note.1.contains("min"));
    assert_eq!(note.3, "Prefers calls after lunch.");
    // The timeline's filter finds the task by its kind.
    let (_, html, _) = b.get(&format!("{page}?kind=task")).await;
    let only: Vec<String> = timeline(&html).into_iter().map(|i| i.0).collect();
    assert_eq!(only, ["task"]);

    // The same actions work on a company's page.
    let company_id = company["id"].as_str().unwrap();
    let (status, _, location) = b
        .post(
            &format!("/companies/{company_id}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "task"),
                ("subject", "Renew the contract"),
                ("due", "2031-01-15 08:00"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some(format!("/companies/{company_id}").as_str())
    );
    let (_, html, _) = b.get(&format!("/companies/{company_id}")).await;
    // The company's timeline also holds its contact's interactions.
    let shown = timeline(&html);
    let renew = shown
        .iter()
        .find(|i| i.2 == "Renew the contract")
        .unwrap_or_else(|| panic!("{shown:?}"));
    assert_eq!(renew.0, "task");
    assert!(renew.1.contains("Due 2031-01-15 08:00"), "{}", renew.1);
}

async fn bad_quick_input(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Jan", "last_name": "Kowalski"}),
        )
        .await;
    let id = contact["id"].as_str().unwrap();
    let page = format!("/contacts/{id}");
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (_, html, _) = b.get(&page).await;
    let csrf = input_value(&html, "_csrf");

    // A duration that is not a whole number of minutes.
    let (status, html, _) = b
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "call"),
                ("direction", "inbound"),
                ("subject", "Complaint <b>about</b> the invoice"),
                ("body", "Line one\nline two"),
                ("duration_minutes", "ten"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert!(one(&doc, "details#quick-log[open] [role=alert]").is_some());
    assert_eq!(
        attr(&doc, "#q-duration", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&doc, "#q-duration", "aria-describedby").as_deref(),
        Some("q-duration-error")
    );
    assert_eq!(
        text(&doc, "#q-duration-error"),
        "Enter the duration as a whole number of minutes."
    );
    assert_eq!(attr(&doc, "#q-duration", "value").as_deref(), Some("ten"));
    assert_eq!(
        attr(&doc, "#q-subject", "value").as_deref(),
        Some("Complaint <b>about</b> the invoice")
    );
    assert_eq!(text(&doc, "#q-body"), "Line one\nline two");
    assert_eq!(
        attr(&doc, "#quick-log input[name=quick]", "value").as_deref(),
        Some("call")
    );
    let chosen: Vec<String> = options(&doc, "#q-direction")
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(v, _)| v)
        .collect();
    assert_eq!(chosen, ["inbound"]);
    assert!(
        one(&doc, "#quick-log b").is_none(),
        "the subject stays text"
    );
    // The menu returns to the customer page, not to the form's address.
    assert_eq!(
        attr(&doc, "details.user-menu input[name=next]", "value").as_deref(),
        Some(page.as_str())
    );
    for minutes in ["-3", "1.5", "99999999"] {
        let (status, html, _) = b
            .post(
                &format!("{page}/log"),
                &[
                    ("_csrf", &csrf),
                    ("quick", "call"),
                    ("duration_minutes", minutes),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{minutes}");
        let doc = Html::parse_document(&html);
        assert!(!text(&doc, "#q-duration-error").is_empty(), "{minutes}");
        assert_eq!(attr(&doc, "#q-duration", "value").as_deref(), Some(minutes));
    }

    // A task without its due date and time, then with one that is not a date.
    for due in ["", "tomorrow", "2031-02-30T10:00"] {
        let (status, html, _) = b
            .post(
                &format!("{page}/log"),
                &[
                    ("_csrf", &csrf),
                    ("quick", "task"),
                    ("subject", "Call back about the invoice"),
                    ("body", "Before Friday."),
                    ("due", due),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{due:?}");
        let doc = Html::parse_document(&html);
        assert!(one(&doc, "details#quick-log[open]").is_some());
        assert_eq!(
            attr(&doc, "#q-due", "aria-invalid").as_deref(),
            Some("true")
        );
        assert_eq!(
            text(&doc, "#q-due-error"),
            "Enter the date and time the task is due."
        );
        assert_eq!(attr(&doc, "#q-due", "value").as_deref(), Some(due));
        assert_eq!(
            attr(&doc, "#q-subject", "value").as_deref(),
            Some("Call back about the invoice")
        );
        assert_eq!(text(&doc, "#q-body"), "Before Friday.");
        assert_eq!(
            attr(&doc, "#quick-log input[name=quick]", "value").as_deref(),
            Some("task")
        );
        assert!(one(&doc, "#q-subject-error").is_none());
    }
    // A task needs a subject too; both problems are named at once.
    let (status, html, _) = b
        .post(
            &format!("{page}/log"),
            &[("_csrf", &csrf), ("quick", "task"), ("due", "")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert_eq!(text(&doc, "#q-subject-error"), "Give the task a subject.");
    assert!(!text(&doc, "#q-due-error").is_empty());

    // The form with every kind names a kind the service refuses beside the kind.
    let (status, html, _) = b
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("kind", "no-such-kind"),
                ("subject", "Kept"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert_eq!(
        attr(&doc, "#q-kind", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(!text(&doc, "#q-kind-error").is_empty());
    assert_eq!(attr(&doc, "#q-subject", "value").as_deref(), Some("Kept"));

    // The problems are told in the user's language.
    let mut pl = Browser::new(&t);
    pl.lang = "pl";
    pl.sign_in_admin().await;
    let csrf = pl.csrf().await;
    let (status, html, _) = pl
        .post(
            &format!("{page}/log"),
            &[
                ("_csrf", &csrf),
                ("quick", "task"),
                ("subject", "Oddzwonić"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert_eq!(
        text(&doc, "#q-due-error"),
        "Podaj datę i godzinę terminu zadania."
    );

    // Nothing was logged, and a forged form logs nothing either.
    let (status, _, _) = b
        .post(
            &format!("{page}/log"),
            &[("_csrf", "forged"), ("quick", "note"), ("body", "Forged")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(stored(&t, id).await.is_empty());
}
