//! The sales pages: a lead's page and its conversion, the deals' board per pipeline, a
//! deal's page, and moving, winning and losing deals. Every change goes through the same
//! record and conversion services as the API.

use super::forms::Choice;
use super::i18n::Tr;
use super::pages::{Shell, company_names, error_page, field, form, message_page, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{AppError, records};
use rapport_core::entity::Entity;
use rapport_core::record::{Record, etag_for};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// How many cards a board column shows; the rest are a link away, so a pipeline with
/// thousands of open deals renders as fast as a small one.
pub const CARDS_PER_COLUMN: usize = 25;

/// Whether an entity belongs to the sales pages, whose forms mark required fields from
/// the entity's own description.
pub fn is_sales(entity: Entity) -> bool {
    matches!(
        entity,
        Entity::Lead | Entity::Deal | Entity::Product | Entity::Pipeline | Entity::PriceList
    )
}

/// One stage of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub key: String,
    pub name: String,
    pub probability: i64,
}

/// A pipeline's stages, in order.
pub fn stages_of(pipeline: &Record) -> Vec<Stage> {
    pipeline
        .get("stages")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| {
            let key = s.get("key")?.as_str()?.to_string();
            Some(Stage {
                name: s
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(&key)
                    .to_string(),
                probability: s.get("probability").and_then(Value::as_i64).unwrap_or(0),
                key,
            })
        })
        .collect()
}

/// Every pipeline, in their order.
pub async fn pipelines(state: &AppState, ui: &UiCtx) -> Vec<Record> {
    let pairs = vec![("limit".to_string(), "100".to_string())];
    match records::list(&state.app, &ui.ctx, Entity::Pipeline, &pairs).await {
        Ok(page) => page.items,
        Err(_) => Vec::new(),
    }
}

/// A lead's name as people read it: the person, else their company, else their address.
pub fn lead_name(r: &Record) -> String {
    let name = [r.str("first_name"), r.str("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !name.is_empty() {
        return name;
    }
    r.str("company_name")
        .or(r.str("email"))
        .or(r.str("phone"))
        .unwrap_or("—")
        .to_string()
}

/// Money as the user's language writes it, or nothing without an amount.
fn money_text(tr: Tr, r: &Record, field: &str) -> String {
    match (r.get(field).as_i64(), r.str("currency")) {
        (Some(minor), Some(currency)) => super::numbers::money(tr.lang, minor, currency),
        _ => String::new(),
    }
}

/// Whole days since a stored time, never negative.
fn days_since(stored: Option<&str>) -> i64 {
    stored
        .and_then(rapport_core::clock::parse)
        .map_or(0, |t| (rapport_core::clock::now() - t).whole_days().max(0))
}

fn text(r: &Record, name: &str) -> String {
    r.str(name).unwrap_or("").to_string()
}

fn not_found(tr: Tr) -> Response {
    message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"))
}

pub struct Fact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

fn fact(tr: Tr, key: &str, value: String) -> Fact {
    Fact {
        label: tr.t(key),
        value,
        href: None,
    }
}

#[derive(Template)]
#[template(path = "lead.html")]
struct LeadPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    converted: Option<Fact>,
}

/// A lead's page: its facts, and the way to convert it while it is not converted.
pub async fn lead_page(state: AppState, ui: UiCtx, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let lead = match records::get(&state.app, &ui.ctx, Entity::Lead, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let owners = owner_names(&state, &ui).await;
    let mut facts = vec![
        fact(tr, "col-email", text(&lead, "email")),
        fact(tr, "col-phone", text(&lead, "phone")),
        fact(tr, "col-company", text(&lead, "company_name")),
        fact(tr, "field-title", text(&lead, "title")),
        fact(tr, "form-website", text(&lead, "website")),
        fact(
            tr,
            "field-status",
            tr.t(&format!("lead-status-{}", text(&lead, "status"))),
        ),
        fact(
            tr,
            "field-source",
            tr.t(&format!("lead-source-{}", text(&lead, "source"))),
        ),
        fact(
            tr,
            "field-score",
            lead.get("score")
                .as_i64()
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        fact(
            tr,
            "field-owner",
            lead.str("owner_id")
                .and_then(|o| owners.get(o).cloned())
                .unwrap_or_default(),
        ),
        fact(tr, "field-message", text(&lead, "message")),
    ];
    facts.retain(|f| !f.value.is_empty());
    let converted = lead.str("contact_id").map(|c| Fact {
        label: tr.t("lead-converted-to"),
        value: tr.t("lead-open-contact"),
        href: Some(format!("/contacts/{c}")),
    });
    let shell = Shell::new(&ui, lead_name(&lead), "/leads");
    render(
        &LeadPage {
            shell,
            base: format!("/leads/{id}"),
            facts,
            converted,
        },
        StatusCode::OK,
    )
}

async fn owner_names(state: &AppState, ui: &UiCtx) -> HashMap<String, String> {
    super::forms::user_choices(state, ui)
        .await
        .into_iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| (c.value, c.label))
        .collect()
}

/// One look-alike record offered to link to.
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub reasons: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "convert.html")]
struct ConvertPage {
    shell: Shell,
    base: String,
    lead_name: String,
    company_name: Option<String>,
    contacts: Vec<Candidate>,
    companies: Vec<Candidate>,
    /// Whether look-alikes are shown, so choosing "create new" is a decision made.
    reviewed: bool,
    new_contact: bool,
    new_company: bool,
    with_deal: bool,
    deal_title: String,
    pipelines: Vec<Choice>,
    stages: Vec<Choice>,
    amount: String,
    expected_close: String,
    errors: HashMap<String, String>,
    other_errors: Vec<String>,
    notice: Option<String>,
}

impl ConvertPage {
    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

fn candidates(tr: Tr, found: &[rapport_app::convert::Candidate], chosen: &str) -> Vec<Candidate> {
    found
        .iter()
        .map(|c| Candidate {
            id: c.id.to_string(),
            name: c.name.clone(),
            reasons: c
                .reasons
                .iter()
                .map(|r| tr.t(&format!("convert-reason-{}", r.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            checked: chosen == c.id.to_string(),
        })
        .collect()
}

/// What the convert form holds when it is shown again.
#[derive(Default)]
struct Typed {
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
    other_errors: Vec<String>,
    notice: Option<String>,
}

async fn convert_page(
    state: &AppState,
    ui: &UiCtx,
    lead: &Record,
    found: &rapport_app::convert::Duplicates,
    typed: Typed,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let id = lead.id().unwrap_or_default();
    let value = |name: &str| typed.values.get(name).cloned().unwrap_or_default();
    let all = pipelines(state, ui).await;
    let chosen_pipeline = value("pipeline_id");
    let pipeline = all
        .iter()
        .find(|p| p.id().is_some_and(|i| i.to_string() == chosen_pipeline))
        .or(all.first());
    let pipeline_id = pipeline.and_then(Record::id).map(|i| i.to_string());
    let stage = value("stage");
    let contact = value("contact");
    let company = value("company");
    let first_time = typed.values.is_empty();
    let page = ConvertPage {
        shell: Shell::new(
            ui,
            tr.t1("convert-title", "name", &lead_name(lead)),
            "/leads",
        ),
        base: format!("/leads/{id}"),
        lead_name: lead_name(lead),
        company_name: lead.str("company_name").map(str::to_string),
        contacts: candidates(tr, &found.contacts, &contact),
        companies: candidates(tr, &found.companies, &company),
        reviewed: !found.is_empty(),
        new_contact: contact.is_empty() || contact == "new",
        new_company: company.is_empty() || company == "new",
        with_deal: first_time || value("deal") != "none",
        deal_title: value("deal_title"),
        pipelines: all
            .iter()
            .filter_map(|p| {
                let pid = p.id()?.to_string();
                Some(Choice {
                    selected: Some(&pid) == pipeline_id.as_ref(),
                    value: pid,
                    label: text(p, "name"),
                })
            })
            .collect(),
        stages: pipeline
            .map(stages_of)
            .unwrap_or_default()
            .into_iter()
            .map(|s| Choice {
                selected: s.key == stage,
                value: s.key,
                label: s.name,
            })
            .collect(),
        amount: value("amount"),
        expected_close: value("expected_close"),
        errors: typed.errors,
        other_errors: typed.other_errors,
        notice: typed.notice,
    };
    render(&page, status)
}

/// The convert form: the look-alike contacts and companies to link to or not, and the
/// deal to open, or none.
pub async fn convert_form(state: AppState, ui: UiCtx, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let lead = match records::get(&state.app, &ui.ctx, Entity::Lead, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    if lead.str("status") == Some("converted") {
        return Redirect::to(&format!("/leads/{id}")).into_response();
    }
    let found = match rapport_app::convert::duplicates(&state.app, &ui.ctx, id).await {
        Ok(f) => f,
        Err(e) => return error_page(tr, e),
    };
    convert_page(&state, &ui, &lead, &found, Typed::default(), StatusCode::OK).await
}

/// The form field a conversion's problem belongs to.
fn convert_field(problem_field: &str) -> Option<&'static str> {
    match problem_field {
        "deal.title" => Some("deal_title"),
        "deal.pipeline_id" => Some("pipeline_id"),
        "deal.stage" => Some("stage"),
        "deal.amount" | "deal.currency" => Some("amount"),
        "deal.expected_close" => Some("expected_close"),
        _ => None,
    }
}

/// Converts a lead as the form asks and opens the new (or linked) contact's page. Look-
/// alikes found meanwhile show the form again with them; problems show under their fields.
pub async fn convert_submit(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let lead = match records::get(&state.app, &ui.ctx, Entity::Lead, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let mut typed = Typed {
        values: form
            .iter()
            .filter(|(k, _)| k.as_str() != "_csrf")
            .map(|(k, v)| (k.clone(), v.trim().to_string()))
            .collect(),
        ..Typed::default()
    };
    let pick = |name: &str| {
        let v = field(&form, name).trim();
        (!v.is_empty() && v != "new").then(|| v.to_string())
    };
    let mut request = Map::new();
    request.insert("contact_id".into(), json!(pick("contact")));
    request.insert("company_id".into(), json!(pick("company")));
    request.insert(
        "create_anyway".into(),
        json!(field(&form, "reviewed") == "true"),
    );
    if field(&form, "deal") == "none" {
        request.insert("deal".into(), json!(false));
    } else {
        let mut deal = Map::new();
        for (name, key) in [
            ("deal_title", "title"),
            ("pipeline_id", "pipeline_id"),
            ("stage", "stage"),
            ("expected_close", "expected_close"),
        ] {
            let v = field(&form, name).trim();
            if !v.is_empty() {
                deal.insert(key.into(), json!(v));
            }
        }
        let amount = field(&form, "amount").trim();
        if !amount.is_empty() {
            match super::numbers::parse_money(tr.lang, amount) {
                Some((minor, currency)) => {
                    deal.insert("amount".into(), json!(minor));
                    deal.insert("currency".into(), json!(currency));
                }
                None => {
                    typed.errors.insert(
                        "amount".into(),
                        tr.t1(
                            "form-money-invalid",
                            "example",
                            &super::numbers::money_input(tr.lang, 123456, "EUR"),
                        ),
                    );
                }
            }
        }
        request.insert("deal".into(), Value::Object(deal));
    }
    let no_duplicates = rapport_app::convert::Duplicates::default();
    if !typed.errors.is_empty() {
        let found = rapport_app::convert::duplicates(&state.app, &ui.ctx, id)
            .await
            .unwrap_or_default();
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return convert_page(&state, &ui, &lead, &found, typed, status).await;
    }
    match rapport_app::convert::convert(&state.app, &ui.ctx, id, &Value::Object(request)).await {
        Ok(done) => Redirect::to(&format!("/contacts/{}", done.contact_id)).into_response(),
        Err(AppError::Duplicates(found)) => {
            typed.notice = Some(tr.t("convert-duplicates-found"));
            // The choices made before the look-alikes were shown are not decisions on them.
            typed.values.remove("reviewed");
            convert_page(&state, &ui, &lead, &found, typed, StatusCode::CONFLICT).await
        }
        Err(AppError::Invalid(errors)) => {
            for e in &errors.0 {
                let message = super::problems::message(tr, &e.problem);
                match convert_field(&e.field) {
                    Some(name) => {
                        typed.errors.entry(name.to_string()).or_insert(message);
                    }
                    None => typed.other_errors.push(format!("{}: {message}", e.field)),
                }
            }
            let found = rapport_app::convert::duplicates(&state.app, &ui.ctx, id)
                .await
                .unwrap_or(no_duplicates);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            convert_page(&state, &ui, &lead, &found, typed, status).await
        }
        Err(AppError::Conflict(_)) => Redirect::to(&format!("/leads/{id}")).into_response(),
        Err(e) => error_page(tr, e),
    }
}

/// One deal on the board.
pub struct Card {
    pub id: String,
    pub title: String,
    pub company: String,
    pub amount: String,
    pub owner: String,
    pub days: String,
    pub version: i64,
    /// The other stages it can move to.
    pub moves: Vec<Choice>,
}

/// One stage's column.
pub struct BoardColumn {
    pub key: String,
    pub name: String,
    pub count: String,
    pub total: String,
    pub cards: Vec<Card>,
    /// The list of all of the stage's open deals, when the column shows only some.
    pub more: Option<String>,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    shell: Shell,
    pipelines: Vec<Choice>,
    pipeline_id: String,
    columns: Vec<BoardColumn>,
    notice: Option<String>,
}

/// `/deals`: the board of one pipeline, or the list when list parameters are given.
pub async fn deals(state: AppState, ui: UiCtx, raw: Option<String>) -> Response {
    let pairs: Vec<(String, String)> = raw
        .as_deref()
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let listing = pairs.iter().any(|(k, v)| {
        (k == "view" && v == "list")
            || matches!(k.as_str(), "q" | "sort" | "cursor" | "cols" | "fb_field")
            || k.starts_with("filter[")
    });
    if listing {
        return super::pages::list_page(state, ui, Entity::Deal, raw).await;
    }
    let pipeline = pairs
        .iter()
        .find(|(k, _)| k == "pipeline")
        .and_then(|(_, v)| Uuid::parse_str(v).ok());
    board(state, ui, pipeline, None, StatusCode::OK).await
}

async fn board(
    state: AppState,
    ui: UiCtx,
    asked: Option<Uuid>,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let all = pipelines(&state, &ui).await;
    let Some(pipeline) = all
        .iter()
        .find(|p| asked.is_some_and(|a| p.id() == Some(a)))
        .or(all.first())
    else {
        let shell = Shell::new(&ui, tr.t("deals-title"), "/deals");
        let page = BoardPage {
            shell,
            pipelines: Vec::new(),
            pipeline_id: String::new(),
            columns: Vec::new(),
            notice: Some(tr.t("board-no-pipeline")),
        };
        return render(&page, status);
    };
    let pipeline_id = pipeline.id().unwrap_or_default();
    let stages = stages_of(pipeline);
    let totals = match rapport_app::sales::board_summary(&state.app, &ui.ctx, pipeline_id).await {
        Ok(t) => t,
        Err(e) => return error_page(tr, e),
    };
    let owners = owner_names(&state, &ui).await;
    // Every column's cards come in one read, so their companies' names take one lookup.
    let keys: Vec<String> = stages.iter().map(|s| s.key.clone()).collect();
    let cards = match rapport_app::sales::board_cards(
        &state.app,
        &ui.ctx,
        pipeline_id,
        &keys,
        CARDS_PER_COLUMN as u64,
    )
    .await
    {
        Ok(cards) => cards,
        Err(e) => return error_page(tr, e),
    };
    let companies = company_names(&state, &ui, &cards).await;
    let mut columns = Vec::new();
    for stage in &stages {
        let mine: Vec<&rapport_store::deals::StageTotal> =
            totals.iter().filter(|t| t.stage == stage.key).collect();
        let count: i64 = mine.iter().map(|t| t.count).sum();
        let total = mine
            .iter()
            .filter_map(|t| {
                t.currency
                    .as_deref()
                    .map(|c| super::numbers::money(tr.lang, t.amount, c))
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let cards = cards
            .iter()
            .filter(|d| d.str("stage") == Some(stage.key.as_str()))
            .map(|d| Card {
                id: d.id().unwrap_or_default().to_string(),
                title: text(d, "title"),
                company: d
                    .str("company_id")
                    .and_then(|c| companies.get(c).cloned())
                    .unwrap_or_default(),
                amount: money_text(tr, d, "amount"),
                owner: d
                    .str("owner_id")
                    .and_then(|o| owners.get(o).cloned())
                    .unwrap_or_default(),
                days: tr.count(
                    "board-days-in-stage",
                    "days",
                    days_since(d.str("stage_entered_at")) as usize,
                ),
                version: d.version(),
                moves: stages
                    .iter()
                    .filter(|s| s.key != stage.key)
                    .map(|s| Choice {
                        value: s.key.clone(),
                        label: s.name.clone(),
                        selected: false,
                    })
                    .collect(),
            })
            .collect();
        let more = (count > CARDS_PER_COLUMN as i64).then(|| {
            let pid = pipeline_id.to_string();
            let q = serde_urlencoded::to_string([
                ("view", "list"),
                ("filter[pipeline_id]", pid.as_str()),
                ("filter[stage]", stage.key.as_str()),
                ("filter[status]", "open"),
            ])
            .unwrap_or_default();
            format!("/deals?{q}")
        });
        columns.push(BoardColumn {
            key: stage.key.clone(),
            name: stage.name.clone(),
            count: tr.count("board-count", "count", count.max(0) as usize),
            total,
            cards,
            more,
        });
    }
    let shell = Shell::new(
        &ui,
        format!("{} · {}", tr.t("deals-title"), text(pipeline, "name")),
        "/deals",
    );
    let page = BoardPage {
        shell,
        pipelines: all
            .iter()
            .filter_map(|p| {
                let id = p.id()?;
                Some(Choice {
                    selected: id == pipeline_id,
                    value: id.to_string(),
                    label: text(p, "name"),
                })
            })
            .collect(),
        pipeline_id: pipeline_id.to_string(),
        columns,
        notice,
    };
    render(&page, status)
}

/// Moves a deal to another stage, with the version its card was drawn from: a deal that
/// changed since is left as it is and the board says so.
pub async fn move_deal(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let pipeline = Uuid::parse_str(field(&form, "pipeline")).ok();
    let if_match = field(&form, "_version").parse::<i64>().ok().map(etag_for);
    let change = json!({"stage": field(&form, "stage")});
    let again = |notice: String, status: StatusCode| {
        let (state, ui) = (state.clone(), ui.clone());
        async move { board(state, ui, pipeline, Some(notice), status).await }
    };
    match records::update(
        &state.app,
        &ui.ctx,
        Entity::Deal,
        id,
        &change,
        if_match.as_deref(),
    )
    .await
    {
        Ok(deal) => {
            let back = deal.str("pipeline_id").unwrap_or_default().to_string();
            Redirect::to(&format!("/deals?pipeline={back}#deal-{id}")).into_response()
        }
        Err(AppError::Stale { .. }) => again(tr.t("board-stale"), StatusCode::CONFLICT).await,
        Err(AppError::Invalid(e)) => {
            let message =
                e.0.iter()
                    .map(|f| super::problems::message(tr, &f.problem))
                    .collect::<Vec<_>>()
                    .join(" ");
            again(message, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => error_page(tr, e),
    }
}

#[derive(Template)]
#[template(path = "deal.html")]
struct DealPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    lines: Vec<LineView>,
    lines_total: String,
    open: bool,
    version: i64,
    reason: String,
    error: Option<String>,
}

/// A deal's page: its fields, its stage and how long it has been there, and winning or
/// losing it while it is open.
pub async fn deal_page(state: AppState, ui: UiCtx, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(ui.tr);
    };
    deal_view(state, ui, id, None, String::new(), StatusCode::OK).await
}

async fn deal_view(
    state: AppState,
    ui: UiCtx,
    id: Uuid,
    error: Option<String>,
    reason: String,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let deal = match records::get(&state.app, &ui.ctx, Entity::Deal, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let all = pipelines(&state, &ui).await;
    let pipeline = all.iter().find(|p| p.str("id") == deal.str("pipeline_id"));
    let stage_name = pipeline
        .and_then(|p| {
            stages_of(p)
                .into_iter()
                .find(|s| Some(s.key.as_str()) == deal.str("stage"))
        })
        .map_or_else(|| text(&deal, "stage"), |s| s.name);
    let owners = owner_names(&state, &ui).await;
    let companies = company_names(&state, &ui, std::slice::from_ref(&deal)).await;
    let open = deal.str("status") == Some("open");
    let mut facts = vec![
        fact(
            tr,
            "field-status",
            tr.t(&format!("deal-status-{}", text(&deal, "status"))),
        ),
        Fact {
            label: tr.t("field-pipeline"),
            value: pipeline.map(|p| text(p, "name")).unwrap_or_default(),
            href: deal
                .str("pipeline_id")
                .map(|p| format!("/deals?pipeline={p}")),
        },
        fact(tr, "col-stage", stage_name),
        fact(
            tr,
            "deal-time-in-stage",
            if open {
                tr.count(
                    "board-days-in-stage",
                    "days",
                    days_since(deal.str("stage_entered_at")) as usize,
                )
            } else {
                String::new()
            },
        ),
        fact(tr, "field-amount", money_text(tr, &deal, "amount")),
        fact(tr, "field-expected-close", text(&deal, "expected_close")),
        fact(
            tr,
            "field-probability",
            deal.get("probability")
                .as_i64()
                .map(|p| format!("{p} %"))
                .unwrap_or_default(),
        ),
        Fact {
            label: tr.t("col-company"),
            value: deal
                .str("company_id")
                .and_then(|c| companies.get(c).cloned())
                .unwrap_or_default(),
            href: deal.str("company_id").map(|c| format!("/companies/{c}")),
        },
        fact(
            tr,
            "field-owner",
            deal.str("owner_id")
                .and_then(|o| owners.get(o).cloned())
                .unwrap_or_default(),
        ),
        fact(
            tr,
            "deal-closed-at",
            deal.str("closed_at")
                .map(|t| ui.when(t))
                .unwrap_or_default(),
        ),
        fact(tr, "field-lost-reason", text(&deal, "lost_reason")),
        fact(tr, "field-description", text(&deal, "description")),
    ];
    facts.retain(|f| !f.value.is_empty());
    let lines = line_views(tr, &deal);
    let lines_total = if lines.is_empty() {
        String::new()
    } else {
        money_text(tr, &deal, "amount")
    };
    let shell = Shell::new(&ui, text(&deal, "title"), "/deals");
    render(
        &DealPage {
            shell,
            base: format!("/deals/{id}"),
            facts,
            lines,
            lines_total,
            open,
            version: deal.version(),
            reason,
            error,
        },
        status,
    )
}

/// Marks an open deal won, or lost with its reason.
pub async fn close_deal(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let reason = field(&form, "lost_reason").trim().to_string();
    let change = match field(&form, "status") {
        "won" => json!({"status": "won"}),
        "lost" if reason.is_empty() => {
            let error = Some(tr.t("deal-lost-needs-reason"));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return deal_view(state, ui, id, error, reason, status).await;
        }
        "lost" => json!({"status": "lost", "lost_reason": reason}),
        _ => return Redirect::to(&format!("/deals/{id}")).into_response(),
    };
    let if_match = field(&form, "_version").parse::<i64>().ok().map(etag_for);
    match records::update(
        &state.app,
        &ui.ctx,
        Entity::Deal,
        id,
        &change,
        if_match.as_deref(),
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/deals/{id}")).into_response(),
        Err(AppError::Stale { .. }) => {
            let error = Some(tr.t("board-stale"));
            deal_view(state, ui, id, error, reason, StatusCode::CONFLICT).await
        }
        Err(AppError::Invalid(e)) => {
            let message =
                e.0.iter()
                    .map(|f| super::problems::message(tr, &f.problem))
                    .collect::<Vec<_>>()
                    .join(" ");
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            deal_view(state, ui, id, Some(message), reason, status).await
        }
        Err(AppError::Conflict(_)) => Redirect::to(&format!("/deals/{id}")).into_response(),
        Err(e) => error_page(tr, e),
    }
}

/// One line item of a deal as its page shows it.
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub tax_rate: String,
    pub net: String,
}

/// A deal's line items with each line's net amount, computed exactly as the deal's
/// amount was.
fn line_views(tr: Tr, deal: &Record) -> Vec<LineView> {
    use rapport_core::money::{LineInput, Percent, Quantity, line_amounts};
    let currency = deal.str("currency").unwrap_or("EUR");
    let money = |minor: i64| super::numbers::money(tr.lang, minor, currency);
    let decimal = |v: &Value| {
        let t = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        if tr.lang == "en" {
            t
        } else {
            t.replace('.', ",")
        }
    };
    deal.get("lines")
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            let get = |k: &str| l.get(k).unwrap_or(&Value::Null);
            let input = Quantity::parse(get("quantity")).ok().and_then(|quantity| {
                Some(LineInput {
                    quantity,
                    unit_price: get("unit_price").as_i64()?,
                    discount_percent: Percent::parse(get("discount_percent")).ok()?,
                    tax_rate: Percent::parse(get("tax_rate")).ok()?,
                })
            });
            let net = input
                .and_then(|i| line_amounts(&i))
                .map(|a| money(a.net))
                .unwrap_or_default();
            LineView {
                description: get("description").as_str().unwrap_or("").to_string(),
                quantity: decimal(get("quantity")),
                unit_price: get("unit_price").as_i64().map(money).unwrap_or_default(),
                discount: decimal(get("discount_percent")),
                tax_rate: decimal(get("tax_rate")),
                net,
            }
        })
        .collect()
}

/// One row of a pipeline's stage editor. Rows are numbered from one as shown; blank rows
/// at the end add stages, a row's number moves it, and its box removes it.
pub struct StageRow {
    pub index: usize,
    pub number: String,
    pub key: String,
    pub name: String,
    pub probability: String,
}

/// How many blank rows the stage editor offers for new stages.
const BLANK_STAGE_ROWS: usize = 2;

/// The most rows the stage editor reads back.
const MAX_STAGE_ROWS: usize = 60;

/// The rows a pipeline's form shows: as typed when it comes back, else the saved stages;
/// then blank rows to add stages with.
pub fn stage_rows(values: &HashMap<String, String>) -> Vec<StageRow> {
    let typed = typed_stages(values);
    let mut stages: Vec<(String, String, String)> = match typed {
        Some(rows) => rows
            .into_iter()
            .map(|r| (r.key, r.name, r.probability))
            .collect(),
        None => values
            .get("stages")
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|s| {
                let t = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let p = s
                    .get("probability")
                    .and_then(Value::as_i64)
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                (t("key"), t("name"), p)
            })
            .collect(),
    };
    stages.extend((0..BLANK_STAGE_ROWS).map(|_| Default::default()));
    stages
        .into_iter()
        .enumerate()
        .map(|(index, (key, name, probability))| StageRow {
            index,
            number: (index + 1).to_string(),
            key,
            name,
            probability,
        })
        .collect()
}

/// A typed row: its place, whether it is removed, and its text.
struct TypedRow {
    order: f64,
    index: usize,
    key: String,
    name: String,
    probability: String,
}

/// The rows as the form sent them, kept in their new order without removed or blank
/// ones; none when the form held no rows.
fn typed_stages(form: &HashMap<String, String>) -> Option<Vec<TypedRow>> {
    let count: usize = form.get("stage_rows")?.parse().ok()?;
    let get = |name: &str, i: usize| {
        form.get(&format!("{name}_{i}"))
            .map_or("", |s| s.trim())
            .to_string()
    };
    let mut rows: Vec<TypedRow> = (0..count.min(MAX_STAGE_ROWS))
        .filter(|i| get("stage_remove", *i) != "true")
        .map(|i| TypedRow {
            order: get("stage_order", i).parse().unwrap_or((i + 1) as f64),
            index: i,
            key: get("stage_key", i),
            name: get("stage_name", i),
            probability: get("stage_probability", i),
        })
        .filter(|r| !(r.key.is_empty() && r.name.is_empty() && r.probability.is_empty()))
        .collect();
    rows.sort_by(|a, b| a.order.total_cmp(&b.order).then(a.index.cmp(&b.index)));
    Some(rows)
}

/// The stages a pipeline's form sends, as the JSON the service takes. A row without a key
/// takes one made from its name.
pub fn stages_from_form(tr: Tr, form: &HashMap<String, String>) -> Result<Value, String> {
    let rows = typed_stages(form).unwrap_or_default();
    let mut out = Vec::new();
    for r in rows {
        let key = if r.key.is_empty() {
            key_from(&r.name)
        } else {
            r.key
        };
        let probability = if r.probability.is_empty() {
            0
        } else {
            r.probability
                .parse::<i64>()
                .map_err(|_| tr.t("stage-probability-invalid"))?
        };
        out.push(json!({"key": key, "name": r.name, "probability": probability}));
    }
    Ok(Value::Array(out))
}

/// A stage key made from a name: lower-case letters and digits joined by underscores.
fn key_from(name: &str) -> String {
    let mut key = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}
