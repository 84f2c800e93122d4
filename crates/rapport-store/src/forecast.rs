//! The forecast's sums and the sales targets.
//!
//! Deals are summed per calendar month, owner, pipeline, stage, the deal's own
//! probability and currency: open deals by their expected close date, won deals by when
//! they closed (in UTC). The database keeps these sums in `deal_sums` as deals change
//! (migration 0016), so whole months are read from there; a range that starts or ends
//! within a month has that month's days summed from the deals themselves. The service
//! weighs and folds the sums into periods; nothing here loads a deal.

use crate::connect::{Backend, Db, Tx};
use crate::records::visibility_condition;
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::clock;
use rapport_core::entity::{Entity, FieldType};
use rapport_core::forecast::Month;
use rapport_core::policy::Visibility;
use sea_query::{Alias, Asterisk, Cond, Condition, Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::{Map, Value, json};
use time::Date;
use uuid::Uuid;

/// Which deals a forecast sums: a range of days, and optionally one pipeline and one
/// owner. Every currency is summed apart, so that the service can choose one and name
/// the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealFilter {
    /// The first day.
    pub from: Date,
    /// The last day, counted in.
    pub to: Date,
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

/// The table the database keeps the sums in.
pub(crate) const SUMS: &str = "deal_sums";

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

fn first_of_month(day: Date) -> Date {
    day.replace_day(1).unwrap_or(day)
}

// Not `Month::last_day`, which has no answer in the last month a `Date` can hold.
fn last_of_month(day: Date) -> Date {
    day.replace_day(day.month().length(day.year()))
        .unwrap_or(day)
}

/// How a range of days is read: the whole months in it from the kept sums, and the
/// days of a month it covers only in part from the deals.
#[derive(Debug, PartialEq, Eq)]
struct Split {
    whole: Option<(Date, Date)>,
    parts: Vec<(Date, Date)>,
}

fn split(from: Date, to: Date) -> Split {
    let mut parts = Vec::new();
    if to < from {
        return Split { whole: None, parts };
    }
    let mut whole_from = from;
    if from != first_of_month(from) {
        let end = Ord::min(last_of_month(from), to);
        parts.push((from, end));
        match end.next_day() {
            Some(next) => whole_from = next,
            None => return Split { whole: None, parts },
        }
    }
    if whole_from > to {
        return Split { whole: None, parts };
    }
    let mut whole_to = to;
    if to != last_of_month(to) {
        let start = Ord::max(first_of_month(to), whole_from);
        parts.push((start, to));
        match start.previous_day() {
            Some(previous) => whole_to = previous,
            None => return Split { whole: None, parts },
        }
    }
    let whole = (whole_from <= whole_to).then_some((whole_from, whole_to));
    Split { whole, parts }
}

fn midnight(day: Date) -> String {
    clock::format(day.midnight().assume_utc())
}

/// The deals of some days of one month, summed from the deals themselves.
fn scan_statement(
    backend: Backend,
    kind: Kind,
    (from, to): (Date, Date),
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
                .and_where(Expr::col("expected_close").gte(from.to_string()))
                .and_where(Expr::col("expected_close").lte(to.to_string()))
                .group_by_col("stage")
                .group_by_col("probability");
        }
        Kind::Won => {
            let end = to.next_day().map_or_else(|| midnight(to), midnight);
            statement
                .and_where(Expr::col("status").eq("won"))
                .and_where(Expr::col("closed_at").gte(bind_time(backend, &midnight(from))))
                .and_where(Expr::col("closed_at").lt(bind_time(backend, &end)));
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

/// Limits kept sums to the owners a caller may see. The sums keep ids as text on both
/// backends, and nobody as ''.
pub(crate) fn sums_visibility(backend: Backend, visibility: &Visibility) -> Option<Condition> {
    let Visibility::OwnedBy(users) = visibility else {
        return None;
    };
    let text = |id: &Uuid| bind(backend, FieldType::Text, &json!(id.to_string()));
    Some(
        Cond::any()
            .add(Expr::col("owner_id").eq(""))
            .add(Expr::col("owner_id").is_in(users.iter().map(text))),
    )
}

/// Reads a kept id back: '' is none.
pub(crate) fn kept_id(row: &Map<String, Value>, name: &str) -> Option<Uuid> {
    row.get(name)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// Reads a kept text back: '' is none.
pub(crate) fn kept_text(row: &Map<String, Value>, name: &str) -> Option<String> {
    row.get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The kept sums of the whole months from `from` to `to`.
async fn kept_sums(
    db: &Db,
    (from, to): (Date, Date),
    filter: &DealFilter,
    visibility: &Visibility,
) -> Result<Vec<DealSum>, StoreError> {
    let backend = db.backend();
    let text = |v: String| bind(backend, FieldType::Text, &json!(v));
    let mut statement = Query::select();
    statement
        .columns(KEPT_COLUMNS.map(|(name, _)| name))
        .from(SUMS)
        .and_where(Expr::col("kind").is_in(["open", "won"]))
        .and_where(Expr::col("month").gte(text(Month::of(from).to_string())))
        .and_where(Expr::col("month").lte(text(Month::of(to).to_string())))
        .and_where(Expr::col("n").ne(0));
    if let Some(pipeline) = filter.pipeline_id {
        statement.and_where(Expr::col("pipeline_id").eq(text(pipeline.to_string())));
    }
    if let Some(owner) = filter.owner_id {
        statement.and_where(Expr::col("owner_id").eq(text(owner.to_string())));
    }
    if let Some(condition) = sums_visibility(backend, visibility) {
        statement.cond_where(condition);
    }
    let rows = sql::fetch(db.into(), &statement, &KEPT_COLUMNS).await?;
    Ok(rows.iter().map(kept_sum).collect())
}

/// The sums of some days of one month, from the deals.
async fn scanned_sums(
    db: &Db,
    days: (Date, Date),
    filter: &DealFilter,
    visibility: &Visibility,
) -> Result<Vec<DealSum>, StoreError> {
    let backend = db.backend();
    let mut out = Vec::new();
    for kind in [Kind::Open, Kind::Won] {
        let statement = scan_statement(backend, kind, days, filter, visibility);
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
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        out.extend(rows.into_iter().map(|r| DealSum {
            kind,
            month: text(r.get("month")).unwrap_or_default(),
            owner_id: kept_id(&r, "owner_id"),
            pipeline_id: kept_id(&r, "pipeline_id"),
            stage: text(r.get("stage")),
            probability: r.get("probability").and_then(Value::as_i64),
            currency: text(r.get("currency")),
            count: r.get("n").and_then(Value::as_i64).unwrap_or(0),
            amount: r.get("total").and_then(Value::as_i64).unwrap_or(0),
        }));
    }
    Ok(out)
}

/// The open and won deals the caller may see in the filter's range, summed per month,
/// owner, pipeline, stage, own probability and currency.
pub async fn deal_sums(
    db: &Db,
    filter: &DealFilter,
    visibility: &Visibility,
) -> Result<Vec<DealSum>, StoreError> {
    let split = split(filter.from, filter.to);
    let mut out = Vec::new();
    if let Some(whole) = split.whole {
        out.extend(kept_sums(db, whole, filter, visibility).await?);
    }
    for days in split.parts {
        out.extend(scanned_sums(db, days, filter, visibility).await?);
    }
    Ok(out)
}

const KEPT_COLUMNS: [(&str, FieldType); 9] = [
    ("kind", FieldType::Text),
    ("month", FieldType::Text),
    ("owner_id", FieldType::Text),
    ("pipeline_id", FieldType::Text),
    ("stage", FieldType::Text),
    ("probability", FieldType::Int),
    ("currency", FieldType::Text),
    ("n", FieldType::Int),
    ("total", FieldType::Int),
];

/// A kept row as a sum; an open deal without an expected close is in month ''.
fn kept_sum(r: &Map<String, Value>) -> DealSum {
    DealSum {
        kind: match r.get("kind").and_then(Value::as_str) {
            Some("won") => Kind::Won,
            _ => Kind::Open,
        },
        month: kept_text(r, "month").unwrap_or_default(),
        owner_id: kept_id(r, "owner_id"),
        pipeline_id: kept_id(r, "pipeline_id"),
        stage: kept_text(r, "stage"),
        probability: r
            .get("probability")
            .and_then(Value::as_i64)
            .filter(|p| *p >= 0),
        currency: kept_text(r, "currency"),
        count: r.get("n").and_then(Value::as_i64).unwrap_or(0),
        amount: r.get("total").and_then(Value::as_i64).unwrap_or(0),
    }
}

fn sum_order(a: &DealSum, b: &DealSum) -> std::cmp::Ordering {
    let key = |s: &DealSum| {
        (
            s.kind == Kind::Won,
            s.month.clone(),
            s.pipeline_id,
            s.owner_id,
            s.stage.clone(),
            s.probability,
            s.currency.clone(),
        )
    };
    key(a).cmp(&key(b))
}

/// Every sum the database keeps, in a fixed order (for checks and tests).
pub async fn kept(db: &Db) -> Result<Vec<DealSum>, StoreError> {
    let statement = Query::select()
        .columns(KEPT_COLUMNS.map(|(name, _)| name))
        .from(SUMS)
        .and_where(Expr::col("n").ne(0))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &KEPT_COLUMNS).await?;
    let mut out: Vec<DealSum> = rows.iter().map(kept_sum).collect();
    out.sort_by(sum_order);
    Ok(out)
}

/// The sums recounted from the deals, in the same shape and order as [`kept`]: what
/// the kept sums must always equal. The expressions are fixed text.
pub async fn recounted(db: &Db) -> Result<Vec<DealSum>, StoreError> {
    let (month, pipeline, owner) = match db.backend() {
        Backend::Sqlite => (
            "CASE status WHEN 'open' THEN COALESCE(substr(expected_close, 1, 7), '') \
             ELSE substr(closed_at, 1, 7) END",
            "pipeline_id",
            "COALESCE(owner_id, '')",
        ),
        Backend::Postgres => (
            "CASE status WHEN 'open' THEN COALESCE(substr(expected_close, 1, 7), '') \
             ELSE to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM') END",
            "pipeline_id::text",
            "COALESCE(owner_id::text, '')",
        ),
    };
    let statement = Query::select()
        .expr_as(Expr::cust("status"), "kind")
        .expr_as(Expr::cust(month), "month")
        .expr_as(Expr::cust(pipeline), "pipeline_id")
        .expr_as(Expr::cust(owner), "owner_id")
        .expr_as(
            Expr::cust("CASE status WHEN 'open' THEN stage ELSE '' END"),
            "stage",
        )
        .expr_as(
            Expr::cust("CASE status WHEN 'open' THEN COALESCE(probability, -1) ELSE -1 END"),
            "probability",
        )
        .expr_as(Expr::cust("COALESCE(currency, '')"), "currency")
        .expr_as(Expr::col(Asterisk).count(), "n")
        .expr_as(
            Expr::cust("CAST(COALESCE(sum(amount), 0) AS BIGINT)"),
            "total",
        )
        .from(Entity::Deal.table())
        .and_where(Expr::col("deleted_at").is_null())
        .and_where(Expr::cust(
            "(status = 'open' OR (status = 'won' AND closed_at IS NOT NULL))",
        ))
        .add_group_by([
            Expr::cust("1"),
            Expr::cust("2"),
            Expr::cust("3"),
            Expr::cust("4"),
            Expr::cust("5"),
            Expr::cust("6"),
            Expr::cust("7"),
        ])
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &KEPT_COLUMNS).await?;
    let mut out: Vec<DealSum> = rows.iter().map(kept_sum).collect();
    out.sort_by(sum_order);
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn whole_months_come_from_the_kept_sums_and_other_days_from_the_deals() {
        let whole = split(date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        assert_eq!(
            whole.whole,
            Some((date!(2026 - 01 - 01), date!(2026 - 12 - 31)))
        );
        assert!(whole.parts.is_empty());

        let ragged = split(date!(2026 - 01 - 15), date!(2026 - 03 - 10));
        assert_eq!(
            ragged.whole,
            Some((date!(2026 - 02 - 01), date!(2026 - 02 - 28)))
        );
        assert_eq!(
            ragged.parts,
            vec![
                (date!(2026 - 01 - 15), date!(2026 - 01 - 31)),
                (date!(2026 - 03 - 01), date!(2026 - 03 - 10)),
            ]
        );

        let inside = split(date!(2026 - 02 - 03), date!(2026 - 02 - 20));
        assert_eq!(inside.whole, None);
        assert_eq!(
            inside.parts,
            vec![(date!(2026 - 02 - 03), date!(2026 - 02 - 20))]
        );

        let neighbours = split(date!(2026 - 02 - 03), date!(2026 - 03 - 02));
        assert_eq!(neighbours.whole, None);
        assert_eq!(
            neighbours.parts,
            vec![
                (date!(2026 - 02 - 03), date!(2026 - 02 - 28)),
                (date!(2026 - 03 - 01), date!(2026 - 03 - 02)),
            ]
        );

        let tail = split(date!(2024 - 02 - 01), date!(2024 - 03 - 30));
        assert_eq!(
            tail.whole,
            Some((date!(2024 - 02 - 01), date!(2024 - 02 - 29)))
        );
        assert_eq!(
            tail.parts,
            vec![(date!(2024 - 03 - 01), date!(2024 - 03 - 30))]
        );

        assert_eq!(
            split(date!(2026 - 05 - 02), date!(2026 - 05 - 01)).parts,
            vec![]
        );
    }
}
