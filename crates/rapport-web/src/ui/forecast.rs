//! The forecast page (filters, a table and a chart drawn on the server as SVG) and the
//! sales targets under settings. Both call the same services as the API.

use super::forms::Choice;
use super::i18n::Tr;
use super::pages::{Shell, error_page, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::AppError;
use rapport_app::forecast::{self, Figures, Forecast, ForecastQuery, TargetInput};
use rapport_core::forecast::{Month, PERIODS};
use rapport_core::{Problem, clock};
use std::collections::HashMap;
use uuid::Uuid;

fn pairs(raw: Option<String>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default()
}

/// One row of a forecast table, its money written in the user's language.
pub struct FigureRow {
    pub label: String,
    pub open_count: i64,
    pub open: String,
    pub weighted: String,
    pub won_count: i64,
    pub won: String,
    pub target: String,
    /// Won as a share of the target, or nothing without a target.
    pub attainment: String,
}

fn row(tr: Tr, label: String, f: &Figures, currency: &str) -> FigureRow {
    let money = |minor: i64| super::numbers::money(tr.lang, minor, currency);
    let attainment = match f.target {
        Some(t) if t > 0 => {
            // Whole percent, rounded half up; exact in integers.
            let percent = (i128::from(f.won_amount) * 100 + i128::from(t) / 2) / i128::from(t);
            let number = super::numbers::number(tr.lang, percent as f64);
            // English writes the sign against the number; the others keep a space.
            if tr.lang == "en" {
                format!("{number}%")
            } else {
                format!("{number}\u{a0}%")
            }
        }
        _ => String::new(),
    };
    FigureRow {
        label,
        open_count: f.open_count,
        open: money(f.open_amount),
        weighted: money(f.weighted_amount),
        won_count: f.won_count,
        won: money(f.won_amount),
        target: f.target.map(money).unwrap_or_default(),
        attainment,
    }
}

/// A bar or the target's mark in the chart, in the SVG's own units.
pub struct Bar {
    pub class: &'static str,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub title: String,
}

/// A gridline with its amount.
pub struct Tick {
    pub y: String,
    pub label: String,
}

/// A period's name under its bars.
pub struct AxisLabel {
    pub x: String,
    pub text: String,
}

pub struct Chart {
    pub width: String,
    pub height: String,
    pub label: String,
    pub description: String,
    pub left: String,
    pub right: String,
    pub baseline: String,
    pub label_y: String,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub axis: Vec<AxisLabel>,
}

const CHART_HEIGHT: f64 = 260.0;
const CHART_TOP: f64 = 16.0;
const CHART_BOTTOM: f64 = 36.0;
const CHART_LEFT: f64 = 112.0;
const CHART_RIGHT: f64 = 16.0;
const SLOT: f64 = 72.0;

/// The smallest round amount (1, 2 or 5 times a power of ten) at or above `n`.
fn round_up(n: i64) -> i64 {
    let mut step: i64 = 1;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) >= n {
                return step.saturating_mul(m);
            }
        }
        if step > i64::MAX / 10 {
            return i64::MAX;
        }
        step *= 10;
    }
}

fn units(v: f64) -> String {
    format!("{v:.1}")
}

/// The chart of won against target, with the weighted pipeline as a second series. Only
/// geometry is computed in floating point; every amount shown is exact.
fn chart(tr: Tr, f: &Forecast) -> Chart {
    let currency = f.currency.as_str();
    let money = |minor: i64| super::numbers::money(tr.lang, minor, currency);
    let highest = f
        .periods
        .iter()
        .flat_map(|p| {
            [
                p.figures.won_amount,
                p.figures.weighted_amount,
                p.figures.target.unwrap_or(0),
            ]
        })
        .max()
        .unwrap_or(0);
    // Four gridlines at round amounts above the highest figure.
    let step = round_up((highest / 4).max(1) + i64::from(highest % 4 != 0));
    let top = step.saturating_mul(4).max(1);
    let plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;
    let baseline = CHART_HEIGHT - CHART_BOTTOM;
    let y_of = |minor: i64| baseline - plot * (minor as f64 / top as f64);
    let width = CHART_LEFT + SLOT * f.periods.len().max(1) as f64 + CHART_RIGHT;
    let bar_width = (SLOT - 20.0) / 2.0;
    let mut bars = Vec::new();
    let mut axis = Vec::new();
    for (i, p) in f.periods.iter().enumerate() {
        let x = CHART_LEFT + SLOT * i as f64 + 8.0;
        let vars = |amount: i64| [("period", p.period.clone()), ("amount", money(amount))];
        let title = |key: &str, amount: i64| {
            let v = vars(amount);
            tr.t_with(key, &[("period", &v[0].1), ("amount", &v[1].1)])
        };
        let won = p.figures.won_amount;
        bars.push(Bar {
            class: "chart-won",
            x: units(x),
            y: units(y_of(won)),
            width: units(bar_width),
            height: units(baseline - y_of(won)),
            title: title("forecast-bar-won", won),
        });
        let weighted = p.figures.weighted_amount;
        bars.push(Bar {
            class: "chart-weighted",
            x: units(x + bar_width + 4.0),
            y: units(y_of(weighted)),
            width: units(bar_width),
            height: units(baseline - y_of(weighted)),
            title: title("forecast-bar-weighted", weighted),
        });
        if let Some(target) = p.figures.target {
            bars.push(Bar {
                class: "chart-target",
                x: units(x - 4.0),
                y: units(y_of(target) - 1.5),
                width: units(bar_width * 2.0 + 12.0),
                height: units(3.0),
                title: title("forecast-bar-target", target),
            });
        }
        axis.push(AxisLabel {
            x: units(x + bar_width + 2.0),
            text: p.period.clone(),
        });
    }
    let ticks = (0..=4)
        .map(|k| {
            let amount = step.saturating_mul(k);
            Tick {
                y: units(y_of(amount)),
                label: money(amount),
            }
        })
        .collect();
    Chart {
        width: units(width),
        height: units(CHART_HEIGHT),
        label: tr.t1("forecast-chart", "currency", currency),
        description: tr.t("forecast-chart-desc"),
        left: units(CHART_LEFT),
        right: units(width - CHART_RIGHT),
        baseline: units(baseline),
        label_y: units(baseline + 20.0),
        bars,
        ticks,
        axis,
    }
}

/// A filter that could not be read, with the label of its control.
pub struct ParamError {
    pub name: String,
    pub label: String,
    pub message: String,
}

/// The label of the control each forecast parameter is set with.
fn param_label(tr: Tr, name: &str) -> String {
    tr.t(match name {
        "period" => "forecast-period",
        "from" => "forecast-from",
        "to" => "forecast-to",
        "pipeline_id" => "field-pipeline",
        "owner_id" => "field-owner",
        "currency" => "field-currency",
        _ => "forecast-filters",
    })
}

#[derive(Template)]
#[template(path = "forecast.html")]
struct ForecastPage {
    shell: Shell,
    periods: Vec<Choice>,
    from: String,
    to: String,
    pipelines: Vec<Choice>,
    owners: Vec<Choice>,
    currencies: Vec<Choice>,
    errors: HashMap<String, String>,
    error_list: Vec<ParamError>,
    rows: Vec<FigureRow>,
    total: Option<FigureRow>,
    by_owner: Vec<FigureRow>,
    by_pipeline: Vec<FigureRow>,
    chart: Option<Chart>,
    others: String,
    may_set_targets: bool,
}

impl ForecastPage {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

fn choices(pairs: Vec<(String, String)>, chosen: &str) -> Vec<Choice> {
    pairs
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

/// `GET /forecast`: the filters, the chart and the tables. Filters that cannot be read
/// are shown with their message and the rest of the page waits for a readable one.
pub async fn page(State(state): State<AppState>, ui: UiCtx, RawQuery(raw): RawQuery) -> Response {
    let tr = ui.tr;
    let pairs = pairs(raw);
    let given = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let people = super::forms::user_choices(&state, &ui).await;
    let names: HashMap<String, String> = people
        .iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect();
    let pipeline_records = super::sales::pipelines(&state, &ui).await;
    let (query, errors) = match ForecastQuery::parse(&pairs, clock::now().date()) {
        Ok(q) => (Some(q), HashMap::new()),
        Err(AppError::Invalid(e)) => (
            None,
            e.0.iter()
                .map(|f| (f.field.clone(), super::problems::message(tr, &f.problem)))
                .collect(),
        ),
        Err(e) => return error_page(tr, e),
    };
    let result = match &query {
        Some(q) => match forecast::forecast(&state.app, &ui.ctx, q).await {
            Ok(f) => Some(f),
            Err(e) => return error_page(tr, e),
        },
        None => None,
    };
    let (from, to) = match &result {
        Some(f) => (f.from.clone(), f.to.clone()),
        None => (given("from"), given("to")),
    };
    let period = result
        .as_ref()
        .map_or_else(|| given("period"), |f| f.period.to_string());
    let mut currencies = vec![];
    if let Some(f) = &result {
        currencies.push(f.currency.clone());
        currencies.extend(f.other_currencies.iter().map(|o| o.currency.clone()));
        currencies.sort();
    }
    let chosen_currency = result
        .as_ref()
        .map_or_else(|| given("currency"), |f| f.currency.clone());
    if !chosen_currency.is_empty() && !currencies.contains(&chosen_currency) {
        currencies.push(chosen_currency.clone());
    }
    let owner_label = |id: Option<Uuid>| match id {
        Some(id) => names
            .get(&id.to_string())
            .cloned()
            .unwrap_or_else(|| id.to_string()),
        None => tr.t("forecast-nobody"),
    };
    let (rows, total, by_owner, by_pipeline, chart, others) = match &result {
        Some(f) => {
            let c = f.currency.as_str();
            (
                f.periods
                    .iter()
                    .map(|p| row(tr, p.period.clone(), &p.figures, c))
                    .collect(),
                Some(row(tr, tr.t("forecast-total"), &f.total, c)),
                f.by_owner
                    .iter()
                    .map(|o| row(tr, owner_label(o.owner_id), &o.figures, c))
                    .collect(),
                f.by_pipeline
                    .iter()
                    .map(|p| row(tr, p.name.clone(), &p.figures, c))
                    .collect(),
                Some(chart(tr, f)),
                f.other_currencies
                    .iter()
                    .map(|o| o.currency.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }
        None => Default::default(),
    };
    let shell = Shell::new(&ui, tr.t("forecast-title"), "/forecast");
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let error_list = [
        "period",
        "from",
        "to",
        "pipeline_id",
        "owner_id",
        "currency",
    ]
    .iter()
    .filter_map(|name| {
        Some(ParamError {
            name: name.to_string(),
            label: param_label(tr, name),
            message: errors.get(*name)?.clone(),
        })
    })
    .chain(
        errors
            .iter()
            .filter(|(k, _)| {
                ![
                    "period",
                    "from",
                    "to",
                    "pipeline_id",
                    "owner_id",
                    "currency",
                ]
                .contains(&k.as_str())
            })
            .map(|(k, m)| ParamError {
                name: "other".into(),
                label: k.clone(),
                message: m.clone(),
            }),
    )
    .collect();
    let chosen_pipeline = given("pipeline_id");
    let chosen_owner = given("owner_id");
    render(
        &ForecastPage {
            shell,
            periods: choices(
                PERIODS
                    .iter()
                    .map(|p| (p.to_string(), tr.t(&format!("forecast-period-{p}"))))
                    .collect(),
                &period,
            ),
            from,
            to,
            pipelines: choices(
                std::iter::once((String::new(), tr.t("forecast-all-pipelines")))
                    .chain(pipeline_records.iter().filter_map(|p| {
                        Some((p.id()?.to_string(), p.str("name").unwrap_or("").to_string()))
                    }))
                    .collect(),
                &chosen_pipeline,
            ),
            owners: choices(
                std::iter::once((String::new(), tr.t("forecast-everyone")))
                    .chain(
                        people
                            .into_iter()
                            .filter(|c| !c.value.is_empty())
                            .map(|c| (c.value, c.label)),
                    )
                    .collect(),
                &chosen_owner,
            ),
            currencies: choices(
                currencies.into_iter().map(|c| (c.clone(), c)).collect(),
                &chosen_currency,
            ),
            errors,
            error_list,
            rows,
            total,
            by_owner,
            by_pipeline,
            chart,
            others,
            may_set_targets: ui.ctx.actor.may_set_targets().is_ok(),
        },
        status,
    )
}

/// One row of the targets editor.
pub struct TargetRow {
    pub index: usize,
    pub number: String,
    pub month: String,
    pub owners: Vec<Choice>,
    pub amount: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "targets.html")]
struct TargetsPage {
    shell: Shell,
    year: String,
    currency: String,
    rows: Vec<TargetRow>,
    editable: bool,
    saved: bool,
    error: Option<String>,
    /// The targets as a read-only table: month, owner, amount.
    shown: Vec<(String, String, String)>,
}

/// How many blank rows the targets editor offers.
const BLANK_TARGET_ROWS: usize = 3;
/// The most rows the editor reads back.
const MAX_TARGET_ROWS: usize = 400;

/// A row as typed: month, owner and amount text.
#[derive(Default, Clone)]
struct TypedTarget {
    month: String,
    owner: String,
    amount: String,
}

fn year_and_currency(tr: Tr, get: &dyn Fn(&str) -> String) -> Result<(i32, String), String> {
    let year = get("year");
    let year = if year.is_empty() {
        clock::now().year()
    } else {
        match year.parse::<i32>() {
            Ok(y) if (1970..=9999).contains(&y) => y,
            _ => return Err(tr.t("targets-year-invalid")),
        }
    };
    let currency = get("currency");
    let currency = if currency.is_empty() {
        forecast::DEFAULT_CURRENCY.to_string()
    } else {
        rapport_core::values::currency(&currency.to_ascii_uppercase())
            .map_err(|p| super::problems::message(tr, &p))?
    };
    Ok((year, currency))
}

#[allow(clippy::too_many_arguments)]
async fn targets_view(
    state: &AppState,
    ui: &UiCtx,
    year: i32,
    currency: &str,
    typed: Option<Vec<TypedTarget>>,
    row_errors: HashMap<usize, String>,
    error: Option<String>,
    saved: bool,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let (from, to) = (Month { year, month: 1 }, Month { year, month: 12 });
    let people = super::forms::user_choices(state, ui).await;
    let names: HashMap<String, String> = people
        .iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| (c.value.clone(), c.label.clone()))
        .collect();
    let stored = match forecast::targets(&state.app, &ui.ctx, from, to, currency).await {
        Ok(t) => t,
        Err(e) => return error_page(tr, e),
    };
    let mut typed = typed.unwrap_or_else(|| {
        stored
            .targets
            .iter()
            .map(|t| TypedTarget {
                month: t.month.clone(),
                owner: t.owner_id.map(|o| o.to_string()).unwrap_or_default(),
                amount: super::numbers::amount_input(tr.lang, t.amount, currency),
            })
            .collect()
    });
    typed.extend((0..BLANK_TARGET_ROWS).map(|_| TypedTarget::default()));
    let owner_choices = |chosen: &str| -> Vec<Choice> {
        std::iter::once((String::new(), tr.t("targets-team")))
            .chain(
                people
                    .iter()
                    .filter(|c| !c.value.is_empty())
                    .map(|c| (c.value.clone(), c.label.clone())),
            )
            .map(|(value, label)| Choice {
                selected: value == chosen,
                value,
                label,
            })
            .collect()
    };
    let rows = typed
        .into_iter()
        .enumerate()
        .map(|(index, t)| TargetRow {
            index,
            number: (index + 1).to_string(),
            owners: owner_choices(&t.owner),
            month: t.month,
            amount: t.amount,
            error: row_errors.get(&index).cloned(),
        })
        .collect();
    let shown = stored
        .targets
        .iter()
        .map(|t| {
            (
                t.month.clone(),
                t.owner_id
                    .map(|o| {
                        names
                            .get(&o.to_string())
                            .cloned()
                            .unwrap_or_else(|| o.to_string())
                    })
                    .unwrap_or_else(|| tr.t("targets-team")),
                super::numbers::money(tr.lang, t.amount, currency),
            )
        })
        .collect();
    let shell = Shell::new(ui, tr.t("targets-title"), "/settings");
    render(
        &TargetsPage {
            shell,
            year: year.to_string(),
            currency: currency.to_string(),
            rows,
            editable: ui.ctx.actor.may_set_targets().is_ok(),
            saved,
            error,
            shown,
        },
        status,
    )
}

/// `GET /settings/targets`: a year's targets in one currency, as rows to edit.
pub async fn targets_page(
    State(state): State<AppState>,
    ui: UiCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = pairs(raw);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let saved = get("saved") == "1";
    match year_and_currency(ui.tr, &get) {
        Ok((year, currency)) => {
            targets_view(
                &state,
                &ui,
                year,
                &currency,
                None,
                HashMap::new(),
                None,
                saved,
                StatusCode::OK,
            )
            .await
        }
        Err(message) => {
            let year = clock::now().year();
            targets_view(
                &state,
                &ui,
                year,
                forecast::DEFAULT_CURRENCY,
                None,
                HashMap::new(),
                Some(message),
                false,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

/// `POST /settings/targets`: the rows replace the year's targets in that currency.
pub async fn save_targets(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = super::pages::form(&body);
    if !same_secret(
        &ui.session.csrf_token,
        form.get("_csrf").map_or("", String::as_str),
    ) {
        return csrf_refused(tr);
    }
    let get = |name: &str| form.get(name).map_or("", |s| s.trim()).to_string();
    let (year, currency) = match year_and_currency(tr, &get) {
        Ok(v) => v,
        Err(message) => {
            let year = clock::now().year();
            return targets_view(
                &state,
                &ui,
                year,
                forecast::DEFAULT_CURRENCY,
                None,
                HashMap::new(),
                Some(message),
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let count: usize = get("target_rows").parse().unwrap_or(0);
    let mut typed = Vec::new();
    for i in 0..count.min(MAX_TARGET_ROWS) {
        let cell = |name: &str| get(&format!("target_{name}_{i}"));
        if cell("remove") == "true" {
            continue;
        }
        let t = TypedTarget {
            month: cell("month"),
            owner: cell("owner"),
            amount: cell("amount"),
        };
        if t.month.is_empty() && t.amount.is_empty() {
            continue;
        }
        typed.push(t);
    }
    let mut errors: HashMap<usize, String> = HashMap::new();
    let mut inputs = Vec::new();
    let mut seen: HashMap<(Month, Option<Uuid>), usize> = HashMap::new();
    for (i, t) in typed.iter().enumerate() {
        let month = Month::parse(&t.month).filter(|m| m.year == year);
        let owner = if t.owner.is_empty() {
            Some(None)
        } else {
            Uuid::parse_str(&t.owner).ok().map(Some)
        };
        let amount =
            super::numbers::parse_amount(tr.lang, &t.amount, &currency).filter(|a| *a >= 0);
        match (month, owner, amount) {
            (None, _, _) => {
                errors.insert(i, tr.t1("targets-month-invalid", "year", &year.to_string()));
            }
            (_, None, _) => {
                errors.insert(i, super::problems::message(tr, &Problem::NotAnId));
            }
            (_, _, None) => {
                let example = super::numbers::amount_input(tr.lang, 1_234_500, &currency);
                errors.insert(i, tr.t1("targets-amount-invalid", "example", &example));
            }
            (Some(month), Some(owner_id), Some(amount)) => {
                if seen.insert((month, owner_id), i).is_some() {
                    errors.insert(i, tr.t("targets-twice"));
                }
                inputs.push(TargetInput {
                    month,
                    owner_id,
                    amount,
                });
            }
        }
    }
    if errors.is_empty() {
        let (from, to) = (Month { year, month: 1 }, Month { year, month: 12 });
        match forecast::replace_targets(&state.app, &ui.ctx, from, to, &currency, inputs).await {
            Ok(_) => {
                return Redirect::to(&format!(
                    "/settings/targets?year={year}&currency={currency}&saved=1"
                ))
                .into_response();
            }
            Err(AppError::Invalid(e)) => {
                // The service names `targets[i].…`; the rows sent are the same, in order.
                for f in &e.0 {
                    let index = f
                        .field
                        .strip_prefix("targets[")
                        .and_then(|r| r.split(']').next())
                        .and_then(|n| n.parse::<usize>().ok())
                        .unwrap_or(0);
                    errors.insert(index, super::problems::message(tr, &f.problem));
                }
            }
            Err(e) => return error_page(tr, e),
        }
    }
    targets_view(
        &state,
        &ui,
        year,
        &currency,
        Some(typed),
        errors,
        Some(tr.t("form-errors")),
        false,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
