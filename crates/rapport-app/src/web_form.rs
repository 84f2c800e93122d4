//! The public lead form: a form any website can embed that turns a visitor's message into
//! a lead. The form is addressed by a random key, which an administrator can replace to
//! shut out a copy that spammers found; a hidden field that people never fill catches
//! robots, which are answered as if all went well so that they learn nothing.

use crate::{App, AppError, Ctx};
use rapport_core::history::Origin;
use rapport_core::policy::{Actor, Denied};
use rapport_core::{Problem, ValidationErrors};
use rapport_store::sessions::{set_setting, setting};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use uuid::Uuid;

const KEY: &str = "web_form";

/// The fields a visitor may fill, in the order the form shows them.
pub const FIELDS: [&str; 7] = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "company_name",
    "title",
    "message",
];

/// The hidden field robots fill and people do not see.
pub const HONEYPOT: &str = "website";

/// How the public form behaves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebForm {
    /// The random part of the form's address; empty until the form is first enabled.
    pub key: String,
    pub enabled: bool,
    /// Who new leads are given to; nobody when unset.
    pub owner_id: Option<Uuid>,
    /// Where visitors go after sending; Rapport's own thank-you page when unset.
    pub thank_you_url: Option<String>,
}

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    Lead(Uuid),
    /// A robot filled the hidden field: nothing was stored.
    Ignored,
}

pub async fn get(app: &App) -> Result<WebForm, AppError> {
    Ok(setting(&app.db, KEY)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

fn new_key() -> Result<String, AppError> {
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string().into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Saves the form's settings; administrators only. `new_key` replaces the address, so
/// copies of the old one stop working.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    enabled: bool,
    owner_id: Option<Uuid>,
    thank_you_url: Option<&str>,
    replace_key: bool,
) -> Result<WebForm, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let mut errors = ValidationErrors::new();
    let thank_you_url = match thank_you_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => match rapport_core::values::url(url) {
            Ok(url) => Some(url),
            Err(problem) => {
                errors.add("thank_you_url", problem);
                None
            }
        },
        None => None,
    };
    if let Some(owner) = owner_id {
        let user = rapport_store::records::get(&app.db, rapport_core::Entity::User, owner).await?;
        if user.is_none_or(|u| u.is_deleted()) {
            errors.add(
                "owner_id",
                Problem::NoSuchUser {
                    id: owner.to_string(),
                },
            );
        }
    }
    errors.into_result(()).map_err(AppError::from)?;
    let mut form = get(app).await?;
    if form.key.is_empty() || replace_key {
        form.key = new_key()?;
    }
    form.enabled = enabled;
    form.owner_id = owner_id;
    form.thank_you_url = thank_you_url;
    let value = serde_json::to_value(&form).map_err(|e| AppError::Internal(e.into()))?;
    let mut tx = app.db.begin().await?;
    set_setting(
        &mut tx,
        KEY,
        &value,
        &rapport_core::clock::format(rapport_core::clock::now()),
    )
    .await?;
    tx.commit().await?;
    Ok(form)
}

/// The form for this key, if it exists and takes submissions.
pub async fn open_form(app: &App, key: &str) -> Result<WebForm, AppError> {
    let form = get(app).await?;
    if form.enabled && !form.key.is_empty() && form.key == key {
        Ok(form)
    } else {
        Err(AppError::NotFound("form"))
    }
}

/// Turns a visitor's submission into a lead, validated like any other input. A lead from
/// the form needs a way to answer the visitor: an email address or a phone number.
pub async fn submit(
    app: &App,
    key: &str,
    fields: &[(String, String)],
) -> Result<Submitted, AppError> {
    let form = open_form(app, key).await?;
    let mut body = Map::new();
    let mut errors = ValidationErrors::new();
    for (name, value) in fields {
        if name == HONEYPOT {
            if !value.trim().is_empty() {
                return Ok(Submitted::Ignored);
            }
        } else if FIELDS.contains(&name.as_str()) {
            if !value.trim().is_empty() {
                body.insert(name.clone(), json!(value));
            }
        } else {
            errors.add(name.clone(), Problem::UnknownField);
        }
    }
    if !body.contains_key("email") && !body.contains_key("phone") {
        errors.add("email", Problem::LeadNeedsChannel);
    }
    errors.into_result(()).map_err(AppError::from)?;
    body.insert("source".into(), json!("web_form"));
    if let Some(owner) = form.owner_id {
        body.insert("owner_id".into(), json!(owner.to_string()));
    }
    // The visitor is nobody Rapport knows: the lead is written by Rapport itself.
    let ctx = Ctx::new(Actor::system(), Origin::Automation);
    let lead =
        crate::records::create(app, &ctx, rapport_core::Entity::Lead, &Value::Object(body)).await?;
    Ok(Submitted::Lead(lead.id().unwrap_or_default()))
}
