//! On SQLite, committed pages reach the database file within a second or so, copied there
//! by the checkpointer beside the writer: the writer's own commits leave a short log alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures_util::FutureExt;
use rapport_store::{StoreError, Tx};
use rapport_testkit::{TestBackend, TestDb};
use std::time::{Duration, Instant};

fn file_len(t: &TestDb) -> u64 {
    std::fs::metadata(t.dir.path().join("rapport.db"))
        .unwrap()
        .len()
}

#[tokio::test]
async fn the_checkpointer_copies_commits_into_the_database_file() {
    let t = TestDb::new(TestBackend::Sqlite).await;
    t.db.write(|tx: &mut Tx| {
        async move {
            if let Tx::Sqlite(tx) = tx {
                sqlx::query("CREATE TABLE filler (body TEXT NOT NULL)")
                    .execute(tx.conn().await?)
                    .await?;
            }
            Ok::<(), StoreError>(())
        }
        .boxed()
    })
    .await
    .unwrap();
    // Give the checkpointer a moment to take in the migrations, then measure.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before = file_len(&t);

    // About 2 MB of new pages: far below the log's own checkpoint at 64 MiB.
    for batch in 0..4 {
        t.db.write(move |tx: &mut Tx| {
            async move {
                if let Tx::Sqlite(tx) = tx {
                    for n in 0..128 {
                        sqlx::query("INSERT INTO filler (body) VALUES (?)")
                            .bind(format!("{batch}-{n}-{}", "x".repeat(4000)))
                            .execute(tx.conn().await?)
                            .await?;
                    }
                }
                Ok::<(), StoreError>(())
            }
            .boxed()
        })
        .await
        .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while file_len(&t) < before + 1_500_000 {
        assert!(
            Instant::now() < deadline,
            "the database file stayed at {} bytes",
            file_len(&t)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
