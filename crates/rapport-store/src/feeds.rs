//! Calendar feed tokens: one per user, kept only as the SHA-256 of the secret.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind_time, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Expr, ExprTrait, Query};
use serde_json::Value;
use uuid::Uuid;

/// Gives a user a new feed token, replacing the one they had.
pub async fn replace(tx: &mut Tx, user_id: Uuid, hash: &str, now: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let remove = Query::delete()
        .from_table("calendar_feeds")
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .to_owned();
    sql::execute(tx, &remove).await?;
    let insert = Query::insert()
        .into_table("calendar_feeds")
        .columns(["user_id", "token_hash", "created_at"])
        .values([
            Expr::val(bind_uuid(b, user_id)),
            Expr::val(hash),
            Expr::val(bind_time(b, now)),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .to_owned();
    sql::execute(tx, &insert).await?;
    Ok(())
}

/// The user whose feed token has this hash.
pub async fn holder(db: &Db, hash: &str) -> Result<Option<Uuid>, StoreError> {
    let statement = Query::select()
        .column("user_id")
        .from("calendar_feeds")
        .and_where(Expr::col("token_hash").eq(hash))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("user_id", FieldType::Uuid)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("user_id"))
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok()))
}

/// When the user's current feed token was made, if they have one.
pub async fn created_at(db: &Db, user_id: Uuid) -> Result<Option<String>, StoreError> {
    let b = db.backend();
    let statement = Query::select()
        .column("created_at")
        .from("calendar_feeds")
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("created_at", FieldType::Time)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("created_at"))
        .and_then(Value::as_str)
        .map(str::to_string))
}
