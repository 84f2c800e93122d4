//! The pages of quotes, orders and invoices over real HTTP on both backends: lists and
//! pages, the lines editor and its inline errors, the steps from a quote to a paid
//! invoice through the page's buttons, refused and stale steps, the customer page's
//! panels, and hostile text in lines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, Sample};

on_both_backends! {
    every_document_page_renders => every_document_page_renders;
    a_quote_made_with_the_form_shows_exact_totals => quote_from_the_form;
    bad_lines_come_back_with_inline_errors_and_values_kept => bad_lines;
    the_lines_editor_adds_and_removes_rows => rows_added_and_removed;
    a_quote_becomes_a_paid_invoice_through_the_buttons => quote_to_paid_invoice;
    a_step_out_of_turn_is_refused_and_changes_nothing => step_out_of_turn;
    stale_steps_and_edits_change_nothing => stale_version;
    only_drafts_are_edited => only_drafts_are_edited;
    the_customer_page_shows_its_documents => panels;
    hostile_line_text_renders_inert => hostile_lines;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn get_json(t: &TestApp, path: &str) -> Value {
    let r = t.get(path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.json().await.unwrap()
}

async fn signed_in(t: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    (b, csrf)
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Whether the page marks a form field invalid and names its problem next to it.
fn invalid(html: &str, field: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let input = doc
        .select(&sel(&format!("[name=\"{field}\"][aria-invalid=\"true\"]")))
        .next()?;
    let described = input.value().attr("aria-describedby")?;
    let message = doc
        .select(&sel("[id]"))
        .find(|e| e.value().attr("id") == Some(described))?;
    let text = message.text().collect::<String>().trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The value of a form field as the page shows it.
fn shown_value(html: &str, name: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let el = doc.select(&sel(&format!("[name=\"{name}\"]"))).next()?;
    match el.value().name() {
        "select" => el
            .select(&sel("option[selected]"))
            .next()
            .and_then(|o| o.value().attr("value"))
            .map(str::to_string),
        "textarea" => Some(el.text().collect()),
        _ => el.value().attr("value").map(str::to_string),
    }
}

/// The steps a document page offers, each with the version its button carries.
fn steps(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    doc.select(&sel("form[action$=\"/step\"]"))
        .map(|f| {
            let input = |name: &str| {
                f.select(&sel(&format!("input[name=\"{name}\"]")))
                    .next()
                    .and_then(|i| i.value().attr("value"))
                    .unwrap_or("")
                    .to_string()
            };
            (input("step"), input("_version"))
        })
        .collect()
}

/// Posts a form of owned pairs.
async fn post(
    b: &mut Browser<'_>,
    path: &str,
    form: Vec<(String, String)>,
) -> (StatusCode, String, Option<String>) {
    let request = b.request(reqwest::Method::POST, path).form(&form);
    b.send(request).await
}

/// Presses a step's button on a document's page, as the page draws it.
async fn press(
    b: &mut Browser<'_>,
    csrf: &str,
    page: &str,
    step: &str,
) -> (StatusCode, String, Option<String>) {
    let (status, html, _) = b.get(page).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let offered = steps(&html);
    let (_, version) = offered
        .iter()
        .find(|(s, _)| s == step)
        .unwrap_or_else(|| panic!("{page} offers {step}: {offered:?}"));
    b.post(
        &format!("{page}/step"),
        &[("_csrf", csrf), ("_version", version), ("step", step)],
    )
    .await
}

async fn every_document_page_renders(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let sample = Sample::create(&t).await;
    let (mut b, _) = signed_in(&t).await;
    let quote = get_json(&t, &format!("/api/v1/quotes/{}", sample.quote)).await;
    let order = get_json(&t, &format!("/api/v1/orders/{}", sample.order)).await;
    let invoice = get_json(&t, &format!("/api/v1/invoices/{}", sample.invoice)).await;
    let (q, o, i) = (sample.quote, sample.order, sample.invoice);
    let qn = quote["number"].as_str().unwrap().to_string();
    let on = order["number"].as_str().unwrap().to_string();
    let inv = invoice["number"].as_str().unwrap().to_string();
    let pages: Vec<(String, Vec<&str>)> = vec![
        (
            "/quotes".into(),
            vec![&qn, "Ingrid Dahl", "Bergen Bryggeri", "Draft"],
        ),
        ("/orders".into(), vec![&on, "Open"]),
        ("/invoices".into(), vec![&inv, "Partly paid"]),
        (
            format!("/quotes/{q}"),
            vec![
                &qn,
                "Hop sampler",
                "Delivery",
                "Ingrid Dahl",
                "Mark as sent",
                "Prices include the tasting.",
            ],
        ),
        (
            format!("/orders/{o}"),
            vec![&on, "Make an invoice", "Made from Quote"],
        ),
        (
            format!("/invoices/{i}"),
            vec![&inv, "Record a payment", "Till 4", "Card", "Partly paid"],
        ),
        (
            format!("/quotes/{q}/edit"),
            vec!["Hop sampler", "Delivery", "Add a line"],
        ),
        (format!("/orders/{o}/edit"), vec!["Hop sampler"]),
        (
            format!("/invoices/{i}/edit"),
            vec!["Only a document in its first status"],
        ),
        (
            format!("/quotes/{q}/print"),
            vec![&qn, "Delivery", "Subtotal"],
        ),
        (format!("/orders/{o}/print"), vec![&on]),
        (format!("/invoices/{i}/print"), vec![&inv, "Amount due"]),
        (format!("/quotes/{q}/history"), vec![&qn]),
        (format!("/invoices/{i}/history"), vec![&inv]),
        ("/quotes/new".into(), vec!["New quote", "Add a line"]),
        ("/orders/new".into(), vec!["New order"]),
        ("/invoices/new".into(), vec!["New invoice", "Due date"]),
    ];
    for (page, expected) in pages {
        let (status, html, _) = b.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for e in expected {
            assert!(html.contains(e), "{page} shows {e}: {html}");
        }
    }
    // The downloads are linked at the addresses that serve them.
    let (_, html, _) = b.get(&format!("/invoices/{i}")).await;
    for href in [
        format!("/invoices/{i}/pdf"),
        format!("/invoices/{i}/ubl"),
        format!("/invoices/{i}/print"),
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "links {href}");
    }
    let (_, html, _) = b.get(&format!("/quotes/{q}")).await;
    assert!(html.contains(&format!("href=\"/quotes/{q}/pdf\"")));
    assert!(!html.contains("/ubl\""), "only invoices have an e-invoice");
    // The print page stands alone: no navigation, no forms.
    let (_, html, _) = b.get(&format!("/quotes/{q}/print")).await;
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("nav")).count(), 0);
    assert_eq!(doc.select(&sel("form")).count(), 0);
    assert_eq!(doc.select(&sel("body.print main")).count(), 1);
    // The navigation lists the three, the lists filter and export.
    let (_, html, _) = b.get("/contacts").await;
    for label in ["Quotes", "Orders", "Invoices"] {
        assert!(
            html.contains(&format!(">{label}</a>")),
            "the navigation has {label}"
        );
    }
    let (_, html, _) = b.get("/quotes?filter[status][eq]=sent").await;
    assert!(!html.contains(&qn), "a draft is not sent");
    let (_, html, _) = b.get("/quotes?filter[status][eq]=draft").await;
    assert!(html.contains(&qn));
    let (status, csv, _) = b.get("/invoices/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.contains(&inv), "{csv}");
    // A document that does not exist is not found.
    let missing = uuid::Uuid::now_v7();
    for page in [
        format!("/quotes/{missing}"),
        "/orders/not-an-id".to_string(),
    ] {
        assert_eq!(b.get(&page).await.0, StatusCode::NOT_FOUND, "{page}");
    }
}

async fn quote_from_the_form(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"}),
        )
        .await;
    let product = t
        .create(
            "products",
            json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25", "unit": "H87", "active": true}),
        )
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b.get("/quotes/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Hop sampler"),
        "the product picker offers active products"
    );
    let product_id = id(&product);
    let (status, body, location) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", &csrf),
                ("contact", "kari@example.no"),
                ("currency", "nok"),
                ("valid_until", "2099-12-31"),
                ("line_rows", "3"),
                ("lines[0].description", "Tasting session"),
                ("lines[0].quantity", "1.5"),
                ("lines[0].unit", "HUR"),
                ("lines[0].unit_price", "1,000.00"),
                ("lines[0].discount_percent", "10"),
                ("lines[0].tax_rate", "25"),
                // The product fills the description, price and tax left empty.
                ("lines[1].product_id", &product_id),
                ("lines[1].quantity", "2"),
                ("lines[2].description", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let page = location.unwrap();
    let quote_id = page.trim_start_matches("/quotes/").to_string();
    let quote = get_json(&t, &format!("/api/v1/quotes/{quote_id}")).await;
    assert_eq!(quote["contact_id"], contact["id"]);
    assert_eq!(quote["currency"], "NOK");
    assert_eq!(
        quote["lines"].as_array().unwrap().len(),
        2,
        "the blank row is no line"
    );
    assert_eq!(quote["lines"][1]["unit_price"], 24_900);
    assert_eq!(quote["lines"][1]["description"], "Hop sampler");
    // 1.5 × 1000.00 less 10 % is 1350.00; 2 × 249.00 is 498.00; 25 % tax on 1848.00.
    assert_eq!(quote["subtotal"], 184_800);
    assert_eq!(quote["tax_total"], 46_200);
    assert_eq!(quote["total"], 231_000);
    let (status, html, _) = b.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "NOK\u{a0}1,350.00",
        "NOK\u{a0}498.00",
        "NOK\u{a0}1,848.00",
        "NOK\u{a0}462.00",
        "NOK\u{a0}2,310.00",
        "Tax 25\u{a0}% on NOK\u{a0}1,848.00",
        "Kari Nordmann",
        "2099-12-31",
    ] {
        assert!(html.contains(shown), "the page shows {shown:?}: {html}");
    }
    assert!(
        html.contains(&format!("href=\"/contacts/{}\"", id(&contact))),
        "the customer links to their page"
    );
    // In German, money and quantities are written the German way.
    b.lang = "de";
    let (_, html, _) = b.get(&page).await;
    for shown in [
        "2.310,00\u{a0}NOK",
        "1,5",
        "Steuer 25\u{a0}% auf 1.848,00\u{a0}NOK",
    ] {
        assert!(html.contains(shown), "the German page shows {shown:?}");
    }
    // The edit form reads back what it shows.
    let (_, html, _) = b.get(&format!("{page}/edit")).await;
    assert_eq!(
        shown_value(&html, "lines[0].quantity").as_deref(),
        Some("1,5")
    );
    assert_eq!(
        shown_value(&html, "lines[0].unit_price").as_deref(),
        Some("1.000,00")
    );
    assert_eq!(
        shown_value(&html, "lines[1].product_id").as_deref(),
        Some(product_id.as_str())
    );
    let version = support::input_value(&html, "_version");
    let mut form: Vec<(String, String)> = vec![
        ("_csrf".into(), csrf.clone()),
        ("_version".into(), version),
        ("line_rows".into(), "3".into()),
        ("contact".into(), shown_value(&html, "contact").unwrap()),
        ("currency".into(), "NOK".into()),
        ("valid_until".into(), "2099-12-31".into()),
    ];
    for row in 0..2 {
        for part in [
            "product_id",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "discount_percent",
            "tax_rate",
        ] {
            let name = format!("lines[{row}].{part}");
            form.push((name.clone(), shown_value(&html, &name).unwrap_or_default()));
        }
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, body, _) = b.post(&format!("{page}/edit"), &pairs).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let saved = get_json(&t, &format!("/api/v1/quotes/{quote_id}")).await;
    assert_eq!(
        saved["total"], 231_000,
        "saving the form unchanged keeps the amounts"
    );
    assert_eq!(saved["lines"], quote["lines"]);
}

async fn bad_lines(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", &csrf),
                ("currency", "EUR"),
                ("notes", "Keep me"),
                ("contact", "nobody@example.com"),
                ("line_rows", "3"),
                ("lines[0].description", "Set-up"),
                ("lines[0].unit_price", "100"),
                ("lines[0].tax_rate", "19"),
                ("lines[1].description", "Training"),
                ("lines[1].quantity", "lots"),
                ("lines[1].unit_price", "12x"),
                ("lines[1].tax_rate", "19"),
                ("lines[2].description", "Support"),
                ("lines[2].unit_price", "50"),
                ("lines[2].tax_rate", "150"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // What the form could not read is named under its field first.
    assert!(invalid(&html, "lines[1].unit_price").is_some(), "{html}");
    assert!(
        invalid(&html, "contact").is_some(),
        "an unknown contact is named"
    );
    assert_eq!(
        shown_value(&html, "lines[1].quantity").as_deref(),
        Some("lots")
    );
    assert_eq!(shown_value(&html, "notes").as_deref(), Some("Keep me"));
    assert_eq!(
        rapport_store::records::count(&t.app.db, rapport_core::Entity::Quote)
            .await
            .unwrap(),
        0
    );

    // With the price and contact fixed, the services name the quantity and the tax rate.
    let (status, html, _) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", &csrf),
                ("currency", "EUR"),
                ("line_rows", "3"),
                ("lines[0].description", "Set-up"),
                ("lines[0].unit_price", "100"),
                ("lines[0].tax_rate", "19"),
                ("lines[1].description", "Training"),
                ("lines[1].quantity", "lots"),
                ("lines[1].unit_price", "12"),
                ("lines[1].tax_rate", "19"),
                ("lines[2].description", "Support"),
                ("lines[2].unit_price", "50"),
                ("lines[2].tax_rate", "150"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let quantity = invalid(&html, "lines[1].quantity").expect("the quantity is named");
    assert!(quantity.contains("number"), "{quantity}");
    let rate = invalid(&html, "lines[2].tax_rate").expect("the tax rate is named");
    assert!(rate.contains("100"), "{rate}");
    assert!(
        invalid(&html, "lines[0].quantity").is_none(),
        "a good line is not blamed"
    );
    assert_eq!(
        shown_value(&html, "lines[2].tax_rate").as_deref(),
        Some("150")
    );
    assert_eq!(
        shown_value(&html, "lines[1].description").as_deref(),
        Some("Training")
    );
    assert_eq!(
        rapport_store::records::count(&t.app.db, rapport_core::Entity::Quote)
            .await
            .unwrap(),
        0
    );

    // The messages are in the user's language.
    b.lang = "de";
    let (status, html, _) = b
        .post(
            "/quotes/new",
            &[
                ("_csrf", &csrf),
                ("line_rows", "1"),
                ("lines[0].description", "Schulung"),
                ("lines[0].unit_price", "12"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = invalid(&html, "lines[0].tax_rate").expect("the missing tax rate is named");
    assert!(
        !missing.contains("required"),
        "German, not English: {missing}"
    );
}

async fn rows_added_and_removed(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    let rows = |html: &str| {
        Html::parse_document(html)
            .select(&sel("[name$=\".description\"]"))
            .count()
    };
    let (_, html, _) = b.get("/invoices/new").await;
    assert_eq!(rows(&html), 1, "a new document has one blank row");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("line_rows", "1"),
        ("lines[0].description", "First"),
        ("lines[0].unit_price", "10"),
        ("lines[0].tax_rate", "0"),
        ("_add", "line"),
    ];
    let (status, html, _) = b.post("/invoices/new", &form).await;
    assert_eq!(status, StatusCode::OK, "adding a line shows the form again");
    assert_eq!(rows(&html), 2);
    assert_eq!(
        shown_value(&html, "lines[0].description").as_deref(),
        Some("First")
    );
    assert_eq!(
        rapport_store::records::count(&t.app.db, rapport_core::Entity::Invoice)
            .await
            .unwrap(),
        0
    );
    // Two filled rows, the first ticked for removal: only the second is saved.
    form.pop();
    form.extend([
        ("line_rows", "2"),
        ("lines[0].remove", "true"),
        ("lines[1].description", "Second"),
        ("lines[1].unit_price", "20"),
        ("lines[1].tax_rate", "0"),
        ("due_date", "2099-01-31"),
    ]);
    let (status, body, location) = b.post("/invoices/new", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let invoice_id = location
        .unwrap()
        .trim_start_matches("/invoices/")
        .to_string();
    let invoice = get_json(&t, &format!("/api/v1/invoices/{invoice_id}")).await;
    let lines = invoice["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["description"], "Second");
    assert_eq!(invoice["total"], 2_000);
    assert_eq!(invoice["due_date"], "2099-01-31");
    assert_eq!(invoice["status"], "draft");
}

async fn quote_to_paid_invoice(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t.create("companies", json!({"name": "Fjord Fisk"})).await;
    let quote = t
        .create(
            "quotes",
            json!({"company_id": id(&company), "currency": "EUR", "lines": [
                {"description": "Boat hire", "quantity": 2, "unit_price": 40_000, "tax_rate": "25"}
            ]}),
        )
        .await;
    assert_eq!(quote["total"], 100_000);
    let (mut b, csrf) = signed_in(&t).await;
    let page = format!("/quotes/{}", id(&quote));
    let (_, html, _) = b.get(&page).await;
    let offered: Vec<String> = steps(&html).into_iter().map(|(s, _)| s).collect();
    assert_eq!(offered, ["send"], "a draft quote can only be sent");

    for step in ["send", "accept"] {
        let (status, body, location) = press(&mut b, &csrf, &page, step).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{step}: {body}");
        assert_eq!(location.as_deref(), Some(page.as_str()));
    }
    let (_, html, _) = b.get(&page).await;
    assert!(html.contains("Accepted"));
    assert_eq!(
        steps(&html).into_iter().map(|(s, _)| s).collect::<Vec<_>>(),
        ["order"]
    );

    let (status, _, location) = press(&mut b, &csrf, &page, "order").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let order_page = location.unwrap();
    assert!(order_page.starts_with("/orders/"), "{order_page}");
    let (_, html, _) = b.get(&page).await;
    assert!(steps(&html).is_empty(), "a quote has one order");
    assert!(
        html.contains(&format!("href=\"{order_page}\"")),
        "the quote links its order"
    );

    let (status, _, location) = press(&mut b, &csrf, &order_page, "invoice").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let invoice_page = location.unwrap();
    assert!(invoice_page.starts_with("/invoices/"), "{invoice_page}");
    let (_, html, _) = b.get(&invoice_page).await;
    assert!(html.contains("Draft invoice"));
    assert!(
        !html.contains("Record a payment"),
        "a draft takes no payments"
    );

    let (status, _, _) = press(&mut b, &csrf, &invoice_page, "issue").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let invoice_id = invoice_page.trim_start_matches("/invoices/").to_string();
    let invoice = get_json(&t, &format!("/api/v1/invoices/{invoice_id}")).await;
    assert_eq!(invoice["status"], "issued");
    let number = invoice["number"].as_str().unwrap().to_string();
    let (_, html, _) = b.get(&invoice_page).await;
    assert!(html.contains(&number), "an issued invoice shows its number");
    let version = support::input_value(&html, "_version");
    let pay = |amount: &str, version: &str| {
        vec![
            ("_csrf".to_string(), csrf.clone()),
            ("_version".to_string(), version.to_string()),
            ("amount".to_string(), amount.to_string()),
            ("paid_on".to_string(), "2026-03-02".to_string()),
            ("method".to_string(), "bank_transfer".to_string()),
            ("reference".to_string(), format!("Ref {amount}")),
        ]
    };
    let pay_path = format!("{invoice_page}/pay");

    // More than is due is refused under the amount, as typed, and nothing is paid.
    let (status, html, _) = post(&mut b, &pay_path, pay("1,500.00", &version)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let message = invalid(&html, "amount").expect("the amount is named");
    assert!(message.contains("€1,000.00"), "{message}");
    assert_eq!(shown_value(&html, "amount").as_deref(), Some("1,500.00"));
    let (status, html, _) = post(&mut b, &pay_path, pay("ten", &version)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "amount").is_some());
    assert_eq!(
        get_json(&t, &format!("/api/v1/invoices/{invoice_id}")).await["paid"],
        0
    );

    let (status, body, _) = post(&mut b, &pay_path, pay("400.00", &version)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, html, _) = b.get(&invoice_page).await;
    assert!(html.contains("Partly paid"));
    assert!(html.contains("€600.00"), "the amount due");
    assert!(html.contains("Ref 400.00") && html.contains("Bank transfer"));
    // The form offers what is due.
    assert_eq!(shown_value(&html, "amount").as_deref(), Some("600.00"));
    let version = support::input_value(&html, "_version");
    let (status, _, _) = post(&mut b, &pay_path, pay("600", &version)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let invoice = get_json(&t, &format!("/api/v1/invoices/{invoice_id}")).await;
    assert_eq!(invoice["status"], "paid");
    assert_eq!(invoice["paid"], 100_000);
    let (_, html, _) = b.get(&invoice_page).await;
    assert!(html.contains("Paid"));
    assert!(
        !html.contains("Record a payment"),
        "a paid invoice takes no more"
    );
    assert!(steps(&html).is_empty(), "a paid invoice is not cancelled");
    let payments = get_json(&t, &format!("/api/v1/invoices/{invoice_id}/payments")).await;
    assert_eq!(payments["items"].as_array().unwrap().len(), 2);
}

async fn step_out_of_turn(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let quote = t
        .create(
            "quotes",
            json!({"lines": [{"description": "Audit", "unit_price": 5_000, "tax_rate": "0"}]}),
        )
        .await;
    let path = format!("/api/v1/quotes/{}", id(&quote));
    let before = get_json(&t, &path).await;
    let (mut b, csrf) = signed_in(&t).await;
    let page = format!("/quotes/{}", id(&quote));
    for step in ["accept", "order", "issue", "explode"] {
        let (status, html, _) = b
            .post(
                &format!("{page}/step"),
                &[("_csrf", &csrf), ("_version", "1"), ("step", step)],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{step}");
        assert!(html.contains("That step is not possible"), "{step}: {html}");
        assert_eq!(
            steps(&html).into_iter().map(|(s, _)| s).collect::<Vec<_>>(),
            ["send"]
        );
    }
    assert_eq!(get_json(&t, &path).await, before, "nothing changed");
    assert_eq!(
        rapport_store::records::count(&t.app.db, rapport_core::Entity::Order)
            .await
            .unwrap(),
        0
    );
}

async fn stale_version(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let quote = t
        .create(
            "quotes",
            json!({"currency": "EUR", "lines": [{"description": "Audit", "unit_price": 5_000, "tax_rate": "0"}]}),
        )
        .await;
    let path = format!("/api/v1/quotes/{}", id(&quote));
    let page = format!("/quotes/{}", id(&quote));
    let (mut b, csrf) = signed_in(&t).await;
    let (_, edit, _) = b.get(&format!("{page}/edit")).await;
    let (_, shown, _) = b.get(&page).await;
    let (_, old_version) = steps(&shown)
        .into_iter()
        .find(|(s, _)| s == "send")
        .unwrap();
    // Someone else changes the notes meanwhile.
    let r = t
        .patch(
            &path,
            &json!({"notes": "Changed elsewhere"}),
            Some("\"v1\""),
        )
        .await;
    assert_eq!(r.status(), 200);
    let before = get_json(&t, &path).await;

    let (status, html, _) = b
        .post(
            &format!("{page}/step"),
            &[
                ("_csrf", &csrf),
                ("_version", &old_version),
                ("step", "send"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Someone changed this document"), "{html}");
    assert!(
        html.contains("Changed elsewhere"),
        "the page shows the document as it is now"
    );

    let version = support::input_value(&edit, "_version");
    let (status, html, _) = b
        .post(
            &format!("{page}/edit"),
            &[
                ("_csrf", &csrf),
                ("_version", &version),
                ("currency", "EUR"),
                ("notes", "Mine"),
                ("line_rows", "1"),
                ("lines[0].description", "Audit and report"),
                ("lines[0].unit_price", "75"),
                ("lines[0].tax_rate", "0"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Someone else saved this record"), "{html}");
    assert_eq!(
        shown_value(&html, "notes").as_deref(),
        Some("Mine"),
        "kept as typed"
    );
    assert_eq!(
        shown_value(&html, "lines[0].description").as_deref(),
        Some("Audit and report")
    );
    assert_eq!(
        support::input_value(&html, "_version"),
        "2",
        "the saved version, to save again on purpose"
    );
    assert_eq!(get_json(&t, &path).await, before, "nothing changed");

    // Making an invoice carries the version too: an order changed since its page was
    // drawn makes none.
    for step in ["send", "accept"] {
        assert_eq!(
            t.post(&format!("{path}/{step}"), &json!({})).await.status(),
            200
        );
    }
    let r = t.post(&format!("{path}/order"), &json!({})).await;
    assert_eq!(r.status(), 201);
    let order = id(&r.json().await.unwrap());
    let order_page = format!("/orders/{order}");
    let (_, shown, _) = b.get(&order_page).await;
    let (_, drawn) = steps(&shown)
        .into_iter()
        .find(|(s, _)| s == "invoice")
        .unwrap();
    let r = t
        .patch(
            &format!("/api/v1/orders/{order}"),
            &json!({"notes": "Deliver on Monday"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    let (status, html, _) = b
        .post(
            &format!("{order_page}/step"),
            &[("_csrf", &csrf), ("_version", &drawn), ("step", "invoice")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{html}");
    assert!(html.contains("Someone changed this document"));
    assert_eq!(
        rapport_store::records::count(&t.app.db, rapport_core::Entity::Invoice)
            .await
            .unwrap(),
        0
    );
}

async fn only_drafts_are_edited(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let quote = t
        .create(
            "quotes",
            json!({"lines": [{"description": "Audit", "unit_price": 5_000, "tax_rate": "0"}]}),
        )
        .await;
    let path = format!("/api/v1/quotes/{}", id(&quote));
    assert_eq!(
        t.post(&format!("{path}/send"), &json!({})).await.status(),
        200
    );
    let before = get_json(&t, &path).await;
    let (mut b, csrf) = signed_in(&t).await;
    let page = format!("/quotes/{}", id(&quote));
    let (_, html, _) = b.get(&page).await;
    assert!(
        !html.contains(&format!("href=\"{page}/edit\"")),
        "a sent quote offers no edit"
    );
    let (status, html, _) = b.get(&format!("{page}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    assert!(
        doc.select(&sel("fieldset[disabled]")).count() >= 2,
        "shown read-only"
    );
    assert_eq!(
        doc.select(&sel("button[type=submit]:not(.link)"))
            .filter(|b| b.text().any(|t| t.contains("Save")))
            .count(),
        0
    );
    assert_eq!(
        shown_value(&html, "lines[0].description").as_deref(),
        Some("Audit")
    );
    let (status, html, _) = b
        .post(
            &format!("{page}/edit"),
            &[
                ("_csrf", &csrf),
                ("_version", "2"),
                ("line_rows", "1"),
                ("lines[0].description", "Changed"),
                ("lines[0].unit_price", "1"),
                ("lines[0].tax_rate", "0"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Only a document in its first status"));
    assert_eq!(get_json(&t, &path).await, before, "nothing changed");
}

async fn panels(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let sample = Sample::create(&t).await;
    let (mut b, _) = signed_in(&t).await;
    let quote = get_json(&t, &format!("/api/v1/quotes/{}", sample.quote)).await;
    let invoice = get_json(&t, &format!("/api/v1/invoices/{}", sample.invoice)).await;
    for page in [
        format!("/contacts/{}", sample.contact),
        format!("/companies/{}", sample.company),
    ] {
        let (status, html, _) = b.get(&page).await;
        assert_eq!(status, StatusCode::OK);
        let doc = Html::parse_document(&html);
        for (key, title) in [
            ("quotes", "Quotes"),
            ("orders", "Orders"),
            ("invoices", "Invoices"),
        ] {
            let heading = doc
                .select(&sel(&format!("#panel-{key}")))
                .next()
                .unwrap_or_else(|| panic!("{page} has the {key} panel"));
            assert_eq!(heading.text().collect::<String>(), title);
        }
        assert!(
            html.contains(&format!("href=\"/quotes/{}\"", sample.quote)),
            "{page}"
        );
        assert!(html.contains(&format!("href=\"/orders/{}\"", sample.order)));
        assert!(html.contains(&format!("href=\"/invoices/{}\"", sample.invoice)));
        assert!(html.contains(quote["number"].as_str().unwrap()));
        assert!(html.contains(invoice["number"].as_str().unwrap()));
        // 2 × 249.00 and 150.00 less 10 %, with 25 % tax: 791.25 kroner.
        assert!(
            html.contains("Draft · NOK\u{a0}791.25"),
            "status and total: {page}"
        );
        assert!(html.contains("Partly paid · NOK\u{a0}791.25"));
    }
    // Another contact's page shows none of them.
    let other = t.create("contacts", json!({"first_name": "Per"})).await;
    let (_, html, _) = b.get(&format!("/contacts/{}", id(&other))).await;
    assert!(html.contains("No quotes.") && html.contains("No invoices."));
    assert!(!html.contains(&format!("/quotes/{}", sample.quote)));
}

async fn hostile_lines(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
    ];
    let lines: Vec<Value> = payloads
        .iter()
        .map(|p| json!({"description": p, "unit_price": 100, "tax_rate": "0"}))
        .collect();
    let quote = t
        .create("quotes", json!({"lines": lines, "notes": payloads[0]}))
        .await;
    let invoice = t
        .create("invoices", json!({"lines": lines, "notes": payloads[1]}))
        .await;
    let (mut b, _) = signed_in(&t).await;
    let pages = [
        format!("/quotes/{}", id(&quote)),
        format!("/quotes/{}/edit", id(&quote)),
        format!("/quotes/{}/print", id(&quote)),
        format!("/quotes/{}/history", id(&quote)),
        format!("/invoices/{}", id(&invoice)),
        format!("/invoices/{}/print", id(&invoice)),
        "/quotes".to_string(),
    ];
    for page in pages {
        let (status, html, _) = b.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let doc = Html::parse_document(&html);
        for el in doc.select(&sel("*")) {
            let name = el.value().name();
            // The layout's own bell icon is the one drawing a page may have.
            let bell_icon = name == "svg"
                && el
                    .parent()
                    .and_then(scraper::ElementRef::wrap)
                    .is_some_and(|p| p.value().attr("href") == Some("/notifications"));
            assert!(
                bell_icon || !["img", "svg", "iframe"].contains(&name),
                "{page}: <{name}> from input"
            );
            if name == "script" {
                assert!(
                    el.value()
                        .attr("src")
                        .is_some_and(|s| s.starts_with("/static/")),
                    "{page}"
                );
                assert!(
                    el.text().collect::<String>().trim().is_empty(),
                    "{page}: inline script"
                );
            }
            for (attr, value) in el.value().attrs() {
                assert!(!attr.starts_with("on"), "{page}: {attr} on <{name}>");
                if attr == "href" {
                    assert!(!value.starts_with("javascript:"), "{page}: {value}");
                }
            }
        }
        if !page.ends_with("/history") && page != "/quotes" {
            let text: String = doc.root_element().text().collect();
            assert!(
                text.contains("<script>alert(1)</script>"),
                "{page} shows the text as text"
            );
        }
    }
}
