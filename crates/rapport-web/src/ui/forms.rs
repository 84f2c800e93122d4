//! Create and edit forms for contacts and companies, logging interactions from the
//! customer page, and the history page. Forms are turned into the same JSON the API takes
//! and go through the same services, so the rules and messages are the same.

use super::i18n::Tr;
use super::pages::{Shell, contact_name, error_page, message_page, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{AppError, records};
use rapport_core::entity::{Entity, INTERACTION_KINDS, LIFECYCLE_STAGES};
use rapport_core::record::{Record, etag_for};
use rapport_core::validate::CustomDef;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct FormField {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Choice>,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub required: bool,
    /// A pipeline's stages, edited as rows.
    pub rows: Vec<super::sales::StageRow>,
    /// A deal's line items, edited as rows.
    pub lines: Vec<super::item_rows::LineRow>,
    /// A price list's prices, edited as rows.
    pub prices: Vec<super::item_rows::PriceRow>,
}

/// One row of a comparison: a conflict (yours / saved) or a change (before / after).
pub struct Compared {
    pub label: String,
    pub yours: String,
    pub theirs: String,
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage {
    shell: Shell,
    action: String,
    cancel: String,
    version: Option<i64>,
    fields: Vec<FormField>,
    has_errors: bool,
    conflict: Vec<Compared>,
}

/// Reads a form; a key sent several times (a multiple select) has its values joined by
/// commas, which no id or option value contains.
fn parse_form(body: &Bytes) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for (k, v) in serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default() {
        out.entry(k)
            .and_modify(|e| {
                e.push(',');
                e.push_str(&v);
            })
            .or_insert(v);
    }
    out
}

/// Where an entity's pages live: customer records at the top, the rest under settings.
pub fn home(entity: Entity) -> String {
    match entity {
        Entity::Contact
        | Entity::Company
        | Entity::Lead
        | Entity::Deal
        | Entity::Product
        | Entity::Ticket
        | Entity::KbArticle
        | Entity::KbCategory => format!("/{}", entity.resource()),
        other => format!("/settings/{}", other.resource()),
    }
}

/// Where a saved record's page is: its own page for customer records, else its list.
fn after_save(entity: Entity, id: Uuid) -> String {
    match entity {
        Entity::Contact | Entity::Company | Entity::Lead | Entity::Deal | Entity::Ticket => {
            format!("{}/{id}", home(entity))
        }
        Entity::KbArticle => format!("{}/{id}", home(entity)),
        Entity::KbCategory => "/kb".to_string(),
        other => home(other),
    }
}

/// How a field is edited: its form name, label key and input kind.
/// How each field of an entity is edited: its form name, label key and input kind.
pub fn layout_of(entity: Entity) -> &'static [(&'static str, &'static str, &'static str)] {
    layout(entity)
}

fn layout(entity: Entity) -> &'static [(&'static str, &'static str, &'static str)] {
    match entity {
        Entity::Company => &[
            ("name", "form-company-name", "text"),
            ("domain", "col-domain", "text"),
            ("industry", "col-industry", "text"),
            ("size", "form-size", "text"),
            ("phone", "col-phone", "tel"),
            ("website", "form-website", "url"),
            ("vat_id", "field-vat-id", "text"),
            ("peppol_id", "field-peppol-id", "text"),
            ("tags", "field-tags", "text"),
            ("owner_id", "field-owner", "select"),
        ],
        Entity::Tag => &[
            ("name", "col-name", "text"),
            ("color", "field-color", "text"),
            ("description", "field-description", "text"),
        ],
        Entity::Team => &[
            ("name", "col-name", "text"),
            ("description", "field-description", "text"),
            ("members", "field-members", "multiselect"),
        ],
        Entity::CustomField => &[
            ("entity", "field-entity", "select"),
            ("key", "field-key", "text"),
            ("label", "field-label", "text"),
            ("field_type", "field-type", "select"),
            ("options", "field-options", "text"),
            ("required", "field-required", "checkbox"),
        ],
        Entity::User => &[
            ("email", "col-email", "email"),
            ("name", "col-name", "text"),
            ("role", "field-role", "select"),
            ("locale", "account-language", "select"),
            ("time_zone", "account-time-zone", "select"),
            ("active", "field-active", "checkbox"),
            ("password", "field-password-initial", "password"),
        ],
        Entity::Lead => &[
            ("first_name", "form-first-name", "text"),
            ("last_name", "form-last-name", "text"),
            ("email", "col-email", "email"),
            ("phone", "col-phone", "tel"),
            ("company_name", "col-company", "text"),
            ("title", "field-title", "text"),
            ("website", "form-website", "url"),
            ("source", "field-source", "select"),
            ("status", "field-status", "select"),
            ("score", "field-score", "number"),
            ("message", "field-message", "textarea"),
            ("tags", "field-tags", "text"),
            ("owner_id", "field-owner", "select"),
        ],
        Entity::Deal => &[
            ("title", "field-deal-title", "text"),
            ("pipeline_id", "field-pipeline", "select"),
            ("stage", "col-stage", "select"),
            ("amount", "field-amount", "text"),
            ("expected_close", "field-expected-close", "date"),
            ("probability", "field-probability", "number"),
            ("company", "col-company", "text"),
            ("description", "field-description", "textarea"),
            ("tags", "field-tags", "text"),
            ("owner_id", "field-owner", "select"),
            ("lines", "field-lines", "lines"),
        ],
        Entity::Product => &[
            ("name", "col-name", "text"),
            ("code", "field-code", "text"),
            ("unit_price", "field-unit-price", "text"),
            ("tax_rate", "field-tax-rate", "text"),
            ("unit", "field-unit", "select"),
            ("description", "field-description", "textarea"),
            ("active", "field-active", "checkbox"),
        ],
        Entity::Pipeline => &[
            ("name", "col-name", "text"),
            ("position", "field-position", "number"),
            ("stages", "field-stages", "stages"),
        ],
        Entity::Queue => &[
            ("name", "col-name", "text"),
            ("description", "field-description", "text"),
            ("assignment", "queue-field-assignment", "select"),
            ("active", "field-active", "checkbox"),
        ],
        Entity::Ticket => &[
            ("subject", "ticket-field-subject", "text"),
            ("description", "field-description", "textarea"),
            ("status", "field-status", "select"),
            ("priority", "ticket-field-priority", "select"),
            ("type", "ticket-field-type", "select"),
            ("channel", "ticket-field-channel", "select"),
            ("queue_id", "ticket-field-queue", "select"),
            ("assignee_id", "ticket-field-assignee", "select"),
            ("company", "col-company", "text"),
            ("tags", "field-tags", "text"),
        ],
        Entity::PriceList => &[
            ("name", "col-name", "text"),
            ("currency", "field-currency", "text"),
            ("active", "field-active", "checkbox"),
            ("prices", "field-prices", "prices"),
        ],
        // Tasks have a form of their own (task_form.rs); these name their fields in history.
        Entity::Task => &[
            ("title", "tasks-field-title", "text"),
            ("notes", "task-field-notes", "textarea"),
            ("due_at", "tasks-field-due", "text"),
            ("all_day", "task-field-all-day", "checkbox"),
            ("time_zone", "account-time-zone", "text"),
            ("reminder_minutes", "task-field-reminder", "number"),
            ("recurrence", "repeat-legend", "text"),
            ("status", "task-field-status", "select"),
            ("completed_at", "task-field-completed", "text"),
            ("priority", "tasks-field-priority", "select"),
            ("owner_id", "task-field-assignee", "select"),
            ("contact_id", "task-field-contact", "select"),
            ("company_id", "task-field-company", "select"),
            ("deal_id", "task-field-deal", "select"),
            ("previous_id", "task-previous", "text"),
            ("next_id", "task-next", "text"),
        ],
        Entity::KbCategory => &[
            ("name", "col-name", "text"),
            ("description", "field-description", "textarea"),
            ("parent_id", "kb-field-parent", "select"),
            ("position", "field-position", "number"),
        ],
        Entity::KbArticle => &[
            ("title", "kb-field-title", "text"),
            ("category_id", "kb-field-category", "select"),
            ("translation_of", "kb-field-translation-of", "select"),
            ("language", "kb-field-language", "select"),
            ("status", "kb-field-status", "select"),
            ("audience", "kb-field-audience", "select"),
            ("body", "kb-field-body", "textarea"),
            ("tags", "field-tags", "text"),
        ],
        _ => &[
            ("first_name", "form-first-name", "text"),
            ("last_name", "form-last-name", "text"),
            ("email", "col-email", "email"),
            ("phone", "col-phone", "tel"),
            ("title", "field-title", "text"),
            ("company", "col-company", "text"),
            ("lifecycle_stage", "col-stage", "select"),
            ("tags", "field-tags", "text"),
            ("owner_id", "field-owner", "select"),
        ],
    }
}

/// The value a record shows for a field, as text.
pub fn shown_value(record: &Record, name: &str) -> String {
    shown(record, name, "")
}

/// The value a record shows in its form.
fn shown(record: &Record, name: &str, company_name: &str) -> String {
    match name {
        "company" => company_name.to_string(),
        "password" => String::new(),
        "stages" | "lines" | "prices" => record.get(name).to_string(),
        _ => rapport_core::record::display_text(record.get(name)),
    }
}

/// Everyone a record may be handed to, with a first choice of nobody.
pub async fn user_choices(state: &AppState, ui: &UiCtx) -> Vec<Choice> {
    std::iter::once((String::new(), ui.tr.t("form-none")))
        .chain(users(state, ui).await)
        .map(|(value, label)| Choice {
            value,
            label,
            selected: false,
        })
        .collect()
}

async fn users(state: &AppState, ui: &UiCtx) -> Vec<(String, String)> {
    let pairs = vec![("limit".to_string(), "500".to_string())];
    match records::list(&state.app, &ui.ctx, Entity::User, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .filter_map(|u| Some((u.id()?.to_string(), u.str("name").unwrap_or("").to_string())))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn build_fields(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    values: &HashMap<String, String>,
    defs: &[CustomDef],
    errors: &HashMap<String, String>,
) -> Vec<FormField> {
    let tr = ui.tr;
    let people = users(state, ui).await;
    let pipelines = if entity == Entity::Deal {
        super::sales::pipelines(state, ui).await
    } else {
        Vec::new()
    };
    let products = if matches!(entity, Entity::Deal | Entity::PriceList) {
        super::item_rows::products(state, ui).await
    } else {
        Vec::new()
    };
    let queues = if entity == Entity::Ticket {
        super::tickets::queues(state, ui).await
    } else {
        Vec::new()
    };
    let currency = form_currency(tr, entity, values);
    let kb_choices = super::kb::form_choices(state, ui, entity).await;
    let mut fields = Vec::new();
    for (name, label, kind) in layout(entity) {
        let value = values.get(*name).cloned().unwrap_or_default();
        let chosen: Vec<&str> = value.split(',').map(str::trim).collect();
        let pick = |pairs: Vec<(String, String)>| -> Vec<Choice> {
            pairs
                .into_iter()
                .map(|(v, l)| Choice {
                    selected: chosen.contains(&v.as_str()),
                    value: v,
                    label: l,
                })
                .collect()
        };
        let none = || ("".to_string(), tr.t("form-none"));
        let ticket_choices = super::tickets::choices(tr, entity, name, &queues, &people);
        let options = match *name {
            _ if kb_choices.covers(name) => pick(kb_choices.of(tr, name)),
            _ if ticket_choices.is_some() => pick(ticket_choices.unwrap_or_default()),
            "lifecycle_stage" => pick(
                std::iter::once(none())
                    .chain(
                        LIFECYCLE_STAGES
                            .iter()
                            .map(|s| (s.to_string(), tr.t(&format!("stage-{s}")))),
                    )
                    .collect(),
            ),
            "owner_id" => pick(
                std::iter::once(none())
                    .chain(people.iter().cloned())
                    .collect(),
            ),
            "members" => pick(people.clone()),
            "entity" => pick(
                rapport_core::entity::CUSTOM_ENTITIES
                    .iter()
                    .map(|e| (e.to_string(), tr.t(&format!("nav-{e}"))))
                    .collect(),
            ),
            "field_type" => pick(
                rapport_core::entity::CUSTOM_TYPES
                    .iter()
                    .map(|t| (t.to_string(), t.to_string()))
                    .collect(),
            ),
            "role" => pick(
                rapport_core::entity::ROLES
                    .iter()
                    .map(|r| (r.to_string(), tr.t(&format!("role-{r}"))))
                    .collect(),
            ),
            "locale" => pick(
                super::i18n::LOCALES
                    .iter()
                    .map(|l| (l.to_string(), tr.t(&format!("language-{l}"))))
                    .collect(),
            ),
            "source" => pick(
                rapport_core::entity::LEAD_SOURCES
                    .iter()
                    .map(|s| (s.to_string(), tr.t(&format!("lead-source-{s}"))))
                    .collect(),
            ),
            // Only converting sets `converted`, so it is offered only where it already is.
            "status" => pick(
                rapport_core::entity::LEAD_STATUSES
                    .iter()
                    .filter(|s| **s != "converted" || value == "converted")
                    .map(|s| (s.to_string(), tr.t(&format!("lead-status-{s}"))))
                    .collect(),
            ),
            "unit" => pick(
                rapport_core::entity::UNITS
                    .iter()
                    .map(|u| (u.to_string(), tr.t(&format!("unit-{u}"))))
                    .collect(),
            ),
            "pipeline_id" => pick(
                pipelines
                    .iter()
                    .filter_map(|p| {
                        Some((p.id()?.to_string(), p.str("name").unwrap_or("").to_string()))
                    })
                    .collect(),
            ),
            // The stages of the deal's pipeline, or of the first one for a new deal.
            "stage" => {
                let chosen_pipeline = values.get("pipeline_id").map_or("", String::as_str);
                let pipeline = pipelines
                    .iter()
                    .find(|p| p.id().is_some_and(|id| id.to_string() == chosen_pipeline))
                    .or(pipelines.first());
                pick(
                    pipeline
                        .map(super::sales::stages_of)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|s| (s.key, s.name))
                        .collect(),
                )
            }
            "time_zone" => {
                let mut names: Vec<String> =
                    jiff::tz::db().available().map(|n| n.to_string()).collect();
                names.sort();
                pick(
                    std::iter::once(("UTC".to_string(), "UTC".to_string()))
                        .chain(names.into_iter().map(|n| (n.clone(), n)))
                        .collect(),
                )
            }
            _ => Vec::new(),
        };
        let hint = match *name {
            "tags" => Some(tr.t("form-tags-hint")),
            "amount" | "unit_price" => Some(money_hint(tr, "form-money-hint")),
            "lines" => Some(tr.t("lines-hint")),
            "prices" => Some(tr.t("prices-hint")),
            "tax_rate" => Some(tr.t("field-tax-rate-hint")),
            "options" => Some(tr.t("field-options-hint")),
            "vat_id" => Some(tr.t("field-vat-id-hint")),
            "peppol_id" => Some(tr.t("field-peppol-id-hint")),
            _ => None,
        };
        fields.push(FormField {
            name: name.to_string(),
            label: tr.t(label),
            kind,
            value,
            options,
            hint,
            error: errors.get(*name).cloned(),
            rows: if *kind == "stages" {
                super::sales::stage_rows(values)
            } else {
                Vec::new()
            },
            lines: if *kind == "lines" {
                super::item_rows::line_rows(tr, values, &products, &currency)
            } else {
                Vec::new()
            },
            prices: if *kind == "prices" {
                super::item_rows::price_rows(tr, values, &products, &currency)
            } else {
                Vec::new()
            },
            required: if super::sales::is_sales(entity) || super::kb::is_kb(entity) {
                entity.field(name).is_some_and(|f| f.required)
            } else {
                matches!(*name, "name" | "email" | "key" | "label")
            },
        });
    }
    for def in defs {
        let name = format!("custom.{}", def.key);
        let value = values.get(&name).cloned().unwrap_or_default();
        let (kind, options) = match def.field_type.as_str() {
            "bool" => ("checkbox", Vec::new()),
            "select" => (
                "select",
                std::iter::once(String::new())
                    .chain(def.options.iter().cloned())
                    .map(|o| Choice {
                        selected: o == value,
                        label: if o.is_empty() {
                            tr.t("form-none")
                        } else {
                            o.clone()
                        },
                        value: o,
                    })
                    .collect(),
            ),
            "number" => ("number", Vec::new()),
            "date" => ("date", Vec::new()),
            "url" => ("url", Vec::new()),
            "email" => ("email", Vec::new()),
            "phone" => ("tel", Vec::new()),
            _ => ("text", Vec::new()),
        };
        let hint = (def.field_type == "money").then(|| money_hint(tr, "form-money-hint"));
        fields.push(FormField {
            error: errors.get(&name).cloned(),
            name,
            label: def.label.clone(),
            kind,
            value,
            options,
            hint,
            required: def.required,
            rows: Vec::new(),
            lines: Vec::new(),
            prices: Vec::new(),
        });
    }
    fields
}

/// The currency a form's rows of money are in: a deal's is typed with its amount, a
/// price list's in its own field; EUR until one is given.
fn form_currency(tr: Tr, entity: Entity, values: &HashMap<String, String>) -> String {
    let typed = match entity {
        Entity::Deal => values
            .get("amount")
            .and_then(|a| super::numbers::parse_money(tr.lang, a))
            .map(|(_, c)| c),
        Entity::PriceList => values
            .get("currency")
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| rapport_core::values::currency(c).is_ok()),
        _ => None,
    };
    typed.unwrap_or_else(|| rapport_app::forecast::DEFAULT_CURRENCY.to_string())
}

/// How to write money in the user's language, with an example the form reads back.
fn money_hint(tr: Tr, key: &str) -> String {
    tr.t1(
        key,
        "example",
        &super::numbers::money_input(tr.lang, 123456, "EUR"),
    )
}

/// A record's current values, as its form shows them.
async fn record_values(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    record: &Record,
    defs: &[CustomDef],
) -> HashMap<String, String> {
    let company = match record.uuid("company_id") {
        Some(cid) => records::get(&state.app, &ui.ctx, Entity::Company, cid, None)
            .await
            .map(|c| c.str("name").unwrap_or("").to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    let mut values: HashMap<String, String> = layout(entity)
        .iter()
        .map(|(name, _, _)| (name.to_string(), shown(record, name, &company)))
        .collect();
    // Money is edited as the user's language writes it, with its currency.
    for name in ["amount", "unit_price"] {
        if let (Some(minor), Some(currency)) = (record.get(name).as_i64(), record.str("currency"))
            && values.contains_key(name)
        {
            values.insert(
                name.to_string(),
                super::numbers::money_input(ui.tr.lang, minor, currency),
            );
        }
    }
    for def in defs {
        let v = record
            .get("custom")
            .get(&def.key)
            .cloned()
            .unwrap_or(Value::Null);
        let text = match (def.field_type.as_str(), v) {
            (_, Value::Null) => String::new(),
            (_, Value::String(s)) => s,
            (_, Value::Number(n)) => super::numbers::number_input(&n),
            ("multiselect", list @ Value::Array(_)) => rapport_core::record::display_text(&list),
            ("money", Value::Object(m)) => super::numbers::money_input(
                ui.tr.lang,
                m.get("amount_minor").and_then(Value::as_i64).unwrap_or(0),
                m.get("currency").and_then(Value::as_str).unwrap_or(""),
            ),
            (_, other) => other.to_string(),
        };
        values.insert(format!("custom.{}", def.key), text);
    }
    values
}

/// Turns the form into the JSON body the services take. Problems found here (an unknown
/// company name, a number that is not one) are reported like the services' own.
async fn to_body(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    form: &HashMap<String, String>,
    defs: &[CustomDef],
    updating: bool,
) -> Result<Value, HashMap<String, String>> {
    let mut body = Map::new();
    let mut errors = HashMap::new();
    for (name, _, kind) in layout(entity) {
        let raw = form.get(*name).map_or("", |s| s.trim());
        // Fields fixed at creation are not sent again, and a password is not a field.
        let fixed = entity
            .own_fields()
            .any(|f| f.name == *name && f.access == rapport_core::entity::Access::CreateOnly);
        if (updating && fixed) || *name == "password" {
            continue;
        }
        if *kind == "checkbox" {
            body.insert(name.to_string(), json!(raw == "true"));
            continue;
        }
        if *kind == "number" {
            match raw.parse::<i64>() {
                _ if raw.is_empty() => {
                    body.insert(name.to_string(), Value::Null);
                }
                Ok(n) => {
                    body.insert(name.to_string(), json!(n));
                }
                Err(_) => {
                    errors.insert(
                        name.to_string(),
                        super::problems::message(ui.tr, &rapport_core::Problem::NotANumber),
                    );
                }
            }
            continue;
        }
        match *name {
            // Money arrives as one text, amount and currency, written as the user writes it.
            "amount" | "unit_price" => {
                if raw.is_empty() {
                    body.insert(name.to_string(), Value::Null);
                } else {
                    match super::numbers::parse_money(ui.tr.lang, raw) {
                        Some((minor, currency)) => {
                            body.insert(name.to_string(), json!(minor));
                            body.insert("currency".into(), json!(currency));
                        }
                        None => {
                            errors
                                .insert(name.to_string(), money_hint(ui.tr, "form-money-invalid"));
                        }
                    }
                }
            }
            "lines" => {
                let currency = form_currency(ui.tr, entity, form);
                match super::item_rows::lines_from_form(ui.tr, form, &currency) {
                    Ok(lines) => {
                        body.insert("lines".into(), lines);
                    }
                    Err(message) => {
                        errors.insert("lines".into(), message);
                    }
                }
            }
            "prices" => {
                let currency = form_currency(ui.tr, entity, form);
                let products = super::item_rows::products(state, ui).await;
                match super::item_rows::prices_from_form(ui.tr, form, &products, &currency) {
                    Ok(prices) => {
                        body.insert("prices".into(), prices);
                    }
                    Err(message) => {
                        errors.insert("prices".into(), message);
                    }
                }
            }
            "stages" => match super::sales::stages_from_form(ui.tr, form) {
                Ok(stages) => {
                    body.insert("stages".into(), stages);
                }
                Err(message) => {
                    errors.insert("stages".into(), message);
                }
            },
            // A converted lead keeps that status; sending it again would be a change.
            "status" if entity == Entity::Lead && raw == "converted" => {}
            "members" | "options" => {
                let items: Vec<&str> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect();
                body.insert(name.to_string(), json!(items));
            }
            "tags" => {
                let tags: Vec<&str> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect();
                body.insert("tags".into(), json!(tags));
            }
            "company" => {
                if raw.is_empty() {
                    body.insert("company_id".into(), Value::Null);
                } else {
                    let pairs = vec![
                        ("filter[name]".to_string(), raw.to_string()),
                        ("limit".to_string(), "1".to_string()),
                    ];
                    match records::list(&state.app, &ui.ctx, Entity::Company, &pairs).await {
                        Ok(page) if !page.items.is_empty() => {
                            body.insert("company_id".into(), json!(page.items[0].id()));
                        }
                        _ => {
                            errors.insert("company".to_string(), ui.tr.t("form-no-company"));
                        }
                    }
                }
            }
            _ => {
                body.insert(
                    name.to_string(),
                    if raw.is_empty() {
                        Value::Null
                    } else {
                        json!(raw)
                    },
                );
            }
        }
    }
    let mut custom = Map::new();
    for def in defs {
        let name = format!("custom.{}", def.key);
        let raw = form.get(&name).map_or("", |s| s.trim());
        let value = match def.field_type.as_str() {
            "bool" => json!(raw == "true"),
            _ if raw.is_empty() => Value::Null,
            "number" => match super::numbers::parse_number_input(raw) {
                Some(n) => n,
                None => {
                    errors.insert(
                        name,
                        super::problems::message(ui.tr, &rapport_core::Problem::NotANumber),
                    );
                    continue;
                }
            },
            "multiselect" => json!(
                raw.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            ),
            // Amounts are read the way the user's language writes them; see numbers.rs.
            "money" => match super::numbers::parse_money(ui.tr.lang, raw) {
                Some((a, currency)) => json!({"amount_minor": a, "currency": currency}),
                None => {
                    errors.insert(name, money_hint(ui.tr, "form-money-invalid"));
                    continue;
                }
            },
            _ => json!(raw),
        };
        custom.insert(def.key.clone(), value);
    }
    if entity.has_custom_fields() {
        body.insert("custom".into(), Value::Object(custom));
    }
    if errors.is_empty() {
        Ok(Value::Object(body))
    } else {
        Err(errors)
    }
}

/// The services' problems in the user's language, each under the form field it is about.
fn field_errors(
    tr: Tr,
    entity: Entity,
    e: &rapport_core::ValidationErrors,
) -> HashMap<String, String> {
    e.0.iter()
        .map(|f| {
            // A line's problem is shown under the lines, naming its row.
            if let Some(rest) = f.field.strip_prefix("lines[") {
                let row = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .map_or(1, |n| n + 1);
                let message = super::problems::message(tr, &f.problem);
                return (
                    "lines".to_string(),
                    tr.t_with(
                        "line-row-error",
                        &[("row", &row.to_string()), ("message", &message)],
                    ),
                );
            }
            let name = match (entity, f.field.as_str()) {
                (_, "company_id") => "company".to_string(),
                // Money's currency is typed in the same field as its amount.
                (Entity::Deal, "currency") => "amount".to_string(),
                (Entity::Product, "currency") => "unit_price".to_string(),
                _ => f.field.clone(),
            };
            (name, super::problems::message(tr, &f.problem))
        })
        .collect()
}

fn titles(entity: Entity) -> &'static str {
    match entity {
        Entity::Company => "form-new-company",
        Entity::Contact => "form-new-contact",
        Entity::Lead => "form-new-lead",
        Entity::Deal => "form-new-deal",
        Entity::Product => "form-new-product",
        Entity::KbArticle => "kb-new-article",
        Entity::KbCategory => "kb-new-category",
        Entity::Ticket => "form-new-ticket",
        _ => "settings-new",
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    title: String,
    action: String,
    cancel: String,
    version: Option<i64>,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
    conflict: Vec<Compared>,
    status: StatusCode,
) -> Response {
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let fields = build_fields(state, ui, entity, values, &defs, errors).await;
    let shell = Shell::new(ui, title, &home(entity));
    let has_errors = !errors.is_empty();
    render(
        &FormPage {
            shell,
            action,
            cancel,
            version,
            fields,
            has_errors,
            conflict,
        },
        status,
    )
}

pub async fn new_form(state: AppState, ui: UiCtx, entity: Entity) -> Response {
    new_form_with(state, ui, entity, &HashMap::new()).await
}

/// A new record's form with some values filled in (a translation names its original).
pub async fn new_form_with(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    values: &HashMap<String, String>,
) -> Response {
    let base = home(entity);
    let title = ui.tr.t(titles(entity));
    form_page(
        &state,
        &ui,
        entity,
        title,
        format!("{base}/new"),
        base,
        None,
        values,
        &HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn create(state: AppState, ui: UiCtx, entity: Entity, body: Bytes) -> Response {
    let form = parse_form(&body);
    if !same_secret(
        &ui.session.csrf_token,
        form.get("_csrf").map_or("", String::as_str),
    ) {
        return csrf_refused(ui.tr);
    }
    let base = home(entity);
    let title = ui.tr.t(titles(entity));
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let again = |errors: HashMap<String, String>| {
        let (state, ui, form, base, title) = (&state, &ui, &form, base.clone(), title.clone());
        async move {
            form_page(
                state,
                ui,
                entity,
                title,
                format!("{base}/new"),
                base,
                None,
                form,
                &errors,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let password = form.get("password").map_or("", |p| p.as_str());
    if entity == Entity::User
        && !password.is_empty()
        && let Err(AppError::Invalid(e)) = rapport_app::auth::check_password_rules(password)
    {
        return again(field_errors(ui.tr, entity, &e)).await;
    }
    let json = match to_body(&state, &ui, entity, &form, &defs, false).await {
        Ok(j) => j,
        Err(errors) => return again(errors).await,
    };
    match records::create(&state.app, &ui.ctx, entity, &json).await {
        Ok(record) => {
            if entity == Entity::User && !password.is_empty() {
                let id = record.id().unwrap_or_default();
                if let Err(e) =
                    rapport_app::auth::set_password(&state.app, &ui.ctx, id, password).await
                {
                    return error_page(ui.tr, e);
                }
            }
            Redirect::to(&after_save(entity, record.id().unwrap_or_default())).into_response()
        }
        Err(AppError::Invalid(e)) => again(field_errors(ui.tr, entity, &e)).await,
        Err(e) => error_page(ui.tr, e),
    }
}

fn record_title(entity: Entity, record: &Record) -> String {
    match entity {
        Entity::Contact => contact_name(record),
        Entity::CustomField => record.str("label").unwrap_or("").to_string(),
        Entity::Lead => super::sales::lead_name(record),
        Entity::Deal | Entity::Task | Entity::KbArticle => {
            record.str("title").unwrap_or("").to_string()
        }
        Entity::Ticket => format!(
            "{} {}",
            record.str("number").unwrap_or(""),
            record.str("subject").unwrap_or("")
        ),
        e if e.is_document() => record.str("number").unwrap_or("—").to_string(),
        _ => record.str("name").unwrap_or("").to_string(),
    }
}

pub async fn edit_form(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(ui.tr, StatusCode::NOT_FOUND, &ui.tr.t("error-not-found"));
    };
    let record = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(ui.tr, e),
    };
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let values = record_values(&state, &ui, entity, &record, &defs).await;
    let base = format!("{}/{id}", home(entity));
    let cancel = after_save(entity, id);
    let title = format!(
        "{} · {}",
        ui.tr.t("form-edit"),
        record_title(entity, &record)
    );
    form_page(
        &state,
        &ui,
        entity,
        title,
        format!("{base}/edit"),
        cancel,
        Some(record.version()),
        &values,
        &HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: String,
    body: Bytes,
) -> Response {
    let tr = ui.tr;
    let form = parse_form(&body);
    if !same_secret(
        &ui.session.csrf_token,
        form.get("_csrf").map_or("", String::as_str),
    ) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let base = format!("{}/{id}", home(entity));
    let version: Option<i64> = form.get("_version").and_then(|v| v.parse().ok());
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let title = tr.t("form-edit");
    let json = match to_body(&state, &ui, entity, &form, &defs, true).await {
        Ok(j) => j,
        Err(errors) => {
            return form_page(
                &state,
                &ui,
                entity,
                title,
                format!("{base}/edit"),
                base,
                version,
                &form,
                &errors,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let if_match = version.map(etag_for);
    match records::update(&state.app, &ui.ctx, entity, id, &json, if_match.as_deref()).await {
        Ok(_) => Redirect::to(&after_save(entity, id)).into_response(),
        Err(AppError::Invalid(e)) => {
            form_page(
                &state,
                &ui,
                entity,
                title,
                format!("{base}/edit"),
                base,
                version,
                &form,
                &field_errors(tr, entity, &e),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Stale { .. }) => {
            // Show what differs between this form and what was saved, keep the form as typed,
            // and carry the saved version so that saving again is a deliberate choice.
            let current = match records::get(&state.app, &ui.ctx, entity, id, None).await {
                Ok(r) => r,
                Err(e) => return error_page(tr, e),
            };
            let saved = record_values(&state, &ui, entity, &current, &defs).await;
            let labels: HashMap<&str, &str> =
                layout(entity).iter().map(|(n, l, _)| (*n, *l)).collect();
            let mut conflict: Vec<Compared> = layout(entity)
                .iter()
                .map(|(n, _, _)| n.to_string())
                .chain(defs.iter().map(|d| format!("custom.{}", d.key)))
                .filter_map(|name| {
                    let yours = form.get(&name).map_or("", |s| s.trim()).to_string();
                    let theirs = saved.get(&name).cloned().unwrap_or_default();
                    (yours != theirs).then(|| Compared {
                        label: labels
                            .get(name.as_str())
                            .map_or_else(|| name.clone(), |k| tr.t(k)),
                        yours,
                        theirs,
                    })
                })
                .collect();
            if conflict.is_empty() {
                conflict.push(Compared {
                    label: "—".into(),
                    yours: String::new(),
                    theirs: String::new(),
                });
            }
            form_page(
                &state,
                &ui,
                entity,
                title,
                format!("{base}/edit"),
                base,
                Some(current.version()),
                &form,
                &HashMap::new(),
                conflict,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => error_page(tr, e),
    }
}

/// The quick actions of the customer page: each opens the log form with its kind fixed
/// and only the fields that kind has. The value is the `log` parameter that opens it.
pub const QUICK_ACTIONS: [(&str, &str); 3] = [
    ("call", "quick-log-call"),
    ("note", "quick-add-note"),
    ("task", "quick-create-task"),
];

/// A quick action by its name, if it is one.
pub fn quick_action(name: &str) -> Option<&'static str> {
    QUICK_ACTIONS
        .iter()
        .map(|(action, _)| *action)
        .find(|action| *action == name)
}

/// What the log form held when it comes back: the values as typed and the problems, each
/// under the form field it belongs to.
#[derive(Default)]
pub struct LogForm {
    /// The quick action the form was opened for, or none for the form with every kind.
    pub quick: Option<&'static str>,
    pub values: HashMap<String, String>,
    pub errors: HashMap<String, String>,
}

/// The form field a service's problem with an interaction field belongs to.
fn log_field(field: &str) -> &str {
    match field {
        "duration_seconds" => "duration_minutes",
        "occurred_at" => "due",
        other => other,
    }
}

/// A due date and time as a browser's `datetime-local` field sends it (or typed the same
/// way, with a space or seconds), read in the user's time zone.
fn due_time(raw: &str, tz: &jiff::tz::TimeZone) -> Option<String> {
    let local: jiff::civil::DateTime = raw.trim().replace(' ', "T").parse().ok()?;
    let zoned = local.to_zoned_datetime(tz.clone()).ok()?;
    Some(zoned.timestamp().to_string())
}

/// Logs a call, note, task or other interaction from the customer page. A task is due at
/// its `occurred_at`, which is why it is kept with the others on the timeline.
pub async fn log(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: String,
    body: Bytes,
) -> Result<Response, LogForm> {
    let tr = ui.tr;
    let form = parse_form(&body);
    if !same_secret(
        &ui.session.csrf_token,
        form.get("_csrf").map_or("", String::as_str),
    ) {
        return Ok(csrf_refused(tr));
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return Ok(message_page(
            tr,
            StatusCode::NOT_FOUND,
            &tr.t("error-not-found"),
        ));
    };
    let parent = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return Ok(error_page(tr, e)),
    };
    let quick = form.get("quick").and_then(|q| quick_action(q));
    let mut kept = LogForm {
        quick,
        values: form
            .iter()
            .filter(|(k, _)| k.as_str() != "_csrf")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        errors: HashMap::new(),
    };
    let text = |k: &str| {
        form.get(k)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    // A quick action fixes the kind; notes and tasks are the team's own, so internal.
    let (kind, direction) = match quick {
        Some(q @ ("note" | "task")) => (Some(q.to_string()), Some("internal".to_string())),
        Some(q) => (Some(q.to_string()), text("direction")),
        None => (text("kind"), text("direction")),
    };
    let mut body = Map::new();
    body.insert("kind".into(), json!(kind));
    body.insert("direction".into(), json!(direction));
    body.insert("subject".into(), json!(text("subject")));
    body.insert("body".into(), json!(text("body")));
    let has_duration = matches!(quick, None | Some("call"));
    if let Some(minutes) = text("duration_minutes").filter(|_| has_duration) {
        match minutes.parse::<i64>() {
            Ok(m) if m >= 0 => {
                body.insert("duration_seconds".into(), json!(m.saturating_mul(60)));
            }
            _ => {
                kept.errors
                    .insert("duration_minutes".into(), tr.t("quick-duration-invalid"));
            }
        }
    }
    if quick == Some("task") {
        if text("subject").is_none() {
            kept.errors
                .insert("subject".into(), tr.t("quick-subject-missing"));
        }
        match text("due").and_then(|d| due_time(&d, &ui.tz)) {
            Some(at) => {
                body.insert("occurred_at".into(), json!(at));
            }
            None => {
                kept.errors.insert("due".into(), tr.t("quick-due-invalid"));
            }
        }
    }
    if !kept.errors.is_empty() {
        return Err(kept);
    }
    match entity {
        Entity::Company => {
            body.insert("company_id".into(), json!(id));
        }
        _ => {
            body.insert("contact_id".into(), json!(id));
            if let Some(cid) = parent.str("company_id") {
                body.insert("company_id".into(), json!(cid));
            }
        }
    }
    match records::create(
        &state.app,
        &ui.ctx,
        Entity::Interaction,
        &Value::Object(body),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/{}/{id}", entity.resource())).into_response()),
        Err(AppError::Invalid(e)) => {
            for problem in &e.0 {
                kept.errors
                    .entry(log_field(&problem.field).to_string())
                    .or_insert_with(|| super::problems::message(tr, &problem.problem));
            }
            Err(kept)
        }
        Err(e) => Ok(error_page(tr, e)),
    }
}

/// The kinds a person may log, the given one chosen.
pub fn kinds(tr: Tr, chosen: &str) -> Vec<Choice> {
    INTERACTION_KINDS
        .iter()
        .filter(|k| **k != "system")
        .map(|k| Choice {
            value: k.to_string(),
            label: tr.t(&format!("kind-{k}")),
            selected: *k == chosen,
        })
        .collect()
}

/// The directions of the log form, the given one chosen.
pub fn directions(tr: Tr, chosen: &str) -> Vec<Choice> {
    ["outbound", "inbound", "internal"]
        .iter()
        .map(|d| Choice {
            value: d.to_string(),
            label: tr.t(&format!("direction-{d}")),
            selected: *d == chosen,
        })
        .collect()
}

pub struct HistoryLine {
    pub action: String,
    pub at: String,
    pub at_text: String,
    pub by: String,
    pub changes: Vec<Compared>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    shell: Shell,
    back: String,
    events: Vec<HistoryLine>,
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub async fn history(state: AppState, ui: UiCtx, entity: Entity, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let record = match records::get(&state.app, &ui.ctx, entity, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let events = match records::history(&state.app, &ui.ctx, entity, id).await {
        Ok(e) => e,
        Err(e) => return error_page(tr, e),
    };
    let people: HashMap<String, String> = users(&state, &ui).await.into_iter().collect();
    let labels: HashMap<&str, &str> = if entity.is_document() {
        super::documents::HISTORY_LABELS.iter().copied().collect()
    } else {
        layout(entity)
            .iter()
            .map(|(n, l, _)| (*n, *l))
            .chain(super::kb::history_labels(entity).iter().copied())
            .collect()
    };
    let lines = events
        .iter()
        .rev()
        .map(|e| HistoryLine {
            action: tr.t(&format!("history-action-{}", e.action.as_str())),
            at: e.occurred_at.clone(),
            at_text: ui.when(&e.occurred_at),
            by: e
                .actor_id
                .and_then(|a| people.get(&a.to_string()).cloned())
                .map(|name| tr.t1("history-by", "who", &name))
                .unwrap_or_default(),
            changes: e
                .changes
                .iter()
                .map(|(field, c)| Compared {
                    label: labels
                        .get(field.as_str())
                        .map_or_else(|| field.clone(), |k| tr.t(k)),
                    yours: show(&c.old),
                    theirs: show(&c.new),
                })
                .collect(),
        })
        .collect();
    let base = format!("/{}/{id}", entity.resource());
    let title = format!(
        "{} · {}",
        tr.t("history-title"),
        record_title(entity, &record)
    );
    let shell = Shell::new(&ui, title, &format!("/{}", entity.resource()));
    render(
        &HistoryPage {
            shell,
            back: base,
            events: lines,
        },
        StatusCode::OK,
    )
}

/// Reads the history page's `as_of` (a `datetime-local` value, taken as UTC, or RFC 3339).
pub fn as_of_param(raw: &str) -> Option<String> {
    rapport_core::clock::canonical(raw)
        .or_else(|| rapport_core::clock::canonical(&format!("{raw}Z")))
        .or_else(|| rapport_core::clock::canonical(&format!("{raw}:00Z")))
}
