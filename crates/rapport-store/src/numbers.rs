//! The counters that number sales documents: one row per document type and year.
//!
//! A number is taken by one upsert that raises the counter and returns the value it had,
//! inside the caller's transaction. On PostgreSQL the upsert locks the counter's row, so
//! concurrent writers wait for each other and never take the same number; a transaction
//! that rolls back gives its number back. SQLite's single writer serialises them already,
//! and the same statement is correct there without relying on that.

use crate::connect::Tx;
use crate::sql::StoreError;
use sqlx::Row;

/// The upsert, with each dialect's placeholders: it raises the counter by the count taken
/// and returns the first number taken.
const TAKE_SQLITE: &str = "INSERT INTO document_numbers (kind, year, next) VALUES (?, ?, 1 + ?) \
                           ON CONFLICT (kind, year) DO UPDATE SET next = document_numbers.next + excluded.next - 1 \
                           RETURNING next - ? AS taken";
const TAKE_POSTGRES: &str = "INSERT INTO document_numbers (kind, year, next) VALUES ($1, $2, 1 + $3) \
                             ON CONFLICT (kind, year) DO UPDATE SET next = document_numbers.next + excluded.next - 1 \
                             RETURNING next - $3 AS taken";

/// Takes the next number of `kind` in `year`, starting at 1.
pub async fn take(tx: &mut Tx, kind: &str, year: i32) -> Result<i64, StoreError> {
    take_many(tx, kind, year, 1).await
}

/// Takes `count` consecutive numbers of `kind` in `year` with one upsert and returns the
/// first; bulk writers number many documents this way.
pub async fn take_many(tx: &mut Tx, kind: &str, year: i32, count: i64) -> Result<i64, StoreError> {
    let row = match tx {
        Tx::Sqlite(tx) => sqlx::query(TAKE_SQLITE)
            .bind(kind)
            .bind(i64::from(year))
            .bind(count)
            .bind(count)
            .fetch_one(tx.conn().await?)
            .await?
            .try_get::<i64, _>("taken")?,
        Tx::Postgres(tx) => sqlx::query(TAKE_POSTGRES)
            .bind(kind)
            .bind(year)
            .bind(count)
            .fetch_one(&mut **tx)
            .await?
            .try_get::<i64, _>("taken")?,
    };
    Ok(row)
}
