//! `Db::write`: on SQLite, writes that arrive together share a transaction; each must still
//! stand or fall alone, and a caller hears back only once its write is committed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures_util::FutureExt;
use rapport_store::{Backend, StoreError, Tx};
use rapport_testkit::{TestBackend, TestDb, on_both_backends};
use std::collections::BTreeSet;

async fn insert(tx: &mut Tx, n: i64) -> Result<(), StoreError> {
    match tx {
        Tx::Sqlite(tx) => {
            sqlx::query("INSERT INTO probe (n) VALUES (?)")
                .bind(n)
                .execute(tx.conn().await?)
                .await?;
        }
        Tx::Postgres(tx) => {
            sqlx::query("INSERT INTO probe (n) VALUES ($1)")
                .bind(n)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Inserts without waiting for the answer where the backend allows it: on SQLite the
/// statement goes with the next one, or when the write ends.
async fn insert_held(tx: &mut Tx, n: i64) -> Result<(), StoreError> {
    match tx {
        Tx::Sqlite(tx) => tx.hold("INSERT INTO probe (n) VALUES (?)", [n.into()]),
        Tx::Postgres(_) => insert(tx, n).await?,
    }
    Ok(())
}

async fn stored(t: &TestDb) -> BTreeSet<i64> {
    let rows: Vec<i64> = match t.db.backend() {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&t.url).await.unwrap();
            let rows = sqlx::query_scalar("SELECT n FROM probe")
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            rows
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&t.url).await.unwrap();
            let rows = sqlx::query_scalar("SELECT n FROM probe")
                .fetch_all(&pool)
                .await
                .unwrap();
            pool.close().await;
            rows
        }
    };
    rows.into_iter().collect()
}

async fn with_probe_table(backend: TestBackend) -> TestDb {
    let t = TestDb::new(backend).await;
    let mut tx = t.db.begin().await.unwrap();
    match &mut tx {
        Tx::Sqlite(tx) => {
            sqlx::query("CREATE TABLE probe (n BIGINT PRIMARY KEY)")
                .execute(tx.conn().await.unwrap())
                .await
                .unwrap();
        }
        Tx::Postgres(tx) => {
            sqlx::query("CREATE TABLE probe (n BIGINT PRIMARY KEY)")
                .execute(&mut **tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    t
}

/// Two hundred concurrent writes: every fifth refuses after writing, every seventh breaks
/// a unique key after writing, every eleventh breaks it in a held statement that only
/// runs as the write ends, and every thirteenth in one that runs before its next
/// statement. Exactly the others are stored, and each caller is told what became of its
/// own write.
async fn each_write_stands_or_falls_alone(backend: TestBackend) {
    let t = with_probe_table(backend).await;
    let mut handles = Vec::new();
    for i in 1..=200_i64 {
        let db = t.db.clone();
        handles.push(tokio::spawn(async move {
            let result = db
                .write(move |tx| {
                    async move {
                        insert(tx, i).await?;
                        if i % 5 == 0 {
                            return Err(StoreError::Config("refused".into()));
                        }
                        if i % 7 == 0 {
                            insert(tx, i).await?;
                        }
                        if i % 11 == 0 {
                            insert_held(tx, i + 1000).await?;
                            insert_held(tx, i).await?;
                        }
                        if i % 13 == 0 {
                            insert_held(tx, i + 2000).await?;
                            insert_held(tx, i).await?;
                            insert(tx, i + 3000).await?;
                        }
                        Ok(i)
                    }
                    .boxed()
                })
                .await;
            (i, result)
        }));
    }
    let mut expected = BTreeSet::new();
    for handle in handles {
        let (i, result) = handle.await.unwrap();
        if i % 5 == 0 {
            assert!(
                matches!(result, Err(StoreError::Config(_))),
                "{i}: {result:?}"
            );
        } else if i % 7 == 0 || i % 11 == 0 || i % 13 == 0 {
            assert!(
                matches!(result, Err(StoreError::Unique(_))),
                "{i}: {result:?}"
            );
        } else {
            assert_eq!(result.unwrap(), i);
            expected.insert(i);
        }
    }
    assert_eq!(stored(&t).await, expected);
}

/// A write that panics takes nothing of its own with it, and the writer goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_write_is_undone_and_the_writer_goes_on() {
    let t = with_probe_table(TestBackend::Sqlite).await;
    let result: Result<(), StoreError> =
        t.db.write(|tx| {
            async move {
                insert(tx, 1).await?;
                panic!("a bug in a write");
            }
            .boxed()
        })
        .await;
    assert!(result.is_err());
    let later: Result<i64, StoreError> =
        t.db.write(|tx| async move { insert(tx, 2).await.map(|()| 2) }.boxed())
            .await;
    assert_eq!(later.unwrap(), 2);
    assert_eq!(stored(&t).await, BTreeSet::from([2]));
}

on_both_backends! {
    shared_transactions => each_write_stands_or_falls_alone;
}
