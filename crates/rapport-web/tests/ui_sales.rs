//! The sales pages over real HTTP on both backends: leads, the deals' board and its moves,
//! winning and losing, products, pipelines' stage rows, converting a lead with look-alikes,
//! and the deals panel of the customer page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use serde_json::{Value, json};
use support::{Browser, Sample};

on_both_backends! {
    every_sales_page_renders => every_sales_page_renders;
    lead_form_shows_errors_inline_and_saves => lead_form;
    product_prices_are_read_as_money => product_form;
    the_board_counts_sums_and_moves => board;
    a_stale_move_overwrites_nothing => stale_move;
    deals_are_won_and_lost_with_a_reason => won_and_lost;
    pipeline_stages_are_edited_as_rows => pipeline_rows;
    converting_a_lead_offers_its_look_alikes => convert_with_duplicates;
    convert_errors_show_under_their_fields => convert_errors;
    the_customer_page_shows_deals => deals_panel;
    a_full_column_shows_twenty_five_and_links_to_the_rest => full_column;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

async fn get_json(t: &TestApp, path: &str) -> Value {
    t.get(path).await.json().await.unwrap()
}

async fn first_pipeline(t: &TestApp) -> Value {
    get_json(t, "/api/v1/pipelines").await["items"][0].clone()
}

/// Whether the page marks a form field invalid and names its problem.
fn invalid(html: &str, field: &str) -> bool {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(&format!("[name=\"{field}\"][aria-invalid=\"true\"]")).unwrap();
    let Some(input) = doc.select(&sel).next() else {
        return false;
    };
    let Some(described) = input.value().attr("aria-describedby") else {
        return false;
    };
    let message = Selector::parse(&format!("#{described}")).unwrap();
    doc.select(&message)
        .next()
        .is_some_and(|m| !m.text().collect::<String>().trim().is_empty())
}

async fn signed_in(t: &TestApp) -> (Browser<'_>, String) {
    let mut b = Browser::new(t);
    b.sign_in_admin().await;
    let csrf = b.csrf().await;
    (b, csrf)
}

async fn every_sales_page_renders(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let sample = Sample::create(&t).await;
    let (mut b, _) = signed_in(&t).await;
    let pages: Vec<(String, &str)> = vec![
        ("/leads".into(), "Ola Berg"),
        (format!("/leads/{}", sample.lead), "ola@berg.example"),
        (format!("/leads/{}/edit", sample.lead), "Ola"),
        (format!("/leads/{}/convert", sample.lead), "Berg Bakeri"),
        (format!("/leads/{}/history", sample.lead), "Ola"),
        ("/leads/new".into(), "New lead"),
        ("/deals".into(), "Brewing kit"),
        ("/deals?view=list".into(), "Brewing kit"),
        (format!("/deals/{}", sample.deal), "Bergen Bryggeri"),
        (format!("/deals/{}/edit", sample.deal), "Brewing kit"),
        (format!("/deals/{}/history", sample.deal), "Brewing kit"),
        ("/deals/new".into(), "New deal"),
        ("/products".into(), "Hop sampler"),
        (format!("/products/{}/edit", sample.product), "Hop sampler"),
        ("/products/new".into(), "Unit price"),
        ("/settings".into(), "Pipelines"),
        ("/settings/pipelines".into(), "Sales"),
        (
            format!("/settings/pipelines/{}/edit", sample.pipeline),
            "Meeting booked",
        ),
        ("/settings/pipelines/new".into(), "Stages"),
        ("/settings/price-lists".into(), "Retail"),
        ("/settings/price-lists/new".into(), "Currency"),
    ];
    for (page, expected) in pages {
        let (status, html, _) = b.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains(expected), "{page} shows {expected}: {html}");
    }
    let (_, html, _) = b.get("/contacts").await;
    for label in ["Leads", "Deals", "Products"] {
        assert!(
            html.contains(&format!(">{label}</a>")),
            "the navigation has {label}"
        );
    }
    // The lists filter by status and by being active.
    let (_, html, _) = b.get("/leads?filter[status][eq]=qualified").await;
    assert!(
        !html.contains("Ola Berg"),
        "a new lead is not a qualified one"
    );
    let (_, html, _) = b.get("/leads?filter[status][eq]=new").await;
    assert!(html.contains("Ola Berg"));
    let (_, html, _) = b.get("/products?filter[active][eq]=false").await;
    assert!(
        !html.contains("Hop sampler"),
        "an active product is not archived"
    );
    let (status, csv, _) = b.get("/deals/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.contains("Brewing kit"), "{csv}");
}

async fn lead_form(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            "/leads/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Kari"),
                ("email", "not an email"),
                ("score", "lots"),
                ("source", "referral"),
                ("status", "new"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "score"), "{html}");
    let (status, html, _) = b
        .post(
            "/leads/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Kari"),
                ("email", "not an email"),
                ("score", "101"),
                ("source", "referral"),
                ("status", "new"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "email"), "{html}");
    assert!(invalid(&html, "score"), "{html}");
    assert!(html.contains("value=\"Kari\""), "what was typed stays");
    let (status, _, location) = b
        .post(
            "/leads/new",
            &[
                ("_csrf", &csrf),
                ("first_name", "Kari"),
                ("last_name", "Nordmann"),
                ("email", "kari@example.no"),
                ("score", "72"),
                ("source", "referral"),
                ("status", "contacted"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    let lead_id = location.trim_start_matches("/leads/");
    let lead = get_json(&t, &format!("/api/v1/leads/{lead_id}")).await;
    assert_eq!(lead["score"], 72);
    assert_eq!(lead["status"], "contacted");
    assert_eq!(lead["source"], "referral");
    let (_, html, _) = b.get("/leads").await;
    assert!(
        html.contains("Kari Nordmann") && html.contains("Referral"),
        "{html}"
    );
}

async fn product_form(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            "/products/new",
            &[
                ("_csrf", &csrf),
                ("name", "Tap handle"),
                ("unit_price", "12,3,4 EUR"),
                ("tax_rate", "25"),
                ("unit", "H87"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "unit_price"), "{html}");
    b.lang = "de";
    let (status, _, _) = b
        .post(
            "/products/new",
            &[
                ("_csrf", &csrf),
                ("name", "Tap handle"),
                ("code", "TH-1"),
                ("unit_price", "1.234,50 EUR"),
                ("tax_rate", "19"),
                ("unit", "HUR"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = get_json(&t, "/api/v1/products").await;
    let product = &page["items"][0];
    assert_eq!(product["unit_price"], 123_450);
    assert_eq!(product["currency"], "EUR");
    assert_eq!(product["unit"], "HUR");
    let (_, html, _) = b.get("/products").await;
    assert!(html.contains("1.234,50\u{a0}€"), "German money: {html}");
    assert!(html.contains("Stunde"), "the unit's German name: {html}");
    let (_, html, _) = b.get(&format!("/products/{}/edit", id(product))).await;
    assert!(html.contains("value=\"1.234,50 EUR\""), "{html}");
}

async fn deal(t: &TestApp, pipeline: &str, stage: &str, amount: i64, currency: &str) -> Value {
    t.create(
        "deals",
        json!({"title": format!("Deal {amount}"), "pipeline_id": pipeline, "stage": stage,
               "amount": amount, "currency": currency}),
    )
    .await
}

fn column<'a>(doc: &'a Html, stage: &str) -> scraper::ElementRef<'a> {
    let sel = Selector::parse(&format!("section.board-column[data-stage=\"{stage}\"]")).unwrap();
    doc.select(&sel).next().unwrap()
}

fn text_of(el: scraper::ElementRef) -> String {
    el.text().collect()
}

async fn board(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let pipeline = first_pipeline(&t).await;
    let pid = id(&pipeline);
    let amounts = [15_000, 250_075, 9900];
    let mut ids = Vec::new();
    for a in amounts {
        ids.push(id(&deal(&t, &pid, "meeting", a, "EUR").await));
    }
    deal(&t, &pid, "proposal", 1000, "EUR").await;
    let won = deal(&t, &pid, "meeting", 99_900, "EUR").await;
    t.patch(
        &format!("/api/v1/deals/{}", id(&won)),
        &json!({"status": "won"}),
        None,
    )
    .await;
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b.get(&format!("/deals?pipeline={pid}")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = Html::parse_document(&html);
    let meeting = text_of(column(&doc, "meeting"));
    let sum: i64 = amounts.iter().sum();
    let expected_sum = format!("€{}", format_en(sum));
    assert!(meeting.contains("3 deals"), "{meeting}");
    assert!(
        meeting.contains(&expected_sum),
        "{expected_sum} in {meeting}"
    );
    assert!(
        !meeting.contains("Deal 99900"),
        "a won deal leaves the board"
    );
    assert!(text_of(column(&doc, "proposal")).contains("One deal"));

    // Moving by the card's own form, as the keyboard and the script both do.
    let moved = &ids[0];
    let version = get_json(&t, &format!("/api/v1/deals/{moved}")).await["version"].clone();
    let (status, _, location) = b
        .post(
            &format!("/deals/{moved}/move"),
            &[
                ("_csrf", &csrf),
                ("_version", &version.to_string()),
                ("pipeline", &pid),
                ("stage", "proposal"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location
            .unwrap()
            .starts_with(&format!("/deals?pipeline={pid}"))
    );
    let after = get_json(&t, &format!("/api/v1/deals/{moved}")).await;
    assert_eq!(after["stage"], "proposal");
    let (_, html, _) = b.get(&format!("/deals?pipeline={pid}")).await;
    let doc = Html::parse_document(&html);
    assert!(text_of(column(&doc, "meeting")).contains("2 deals"));
    assert!(text_of(column(&doc, "proposal")).contains("2 deals"));

    // A stage the pipeline does not have is refused with a message.
    let version = after["version"].to_string();
    let (status, html, _) = b
        .post(
            &format!("/deals/{moved}/move"),
            &[
                ("_csrf", &csrf),
                ("_version", &version),
                ("pipeline", &pid),
                ("stage", "nowhere"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("role=\"alert\""));
    assert_eq!(
        get_json(&t, &format!("/api/v1/deals/{moved}")).await["stage"],
        "proposal"
    );
}

/// An amount in minor units as English writes euros: `2,749.75`.
fn format_en(minor: i64) -> String {
    let whole = (minor / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", minor % 100)
}

async fn stale_move(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let pid = id(&first_pipeline(&t).await);
    let d = deal(&t, &pid, "meeting", 50_000, "NOK").await;
    let did = id(&d);
    let shown_version = d["version"].to_string();
    // Someone else changes the deal after the board was drawn.
    let r = t
        .patch(
            &format!("/api/v1/deals/{did}"),
            &json!({"title": "Renamed"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            &format!("/deals/{did}/move"),
            &[
                ("_csrf", &csrf),
                ("_version", &shown_version),
                ("pipeline", &pid),
                ("stage", "negotiation"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("changed since the board was shown"), "{html}");
    let now = get_json(&t, &format!("/api/v1/deals/{did}")).await;
    assert_eq!(now["stage"], "meeting", "the stale move changed nothing");
    assert_eq!(now["title"], "Renamed", "the other change stands");
}

async fn won_and_lost(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let pid = id(&first_pipeline(&t).await);
    let (mut b, csrf) = signed_in(&t).await;
    let lost = deal(&t, &pid, "meeting", 100, "EUR").await;
    let path = format!("/deals/{}/close", id(&lost));
    let version = lost["version"].to_string();
    let (status, html, _) = b
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("_version", &version),
                ("status", "lost"),
                ("lost_reason", " "),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Say why the deal was lost."), "{html}");
    let (status, _, _) = b
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("_version", &version),
                ("status", "lost"),
                ("lost_reason", "Chose a cheaper brewer"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after = get_json(&t, &format!("/api/v1/deals/{}", id(&lost))).await;
    assert_eq!(after["status"], "lost");
    assert_eq!(after["lost_reason"], "Chose a cheaper brewer");
    assert!(after["closed_at"].is_string());

    let won = deal(&t, &pid, "meeting", 200, "EUR").await;
    let (status, _, _) = b
        .post(
            &format!("/deals/{}/close", id(&won)),
            &[
                ("_csrf", &csrf),
                ("_version", &won["version"].to_string()),
                ("status", "won"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html, _) = b.get(&format!("/deals/{}", id(&won))).await;
    assert!(
        html.contains("Won") && !html.contains("Mark as won"),
        "{html}"
    );
}

async fn pipeline_rows(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (mut b, csrf) = signed_in(&t).await;
    // A row without any text is not a stage; an empty key is made from the name.
    let form = [
        ("_csrf", csrf.as_str()),
        ("name", "Renewals"),
        ("position", "1"),
        ("stage_rows", "4"),
        ("stage_order_0", "1"),
        ("stage_key_0", "notice"),
        ("stage_name_0", "Notice sent"),
        ("stage_probability_0", "20"),
        ("stage_order_1", "2"),
        ("stage_key_1", ""),
        ("stage_name_1", "Offer made"),
        ("stage_probability_1", "60"),
        ("stage_order_2", "3"),
        ("stage_order_3", "4"),
    ];
    let (status, _, _) = b.post("/settings/pipelines/new", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let pipelines = get_json(&t, "/api/v1/pipelines").await;
    let renewals = pipelines["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Renewals")
        .unwrap()
        .clone();
    let keys = |p: &Value| -> Vec<String> {
        p["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(&renewals), ["notice", "offer_made"]);
    // Reordering and removing in one save: the second row goes first, the first goes.
    let rid = id(&renewals);
    let (_, html, _) = b.get(&format!("/settings/pipelines/{rid}/edit")).await;
    let version = support::input_value(&html, "_version");
    let form = [
        ("_csrf", csrf.as_str()),
        ("_version", version.as_str()),
        ("name", "Renewals"),
        ("position", "1"),
        ("stage_rows", "4"),
        ("stage_order_0", "2"),
        ("stage_key_0", "notice"),
        ("stage_name_0", "Notice sent"),
        ("stage_probability_0", "20"),
        ("stage_remove_0", "true"),
        ("stage_order_1", "1"),
        ("stage_key_1", "offer_made"),
        ("stage_name_1", "Offer made"),
        ("stage_probability_1", "60"),
        ("stage_order_2", "0"),
        ("stage_key_2", "signed"),
        ("stage_name_2", "Signed"),
        ("stage_probability_2", "95"),
    ];
    let (status, _, _) = b
        .post(&format!("/settings/pipelines/{rid}/edit"), &form)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after = get_json(&t, &format!("/api/v1/pipelines/{rid}")).await;
    assert_eq!(keys(&after), ["signed", "offer_made"]);
    // A probability that is not a number is shown under the stages.
    let form = [
        ("_csrf", csrf.as_str()),
        ("name", "Broken"),
        ("stage_rows", "1"),
        ("stage_key_0", "a"),
        ("stage_name_0", "A"),
        ("stage_probability_0", "most"),
    ];
    let (status, html, _) = b.post("/settings/pipelines/new", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("A probability is a whole number"), "{html}");
    assert!(
        html.contains("value=\"most\""),
        "the rows come back as typed"
    );
}

async fn convert_with_duplicates(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let existing = t
        .create(
            "contacts",
            json!({"first_name": "Per", "last_name": "Hansen", "email": "per@fjord.example"}),
        )
        .await;
    let lead = t
        .create(
            "leads",
            json!({"first_name": "Per", "last_name": "Hansen", "email": "per@fjord.example"}),
        )
        .await;
    let lid = id(&lead);
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b.get(&format!("/leads/{lid}/convert")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("value=\"{}\"", id(&existing))),
        "{html}"
    );
    assert!(html.contains("same email"), "{html}");

    // Sent without having seen the look-alikes (as if they appeared meanwhile): shown again.
    let (status, html, _) = b
        .post(
            &format!("/leads/{lid}/convert"),
            &[("_csrf", &csrf), ("contact", "new"), ("deal", "none")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("Records like these exist already"), "{html}");
    assert!(html.contains(&format!("value=\"{}\"", id(&existing))));
    assert_eq!(
        get_json(&t, &format!("/api/v1/leads/{lid}")).await["status"],
        "new"
    );

    // Linking to the existing contact, with a deal.
    let (status, _, location) = b
        .post(
            &format!("/leads/{lid}/convert"),
            &[
                ("_csrf", &csrf),
                ("reviewed", "true"),
                ("contact", &id(&existing)),
                ("deal", "deal"),
                ("deal_title", "Fjord tour"),
                ("amount", "4,000.00 NOK"),
                ("stage", "proposal"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.unwrap(), format!("/contacts/{}", id(&existing)));
    let after = get_json(&t, &format!("/api/v1/leads/{lid}")).await;
    assert_eq!(after["status"], "converted");
    assert_eq!(after["contact_id"], existing["id"]);
    let deal = get_json(
        &t,
        &format!("/api/v1/deals/{}", after["deal_id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(deal["title"], "Fjord tour");
    assert_eq!(deal["amount"], 400_000);
    assert_eq!(deal["stage"], "proposal");
    // A converted lead offers no conversion any more.
    let (_, html, _) = b.get(&format!("/leads/{lid}")).await;
    assert!(!html.contains("/convert\""), "{html}");
    assert!(html.contains(&format!("/contacts/{}", id(&existing))));

    // Creating new despite a look-alike, once it was shown.
    let second = t
        .create(
            "leads",
            json!({"last_name": "Hansen", "email": "per@fjord.example"}),
        )
        .await;
    let (status, _, location) = b
        .post(
            &format!("/leads/{}/convert", id(&second)),
            &[
                ("_csrf", &csrf),
                ("reviewed", "true"),
                ("contact", "new"),
                ("deal", "none"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let contact = location.unwrap();
    assert_ne!(contact, format!("/contacts/{}", id(&existing)));
    let (status, _, _) = b.get(&contact).await;
    assert_eq!(status, StatusCode::OK);
}

async fn convert_errors(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let lead = t
        .create(
            "leads",
            json!({"first_name": "Unni", "company_name": "Unni Sko"}),
        )
        .await;
    let lid = id(&lead);
    let (mut b, csrf) = signed_in(&t).await;
    let (status, html, _) = b
        .post(
            &format!("/leads/{lid}/convert"),
            &[("_csrf", &csrf), ("deal", "deal"), ("amount", "plenty")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "amount"), "{html}");
    let (status, html, _) = b
        .post(
            &format!("/leads/{lid}/convert"),
            &[
                ("_csrf", &csrf),
                ("deal", "deal"),
                ("stage", "nowhere"),
                ("expected_close", "soon"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid(&html, "expected_close"), "{html}");
    assert_eq!(
        get_json(&t, &format!("/api/v1/leads/{lid}")).await["status"],
        "new"
    );
}

async fn deals_panel(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let sample = Sample::create(&t).await;
    let pid = sample.pipeline.to_string();
    for (amount, status) in [(30_000, "won"), (20_000, "won"), (5000, "lost")] {
        let d = t
            .create(
                "deals",
                json!({"title": format!("Closed {amount}"), "pipeline_id": pid,
                       "amount": amount, "currency": "NOK", "company_id": sample.company}),
            )
            .await;
        let mut change = json!({"status": status});
        if status == "lost" {
            change["lost_reason"] = json!("Budget");
        }
        let r = t
            .patch(&format!("/api/v1/deals/{}", id(&d)), &change, None)
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let (mut b, _) = signed_in(&t).await;
    let (_, html, _) = b.get(&format!("/companies/{}", sample.company)).await;
    let doc = Html::parse_document(&html);
    let panel = doc
        .select(&Selector::parse("section[aria-labelledby=\"panel-deals\"]").unwrap())
        .next()
        .expect("a deals panel");
    let text = text_of(panel);
    assert!(text.contains("Brewing kit"), "the open deal: {text}");
    assert!(
        !text.contains("Closed 300"),
        "closed deals are only counted: {text}"
    );
    assert!(text.contains("Won: 2 deals"), "{text}");
    assert!(text.contains("Lost: One deal"), "{text}");
    assert!(text.contains("500.00"), "the won sum: {text}");
    let (_, html, _) = b.get(&format!("/contacts/{}", sample.contact)).await;
    assert!(html.contains("Brewing kit"), "the contact's deal");
}

async fn full_column(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let pid = id(&first_pipeline(&t).await);
    let many = 28;
    for n in 0..many {
        deal(&t, &pid, "commitment", 100 + n, "EUR").await;
    }
    let (mut b, _) = signed_in(&t).await;
    let (_, html, _) = b.get("/deals").await;
    let doc = Html::parse_document(&html);
    let col = column(&doc, "commitment");
    let cards = col.select(&Selector::parse(".board-card").unwrap()).count();
    assert_eq!(cards, 25, "a column shows twenty-five cards");
    let sum: i64 = (0..many).map(|n| 100 + n).sum();
    let shown = text_of(col);
    assert!(shown.contains(&format!("{many} deals")), "{shown}");
    assert!(
        shown.contains(&format!("€{}", format_en(sum))),
        "the sum of all: {shown}"
    );
    let more = col
        .select(&Selector::parse("a[href*=\"filter%5Bstage%5D=commitment\"]").unwrap())
        .next()
        .expect("a link to the rest");
    let href = more.value().attr("href").unwrap().replace("&amp;", "&");
    let (status, html, _) = b.get(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Deal 127"),
        "the list holds the stage's deals"
    );
    assert!(!text_of(column(&doc, "qualified")).contains("Show all"));
}
