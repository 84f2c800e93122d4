//! Notifications: one row per recipient. Every read and change here is scoped to one
//! recipient, so a caller only ever reaches their own.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Asterisk, Expr, ExprTrait, Order, Query};
use serde_json::{Map, Value};
use uuid::Uuid;

/// One notification as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: Uuid,
    pub user_id: Uuid,
    /// What happened: `owner` (the recipient was made a record's owner) or `interaction`
    /// (someone logged an interaction on a record the recipient owns).
    pub kind: String,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    /// The table of the record it is about: `contacts` or `companies`.
    pub record_type: String,
    pub record_id: Uuid,
    pub record_name: String,
    /// For an interaction, its kind (`call`, `note`, …).
    pub detail: Option<String>,
    pub created_at: String,
    pub read_at: Option<String>,
}

const COLUMNS: [(&str, FieldType); 11] = [
    ("id", FieldType::Uuid),
    ("user_id", FieldType::Uuid),
    ("kind", FieldType::Text),
    ("actor_id", FieldType::Uuid),
    ("actor_name", FieldType::Text),
    ("record_type", FieldType::Text),
    ("record_id", FieldType::Uuid),
    ("record_name", FieldType::Text),
    ("detail", FieldType::Text),
    ("created_at", FieldType::Time),
    ("read_at", FieldType::Time),
];

fn row(r: &Map<String, Value>) -> Option<Notification> {
    let text = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    let uuid = |k: &str| text(k).and_then(|s| Uuid::parse_str(&s).ok());
    Some(Notification {
        id: uuid("id")?,
        user_id: uuid("user_id")?,
        kind: text("kind")?,
        actor_id: uuid("actor_id"),
        actor_name: text("actor_name").unwrap_or_default(),
        record_type: text("record_type")?,
        record_id: uuid("record_id")?,
        record_name: text("record_name").unwrap_or_default(),
        detail: text("detail"),
        created_at: text("created_at")?,
        read_at: text("read_at"),
    })
}

/// Adds notifications in the caller's transaction, so they exist only if the change does.
pub async fn insert(tx: &mut Tx, items: &[Notification]) -> Result<(), StoreError> {
    if items.is_empty() {
        return Ok(());
    }
    let b = tx.backend();
    let text = |v: &Option<String>| {
        bind(
            b,
            FieldType::Text,
            &v.clone().map_or(Value::Null, Value::String),
        )
    };
    let mut statement = Query::insert();
    statement.into_table("notifications").columns([
        "id",
        "user_id",
        "kind",
        "actor_id",
        "actor_name",
        "record_type",
        "record_id",
        "record_name",
        "detail",
        "created_at",
    ]);
    for n in items {
        let actor = n
            .actor_id
            .map_or(Value::Null, |a| Value::String(a.to_string()));
        statement
            .values([
                Expr::val(bind_uuid(b, n.id)),
                Expr::val(bind_uuid(b, n.user_id)),
                Expr::val(n.kind.as_str()),
                Expr::val(bind(b, FieldType::Uuid, &actor)),
                Expr::val(n.actor_name.as_str()),
                Expr::val(n.record_type.as_str()),
                Expr::val(bind_uuid(b, n.record_id)),
                Expr::val(n.record_name.as_str()),
                Expr::val(text(&n.detail)),
                Expr::val(bind_time(b, &n.created_at)),
            ])
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    }
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// A recipient's notifications, newest first: at most `limit`, older than `before` if
/// given, and only the unread ones if asked.
pub async fn list(
    db: &Db,
    user_id: Uuid,
    unread_only: bool,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Notification>, StoreError> {
    let b = db.backend();
    let mut statement = Query::select();
    statement
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("notifications")
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .order_by("id", Order::Desc)
        .limit(limit);
    if unread_only {
        statement.and_where(Expr::col("read_at").is_null());
    }
    if let Some(id) = before {
        statement.and_where(Expr::col("id").lt(bind_uuid(b, id)));
    }
    let rows = sql::fetch(db.into(), &statement, &COLUMNS).await?;
    Ok(rows.iter().filter_map(row).collect())
}

/// One of a recipient's notifications.
pub async fn get(tx: &mut Tx, user_id: Uuid, id: Uuid) -> Result<Option<Notification>, StoreError> {
    let b = tx.backend();
    let statement = Query::select()
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("notifications")
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .to_owned();
    let rows = sql::fetch(tx.into(), &statement, &COLUMNS).await?;
    Ok(rows.first().and_then(row))
}

/// How many notifications a recipient has not read.
pub async fn unread_count(db: &Db, user_id: Uuid) -> Result<i64, StoreError> {
    let b = db.backend();
    let statement = Query::select()
        .expr_as(Expr::col(Asterisk).count(), "n")
        .from("notifications")
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .and_where(Expr::col("read_at").is_null())
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("n", FieldType::Int)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("n"))
        .and_then(Value::as_i64)
        .unwrap_or(0))
}

/// Marks one of a recipient's notifications, or all of them, read; returns how many
/// changed (one already read does not change again).
pub async fn mark_read(
    tx: &mut Tx,
    user_id: Uuid,
    which: Option<Uuid>,
    now: &str,
) -> Result<u64, StoreError> {
    let b = tx.backend();
    let mut statement = Query::update();
    statement
        .table("notifications")
        .value("read_at", bind_time(b, now))
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .and_where(Expr::col("read_at").is_null());
    if let Some(id) = which {
        statement.and_where(Expr::col("id").eq(bind_uuid(b, id)));
    }
    sql::execute(tx, &statement).await
}
