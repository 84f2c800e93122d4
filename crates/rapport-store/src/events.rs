//! The history table: one row per change, written in the transaction of the change.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::entity::{Entity, FieldType};
use rapport_core::history::{Action, Change, Event, Origin};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

const COLUMNS: [(&str, FieldType); 8] = [
    ("id", FieldType::Uuid),
    ("entity", FieldType::Text),
    ("record_id", FieldType::Uuid),
    ("action", FieldType::Text),
    ("actor_id", FieldType::Uuid),
    ("origin", FieldType::Text),
    ("occurred_at", FieldType::Time),
    ("changes", FieldType::Json),
];

pub async fn insert(tx: &mut Tx, event: &Event) -> Result<(), StoreError> {
    insert_many(tx, &[event]).await
}

/// Inserts many events with multi-row statements.
pub async fn insert_many(tx: &mut Tx, events: &[&Event]) -> Result<(), StoreError> {
    let per_statement = crate::records::MAX_BOUND_VALUES / COLUMNS.len();
    for chunk in events.chunks(per_statement) {
        let mut statement = Query::insert();
        statement
            .into_table("events")
            .columns(COLUMNS.iter().map(|(n, _)| *n));
        for event in chunk {
            statement
                .values(values(tx.backend(), event)?)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        }
        sql::execute_held(tx, &statement).await?;
    }
    Ok(())
}

fn values(b: crate::Backend, event: &Event) -> Result<[Expr; 8], StoreError> {
    let changes =
        serde_json::to_value(&event.changes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let actor = event
        .actor_id
        .map_or(Value::Null, |a| Value::String(a.to_string()));
    Ok([
        Expr::val(bind_uuid(b, event.id)),
        Expr::val(event.entity.table()),
        Expr::val(bind_uuid(b, event.record_id)),
        Expr::val(event.action.as_str()),
        Expr::val(bind(b, FieldType::Uuid, &actor)),
        Expr::val(event.origin.as_str()),
        Expr::val(bind_time(b, &event.occurred_at)),
        Expr::val(bind(b, FieldType::Json, &changes)),
    ])
}

/// A record's events, oldest first, up to and including `until` when given.
pub async fn for_record(
    db: &Db,
    record_id: Uuid,
    until: Option<&str>,
) -> Result<Vec<Event>, StoreError> {
    let b = db.backend();
    let mut statement = Query::select();
    statement
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("events")
        .and_where(Expr::col("record_id").eq(bind_uuid(b, record_id)))
        .order_by("occurred_at", Order::Asc)
        .order_by("id", Order::Asc);
    if let Some(t) = until {
        statement.and_where(Expr::col("occurred_at").lte(bind_time(b, t)));
    }
    let rows = sql::fetch(db.into(), &statement, &COLUMNS).await?;
    rows.into_iter().map(|row| decode(&row)).collect()
}

fn decode(row: &serde_json::Map<String, Value>) -> Result<Event, StoreError> {
    let bad = |what: &str| StoreError::Corrupt(format!("event {what}"));
    let text = |k: &str| row.get(k).and_then(Value::as_str);
    let uuid = |k: &str| text(k).and_then(|s| Uuid::parse_str(s).ok());
    let changes: BTreeMap<String, Change> =
        serde_json::from_value(row.get("changes").cloned().unwrap_or(Value::Null))
            .map_err(|_| bad("changes"))?;
    Ok(Event {
        id: uuid("id").ok_or_else(|| bad("id"))?,
        entity: text("entity")
            .and_then(Entity::from_table)
            .ok_or_else(|| bad("entity"))?,
        record_id: uuid("record_id").ok_or_else(|| bad("record_id"))?,
        action: text("action")
            .and_then(Action::parse)
            .ok_or_else(|| bad("action"))?,
        actor_id: uuid("actor_id"),
        origin: text("origin")
            .and_then(Origin::parse)
            .ok_or_else(|| bad("origin"))?,
        occurred_at: text("occurred_at").ok_or_else(|| bad("time"))?.to_string(),
        changes,
    })
}
