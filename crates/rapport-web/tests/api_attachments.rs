//! Attachments: upload, list, download, delete, limits and visibility; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

on_both_backends! {
    upload_list_download_delete => upload_list_download_delete;
    bad_uploads_are_refused => bad_uploads_are_refused;
}

fn form(name: &str, bytes: Vec<u8>, claimed_type: &str) -> Form {
    Form::new().part(
        "file",
        Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(claimed_type)
            .unwrap(),
    )
}

async fn upload_list_download_delete(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let c = t.create("contacts", json!({"first_name": "Pia"})).await;
    let base = format!("/api/v1/contacts/{}/attachments", c["id"].as_str().unwrap());
    let pdf = b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n".to_vec();
    // The client claims an image; the bytes say PDF, and the bytes win.
    let r = t
        .request(Method::POST, &base, &t.token)
        .multipart(form("../../contract.pdf", pdf.clone(), "image/png"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let a: Value = r.json().await.unwrap();
    assert_eq!(a["file_name"], "contract.pdf");
    assert_eq!(a["content_type"], "application/pdf");
    assert_eq!(a["size_bytes"], pdf.len());
    let listed: Value = t.get(&base).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let content = format!("/api/v1/attachments/{}/content", a["id"].as_str().unwrap());
    let r = t.get(&content).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);

    // Someone who cannot see the contact cannot see its files either.
    let owned = t.create("contacts", json!({"first_name": "Private"})).await;
    let owned_base = format!(
        "/api/v1/contacts/{}/attachments",
        owned["id"].as_str().unwrap()
    );
    let r = t
        .request(Method::POST, &owned_base, &t.token)
        .multipart(form("notes.txt", b"secret plan".to_vec(), "text/plain"))
        .send()
        .await
        .unwrap();
    let private: Value = r.json().await.unwrap();
    assert_eq!(private["content_type"], "text/plain");
    let (_, agent) = t.user("outsider@example.com", Role::Agent).await;
    let private_content = format!(
        "/api/v1/attachments/{}/content",
        private["id"].as_str().unwrap()
    );
    for path in [owned_base.clone(), private_content.clone()] {
        let r = t.request(Method::GET, &path, &agent).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }

    let attachment = format!("/api/v1/attachments/{}", a["id"].as_str().unwrap());
    assert_eq!(t.delete(&attachment).await.status(), 204);
    assert_eq!(t.get(&content).await.status(), 404);
    let listed: Value = t.get(&base).await.json().await.unwrap();
    assert!(listed["items"].as_array().unwrap().is_empty());
    let history: Value = t
        .get(&format!("{attachment}/history"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
}

async fn bad_uploads_are_refused(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let c = t.create("contacts", json!({"first_name": "Pia"})).await;
    let base = format!("/api/v1/contacts/{}/attachments", c["id"].as_str().unwrap());
    let send = |f: Form| {
        // A refused upload may close the connection, so each gets a client of its own.
        reqwest::Client::new()
            .post(t.url(&base))
            .bearer_auth(&t.token)
            .multipart(f)
            .send()
    };
    let r = send(form("empty.txt", Vec::new(), "text/plain"))
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "file");
    // The test server allows one MiB.
    let r = send(form(
        "big.bin",
        vec![7u8; 1024 * 1024 + 1],
        "application/octet-stream",
    ))
    .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
    }
    let r = send(Form::new().text("note", "no file here"))
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = reqwest::Client::new()
        .post(t.url(&format!(
            "/api/v1/contacts/{}/attachments",
            uuid::Uuid::now_v7()
        )))
        .bearer_auth(&t.token)
        .multipart(form("a.txt", b"hello".to_vec(), "text/plain"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let listed: Value = t.get(&base).await.json().await.unwrap();
    assert!(
        listed["items"].as_array().unwrap().is_empty(),
        "nothing half-written remains"
    );
    let tmp = t.db.dir.path().join("attachments").join("tmp");
    let leftovers = std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0);
    assert_eq!(leftovers, 0, "refused uploads leave no files behind");
}
