//! The job queue: rows in `jobs`, claimed with a lease so that any instance's worker may
//! run them and a crashed worker's jobs run again.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::clock;
use rapport_core::entity::FieldType;
use sea_query::{Asterisk, Expr, ExprTrait, LockBehavior, LockType, Order, Query};
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

/// Queues a job that replaces any queued job of the same kind and key, in the caller's
/// transaction: rescheduling a task's reminder leaves one reminder, not two.
pub async fn replace(
    tx: &mut Tx,
    kind: &str,
    key: Uuid,
    payload: &Value,
    run_at: &str,
) -> Result<Uuid, StoreError> {
    cancel(tx, kind, key).await?;
    let id = enqueue(tx, kind, payload, run_at).await?;
    let b = tx.backend();
    let statement = Query::update()
        .table("jobs")
        .value("job_key", key.to_string())
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(id)
}

/// Removes the queued jobs of a kind and key; one a worker already runs is left to it.
pub async fn cancel(tx: &mut Tx, kind: &str, key: Uuid) -> Result<u64, StoreError> {
    let statement = Query::delete()
        .from_table("jobs")
        .and_where(Expr::col("kind").eq(kind))
        .and_where(Expr::col("job_key").eq(key.to_string()))
        .and_where(Expr::col("status").eq("queued"))
        .to_owned();
    sql::execute(tx, &statement).await
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

/// A job a worker has claimed.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub payload: Value,
    /// How many times it was claimed, this time included.
    pub attempts: i64,
}

const JOB_COLUMNS: [(&str, FieldType); 4] = [
    ("id", FieldType::Uuid),
    ("kind", FieldType::Text),
    ("payload", FieldType::Json),
    ("attempts", FieldType::Int),
];

/// Claims up to `limit` jobs due at `now` (or whose lease ran out) until `lease_until`,
/// oldest first. On PostgreSQL rows another worker holds are skipped, so instances never
/// claim the same job; SQLite has one writer, which already serialises claims.
pub async fn claim(
    db: &Db,
    now: &str,
    lease_until: &str,
    limit: u64,
) -> Result<Vec<Job>, StoreError> {
    let mut tx = db.begin().await?;
    let b = tx.backend();
    let due = Expr::col("status")
        .eq("queued")
        .and(Expr::col("run_at").lte(bind_time(b, now)));
    let lapsed = Expr::col("status")
        .eq("running")
        .and(Expr::col("locked_until").lt(bind_time(b, now)));
    let mut select = Query::select();
    select
        .columns(JOB_COLUMNS.map(|(c, _)| c))
        .from("jobs")
        .cond_where(due.or(lapsed))
        .order_by("run_at", Order::Asc)
        .order_by("id", Order::Asc)
        .limit(limit);
    if b == crate::Backend::Postgres {
        select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = sql::fetch((&mut tx).into(), &select, &JOB_COLUMNS).await?;
    let mut jobs = Vec::with_capacity(rows.len());
    for row in rows {
        let text = |k: &str| row.get(k).and_then(Value::as_str).map(str::to_string);
        let (Some(id), Some(kind)) = (
            text("id").and_then(|s| Uuid::parse_str(&s).ok()),
            text("kind"),
        ) else {
            return Err(StoreError::Corrupt("a job without an id or a kind".into()));
        };
        let attempts = row.get("attempts").and_then(Value::as_i64).unwrap_or(0) + 1;
        let update = Query::update()
            .table("jobs")
            .value("status", "running")
            .value("locked_until", bind_time(b, lease_until))
            .value("attempts", attempts)
            .and_where(Expr::col("id").eq(bind_uuid(b, id)))
            .to_owned();
        sql::execute(&mut tx, &update).await?;
        jobs.push(Job {
            id,
            kind,
            payload: row.get("payload").cloned().unwrap_or(Value::Null),
            attempts,
        });
    }
    tx.commit().await?;
    Ok(jobs)
}

/// Removes a job that ran, in the transaction that did its work, so the work and the
/// job's end commit together.
pub async fn finish(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::delete()
        .from_table("jobs")
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// Puts a job that failed back in the queue to run at `retry_at`, or marks it `failed`
/// when `retry_at` is `None`; keeps the error for the operator.
pub async fn fail(
    db: &Db,
    id: Uuid,
    error: &str,
    retry_at: Option<&str>,
) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    let b = tx.backend();
    let mut statement = Query::update();
    statement
        .table("jobs")
        .value("last_error", error)
        .value("locked_until", bind(b, FieldType::Time, &Value::Null))
        .and_where(Expr::col("id").eq(bind_uuid(b, id)));
    match retry_at {
        Some(at) => statement
            .value("status", "queued")
            .value("run_at", bind_time(b, at)),
        None => statement.value("status", "failed"),
    };
    sql::execute(&mut tx, &statement).await?;
    tx.commit().await?;
    Ok(())
}

/// The queued jobs of one kind, oldest first, as `(run_at, payload)`; for tests and the
/// operator.
pub async fn queued(db: &Db, kind: &str) -> Result<Vec<(String, Value)>, StoreError> {
    let statement = Query::select()
        .columns(["run_at", "payload"])
        .from("jobs")
        .and_where(Expr::col("status").eq("queued"))
        .and_where(Expr::col("kind").eq(kind))
        .order_by("run_at", Order::Asc)
        .to_owned();
    let rows = sql::fetch(
        db.into(),
        &statement,
        &[("run_at", FieldType::Time), ("payload", FieldType::Json)],
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let at = r.get("run_at")?.as_str()?.to_string();
            Some((at, r.get("payload").cloned().unwrap_or(Value::Null)))
        })
        .collect())
}
