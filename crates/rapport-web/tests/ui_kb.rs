//! The knowledge base's pages over real HTTP on both backends: the index with its marks
//! and search, an article's inert HTML, translations, versions and "was this helpful?",
//! and the article form's inline errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::Browser;

on_both_backends! {
    the_index_marks_drafts_and_internal_articles => index_marks;
    an_article_page_is_inert_and_links_its_languages_and_versions => article_page;
    feedback_from_the_page_is_counted => feedback;
    the_article_form_names_bad_fields_and_saves => article_form;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn signed_in(t: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    (b, csrf)
}

/// The text of each element a selector finds.
fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

async fn index_marks(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let billing = t.create("kb/categories", json!({"name": "Billing"})).await;
    t.create(
        "kb/categories",
        json!({"name": "Refunds", "parent_id": id(&billing)}),
    )
    .await;
    t.create(
        "kb/articles",
        json!({"title": "Paying by card", "category_id": id(&billing), "status": "published", "audience": "public"}),
    )
    .await;
    t.create(
        "kb/articles",
        json!({"title": "Card fees for staff", "category_id": id(&billing), "status": "published"}),
    )
    .await;
    t.create(
        "kb/articles",
        json!({"title": "Half-written card notes", "audience": "public"}),
    )
    .await;
    let (mut b, _) = signed_in(&t).await;
    let (status, html, _) = b.get("/kb").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        texts(&html, "main h2, main h3"),
        ["Billing", "Refunds", "Without a category"]
    );
    let lines = texts(&html, ".kb-articles li");
    assert!(
        lines.contains(&"Paying by card English".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Card fees for staff English Internal".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Half-written card notes English Draft".to_string()),
        "{lines:?}"
    );
    // The search box finds by words, in every language the page is read in.
    let (_, found, _) = b.get("/kb?q=card").await;
    assert_eq!(texts(&found, ".kb-articles li").len(), 3);
    let (_, found, _) = b.get("/kb?q=fees").await;
    assert_eq!(
        texts(&found, ".kb-articles li"),
        ["Card fees for staff English Internal"]
    );
    let (_, none, _) = b.get("/kb?q=nothing").await;
    assert!(none.contains("No article matches these words."));
}

async fn article_page(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let original = t
        .create(
            "kb/articles",
            json!({"title": "Opening hours", "status": "published", "audience": "public", "body": "<p>We open at <strong>nine</strong>.</p><script>document.title='owned'</script><p onclick=\"x()\">Call us.</p>"}),
        )
        .await;
    let german = t
        .create(
            "kb/articles",
            json!({"title": "Öffnungszeiten", "language": "de", "translation_of": id(&original), "body": "<p>Wir öffnen um neun.</p>"}),
        )
        .await;
    let r = t
        .patch(
            &format!("/api/v1/kb/articles/{}", id(&original)),
            &json!({"body": "<p>We open at <strong>ten</strong>.</p>"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    let (mut b, _) = signed_in(&t).await;
    let page = format!("/kb/articles/{}", id(&original));
    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&html, ".kb-body"), ["We open at ten."]);
    assert_eq!(texts(&html, ".kb-body strong"), ["ten"]);
    assert!(
        !html.contains("owned") && !html.contains("onclick"),
        "{html}"
    );
    // Both languages are listed, the other one as a link.
    let doc = Html::parse_document(&html);
    let link = Selector::parse("a[href]").unwrap();
    let hrefs: Vec<&str> = doc
        .select(&link)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&format!("/kb/articles/{}", id(&german)).as_str()));
    assert!(hrefs.contains(&format!("/kb/articles/new?translation_of={}", id(&original)).as_str()));
    assert!(
        texts(&html, "main li")
            .iter()
            .any(|l| l == "Deutsch: Öffnungszeiten")
    );
    // Two versions; the first shows the old text.
    assert!(hrefs.contains(&format!("{page}?version=1").as_str()));
    let (_, old, _) = b.get(&format!("{page}?version=1")).await;
    assert_eq!(texts(&old, ".kb-body p"), ["We open at nine.", "Call us."]);
    assert!(old.contains("version 1"), "{old}");
    let (status, _, _) = b.get(&format!("{page}?version=3")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The draft translation is marked, and so is its audience.
    let (_, html, _) = b.get(&format!("/kb/articles/{}", id(&german))).await;
    assert_eq!(texts(&html, ".kb-marks"), ["Draft Internal"]);
    // A translation starts in its original's category and audience, in another language.
    let (_, form, _) = b
        .get(&format!(
            "/kb/articles/new?translation_of={}",
            id(&original)
        ))
        .await;
    let doc = Html::parse_document(&form);
    let chosen = Selector::parse("select[name=translation_of] option[selected]").unwrap();
    assert_eq!(
        doc.select(&chosen)
            .next()
            .and_then(|o| o.value().attr("value")),
        Some(id(&original).as_str())
    );
    let chosen = Selector::parse("select[name=audience] option[selected]").unwrap();
    assert_eq!(
        doc.select(&chosen)
            .next()
            .and_then(|o| o.value().attr("value")),
        Some("public")
    );
}

async fn feedback(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let article = t
        .create(
            "kb/articles",
            json!({"title": "Parking", "status": "published", "audience": "public"}),
        )
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let url = format!("/kb/articles/{}/feedback", id(&article));
    for answer in ["yes", "yes", "no"] {
        let (status, _, location) = b.post(&url, &[("_csrf", &csrf), ("helpful", answer)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            location.as_deref(),
            Some(format!("/kb/articles/{}?thanks=1", id(&article)).as_str())
        );
    }
    let stored: Value = t
        .get(&format!("/api/v1/kb/articles/{}", id(&article)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (stored["helpful_yes"].clone(), stored["helpful_no"].clone()),
        (json!(2), json!(1))
    );
    let (_, html, _) = b
        .get(&format!("/kb/articles/{}?thanks=1", id(&article)))
        .await;
    assert!(html.contains("Thank you for your answer."));
    assert!(html.contains("2 found it helpful"), "{html}");
    // Each answer is in the history under the counter's own name.
    let (_, history, _) = b
        .get(&format!("/kb/articles/{}/history", id(&article)))
        .await;
    assert!(history.contains("Found helpful") && history.contains("Not helpful"));
    assert!(!history.contains("helpful_yes"), "{history}");
    // A forged answer counts nothing.
    let (status, _, _) = b
        .post(&url, &[("_csrf", "forged"), ("helpful", "yes")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn article_form(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let category = t.create("kb/categories", json!({"name": "Shipping"})).await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            "/kb/articles/new",
            &[
                ("_csrf", &csrf),
                ("title", ""),
                ("category_id", &id(&category)),
                ("translation_of", ""),
                ("language", "nb"),
                ("status", "published"),
                ("audience", "public"),
                ("body", "<p>Vi sender <em>hver dag</em>.</p>"),
                ("tags", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("[name=\"title\"][aria-invalid=\"true\"]").unwrap();
    assert!(doc.select(&sel).next().is_some(), "{html}");
    assert!(html.contains("Vi sender"), "what was typed stays");
    let (status, _, location) = b
        .post(
            "/kb/articles/new",
            &[
                ("_csrf", &csrf),
                ("title", "Sending"),
                ("category_id", &id(&category)),
                ("translation_of", ""),
                ("language", "nb"),
                ("status", "published"),
                ("audience", "public"),
                (
                    "body",
                    "<p>Vi sender <em>hver dag</em>.</p><script>x()</script>",
                ),
                ("tags", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert!(location.starts_with("/kb/articles/"), "{location}");
    let (_, html, _) = b.get(&location).await;
    assert_eq!(texts(&html, ".kb-body"), ["Vi sender hver dag."]);
    assert!(texts(&html, ".facts dd").contains(&"Norsk bokmål".to_string()));
    // The page reads in the user's language.
    let (_, html, _) = b.get("/kb/categories/new").await;
    assert!(html.contains("name=\"parent_id\""), "{html}");
}
