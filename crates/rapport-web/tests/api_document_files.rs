//! Sales documents written out over the API, on both backends: the UBL invoice checked
//! against the vendored UBL 2.1 schema with xmllint, the PDF read back with lopdf, what
//! is missing named with 422, and the rules around deleting, invoicing and price lists.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_app::Ctx;
use rapport_app::organisation::{Seller, save_seller};
use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::Method;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

on_both_backends! {
    an_issued_invoice_is_valid_ubl_and_a_pdf => an_issued_invoice_is_valid_ubl_and_a_pdf;
    what_the_outputs_lack_is_named => what_the_outputs_lack_is_named;
    issued_invoices_are_not_deleted => issued_invoices_are_not_deleted;
    orders_and_quotes_are_turned_over_once => orders_and_quotes_are_turned_over_once;
    price_lists_price_lines => price_lists_price_lines;
    only_those_who_see_an_invoice_get_its_files => only_those_who_see_an_invoice_get_its_files;
    overdue_and_expired_filter_lists => overdue_and_expired_filter_lists;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn error_fields(r: reqwest::Response) -> Vec<String> {
    let body: Value = r.json().await.unwrap();
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

async fn set_seller(t: &TestApp) {
    save_seller(
        &t.app,
        &Ctx::system(),
        &Seller {
            legal_name: "Fjordkontor Ærø AS".into(),
            street: "Storgata 12".into(),
            city: "Tromsø".into(),
            postcode: "9008".into(),
            country: "NO".into(),
            vat_number: "NO987654321MVA".into(),
            company_id: "987654321".into(),
            iban: "NO93 8601 1117 947".into(),
            bic: "DNBANOKK".into(),
            email: "faktura@fjordkontor.example".into(),
            endpoint_scheme: "0192".into(),
            endpoint_id: "987654321".into(),
        },
    )
    .await
    .unwrap();
}

/// A company that can receive a Peppol invoice, and its contact.
async fn buyer(t: &TestApp) -> (Value, Value) {
    let company = t
        .create(
            "companies",
            json!({
                "name": "Łódzka Spółdzielnia",
                "address": {"street": "ul. Piotrkowska 104", "postal_code": "90-926", "city": "Łódź", "country": "pl"},
                "vat_id": "pl 7251801126",
                "peppol_id": "9945:PL7251801126"
            }),
        )
        .await;
    assert_eq!(company["vat_id"], "PL7251801126", "kept in capitals");
    let contact = t
        .create(
            "contacts",
            json!({"first_name": "Zofia", "last_name": "Wójcik", "company_id": id(&company)}),
        )
        .await;
    (company, contact)
}

const LINES: &str = r#"[
    {"description": "Consulting, June", "quantity": "12.5", "unit": "HUR", "unit_price": 125000, "tax_rate": "25"},
    {"description": "Catering", "quantity": 1, "unit_price": 480000, "discount_percent": "6.25", "tax_rate": "15"},
    {"description": "Printed manual", "quantity": 3, "unit_price": 29950, "tax_rate": "0"}
]"#;

async fn draft_invoice(t: &TestApp, company: &Value, contact: &Value) -> Value {
    let lines: Value = serde_json::from_str(LINES).unwrap();
    t.create(
        "invoices",
        json!({
            "company_id": id(company),
            "contact_id": id(contact),
            "currency": "NOK",
            "due_date": "2099-01-31",
            "buyer_reference": "PO-7781",
            "notes": "Thank you for your order.",
            "lines": lines
        }),
    )
    .await
}

async fn issue(t: &TestApp, invoice: &Value) -> Value {
    let r = t
        .post(
            &format!("/api/v1/invoices/{}/issue", id(invoice)),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// Runs xmllint against the UBL 2.1 Invoice schema vendored in rapport-docs.
fn assert_schema_valid(xml: &str) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../rapport-docs/tests/ubl21/maindoc/UBL-Invoice-2.1.xsd");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invoice.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint runs; install it with `apt-get install libxml2-utils`");
    assert!(
        out.status.success(),
        "the invoice does not validate:\n{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

async fn an_issued_invoice_is_valid_ubl_and_a_pdf(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    set_seller(&t).await;
    let (company, contact) = buyer(&t).await;
    let invoice = issue(&t, &draft_invoice(&t, &company, &contact).await).await;
    let number = invoice["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("INV-"));

    let r = t
        .get(&format!("/api/v1/invoices/{}/ubl", id(&invoice)))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), "application/xml");
    assert!(header(&r, "content-disposition").contains(&format!("{number}.xml")));
    let xml = r.text().await.unwrap();
    assert_schema_valid(&xml);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for expected in [
        number.as_str(),
        "NO987654321MVA",
        "PL7251801126",
        "PO-7781",
        "NO9386011117947",
        "2099-01-31",
    ] {
        assert!(texts.contains(&expected), "{expected} in the invoice");
    }
    let payable = doc
        .descendants()
        .find(|n| n.has_tag_name("PayableAmount"))
        .and_then(|n| n.text())
        .unwrap();
    let total = invoice["total"].as_i64().unwrap();
    assert_eq!(payable, format!("{}.{:02}", total / 100, total % 100));

    // A partly paid invoice is still written, with what is left to pay.
    let r = t
        .post(
            &format!("/api/v1/invoices/{}/pay", id(&invoice)),
            &json!({"amount": 100_000}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t
        .get(&format!("/api/v1/invoices/{}/ubl", id(&invoice)))
        .await;
    assert_eq!(r.status(), 200);
    let xml = r.text().await.unwrap();
    assert_schema_valid(&xml);
    assert!(xml.contains("<cbc:PrepaidAmount currencyID=\"NOK\">1000.00</cbc:PrepaidAmount>"));

    let r = t
        .get(&format!("/api/v1/invoices/{}/pdf", id(&invoice)))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), "application/pdf");
    assert!(header(&r, "content-disposition").contains(&format!("{number}.pdf")));
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains(&number), "the number is printed: {text}");
    assert!(
        text.contains("Invoice"),
        "English without a stored language"
    );
    assert!(text.contains("Łódzka Spółdzielnia"));

    // Without a language of their own, the token's user reads the organisation's.
    rapport_app::organisation::save(&t.app, &Ctx::system(), "Fjordkontor", "nb", "")
        .await
        .unwrap();
    let r = t
        .get(&format!("/api/v1/invoices/{}/pdf", id(&invoice)))
        .await;
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains("Fakturanummer"), "{text}");

    // The token's user reads in their own language.
    let r = t
        .patch(
            &format!("/api/v1/users/{}", t.admin_id),
            &json!({"locale": "de"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t
        .get(&format!("/api/v1/invoices/{}/pdf", id(&invoice)))
        .await;
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains("Rechnung"), "{text}");
    assert!(text.contains("Rechnungsnummer"), "{text}");

    // A quote and an order have their PDF too, named by their own numbers.
    let lines: Value = serde_json::from_str(LINES).unwrap();
    let quote = t
        .create(
            "quotes",
            json!({"contact_id": id(&contact), "lines": lines, "valid_until": "2099-02-01"}),
        )
        .await;
    let order = t
        .create(
            "orders",
            json!({"company_id": id(&company), "lines": lines}),
        )
        .await;
    for (resource, doc, word) in [
        ("quotes", &quote, "Angebot"),
        ("orders", &order, "Auftragsbestätigung"),
    ] {
        let r = t.get(&format!("/api/v1/{resource}/{}/pdf", id(doc))).await;
        assert_eq!(r.status(), 200, "{resource}");
        let number = doc["number"].as_str().unwrap();
        assert!(header(&r, "content-disposition").contains(&format!("{number}.pdf")));
        let text = pdf_text(&r.bytes().await.unwrap());
        assert!(text.contains(number) && text.contains(word), "{text}");
    }
    // A quote of a contact whose company has an address is addressed to the company.
    let r = t.get(&format!("/api/v1/quotes/{}/pdf", id(&quote))).await;
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains("Piotrkowska"), "{text}");
}

async fn what_the_outputs_lack_is_named(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (company, contact) = buyer(&t).await;
    let draft = draft_invoice(&t, &company, &contact).await;
    let ubl = format!("/api/v1/invoices/{}/ubl", id(&draft));

    // A draft is no invoice yet.
    let r = t.get(&ubl).await;
    assert_eq!(r.status(), 409);
    assert_eq!(header(&r, "content-type"), "application/problem+json");
    let body: Value = r.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("draft"), "{body}");

    // Without seller details the PDF lacks the seller's name, the UBL much more.
    let r = t.get(&format!("/api/v1/invoices/{}/pdf", id(&draft))).await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["seller.legal_name"]);
    let invoice = issue(&t, &draft).await;
    let r = t.get(&ubl).await;
    assert_eq!(r.status(), 422);
    assert_eq!(header(&r, "content-type"), "application/problem+json");
    let fields = error_fields(r).await;
    for field in [
        "seller.legal_name",
        "seller.country",
        "seller.vat_number",
        "seller.endpoint_id",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }

    // A buyer without an electronic address or a country is named too.
    set_seller(&t).await;
    let r = t
        .patch(
            &format!("/api/v1/companies/{}", id(&company)),
            &json!({"peppol_id": null, "address": {"city": "Łódź"}}),
            None,
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t.get(&ubl).await;
    assert_eq!(r.status(), 422);
    let fields = error_fields(r).await;
    assert!(
        fields.contains(&"buyer.peppol_id".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"buyer.address.country".to_string()),
        "{fields:?}"
    );
    // The PDF needs neither.
    let r = t
        .get(&format!("/api/v1/invoices/{}/pdf", id(&invoice)))
        .await;
    assert_eq!(r.status(), 200);

    // A company's electronic address is checked when it is written.
    let r = t
        .patch(
            &format!("/api/v1/companies/{}", id(&company)),
            &json!({"peppol_id": "PL7251801126", "vat_id": "7251801126"}),
            None,
        )
        .await;
    assert_eq!(r.status(), 422);
    let mut fields = error_fields(r).await;
    fields.sort();
    assert_eq!(fields, ["peppol_id", "vat_id"]);

    // A cancelled invoice is not written as UBL either.
    let lines: Value = serde_json::from_str(LINES).unwrap();
    let other = t
        .create(
            "invoices",
            json!({"company_id": id(&company), "lines": lines}),
        )
        .await;
    let r = t
        .post(
            &format!("/api/v1/invoices/{}/cancel", id(&other)),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t.get(&format!("/api/v1/invoices/{}/ubl", id(&other))).await;
    assert_eq!(r.status(), 409);
    let r = t
        .get("/api/v1/invoices/01900000-0000-7000-8000-000000000000/ubl")
        .await;
    assert_eq!(r.status(), 404);
}

async fn issued_invoices_are_not_deleted(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (company, contact) = buyer(&t).await;
    let draft = draft_invoice(&t, &company, &contact).await;
    let r = t.delete(&format!("/api/v1/invoices/{}", id(&draft))).await;
    assert!(r.status().is_success(), "a draft may go: {}", r.status());

    let issued = issue(&t, &draft_invoice(&t, &company, &contact).await).await;
    let path = format!("/api/v1/invoices/{}", id(&issued));
    let r = t.delete(&path).await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().contains("issued"),
        "{body}"
    );
    let r = t.post(&format!("{path}/purge"), &json!({})).await;
    assert_eq!(r.status(), 409);
    let r = t.get(&path).await;
    let still: Value = r.json().await.unwrap();
    assert!(still["deleted_at"].is_null(), "nothing changed");
    assert_eq!(still["version"], issued["version"]);

    // Paid and cancelled after issue stay as well.
    let total = issued["total"].as_i64().unwrap();
    let r = t
        .post(&format!("{path}/pay"), &json!({"amount": total}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.delete(&path).await.status(), 409);
    let other = issue(&t, &draft_invoice(&t, &company, &contact).await).await;
    let other_path = format!("/api/v1/invoices/{}", id(&other));
    let r = t.post(&format!("{other_path}/cancel"), &json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(t.delete(&other_path).await.status(), 409);
}

async fn orders_and_quotes_are_turned_over_once(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let lines: Value = serde_json::from_str(LINES).unwrap();
    let quote = t.create("quotes", json!({"lines": lines})).await;
    let quote_path = format!("/api/v1/quotes/{}", id(&quote));
    for step in ["send", "accept"] {
        let r = t.post(&format!("{quote_path}/{step}"), &json!({})).await;
        assert_eq!(r.status(), 200, "{step}");
    }
    let r = t.post(&format!("{quote_path}/order"), &json!({})).await;
    assert_eq!(r.status(), 201);
    let order: Value = r.json().await.unwrap();
    let r = t.post(&format!("{quote_path}/order"), &json!({})).await;
    assert_eq!(r.status(), 409, "a quote has one order");

    let invoice_path = format!("/api/v1/orders/{}/invoice", id(&order));
    let r = t.post(&invoice_path, &json!({})).await;
    assert_eq!(r.status(), 201);
    let first: Value = r.json().await.unwrap();
    let r = t.post(&invoice_path, &json!({})).await;
    assert_eq!(r.status(), 409, "an order is invoiced once");
    let body: Value = r.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("already invoiced"),
        "{body}"
    );
    let invoices: Value = t
        .get(&format!("/api/v1/invoices?filter[order_id]={}", id(&order)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(invoices["items"].as_array().unwrap().len(), 1);

    // Once the first invoice is cancelled, the order may be invoiced again.
    let r = t
        .post(
            &format!("/api/v1/invoices/{}/cancel", id(&first)),
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let r = t.post(&invoice_path, &json!({})).await;
    assert_eq!(r.status(), 201);
    let second: Value = r.json().await.unwrap();

    // A deleted draft leaves the order to invoice again, and then stays deleted.
    let second_path = format!("/api/v1/invoices/{}", id(&second));
    assert!(t.delete(&second_path).await.status().is_success());
    let r = t.post(&invoice_path, &json!({})).await;
    assert_eq!(r.status(), 201);
    let r = t.post(&format!("{second_path}/restore"), &json!({})).await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["detail"].as_str().unwrap().contains("invoiced again"),
        "{body}"
    );
}

async fn price_lists_price_lines(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let product = t
        .create(
            "products",
            json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25"}),
        )
        .await;
    let unlisted = t
        .create(
            "products",
            json!({"name": "Glass", "unit_price": 5_000, "currency": "NOK", "tax_rate": "25"}),
        )
        .await;
    let list = t
        .create(
            "price-lists",
            json!({"name": "Wholesale", "currency": "NOK", "prices": [{"product_id": id(&product), "unit_price": 19_900}]}),
        )
        .await;
    let quote = t
        .create(
            "quotes",
            json!({
                "price_list_id": id(&list),
                "lines": [
                    {"product_id": id(&product), "quantity": 2},
                    {"product_id": id(&product), "quantity": 1, "unit_price": 21_000},
                    {"product_id": id(&unlisted), "quantity": 1}
                ]
            }),
        )
        .await;
    assert_eq!(quote["currency"], "NOK", "the price list's currency");
    assert_eq!(
        quote["lines"][0]["unit_price"], 19_900,
        "from the price list"
    );
    assert_eq!(
        quote["lines"][1]["unit_price"], 21_000,
        "a given price stays"
    );
    assert_eq!(
        quote["lines"][2]["unit_price"], 5_000,
        "an unlisted product's own"
    );
    assert_eq!(quote["subtotal"], 2 * 19_900 + 21_000 + 5_000);

    // The order made of the quote keeps the price list and the prices.
    for step in ["send", "accept"] {
        let r = t
            .post(&format!("/api/v1/quotes/{}/{step}", id(&quote)), &json!({}))
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = t
        .post(&format!("/api/v1/quotes/{}/order", id(&quote)), &json!({}))
        .await;
    let order: Value = r.json().await.unwrap();
    assert_eq!(order["price_list_id"], list["id"]);
    assert_eq!(order["subtotal"], quote["subtotal"]);

    let euro = t
        .create(
            "price-lists",
            json!({"name": "Export", "currency": "EUR", "prices": [{"product_id": id(&product), "unit_price": 2_100}]}),
        )
        .await;
    let r = t
        .post(
            "/api/v1/invoices",
            &json!({"currency": "NOK", "price_list_id": id(&euro), "lines": [{"product_id": id(&product), "quantity": 1}]}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error_fields(r).await, ["price_list_id"]);
    let invoices: Value = t.get("/api/v1/invoices").await.json().await.unwrap();
    assert_eq!(
        invoices["items"].as_array().unwrap().len(),
        0,
        "none written"
    );
}

async fn only_those_who_see_an_invoice_get_its_files(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    set_seller(&t).await;
    let (_, agent) = t.user("agent@example.com", Role::Agent).await;
    let (_, other) = t.user("other@example.com", Role::Agent).await;
    let lines: Value = serde_json::from_str(LINES).unwrap();
    let r = t
        .request(Method::POST, "/api/v1/invoices", &agent)
        .json(&json!({"lines": lines, "due_date": "2099-01-31"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let invoice: Value = r.json().await.unwrap();
    let pdf = format!("/api/v1/invoices/{}/pdf", id(&invoice));
    let ubl = format!("/api/v1/invoices/{}/ubl", id(&invoice));
    let r = t.request(Method::GET, &pdf, &agent).send().await.unwrap();
    assert_eq!(r.status(), 422, "the owner sees it; it has no buyer yet");
    for path in [&pdf, &ubl] {
        let r = t.request(Method::GET, path, &other).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}: another agent does not see it");
    }
}

async fn overdue_and_expired_filter_lists(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let lines = json!([{"description": "Work", "unit_price": 1000, "tax_rate": "0"}]);
    let late = t
        .create(
            "invoices",
            json!({"lines": lines, "due_date": "2020-01-31"}),
        )
        .await;
    let on_time = t
        .create(
            "invoices",
            json!({"lines": lines, "due_date": "2099-01-31"}),
        )
        .await;
    t.create(
        "invoices",
        json!({"lines": lines, "due_date": "2020-01-31"}),
    )
    .await;
    for invoice in [&late, &on_time] {
        issue(&t, invoice).await;
    }
    let page: Value = t
        .get("/api/v1/invoices?filter[overdue]=true")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [late["id"].as_str().unwrap()], "not the draft");
    assert_eq!(page["items"][0]["status"], "overdue");

    let old = t
        .create(
            "quotes",
            json!({"lines": lines, "valid_until": "2020-01-31"}),
        )
        .await;
    t.create(
        "quotes",
        json!({"lines": lines, "valid_until": "2020-01-31"}),
    )
    .await;
    let r = t
        .post(&format!("/api/v1/quotes/{}/send", id(&old)), &json!({}))
        .await;
    assert_eq!(r.status(), 200);
    let page: Value = t
        .get("/api/v1/quotes?filter[expired]=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], old["id"]);
    assert_eq!(page["items"][0]["status"], "expired");
    let r = t.get("/api/v1/quotes?filter[expired]=yes").await;
    assert_eq!(r.status(), 400);
    let r = t.get("/api/v1/orders?filter[overdue]=true").await;
    assert_eq!(r.status(), 400, "orders are never overdue");
}
