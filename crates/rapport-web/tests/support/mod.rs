//! What the page tests share: a browser without JavaScript and readers for the HTML it gets.

// Each test file uses its own part of this module.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use rapport_app::Ctx;
use rapport_core::policy::Role;
use rapport_testkit::TestApp;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, Response, StatusCode};
use scraper::{Html, Selector};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "correct horse battery";
pub const OTHER_EMAIL: &str = "ewa@example.com";
pub const OTHER_PASSWORD: &str = "another careful password";

/// A real 1×1 PNG, for a logo.
pub const PNG: [u8; 68] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x04, 0x00, 0x00, 0x00, 0xb5, 0x1c, 0x0c,
    0x02, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0x00, 0x00,
    0x00, 0x06, 0x00, 0x02, 0x30, 0x81, 0xd0, 0x2f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
    0xae, 0x42, 0x60, 0x82,
];

/// A browser without JavaScript: keeps cookies and does not follow redirects.
pub struct Browser<'a> {
    pub t: &'a TestApp,
    pub client: Client,
    pub cookies: BTreeMap<String, String>,
    pub lang: &'static str,
}

impl<'a> Browser<'a> {
    pub fn new(t: &'a TestApp) -> Self {
        Browser {
            t,
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            cookies: BTreeMap::new(),
            lang: "en",
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, r: &Response) {
        for v in r.headers().get_all(SET_COOKIE) {
            let text = v.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
    }

    /// A request that carries this browser's cookies and language.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.t.url(path))
            .header(COOKIE, self.cookie_header())
            .header("accept-language", self.lang)
    }

    /// Sends a request, keeps the cookies it sets and returns status, body and `Location`.
    pub async fn send(
        &mut self,
        request: reqwest::RequestBuilder,
    ) -> (StatusCode, String, Option<String>) {
        let r = request.send().await.unwrap();
        self.keep(&r);
        let status = r.status();
        let location = r
            .headers()
            .get(LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        (status, r.text().await.unwrap(), location)
    }

    /// Sends a request the server may refuse before reading its body; the server then
    /// closes the connection, and a client still writing the body can see it reset. The
    /// refusal is the answer wanted, so a reset request is made and sent once more.
    pub async fn send_refusable(
        &mut self,
        make: impl Fn(&Self) -> reqwest::RequestBuilder,
    ) -> (StatusCode, String, Option<String>) {
        for _ in 0..2 {
            let Ok(r) = make(self).send().await else {
                continue;
            };
            self.keep(&r);
            let status = r.status();
            let location = r
                .headers()
                .get(LOCATION)
                .map(|v| v.to_str().unwrap().to_string());
            if let Ok(body) = r.text().await {
                return (status, body, location);
            }
        }
        panic!("the request failed twice");
    }

    pub async fn get(&mut self, path: &str) -> (StatusCode, String, Option<String>) {
        let request = self.request(Method::GET, path);
        self.send(request).await
    }

    /// A page as a whole HTML document, or `None` for fragments, files and redirects.
    pub async fn page(&mut self, path: &str) -> Option<(StatusCode, String)> {
        let r = self.request(Method::GET, path).send().await.unwrap();
        self.keep(&r);
        let status = r.status();
        let html = r
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let body = r.text().await.unwrap();
        let document = body
            .trim_start()
            .get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype"));
        (html && document).then_some((status, body))
    }

    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, Option<String>) {
        let request = self.request(Method::POST, path).form(form);
        self.send(request).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) {
        let (_, html, _) = self.get("/login").await;
        let csrf = input_value(&html, "_csrf");
        let (status, body, location) = self
            .post(
                "/login",
                &[
                    ("_csrf", &csrf),
                    ("email", email),
                    ("password", password),
                    ("next", "/contacts"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location.as_deref(), Some("/contacts"));
    }

    /// Signs in as the admin every `TestApp` has.
    pub async fn sign_in_admin(&mut self) {
        self.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    }

    /// The session's CSRF token, as the account page's forms carry it.
    pub async fn csrf(&mut self) -> String {
        let (status, html, _) = self.get("/account").await;
        assert_eq!(status, StatusCode::OK, "signed in");
        input_value(&html, "_csrf")
    }
}

pub fn input_value(html: &str, name: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("input[name=\"{name}\"]")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or("")
        .to_string()
}

/// Posts to the API and answers with the record it returns, which must be `status`.
async fn post_ok(t: &TestApp, path: &str, body: serde_json::Value, status: u16) -> Uuid {
    let r = t.post(path, &body).await;
    assert_eq!(r.status().as_u16(), status, "POST {path}");
    id_of(&r.json().await.unwrap())
}

/// A draft quote, and an order and an issued, partly paid invoice made of a second quote.
async fn documents(t: &TestApp, contact: Uuid, company: Uuid, product: Uuid) -> (Uuid, Uuid, Uuid) {
    let lines = json!([
        {"product_id": product, "quantity": 2},
        {"description": "Delivery", "unit_price": 15_000, "tax_rate": "25", "discount_percent": "10"}
    ]);
    let quote = id_of(
        &t.create(
            "quotes",
            json!({"contact_id": contact, "company_id": company, "lines": lines, "notes": "Prices include the tasting."}),
        )
        .await,
    );
    let sold = id_of(
        &t.create(
            "quotes",
            json!({"contact_id": contact, "company_id": company, "lines": lines}),
        )
        .await,
    );
    for step in ["send", "accept"] {
        post_ok(t, &format!("/api/v1/quotes/{sold}/{step}"), json!({}), 200).await;
    }
    let order = post_ok(t, &format!("/api/v1/quotes/{sold}/order"), json!({}), 201).await;
    let invoice = post_ok(
        t,
        &format!("/api/v1/orders/{order}/invoice"),
        json!({}),
        201,
    )
    .await;
    // A due date, which a Peppol invoice with an amount due must carry.
    let r = t
        .patch(
            &format!("/api/v1/invoices/{invoice}"),
            &json!({"due_date": "2099-01-31"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    post_ok(
        t,
        &format!("/api/v1/invoices/{invoice}/issue"),
        json!({}),
        200,
    )
    .await;
    post_ok(
        t,
        &format!("/api/v1/invoices/{invoice}/pay"),
        json!({"amount": 10_000, "method": "card", "reference": "Till 4"}),
        200,
    )
    .await;
    (quote, order, invoice)
}

/// One record of each kind the pages show, and the ids that fill the routes' `{id}`s.
pub struct Sample {
    pub company: Uuid,
    pub contact: Uuid,
    pub interaction: Uuid,
    pub tag: Uuid,
    pub team: Uuid,
    pub field: Uuid,
    /// An agent who signs in with `OTHER_EMAIL` and `OTHER_PASSWORD`.
    pub other: Uuid,
    pub attachment: Uuid,
    pub lead: Uuid,
    pub deal: Uuid,
    pub product: Uuid,
    pub pipeline: Uuid,
    pub price_list: Uuid,
    /// A draft quote for the contact, with a product's line and a line of its own.
    pub quote: Uuid,
    /// The order made of another quote of the contact's, once accepted.
    pub order: Uuid,
    /// That order's invoice, issued and partly paid.
    pub invoice: Uuid,
    /// A knowledge-base category and a published public article in it.
    pub kb_category: Uuid,
    pub kb_article: Uuid,
    /// A ticket of the contact's with a public reply and an internal note.
    pub ticket: Uuid,
    pub queue: Uuid,
    /// The id for each path that leads to a parameter, as `/contacts` for `/contacts/{id}`.
    pub ids: BTreeMap<String, Uuid>,
}

fn id_of(v: &serde_json::Value) -> Uuid {
    v["id"].as_str().unwrap().parse().unwrap()
}

impl Sample {
    pub async fn create(t: &TestApp) -> Sample {
        let other = rapport_app::auth::add_user(
            &t.app,
            &Ctx::system(),
            OTHER_EMAIL,
            "Ewa Nowak",
            Role::Agent,
            Some(OTHER_PASSWORD),
        )
        .await
        .unwrap();
        let field = id_of(
            &t.create(
                "custom-fields",
                json!({"entity": "contacts", "key": "tier", "label": "Tier", "field_type": "text"}),
            )
            .await,
        );
        let company = id_of(
            &t.create(
                "companies",
                json!({"name": "Bergen Bryggeri", "tags": ["vip"]}),
            )
            .await,
        );
        let contact = id_of(&t.create("contacts", json!({"first_name": "Ingrid", "last_name": "Dahl", "company_id": company, "lifecycle_stage": "customer", "tags": ["vip"], "custom": {"tier": "gold"}})).await);
        let interaction = id_of(&t.create("interactions", json!({"kind": "call", "direction": "inbound", "subject": "Order", "contact_id": contact})).await);
        let tags = t
            .get("/api/v1/tags")
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap();
        let tag = id_of(&tags["items"][0]);
        let team = id_of(
            &t.create("teams", json!({"name": "Nord", "members": [other]}))
                .await,
        );
        let upload = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"quarterly figures".to_vec())
                .file_name("figures.txt")
                .mime_str("text/plain")
                .unwrap(),
        );
        let r = t
            .request(
                Method::POST,
                &format!("/api/v1/contacts/{contact}/attachments"),
                &t.token,
            )
            .multipart(upload)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let attachment = id_of(&r.json().await.unwrap());
        // A notification for the admin, as the agent's call on their contact would make.
        let notification = Uuid::now_v7();
        let mut tx = t.app.db.begin().await.unwrap();
        rapport_store::notifications::insert(
            &mut tx,
            &[rapport_store::notifications::Notification {
                id: notification,
                user_id: t.admin_id,
                kind: "interaction".into(),
                actor_id: Some(other),
                actor_name: "Ewa Nowak".into(),
                record_type: "contacts".into(),
                record_id: contact,
                record_name: "Ingrid Dahl".into(),
                detail: Some("call".into()),
                created_at: rapport_core::clock::format(rapport_core::clock::now()),
                read_at: None,
            }],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let pipelines = t
            .get("/api/v1/pipelines")
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap();
        let pipeline = id_of(&pipelines["items"][0]);
        let lead = id_of(&t.create("leads", json!({"first_name": "Ola", "last_name": "Berg", "company_name": "Berg Bakeri", "email": "ola@berg.example", "score": 40})).await);
        let deal = id_of(&t.create("deals", json!({"title": "Brewing kit", "pipeline_id": pipeline, "amount": 1_250_000, "currency": "NOK", "company_id": company, "contact_id": contact})).await);
        let product = id_of(&t.create("products", json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25", "unit": "H87", "active": true})).await);
        let price_list = id_of(
            &t.create(
                "price-lists",
                json!({"name": "Retail", "currency": "NOK", "active": true}),
            )
            .await,
        );
        // A task due today and a meeting, so the calendar's grid has something in it.
        let now = rapport_core::clock::format(rapport_core::clock::now());
        let task = id_of(&t.create("tasks", json!({"title": "Send the price list", "due_at": now, "priority": "high", "contact_id": contact})).await);
        let meeting = id_of(&t.create("interactions", json!({"kind": "meeting", "subject": "Tasting", "occurred_at": now, "duration_seconds": 3600, "contact_id": contact, "participants": [{"user_id": other.to_string(), "name": "Ewa Nowak", "email": OTHER_EMAIL}, {"contact_id": contact.to_string(), "name": "Ingrid Dahl"}]})).await);
        // The seller and buyer details the documents' PDF and UBL need, so their download
        // routes are walked too.
        rapport_app::organisation::save_seller(
            &t.app,
            &Ctx::system(),
            &rapport_app::organisation::Seller {
                legal_name: "Rapport Demo AS".into(),
                country: "NO".into(),
                vat_number: "NO987654321MVA".into(),
                endpoint_scheme: "0192".into(),
                endpoint_id: "987654321".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let r = t
            .patch(
                &format!("/api/v1/companies/{company}"),
                &json!({"address": {"street": "Bryggen 1", "postal_code": "5003", "city": "Bergen", "country": "NO"}, "peppol_id": "0192:923456789"}),
                None,
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let (quote, order, invoice) = documents(t, contact, company, product).await;
        let kb_category = id_of(&t.create("kb/categories", json!({"name": "Brewing"})).await);
        let kb_article = id_of(&t.create("kb/articles", json!({"title": "Cleaning the kettle", "category_id": kb_category, "status": "published", "audience": "public", "body": "<h2>Steps</h2><p>Rinse with <strong>hot</strong> water.</p>"})).await);
        let queue = id_of(
            &t.create(
                "queues",
                json!({"name": "Billing", "assignment": "round_robin"}),
            )
            .await,
        );
        let ticket = id_of(&t.create("tickets", json!({"subject": "Invoice paid twice", "description": "Ingrid says the card was charged twice.", "priority": "high", "type": "incident", "contact_id": contact, "company_id": company, "queue_id": queue})).await);
        for (body, visibility) in [
            (
                "<p>Hello Ingrid, we are <b>looking into it</b>.</p>",
                "public",
            ),
            ("Bank statement requested", "internal"),
        ] {
            let r = t
                .post(
                    &format!("/api/v1/tickets/{ticket}/messages"),
                    &json!({"body": body, "visibility": visibility}),
                )
                .await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let ids = [
            ("/notifications", notification),
            ("/contacts", contact),
            ("/companies", company),
            ("/interactions", interaction),
            ("/settings/users", other),
            ("/settings/teams", team),
            ("/settings/custom-fields", field),
            ("/settings/tags", tag),
            ("/attachments", attachment),
            ("/leads", lead),
            ("/deals", deal),
            ("/products", product),
            ("/settings/pipelines", pipeline),
            ("/settings/price-lists", price_list),
            ("/tasks", task),
            ("/meetings", meeting),
            ("/quotes", quote),
            ("/orders", order),
            ("/invoices", invoice),
            ("/kb/categories", kb_category),
            ("/kb/articles", kb_article),
            ("/tickets", ticket),
            ("/settings/queues", queue),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Sample {
            company,
            contact,
            interaction,
            tag,
            team,
            field,
            other,
            attachment,
            lead,
            deal,
            product,
            pipeline,
            price_list,
            quote,
            order,
            invoice,
            kb_category,
            kb_article,
            ticket,
            queue,
            ids,
        }
    }

    /// A route's path with each `{param}` replaced by the id of a real record.
    pub fn fill(&self, method: &Method, path: &str) -> String {
        let mut out = String::new();
        for segment in path.split('/').skip(1) {
            out.push('/');
            if segment.starts_with('{') && segment.ends_with('}') {
                let at = out.trim_end_matches('/');
                let id = self.ids.get(at).unwrap_or_else(|| {
                    panic!(
                        "{method} {path}: no record for {at}/{segment}; \
                         add one to Sample so the route is walked"
                    )
                });
                out.push_str(&id.to_string());
            } else {
                out.push_str(segment);
            }
        }
        out
    }

    /// Every page the router serves for a signed-in user, with real ids, and the searches.
    pub fn pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = rapport_web::ui::route_list()
            .iter()
            .filter(|(m, p)| *m == Method::GET && !p.starts_with("/static/"))
            .map(|(m, p)| self.fill(m, p))
            .collect();
        pages.extend([
            "/search?q=ingrid".to_string(),
            "/search?q=nothing-here".into(),
            "/contacts?q=ingrid&sort=-created_at".into(),
            format!("/contacts/{}?kind=call", self.contact),
            // The customer page with each quick action's form open.
            format!("/contacts/{}?log=call", self.contact),
            format!("/contacts/{}?log=note", self.contact),
            format!("/contacts/{}?log=task", self.contact),
            format!("/companies/{}?log=any", self.company),
            format!("/deals?pipeline={}", self.pipeline),
            "/deals?view=list".into(),
            "/leads?filter[status][eq]=new".into(),
            "/products?filter[active][eq]=true".into(),
            "/quotes?filter[status][eq]=draft".into(),
            "/invoices?sort=-total".into(),
            "/calendar?view=day".into(),
            "/calendar?view=month".into(),
            "/tickets?quick=mine".into(),
            "/tickets?quick=unassigned".into(),
            "/calendar?view=week&date=2026-03-29".into(),
            "/kb?q=kettle".into(),
            "/kb?q=nothing-here".into(),
            format!("/kb/articles/{}?version=1", self.kb_article),
            format!("/kb/articles/new?translation_of={}", self.kb_article),
        ]);
        pages
    }
}
