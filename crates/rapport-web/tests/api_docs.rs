//! The OpenAPI document describes the routes the server really has, and the reference page
//! and its assets come from the server itself; plus health and metrics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_testkit::{TestApp, TestBackend};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn every_documented_operation_is_served() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let doc: Value = t
        .client
        .get(t.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    let text = doc.to_string();
    // Every reference points at a schema that exists.
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "missing schema {name}"
        );
    }
    let contact = t.create("contacts", json!({"first_name": "Doc"})).await;
    let id = contact["id"].as_str().unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 40, "{} paths", paths.len());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            assert!(op["responses"].is_object(), "{method} {path} has responses");
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has an operationId"
            );
            let url = path.replace("{id}", id);
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = t
                .request(method.clone(), &url, &t.token)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            assert!(
                status != 405 && !body.contains("no such route"),
                "{method} {url} is not served: {status} {body}"
            );
            assert!(status < 500, "{method} {url}: {status} {body}");
        }
    }
    // Each record resource documents its input with an example and no unknown fields.
    for name in [
        "Contact",
        "Company",
        "Interaction",
        "Tag",
        "CustomField",
        "User",
        "Team",
    ] {
        let input = &doc["components"]["schemas"][format!("{name}Input")];
        assert_eq!(input["additionalProperties"], false, "{name}");
        assert!(input["examples"][0].is_object(), "{name}");
    }
}

#[tokio::test]
async fn the_reference_page_loads_only_from_its_own_origin() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let r = t.client.get(t.url("/api/docs")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("script-src 'self'"));
    let html = r.text().await.unwrap();
    let mut assets = 0;
    for attr in ["src=\"", "href=\""] {
        for piece in html.split(attr).skip(1) {
            let url = piece.split('"').next().unwrap();
            assert!(url.starts_with('/'), "{url} is not on this origin");
            let r = t.client.get(t.url(url)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{url}");
            assets += 1;
        }
    }
    assert_eq!(assets, 3);
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let r = t.client.get(t.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = t.client.get(t.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let ready: Value = r.json().await.unwrap();
    assert_eq!(ready, json!({"database": true, "migrations_current": true}));
    t.get("/api/v1/contacts").await;
    t.get("/api/v1/contacts?limit=0").await;
    let metrics = t
        .client
        .get(t.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("rapport_http_requests_total{method=\"GET\",route=\"/api/v1/contacts\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("route=\"/api/v1/contacts\",status=\"400\"} 1"));
    assert!(metrics.contains("rapport_http_request_duration_seconds_bucket"));
    assert!(metrics.contains("rapport_job_queue_depth 0"));
    assert!(metrics.contains("rapport_db_pool_connections"));
    // Readiness fails once the database is gone.
    t.app.db.close().await;
    let r = t.client.get(t.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
}
