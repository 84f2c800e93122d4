//! `numbers::take_many`: a bulk writer's block of numbers comes from the same counter as
//! single numbers, so neither takes a number the other has, on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_store::numbers;
use rapport_testkit::{TestBackend, TestDb, on_both_backends};

on_both_backends! {
    blocks_and_single_numbers_share_one_counter => shared_counter;
}

async fn shared_counter(backend: TestBackend) {
    let t = TestDb::new(backend).await;
    let mut tx = t.db.begin().await.unwrap();
    // A block on a counter that does not exist yet starts at 1.
    assert_eq!(
        numbers::take_many(&mut tx, "quotes", 2025, 40)
            .await
            .unwrap(),
        1
    );
    assert_eq!(numbers::take(&mut tx, "quotes", 2025).await.unwrap(), 41);
    assert_eq!(
        numbers::take_many(&mut tx, "quotes", 2025, 3)
            .await
            .unwrap(),
        42
    );
    assert_eq!(numbers::take(&mut tx, "quotes", 2025).await.unwrap(), 45);
    // Each type and year counts on its own.
    assert_eq!(numbers::take(&mut tx, "quotes", 2026).await.unwrap(), 1);
    assert_eq!(
        numbers::take_many(&mut tx, "invoices", 2025, 2)
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();

    // A block given back by a rollback (dropping the transaction) is taken again.
    let mut tx = t.db.begin().await.unwrap();
    assert_eq!(
        numbers::take_many(&mut tx, "quotes", 2025, 10)
            .await
            .unwrap(),
        46
    );
    drop(tx);
    let mut tx = t.db.begin().await.unwrap();
    assert_eq!(numbers::take(&mut tx, "quotes", 2025).await.unwrap(), 46);
    tx.commit().await.unwrap();
    t.db.close().await;
}
