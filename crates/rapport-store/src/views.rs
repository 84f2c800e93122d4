//! Saved list views.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind_time, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Cond, Expr, ExprTrait, Order, Query};
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct SavedView {
    pub id: Uuid,
    pub user_id: Uuid,
    pub entity: String,
    pub name: String,
    pub query: String,
    pub shared: bool,
}

const COLUMNS: [(&str, FieldType); 6] = [
    ("id", FieldType::Uuid),
    ("user_id", FieldType::Uuid),
    ("entity", FieldType::Text),
    ("name", FieldType::Text),
    ("query", FieldType::Text),
    ("shared", FieldType::Bool),
];

pub async fn insert(tx: &mut Tx, view: &SavedView, at: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::insert()
        .into_table("saved_views")
        .columns([
            "id",
            "user_id",
            "entity",
            "name",
            "query",
            "shared",
            "created_at",
        ])
        .values([
            Expr::val(bind_uuid(b, view.id)),
            Expr::val(bind_uuid(b, view.user_id)),
            Expr::val(view.entity.as_str()),
            Expr::val(view.name.as_str()),
            Expr::val(view.query.as_str()),
            Expr::val(view.shared),
            Expr::val(bind_time(b, at)),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// The views of one list that a user sees: their own and the shared ones, by name.
pub async fn visible(db: &Db, user_id: Uuid, entity: &str) -> Result<Vec<SavedView>, StoreError> {
    let b = db.backend();
    let statement = Query::select()
        .columns(COLUMNS.iter().map(|(n, _)| *n))
        .from("saved_views")
        .and_where(Expr::col("entity").eq(entity))
        .cond_where(
            Cond::any()
                .add(Expr::col("user_id").eq(bind_uuid(b, user_id)))
                .add(Expr::col("shared").eq(true)),
        )
        .order_by("name", Order::Asc)
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &COLUMNS).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let text = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
            Some(SavedView {
                id: text("id").and_then(|s| Uuid::parse_str(&s).ok())?,
                user_id: text("user_id").and_then(|s| Uuid::parse_str(&s).ok())?,
                entity: text("entity")?,
                name: text("name")?,
                query: text("query")?,
                shared: r.get("shared").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect())
}

/// Deletes a view its owner made.
pub async fn delete(tx: &mut Tx, id: Uuid, user_id: Uuid) -> Result<bool, StoreError> {
    let b = tx.backend();
    let statement = Query::delete()
        .from_table("saved_views")
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .and_where(Expr::col("user_id").eq(bind_uuid(b, user_id)))
        .to_owned();
    Ok(sql::execute(tx, &statement).await? == 1)
}
