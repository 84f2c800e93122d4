//! Aggregates over deals that a board and a 360° page show without loading them: per
//! stage of a pipeline, how many open deals there are and what they add up to in each
//! currency, and what a contact or company won and lost.

use crate::connect::Db;
use crate::forecast;
use crate::records::visibility_condition;
use crate::sql::{self, StoreError, bind, bind_uuid};
use rapport_core::entity::{Entity, FieldType};
use rapport_core::policy::Visibility;
use rapport_core::record::Record;
use sea_query::{Alias, Asterisk, Expr, ExprTrait, Order, Query, SelectStatement, UnionType};
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

/// The rows of every part, one after the other, in one statement; none without parts.
/// Each part is wrapped in a subquery, since neither backend takes a bare ORDER BY or
/// LIMIT in front of UNION ALL.
fn union_all(parts: impl IntoIterator<Item = SelectStatement>) -> Option<SelectStatement> {
    let mut wrapped = parts.into_iter().map(|part| {
        Query::select()
            .column(Asterisk)
            .from_subquery(part, Alias::new("part"))
            .to_owned()
    });
    let mut statement = wrapped.next()?;
    statement.unions(wrapped.map(|part| (UnionType::All, part)));
    Some(statement)
}

/// The fields a board's card shows, and the version a move is made from.
pub const CARD_FIELDS: [&str; 9] = [
    "id",
    "title",
    "stage",
    "company_id",
    "amount",
    "currency",
    "owner_id",
    "stage_entered_at",
    "version",
];

/// The first `per_stage` open, live deals of each of a pipeline's stages that the caller
/// may see, longest in their stage first, holding only [`CARD_FIELDS`]. One statement of
/// one limited scan of the `deals_board` index per stage, so a stage with ten thousand
/// deals reads as few as one with ten.
pub async fn board_cards(
    db: &Db,
    pipeline_id: Uuid,
    stages: &[String],
    per_stage: u64,
    visibility: &Visibility,
) -> Result<Vec<Record>, StoreError> {
    let backend = db.backend();
    let table = Entity::Deal.table();
    let columns: Vec<(&str, FieldType)> = CARD_FIELDS
        .iter()
        .filter_map(|name| Some((*name, Entity::Deal.field(name)?.ty)))
        .collect();
    let stage_of = |stage: &String| {
        let mut inner = Query::select();
        inner
            .columns(CARD_FIELDS)
            .from(table)
            .and_where(Expr::col("pipeline_id").eq(bind_uuid(backend, pipeline_id)))
            .and_where(Expr::col("status").eq("open"))
            .and_where(Expr::col("stage").eq(stage.as_str()))
            .and_where(Expr::col("deleted_at").is_null())
            .order_by("stage_entered_at", Order::Asc)
            .order_by("id", Order::Asc)
            .limit(per_stage);
        if let Some(condition) = visibility_condition(backend, Entity::Deal, visibility) {
            inner.cond_where(condition);
        }
        inner
    };
    let Some(statement) = union_all(stages.iter().map(stage_of)) else {
        return Ok(Vec::new());
    };
    let rows = sql::fetch(db.into(), &statement, &columns).await?;
    Ok(rows
        .into_iter()
        .map(|data| Record {
            entity: Entity::Deal,
            data,
        })
        .collect())
}

/// The fields a panel shows of a document (besides the dates its shown status reads).
const DOCUMENT_PANEL_FIELDS: [&str; 6] =
    ["id", "number", "status", "total", "currency", "created_at"];

/// The newest `per_kind` live documents of each of `kinds` (quotes, orders, invoices)
/// that a contact or company has, each kind under its own visibility, with only what a
/// panel shows: one statement of one limited index scan per kind. Each record holds the
/// document's `valid_until` or `due_date` too (null where the kind has none), since its
/// shown status depends on them.
pub async fn party_documents(
    db: &Db,
    party: Party,
    id: Uuid,
    kinds: &[(Entity, Visibility)],
    per_kind: u64,
) -> Result<Vec<Record>, StoreError> {
    let backend = db.backend();
    let mut columns: Vec<(&str, FieldType)> = DOCUMENT_PANEL_FIELDS
        .iter()
        .filter_map(|name| Some((*name, Entity::Quote.field(name)?.ty)))
        .collect();
    columns.extend([
        ("kind", FieldType::Text),
        ("valid_until", FieldType::Text),
        ("due_date", FieldType::Text),
    ]);
    let part = |(kind, visibility): &(Entity, Visibility)| {
        let table = kind.table();
        let dated = |name: &str| match kind.field(name) {
            Some(_) => Expr::col(Alias::new(name)),
            None => Expr::cust("NULL"),
        };
        let mut inner = Query::select();
        inner
            .columns(DOCUMENT_PANEL_FIELDS)
            .expr_as(Expr::val(kind.resource()), "kind")
            .expr_as(dated("valid_until"), "valid_until")
            .expr_as(dated("due_date"), "due_date")
            .from(table)
            .and_where(Expr::col(party.column()).eq(bind_uuid(backend, id)))
            .and_where(Expr::col("deleted_at").is_null())
            .order_by("created_at", Order::Desc)
            .order_by("id", Order::Desc)
            .limit(per_kind);
        if let Some(condition) = visibility_condition(backend, *kind, visibility) {
            inner.cond_where(condition);
        }
        inner
    };
    let parts = kinds
        .iter()
        .filter(|(kind, _)| kind.is_document())
        .map(part);
    let Some(statement) = union_all(parts) else {
        return Ok(Vec::new());
    };
    let rows = sql::fetch(db.into(), &statement, &columns).await?;
    Ok(rows
        .into_iter()
        .filter_map(|mut data| {
            let kind = match data.remove("kind").as_ref().and_then(Value::as_str) {
                Some("quotes") => Entity::Quote,
                Some("orders") => Entity::Order,
                Some("invoices") => Entity::Invoice,
                _ => return None,
            };
            Some(Record { entity: kind, data })
        })
        .collect())
}
