//! The knowledge base over the API: categories, articles and their translations,
//! sanitised bodies, search, versions and "was this helpful?"; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};

on_both_backends! {
    bad_fields_are_named => bad_fields_are_named;
    categories_go_one_level_deep => categories_go_one_level_deep;
    bodies_are_sanitised_and_found_by_their_words => bodies_are_sanitised_and_found_by_their_words;
    drafts_and_internal_articles_are_marked_and_kept_from_the_portal => drafts_and_internal_articles_are_marked_and_kept_from_the_portal;
    an_article_has_one_translation_per_language => an_article_has_one_translation_per_language;
    versions_reproduce_old_text => versions_reproduce_old_text;
    concurrent_feedback_is_counted_exactly => concurrent_feedback_is_counted_exactly;
    agents_write_and_viewers_read => agents_write_and_viewers_read;
}

const ARTICLES: &str = "/api/v1/kb/articles";

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The status and the field names of an error response.
async fn refused(r: reqwest::Response) -> (u16, Vec<String>) {
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    let fields = body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (status, fields)
}

async fn json_of(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

async fn bad_fields_are_named(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    for (body, field) in [
        (json!({"body": "<p>no title</p>"}), "title"),
        (json!({"title": "x".repeat(301)}), "title"),
        (json!({"title": "   "}), "title"),
        (json!({"title": "A", "language": "fr"}), "language"),
        (json!({"title": "A", "status": "live"}), "status"),
        (json!({"title": "A", "audience": "everyone"}), "audience"),
        (json!({"title": "A", "body": 5}), "body"),
        (json!({"title": "A", "helpful_yes": 100}), "helpful_yes"),
        (
            json!({"title": "A", "published_at": "2026-01-01T00:00:00Z"}),
            "published_at",
        ),
        (
            json!({"title": "A", "body_text": "kept by Rapport"}),
            "body_text",
        ),
        (
            json!({"title": "A", "category_id": "not-an-id"}),
            "category_id",
        ),
        (
            json!({"title": "A", "category_id": "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a"}),
            "category_id",
        ),
        (
            json!({"title": "A", "body": format!("<p>{}</p>", "y".repeat(200_001))}),
            "body",
        ),
    ] {
        let (status, fields) = refused(t.post(ARTICLES, &body).await).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(fields, [field], "{body}");
    }
    let (status, fields) = refused(
        t.post("/api/v1/kb/categories", &json!({"description": "x"}))
            .await,
    )
    .await;
    assert_eq!(
        (status, fields.as_slice()),
        (422, ["name".to_string()].as_slice())
    );
    // Nothing was half written.
    let page = json_of(t.get(ARTICLES).await).await;
    assert_eq!(page["items"], json!([]));

    let article = t.create("kb/articles", json!({"title": "Original"})).await;
    let other = t.create("kb/articles", json!({"title": "Other"})).await;
    let r = t
        .patch(
            &format!("{ARTICLES}/{}", id(&article)),
            &json!({"translation_of": id(&other)}),
            None,
        )
        .await;
    assert_eq!(refused(r).await, (422, vec!["translation_of".to_string()]));
}

async fn categories_go_one_level_deep(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let top = t
        .create("kb/categories", json!({"name": "Billing", "position": 2}))
        .await;
    let child = t
        .create(
            "kb/categories",
            json!({"name": "Refunds", "parent_id": id(&top)}),
        )
        .await;
    assert_eq!(child["parent_id"], top["id"]);
    assert_eq!(top["position"], 2);
    let r = t
        .post(
            "/api/v1/kb/categories",
            &json!({"name": "Too deep", "parent_id": id(&child)}),
        )
        .await;
    assert_eq!(refused(r).await, (422, vec!["parent_id".to_string()]));
    // A category that holds another stays at the top, and none is its own parent.
    let other = t.create("kb/categories", json!({"name": "Accounts"})).await;
    for (who, parent) in [(&top, &other), (&other, &other)] {
        let r = t
            .patch(
                &format!("/api/v1/kb/categories/{}", id(who)),
                &json!({"parent_id": id(parent)}),
                None,
            )
            .await;
        assert_eq!(refused(r).await, (422, vec!["parent_id".to_string()]));
    }
    // Listed in their order.
    let page = json_of(t.get("/api/v1/kb/categories").await).await;
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Refunds", "Accounts", "Billing"]);
}

async fn bodies_are_sanitised_and_found_by_their_words(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let category = t.create("kb/categories", json!({"name": "Billing"})).await;
    let article = t
        .create(
            "kb/articles",
            json!({
                "title": "Downloading invoices",
                "category_id": id(&category),
                "body": "<h2 onmouseover=\"steal()\">Where</h2><p>Open the <a href=\"javascript:alert(1)\">archive</a> and press <strong>Export</strong>.</p><script>alert('zebrafish')</script><img src=\"/static/x.png\" onerror=\"alert(2)\">",
            }),
        )
        .await;
    let body = article["body"].as_str().unwrap();
    for gone in [
        "script",
        "onmouseover",
        "onerror",
        "javascript",
        "zebrafish",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    assert!(body.contains("<h2>Where</h2>"), "{body}");
    assert!(body.contains("<strong>Export</strong>"), "{body}");
    assert_eq!(
        article["body_text"],
        "Where Open the archive and press Export ."
    );
    let other = t
        .create(
            "kb/articles",
            json!({"title": "Changing your password", "body": "<p>Use the account page.</p>"}),
        )
        .await;
    let found = |q: &str| {
        let t = &t;
        let q = q.to_string();
        async move {
            let page = json_of(t.get(&format!("{ARTICLES}?q={q}")).await).await;
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("invoices").await, [id(&article)]);
    assert_eq!(found("export").await, [id(&article)]);
    assert_eq!(found("account").await, [id(&other)]);
    assert_eq!(found("passw").await, [id(&other)]);
    assert!(
        found("zebrafish").await.is_empty(),
        "script text is not indexed"
    );
    assert!(found("strong").await.is_empty(), "markup is not indexed");
    // A changed body is found by its new words only.
    let r = t
        .patch(
            &format!("{ARTICLES}/{}", id(&article)),
            &json!({"body": "<p>Ask the accountant for a copy.</p>"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(found("accountant").await, [id(&article)]);
    assert!(found("export").await.is_empty());
}

async fn drafts_and_internal_articles_are_marked_and_kept_from_the_portal(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let draft = t.create("kb/articles", json!({"title": "Draft"})).await;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["audience"], "internal");
    assert_eq!(draft["language"], "en");
    assert_eq!(draft["published_at"], Value::Null);
    assert_eq!(
        (draft["helpful_yes"].clone(), draft["helpful_no"].clone()),
        (json!(0), json!(0))
    );
    let internal = t
        .create(
            "kb/articles",
            json!({"title": "Internal", "status": "published"}),
        )
        .await;
    assert_eq!(internal["audience"], "internal");
    assert!(internal["published_at"].is_string());
    let public = t
        .create(
            "kb/articles",
            json!({"title": "Public", "status": "published", "audience": "public"}),
        )
        .await;
    let published_at = public["published_at"].clone();
    assert!(published_at.is_string());
    for (article, shown) in [(&draft, false), (&internal, false), (&public, true)] {
        assert_eq!(
            rapport_core::kb::portal_visible(article.as_object().unwrap()),
            shown,
            "{article}"
        );
    }
    // The portal's filters list exactly the published public articles.
    let query: Vec<String> = rapport_core::kb::PORTAL_FILTERS
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let page = json_of(t.get(&format!("{ARTICLES}?{}", query.join("&"))).await).await;
    let ids: Vec<String> = page["items"].as_array().unwrap().iter().map(id).collect();
    assert_eq!(ids, [id(&public)]);
    // Publication time stays through edits and archiving, and goes with a return to draft.
    let url = format!("{ARTICLES}/{}", id(&public));
    let edited = json_of(
        t.patch(&url, &json!({"title": "Public, edited"}), None)
            .await,
    )
    .await;
    assert_eq!(edited["published_at"], published_at);
    let archived = json_of(t.patch(&url, &json!({"status": "archived"}), None).await).await;
    assert_eq!(archived["published_at"], published_at);
    assert!(!rapport_core::kb::portal_visible(
        archived.as_object().unwrap()
    ));
    let back = json_of(t.patch(&url, &json!({"status": "draft"}), None).await).await;
    assert_eq!(back["published_at"], Value::Null);
}

async fn an_article_has_one_translation_per_language(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let original = t
        .create("kb/articles", json!({"title": "Resetting a password"}))
        .await;
    let german = t
        .create(
            "kb/articles",
            json!({"title": "Passwort zurücksetzen", "language": "de", "translation_of": id(&original)}),
        )
        .await;
    assert_eq!(german["translation_of"], original["id"]);
    for (body, field) in [
        (
            json!({"title": "Noch eins", "language": "de", "translation_of": id(&original)}),
            "language",
        ),
        (
            json!({"title": "Same", "language": "en", "translation_of": id(&original)}),
            "language",
        ),
        (
            json!({"title": "Hasło", "language": "pl", "translation_of": id(&german)}),
            "translation_of",
        ),
    ] {
        let (status, fields) = refused(t.post(ARTICLES, &body).await).await;
        assert_eq!((status, fields), (422, vec![field.to_string()]), "{body}");
    }
    // Another language is fine, and the variants are listed by their original.
    let spanish = t
        .create(
            "kb/articles",
            json!({"title": "Restablecer la contraseña", "language": "es", "translation_of": id(&original)}),
        )
        .await;
    let r = t
        .patch(
            &format!("{ARTICLES}/{}", id(&spanish)),
            &json!({"language": "de"}),
            None,
        )
        .await;
    assert_eq!(refused(r).await, (422, vec!["language".to_string()]));
    let r = t
        .patch(
            &format!("{ARTICLES}/{}", id(&original)),
            &json!({"language": "es"}),
            None,
        )
        .await;
    assert_eq!(refused(r).await, (422, vec!["language".to_string()]));
    let page = json_of(
        t.get(&format!(
            "{ARTICLES}?filter[translation_of]={}&sort=language",
            id(&original)
        ))
        .await,
    )
    .await;
    let languages: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["de", "es"]);
    // A variant in the trash frees its language.
    let r = t.delete(&format!("{ARTICLES}/{}", id(&german))).await;
    assert!(r.status().is_success(), "{}", r.status());
    t.create(
        "kb/articles",
        json!({"title": "Passwort neu setzen", "language": "de", "translation_of": id(&original)}),
    )
    .await;
}

async fn versions_reproduce_old_text(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let article = t
        .create(
            "kb/articles",
            json!({"title": "Shipping times", "body": "<p>Two days.</p>"}),
        )
        .await;
    let url = format!("{ARTICLES}/{}", id(&article));
    for change in [
        json!({"body": "<p>Three days.</p>"}),
        json!({"status": "published"}),
        json!({"title": "Delivery times"}),
    ] {
        assert_eq!(t.patch(&url, &change, None).await.status(), 200);
    }
    let versions = json_of(t.get(&format!("{url}/versions")).await).await;
    let items = versions["items"].as_array().unwrap();
    let texts: Vec<(i64, &str, &str)> = items
        .iter()
        .map(|v| {
            (
                v["number"].as_i64().unwrap(),
                v["title"].as_str().unwrap(),
                v["body"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            (1, "Shipping times", "<p>Two days.</p>"),
            (2, "Shipping times", "<p>Three days.</p>"),
            (3, "Delivery times", "<p>Three days.</p>"),
        ]
    );
    assert!(
        items
            .iter()
            .all(|v| v["actor_id"] == json!(t.admin_id.to_string()))
    );
    assert!(items.iter().all(|v| v["created_at"].is_string()));
    let first = json_of(t.get(&format!("{url}/versions/1")).await).await;
    assert_eq!(first["body"], "<p>Two days.</p>");
    assert_eq!(t.get(&format!("{url}/versions/4")).await.status(), 404);
    assert_eq!(t.get(&format!("{url}/versions/zero")).await.status(), 400);
    let unknown = "01928c6e-5f2a-7cc1-9a3b-2f1e0c9d8b7a";
    assert_eq!(
        t.get(&format!("{ARTICLES}/{unknown}/versions"))
            .await
            .status(),
        404
    );
}

async fn concurrent_feedback_is_counted_exactly(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (_, viewer) = t.user("viewer@example.com", Role::Viewer).await;
    let draft = t.create("kb/articles", json!({"title": "Not yet"})).await;
    let r = t
        .post(
            &format!("{ARTICLES}/{}/feedback", id(&draft)),
            &json!({"helpful": true}),
        )
        .await;
    assert_eq!(r.status(), 409, "a draft takes no feedback");
    let article = t
        .create(
            "kb/articles",
            json!({"title": "Opening hours", "status": "published", "audience": "public"}),
        )
        .await;
    let url = format!("{ARTICLES}/{}/feedback", id(&article));
    for (body, field) in [
        (json!({}), "helpful"),
        (json!({"helpful": "yes"}), "helpful"),
        (json!({"helpful": true, "stars": 5}), "stars"),
    ] {
        let r = t.post(&url, &body).await;
        assert_eq!(refused(r).await, (422, vec![field.to_string()]), "{body}");
    }
    let (yes, no) = (24, 16);
    let mut answers = tokio::task::JoinSet::new();
    for i in 0..yes + no {
        let client = t.client.clone();
        let target = t.url(&url);
        let token = if i % 2 == 0 {
            t.token.clone()
        } else {
            viewer.clone()
        };
        answers.spawn(async move {
            client
                .post(target)
                .bearer_auth(token)
                .json(&json!({"helpful": i < yes}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    while let Some(status) = answers.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    let counted = json_of(t.get(&format!("{ARTICLES}/{}", id(&article))).await).await;
    assert_eq!(counted["helpful_yes"], yes);
    assert_eq!(counted["helpful_no"], no);
    let history = json_of(t.get(&format!("{ARTICLES}/{}/history", id(&article))).await).await;
    assert_eq!(
        history["items"].as_array().unwrap().len(),
        usize::try_from(1 + yes + no).unwrap()
    );
    // Votes change no version of the text.
    let versions = json_of(
        t.get(&format!("{ARTICLES}/{}/versions", id(&article)))
            .await,
    )
    .await;
    assert_eq!(versions["items"].as_array().unwrap().len(), 1);
}

async fn agents_write_and_viewers_read(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let (_, viewer) = t.user("viewer@example.com", Role::Viewer).await;
    let write = |token: &str, path: &str, body: Value| {
        t.request(Method::POST, path, token).json(&body).send()
    };
    let r = write(&agent, "/api/v1/kb/categories", json!({"name": "Help"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = write(&agent, ARTICLES, json!({"title": "By an agent"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let article: Value = r.json().await.unwrap();
    let r = write(&viewer, ARTICLES, json!({"title": "By a viewer"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = write(&viewer, "/api/v1/kb/categories", json!({"name": "No"}))
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = t
        .request(
            Method::GET,
            &format!("{ARTICLES}/{}", id(&article)),
            &viewer,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = t
        .request(
            Method::POST,
            &format!("{ARTICLES}/{}/purge", id(&article)),
            &agent,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
