//! The forecast's sums, counted by the database, and the sales targets.
//!
//! Deals are summed per calendar month, owner, pipeline, stage, the deal's own
//! probability and currency in one grouped query per status: open deals by their
//! expected close date, won deals by when they closed (in UTC). The service weighs and
//! folds those sums into periods; nothing here loads a deal.

use crate::connect::{Backend, Db, Tx};
use crate::records::visibility_condition;
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::entity::{Entity, FieldType};
use rapport_core::policy::Visibility;
use sea_query::{Alias, Asterisk, Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::{Value, json};
use uuid::Uuid;

/// Which deals a forecast sums: a range of days, and optionally one pipeline and one
/// owner. Every currency is summed apart, so that the service can choose one and name
/// the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealFilter {
    /// The first day, `YYYY-MM-DD`.
    pub first_day: String,
    /// The last day, `YYYY-MM-DD`, counted in.
    pub last_day: String,
    /// The day after the last one, as a canonical UTC time (where won deals stop).
    pub end: String,
    /// The first day as a canonical UTC time.
    pub start: String,
    pub pipeline_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
}

/// Whether a sum is of open deals (by expected close) or won deals (by close).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Open,
    Won,
}

/// The deals of one month, owner, pipeline, stage, own probability and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealSum {
    pub kind: Kind,
    /// `YYYY-MM`.
    pub month: String,
    pub owner_id: Option<Uuid>,
    pub pipeline_id: Option<Uuid>,
    /// The stage of an open deal; none for won deals, which are not weighed.
    pub stage: Option<String>,
    /// The probability the deals set themselves, overriding their stage's.
    pub probability: Option<i64>,
    pub currency: Option<String>,
    pub count: i64,
    /// The sum of their amounts in minor units (deals without an amount add nothing).
    pub amount: i64,
}

/// The month a stored date or time falls in, as `YYYY-MM`. Expected close dates are
/// text on both backends; `closed_at` is text in UTC on SQLite and a `timestamptz` on
/// PostgreSQL, read in UTC. The expressions are fixed text naming allowlisted columns.
fn month_of(backend: Backend, kind: Kind) -> Expr {
    match (kind, backend) {
        (Kind::Open, _) => Expr::cust("substr(expected_close, 1, 7)"),
        (Kind::Won, Backend::Sqlite) => Expr::cust("substr(closed_at, 1, 7)"),
        (Kind::Won, Backend::Postgres) => {
            Expr::cust("to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM')")
        }
    }
}

fn sums_statement(
    backend: Backend,
    kind: Kind,
    filter: &DealFilter,
    visibility: &Visibility,
) -> SelectStatement {
    let mut statement = Query::select();
    statement
        .expr_as(month_of(backend, kind), "month")
        .column("owner_id")
        .column("pipeline_id")
        .column("currency")
        .expr_as(Expr::col(Asterisk).count(), "n")
        // PostgreSQL sums a bigint as numeric; the amounts stay far below i64's range.
        .expr_as(
            Expr::col("amount").sum().cast_as(Alias::new("BIGINT")),
            "total",
        )
        .from(Entity::Deal.table())
        .and_where(Expr::col("deleted_at").is_null())
        .group_by_col("month")
        .group_by_col("owner_id")
        .group_by_col("pipeline_id")
        .group_by_col("currency")
        .order_by("month", Order::Asc);
    match kind {
        Kind::Open => {
            statement
                .column("stage")
                .column("probability")
                .and_where(Expr::col("status").eq("open"))
                .and_where(Expr::col("expected_close").gte(filter.first_day.as_str()))
                .and_where(Expr::col("expected_close").lte(filter.last_day.as_str()))
                .group_by_col("stage")
                .group_by_col("probability");
        }
        Kind::Won => {
            statement
                .and_where(Expr::col("status").eq("won"))
                .and_where(Expr::col("closed_at").gte(bind_time(backend, &filter.start)))
                .and_where(Expr::col("closed_at").lt(bind_time(backend, &filter.end)));
        }
    }
    if let Some(pipeline) = filter.pipeline_id {
        statement.and_where(Expr::col("pipeline_id").eq(bind_uuid(backend, pipeline)));
    }
    if let Some(owner) = filter.owner_id {
        statement.and_where(Expr::col("owner_id").eq(bind_uuid(backend, owner)));
    }
    if let Some(condition) = visibility_condition(backend, Entity::Deal, visibility) {
        statement.cond_where(condition);
    }
    statement
}

/// The open and won deals the caller may see in the filter's range, summed per month,
/// owner, pipeline, stage, own probability and currency: two grouped queries.
pub async fn deal_sums(
    db: &Db,
    filter: &DealFilter,
    visibility: &Visibility,
) -> Result<Vec<DealSum>, StoreError> {
    let backend = db.backend();
    let mut out = Vec::new();
    for kind in [Kind::Open, Kind::Won] {
        let statement = sums_statement(backend, kind, filter, visibility);
        let mut columns = vec![
            ("month", FieldType::Text),
            ("owner_id", FieldType::Uuid),
            ("pipeline_id", FieldType::Uuid),
            ("currency", FieldType::Text),
            ("n", FieldType::Int),
            ("total", FieldType::Int),
        ];
        if kind == Kind::Open {
            columns.extend([("stage", FieldType::Text), ("probability", FieldType::Int)]);
        }
        let rows = sql::fetch(db.into(), &statement, &columns).await?;
        let uuid = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok())
        };
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        out.extend(rows.into_iter().map(|r| DealSum {
            kind,
            month: text(r.get("month")).unwrap_or_default(),
            owner_id: uuid(r.get("owner_id")),
            pipeline_id: uuid(r.get("pipeline_id")),
            stage: text(r.get("stage")),
            probability: r.get("probability").and_then(Value::as_i64),
            currency: text(r.get("currency")),
            count: r.get("n").and_then(Value::as_i64).unwrap_or(0),
            amount: r.get("total").and_then(Value::as_i64).unwrap_or(0),
        }));
    }
    Ok(out)
}

/// A sales target: an amount for one month and one owner (or, without one, the team).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `YYYY-MM`.
    pub month: String,
    pub owner_id: Option<Uuid>,
    pub currency: String,
    /// In minor units.
    pub amount: i64,
    pub updated_at: String,
    pub updated_by: Option<Uuid>,
}

const TARGETS: &str = "sales_targets";

const TARGET_COLUMNS: [(&str, FieldType); 6] = [
    ("month", FieldType::Text),
    ("owner_id", FieldType::Uuid),
    ("currency", FieldType::Text),
    ("amount", FieldType::Int),
    ("updated_at", FieldType::Time),
    ("updated_by", FieldType::Uuid),
];

/// The targets of the months from `first` to `last` (`YYYY-MM`, both counted), in one
/// currency or all, by month and then the team's first.
pub async fn targets(
    db: &Db,
    first: &str,
    last: &str,
    currency: Option<&str>,
) -> Result<Vec<Target>, StoreError> {
    let mut statement = Query::select();
    statement
        .columns(TARGET_COLUMNS.map(|(name, _)| name))
        .from(TARGETS)
        .and_where(Expr::col("month").gte(first))
        .and_where(Expr::col("month").lte(last))
        .order_by("month", Order::Asc)
        .order_by("currency", Order::Asc)
        .order_by("owner_id", Order::Asc);
    if let Some(currency) = currency {
        statement.and_where(Expr::col("currency").eq(currency));
    }
    let rows = sql::fetch(db.into(), &statement, &TARGET_COLUMNS).await?;
    let mut out: Vec<Target> = rows
        .into_iter()
        .map(|r| {
            let text = |k: &str| {
                r.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let uuid = |k: &str| {
                r.get(k)
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok())
            };
            Target {
                month: text("month"),
                owner_id: uuid("owner_id"),
                currency: text("currency"),
                amount: r.get("amount").and_then(Value::as_i64).unwrap_or(0),
                updated_at: text("updated_at"),
                updated_by: uuid("updated_by"),
            }
        })
        .collect();
    // NULL sorts first on SQLite and last on PostgreSQL; the team's target leads on both.
    out.sort_by(|a, b| {
        (&a.month, &a.currency, a.owner_id.is_some(), a.owner_id).cmp(&(
            &b.month,
            &b.currency,
            b.owner_id.is_some(),
            b.owner_id,
        ))
    });
    Ok(out)
}

/// Serialises writers of the targets on PostgreSQL, so that two replacements of the same
/// months wait for each other instead of colliding on the unique index. SQLite's single
/// writer does this already.
async fn lock_targets(tx: &mut Tx) -> Result<(), StoreError> {
    if let Tx::Postgres(tx) = tx {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('sales_targets'))")
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the targets of one currency in the months from `first` to `last` with
/// `targets`, in the caller's transaction.
pub async fn replace_targets(
    tx: &mut Tx,
    first: &str,
    last: &str,
    currency: &str,
    targets: &[Target],
) -> Result<(), StoreError> {
    lock_targets(tx).await?;
    let backend = tx.backend();
    let delete = Query::delete()
        .from_table(TARGETS)
        .and_where(Expr::col("month").gte(first))
        .and_where(Expr::col("month").lte(last))
        .and_where(Expr::col("currency").eq(currency))
        .to_owned();
    sql::execute(tx, &delete).await?;
    for chunk in targets.chunks(100) {
        let mut insert = Query::insert();
        insert
            .into_table(TARGETS)
            .columns(TARGET_COLUMNS.map(|(name, _)| name));
        for t in chunk {
            let values = [
                json!(t.month),
                t.owner_id.map_or(Value::Null, |o| json!(o.to_string())),
                json!(t.currency),
                json!(t.amount),
                json!(t.updated_at),
                t.updated_by.map_or(Value::Null, |o| json!(o.to_string())),
            ];
            let row: Vec<Expr> = TARGET_COLUMNS
                .iter()
                .zip(values.iter())
                .map(|((_, ty), v)| Expr::val(bind(backend, *ty, v)))
                .collect();
            insert
                .values(row)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        }
        sql::execute(tx, &insert).await?;
    }
    Ok(())
}
