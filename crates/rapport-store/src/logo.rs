//! The organisation's logo, kept in the database so that every instance on one
//! PostgreSQL serves the same image. There is at most one row.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind_time};
use rapport_core::entity::FieldType;
use sea_query::{Expr, ExprTrait, OnConflict, Query};
use serde_json::Value;
use sqlx::Row;

/// The stored image and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: String,
    pub content: Vec<u8>,
    /// The SHA-256 of the content, in hex.
    pub sha256: String,
}

/// Stores the logo, replacing any earlier one.
pub async fn set(tx: &mut Tx, logo: &Logo, now: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::insert()
        .into_table("organisation_logo")
        .columns(["id", "content_type", "content", "sha256", "updated_at"])
        .values([
            Expr::val(1i16),
            Expr::val(logo.content_type.as_str()),
            Expr::val(sea_query::Value::Bytes(Some(logo.content.clone()))),
            Expr::val(logo.sha256.as_str()),
            Expr::val(bind_time(b, now)),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .on_conflict(
            OnConflict::column("id")
                .update_columns(["content_type", "content", "sha256", "updated_at"])
                .to_owned(),
        )
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// Removes the logo; returns whether there was one.
pub async fn remove(tx: &mut Tx) -> Result<bool, StoreError> {
    let statement = Query::delete()
        .from_table("organisation_logo")
        .and_where(Expr::col("id").eq(1i16))
        .to_owned();
    Ok(sql::execute(tx, &statement).await? > 0)
}

/// The logo's hash, if there is a logo: enough for a page to link to the current image.
pub async fn hash(db: &Db) -> Result<Option<String>, StoreError> {
    let statement = Query::select()
        .column("sha256")
        .from("organisation_logo")
        .and_where(Expr::col("id").eq(1i16))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("sha256", FieldType::Text)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("sha256"))
        .and_then(Value::as_str)
        .map(str::to_string))
}

/// Reads the logo. The bytes are the one value no other table has, so this reads them
/// with a plain statement on each backend rather than through the JSON row decoder.
pub async fn get(db: &Db) -> Result<Option<Logo>, StoreError> {
    const SQL: &str = "SELECT content_type, content, sha256 FROM organisation_logo WHERE id = 1";
    let row = match db {
        Db::Sqlite { readers, .. } => sqlx::query(SQL)
            .fetch_optional(readers)
            .await?
            .map(|r| -> Result<Logo, sqlx::Error> {
                Ok(Logo {
                    content_type: r.try_get("content_type")?,
                    content: r.try_get("content")?,
                    sha256: r.try_get("sha256")?,
                })
            })
            .transpose()?,
        Db::Postgres(pool) => sqlx::query(SQL)
            .fetch_optional(pool)
            .await?
            .map(|r| -> Result<Logo, sqlx::Error> {
                Ok(Logo {
                    content_type: r.try_get("content_type")?,
                    content: r.try_get("content")?,
                    sha256: r.try_get("sha256")?,
                })
            })
            .transpose()?,
    };
    Ok(row)
}
