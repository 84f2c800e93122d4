//! The rules of leads, pipelines and deals that span more than one field or record: a
//! deal's stage belongs to its pipeline, a won or lost deal keeps when it closed, a lead is
//! converted only by converting it. The record services call [`prepare`] inside the
//! write's transaction, on the state the change would leave.

use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::ValidationErrors;
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Origin;
use rapport_core::query::ListQuery;
use rapport_core::record::Record;
use rapport_store::Tx;
use rapport_store::records as store;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// Defaults that depend on other records, looked up before the write: the first pipeline
/// for a deal that names none.
pub async fn defaults(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    fields: &mut Map<String, Value>,
) -> Result<(), AppError> {
    match entity {
        Entity::Deal if fields.get("pipeline_id").is_none_or(Value::is_null) => {
            if let Some(first) = first_pipeline(app).await? {
                fields.insert("pipeline_id".into(), json!(first.to_string()));
            }
        }
        Entity::Lead => {
            let source = match ctx.origin {
                Origin::Api => "api",
                Origin::Import => "import",
                _ => "manual",
            };
            fields.entry("source").or_insert_with(|| json!(source));
        }
        _ => {}
    }
    Ok(())
}

/// The pipeline listed first (lowest position), if any exists.
pub async fn first_pipeline(app: &App) -> Result<Option<Uuid>, AppError> {
    let pairs = [("limit".to_string(), "1".to_string())];
    let query = ListQuery::parse(Entity::Pipeline, &pairs)?;
    let page = store::list(&app.db, &query, &rapport_core::policy::Visibility::All).await?;
    Ok(page.items.first().and_then(Record::id))
}

/// Checks and completes the state a change leaves, given the fields the client set.
pub async fn prepare(
    tx: &mut Tx,
    entity: Entity,
    before: Option<&Record>,
    fields: &Map<String, Value>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    match entity {
        Entity::Deal => deal(tx, before, fields, data).await,
        Entity::Lead => lead(before, fields),
        Entity::Company => crate::documents_out::check_company(fields, data),
        Entity::Quote | Entity::Order | Entity::Invoice => {
            crate::documents::prepare(tx, entity, before, fields, data).await
        }
        _ => Ok(()),
    }
}

fn text<'a>(data: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn lead(before: Option<&Record>, fields: &Map<String, Value>) -> Result<(), AppError> {
    let was = before.and_then(|b| b.get("status").as_str());
    if was == Some("converted") && fields.contains_key("status") {
        return Err(AppError::Conflict(
            "this lead is converted; its status no longer changes".into(),
        ));
    }
    if text(fields, "status") == Some("converted") {
        return Err(ValidationErrors::one("status", Problem::SetByConverting).into());
    }
    Ok(())
}

async fn deal(
    tx: &mut Tx,
    before: Option<&Record>,
    fields: &Map<String, Value>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    let now = || json!(clock::format(clock::now()));
    let Some(pipeline_id) = text(data, "pipeline_id").and_then(|s| Uuid::parse_str(s).ok()) else {
        return Err(ValidationErrors::one("pipeline_id", Problem::Required).into());
    };
    let pipeline = store::get_in(tx, Entity::Pipeline, pipeline_id)
        .await?
        .filter(|p| !p.is_deleted())
        .ok_or_else(|| {
            ValidationErrors::one(
                "pipeline_id",
                Problem::NoSuchRecord {
                    entity: Entity::Pipeline,
                },
            )
        })?;
    let stages: Vec<&str> = pipeline
        .get("stages")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("key").and_then(Value::as_str))
        .collect();
    let moved_pipeline = before.is_some_and(|b| b.get("pipeline_id") != &json!(pipeline_id));
    // A deal moved to another pipeline without a stage starts at that pipeline's first.
    if (text(data, "stage").is_none() || (moved_pipeline && !fields.contains_key("stage")))
        && let Some(first) = stages.first()
    {
        data.insert("stage".into(), json!(first));
    }
    let stage = text(data, "stage").unwrap_or_default();
    if !stages.contains(&stage) {
        return Err(ValidationErrors::one(
            "stage",
            Problem::NoSuchStage {
                stages: stages.join(", "),
            },
        )
        .into());
    }
    let old_stage = before.and_then(|b| b.get("stage").as_str());
    if old_stage != Some(stage) || moved_pipeline {
        data.insert("stage_entered_at".into(), now());
    }

    let status = text(data, "status").unwrap_or("open").to_string();
    data.insert("status".into(), json!(status));
    let was = before
        .and_then(|b| b.get("status").as_str())
        .unwrap_or("open");
    if fields.contains_key("status") && before.is_some() && status == was && status != "open" {
        return Err(AppError::Conflict(format!("this deal is already {status}")));
    }
    if status == "open" {
        data.insert("closed_at".into(), Value::Null);
        if fields.get("lost_reason").is_none_or(Value::is_null) {
            data.insert("lost_reason".into(), Value::Null);
        }
    } else if status != was || before.is_none() {
        data.insert("closed_at".into(), now());
    }
    if status != "lost" && fields.get("lost_reason").is_some_and(|r| !r.is_null()) {
        return Err(ValidationErrors::one("lost_reason", Problem::ReasonNeedsLost).into());
    }
    price_lines(tx, fields, data).await
}

/// A deal with line items is worth their net total (before tax): the lines are priced as
/// a document's are and `amount` is set from them, replacing any amount sent along. A
/// deal without lines keeps the amount it is given.
async fn price_lines(
    tx: &mut Tx,
    fields: &Map<String, Value>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    if data.get("lines").is_none_or(Value::is_null) {
        data.insert("lines".into(), json!([]));
    }
    let has_lines = data
        .get("lines")
        .and_then(Value::as_array)
        .is_some_and(|l| !l.is_empty());
    if !has_lines {
        // Lines taken away leave the amount as it was, unless one is sent.
        return Ok(());
    }
    // Only lines sent now are priced again, so a stage move keeps the prices agreed.
    if !fields.contains_key("lines") && !fields.contains_key("currency") {
        return Ok(());
    }
    let totals = crate::documents::price_in(tx, data).await?;
    if totals.subtotal < 0 {
        return Err(ValidationErrors::one(
            "lines",
            Problem::IntRange {
                min: 0,
                max: rapport_core::entity::MAX_MINOR_UNITS,
            },
        )
        .into());
    }
    data.insert("amount".into(), json!(totals.subtotal));
    Ok(())
}

/// The stages a new install's first pipeline has.
const DEFAULT_STAGES: [(&str, &str, i64); 5] = [
    ("qualified", "Qualified", 10),
    ("meeting", "Meeting booked", 25),
    ("proposal", "Proposal sent", 50),
    ("negotiation", "Negotiation", 75),
    ("commitment", "Verbal commitment", 90),
];

/// Gives a database its first pipeline, once: when no pipeline was ever made (a deleted one
/// counts, so that an administrator's choice to remove it stands).
pub async fn ensure_default_pipeline(app: &App) -> Result<(), AppError> {
    if store::count_all(&app.db, Entity::Pipeline).await? > 0 {
        return Ok(());
    }
    let stages: Vec<Value> = DEFAULT_STAGES
        .iter()
        .map(|(key, name, probability)| json!({"key": key, "name": name, "probability": probability}))
        .collect();
    let body = json!({"name": "Sales", "stages": stages, "position": 0});
    crate::records::create(app, &Ctx::system(), Entity::Pipeline, &body).await?;
    Ok(())
}

/// How many open deals each stage of a pipeline holds and what they add up to per
/// currency, among the deals the caller sees, counted by the database.
pub async fn board_summary(
    app: &App,
    ctx: &Ctx,
    pipeline_id: Uuid,
) -> Result<Vec<rapport_store::deals::StageTotal>, AppError> {
    ctx.actor
        .check(Entity::Deal, rapport_core::policy::Action::Read)?;
    let visibility = ctx.actor.visibility(Entity::Deal);
    Ok(rapport_store::deals::deal_board_summary(&app.db, pipeline_id, &visibility).await?)
}

/// A contact's or company's won and lost deals among those the caller sees, per status
/// and currency.
pub async fn closed_totals(
    app: &App,
    ctx: &Ctx,
    party: rapport_store::deals::Party,
    id: Uuid,
) -> Result<Vec<rapport_store::deals::ClosedTotal>, AppError> {
    ctx.actor
        .check(Entity::Deal, rapport_core::policy::Action::Read)?;
    let visibility = ctx.actor.visibility(Entity::Deal);
    Ok(rapport_store::deals::closed_totals(&app.db, party, id, &visibility).await?)
}

/// The cards of a pipeline's board: the first `per_stage` open deals of each stage among
/// those the caller sees, longest in their stage first, with only what a card shows.
pub async fn board_cards(
    app: &App,
    ctx: &Ctx,
    pipeline_id: Uuid,
    stages: &[String],
    per_stage: u64,
) -> Result<Vec<Record>, AppError> {
    ctx.actor
        .check(Entity::Deal, rapport_core::policy::Action::Read)?;
    let visibility = ctx.actor.visibility(Entity::Deal);
    Ok(
        rapport_store::deals::board_cards(&app.db, pipeline_id, stages, per_stage, &visibility)
            .await?,
    )
}
