//! Web sign-in sessions and organisation settings.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use serde_json::{Map, Value};
use uuid::Uuid;

/// A stored session (its cookie value is never stored, only its hash).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub csrf_token: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
    /// Signed in with a password but still owing the second factor.
    pub mfa_pending: bool,
}

const COLUMNS: [(&str, FieldType); 10] = [
    ("mfa_pending", FieldType::Bool),
    ("id", FieldType::Uuid),
    ("user_id", FieldType::Uuid),
    ("csrf_token", FieldType::Text),
    ("user_agent", FieldType::Text),
    ("ip", FieldType::Text),
    ("created_at", FieldType::Time),
    ("last_seen_at", FieldType::Time),
    ("expires_at", FieldType::Time),
    ("revoked_at", FieldType::Time),
];

fn row(r: &Map<String, Value>) -> Option<SessionRow> {
    let text = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    let uuid = |k: &str| text(k).and_then(|s| Uuid::parse_str(&s).ok());
    Some(SessionRow {
        id: uuid("id")?,
        user_id: uuid("user_id")?,
        csrf_token: text("csrf_token")?,
        user_agent: text("user_agent"),
        ip: text("ip"),
        created_at: text("created_at")?,
        last_seen_at: text("last_seen_at")?,
        expires_at: text("expires_at")?,
        revoked_at: text("revoked_at"),
        mfa_pending: r
            .get("mfa_pending")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    })
}

pub async fn insert(tx: &mut Tx, session: &SessionRow, token_hash: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let text = |v: &Option<String>| {
        bind(
            b,
            FieldType::Text,
            &v.clone().map_or(Value::Null, Value::String),
        )
    };
    let statement = Query::insert()
        .into_table("sessions")
        .columns([
            "id",
            "token_hash",
            "user_id",
            "csrf_token",
            "user_agent",
            "ip",
            "created_at",
            "last_seen_at",
            "expires_at",
            "mfa_pending",
        ])
        .values([
            Expr::val(bind_uuid(b, session.id)),
            Expr::val(token_hash),
            Expr::val(bind_uuid(b, session.user_id)),
            Expr::val(session.csrf_token.as_str()),
            Expr::val(text(&session.user_agent)),
            Expr::val(text(&session.ip)),
            Expr::val(bind_time(b, &session.created_at)),
            Expr::val(bind_time(b, &session.last_seen_at)),
            Expr::val(bind_time(b, &session.expires_at)),
            Expr::val(session.mfa_pending),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

pub async fn by_hash(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    let statement = Query::select()
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("sessions")
        .and_where(Expr::col("token_hash").eq(token_hash))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &COLUMNS).await?;
    Ok(rows.first().and_then(row))
}

/// A user's sessions that are neither revoked nor expired, newest first.
pub async fn live_for_user(
    db: &Db,
    user_id: Uuid,
    now: &str,
) -> Result<Vec<SessionRow>, StoreError> {
    let b = db.backend();
    let statement = Query::select()
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("sessions")
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .and_where(Expr::col("revoked_at").is_null())
        .and_where(Expr::col("expires_at").gt(bind_time(b, now)))
        .order_by("last_seen_at", Order::Desc)
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &COLUMNS).await?;
    Ok(rows.iter().filter_map(row).collect())
}

/// Marks a session's second factor as given.
pub async fn complete_mfa(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::update()
        .table("sessions")
        .value("mfa_pending", false)
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// Moves a session's last use and expiry forward.
pub async fn touch(tx: &mut Tx, id: Uuid, now: &str, expires_at: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::update()
        .table("sessions")
        .value("last_seen_at", bind_time(b, now))
        .value("expires_at", bind_time(b, expires_at))
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// Revokes one session of a user, or all of them but `keep`.
pub async fn revoke(
    tx: &mut Tx,
    user_id: Uuid,
    which: Option<Uuid>,
    keep: Option<Uuid>,
    now: &str,
) -> Result<u64, StoreError> {
    let b = tx.backend();
    let mut statement = Query::update();
    statement
        .table("sessions")
        .value("revoked_at", bind_time(b, now))
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .and_where(Expr::col("revoked_at").is_null());
    if let Some(id) = which {
        statement.and_where(Expr::col("id").eq(bind_uuid(b, id)));
    }
    if let Some(id) = keep {
        statement.and_where(Expr::col("id").ne(bind_uuid(b, id)));
    }
    sql::execute(tx, &statement).await
}

/// Reads one organisation setting.
pub async fn setting(db: &Db, key: &str) -> Result<Option<Value>, StoreError> {
    let statement = Query::select()
        .column("value")
        .from("settings")
        .and_where(Expr::col("key").eq(key))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("value", FieldType::Json)]).await?;
    Ok(rows.first().and_then(|r| r.get("value").cloned()))
}

/// Writes one organisation setting.
pub async fn set_setting(
    tx: &mut Tx,
    key: &str,
    value: &Value,
    now: &str,
) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::insert()
        .into_table("settings")
        .columns(["key", "value", "updated_at"])
        .values([
            Expr::val(key),
            Expr::val(bind(b, FieldType::Json, value)),
            Expr::val(bind_time(b, now)),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .on_conflict(
            OnConflict::column("key")
                .update_columns(["value", "updated_at"])
                .to_owned(),
        )
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}
