//! Aggregates over deals that a board and a 360° page show without loading them: per
//! stage of a pipeline, how many open deals there are and what they add up to in each
//! currency, and what a contact or company won and lost.

use crate::connect::Db;
use crate::forecast;
use crate::records::visibility_condition;
use crate::sql::{self, StoreError, bind, bind_uuid};
use rapport_core::entity::{Entity, FieldType};
use rapport_core::policy::Visibility;
use sea_query::{Alias, Asterisk, Expr, ExprTrait, Order, Query};
use serde_json::{Value, json};
use uuid::Uuid;

/// The open deals of one stage in one currency (none for deals without an amount's
/// currency): how many there are and the sum of their amounts in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTotal {
    pub stage: String,
    pub currency: Option<String>,
    pub count: i64,
    pub amount: i64,
}

/// The open, live deals of a pipeline the caller may see, counted and summed per stage
/// and currency, from the sums the database keeps (`forecast::SUMS`): a few rows per
/// month and owner, however many deals there are.
pub async fn deal_board_summary(
    db: &Db,
    pipeline_id: Uuid,
    visibility: &Visibility,
) -> Result<Vec<StageTotal>, StoreError> {
    let backend = db.backend();
    let mut statement = Query::select()
        .column("stage")
        .column("currency")
        // PostgreSQL sums a bigint as numeric; the counts and amounts stay far below
        // i64's range.
        .expr_as(Expr::col("n").sum().cast_as(Alias::new("BIGINT")), "count")
        .expr_as(
            Expr::col("total").sum().cast_as(Alias::new("BIGINT")),
            "amount",
        )
        .from(forecast::SUMS)
        .and_where(Expr::col("pipeline_id").eq(bind(
            backend,
            FieldType::Text,
            &json!(pipeline_id.to_string()),
        )))
        .and_where(Expr::col("kind").eq("open"))
        .group_by_col("stage")
        .group_by_col("currency")
        .order_by("stage", Order::Asc)
        .order_by("currency", Order::Asc)
        .to_owned();
    if let Some(condition) = forecast::sums_visibility(backend, visibility) {
        statement.cond_where(condition);
    }
    let rows = sql::fetch(
        db.into(),
        &statement,
        &[
            ("stage", FieldType::Text),
            ("currency", FieldType::Text),
            ("count", FieldType::Int),
            ("amount", FieldType::Int),
        ],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|r| StageTotal {
            stage: forecast::kept_text(r, "stage").unwrap_or_default(),
            currency: forecast::kept_text(r, "currency"),
            count: r.get("count").and_then(Value::as_i64).unwrap_or(0),
            amount: r.get("amount").and_then(Value::as_i64).unwrap_or(0),
        })
        .filter(|t| t.count != 0)
        .collect())
}

/// Whose deals a total is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Contact,
    Company,
}

impl Party {
    const fn column(self) -> &'static str {
        match self {
            Party::Contact => "contact_id",
            Party::Company => "company_id",
        }
    }
}

/// The closed deals of one status in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedTotal {
    pub status: String,
    pub currency: Option<String>,
    pub count: i64,
    pub amount: i64,
}

/// A contact's or company's won and lost deals that the caller may see, counted and
/// summed per status and currency.
pub async fn closed_totals(
    db: &Db,
    party: Party,
    id: Uuid,
    visibility: &Visibility,
) -> Result<Vec<ClosedTotal>, StoreError> {
    let backend = db.backend();
    let mut statement = Query::select()
        .column("status")
        .column("currency")
        .expr_as(Expr::col(Asterisk).count(), "n")
        .expr_as(
            Expr::col("amount").sum().cast_as(Alias::new("BIGINT")),
            "total",
        )
        .from(Entity::Deal.table())
        .and_where(Expr::col(party.column()).eq(bind_uuid(backend, id)))
        .and_where(Expr::col("status").is_in(["won", "lost"]))
        .and_where(Expr::col("deleted_at").is_null())
        .group_by_col("status")
        .group_by_col("currency")
        .order_by("status", Order::Desc)
        .order_by("currency", Order::Asc)
        .to_owned();
    if let Some(condition) = visibility_condition(backend, Entity::Deal, visibility) {
        statement.cond_where(condition);
    }
    let rows = sql::fetch(
        db.into(),
        &statement,
        &[
            ("status", FieldType::Text),
            ("currency", FieldType::Text),
            ("n", FieldType::Int),
            ("total", FieldType::Int),
        ],
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ClosedTotal {
            status: r
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            currency: r
                .get("currency")
                .and_then(Value::as_str)
                .map(str::to_string),
            count: r.get("n").and_then(Value::as_i64).unwrap_or(0),
            amount: r.get("total").and_then(Value::as_i64).unwrap_or(0),
        })
        .collect())
}
