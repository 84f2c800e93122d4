//! The forecast page and its chart, the sales targets settings, deal line items and price
//! list prices as rows, over real HTTP on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, OTHER_EMAIL, OTHER_PASSWORD};

on_both_backends! {
    the_forecast_page_draws_its_chart_in_every_language => forecast_page;
    bad_forecast_filters_are_shown_inline => bad_filters;
    targets_are_edited_as_rows => targets_rows;
    deal_lines_are_edited_as_rows => deal_lines;
    price_list_prices_are_edited_as_rows => price_rows;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn get_json(t: &TestApp, path: &str) -> Value {
    t.get(path).await.json().await.unwrap()
}

fn select_all<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

async fn send_form(
    b: &mut Browser<'_>,
    path: &str,
    form: Vec<(String, String)>,
) -> (StatusCode, String, Option<String>) {
    let request = b.request(reqwest::Method::POST, path).form(&form);
    b.send(request).await
}

async fn signed_in(t: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    (b, csrf)
}

async fn forecast_page(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let today = rapport_core::clock::now().date().to_string();
    let deal = t
        .create("deals", json!({"title": "Brewing kit", "amount": 1_250_000, "currency": "NOK", "expected_close": today}))
        .await;
    let won = t
        .create(
            "deals",
            json!({"title": "Taps", "amount": 300_000, "currency": "NOK", "expected_close": today}),
        )
        .await;
    t.patch(
        &format!("/api/v1/deals/{}", id(&won)),
        &json!({"status": "won"}),
        None,
    )
    .await;
    let month = &today[..7];
    let r = t
        .request(reqwest::Method::PUT, "/api/v1/sales-targets", &t.token)
        .json(&json!({"currency": "NOK", "from": month, "to": month, "targets": [{"month": month, "amount": 500_000}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(deal["id"].is_string());
    for lang in rapport_web::ui::i18n::LOCALES {
        let mut b = Browser::new(&t);
        b.lang = lang;
        b.sign_in_admin().await;
        let (status, html, _) = b.get("/forecast").await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        let doc = Html::parse_document(&html);
        let svg = select_all(&doc, "svg[role=\"img\"]");
        assert_eq!(svg.len(), 1, "{lang}: one chart");
        let label = svg[0].value().attr("aria-label").unwrap();
        assert!(label.contains("NOK"), "{lang}: {label}");
        assert!(!select_all(&doc, "svg > title").is_empty());
        // A bar per series per month, and the target's mark this month.
        assert_eq!(select_all(&doc, "rect.chart-won").len(), 12, "{lang}");
        assert_eq!(select_all(&doc, "rect.chart-weighted").len(), 12, "{lang}");
        assert_eq!(select_all(&doc, "rect.chart-target").len(), 1, "{lang}");
        // No inline styles or scripts anywhere in the page.
        assert!(select_all(&doc, "[style]").is_empty(), "{lang}");
        assert!(select_all(&doc, "script:not([src])").is_empty(), "{lang}");
        // The table carries the same money, written as the language writes it: the
        // default stage weighs 10 %.
        let won_text = rapport_web::ui::money_text(lang, 300_000, "NOK");
        let weighted_text = rapport_web::ui::money_text(lang, 125_000, "NOK");
        let target_text = rapport_web::ui::money_text(lang, 500_000, "NOK");
        let table: String = select_all(&doc, "table.figures")[0].text().collect();
        for text in [&won_text, &weighted_text, &target_text] {
            assert!(table.contains(text.as_str()), "{lang}: {text} in {table}");
        }
        let titles: String = select_all(&doc, "rect.chart-won > title")
            .iter()
            .map(|t| t.text().collect::<String>())
            .collect();
        assert!(titles.contains(won_text.as_str()), "{lang}: {titles}");
        // Won of target: 3 000 of 5 000 is 60 %.
        assert!(table.contains("60"), "{lang}");
    }
    // Quarters and years draw fewer bars.
    let mut b = Browser::new(&t);
    b.sign_in_admin().await;
    let (status, html, _) = b.get("/forecast?period=quarter").await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    assert_eq!(select_all(&doc, "rect.chart-won").len(), 4);
}

async fn bad_filters(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, _) = signed_in(&t).await;
    let (status, html, _) = b
        .get("/forecast?from=2026-05-01&to=2026-04-01&period=week")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let doc = Html::parse_document(&html);
    for name in ["to", "period"] {
        let field = select_all(&doc, &format!("[name=\"{name}\"][aria-invalid=\"true\"]"));
        assert_eq!(field.len(), 1, "{name} is marked");
        let described = field[0].value().attr("aria-describedby").unwrap();
        let message: String = select_all(&doc, &format!("#{described}"))[0]
            .text()
            .collect();
        assert!(!message.trim().is_empty());
    }
    assert!(
        html.contains("must not be before the start of the range"),
        "{html}"
    );
    assert!(
        select_all(&doc, "svg")
            .iter()
            .all(|s| s.value().attr("role") != Some("img"))
    );
}

async fn targets_rows(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let other = rapport_app::auth::add_user(
        &t.app,
        &rapport_app::Ctx::system(),
        OTHER_EMAIL,
        "Ewa Nowak",
        Role::Agent,
        Some(OTHER_PASSWORD),
    )
    .await
    .unwrap();
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b.get("/settings/targets?year=2026&currency=EUR").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"target_month_0\""));
    let other_id = other.to_string();
    let form = |rows: &[(&str, &str, &str)]| {
        let mut f: Vec<(String, String)> = vec![
            ("_csrf".into(), csrf.clone()),
            ("year".into(), "2026".into()),
            ("currency".into(), "EUR".into()),
            ("target_rows".into(), rows.len().to_string()),
        ];
        for (i, (month, owner, amount)) in rows.iter().enumerate() {
            f.push((format!("target_month_{i}"), month.to_string()));
            f.push((format!("target_owner_{i}"), owner.to_string()));
            f.push((format!("target_amount_{i}"), amount.to_string()));
        }
        f
    };
    // A bad amount and a month of another year are shown on their rows; nothing is saved.
    let (status, html, _) = send_form(
        &mut b,
        "/settings/targets",
        form(&[
            ("2026-01", "", "12,000.50"),
            ("2026-02", &other_id, "lots"),
            ("2027-01", "", "5"),
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert_eq!(
        select_all(&doc, "[name=\"target_amount_1\"][aria-invalid=\"true\"]").len(),
        1
    );
    assert_eq!(
        select_all(&doc, "[name=\"target_month_2\"][aria-invalid=\"true\"]").len(),
        1
    );
    assert_eq!(
        select_all(&doc, "[name=\"target_amount_0\"][aria-invalid=\"true\"]").len(),
        0
    );
    assert_eq!(
        support::input_value(&html, "target_amount_1"),
        "lots",
        "kept as typed"
    );
    let read = get_json(
        &t,
        "/api/v1/sales-targets?from=2026-01&to=2026-12&currency=EUR",
    )
    .await;
    assert_eq!(read["targets"], json!([]));
    // The same owner twice in a month is refused on the second row.
    let (status, html, _) = send_form(
        &mut b,
        "/settings/targets",
        form(&[("2026-03", &other_id, "1"), ("2026-03", &other_id, "2")]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let doc = Html::parse_document(&html);
    assert_eq!(
        select_all(&doc, "[name=\"target_amount_1\"][aria-invalid=\"true\"]").len(),
        1
    );
    // Good rows are saved; money is read as the user's language writes it.
    let (status, _, location) = send_form(
        &mut b,
        "/settings/targets",
        form(&[("2026-01", "", "12,000.50"), ("2026-02", &other_id, "3000")]),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/settings/targets?year=2026"));
    let read = get_json(
        &t,
        "/api/v1/sales-targets?from=2026-01&to=2026-12&currency=EUR",
    )
    .await;
    assert_eq!(
        read["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (
                t["month"].clone(),
                t["owner_id"].clone(),
                t["amount"].clone()
            ))
            .collect::<Vec<_>>(),
        [
            (json!("2026-01"), Value::Null, json!(1_200_050)),
            (json!("2026-02"), json!(other_id), json!(300_000))
        ]
    );
    let (_, html, _) = b.get("/settings/targets?year=2026&currency=EUR").await;
    assert_eq!(support::input_value(&html, "target_amount_0"), "12,000.50");
    // An agent sees the targets but no form to change them.
    let mut agent = Browser::new(&t);
    agent.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
    let (status, html, _) = agent.get("/settings/targets?year=2026&currency=EUR").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("name=\"target_month_0\""));
    assert!(html.contains("12,000.50"), "{html}");
    let agent_csrf = agent.csrf().await;
    let request = agent
        .request(reqwest::Method::POST, "/settings/targets")
        .form(&[
            ("_csrf", agent_csrf.as_str()),
            ("year", "2026"),
            ("currency", "EUR"),
            ("target_rows", "0"),
        ]);
    let (status, _, _) = agent.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let read = get_json(
        &t,
        "/api/v1/sales-targets?from=2026-01&to=2026-12&currency=EUR",
    )
    .await;
    assert_eq!(
        read["targets"].as_array().unwrap().len(),
        2,
        "the refusal changed nothing"
    );
}

async fn deal_lines(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let product = t
        .create("products", json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25", "unit": "H87"}))
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b.get("/deals/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"line_product_0\""));
    let pid = id(&product);
    let base = vec![
        ("_csrf", csrf.as_str()),
        ("title", "Fit-out"),
        ("amount", "1 NOK"),
        ("line_rows", "3"),
        ("line_product_0", pid.as_str()),
        ("line_quantity_0", "2"),
        ("line_description_1", "Set-up"),
        ("line_quantity_1", "1.5"),
        ("line_discount_percent_1", "10"),
        ("line_tax_rate_1", "25"),
    ];
    // A price that cannot be read is shown under the lines, and the rows stay as typed.
    let mut bad = base.clone();
    bad.push(("line_unit_price_1", "a hundred"));
    let (status, html, _) = b.post("/deals/new", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Row 2"), "{html}");
    assert_eq!(
        support::input_value(&html, "line_unit_price_1"),
        "a hundred"
    );
    // The services' problem with a line names its row.
    let mut bad = base.clone();
    bad.push(("line_unit_price_1", "100"));
    bad[5] = ("line_quantity_0", "-2");
    let (status, html, _) = b.post("/deals/new", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Row 1"), "{html}");
    let mut good = base.clone();
    good.push(("line_unit_price_1", "100"));
    let (status, _, location) = b.post("/deals/new", &good).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    let deal_id = location.trim_start_matches("/deals/");
    let deal = get_json(&t, &format!("/api/v1/deals/{deal_id}")).await;
    assert_eq!(deal["amount"], 63_300);
    assert_eq!(deal["lines"].as_array().unwrap().len(), 2);
    // The deal's page lists the lines with their nets and the total.
    let (_, html, _) = b.get(&location).await;
    for text in [
        "Hop sampler",
        "Set-up",
        "NOK\u{a0}498.00",
        "NOK\u{a0}135.00",
        "NOK\u{a0}633.00",
    ] {
        assert!(html.contains(text), "{text} in {html}");
    }
    // Editing shows the saved rows; ticking Remove drops a line and the total follows.
    let (_, html, _) = b.get(&format!("{location}/edit")).await;
    assert_eq!(support::input_value(&html, "line_description_1"), "Set-up");
    let version = support::input_value(&html, "_version");
    let (pipeline, stage) = (
        deal["pipeline_id"].as_str().unwrap().to_string(),
        deal["stage"].as_str().unwrap().to_string(),
    );
    let form = [
        ("_csrf", csrf.as_str()),
        ("_version", version.as_str()),
        ("title", "Fit-out"),
        ("pipeline_id", pipeline.as_str()),
        ("stage", stage.as_str()),
        ("amount", "633.00 NOK"),
        ("line_rows", "2"),
        ("line_product_0", pid.as_str()),
        ("line_description_0", "Hop sampler"),
        ("line_quantity_0", "2"),
        ("line_unit_price_0", "249.00"),
        ("line_discount_percent_0", "0"),
        ("line_tax_rate_0", "25"),
        ("line_description_1", "Set-up"),
        ("line_quantity_1", "1.5"),
        ("line_unit_price_1", "100.00"),
        ("line_remove_1", "true"),
    ];
    let (status, html, _) = b.post(&format!("{location}/edit"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let deal = get_json(&t, &format!("/api/v1/deals/{deal_id}")).await;
    assert_eq!(deal["amount"], 49_800);
    assert_eq!(deal["lines"].as_array().unwrap().len(), 1);
}

async fn price_rows(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let hops = id(&t
        .create("products", json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25", "unit": "H87"}))
        .await);
    let malt = id(&t
        .create("products", json!({"name": "Malt sack", "unit_price": 59_000, "currency": "NOK", "tax_rate": "25", "unit": "KGM"}))
        .await);
    let list = t
        .create(
            "price-lists",
            json!({"name": "Retail", "currency": "NOK", "active": true}),
        )
        .await;
    let (mut b, csrf) = signed_in(&t).await;
    let path = format!("/settings/price-lists/{}/edit", id(&list));
    let (status, html, _) = b.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    let version = support::input_value(&html, "_version");
    let rows = |first: &str| {
        vec![
            ("_csrf", csrf.clone()),
            ("_version", version.clone()),
            ("name", "Retail".to_string()),
            ("currency", "NOK".to_string()),
            ("active", "true".to_string()),
            ("price_rows", "3".to_string()),
            ("price_product_0", hops.clone()),
            ("price_unit_price_0", first.to_string()),
            ("price_product_1", malt.clone()),
            ("price_unit_price_1", "550".to_string()),
        ]
    };
    let post = |b: &mut Browser<'_>, f: Vec<(&'static str, String)>| {
        b.request(reqwest::Method::POST, &path).form(&f)
    };
    // The same product twice is named inline, by its name.
    let mut twice = rows("199.50");
    twice.push(("price_product_2", hops.clone()));
    twice.push(("price_unit_price_2", "1".into()));
    let request = post(&mut b, twice);
    let (status, html, _) = b.send(request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Hop sampler has more than one price"),
        "{html}"
    );
    // A price that is not money is named too.
    let request = post(&mut b, rows("cheap"));
    let (status, html, _) = b.send(request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Row 1"), "{html}");
    let stored = get_json(&t, &format!("/api/v1/price-lists/{}", id(&list))).await;
    assert_eq!(stored["prices"], json!([]));
    let request = post(&mut b, rows("199.50"));
    let (status, html, _) = b.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let stored = get_json(&t, &format!("/api/v1/price-lists/{}", id(&list))).await;
    assert_eq!(
        stored["prices"],
        json!([{"product_id": hops, "unit_price": 19_950}, {"product_id": malt, "unit_price": 55_000}])
    );
    let (_, html, _) = b.get(&path).await;
    assert_eq!(support::input_value(&html, "price_unit_price_0"), "199.50");
}
