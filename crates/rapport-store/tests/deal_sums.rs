//! The sums the database keeps of deals (`deal_sums`, for the forecast and the board)
//! always equal the sums counted from the deals themselves: after inserts, every kind of
//! change, moves to the trash and back, and purges, on both backends. Concurrent moves in
//! opposite directions finish without a deadlock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_store::Db;
use rapport_store::forecast::{kept, recounted};
use rapport_store::records;
use rapport_testkit::{TestBackend, TestDb, on_both_backends};
use serde_json::{Map, Value, json};
use uuid::Uuid;

on_both_backends! {
    kept_sums_follow_every_change_to_deals => follow;
    opposite_moves_at_once_do_not_deadlock => opposite_moves;
}

/// A small deterministic generator, so a failing walk can be replayed.
struct Walk(u64);

impl Walk {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
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

struct World {
    pipelines: Vec<Uuid>,
    owners: Vec<Option<Uuid>>,
}

async fn world(db: &Db) -> World {
    let mut tx = db.begin().await.unwrap();
    let mut owners = vec![None];
    for email in ["ada@example.com", "bo@example.com"] {
        let mut u = row(json!({"email": email, "name": email, "role": "agent", "active": true}));
        let id = Uuid::now_v7();
        u.insert("id".into(), json!(id.to_string()));
        records::insert(&mut tx, Entity::User, &u).await.unwrap();
        owners.push(Some(id));
    }
    let mut pipelines = Vec::new();
    for position in 0..2 {
        let id = Uuid::now_v7();
        let mut p = row(json!({"name": format!("P{position}"), "position": position,
            "stages": [{"key": "a", "name": "A", "probability": 10},
                       {"key": "b", "name": "B", "probability": 60}]}));
        p.insert("id".into(), json!(id.to_string()));
        records::insert(&mut tx, Entity::Pipeline, &p)
            .await
            .unwrap();
        pipelines.push(id);
    }
    tx.commit().await.unwrap();
    World { pipelines, owners }
}

/// Sets the fields the sums depend on to values the walk picks.
fn shuffle(walk: &mut Walk, w: &World, deal: &mut Map<String, Value>) {
    let status = *walk.pick(&["open", "open", "won", "lost"]);
    deal.insert("status".into(), json!(status));
    deal.insert("stage".into(), json!(walk.pick(&["a", "b"])));
    deal.insert(
        "pipeline_id".into(),
        json!(walk.pick(&w.pipelines).to_string()),
    );
    deal.insert(
        "owner_id".into(),
        json!(walk.pick(&w.owners).map(|o| o.to_string())),
    );
    let amount = walk.pick(&[None, Some(0), Some(1), Some(9_999), Some(1_000_000_000)]);
    deal.insert("amount".into(), json!(amount));
    deal.insert(
        "currency".into(),
        json!(walk.pick(&[None, Some("EUR"), Some("NOK")])),
    );
    deal.insert(
        "expected_close".into(),
        json!(walk.pick(&[
            None,
            Some("2026-01-31"),
            Some("2026-02-01"),
            Some("2027-12-15")
        ])),
    );
    deal.insert(
        "probability".into(),
        json!(walk.pick(&[None, Some(0), Some(35), Some(100)])),
    );
    // Some won deals have no time they closed (imported ones, say): they count nowhere.
    let closed = match status {
        "open" => None,
        _ => *walk.pick(&[
            None,
            Some("2026-01-31T23:59:59.999999Z"),
            Some("2026-02-01T00:00:00Z"),
        ]),
    };
    deal.insert("closed_at".into(), json!(closed));
}

async fn follow(backend: TestBackend) {
    let t = TestDb::new(backend).await;
    let w = world(&t.db).await;
    let mut walk = Walk(7);
    let mut deals: Vec<(Map<String, Value>, bool)> = Vec::new();
    let mut tx = t.db.begin().await.unwrap();
    let mut batch = Vec::new();
    for i in 0..60 {
        let mut d = row(
            json!({"title": format!("Deal {i}"), "contact_ids": [], "tags": [],
            "custom": {}}),
        );
        shuffle(&mut walk, &w, &mut d);
        batch.push(d);
    }
    // Many rows in one statement, as imports and demo data write them.
    records::insert_many(&mut tx, Entity::Deal, &batch.iter().collect::<Vec<_>>())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    deals.extend(batch.into_iter().map(|d| (d, true)));
    assert!(!kept(&t.db).await.unwrap().is_empty());
    assert_eq!(kept(&t.db).await.unwrap(), recounted(&t.db).await.unwrap());

    for step in 0..300 {
        let i = walk.below(deals.len());
        let (deal, exists) = &mut deals[i];
        let id = Uuid::parse_str(deal["id"].as_str().unwrap()).unwrap();
        let mut tx = t.db.begin().await.unwrap();
        match (walk.below(6), *exists) {
            (_, false) => {
                records::insert(&mut tx, Entity::Deal, deal).await.unwrap();
                *exists = true;
            }
            (0, true) => {
                records::purge(&mut tx, Entity::Deal, id).await.unwrap();
                deal.insert("version".into(), json!(1));
                *exists = false;
            }
            (kind, true) => {
                let version = deal["version"].as_i64().unwrap();
                match kind {
                    1 => {
                        let gone = deal["deleted_at"].is_null();
                        let at = gone.then(|| clock::format(clock::now()));
                        deal.insert("deleted_at".into(), json!(at));
                    }
                    // A change that leaves every summed field as it was.
                    2 => {
                        deal.insert("title".into(), json!(format!("Renamed {step}")));
                    }
                    _ => shuffle(&mut walk, &w, deal),
                }
                deal.insert("version".into(), json!(version + 1));
                assert!(
                    records::update(&mut tx, Entity::Deal, id, version, deal)
                        .await
                        .unwrap()
                );
            }
        }
        // Now and then a change is taken back: the sums go back with it.
        if walk.below(10) == 0 {
            drop(tx);
            let stored = records::get(&t.db, Entity::Deal, id).await.unwrap();
            *exists = stored.is_some();
            if let Some(r) = stored {
                *deal = r.data;
            }
        } else {
            tx.commit().await.unwrap();
        }
        if step % 10 == 0 {
            assert_eq!(
                kept(&t.db).await.unwrap(),
                recounted(&t.db).await.unwrap(),
                "after step {step}"
            );
        }
    }
    assert_eq!(kept(&t.db).await.unwrap(), recounted(&t.db).await.unwrap());
}

async fn opposite_moves(backend: TestBackend) {
    let t = TestDb::new(backend).await;
    let w = world(&t.db).await;
    let pipeline = w.pipelines[0];
    let mut tx = t.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for (i, stage) in ["a", "b"].iter().enumerate() {
        let d = row(
            json!({"title": format!("Mover {i}"), "pipeline_id": pipeline.to_string(),
            "stage": stage, "status": "open", "amount": 100, "currency": "EUR",
            "contact_ids": [], "tags": [], "custom": {}}),
        );
        records::insert(&mut tx, Entity::Deal, &d).await.unwrap();
        ids.push(d);
    }
    tx.commit().await.unwrap();

    // Each round moves the first deal one way and the second the other way, in two
    // transactions that overlap.
    for round in 0..20_i64 {
        let mut tasks = Vec::new();
        for (n, deal) in ids.iter().enumerate() {
            let db = t.db.clone();
            let mut deal = deal.clone();
            let forward = (round + n as i64) % 2 == 0;
            tasks.push(tokio::spawn(async move {
                let id = Uuid::parse_str(deal["id"].as_str().unwrap()).unwrap();
                deal.insert("stage".into(), json!(if forward { "b" } else { "a" }));
                deal.insert("version".into(), json!(round + 2));
                let mut tx = db.begin().await.unwrap();
                let moved = records::update(&mut tx, Entity::Deal, id, round + 1, &deal)
                    .await
                    .unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                tx.commit().await.unwrap();
                moved
            }));
        }
        for task in tasks {
            assert!(task.await.unwrap(), "round {round}");
        }
    }
    assert_eq!(kept(&t.db).await.unwrap(), recounted(&t.db).await.unwrap());
}
