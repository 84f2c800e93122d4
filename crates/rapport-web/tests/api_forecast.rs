//! The forecast, sales targets and deal line items over the API; on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::policy::Role;
use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use time::Date;

on_both_backends! {
    the_forecast_adds_up_what_the_caller_sees => forecast_sums;
    a_range_counts_only_its_own_days => ragged_ranges;
    bad_forecast_parameters_are_named => bad_parameters;
    managers_set_targets_and_everyone_reads_them => targets_permissions;
    targets_refuse_bad_rows => bad_targets;
    a_deal_with_lines_is_worth_their_net_total => deal_lines;
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// The field names an error response lists.
async fn error_fields(r: reqwest::Response) -> Vec<String> {
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let body: Value = r.json().await.unwrap();
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// Today, the first day of this month and the last day of the next (in UTC).
fn range() -> (Date, Date, Date) {
    let today = rapport_core::clock::now().date();
    let first = today.replace_day(1).unwrap();
    let next = rapport_core::forecast::Month::of(today).next();
    (today, first, next.last_day().unwrap())
}

fn month(d: Date) -> String {
    rapport_core::forecast::Month::of(d).to_string()
}

fn next_month(d: Date) -> String {
    rapport_core::forecast::Month::of(d).next().to_string()
}

async fn forecast(t: &TestApp, token: &str, query: &str) -> Value {
    let r = t
        .request(Method::GET, &format!("/api/v1/forecast?{query}"), token)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn put_targets(t: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    t.request(Method::PUT, "/api/v1/sales-targets", token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn forecast_sums(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent_id, agent) = t.user("agent@example.com", Role::Agent).await;
    let (manager_id, _) = t.user("manager@example.com", Role::Manager).await;
    let (today, first, last) = range();
    let this = today.to_string();
    let next = rapport_core::forecast::Month::of(today)
        .next()
        .first_day()
        .unwrap()
        .to_string();
    let pipelines: Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    let sales = id(&pipelines["items"][0]);
    let other = id(&t
        .create(
            "pipelines",
            json!({"name": "Renewals", "position": 1, "stages": [{"key": "due", "name": "Due", "probability": 60}]}),
        )
        .await);
    let deal = |title: &str, extra: Value| {
        let mut body = json!({"title": title, "currency": "EUR"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    // The agent's deals: at 10 % and at 50 %, and one won this month.
    t.create("deals", deal("Ten", json!({"pipeline_id": sales, "stage": "qualified", "amount": 10_000, "expected_close": this, "owner_id": agent_id}))).await;
    t.create("deals", deal("Half", json!({"pipeline_id": sales, "stage": "proposal", "amount": 333, "expected_close": this, "owner_id": agent_id}))).await;
    let won = t.create("deals", deal("Won", json!({"pipeline_id": sales, "amount": 50_000, "expected_close": this, "owner_id": agent_id}))).await;
    let r = t
        .patch(
            &format!("/api/v1/deals/{}", id(&won)),
            &json!({"status": "won"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // The admin's deal next month sets its own probability over its stage's 75 %.
    t.create("deals", deal("Own chance", json!({"pipeline_id": sales, "stage": "negotiation", "probability": 20, "amount": 1_001, "expected_close": next, "owner_id": t.admin_id}))).await;
    // The manager's deal in the other pipeline: the agent may not see it.
    t.create("deals", deal("Renewal", json!({"pipeline_id": other, "amount": 7_000, "expected_close": this, "owner_id": manager_id}))).await;
    // Another currency, a lost deal, a deleted one and one outside the range count for nothing.
    t.create("deals", json!({"title": "Kroner", "pipeline_id": sales, "amount": 99_999, "currency": "NOK", "expected_close": this, "owner_id": agent_id})).await;
    let lost = t
        .create(
            "deals",
            deal(
                "Lost",
                json!({"pipeline_id": sales, "amount": 40_000, "expected_close": this}),
            ),
        )
        .await;
    t.patch(
        &format!("/api/v1/deals/{}", id(&lost)),
        &json!({"status": "lost", "lost_reason": "price"}),
        None,
    )
    .await;
    let gone = t
        .create(
            "deals",
            deal(
                "Gone",
                json!({"pipeline_id": sales, "amount": 40_000, "expected_close": this}),
            ),
        )
        .await;
    assert_eq!(
        t.delete(&format!("/api/v1/deals/{}", id(&gone)))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    t.create("deals", deal("Later", json!({"pipeline_id": sales, "amount": 40_000, "expected_close": format!("{}-06-30", today.year() + 3)}))).await;

    let query = format!("period=month&from={first}&to={last}");
    let f = forecast(&t, &t.token, &query).await;
    assert_eq!(f["currency"], "EUR");
    assert_eq!(f["currency_source"], "most_used");
    assert_eq!(
        f["other_currencies"],
        json!([{"currency": "NOK", "open_count": 1, "won_count": 0}])
    );
    let periods = f["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0]["period"], month(today));
    assert_eq!(periods[1]["period"], next_month(today));
    // 10 000 × 10 % + 333 × 50 % + 7 000 × 60 % = 5 366.5, rounded half away from zero.
    assert_eq!(periods[0]["open_count"], 3);
    assert_eq!(periods[0]["open_amount"], 17_333);
    assert_eq!(periods[0]["weighted_amount"], 5_367);
    assert_eq!(periods[0]["won_count"], 1);
    assert_eq!(periods[0]["won_amount"], 50_000);
    assert_eq!(periods[0]["target"], Value::Null);
    // 1 001 × 20 % = 200.2.
    assert_eq!(periods[1]["open_amount"], 1_001);
    assert_eq!(periods[1]["weighted_amount"], 200);
    assert_eq!(periods[1]["won_amount"], 0);
    // The total is rounded once from its exact sum: 5 366.5 + 200.2 = 5 566.7.
    assert_eq!(f["total"]["open_amount"], 18_334);
    assert_eq!(f["total"]["weighted_amount"], 5_567);
    assert_eq!(f["total"]["won_amount"], 50_000);
    let by_pipeline = f["by_pipeline"].as_array().unwrap();
    let renewals = by_pipeline
        .iter()
        .find(|p| p["pipeline_id"] == other)
        .unwrap();
    assert_eq!(renewals["name"], "Renewals");
    assert_eq!(renewals["weighted_amount"], 4_200);
    let owner = |f: &Value, who: &str| {
        f["by_owner"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["owner_id"] == who)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let agents = owner(&f, &agent_id.to_string());
    assert_eq!(agents["open_amount"], 10_333);
    assert_eq!(agents["weighted_amount"], 1_167);
    assert_eq!(agents["won_amount"], 50_000);

    // The agent sees their own deals only: not the manager's nor the admin's.
    let f = forecast(&t, &agent, &query).await;
    assert_eq!(f["total"]["open_count"], 2);
    assert_eq!(f["total"]["open_amount"], 10_333);
    assert_eq!(f["total"]["weighted_amount"], 1_167);
    assert_eq!(f["total"]["won_amount"], 50_000);
    assert!(owner(&f, &manager_id.to_string()).is_null());

    // One pipeline, one owner, another currency, a quarter.
    let f = forecast(&t, &t.token, &format!("{query}&pipeline_id={other}")).await;
    assert_eq!(f["total"]["open_amount"], 7_000);
    let f = forecast(&t, &t.token, &format!("{query}&owner_id={}", t.admin_id)).await;
    assert_eq!(f["total"]["open_amount"], 1_001);
    assert_eq!(f["by_owner"].as_array().unwrap().len(), 1);
    let f = forecast(&t, &t.token, &format!("{query}&currency=NOK")).await;
    assert_eq!(f["currency_source"], "given");
    assert_eq!(f["total"]["open_amount"], 99_999);
    let f = forecast(&t, &t.token, &format!("period=year&from={first}&to={last}")).await;
    assert!(f["periods"].as_array().unwrap().len() <= 2);
    assert_eq!(f["total"]["weighted_amount"], 5_567);

    // Targets: the team's this month, and the agent's both months.
    let body = json!({"currency": "EUR", "from": month(today), "to": next_month(today), "targets": [
        {"month": month(today), "amount": 100_000},
        {"month": month(today), "owner_id": agent_id, "amount": 40_000},
        {"month": next_month(today), "owner_id": agent_id, "amount": 10_000}
    ]});
    assert_eq!(
        put_targets(&t, &t.token, &body).await.status(),
        StatusCode::OK
    );
    let f = forecast(&t, &t.token, &query).await;
    let periods = f["periods"].as_array().unwrap();
    // The team's target where set, else the owners' added up.
    assert_eq!(periods[0]["target"], 100_000);
    assert_eq!(periods[1]["target"], 10_000);
    assert_eq!(f["total"]["target"], 110_000);
    assert_eq!(owner(&f, &agent_id.to_string())["target"], 50_000);
    let f = forecast(&t, &t.token, &format!("{query}&owner_id={agent_id}")).await;
    assert_eq!(f["periods"][0]["target"], 40_000);
    assert_eq!(f["total"]["target"], 50_000);

    // With no parameters at all the forecast is of this year by month.
    let f = forecast(&t, &t.token, "").await;
    assert_eq!(f["period"], "month");
    assert_eq!(f["periods"].as_array().unwrap().len(), 12);
    assert_eq!(f["from"], format!("{}-01-01", today.year()));
}

/// Whole months are read from the sums the database keeps and the other days from the
/// deals; a range that starts or ends within a month counts exactly its own days.
async fn ragged_ranges(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let year = rapport_core::clock::now().year() + 1;
    let pipelines: Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    let sales = id(&pipelines["items"][0]);
    for (day, amount) in [
        ("03-10", 1),
        ("03-20", 10),
        ("04-15", 100),
        ("05-05", 1_000),
    ] {
        t.create(
            "deals",
            json!({"title": format!("Due {day}"), "pipeline_id": sales, "currency": "EUR",
                "amount": amount, "expected_close": format!("{year}-{day}")}),
        )
        .await;
    }
    for (from, to, open) in [
        ("03-15", "05-04", 110),
        ("03-01", "04-30", 111),
        ("03-10", "03-10", 1),
        ("03-11", "03-19", 0),
        ("04-01", "05-05", 1_100),
        ("03-20", "04-15", 110),
        ("02-28", "05-31", 1_111),
    ] {
        let query = format!("period=month&from={year}-{from}&to={year}-{to}&currency=EUR");
        let f = forecast(&t, &t.token, &query).await;
        assert_eq!(f["total"]["open_amount"], open, "{from} to {to}");
        let by_period: i64 = f["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["open_amount"].as_i64().unwrap())
            .sum();
        assert_eq!(by_period, open, "{from} to {to}");
    }

    // A deal won today counts on today's date and not the day after.
    let won = t
        .create(
            "deals",
            json!({"title": "Signed", "pipeline_id": sales, "currency": "EUR", "amount": 7}),
        )
        .await;
    let r = t
        .patch(
            &format!("/api/v1/deals/{}", id(&won)),
            &json!({"status": "won"}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let today = rapport_core::clock::now().date();
    let tomorrow = today.next_day().unwrap();
    let f = forecast(
        &t,
        &t.token,
        &format!("from={today}&to={today}&currency=EUR"),
    )
    .await;
    assert_eq!(f["total"]["won_amount"], 7);
    let f = forecast(
        &t,
        &t.token,
        &format!("from={tomorrow}&to={tomorrow}&currency=EUR"),
    )
    .await;
    assert_eq!(f["total"]["won_amount"], 0);
    let (first, last) = (
        today.replace_day(1).unwrap(),
        rapport_core::forecast::Month::of(today).last_day().unwrap(),
    );
    let f = forecast(
        &t,
        &t.token,
        &format!("from={first}&to={last}&currency=EUR"),
    )
    .await;
    assert_eq!(f["total"]["won_amount"], 7);
}

async fn bad_parameters(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    for (query, field) in [
        ("period=week", "period"),
        ("from=2026-13-01", "from"),
        ("to=yesterday", "to"),
        ("from=2026-05-01&to=2026-04-30", "to"),
        ("from=2026-01-01&to=2036-01-01", "to"),
        ("pipeline_id=abc", "pipeline_id"),
        ("owner_id=1", "owner_id"),
        ("currency=euro", "currency"),
        ("colour=red", "colour"),
    ] {
        let r = t.get(&format!("/api/v1/forecast?{query}")).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(error_fields(r).await, [field], "{query}");
    }
    // Ten whole years are fine.
    let r = t
        .get("/api/v1/forecast?period=quarter&from=2026-01-01&to=2035-12-31")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["periods"].as_array().unwrap().len(), 40);
    // A range without deals is of the default currency.
    assert_eq!(body["currency"], "EUR");
    assert_eq!(body["currency_source"], "default");
    let r = t.get("/api/v1/sales-targets?from=2026-1").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_fields(r).await, ["from"]);
    // Without a token there is nothing to see.
    let r = t
        .client
        .get(t.url("/api/v1/forecast"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

async fn targets_permissions(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent_id, agent) = t.user("agent@example.com", Role::Agent).await;
    let (_, manager) = t.user("manager@example.com", Role::Manager).await;
    let (_, viewer) = t.user("viewer@example.com", Role::Viewer).await;
    let body = json!({"currency": "NOK", "from": "2026-01", "to": "2026-12", "targets": [
        {"month": "2026-03", "amount": 500_000},
        {"month": "2026-03", "owner_id": agent_id, "amount": 200_000}
    ]});
    for token in [&agent, &viewer] {
        let r = put_targets(&t, token, &body).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let r = t
        .get("/api/v1/sales-targets?from=2026-01&to=2026-12&currency=NOK")
        .await;
    let read: Value = r.json().await.unwrap();
    assert_eq!(
        read["targets"],
        json!([]),
        "a refused write changed nothing"
    );

    let r = put_targets(&t, &manager, &body).await;
    assert_eq!(r.status(), StatusCode::OK);
    let saved: Value = r.json().await.unwrap();
    assert_eq!(saved["targets"].as_array().unwrap().len(), 2);
    assert_eq!(
        saved["targets"][0]["owner_id"],
        Value::Null,
        "the team's first"
    );
    assert_eq!(saved["targets"][0]["amount"], 500_000);
    for token in [&agent, &viewer] {
        let r = t
            .request(
                Method::GET,
                "/api/v1/sales-targets?from=2026-01&to=2026-12&currency=NOK",
                token,
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let read: Value = r.json().await.unwrap();
        assert_eq!(read["targets"], saved["targets"]);
    }
    // Another currency is a set of its own.
    let r = t
        .get("/api/v1/sales-targets?from=2026-01&to=2026-12&currency=EUR")
        .await;
    let read: Value = r.json().await.unwrap();
    assert_eq!(read["targets"], json!([]));
    // Replacing the range drops what it leaves out; months outside it stay.
    let outside = json!({"currency": "NOK", "from": "2027-01", "to": "2027-01", "targets": [{"month": "2027-01", "amount": 1}]});
    assert_eq!(
        put_targets(&t, &t.token, &outside).await.status(),
        StatusCode::OK
    );
    let fewer = json!({"currency": "NOK", "from": "2026-01", "to": "2026-12", "targets": [{"month": "2026-04", "amount": 7}]});
    assert_eq!(
        put_targets(&t, &t.token, &fewer).await.status(),
        StatusCode::OK
    );
    let r = t
        .get("/api/v1/sales-targets?from=2026-01&to=2027-12&currency=NOK")
        .await;
    let read: Value = r.json().await.unwrap();
    let months: Vec<&str> = read["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2026-04", "2027-01"]);
    assert_eq!(read["targets"][0]["updated_by"], t.admin_id.to_string());
}

async fn bad_targets(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let (agent_id, _) = t.user("agent@example.com", Role::Agent).await;
    let put = |targets: Value| json!({"currency": "EUR", "from": "2026-01", "to": "2026-06", "targets": targets});
    for (body, field) in [
        (
            put(json!([{"month": "2026-02", "amount": -1}])),
            "targets[0].amount",
        ),
        (
            put(json!([{"month": "2026-07", "amount": 1}])),
            "targets[0].month",
        ),
        (
            put(json!([{"month": "2026-2", "amount": 1}])),
            "targets[0].month",
        ),
        (put(json!([{"month": "2026-02"}])), "targets[0].amount"),
        (
            put(json!([{"month": "2026-02", "amount": 1, "colour": "red"}])),
            "targets[0].colour",
        ),
        (
            put(
                json!([{"month": "2026-02", "owner_id": agent_id, "amount": 1}, {"month": "2026-02", "owner_id": agent_id, "amount": 2}]),
            ),
            "targets[1].month",
        ),
        (
            put(
                json!([{"month": "2026-02", "owner_id": "01900000-0000-7000-8000-000000000000", "amount": 1}]),
            ),
            "targets[0].owner_id",
        ),
        (put(json!("all")), "targets"),
        (
            json!({"currency": "EUR", "from": "2026-06", "to": "2026-01", "targets": []}),
            "to",
        ),
        (
            json!({"currency": "eur", "from": "2026-01", "to": "2026-06", "targets": []}),
            "currency",
        ),
        (
            json!({"from": "2026-01", "to": "2026-06", "targets": []}),
            "currency",
        ),
    ] {
        let r = put_targets(&t, &t.token, &body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error_fields(r).await, [field], "{body}");
    }
    let r = t.get("/api/v1/sales-targets?from=2026-01&to=2026-06").await;
    let read: Value = r.json().await.unwrap();
    assert_eq!(read["targets"], json!([]), "nothing was half-written");
}

async fn deal_lines(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let product = t
        .create(
            "products",
            json!({"name": "Hop sampler", "unit_price": 24_900, "currency": "NOK", "tax_rate": "25", "unit": "H87"}),
        )
        .await;
    let deal = t
        .create(
            "deals",
            json!({"title": "Brewery fit-out", "amount": 5, "lines": [
                {"product_id": id(&product), "quantity": "2"},
                {"description": "Set-up", "quantity": "1.5", "unit_price": 10_000, "discount_percent": "10", "tax_rate": "25"}
            ]}),
        )
        .await;
    // 2 × 249.00 + 1.5 × 100.00 less 10 % = 498.00 + 135.00, before tax; in the product's currency.
    assert_eq!(deal["amount"], 63_300);
    assert_eq!(deal["currency"], "NOK");
    assert_eq!(deal["lines"][0]["description"], "Hop sampler");
    assert_eq!(deal["lines"][0]["unit_price"], 24_900);
    let path = format!("/api/v1/deals/{}", id(&deal));
    // A stage move keeps the lines and their total.
    let r = t.patch(&path, &json!({"stage": "proposal"}), None).await;
    let moved: Value = r.json().await.unwrap();
    assert_eq!(moved["amount"], 63_300);
    assert_eq!(moved["lines"], deal["lines"]);
    // A bad line names its place and changes nothing.
    let r = t
        .patch(&path, &json!({"lines": [{"description": "x", "quantity": "-1", "unit_price": 1, "tax_rate": "0"}]}), None)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["lines[0].quantity"]);
    let r = t
        .patch(&path, &json!({"lines": [{"description": "Credit", "quantity": "1", "unit_price": -100, "tax_rate": "0"}]}), None)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["lines"]);
    let now: Value = t.get(&path).await.json().await.unwrap();
    assert_eq!(now["amount"], 63_300);
    // New lines give a new total.
    let r = t
        .patch(&path, &json!({"lines": [{"description": "Consulting", "quantity": "3", "unit_price": 120_000, "tax_rate": "25"}]}), None)
        .await;
    let changed: Value = r.json().await.unwrap();
    assert_eq!(changed["amount"], 360_000);
    // A deal without lines keeps the amount it is given.
    let plain = t
        .create(
            "deals",
            json!({"title": "Plain", "amount": 4_200, "currency": "EUR"}),
        )
        .await;
    assert_eq!(plain["amount"], 4_200);
    assert_eq!(plain["lines"], json!([]));
}
