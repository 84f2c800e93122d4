//! Every state-changing route of the pages, taken from the router itself, refuses a request
//! without a valid CSRF proof and changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::entity::{self, Entity};
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::{Method, StatusCode};
use std::collections::BTreeMap;
use support::{ADMIN_EMAIL, Browser, OTHER_EMAIL, OTHER_PASSWORD, Sample};
use uuid::Uuid;

on_both_backends! {
    every_state_changing_route_refuses_a_missing_or_foreign_csrf_proof => walk;
}

/// The sample's records and the admin's and the other user's sessions, tokens and views.
struct Fixtures {
    sample: Sample,
    records: Vec<(Entity, Uuid)>,
    users: Vec<Uuid>,
}

/// Everything a forged request could change: every record's row and history, how many
/// records each entity has, sessions, tokens, saved views, notifications, passwords,
/// two-factor secrets and the organisation's settings and logo.
async fn fingerprint(t: &TestApp, f: &Fixtures) -> String {
    let db = &t.app.db;
    let mut out = String::new();
    for e in entity::ALL {
        let n = rapport_store::records::count(db, e).await.unwrap();
        out.push_str(&format!("{} {n}\n", e.resource()));
    }
    for (e, id) in &f.records {
        let row = rapport_store::records::get(db, *e, *id).await.unwrap();
        let events = rapport_store::events::for_record(db, *id, None)
            .await
            .unwrap();
        out.push_str(&format!("{row:?}\n{events:?}\n"));
    }
    let now = rapport_core::clock::format(rapport_core::clock::now());
    for user in &f.users {
        // A session's last-seen time moves with every request, so it is left out.
        for s in rapport_store::sessions::live_for_user(db, *user, &now)
            .await
            .unwrap()
        {
            out.push_str(&format!(
                "session {} {} {:?} {}\n",
                s.id, s.csrf_token, s.revoked_at, s.mfa_pending
            ));
        }
        let notifications = rapport_store::notifications::list(db, *user, false, None, 100)
            .await
            .unwrap();
        out.push_str(&format!("{notifications:?}\n"));
        let totp = rapport_store::users::totp_secret(db, *user).await.unwrap();
        out.push_str(&format!("totp {totp:?}\n"));
        for resource in [
            "contacts",
            "companies",
            "interactions",
            "leads",
            "deals",
            "products",
            "quotes",
            "orders",
            "invoices",
            "tickets",
        ] {
            let views = rapport_store::views::visible(db, *user, resource)
                .await
                .unwrap();
            out.push_str(&format!("{views:?}\n"));
        }
    }
    for token in rapport_store::users::tokens(db, None).await.unwrap() {
        out.push_str(&format!(
            "token {} {} {:?} {:?}\n",
            token.id, token.name, token.scopes, token.revoked_at
        ));
    }
    for email in [ADMIN_EMAIL, OTHER_EMAIL] {
        let row = rapport_store::users::password_row(db, email).await.unwrap();
        out.push_str(&format!("{row:?}\n"));
    }
    let org = rapport_app::organisation::get(&t.app).await.unwrap();
    out.push_str(&format!("{org:?}\n"));
    out
}

/// A form that would do something on most routes if its proof were accepted.
fn form_fields(contact: Uuid) -> Vec<(&'static str, String)> {
    [
        ("first_name", "Forged"),
        ("name", "Forged"),
        ("email", "forged@example.com"),
        ("subject", "Forged"),
        ("kind", "note"),
        ("label", "Forged"),
        ("key", "forged"),
        ("entity", "contacts"),
        ("field_type", "text"),
        ("action", "tag"),
        ("tag", "forged"),
        ("view_name", "Forged"),
        ("current", support::ADMIN_PASSWORD),
        ("new", "a forged new password"),
        ("password", support::ADMIN_PASSWORD),
        ("locale", "pl"),
        ("time_zone", "Europe/Warsaw"),
        ("scopes", "read"),
        ("role", "admin"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .chain([("ids", contact.to_string())])
    .collect()
}

async fn walk(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut sample = Sample::create(&t).await;
    let other = sample.other;
    let token = rapport_store::users::tokens(&t.app.db, None).await.unwrap()[0].id;

    // The admin signs in twice (one session to revoke) and the other user once.
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    let mut second = Browser::new(&t);
    second.sign_in_admin().await;
    let mut foreign = Browser::new(&t);
    foreign.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
    let foreign_session = foreign.csrf().await;
    let foreign_pre_session = foreign.cookies["rapport_csrf"].clone();
    let now = rapport_core::clock::format(rapport_core::clock::now());
    let sessions = rapport_store::sessions::live_for_user(&t.app.db, t.admin_id, &now)
        .await
        .unwrap();
    let second_session = sessions.iter().find(|s| s.csrf_token != csrf).unwrap().id;

    let mut views = BTreeMap::new();
    for resource in [
        "contacts",
        "companies",
        "interactions",
        "leads",
        "deals",
        "products",
        "quotes",
        "orders",
        "invoices",
        "tickets",
    ] {
        let (status, _, _) = b
            .post(
                &format!("/{resource}/views"),
                &[("_csrf", &csrf), ("view_name", "Mine"), ("q", "a")],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "saving a {resource} view");
        let saved = rapport_store::views::visible(&t.app.db, t.admin_id, resource)
            .await
            .unwrap();
        views.insert(format!("/{resource}/views"), saved[0].id);
    }

    sample.ids.extend(views);
    sample.ids.insert("/settings/tokens".into(), token);
    sample
        .ids
        .insert("/account/sessions".into(), second_session);
    let fixtures = Fixtures {
        records: vec![
            (Entity::Company, sample.company),
            (Entity::Contact, sample.contact),
            (Entity::Interaction, sample.interaction),
            (Entity::Tag, sample.tag),
            (Entity::Team, sample.team),
            (Entity::CustomField, sample.field),
            (Entity::Attachment, sample.attachment),
            (Entity::Lead, sample.lead),
            (Entity::Deal, sample.deal),
            (Entity::Product, sample.product),
            (Entity::Pipeline, sample.pipeline),
            (Entity::PriceList, sample.price_list),
            (Entity::Quote, sample.quote),
            (Entity::Order, sample.order),
            (Entity::Invoice, sample.invoice),
            (Entity::Ticket, sample.ticket),
            (Entity::Queue, sample.queue),
            (Entity::User, t.admin_id),
            (Entity::User, other),
        ],
        users: vec![t.admin_id, other],
        sample,
    };

    let routes = rapport_web::ui::route_list();
    let mut seen = std::collections::BTreeSet::new();
    for (method, path) in &routes {
        assert!(
            seen.insert((method.clone(), path.clone())),
            "{method} {path} twice"
        );
    }
    let changing: Vec<_> = routes.iter().filter(|(m, _)| m != Method::GET).collect();
    assert!(
        changing
            .iter()
            .any(|(m, p)| m == Method::POST && p == "/logout"),
        "the list holds the routes the router serves"
    );

    let refused_text = rapport_web::ui::i18n::Tr::new("en").t("error-csrf");
    let fields = form_fields(fixtures.sample.contact);
    let before = fingerprint(&t, &fixtures).await;
    let wrong = "x".repeat(43);
    let proofs: [(&str, Option<&str>); 4] = [
        ("no proof", None),
        ("a wrong proof", Some(&wrong)),
        ("another user's session proof", Some(&foreign_session)),
        (
            "another browser's pre-session proof",
            Some(&foreign_pre_session),
        ),
    ];
    for (method, pattern) in changing {
        let path = fixtures.sample.fill(method, pattern);
        for (what, proof) in proofs {
            let mut pairs: Vec<(&str, &str)> = proof.map(|p| ("_csrf", p)).into_iter().collect();
            pairs.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            // A route reads either a urlencoded or a multipart body; send both, proof first.
            let multipart = || {
                let mut form = reqwest::multipart::Form::new();
                for (k, v) in &pairs {
                    form = form.text(k.to_string(), v.to_string());
                }
                form.part(
                    "file",
                    reqwest::multipart::Part::bytes(b"forged".to_vec()).file_name("forged.txt"),
                )
            };
            let (form_status, form_body, _) = b
                .send_refusable(|b| b.request(method.clone(), &path).form(&pairs))
                .await;
            let (multipart_status, multipart_body, _) = b
                .send_refusable(|b| b.request(method.clone(), &path).multipart(multipart()))
                .await;
            for (status, encoding) in [(form_status, "urlencoded"), (multipart_status, "multipart")]
            {
                assert!(
                    [
                        StatusCode::FORBIDDEN,
                        StatusCode::BAD_REQUEST,
                        StatusCode::UNSUPPORTED_MEDIA_TYPE
                    ]
                    .contains(&status),
                    "{method} {pattern} with {what} ({encoding}): {status}"
                );
            }
            let refused = [(form_status, form_body), (multipart_status, multipart_body)]
                .into_iter()
                .any(|(s, body)| s == StatusCode::FORBIDDEN && body.contains(&refused_text));
            assert!(
                refused,
                "{method} {pattern} with {what} is not refused for its CSRF proof"
            );
        }
        // A valid proof, but sent from another site.
        let cross_site = b
            .request(method.clone(), &path)
            .header("origin", "http://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("_csrf", csrf.as_str())]);
        let (status, _, _) = b.send(cross_site).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{method} {pattern} from another site"
        );
    }
    assert_eq!(
        fingerprint(&t, &fixtures).await,
        before,
        "a refused request changed something"
    );
    // The sessions survived all of that.
    assert_eq!(b.get("/contacts").await.0, StatusCode::OK);
    assert_eq!(second.get("/contacts").await.0, StatusCode::OK);
}
