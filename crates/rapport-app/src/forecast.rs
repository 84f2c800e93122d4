//! The forecast: per period, what open deals are worth, weighted by their chance of being
//! won, what was won, and the target, for one currency, among the deals the caller sees.
//!
//! The database sums deals per month, owner, pipeline, stage and currency
//! (`rapport_store::forecast`); this module weighs the sums and folds months into
//! quarters or years. Amounts only add up within one currency: the forecast is of the
//! currency the caller names, else of the one most of the range's deals are in (fewest
//! letters first on a tie), else EUR; the others are listed with their counts.
//!
//! A deal's weight is its own probability when it has one, else its stage's (a stage its
//! pipeline no longer has weighs 0). Weighted amounts are summed exactly as amount ×
//! percent and each figure is divided by 100 once, rounded half away from zero, so a
//! total may differ by a minor unit from the sum of its rounded parts.

use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::entity::{Entity, MAX_MINOR_UNITS};
use rapport_core::forecast::{self as calendar, Month, PERIODS, Period, Weighted};
use rapport_core::policy::{Action, Visibility};
use rapport_core::query::ListQuery;
use rapport_core::{Problem, ValidationErrors, clock, values};
use rapport_store::forecast::{self as store, DealFilter, DealSum, Kind, Target};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use time::Date;
use uuid::Uuid;

/// The currency of a forecast whose range holds no deals and that names none.
pub const DEFAULT_CURRENCY: &str = "EUR";

/// What a forecast is asked for, read from its query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastQuery {
    pub period: Period,
    pub from: Date,
    pub to: Date,
    pub pipeline_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub currency: Option<String>,
}

fn id_param(name: &str, value: &str, errors: &mut ValidationErrors) -> Option<Uuid> {
    if value.is_empty() {
        return None;
    }
    let id = Uuid::parse_str(value).ok();
    if id.is_none() {
        errors.add(name, Problem::NotAnId);
    }
    id
}

impl ForecastQuery {
    /// Reads `period`, `from`, `to`, `pipeline_id`, `owner_id` and `currency`; each
    /// problem names its parameter. Empty values count as left out.
    pub fn parse(pairs: &[(String, String)], today: Date) -> Result<ForecastQuery, AppError> {
        let mut errors = ValidationErrors::new();
        let (default_from, default_to) = calendar::default_range(today);
        let mut query = ForecastQuery {
            period: Period::Month,
            from: default_from,
            to: default_to,
            pipeline_id: None,
            owner_id: None,
            currency: None,
        };
        for (name, value) in pairs {
            let value = value.trim();
            match name.as_str() {
                _ if value.is_empty() => {}
                "period" => match Period::parse(value) {
                    Some(p) => query.period = p,
                    None => errors.add(
                        "period",
                        Problem::OneOf {
                            options: PERIODS.join(", "),
                        },
                    ),
                },
                "from" | "to" => match calendar::parse_date(value) {
                    Some(d) if name == "from" => query.from = d,
                    Some(d) => query.to = d,
                    None => errors.add(name.as_str(), Problem::NotADate),
                },
                "pipeline_id" => query.pipeline_id = id_param(name, value, &mut errors),
                "owner_id" => query.owner_id = id_param(name, value, &mut errors),
                "currency" => match values::currency(value) {
                    Ok(c) => query.currency = Some(c),
                    Err(p) => errors.add("currency", p),
                },
                other => errors.add(other, Problem::UnknownParameter),
            }
        }
        // The range is checked once both ends could be read.
        if !errors
            .0
            .iter()
            .any(|e| e.field == "from" || e.field == "to")
        {
            if query.to < query.from {
                errors.add("to", Problem::EndsBeforeStart);
            } else if let Err(p) = calendar::check_range(Month::of(query.from), Month::of(query.to))
            {
                errors.add("to", p);
            }
        }
        errors.into_result(query).map_err(AppError::from)
    }
}

/// What one period, owner or pipeline adds up to, in minor units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub open_count: i64,
    pub open_amount: i64,
    pub weighted_amount: i64,
    pub won_count: i64,
    pub won_amount: i64,
    /// None where no target is set.
    pub target: Option<i64>,
}

/// Figures before their weighted amount is rounded.
#[derive(Debug, Clone, Default)]
struct Sums {
    open_count: i64,
    open_amount: i64,
    weighted: Weighted,
    won_count: i64,
    won_amount: i64,
    target: Option<i64>,
}

impl Sums {
    fn add(&mut self, sum: &DealSum, percent: i64) {
        match sum.kind {
            Kind::Open => {
                self.open_count += sum.count;
                self.open_amount += sum.amount;
                self.weighted.add(sum.amount, percent);
            }
            Kind::Won => {
                self.won_count += sum.count;
                self.won_amount += sum.amount;
            }
        }
    }

    fn add_target(&mut self, amount: i64) {
        self.target = Some(self.target.unwrap_or(0) + amount);
    }

    fn figures(&self) -> Figures {
        Figures {
            open_count: self.open_count,
            open_amount: self.open_amount,
            weighted_amount: self.weighted.rounded(),
            won_count: self.won_count,
            won_amount: self.won_amount,
            target: self.target,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerFigures {
    /// None for deals nobody owns.
    pub owner_id: Option<Uuid>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize)]
pub struct PipelineFigures {
    pub pipeline_id: Option<Uuid>,
    pub name: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodFigures {
    /// `2026-03`, `2026-Q1` or `2026`.
    pub period: String,
    /// The period's first and last day within the forecast's range, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub figures: Figures,
    pub by_owner: Vec<OwnerFigures>,
    pub by_pipeline: Vec<PipelineFigures>,
}

/// How many deals of another currency the range holds.
#[derive(Debug, Clone, Serialize)]
pub struct OtherCurrency {
    pub currency: String,
    pub open_count: i64,
    pub won_count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Forecast {
    pub period: &'static str,
    pub from: String,
    pub to: String,
    pub currency: String,
    /// `given`, `most_used` or `default`.
    pub currency_source: &'static str,
    pub pipeline_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub periods: Vec<PeriodFigures>,
    pub total: Figures,
    pub by_owner: Vec<OwnerFigures>,
    pub by_pipeline: Vec<PipelineFigures>,
    pub other_currencies: Vec<OtherCurrency>,
}

/// A pipeline's name and the probability of each of its stages.
struct PipelineInfo {
    name: String,
    stages: HashMap<String, i64>,
}

async fn pipelines(app: &App) -> Result<HashMap<Uuid, PipelineInfo>, AppError> {
    let pairs = [("limit".to_string(), "500".to_string())];
    let query = ListQuery::parse(Entity::Pipeline, &pairs)?;
    let page = rapport_store::records::list(&app.db, &query, &Visibility::All).await?;
    Ok(page
        .items
        .iter()
        .filter_map(|p| {
            let stages = p
                .get("stages")
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| {
                    Some((
                        s.get("key")?.as_str()?.to_string(),
                        s.get("probability").and_then(Value::as_i64).unwrap_or(0),
                    ))
                })
                .collect();
            let name = p.str("name").unwrap_or_default().to_string();
            Some((p.id()?, PipelineInfo { name, stages }))
        })
        .collect())
}

/// The currency with the most deals in the sums, fewest letters first on a tie.
fn most_used(sums: &[DealSum]) -> Option<String> {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for s in sums {
        if let Some(c) = &s.currency {
            *counts.entry(c).or_default() += s.count;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
}

/// The forecast for the caller: only the deals they may see count.
pub async fn forecast(app: &App, ctx: &Ctx, query: &ForecastQuery) -> Result<Forecast, AppError> {
    ctx.actor.check(Entity::Deal, Action::Read)?;
    let visibility = ctx.actor.visibility(Entity::Deal);
    let filter = DealFilter {
        from: query.from,
        to: query.to,
        pipeline_id: query.pipeline_id,
        owner_id: query.owner_id,
    };
    let sums = store::deal_sums(&app.db, &filter, &visibility).await?;
    let (currency, currency_source) = match (&query.currency, most_used(&sums)) {
        (Some(c), _) => (c.clone(), "given"),
        (None, Some(c)) => (c, "most_used"),
        (None, None) => (DEFAULT_CURRENCY.to_string(), "default"),
    };
    let pipelines = pipelines(app).await?;
    let (first, last) = (Month::of(query.from), Month::of(query.to));
    let targets = store::targets(
        &app.db,
        &first.to_string(),
        &last.to_string(),
        Some(&currency),
    )
    .await?;

    let periods = calendar::periods(query.period, query.from, query.to);
    let period_of: HashMap<String, usize> = periods
        .iter()
        .enumerate()
        .flat_map(|(i, (_, months))| months.iter().map(move |m| (m.to_string(), i)))
        .collect();
    let mut per_period: Vec<Sums> = vec![Sums::default(); periods.len()];
    let mut per_period_owner: Vec<BTreeMap<Option<Uuid>, Sums>> =
        vec![BTreeMap::new(); periods.len()];
    let mut per_period_pipeline: Vec<BTreeMap<Option<Uuid>, Sums>> =
        vec![BTreeMap::new(); periods.len()];
    let mut total = Sums::default();
    let mut by_owner: BTreeMap<Option<Uuid>, Sums> = BTreeMap::new();
    let mut by_pipeline: BTreeMap<Option<Uuid>, Sums> = BTreeMap::new();
    let mut others: BTreeMap<String, (i64, i64)> = BTreeMap::new();

    for sum in &sums {
        if sum.currency.as_deref() != Some(currency.as_str()) {
            if let Some(c) = &sum.currency {
                let entry = others.entry(c.clone()).or_default();
                match sum.kind {
                    Kind::Open => entry.0 += sum.count,
                    Kind::Won => entry.1 += sum.count,
                }
            }
            continue;
        }
        let Some(&i) = period_of.get(&sum.month) else {
            continue;
        };
        let percent = sum.probability.unwrap_or_else(|| {
            sum.pipeline_id
                .and_then(|p| pipelines.get(&p))
                .zip(sum.stage.as_ref())
                .and_then(|(p, stage)| p.stages.get(stage).copied())
                .unwrap_or(0)
        });
        per_period[i].add(sum, percent);
        per_period_owner[i]
            .entry(sum.owner_id)
            .or_default()
            .add(sum, percent);
        per_period_pipeline[i]
            .entry(sum.pipeline_id)
            .or_default()
            .add(sum, percent);
        total.add(sum, percent);
        by_owner.entry(sum.owner_id).or_default().add(sum, percent);
        by_pipeline
            .entry(sum.pipeline_id)
            .or_default()
            .add(sum, percent);
    }

    // A period's target is the team's where one is set for a month, else the sum of the
    // owners' targets that month; a forecast of one owner takes that owner's targets.
    let mut team_months: BTreeMap<String, i64> = BTreeMap::new();
    let mut owner_months: BTreeMap<String, i64> = BTreeMap::new();
    for t in &targets {
        let Some(&i) = period_of.get(&t.month) else {
            continue;
        };
        match t.owner_id {
            None => {
                team_months.insert(t.month.clone(), t.amount);
            }
            Some(owner) => {
                per_period_owner[i]
                    .entry(Some(owner))
                    .or_default()
                    .add_target(t.amount);
                by_owner
                    .entry(Some(owner))
                    .or_default()
                    .add_target(t.amount);
                if query.owner_id.is_none_or(|o| o == owner) {
                    *owner_months.entry(t.month.clone()).or_default() += t.amount;
                }
            }
        }
    }
    if query.owner_id.is_some() {
        team_months.clear();
    }
    for (month, i) in &period_of {
        let amount = team_months
            .get(month)
            .or_else(|| owner_months.get(month))
            .copied();
        if let Some(amount) = amount {
            per_period[*i].add_target(amount);
            total.add_target(amount);
        }
    }
    // With an owner chosen, the breakdown holds only that owner.
    if let Some(owner) = query.owner_id {
        by_owner.retain(|o, _| *o == Some(owner));
        for map in &mut per_period_owner {
            map.retain(|o, _| *o == Some(owner));
        }
    }

    let owners = |map: &BTreeMap<Option<Uuid>, Sums>| -> Vec<OwnerFigures> {
        map.iter()
            .map(|(owner_id, s)| OwnerFigures {
                owner_id: *owner_id,
                figures: s.figures(),
            })
            .collect()
    };
    let pipelines_of = |map: &BTreeMap<Option<Uuid>, Sums>| -> Vec<PipelineFigures> {
        map.iter()
            .map(|(pipeline_id, s)| PipelineFigures {
                pipeline_id: *pipeline_id,
                name: pipeline_id
                    .and_then(|p| pipelines.get(&p))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                figures: s.figures(),
            })
            .collect()
    };
    let periods = periods
        .iter()
        .enumerate()
        .map(|(i, (key, months))| {
            let from = months
                .first()
                .and_then(|m| m.first_day())
                .map_or(query.from, |d| d.max(query.from));
            let to = months
                .last()
                .and_then(|m| m.last_day())
                .map_or(query.to, |d| d.min(query.to));
            PeriodFigures {
                period: key.clone(),
                from: from.to_string(),
                to: to.to_string(),
                figures: per_period[i].figures(),
                by_owner: owners(&per_period_owner[i]),
                by_pipeline: pipelines_of(&per_period_pipeline[i]),
            }
        })
        .collect();
    Ok(Forecast {
        period: query.period.as_str(),
        from: query.from.to_string(),
        to: query.to.to_string(),
        currency,
        currency_source,
        pipeline_id: query.pipeline_id,
        owner_id: query.owner_id,
        periods,
        total: total.figures(),
        by_owner: owners(&by_owner),
        by_pipeline: pipelines_of(&by_pipeline),
        other_currencies: others
            .into_iter()
            .map(|(currency, (open_count, won_count))| OtherCurrency {
                currency,
                open_count,
                won_count,
            })
            .collect(),
    })
}

/// One target as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetView {
    /// `YYYY-MM`.
    pub month: String,
    /// None for the whole team's target.
    pub owner_id: Option<Uuid>,
    /// In minor units of the set's currency.
    pub amount: i64,
    pub updated_at: String,
    pub updated_by: Option<Uuid>,
}

/// The targets of a range of months in one currency.
#[derive(Debug, Clone, Serialize)]
pub struct Targets {
    pub currency: String,
    pub from: String,
    pub to: String,
    pub targets: Vec<TargetView>,
}

fn month_param(name: &str, value: &str, errors: &mut ValidationErrors) -> Option<Month> {
    let month = Month::parse(value.trim());
    if month.is_none() {
        errors.add(
            name,
            Problem::OneOf {
                options: "a month such as 2026-01".into(),
            },
        );
    }
    month
}

/// The current year's months, which a targets request covers when it names none.
fn this_year() -> (Month, Month) {
    let year = clock::now().year();
    (Month { year, month: 1 }, Month { year, month: 12 })
}

/// Reads `from`, `to` (months) and `currency` from a targets query.
pub fn targets_query(pairs: &[(String, String)]) -> Result<(Month, Month, String), AppError> {
    let mut errors = ValidationErrors::new();
    let (mut from, mut to) = this_year();
    let mut currency = DEFAULT_CURRENCY.to_string();
    for (name, value) in pairs {
        match name.as_str() {
            _ if value.trim().is_empty() => {}
            "from" => from = month_param("from", value, &mut errors).unwrap_or(from),
            "to" => to = month_param("to", value, &mut errors).unwrap_or(to),
            "currency" => match values::currency(value.trim()) {
                Ok(c) => currency = c,
                Err(p) => errors.add("currency", p),
            },
            other => errors.add(other, Problem::UnknownParameter),
        }
    }
    if errors.0.is_empty()
        && let Err(p) = calendar::check_range(from, to)
    {
        errors.add("to", p);
    }
    errors
        .into_result((from, to, currency))
        .map_err(AppError::from)
}

/// The targets of the months from `from` to `to` in one currency. Everyone who reads
/// deals reads the targets, the whole team's and each owner's.
pub async fn targets(
    app: &App,
    ctx: &Ctx,
    from: Month,
    to: Month,
    currency: &str,
) -> Result<Targets, AppError> {
    ctx.actor.check(Entity::Deal, Action::Read)?;
    let stored =
        store::targets(&app.db, &from.to_string(), &to.to_string(), Some(currency)).await?;
    Ok(Targets {
        currency: currency.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        targets: stored
            .into_iter()
            .map(|t| TargetView {
                month: t.month,
                owner_id: t.owner_id,
                amount: t.amount,
                updated_at: t.updated_at,
                updated_by: t.updated_by,
            })
            .collect(),
    })
}

/// One target as a client sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInput {
    pub month: Month,
    pub owner_id: Option<Uuid>,
    pub amount: i64,
}

/// Reads the body of a replacement: `{"currency", "from", "to", "targets": [{"month",
/// "owner_id", "amount"}]}`. Each problem names its place, such as `targets[2].amount`.
pub fn read_targets(body: &Value) -> Result<(Month, Month, String, Vec<TargetInput>), AppError> {
    let mut errors = ValidationErrors::new();
    let Some(object) = body.as_object() else {
        return Err(AppError::invalid("", Problem::BodyNotObject));
    };
    for key in object.keys() {
        if !["currency", "from", "to", "targets"].contains(&key.as_str()) {
            errors.add(key.as_str(), Problem::UnknownField);
        }
    }
    let text = |key: &str, errors: &mut ValidationErrors| match object.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        None | Some(Value::Null) => {
            errors.add(key, Problem::Required);
            None
        }
        Some(_) => {
            errors.add(key, Problem::NotAString);
            None
        }
    };
    let currency = text("currency", &mut errors).and_then(|c| match values::currency(&c) {
        Ok(c) => Some(c),
        Err(p) => {
            errors.add("currency", p);
            None
        }
    });
    let from = text("from", &mut errors).and_then(|m| month_param("from", &m, &mut errors));
    let to = text("to", &mut errors).and_then(|m| month_param("to", &m, &mut errors));
    if let (Some(from), Some(to)) = (from, to)
        && let Err(p) = calendar::check_range(from, to)
    {
        errors.add("to", p);
    }
    let mut inputs = Vec::new();
    match object.get("targets") {
        Some(Value::Array(items)) => {
            let mut seen: HashMap<(Month, Option<Uuid>), usize> = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                let at = |key: &str| format!("targets[{i}].{key}");
                let Some(item) = item.as_object() else {
                    errors.add(format!("targets[{i}]"), Problem::NotAnObject);
                    continue;
                };
                for key in item.keys() {
                    if !["month", "owner_id", "amount"].contains(&key.as_str()) {
                        errors.add(at(key), Problem::UnknownField);
                    }
                }
                let month = match item.get("month").and_then(Value::as_str) {
                    Some(m) => month_param(&at("month"), m, &mut errors),
                    None => {
                        errors.add(at("month"), Problem::Required);
                        None
                    }
                };
                if let (Some(m), Some(from), Some(to)) = (month, from, to)
                    && (m < from || m > to)
                {
                    errors.add(
                        at("month"),
                        Problem::OneOf {
                            options: format!("the months from {from} to {to}"),
                        },
                    );
                }
                let owner_id = match item.get("owner_id") {
                    None | Some(Value::Null) => Some(None),
                    Some(v) => match v.as_str().and_then(|s| Uuid::parse_str(s).ok()) {
                        Some(id) => Some(Some(id)),
                        None => {
                            errors.add(at("owner_id"), Problem::NotAnId);
                            None
                        }
                    },
                };
                let amount = match item.get("amount").and_then(Value::as_i64) {
                    Some(a) if (0..=MAX_MINOR_UNITS).contains(&a) => Some(a),
                    Some(_) => {
                        errors.add(
                            at("amount"),
                            Problem::IntRange {
                                min: 0,
                                max: MAX_MINOR_UNITS,
                            },
                        );
                        None
                    }
                    None if item.get("amount").is_none_or(Value::is_null) => {
                        errors.add(at("amount"), Problem::Required);
                        None
                    }
                    None => {
                        errors.add(at("amount"), Problem::NotANumber);
                        None
                    }
                };
                if let (Some(month), Some(owner_id), Some(amount)) = (month, owner_id, amount) {
                    if seen.insert((month, owner_id), i).is_some() {
                        errors.add(at("month"), Problem::Taken);
                    }
                    inputs.push(TargetInput {
                        month,
                        owner_id,
                        amount,
                    });
                }
            }
        }
        None | Some(Value::Null) => errors.add("targets", Problem::Required),
        Some(_) => errors.add("targets", Problem::NotAList),
    }
    match (from, to, currency) {
        (Some(from), Some(to), Some(currency)) if errors.0.is_empty() => {
            Ok((from, to, currency, inputs))
        }
        _ => Err(errors.into()),
    }
}

/// Replaces the targets of one currency in the months from `from` to `to`: those not
/// given are removed. Only managers and administrators set targets. Targets are
/// settings rather than records: each row keeps who set it last and when, without a
/// history of events.
pub async fn replace_targets(
    app: &App,
    ctx: &Ctx,
    from: Month,
    to: Month,
    currency: &str,
    inputs: Vec<TargetInput>,
) -> Result<Targets, AppError> {
    ctx.actor.may_set_targets()?;
    let mut errors = ValidationErrors::new();
    let mut known: HashMap<Uuid, bool> = HashMap::new();
    for (i, t) in inputs.iter().enumerate() {
        let Some(owner) = t.owner_id else { continue };
        let exists = match known.get(&owner) {
            Some(e) => *e,
            None => {
                let e = rapport_store::records::get(&app.db, Entity::User, owner)
                    .await?
                    .is_some_and(|u| !u.is_deleted());
                known.insert(owner, e);
                e
            }
        };
        if !exists {
            errors.add(
                format!("targets[{i}].owner_id"),
                Problem::NoSuchUser {
                    id: owner.to_string(),
                },
            );
        }
    }
    errors.into_result(())?;
    let now = clock::format(clock::now());
    let author = ctx.actor.author();
    let rows: Vec<Target> = inputs
        .into_iter()
        .map(|t| Target {
            month: t.month.to_string(),
            owner_id: t.owner_id,
            currency: currency.to_string(),
            amount: t.amount,
            updated_at: now.clone(),
            updated_by: author,
        })
        .collect();
    let (first, last, money) = (from.to_string(), to.to_string(), currency.to_string());
    app.db
        .write(move |tx| {
            async move {
                store::replace_targets(tx, &first, &last, &money, &rows).await?;
                Ok::<_, AppError>(())
            }
            .boxed()
        })
        .await?;
    targets(app, ctx, from, to, currency).await
}
