//! The organisation's logo: an administrator uploads, replaces and removes it; everyone
//! signed in sees it in the layout; it is served with its real type and an ETag, and
//! anything but PNG, JPEG or WebP is refused with a message in the form.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use support::{Browser, PNG, input_value};

/// The start of a JPEG file, which is what the type is read from.
fn jpeg() -> Vec<u8> {
    let mut v = vec![
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    v.resize(200, 0);
    v
}

/// The start of a WebP file.
fn webp() -> Vec<u8> {
    let mut v = b"RIFF\x24\x00\x00\x00WEBPVP8 ".to_vec();
    v.resize(200, 0);
    v
}

/// Posts the logo form as a browser would: the CSRF proof first, then the file.
async fn upload(
    b: &mut Browser<'_>,
    csrf: &str,
    bytes: Vec<u8>,
    name: &str,
    claimed_type: &str,
) -> (StatusCode, String, Option<String>) {
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf.to_string())
        .part(
            "logo",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str(claimed_type)
                .unwrap(),
        );
    let request = b
        .request(Method::POST, "/settings/organisation/logo")
        .multipart(form);
    b.send(request).await
}

/// The address of the logo in the layout's navigation, and its alt text.
fn logo_in_layout(html: &str) -> Option<(String, String)> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("nav.sidebar a.brand img").unwrap();
    doc.select(&sel).next().map(|img| {
        (
            img.value().attr("src").unwrap().to_string(),
            img.value().attr("alt").unwrap_or("").to_string(),
        )
    })
}

on_both_backends! {
    an_admin_uploads_replaces_and_removes_the_logo => logo_flow;
}

async fn logo_flow(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    t.user("ewa@example.com", Role::Agent).await;
    let ewa_id = rapport_store::users::id_by_email(&t.app.db, "ewa@example.com")
        .await
        .unwrap()
        .unwrap();
    rapport_app::auth::set_password(
        &t.app,
        &rapport_app::Ctx::system(),
        ewa_id,
        "ewa long password",
    )
    .await
    .unwrap();
    let mut admin = Browser::new(&t);
    admin.sign_in_admin().await;
    let (_, html, _) = admin.get("/settings/organisation").await;
    let csrf = input_value(&html, "_csrf");
    admin
        .post(
            "/settings/organisation",
            &[("_csrf", &csrf), ("name", "Nordlys AS")],
        )
        .await;
    let (_, html, _) = admin.get("/contacts").await;
    assert_eq!(
        logo_in_layout(&html),
        None,
        "no logo yet: the name is shown"
    );
    assert!(html.contains(">Nordlys AS</a>"));

    // Upload a PNG: the layout shows it with the organisation's name as its alt text.
    let (status, body, location) =
        upload(&mut admin, &csrf, PNG.to_vec(), "logo.png", "image/png").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some("/settings/organisation"));
    let (_, html, _) = admin.get("/contacts").await;
    let (src, alt) = logo_in_layout(&html).expect("the logo is in the layout");
    assert_eq!(alt, "Nordlys AS");
    assert!(src.starts_with("/organisation/logo?v="), "{src}");

    // Another user, an agent, sees it too, on every page.
    let mut ewa = Browser::new(&t);
    ewa.sign_in("ewa@example.com", "ewa long password").await;
    for page in ["/contacts", "/companies", "/account", "/settings"] {
        let (_, html, _) = ewa.get(page).await;
        assert_eq!(
            logo_in_layout(&html).map(|l| l.0),
            Some(src.clone()),
            "{page}"
        );
    }

    // Served with its real type, nosniff and an ETag from its hash, cached for good at
    // the address that names the hash.
    let r = ewa.request(Method::GET, &src).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CONTENT_TYPE], "image/png");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let etag = r.headers()[ETAG].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
    assert!(
        r.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG.as_slice());
    // A browser that has it asks again with the ETag and gets no body.
    let r = ewa
        .request(Method::GET, "/organisation/logo")
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(r.headers()[ETAG].to_str().unwrap(), etag);
    assert!(r.bytes().await.unwrap().is_empty());
    // The plain address is revalidated rather than cached for good.
    let r = ewa
        .request(Method::GET, "/organisation/logo")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[CACHE_CONTROL], "private, no-cache");

    // Someone who is not signed in does not get it.
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(t.url("/organisation/logo"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // An agent may not change or remove it.
    let ewa_csrf = ewa.csrf().await;
    let (status, _, _) = upload(&mut ewa, &ewa_csrf, jpeg(), "mine.jpg", "image/jpeg").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = ewa
        .post(
            "/settings/organisation/logo/delete",
            &[("_csrf", &ewa_csrf)],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, html, _) = ewa.get("/contacts").await;
    assert_eq!(logo_in_layout(&html).map(|l| l.0), Some(src.clone()));

    // Replacing it changes the address, so browsers fetch the new one; JPEG and WebP are
    // read from their bytes whatever the browser claims.
    for (bytes, name, claimed, real) in [
        (jpeg(), "photo.png", "image/png", "image/jpeg"),
        (webp(), "logo", "application/octet-stream", "image/webp"),
    ] {
        let (status, body, _) = upload(&mut admin, &csrf, bytes, name, claimed).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let (_, html, _) = admin.get("/contacts").await;
        let (new_src, _) = logo_in_layout(&html).unwrap();
        assert_ne!(new_src, src);
        let r = admin.request(Method::GET, &new_src).send().await.unwrap();
        assert_eq!(r.headers()[CONTENT_TYPE], real);
        assert_ne!(r.headers()[ETAG].to_str().unwrap(), etag);
    }

    // Anything else is refused with a message in the form, and the logo stays as it was.
    let (_, html, _) = admin.get("/contacts").await;
    let kept = logo_in_layout(&html).unwrap().0;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>"#;
    let refused: [(Vec<u8>, &str, &str, StatusCode); 6] = [
        (
            svg.to_vec(),
            "logo.svg",
            "image/svg+xml",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            b"GIF89a\x01\x00\x01\x00".to_vec(),
            "logo.gif",
            "image/gif",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            b"just text, named like an image".to_vec(),
            "logo.png",
            "image/png",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Vec::new(),
            "empty.png",
            "image/png",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            [PNG.as_slice(), &vec![0u8; 520 * 1024]].concat(),
            "large.png",
            "image/png",
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            [PNG.as_slice(), &vec![0u8; 600 * 1024]].concat(),
            "huge.png",
            "image/png",
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (bytes, name, claimed, want) in refused {
        let (status, html, _) = upload(&mut admin, &csrf, bytes, name, claimed).await;
        assert_eq!(status, want, "{name}");
        let doc = Html::parse_document(&html);
        let alert = doc
            .select(&Selector::parse("section [role=alert]").unwrap())
            .next()
            .unwrap_or_else(|| panic!("{name}: no message in the form"))
            .text()
            .collect::<String>();
        let expected = if want == StatusCode::PAYLOAD_TOO_LARGE {
            "larger than 512 KiB"
        } else {
            "PNG, JPEG or WebP"
        };
        assert!(alert.contains(expected), "{name}: {alert}");
        let (_, html, _) = admin.get("/contacts").await;
        assert_eq!(
            logo_in_layout(&html).unwrap().0,
            kept,
            "{name} changed the logo"
        );
    }

    // The message is in the user's language.
    admin.lang = "de";
    let (_, html, _) = upload(&mut admin, &csrf, svg.to_vec(), "logo.svg", "image/svg+xml").await;
    assert!(html.contains("PNG-, JPEG- oder WebP-Bild"), "{html}");
    admin.lang = "en";

    // Saving the other settings keeps the logo.
    admin
        .post(
            "/settings/organisation",
            &[("_csrf", &csrf), ("name", "Nordlys ASA")],
        )
        .await;
    let (_, html, _) = ewa.get("/contacts").await;
    assert_eq!(
        logo_in_layout(&html),
        Some((kept.clone(), "Nordlys ASA".to_string()))
    );

    // Removing it brings the name back, and the address answers 404.
    let (status, _, location) = admin
        .post("/settings/organisation/logo/delete", &[("_csrf", &csrf)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/settings/organisation"));
    let (_, html, _) = ewa.get("/contacts").await;
    assert_eq!(logo_in_layout(&html), None);
    assert!(html.contains(">Nordlys ASA</a>"));
    let r = ewa.request(Method::GET, &kept).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (_, html, _) = admin.get("/settings/organisation").await;
    assert!(html.contains(&rapport_web::ui::i18n::Tr::new("en").t("org-logo-none")));
}
