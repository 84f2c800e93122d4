//! The public lead form (`/forms/lead/{key}`) and its settings page.
//!
//! The form is posted from other websites, so its routes sit outside the cross-origin
//! and CSRF checks that guard the signed-in pages: it changes nothing a visitor could
//! misuse, and it answers with a page or a redirect, never with anyone's data. Each
//! client address may send a few submissions a minute.

use super::forms::{Choice, user_choices};
use super::i18n::{Tr, negotiate_or};
use super::pages::{Shell, error_page, field, form, render};
use super::problems::message;
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::AppError;
use rapport_app::web_form::{self, FIELDS, Submitted};
use std::net::SocketAddr;

pub struct FormField {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub value: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "web_form.html")]
struct FormPage {
    tr: Tr,
    title: String,
    action: String,
    fields: Vec<FormField>,
    /// Whether anything was wrong; the fields say what.
    invalid: bool,
    /// Problems with fields the form does not show, such as one it does not know.
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct Thanks {
    tr: Tr,
    title: String,
    message: String,
}

/// The language of a visitor who is signed in nowhere: what their browser asks for, or
/// the organisation's default.
async fn visitor_tr(state: &AppState, headers: &HeaderMap) -> Tr {
    let org = rapport_app::organisation::get(&state.app)
        .await
        .unwrap_or_default();
    let asked = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Tr::new(negotiate_or(None, asked, org.default_locale.as_deref()))
}

fn fields(
    tr: Tr,
    values: &[(String, String)],
    errors: &rapport_core::ValidationErrors,
) -> Vec<FormField> {
    FIELDS
        .iter()
        .map(|name| {
            let (kind, autocomplete) = match *name {
                "email" => ("email", "email"),
                "phone" => ("tel", "tel"),
                "first_name" => ("text", "given-name"),
                "last_name" => ("text", "family-name"),
                "company_name" => ("text", "organization"),
                "title" => ("text", "organization-title"),
                _ => ("text", "off"),
            };
            FormField {
                name,
                label: tr.t(&format!("webform-{}", name.replace('_', "-"))),
                kind,
                autocomplete,
                value: values
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                error: errors
                    .0
                    .iter()
                    .find(|e| e.field == *name)
                    .map(|e| message(tr, &e.problem)),
            }
        })
        .collect()
}

fn form_page(
    tr: Tr,
    key: &str,
    values: &[(String, String)],
    errors: &rapport_core::ValidationErrors,
    status: StatusCode,
) -> Response {
    let page = FormPage {
        tr,
        title: tr.t("webform-heading"),
        action: format!("/forms/lead/{key}"),
        fields: fields(tr, values, errors),
        invalid: !errors.is_empty(),
        errors: errors
            .0
            .iter()
            .filter(|e| !FIELDS.contains(&e.field.as_str()))
            .map(|e| format!("{}: {}", e.field, message(tr, &e.problem)))
            .collect(),
    };
    render(&page, status)
}

/// `GET /forms/lead/{key}`: the form on a page of its own, to link to or show in a frame.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Response {
    let tr = visitor_tr(&state, &headers).await;
    match web_form::open_form(&state.app, &key).await {
        Ok(_) => form_page(
            tr,
            &key,
            &[],
            &rapport_core::ValidationErrors::new(),
            StatusCode::OK,
        ),
        Err(e) => error_page(tr, e),
    }
}

/// `POST /forms/lead/{key}`: a visitor's submission.
pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(key): Path<String>,
    body: Bytes,
) -> Response {
    let tr = visitor_tr(&state, &headers).await;
    let ip = peer.ip();
    if state.submissions.blocked(ip) {
        return error_page(tr, AppError::TooManyAttempts);
    }
    state.submissions.fail(ip);
    let Ok(values) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        return error_page(
            tr,
            AppError::invalid("", rapport_core::Problem::BodyNotObject),
        );
    };
    match web_form::submit(&state.app, &key, &values).await {
        Ok(Submitted::Lead(_) | Submitted::Ignored) => {
            let form = web_form::get(&state.app).await.unwrap_or_default();
            match form.thank_you_url {
                Some(url) => Redirect::to(&url).into_response(),
                None => render(
                    &Thanks {
                        tr,
                        title: tr.t("webform-thanks-title"),
                        message: tr.t("webform-thanks"),
                    },
                    StatusCode::OK,
                ),
            }
        }
        Err(AppError::Invalid(errors)) => {
            form_page(tr, &key, &values, &errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => error_page(tr, e),
    }
}

#[derive(Template)]
#[template(path = "web_form_settings.html")]
struct SettingsPage {
    shell: Shell,
    enabled: bool,
    owners: Vec<Choice>,
    thank_you_url: String,
    has_key: bool,
    link: Option<String>,
    snippet: String,
    errors: Vec<String>,
}

/// The address visitors reach this server by, from the request.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

/// The HTML a website pastes to show the form: plain fields posting to Rapport.
fn snippet(tr: Tr, action: &str) -> String {
    let mut out = format!("<form method=\"post\" action=\"{action}\">\n");
    for name in FIELDS {
        let label = tr.t(&format!("webform-{}", name.replace('_', "-")));
        let input = if name == "message" {
            format!("<textarea name=\"{name}\"></textarea>")
        } else {
            let kind = match name {
                "email" => "email",
                "phone" => "tel",
                _ => "text",
            };
            format!("<input type=\"{kind}\" name=\"{name}\">")
        };
        out.push_str(&format!("  <label>{label} {input}</label>\n"));
    }
    out.push_str(&format!(
        "  <input name=\"website\" tabindex=\"-1\" autocomplete=\"off\" style=\"position:absolute;left:-9999px\" aria-hidden=\"true\">\n  <button type=\"submit\">{}</button>\n</form>\n",
        tr.t("webform-send")
    ));
    out
}

async fn settings_page(
    state: &AppState,
    ui: &UiCtx,
    headers: &HeaderMap,
    form: &web_form::WebForm,
    errors: Vec<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let mut owners = user_choices(state, ui).await;
    let owner = form.owner_id.map(|o| o.to_string()).unwrap_or_default();
    for o in &mut owners {
        o.selected = o.value == owner;
    }
    let link =
        (!form.key.is_empty()).then(|| format!("{}/forms/lead/{}", origin(headers), form.key));
    let page = SettingsPage {
        shell: Shell::new(ui, tr.t("settings-web-form"), "/settings"),
        enabled: form.enabled,
        owners,
        thank_you_url: form.thank_you_url.clone().unwrap_or_default(),
        has_key: !form.key.is_empty(),
        snippet: link.as_deref().map(|l| snippet(tr, l)).unwrap_or_default(),
        link,
        errors,
    };
    render(&page, status)
}

/// `GET /settings/web-form`; administrators only.
pub async fn settings(State(state): State<AppState>, ui: UiCtx, headers: HeaderMap) -> Response {
    if !ui.ctx.actor.may_manage_settings() {
        return error_page(
            ui.tr,
            rapport_core::policy::Denied::Role("change", "settings").into(),
        );
    }
    match web_form::get(&state.app).await {
        Ok(form) => settings_page(&state, &ui, &headers, &form, Vec::new(), StatusCode::OK).await,
        Err(e) => error_page(ui.tr, e),
    }
}

/// `POST /settings/web-form`.
pub async fn save(
    State(state): State<AppState>,
    ui: UiCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let values = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&values, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let owner = field(&values, "owner_id");
    let owner_id = match owner {
        "" => None,
        text => match uuid::Uuid::parse_str(text) {
            Ok(id) => Some(id),
            Err(_) => {
                return error_page(
                    ui.tr,
                    AppError::invalid("owner_id", rapport_core::Problem::NotAnId),
                );
            }
        },
    };
    let saved = web_form::save(
        &state.app,
        &ui.ctx,
        field(&values, "enabled") == "true",
        owner_id,
        Some(field(&values, "thank_you_url")),
        field(&values, "replace_key") == "true",
    )
    .await;
    match saved {
        Ok(_) => Redirect::to("/settings/web-form").into_response(),
        Err(AppError::Invalid(e)) => {
            let errors = super::problems::lines(
                ui.tr,
                &e,
                &[
                    ("thank_you_url", "webform-thank-you-url"),
                    ("owner_id", "webform-owner"),
                ],
            );
            let current = web_form::get(&state.app).await.unwrap_or_default();
            settings_page(
                &state,
                &ui,
                &headers,
                &current,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(ui.tr, e),
    }
}
