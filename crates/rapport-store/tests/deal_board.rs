//! `deals::deal_board_summary`: per stage and currency, the count and sum of a pipeline's
//! open, live deals, on both backends, without another pipeline's or a closed deal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::policy::Visibility;
use rapport_store::deals::{StageTotal, deal_board_summary};
use rapport_store::records;
use rapport_testkit::{TestBackend, TestDb, on_both_backends};
use serde_json::{Map, Value, json};
use uuid::Uuid;

on_both_backends! {
    board_summary_counts_and_sums_open_deals_per_stage => summary;
}

fn row(fields: Value) -> Map<String, Value> {
    let now = clock::format(clock::now());
    let mut data = json!({
        "id": Uuid::now_v7().to_string(), "version": 1, "created_at": now, "updated_at": now,
        "deleted_at": null, "created_by": null,
    })
    .as_object()
    .cloned()
    .unwrap();
    data.extend(fields.as_object().cloned().unwrap());
    data
}

fn deal(pipeline: Uuid, stage: &str, status: &str, amount: Option<i64>, currency: &str) -> Value {
    json!({
        "title": format!("{stage} {status} {amount:?}"), "pipeline_id": pipeline.to_string(),
        "stage": stage, "status": status, "amount": amount,
        "currency": if currency.is_empty() { Value::Null } else { json!(currency) },
        "contact_ids": [], "tags": [], "custom": {},
    })
}

/// The totals a board should show for these open deals, worked out one by one.
fn expected(
    open: &[(&str, &str, Option<i64>, Option<Uuid>)],
    sees: &dyn Fn(Option<Uuid>) -> bool,
) -> Vec<StageTotal> {
    let mut out: Vec<StageTotal> = Vec::new();
    for (stage, currency, amount, _) in open.iter().filter(|d| sees(d.3)) {
        let currency = (!currency.is_empty()).then(|| currency.to_string());
        match out
            .iter_mut()
            .find(|t| t.stage == *stage && t.currency == currency)
        {
            Some(t) => {
                t.count += 1;
                t.amount += amount.unwrap_or(0);
            }
            None => out.push(StageTotal {
                stage: stage.to_string(),
                currency,
                count: 1,
                amount: amount.unwrap_or(0),
            }),
        }
    }
    out.sort_by(|x, y| (&x.stage, &x.currency).cmp(&(&y.stage, &y.currency)));
    out
}

async fn summary(backend: TestBackend) {
    let t = TestDb::new(backend).await;
    let (board, other) = (Uuid::now_v7(), Uuid::now_v7());
    let (mine, theirs) = (Uuid::now_v7(), Uuid::now_v7());
    let mut tx = t.db.begin().await.unwrap();
    for (user, email) in [(mine, "mine@example.com"), (theirs, "theirs@example.com")] {
        let mut u = row(json!({"email": email, "name": email, "role": "agent", "active": true}));
        u.insert("id".into(), json!(user.to_string()));
        records::insert(&mut tx, Entity::User, &u).await.unwrap();
    }
    for id in [board, other] {
        let mut p = row(json!({"name": "Sales", "position": 0,
            "stages": [{"key": "a", "name": "A", "probability": 10}]}));
        p.insert("id".into(), json!(id.to_string()));
        records::insert(&mut tx, Entity::Pipeline, &p)
            .await
            .unwrap();
    }
    let open = [
        ("a", "EUR", Some(15_000), None),
        ("a", "EUR", Some(250_075), Some(mine)),
        ("a", "NOK", Some(9900), None),
        ("a", "EUR", Some(100_000), Some(theirs)),
        ("b", "EUR", Some(1), None),
        ("b", "", None, None),
        ("b", "EUR", Some(90_000_000_000_000), Some(theirs)),
        ("b", "SEK", Some(500), Some(theirs)),
    ];
    for (stage, currency, amount, owner) in open {
        let mut d = row(deal(board, stage, "open", amount, currency));
        d.insert("owner_id".into(), json!(owner.map(|o| o.to_string())));
        records::insert(&mut tx, Entity::Deal, &d).await.unwrap();
    }
    // None of these count: closed, deleted, or on another pipeline.
    let mut deleted = row(deal(board, "a", "open", Some(7), "EUR"));
    deleted.insert("deleted_at".into(), json!(clock::format(clock::now())));
    let ignored = [
        row(deal(board, "a", "won", Some(5), "EUR")),
        row(deal(board, "b", "lost", Some(5), "EUR")),
        row(deal(other, "a", "open", Some(5), "EUR")),
        deleted,
    ];
    for d in &ignored {
        records::insert(&mut tx, Entity::Deal, d).await.unwrap();
    }
    tx.commit().await.unwrap();

    let sorted = |mut v: Vec<StageTotal>| {
        v.sort_by(|x, y| (&x.stage, &x.currency).cmp(&(&y.stage, &y.currency)));
        v
    };
    let all = deal_board_summary(&t.db, board, &Visibility::All)
        .await
        .unwrap();
    assert_eq!(sorted(all), expected(&open, &|_| true));

    // Someone who sees only their own deals sees those and the unowned ones.
    let limited = Visibility::OwnedBy(vec![mine]);
    let seen = deal_board_summary(&t.db, board, &limited).await.unwrap();
    let want = expected(&open, &|owner| owner.is_none() || owner == Some(mine));
    assert!(!want.iter().any(|t| t.currency.as_deref() == Some("SEK")));
    assert_eq!(sorted(seen), want);
    assert!(
        deal_board_summary(&t.db, Uuid::now_v7(), &Visibility::All)
            .await
            .unwrap()
            .is_empty()
    );
}
