//! The web pages over real HTTP: first-run setup, sign-in and out, pages in every language,
//! and hostile input rendered inert.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use reqwest::header::COOKIE;
use scraper::{Html, Selector};
use serde_json::json;
use support::{Browser, Sample, input_value};

on_both_backends! {
    first_run_setup_then_sign_in_and_out => first_run;
}

async fn first_run(backend: TestBackend) {
    let t = TestApp::spawn_empty(backend).await;
    let mut b = Browser::new(&t);
    let (status, _, location) = b.get("/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/setup"));
    let (status, html, _) = b.get("/setup").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    assert!(csrf.len() >= 32);
    let (status, html, _) = b
        .post(
            "/setup",
            &[
                ("_csrf", &csrf),
                ("name", "Ada"),
                ("email", "not-an-email"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("email"), "the form names the bad field");
    assert_eq!(input_value(&html, "name"), "Ada", "values are kept");
    let (status, _, location) = b
        .post(
            "/setup",
            &[
                ("_csrf", &csrf),
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/contacts"));
    let (status, html, _) = b.get("/contacts").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ada"));
    // Setup is gone once a user exists.
    let mut other = Browser::new(&t);
    assert_eq!(other.get("/setup").await.0, StatusCode::NOT_FOUND);

    // Sign out needs the session's CSRF token, then the pages need signing in again.
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = b.post("/logout", &[("_csrf", "wrong")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, location) = b.post("/logout", &[("_csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login"));
    let (status, _, location) = b.get("/contacts").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login?next=/contacts"));

    let (_, html, _) = b.get("/login").await;
    let csrf = input_value(&html, "_csrf");
    let (status, html, _) = b
        .post(
            "/login",
            &[
                ("_csrf", &csrf),
                ("email", "ada@example.com"),
                ("password", "wrong password"),
                ("next", "/contacts"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("wrong"));
    assert_eq!(input_value(&html, "email"), "ada@example.com");
    // A return address on another site is ignored.
    let (status, _, location) = b
        .post(
            "/login",
            &[
                ("_csrf", &csrf),
                ("email", "ADA@example.com"),
                ("password", "a long enough password"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/contacts"));
}

#[tokio::test]
async fn every_page_speaks_every_language() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let pages = Sample::create(&t).await.pages();
    let english_only = [
        "Contacts",
        "Companies",
        "Sign out",
        "Timeline",
        "Details",
        "Call",
        "Inbound",
        "Customer",
        "Your account",
        "Nothing matches",
        "Save",
        "Cancel",
        "History",
        "Edit",
        "Download as CSV",
        "Attachments",
        "Two-factor",
        "Settings",
        "Custom fields",
        "Add",
        "Password",
    ];
    let keys = rapport_web::ui::i18n::keys("en");
    for lang in rapport_web::ui::i18n::LOCALES {
        let mut b = Browser::new(&t);
        b.lang = lang;
        b.sign_in("admin@example.com", "correct horse battery")
            .await;
        let mut seen = 0;
        for page in &pages {
            let Some((status, html)) = b.page(page).await else {
                continue;
            };
            seen += 1;
            // Setup is a page only while there are no users.
            let expected = if page == "/setup" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            assert_eq!(status, expected, "{lang} {page}");
            let doc = Html::parse_document(&html);
            let root = doc
                .select(&Selector::parse("html").unwrap())
                .next()
                .unwrap();
            assert_eq!(root.value().attr("lang"), Some(lang));
            let text: String = doc.root_element().text().collect::<Vec<_>>().join(" ");
            for key in &keys {
                assert!(
                    !text.split_whitespace().any(|w| w == key),
                    "{lang} {page}: untranslated key {key}"
                );
            }
            if lang != "en" {
                for english in english_only {
                    assert!(
                        !contains_phrase(&text, english),
                        "{lang} {page}: English {english:?} left over"
                    );
                }
            }
        }
        assert!(seen >= 30, "{lang}: only {seen} pages");
    }
}

/// Markup that must never become live in a page.
fn hostile_payloads() -> Vec<String> {
    let mut out = Vec::new();
    let tags = [
        "script", "img", "svg", "iframe", "body", "a", "div", "math", "style", "object",
    ];
    let handlers = ["onerror", "onload", "onclick", "onmouseover", "onfocus"];
    for tag in tags {
        for handler in handlers {
            out.push(format!("<{tag} {handler}=alert(1)>"));
            out.push(format!("\"><{tag} {handler}=\"alert(1)\">"));
        }
    }
    for p in [
        "<script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "'\"><svg/onload=alert(1)>",
        "<img src=x onerror=alert(1)//",
        "<!--<script>alert(1)//-->",
        "<style>@import 'http://evil.example/x.css';</style>",
        "<meta http-equiv=refresh content=0;url=http://evil.example>",
        "<form action=http://evil.example><button>x</button></form>",
        "{{7*7}} {% raw %}",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "<base href=http://evil.example/>",
    ] {
        out.push(p.to_string());
    }
    out
}

#[tokio::test]
async fn hostile_input_renders_inert_everywhere() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let payloads = hostile_payloads();
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());
    let company = t
        .create(
            "companies",
            json!({"name": payloads[0].clone(), "tags": [payloads[1].clone()]}),
        )
        .await;
    let mut contact_ids = Vec::new();
    for (i, p) in payloads.iter().enumerate() {
        let tag: String = p.chars().take(64).collect();
        let c = t
            .create(
                "contacts",
                json!({"first_name": p.chars().take(100).collect::<String>(), "last_name": "Hostile", "title": p.chars().take(200).collect::<String>(), "tags": [tag], "company_id": if i % 10 == 0 { company["id"].clone() } else { json!(null) }}),
            )
            .await;
        t.create("interactions", json!({"kind": "note", "subject": p, "body": format!("{p}\n{p}"), "contact_id": c["id"]})).await;
        contact_ids.push(c["id"].as_str().unwrap().to_string());
    }
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let mut pages = vec![
        "/contacts".to_string(),
        "/companies".into(),
        "/interactions".into(),
        "/search?q=alert".into(),
        "/search?q=hostile".into(),
    ];
    pages.push(format!("/companies/{}", company["id"].as_str().unwrap()));
    for id in contact_ids.iter().step_by(7) {
        pages.push(format!("/contacts/{id}"));
    }
    for id in contact_ids.iter().step_by(13) {
        pages.push(format!("/contacts/{id}/edit"));
        pages.push(format!("/contacts/{id}/history"));
    }
    pages.push(format!(
        "/companies/{}/edit",
        company["id"].as_str().unwrap()
    ));
    pages.push(format!(
        "/search?q={}",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E"
    ));
    let mut cursor_page = "/contacts".to_string();
    for _ in 0..3 {
        let (_, html, _) = b.get(&cursor_page).await;
        let doc = Html::parse_document(&html);
        match doc
            .select(&Selector::parse("a.button").unwrap())
            .next()
            .and_then(|a| a.value().attr("href"))
        {
            Some(next) => {
                cursor_page = next.to_string();
                pages.push(cursor_page.clone());
            }
            None => break,
        }
    }
    let any = Selector::parse("*").unwrap();
    for page in &pages {
        let (status, html, _) = b.get(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let doc = Html::parse_document(&html);
        for el in doc.select(&any) {
            let name = el.value().name();
            assert!(
                !["iframe", "object", "embed", "base", "meta"].contains(&name)
                    || name == "meta" && el.value().attr("http-equiv").is_none(),
                "{page}: <{name}> from input"
            );
            if name == "script" {
                let src = el.value().attr("src").unwrap_or("");
                assert!(
                    src.starts_with("/static/"),
                    "{page}: a script that is not ours"
                );
                assert!(
                    el.text().collect::<String>().trim().is_empty(),
                    "{page}: inline script"
                );
            }
            // The layout's own bell icon is the one drawing a page may have.
            let bell_icon = name == "svg"
                && el
                    .parent()
                    .and_then(scraper::ElementRef::wrap)
                    .is_some_and(|p| p.value().attr("href") == Some("/notifications"));
            if name == "style" || (name == "svg" && !bell_icon) || name == "img" || name == "math" {
                panic!("{page}: <{name}> from input");
            }
            for (attr, value) in el.value().attrs() {
                assert!(
                    !attr.starts_with("on"),
                    "{page}: event handler {attr} on <{name}>"
                );
                if attr == "href" || attr == "src" || attr == "action" {
                    assert!(
                        !value
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("javascript:"),
                        "{page}: {attr}={value}"
                    );
                    assert!(!value.contains("evil.example"), "{page}: {attr}={value}");
                }
            }
        }
        // The text shows up as text.
        if page.starts_with("/contacts/") && page.len() == "/contacts/".len() + 36 {
            let text: String = doc.root_element().text().collect();
            assert!(
                text.contains('<') && text.contains("alert(1)"),
                "{page} shows the markup as text"
            );
        }
    }
}

on_both_backends! {
    forms_create_edit_conflict_log_and_history => forms_flow;
}

async fn forms_flow(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (status, html, _) = b.get("/companies/new").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = input_value(&html, "_csrf");
    let (status, _, location) = b
        .post(
            "/companies/new",
            &[
                ("_csrf", &csrf),
                ("name", "Krakowska Piekarnia"),
                ("domain", "piekarnia.example.pl"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/companies/"));

    // A bad email and an unknown company are named inline, and what was typed stays.
    let (status, html, _) = b
        .post(
            "/contacts/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Zofia"),
                ("last_name", "Nowak"),
                ("email", "zofia@"),
                ("company", "No Such Firm"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    let errors: Vec<String> = doc
        .select(&Selector::parse("small.error").unwrap())
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(errors, vec!["e-company"], "the company is checked first");
    assert_eq!(input_value(&html, "first_name"), "Zofia");
    let (status, html, _) = b
        .post(
            "/contacts/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Zofia"),
                ("last_name", "Nowak"),
                ("email", "zofia@"),
                ("company", "Krakowska Piekarnia"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"e-email\""), "{html}");
    assert!(html.contains("aria-invalid=\"true\""));
    let (status, _, location) = b
        .post(
            "/contacts/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Zofia"),
                ("last_name", "Nowak"),
                ("email", "zofia@piekarnia.example.pl"),
                ("company", "Krakowska Piekarnia"),
                ("tags", "vip, kraków"),
                ("lifecycle_stage", "lead"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let contact = location.unwrap();

    // Log a call: it shows on the timeline.
    let (status, _, _) = b
        .post(
            &format!("{contact}/log"),
            &[
                ("_csrf", &csrf),
                ("kind", "call"),
                ("direction", "inbound"),
                ("subject", "Asked for a quote"),
                ("duration_minutes", "7"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get(&contact).await;
    assert!(html.contains("Asked for a quote"));
    assert!(html.contains("Krakowska Piekarnia"));
    let (status, html, _) = b
        .post(
            &format!("{contact}/log"),
            &[
                ("_csrf", &csrf),
                ("kind", "call"),
                ("duration_minutes", "-3"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("role=\"alert\""));

    // Two tabs open the editor; the first saves, the second gets a conflict and overwrites nothing.
    let (_, tab1, _) = b.get(&format!("{contact}/edit")).await;
    let (_, tab2, _) = b.get(&format!("{contact}/edit")).await;
    let form = |html: &str, title: &str| -> Vec<(String, String)> {
        let doc = Html::parse_document(html);
        let mut out: Vec<(String, String)> = doc
            .select(&Selector::parse("form.stack input[name]").unwrap())
            .map(|e| {
                (
                    e.value().attr("name").unwrap().to_string(),
                    e.value().attr("value").unwrap_or("").to_string(),
                )
            })
            .filter(|(n, _)| n != "title")
            .collect();
        for sel in doc.select(&Selector::parse("form.stack select").unwrap()) {
            let name = sel.value().attr("name").unwrap().to_string();
            let chosen = sel
                .select(&Selector::parse("option[selected]").unwrap())
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or("");
            out.push((name, chosen.to_string()));
        }
        out.push(("title".into(), title.into()));
        out
    };
    let post_pairs = |pairs: Vec<(String, String)>| pairs;
    let first = post_pairs(form(&tab1, "Owner"));
    let refs: Vec<(&str, &str)> = first
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _, _) = b.post(&format!("{contact}/edit"), &refs).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let second = post_pairs(form(&tab2, "Baker"));
    let refs: Vec<(&str, &str)> = second
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, html, _) = b.post(&format!("{contact}/edit"), &refs).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let doc = Html::parse_document(&html);
    let row: Vec<String> = doc
        .select(&Selector::parse(".conflict tbody tr").unwrap())
        .next()
        .unwrap()
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| c.text().collect::<String>())
        .collect();
    assert_eq!(row[1..], ["Baker".to_string(), "Owner".to_string()]);
    let (_, page, _) = b.get(&contact).await;
    assert!(
        page.contains("Owner") && !page.contains("Baker"),
        "nothing was overwritten"
    );
    // Saving again from the conflict page is a deliberate overwrite.
    let again = post_pairs(form(&html, "Baker"));
    let refs: Vec<(&str, &str)> = again
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _, _) = b.post(&format!("{contact}/edit"), &refs).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // History lists the changes, and the record shows as it was before them.
    let (status, html, _) = b.get(&format!("{contact}/history")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Owner") && html.contains("Baker"));
    let doc = Html::parse_document(&html);
    let times: Vec<String> = doc
        .select(&Selector::parse("ol.history time").unwrap())
        .map(|t| t.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(times.len(), 3);
    let created = times.last().unwrap();
    let (status, html, _) = b.get(&format!("{contact}?as_of={created}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("role=\"status\""));
    assert!(!html.contains("Baker") && !html.contains(">Owner<"));
}

#[tokio::test]
async fn preferences_switch_language_and_time_zone_and_search_suggests() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let c = t
        .create(
            "contacts",
            json!({"first_name": "Wojciech", "last_name": "Zieliński"}),
        )
        .await;
    t.create("interactions", json!({"kind": "call", "direction": "inbound", "subject": "Hello", "occurred_at": "2026-07-01T22:30:00Z", "contact_id": c["id"]})).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = b.get("/account").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("locale", "pl"),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, location) = b
        .post(
            "/account/preferences",
            &[
                ("_csrf", &csrf),
                ("locale", "pl"),
                ("time_zone", "Europe/Warsaw"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/account"));
    // The profile's language wins over the browser's.
    let (_, html, _) = b
        .get(&format!("/contacts/{}", c["id"].as_str().unwrap()))
        .await;
    assert!(html.contains("<html lang=\"pl\">"));
    assert!(html.contains("Oś czasu"));
    // 22:30 UTC is half past midnight the next day in Warsaw in summer, written the Polish way.
    assert!(html.contains("02.07.2026 00:30"), "{html}");

    let (status, fragment, _) = b.get("/search/suggest?q=zieli").await;
    assert_eq!(status, StatusCode::OK);
    assert!(fragment.contains("Wojciech Zieliński"));
    assert!(!fragment.contains("<html"), "a fragment, not a page");
    let (_, fragment, _) = b.get("/search/suggest?q=x").await;
    assert!(!fragment.contains("<a "), "one letter suggests nothing");
}

#[tokio::test]
async fn search_suggestions_are_links_under_headings_with_a_count() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    t.create(
        "contacts",
        json!({"first_name": "Wojciech", "last_name": "Zieliński"}),
    )
    .await;
    t.create("companies", json!({"name": "Zielińscy i Synowie"}))
        .await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (_, page, _) = b.get("/contacts").await;
    let doc = Html::parse_document(&page);
    let live = doc
        .select(&Selector::parse("#search-status").unwrap())
        .next()
        .expect("the search box has a status line");
    assert_eq!(live.value().attr("role"), Some("status"));
    assert!(live.text().collect::<String>().trim().is_empty());

    let (status, fragment, _) = b.get("/search/suggest?q=zieli").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_fragment(&fragment);
    let select = |css: &str| Selector::parse(css).unwrap();
    assert_eq!(
        doc.select(&select("[role=listbox], [role=option]")).count(),
        0,
        "a list of links, not a listbox"
    );
    let headings: Vec<(String, String)> = doc
        .select(&select("h2"))
        .map(|h| {
            (
                h.value().attr("id").unwrap().to_string(),
                h.text().collect(),
            )
        })
        .collect();
    let names: Vec<&str> = headings.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Contacts", "Companies"]);
    for (id, name) in &headings {
        let list = doc
            .select(&select(&format!("ul[aria-labelledby={id}]")))
            .next()
            .unwrap_or_else(|| panic!("a list under {name}"));
        let links: Vec<String> = list
            .select(&select("li > a[href]"))
            .map(|a| a.text().collect::<String>())
            .collect();
        assert_eq!(links.len(), 1, "{name}: {links:?}");
    }
    let announced = |fragment: &str| {
        Html::parse_fragment(fragment)
            .select(&select("#search-status[hx-swap-oob]"))
            .next()
            .expect("the status is updated out of band")
            .text()
            .collect::<String>()
    };
    assert_eq!(announced(&fragment), "2 suggestions");
    b.lang = "pl";
    let (_, fragment, _) = b.get("/search/suggest?q=zieli").await;
    assert_eq!(announced(&fragment), "2 sugestie");
    assert!(fragment.contains("<h2 id=\"suggest-contacts\">Kontakty</h2>"));
    b.lang = "en";
    let (_, fragment, _) = b.get("/search/suggest?q=synowie").await;
    assert_eq!(announced(&fragment), "One suggestion");
    let (_, fragment, _) = b.get("/search/suggest?q=nothing-like-it").await;
    assert_eq!(announced(&fragment), "No suggestions");
    assert!(!fragment.contains("<ul"));
    // Too short a query suggests nothing and clears the status.
    let (_, fragment, _) = b.get("/search/suggest?q=z").await;
    assert_eq!(announced(&fragment), "");
}

#[tokio::test]
async fn customer_page_panels_filters_and_files() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let company = t
        .create("companies", json!({"name": "Fjordkraft Demo"}))
        .await;
    let cid = company["id"].as_str().unwrap();
    let c = t
        .create(
            "contacts",
            json!({"first_name": "Ola", "last_name": "Berg", "title": "CFO", "company_id": cid}),
        )
        .await;
    let id = c["id"].as_str().unwrap();
    for (kind, direction, subject) in [
        ("call", "inbound", "Called about invoice"),
        ("email", "outbound", "Sent the contract"),
        ("note", "internal", "Prefers mornings"),
    ] {
        t.create("interactions", json!({"kind": kind, "direction": direction, "subject": subject, "contact_id": id, "company_id": cid})).await;
    }
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = b.get(&format!("/companies/{cid}")).await;
    assert!(
        html.contains("Ola Berg") && html.contains("CFO"),
        "the company lists its contacts"
    );
    assert!(
        html.contains("Called about invoice") && html.contains("Sent the contract"),
        "and the timeline of all its contacts"
    );
    let (_, html, _) = b.get(&format!("/contacts/{id}?kind=call")).await;
    assert!(html.contains("Called about invoice") && !html.contains("Sent the contract"));
    let (_, html, _) = b.get(&format!("/contacts/{id}?direction=outbound")).await;
    assert!(!html.contains("Called about invoice") && html.contains("Sent the contract"));
    let (_, html, _) = b
        .get(&format!("/contacts/{id}?kind=bogus&direction=sideways"))
        .await;
    assert!(
        html.contains("Prefers mornings"),
        "unknown filter values are ignored"
    );

    // Attach a file with a hostile name; it lists inert and downloads as an attachment.
    let csrf = input_value(&html, "_csrf");
    let upload = |csrf: String| {
        let form = reqwest::multipart::Form::new().text("_csrf", csrf).part(
            "file",
            reqwest::multipart::Part::bytes(b"quarterly figures".to_vec())
                .file_name("<img src=x onerror=alert(1)>.txt"),
        );
        b.client
            .post(t.url(&format!("/contacts/{id}/attachments")))
            .header(COOKIE, b.cookie_header())
            .multipart(form)
            .send()
    };
    assert_eq!(
        upload("forged".into()).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(upload(csrf).await.unwrap().status(), StatusCode::SEE_OTHER);
    let (_, html, _) = b.get(&format!("/contacts/{id}")).await;
    let doc = Html::parse_document(&html);
    let link = doc
        .select(&Selector::parse("#panel-attachments + ul a").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        link.text().collect::<String>(),
        "<img src=x onerror=alert(1)>.txt"
    );
    assert!(
        doc.select(&Selector::parse("img").unwrap())
            .next()
            .is_none()
    );
    let href = link.value().attr("href").unwrap().to_string();
    let r = b
        .client
        .get(t.url(&href))
        .header(COOKIE, b.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(r.headers()["content-type"], "text/plain");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"quarterly figures");
}

#[tokio::test]
async fn settings_manage_users_teams_fields_tags_and_tokens() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (status, html, _) = b.get("/settings").await;
    assert_eq!(status, StatusCode::OK);
    for href in [
        "/settings/users",
        "/settings/teams",
        "/settings/custom-fields",
        "/settings/tags",
        "/settings/tokens",
    ] {
        assert!(html.contains(href), "{href}");
        assert_eq!(b.get(href).await.0, StatusCode::OK, "{href}");
    }
    let csrf = input_value(&html, "_csrf");

    // A user with a password that then signs in.
    let (status, html, _) = b
        .post(
            "/settings/users/new",
            &[
                ("_csrf", &csrf),
                ("email", "ewa@example.com"),
                ("name", "Ewa"),
                ("role", "agent"),
                ("locale", "pl"),
                ("time_zone", "Europe/Warsaw"),
                ("active", "true"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    let (status, _, location) = b
        .post(
            "/settings/users/new",
            &[
                ("_csrf", &csrf),
                ("email", "ewa@example.com"),
                ("name", "Ewa"),
                ("role", "agent"),
                ("locale", "pl"),
                ("time_zone", "Europe/Warsaw"),
                ("active", "true"),
                ("password", "ewa's long password"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/settings/users"));
    let mut ewa = Browser::new(&t);
    ewa.sign_in("ewa@example.com", "ewa's long password").await;
    let (_, html, _) = ewa.get("/contacts").await;
    assert!(html.contains("<html lang=\"pl\">"));
    assert!(
        !html.contains("href=\"/settings\""),
        "agents see no settings link"
    );
    let ewa_csrf = input_value(&html, "_csrf");
    let (status, _, _) = ewa
        .post(
            "/settings/tags/new",
            &[("_csrf", &ewa_csrf), ("name", "agents-may-tag")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "agents may create tags");
    let (status, _, _) = ewa
        .post(
            "/settings/custom-fields/new",
            &[
                ("_csrf", &ewa_csrf),
                ("entity", "contacts"),
                ("key", "x"),
                ("label", "X"),
                ("field_type", "text"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "but not custom fields");

    // A team with members, chosen in a multiple select.
    let (_, html, _) = b.get("/settings/teams/new").await;
    let doc = Html::parse_document(&html);
    let members: Vec<String> = doc
        .select(&Selector::parse("#f-members option").unwrap())
        .map(|o| o.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(members.len(), 2);
    let (status, _, _) = b
        .post(
            "/settings/teams/new",
            &[
                ("_csrf", &csrf),
                ("name", "Kraków"),
                ("members", &members[0]),
                ("members", &members[1]),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let teams: serde_json::Value = t.get("/api/v1/teams").await.json().await.unwrap();
    assert_eq!(teams["items"][0]["members"].as_array().unwrap().len(), 2);

    // A select custom field, which then appears on the contact form.
    let (status, _, _) = b
        .post(
            "/settings/custom-fields/new",
            &[
                ("_csrf", &csrf),
                ("entity", "contacts"),
                ("key", "tier"),
                ("label", "Tier"),
                ("field_type", "select"),
                ("options", "gold, silver"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get("/contacts/new").await;
    assert!(html.contains("name=\"custom.tier\"") && html.contains(">gold<"));
    let (status, _, location) = b
        .post(
            "/contacts/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Tia"),
                ("custom.tier", "gold"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get(&format!("{}/edit", location.unwrap())).await;
    assert!(html.contains("<option value=\"gold\" selected>"));

    // A token is shown once, then only listed.
    let (status, html, _) = b
        .post(
            "/settings/tokens",
            &[("_csrf", &csrf), ("name", "reporting"), ("scopes", "read")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    let token = doc
        .select(&Selector::parse("code.token").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(token.starts_with("rpt_"));
    let r = t
        .request(reqwest::Method::GET, "/api/v1/contacts", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, html, _) = b.get("/settings/tokens").await;
    assert!(!html.contains(&token));
    let (status, _, _) = b
        .post(
            "/settings/tokens",
            &[("_csrf", &csrf), ("name", "bad"), ("scopes", "everything")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn lists_sort_and_export_csv_with_formulas_neutralised() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    for (first, last, stage) in [
        ("Ana", "Costa", "lead"),
        ("Bo", "Andersen", "customer"),
        ("Cy", "=HYPERLINK(\"http://evil.example\")", "lead"),
    ] {
        t.create("contacts", json!({"first_name": first, "last_name": last, "lifecycle_stage": stage, "phone": "+47 22 33 44 55"})).await;
    }
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = b.get("/contacts?sort=last_name").await;
    let doc = Html::parse_document(&html);
    let names: Vec<String> = doc
        .select(&Selector::parse("tbody tr td:nth-child(2)").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        names,
        vec![
            "Cy =HYPERLINK(\"http://evil.example\")",
            "Bo Andersen",
            "Ana Costa"
        ]
    );
    let th = doc
        .select(&Selector::parse("th[aria-sort]").unwrap())
        .next()
        .unwrap();
    assert_eq!(th.value().attr("aria-sort"), Some("ascending"));
    let flip = th
        .select(&Selector::parse("a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(flip.contains("sort=-last_name"));
    let export = doc
        .select(&Selector::parse("a[download]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(export.starts_with("/contacts/export.csv?"));

    let (status, csv, _) = b
        .get("/contacts/export.csv?filter%5Blifecycle_stage%5D=lead&sort=last_name")
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let last = headers.iter().position(|h| h == "last_name").unwrap();
    let phone = headers.iter().position(|h| h == "phone").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the filter applies to the export");
    assert_eq!(&rows[0][last], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(&rows[1][last], "Costa");
    assert_eq!(&rows[0][phone], "'+4722334455");
    let (status, _, _) = b
        .get("/contacts/export.csv?filter%5Bpassword_hash%5D=x")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn two_factor_sign_in() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = b.get("/account/two-factor").await;
    let secret = input_value(&html, "secret");
    let csrf = input_value(&html, "_csrf");
    assert!(html.contains("otpauth://totp/"));
    let (status, _, _) = b
        .post(
            "/account/two-factor",
            &[("_csrf", &csrf), ("secret", &secret), ("code", "000000")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = rapport_app::totp::current_code(&secret).unwrap();
    let (status, html, _) = b
        .post(
            "/account/two-factor",
            &[("_csrf", &csrf), ("secret", &secret), ("code", &code)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("action=\"/account/two-factor/disable\""));

    // Signing in now needs the code; until then no page opens.
    let mut other = Browser::new(&t);
    let (_, html, _) = other.get("/login").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, location) = other
        .post(
            "/login",
            &[
                ("_csrf", &csrf),
                ("email", "admin@example.com"),
                ("password", "correct horse battery"),
                ("next", "/companies"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/login/code?next=/companies"));
    let (status, _, location) = other.get("/contacts").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/login"));
    let (_, html, _) = other.get("/login/code?next=/companies").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = other
        .post(
            "/login/code",
            &[("_csrf", &csrf), ("code", "123456"), ("next", "/companies")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = rapport_app::totp::current_code(&secret).unwrap();
    let (status, _, location) = other
        .post(
            "/login/code",
            &[("_csrf", &csrf), ("code", &code), ("next", "/companies")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/companies"));
    assert_eq!(other.get("/contacts").await.0, StatusCode::OK);

    // Turning it off asks for the password.
    let (_, html, _) = b.get("/account").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = b
        .post(
            "/account/two-factor/disable",
            &[("_csrf", &csrf), ("password", "wrong")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, html, _) = b
        .post(
            "/account/two-factor/disable",
            &[("_csrf", &csrf), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/account/two-factor\""));
}

/// Whether `phrase` stands in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[tokio::test]
async fn organisation_settings_set_the_name_and_defaults() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let (_, _) = t
        .user("lars@example.com", rapport_core::policy::Role::Agent)
        .await;
    rapport_app::auth::set_password(
        &t.app,
        &rapport_app::Ctx::system(),
        rapport_store::users::id_by_email(&t.app.db, "lars@example.com")
            .await
            .unwrap()
            .unwrap(),
        "lars long password",
    )
    .await
    .unwrap();
    let mut admin = Browser::new(&t);
    admin
        .sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = admin.get("/settings/organisation").await;
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = admin
        .post(
            "/settings/organisation",
            &[
                ("_csrf", &csrf),
                ("name", "Nordlys AS"),
                ("default_locale", "nb"),
                ("default_time_zone", "Mars/Base"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) = admin
        .post(
            "/settings/organisation",
            &[
                ("_csrf", &csrf),
                ("name", "Nordlys AS"),
                ("default_locale", "nb"),
                ("default_time_zone", "Europe/Oslo"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // A user with no language of their own, whose browser asks for one Rapport lacks.
    let mut lars = Browser::new(&t);
    lars.lang = "fr";
    lars.sign_in("lars@example.com", "lars long password").await;
    let (_, html, _) = lars.get("/contacts").await;
    assert!(html.contains("<html lang=\"nb\">"));
    assert!(html.contains(">Nordlys AS</a>"));
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = lars
        .post(
            "/settings/organisation",
            &[("_csrf", &csrf), ("name", "Taken over")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bulk_actions_tag_reassign_and_delete() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let (mia, _) = t
        .user("mia@example.com", rapport_core::policy::Role::Agent)
        .await;
    let mut ids = Vec::new();
    for name in ["Ada", "Bea", "Cid"] {
        let c = t
            .create("contacts", json!({"first_name": name, "tags": ["old"]}))
            .await;
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = b.get("/contacts").await;
    let doc = Html::parse_document(&html);
    assert_eq!(
        doc.select(&Selector::parse("input[name=ids]").unwrap())
            .count(),
        3
    );
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = b
        .post(
            "/contacts/bulk",
            &[("_csrf", "forged"), ("action", "delete"), ("ids", &ids[0])],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, location) = b
        .post(
            "/contacts/bulk",
            &[
                ("_csrf", &csrf),
                ("action", "tag"),
                ("tag", "autumn"),
                ("ids", &ids[0]),
                ("ids", &ids[1]),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/contacts"));
    let tagged: serde_json::Value = t
        .get("/api/v1/contacts?filter[tags]=autumn")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tagged["items"].as_array().unwrap().len(), 2);
    let mia = mia.to_string();
    b.post(
        "/contacts/bulk",
        &[
            ("_csrf", &csrf),
            ("action", "owner"),
            ("owner_id", &mia),
            ("ids", &ids[2]),
        ],
    )
    .await;
    let c: serde_json::Value = t
        .get(&format!("/api/v1/contacts/{}", ids[2]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["owner_id"], mia.as_str());
    b.post(
        "/contacts/bulk",
        &[
            ("_csrf", &csrf),
            ("action", "delete"),
            ("ids", &ids[0]),
            ("ids", &ids[1]),
            ("ids", "not-an-id"),
        ],
    )
    .await;
    let left: serde_json::Value = t.get("/api/v1/contacts").await.json().await.unwrap();
    assert_eq!(left["items"].as_array().unwrap().len(), 1);
    let history: serde_json::Value = t
        .get(&format!("/api/v1/contacts/{}/history", ids[0]))
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec!["create", "update", "delete"],
        "each change has its own event"
    );
}

/// The accessible names of a list's bulk-select boxes: the select-all box's, then each row's.
fn select_names(html: &str) -> (String, Vec<String>) {
    let doc = Html::parse_document(html);
    let all = doc
        .select(&Selector::parse("thead input[type=checkbox]").unwrap())
        .next()
        .expect("a select-all box")
        .value()
        .attr("aria-label")
        .unwrap()
        .to_string();
    let rows = doc
        .select(&Selector::parse("tbody input[name=ids]").unwrap())
        .map(|i| i.value().attr("aria-label").unwrap().to_string())
        .collect();
    (all, rows)
}

#[tokio::test]
async fn each_bulk_select_box_names_its_record() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let mut ids = Vec::new();
    for (first, last) in [("Kari", "Nordmann"), ("Ola", "Hansen")] {
        let c = t
            .create("contacts", json!({"first_name": first, "last_name": last}))
            .await;
        ids.push(c["id"].as_str().unwrap().to_string());
    }
    t.create("companies", json!({"name": "Bergen Bryggeri"}))
        .await;
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (_, html, _) = b.get("/contacts?sort=first_name").await;
    let (all, rows) = select_names(&html);
    assert_eq!(all, "Select all on this page");
    assert_eq!(rows, ["Select Kari Nordmann", "Select Ola Hansen"]);
    let (_, html, _) = b.get("/companies").await;
    assert_eq!(select_names(&html).1, ["Select Bergen Bryggeri"]);
    for (lang, kari, company) in [
        ("de", "Kari Nordmann auswählen", "Bergen Bryggeri auswählen"),
        (
            "es",
            "Seleccionar a Kari Nordmann",
            "Seleccionar Bergen Bryggeri",
        ),
        (
            "pl",
            "Zaznacz kontakt Kari Nordmann",
            "Zaznacz firmę Bergen Bryggeri",
        ),
        ("nb", "Velg Kari Nordmann", "Velg Bergen Bryggeri"),
    ] {
        b.lang = lang;
        let (_, html, _) = b.get("/contacts?sort=first_name").await;
        let (all, rows) = select_names(&html);
        assert_eq!(rows[0], kari, "{lang}");
        assert_ne!(all, "Select all on this page", "{lang}");
        assert!(
            !all.contains("Kari") && !rows.contains(&all),
            "{lang} {all}"
        );
        let (_, html, _) = b.get("/companies").await;
        assert_eq!(select_names(&html).1, [company], "{lang}");
    }

    // Ticking the select-all box applies the action to every row the list showed.
    b.lang = "en";
    let (_, html, _) = b.get("/contacts").await;
    let doc = Html::parse_document(&html);
    let shown: Vec<String> = doc
        .select(&Selector::parse("#bulk-form input[name=shown]").unwrap())
        .map(|i| i.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(shown.len(), 2);
    let csrf = input_value(&html, "_csrf");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("action", "tag"),
        ("tag", "everyone"),
        ("all", "true"),
    ];
    form.extend(shown.iter().map(|id| ("shown", id.as_str())));
    let (status, _, _) = b.post("/contacts/bulk", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let tagged: serde_json::Value = t
        .get("/api/v1/contacts?filter[tags]=everyone")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tagged["items"].as_array().unwrap().len(), 2);
    // Without it, only the ticked rows are changed, whatever the list showed.
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("action", "tag"),
        ("tag", "one"),
        ("ids", ids[0].as_str()),
    ];
    form.extend(shown.iter().map(|id| ("shown", id.as_str())));
    b.post("/contacts/bulk", &form).await;
    let tagged: serde_json::Value = t
        .get("/api/v1/contacts?filter[tags]=one")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tagged["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_filter_builder_adds_and_removes_filters() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    for (name, stage) in [("Alba", "lead"), ("Bruno", "customer"), ("Carla", "lead")] {
        t.create(
            "contacts",
            json!({"first_name": name, "lifecycle_stage": stage}),
        )
        .await;
    }
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let (status, _, location) = b
        .get("/contacts?sort=first_name&fb_field=lifecycle_stage&fb_op=eq&fb_value=lead")
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert!(
        location.contains("filter%5Blifecycle_stage%5D%5Beq%5D=lead")
            && location.contains("sort=first_name"),
        "{location}"
    );
    let (_, html, _) = b.get(&location).await;
    let doc = Html::parse_document(&html);
    let names: Vec<String> = doc
        .select(&Selector::parse("tbody tr td:nth-child(2)").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(names, vec!["Alba", "Carla"]);
    let chip = doc
        .select(&Selector::parse(".chips a").unwrap())
        .next()
        .unwrap();
    let remove = chip.value().attr("href").unwrap().to_string();
    let (_, html, _) = b.get(&remove).await;
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&Selector::parse("tbody tr").unwrap()).count(), 3);
    assert!(
        doc.select(&Selector::parse(".chips").unwrap())
            .next()
            .is_none()
    );
    // Fields and operators outside the builder's lists are dropped, not passed on.
    let (_, _, location) = b
        .get("/contacts?fb_field=password_hash&fb_op=eq&fb_value=x")
        .await;
    assert_eq!(location.as_deref(), Some("/contacts?"));
}

#[tokio::test]
async fn saved_views_are_kept_per_user_or_shared() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    for (name, stage) in [("Alba", "lead"), ("Bruno", "customer")] {
        // Unowned, so the agent below sees them too.
        t.create(
            "contacts",
            json!({"first_name": name, "lifecycle_stage": stage, "owner_id": null}),
        )
        .await;
    }
    let id = t
        .user("viv@example.com", rapport_core::policy::Role::Agent)
        .await
        .0;
    rapport_app::auth::set_password(&t.app, &rapport_app::Ctx::system(), id, "viv long password")
        .await
        .unwrap();
    let mut admin = Browser::new(&t);
    admin
        .sign_in("admin@example.com", "correct horse battery")
        .await;
    let (_, html, _) = admin
        .get("/contacts?filter%5Blifecycle_stage%5D%5Beq%5D=lead")
        .await;
    let csrf = input_value(&html, "_csrf");
    let filter = input_value(&html, "filter[lifecycle_stage][eq]");
    assert_eq!(filter, "lead", "the save form carries the current view");
    let (status, _, _) = admin
        .post(
            "/contacts/views",
            &[
                ("_csrf", &csrf),
                ("view_name", "Leads"),
                ("filter[lifecycle_stage][eq]", "lead"),
                ("view_shared", "true"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = admin
        .post(
            "/contacts/views",
            &[
                ("_csrf", &csrf),
                ("view_name", "Mine"),
                ("filter[password_hash]", "x"),
            ],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a view must be a valid list query"
    );
    admin
        .post(
            "/contacts/views",
            &[
                ("_csrf", &csrf),
                ("view_name", "Private"),
                ("sort", "first_name"),
            ],
        )
        .await;

    let mut viv = Browser::new(&t);
    viv.sign_in("viv@example.com", "viv long password").await;
    let (_, html, _) = viv.get("/contacts").await;
    let doc = Html::parse_document(&html);
    let views: Vec<String> = doc
        .select(&Selector::parse(".views li a").unwrap())
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        views,
        vec!["Leads"],
        "shared views show for everyone, private ones only for their owner"
    );
    assert!(
        doc.select(&Selector::parse(".views li form").unwrap())
            .next()
            .is_none(),
        "only the owner deletes a view"
    );
    let csrf = input_value(&html, "_csrf");
    let (status, _, _) = viv
        .post(
            "/contacts/views",
            &[
                ("_csrf", &csrf),
                ("view_name", "Team"),
                ("view_shared", "true"),
            ],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "agents keep views to themselves"
    );
    let href = doc
        .select(&Selector::parse(".views li a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let (_, html, _) = viv.get(&href).await;
    assert!(html.contains("Alba") && !html.contains("Bruno"));
}

#[tokio::test]
async fn lists_show_the_chosen_columns_custom_fields_included() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    t.create(
        "custom-fields",
        json!({"entity": "contacts", "key": "tier", "label": "Tier", "field_type": "text"}),
    )
    .await;
    t.create("contacts", json!({"first_name": "Ines", "title": "Buyer", "tags": ["vip"], "custom": {"tier": "gold"}})).await;
    let mut b = Browser::new(&t);
    b.sign_in("admin@example.com", "correct horse battery")
        .await;
    let heads = |html: &str| -> Vec<String> {
        let doc = Html::parse_document(html);
        let input = Selector::parse("input").unwrap();
        // A header holds its text, or the select-all box with its accessible name.
        doc.select(&Selector::parse("thead th").unwrap())
            .map(|e| match e.select(&input).next() {
                Some(i) => i.value().attr("aria-label").unwrap_or("").to_string(),
                None => e.text().collect::<String>(),
            })
            .filter(|t| !t.trim().is_empty())
            .collect()
    };
    let (_, html, _) = b.get("/contacts").await;
    assert_eq!(
        heads(&html),
        vec![
            "Select all on this page",
            "Name",
            "Email",
            "Phone",
            "Company",
            "Stage"
        ]
    );
    let doc = Html::parse_document(&html);
    let offered: Vec<String> = doc
        .select(&Selector::parse("input[name=cols]").unwrap())
        .map(|e| e.value().attr("value").unwrap().to_string())
        .collect();
    assert!(offered.contains(&"custom.tier".to_string()));
    let (_, html, _) = b
        .get("/contacts?cols=name&cols=title&cols=tags&cols=custom.tier&cols=nonsense&sort=title")
        .await;
    assert_eq!(
        heads(&html),
        vec![
            "Select all on this page",
            "Name",
            "Job title",
            "Tags",
            "Tier"
        ]
    );
    let doc = Html::parse_document(&html);
    let cells: Vec<String> = doc
        .select(&Selector::parse("tbody td").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        cells[1..],
        [
            "Ines".to_string(),
            "Buyer".into(),
            "vip".into(),
            "gold".into()
        ]
    );
    // Sorting and paging keep the chosen columns.
    let sort_link = doc
        .select(&Selector::parse("th a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(
        sort_link.contains("cols=name%2Ctitle%2Ctags%2Ccustom.tier"),
        "{sort_link}"
    );
}
