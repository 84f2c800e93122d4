//! The job queue: rows in `jobs`, claimed with a lease so that any instance's worker may
//! run them and a crashed worker's jobs run again.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::clock;
use rapport_core::entity::FieldType;
use sea_query::{Asterisk, Expr, ExprTrait, Query};
use serde_json::Value;
use uuid::Uuid;

/// Adds a job in the caller's transaction, so it exists only if the change commits.
pub async fn enqueue(
    tx: &mut Tx,
    kind: &str,
    payload: &Value,
    run_at: &str,
) -> Result<Uuid, StoreError> {
    let b = tx.backend();
    let id = Uuid::now_v7();
    let statement = Query::insert()
        .into_table("jobs")
        .columns(["id", "kind", "payload", "status", "run_at", "created_at"])
        .values([
            Expr::val(bind_uuid(b, id)),
            Expr::val(kind),
            Expr::val(bind(b, FieldType::Json, payload)),
            Expr::val("queued"),
            Expr::val(bind_time(b, run_at)),
            Expr::val(bind_time(b, &clock::format(clock::now()))),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(id)
}

/// How many jobs wait to run.
pub async fn depth(db: &Db) -> Result<i64, StoreError> {
    let statement = Query::select()
        .expr_as(Expr::col(Asterisk).count(), "n")
        .from("jobs")
        .and_where(Expr::col("status").eq("queued"))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("n", FieldType::Int)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("n"))
        .and_then(Value::as_i64)
        .unwrap_or(0))
}
