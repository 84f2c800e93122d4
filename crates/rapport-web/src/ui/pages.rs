//! The pages: setup, sign-in, lists, the customer page, search and the account page.

use super::i18n::Tr;
use super::modules::MODULES;
use super::session::{
    PRE_SESSION_COOKIE, UiCtx, clear_session_cookie, cookie, csrf_refused, encode, same_secret,
    session_cookie, set_cookie, visitor_tr,
};
use crate::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{AppError, Ctx, Origin, records, sessions};
use rapport_core::entity::Entity;
use rapport_core::policy::{Actor, Role};
use rapport_core::record::{Record, display_text};
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;
use uuid::Uuid;

/// What every signed-in page shows around its content.
pub struct Shell {
    pub tr: Tr,
    pub brand: String,
    pub is_admin: bool,
    pub title: String,
    pub user_name: String,
    pub csrf: String,
    pub query: String,
    pub nav: Vec<NavLink>,
    /// The logo's address, with its hash so that a new logo is a new address.
    pub logo: Option<String>,
    pub bell: super::notifications::Bell,
    /// Where the user menu's language and time-zone form returns to: this page.
    pub here: String,
    /// The languages to choose from, the user's own chosen.
    pub languages: Vec<super::forms::Choice>,
    /// The time zones to choose from, and the one in force.
    pub zones: &'static [String],
    pub zone: String,
}

pub struct NavLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

impl Shell {
    pub fn new(ui: &UiCtx, title: String, path: &str) -> Shell {
        let name = ui.user_name();
        Shell {
            tr: ui.tr,
            brand: ui.org.name.clone().unwrap_or_else(|| "Rapport".to_string()),
            is_admin: ui.ctx.actor.role == Role::Admin,
            title,
            // The name opens the user menu, so it is never empty.
            user_name: if name.trim().is_empty() {
                text(&ui.user, "email")
            } else {
                name
            },
            csrf: ui.session.csrf_token.clone(),
            query: String::new(),
            nav: MODULES
                .iter()
                .map(|m| NavLink {
                    href: m.href,
                    label: ui.tr.t(m.label),
                    current: path.starts_with(m.href),
                })
                .collect(),
            logo: ui.org.logo.as_deref().map(super::settings::logo_src),
            bell: super::notifications::Bell::new(ui.tr, ui.unread),
            here: ui.here.clone().unwrap_or_else(|| path.to_string()),
            languages: language_choices(ui),
            zones: zone_names(),
            zone: ui.tz.iana_name().unwrap_or("UTC").to_string(),
        }
    }
}

/// The languages a user may choose, in their own names, the one in force chosen.
fn language_choices(ui: &UiCtx) -> Vec<super::forms::Choice> {
    super::i18n::LOCALES
        .iter()
        .map(|l| super::forms::Choice {
            value: l.to_string(),
            label: ui.tr.t(&format!("language-{l}")),
            selected: *l == ui.tr.lang,
        })
        .collect()
}

/// Every time zone a user may choose, sorted; read once, since every page lists them.
fn zone_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
        names.sort();
        names
    })
}

pub fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    tr: Tr,
    title: String,
    message: &'a str,
}

/// A plain page with one message.
pub fn message_page(tr: Tr, status: StatusCode, message: &str) -> Response {
    render(
        &MessagePage {
            tr,
            title: tr.t("error-title"),
            message,
        },
        status,
    )
}

/// The page for a failed service call.
pub fn error_page(tr: Tr, e: AppError) -> Response {
    let (status, key) = match &e {
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, "error-not-found"),
        AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "error-forbidden"),
        AppError::TooManyAttempts => (StatusCode::TOO_MANY_REQUESTS, "login-too-many"),
        AppError::Internal(cause) => {
            tracing::error!(error = %cause, "internal error");
            (StatusCode::INTERNAL_SERVER_ERROR, "error-title")
        }
        _ => (StatusCode::BAD_REQUEST, "error-title"),
    };
    message_page(tr, status, &tr.t(key))
}

/// Reads an `application/x-www-form-urlencoded` body; anything unreadable is empty.
pub fn form(body: &Bytes) -> HashMap<String, String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .collect()
}

pub fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

fn query_pairs(raw: Option<String>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default()
}

/// Whether a form shown before sign-in carries the pre-session cookie's proof.
fn pre_session_proof(headers: &HeaderMap, form: &HashMap<String, String>) -> bool {
    cookie(headers, PRE_SESSION_COOKIE).is_some_and(|c| same_secret(c, field(form, "_csrf")))
}

/// The `next` query parameter, if it is a place on this site.
fn next_param(raw: Option<String>) -> String {
    query_pairs(raw)
        .into_iter()
        .find(|(k, _)| k == "next")
        .map_or_else(|| "/contacts".to_string(), |(_, v)| safe_next(&v))
}

/// Only a path on this site may be a place to return to after signing in.
fn safe_next(next: &str) -> String {
    local_path(next).unwrap_or("/contacts").to_string()
}

/// A return address, taken only when it is a path on this site: one leading `/` (never
/// `//`, which browsers read as another host), then visible ASCII without backslashes
/// (which browsers read as slashes), so it also always fits a `Location` header.
pub fn local_path(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    let fits = next.len() <= super::session::MAX_RETURN_ADDRESS
        && !rest.starts_with('/')
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    fits.then_some(next)
}

fn pre_session_token(headers: &HeaderMap) -> Result<(String, Option<HeaderValue>), AppError> {
    match cookie(headers, PRE_SESSION_COOKIE) {
        Some(v) if v.len() >= 32 && v.len() <= 64 => Ok((v.to_string(), None)),
        _ => {
            let token = sessions::random_token()?;
            let cookie = set_cookie(headers, PRE_SESSION_COOKIE, &token, 3600);
            Ok((token.clone(), Some(cookie)))
        }
    }
}

fn with_cookie(mut response: Response, cookie: Option<HeaderValue>) -> Response {
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match rapport_store::users::any_user(&state.app.db).await {
        Ok(false) => Redirect::to("/setup").into_response(),
        Ok(true) if cookie(&headers, super::session::SESSION_COOKIE).is_some() => {
            Redirect::to("/contacts").into_response()
        }
        Ok(true) => Redirect::to("/login").into_response(),
        Err(e) => error_page(visitor_tr(&headers), e.into()),
    }
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    tr: Tr,
    title: String,
    csrf: String,
    name: String,
    email: String,
    errors: Vec<String>,
}

async fn setup_open(state: &AppState) -> Result<bool, AppError> {
    Ok(!rapport_store::users::any_user(&state.app.db).await?)
}

pub async fn setup_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let tr = visitor_tr(&headers);
    match setup_open(&state).await {
        Ok(true) => {}
        Ok(false) => return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found")),
        Err(e) => return error_page(tr, e),
    }
    let (csrf, cookie) = match pre_session_token(&headers) {
        Ok(v) => v,
        Err(e) => return error_page(tr, e),
    };
    let page = SetupPage {
        tr,
        title: tr.t("setup-title"),
        csrf,
        name: String::new(),
        email: String::new(),
        errors: Vec::new(),
    };
    with_cookie(render(&page, StatusCode::OK), cookie)
}

pub async fn setup_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let tr = visitor_tr(&headers);
    let form = form(&body);
    if !pre_session_proof(&headers, &form) {
        return csrf_refused(tr);
    }
    match setup_open(&state).await {
        Ok(true) => {}
        Ok(false) => return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found")),
        Err(e) => return error_page(tr, e),
    }
    let ctx = Ctx::new(Actor::system(), Origin::Ui);
    let (name, email, password) = (
        field(&form, "name"),
        field(&form, "email"),
        field(&form, "password"),
    );
    let created =
        rapport_app::auth::add_user(&state.app, &ctx, email, name, Role::Admin, Some(password))
            .await;
    let user_id = match created {
        Ok(id) => id,
        Err(AppError::Invalid(errors)) => {
            let page = SetupPage {
                tr,
                title: tr.t("setup-title"),
                csrf: field(&form, "_csrf").to_string(),
                name: name.to_string(),
                email: email.to_string(),
                errors: super::problems::lines(
                    tr,
                    &errors,
                    &[
                        ("name", "setup-name"),
                        ("email", "login-email"),
                        ("password", "login-password"),
                    ],
                ),
            };
            return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(e) => return error_page(tr, e),
    };
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    match sessions::start(&state.app, user_id, agent, Some(&peer.ip().to_string())).await {
        Ok((secret, _)) => {
            let mut response = Redirect::to("/contacts").into_response();
            response
                .headers_mut()
                .append(header::SET_COOKIE, session_cookie(&headers, &secret));
            response
        }
        Err(e) => error_page(tr, e),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    tr: Tr,
    title: String,
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let tr = visitor_tr(&headers);
    if matches!(setup_open(&state).await, Ok(true)) {
        return Redirect::to("/setup").into_response();
    }
    let (csrf, cookie) = match pre_session_token(&headers) {
        Ok(v) => v,
        Err(e) => return error_page(tr, e),
    };
    let next = next_param(raw);
    let page = LoginPage {
        tr,
        title: tr.t("login-title"),
        csrf,
        next,
        email: String::new(),
        error: None,
    };
    with_cookie(render(&page, StatusCode::OK), cookie)
}

pub async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let tr = visitor_tr(&headers);
    let form = form(&body);
    let csrf = field(&form, "_csrf");
    if !pre_session_proof(&headers, &form) {
        return csrf_refused(tr);
    }
    let email = field(&form, "email");
    let next = safe_next(field(&form, "next"));
    let again = |status: StatusCode, key: &str| {
        let page = LoginPage {
            tr,
            title: tr.t("login-title"),
            csrf: csrf.to_string(),
            next: next.clone(),
            email: email.to_string(),
            error: Some(tr.t(key)),
        };
        render(&page, status)
    };
    let ip = peer.ip();
    if state.limiter.blocked(ip) {
        return again(StatusCode::TOO_MANY_REQUESTS, "login-too-many");
    }
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    match sessions::sign_in(
        &state.app,
        email,
        field(&form, "password"),
        agent,
        Some(&ip.to_string()),
    )
    .await
    {
        Ok((secret, session)) => {
            let target = if session.mfa_pending {
                format!("/login/code?next={}", encode(&next))
            } else {
                next.clone()
            };
            let mut response = Redirect::to(&target).into_response();
            response
                .headers_mut()
                .append(header::SET_COOKIE, session_cookie(&headers, &secret));
            response
        }
        Err(AppError::Unauthenticated) => {
            state.limiter.fail(ip);
            again(StatusCode::UNPROCESSABLE_ENTITY, "login-failed")
        }
        Err(e) => error_page(tr, e),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    ui: UiCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    if let Err(e) = sessions::revoke(&state.app, &ui.ctx, ui.session.id).await {
        return error_page(ui.tr, e);
    }
    let mut response = Redirect::to("/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&headers));
    response
}

/// A column heading; sortable columns link to the list sorted by them.
pub struct Header {
    pub label: String,
    pub href: Option<String>,
    pub sorted: Option<&'static str>,
}

impl Header {
    pub fn plain(label: String) -> Header {
        Header {
            label,
            href: None,
            sorted: None,
        }
    }
}

/// A column a list can show.
pub struct Column {
    pub key: String,
    pub label: String,
    /// The field the column sorts by, if it sorts.
    pub sort: Option<&'static str>,
}

/// Every column of an entity's list: its fields, then its custom fields.
fn available_columns(
    tr: Tr,
    entity: Entity,
    defs: &[rapport_core::validate::CustomDef],
) -> Vec<Column> {
    let fixed: &[(&str, &str, Option<&'static str>)] = match entity {
        e if e.is_document() => super::documents::columns(e),
        Entity::Company => &[
            ("name", "col-name", Some("name")),
            ("domain", "col-domain", Some("domain")),
            ("industry", "col-industry", Some("industry")),
            ("phone", "col-phone", None),
            ("website", "form-website", None),
            ("tags", "field-tags", None),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Interaction => &[
            ("when", "col-when", Some("occurred_at")),
            ("kind", "col-kind", None),
            ("subject", "col-subject", None),
            ("direction", "col-direction", None),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Lead => &[
            ("lead", "col-name", Some("last_name")),
            ("company_name", "col-company", Some("company_name")),
            ("email", "col-email", Some("email")),
            ("status", "field-status", Some("status")),
            ("source", "field-source", Some("source")),
            ("score", "field-score", Some("score")),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Deal => &[
            ("deal", "field-deal-title", Some("title")),
            ("company", "col-company", None),
            ("deal_stage", "col-stage", None),
            ("deal_status", "field-status", Some("status")),
            ("amount", "field-amount", Some("amount")),
            (
                "expected_close",
                "field-expected-close",
                Some("expected_close"),
            ),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Ticket => &[
            ("ticket", "ticket-field-subject", Some("subject")),
            ("number", "ticket-field-number", Some("number")),
            ("ticket_status", "field-status", Some("status")),
            ("ticket_priority", "ticket-field-priority", Some("priority")),
            ("queue", "ticket-field-queue", None),
            ("assignee", "ticket-field-assignee", None),
            ("contact", "ticket-field-contact", None),
            ("company", "col-company", None),
            ("updated", "ticket-field-updated", Some("updated_at")),
            ("created", "col-created", Some("created_at")),
        ],
        Entity::Product => &[
            ("product", "col-name", Some("name")),
            ("code", "field-code", Some("code")),
            ("unit_price", "field-unit-price", Some("unit_price")),
            ("tax_rate", "field-tax-rate", None),
            ("unit", "field-unit", None),
            ("active", "field-active", None),
        ],
        _ => &[
            ("name", "col-name", Some("last_name")),
            ("email", "col-email", Some("email")),
            ("phone", "col-phone", None),
            ("company", "col-company", None),
            ("stage", "col-stage", Some("lifecycle_stage")),
            ("title", "field-title", Some("title")),
            ("tags", "field-tags", None),
            ("owner", "field-owner", None),
            ("created", "col-created", Some("created_at")),
        ],
    };
    fixed
        .iter()
        .map(|(key, label, sort)| Column {
            key: key.to_string(),
            label: tr.t(label),
            sort: *sort,
        })
        .chain(defs.iter().map(|d| Column {
            key: format!("custom.{}", d.key),
            label: d.label.clone(),
            sort: None,
        }))
        .collect()
}

/// The columns a list shows: those asked for in `cols` that exist, else the defaults.
fn chosen_columns<'a>(entity: Entity, cols: &str, available: &'a [Column]) -> Vec<&'a Column> {
    let asked: Vec<&'a Column> = cols
        .split(',')
        .filter_map(|k| available.iter().find(|c| c.key == k.trim()))
        .collect();
    if !asked.is_empty() {
        return asked;
    }
    let defaults: &[&str] = match entity {
        e if e.is_document() => super::documents::default_columns(e),
        Entity::Company => &["name", "domain", "industry", "phone"],
        Entity::Interaction => &["when", "kind", "subject"],
        Entity::Lead => &["lead", "company_name", "status", "source", "score", "owner"],
        Entity::Deal => &[
            "deal",
            "company",
            "deal_stage",
            "deal_status",
            "amount",
            "owner",
        ],
        Entity::Product => &["product", "code", "unit_price", "unit", "active"],
        Entity::Ticket => &[
            "number",
            "ticket",
            "ticket_status",
            "ticket_priority",
            "queue",
            "assignee",
            "updated",
        ],
        _ => &["name", "email", "phone", "company", "stage"],
    };
    defaults
        .iter()
        .filter_map(|k| available.iter().find(|c| c.key == *k))
        .collect()
}

/// One cell of a list.
fn cell_for(
    ui: &UiCtx,
    entity: Entity,
    r: &Record,
    key: &str,
    companies: &HashMap<String, String>,
    contacts: &HashMap<String, String>,
    owners: &HashMap<String, String>,
) -> Cell {
    let tr = ui.tr;
    let own = || format!("/{}/{}", entity.resource(), r.id().unwrap_or_default());
    match key {
        "name" if entity == Entity::Contact => link(contact_name(r), own()),
        "name" => link(text(r, "name"), own()),
        "company" => match r.str("company_id") {
            Some(id) => link(
                companies.get(id).cloned().unwrap_or_default(),
                format!("/companies/{id}"),
            ),
            None => cell(""),
        },
        "stage" => cell(
            r.str("lifecycle_stage")
                .map(|s| tr.t(&format!("stage-{s}")))
                .unwrap_or_default(),
        ),
        "tags" => cell(display_text(r.get("tags"))),
        "owner" => cell(
            r.str("owner_id")
                .and_then(|o| owners.get(o).cloned())
                .unwrap_or_default(),
        ),
        "created" => cell(ui.when(&text(r, "created_at"))),
        "when" => cell(ui.when(&text(r, "occurred_at"))),
        "kind" => cell(tr.t(&format!("kind-{}", text(r, "kind")))),
        "direction" => cell(tr.t(&format!("direction-{}", text(r, "direction")))),
        "subject" => {
            let parent = r
                .str("contact_id")
                .map(|id| format!("/contacts/{id}"))
                .or_else(|| r.str("company_id").map(|id| format!("/companies/{id}")));
            let subject = text(r, "subject");
            let shown = if subject.is_empty() {
                "—".to_string()
            } else {
                subject
            };
            match parent {
                Some(h) => link(shown, h),
                None => cell(shown),
            }
        }
        "lead" => link(super::sales::lead_name(r), own()),
        "ticket" => link(text(r, "subject"), own()),
        "ticket_status" => cell(tr.t(&format!("ticket-status-{}", text(r, "status")))),
        "ticket_priority" => cell(tr.t(&format!("ticket-priority-{}", text(r, "priority")))),
        "queue" => cell(
            r.str("queue_id")
                .and_then(|q| owners.get(q).cloned())
                .unwrap_or_default(),
        ),
        "assignee" => cell(
            r.str("assignee_id")
                .and_then(|o| owners.get(o).cloned())
                .unwrap_or_default(),
        ),
        "updated" => cell(ui.when(&text(r, "updated_at"))),
        "deal" => link(text(r, "title"), own()),
        "product" => link(text(r, "name"), format!("{}/edit", own())),
        "status" => cell(tr.t(&format!("lead-status-{}", text(r, "status")))),
        "source" => cell(tr.t(&format!("lead-source-{}", text(r, "source")))),
        "score" => cell(
            r.get("score")
                .as_i64()
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        "contact" => match r.str("contact_id") {
            Some(id) => link(
                contacts.get(id).cloned().unwrap_or_default(),
                format!("/contacts/{id}"),
            ),
            None => cell(""),
        },
        "doc_number" => link(super::documents::number_text(tr, r), own()),
        doc if doc.starts_with("doc_") => {
            cell(super::documents::cell_text(tr, r, doc).unwrap_or_default())
        }
        "deal_status" => cell(tr.t(&format!("deal-status-{}", text(r, "status")))),
        "deal_stage" => cell(text(r, "stage")),
        "amount" | "unit_price" => cell(match (r.get(key).as_i64(), r.str("currency")) {
            (Some(minor), Some(currency)) => super::numbers::money(tr.lang, minor, currency),
            _ => String::new(),
        }),
        "unit" => cell(
            r.str("unit")
                .map(|u| tr.t(&format!("unit-{u}")))
                .unwrap_or_default(),
        ),
        "tax_rate" => cell(
            r.str("tax_rate")
                .map(|t| format!("{t} %"))
                .unwrap_or_default(),
        ),
        "active" => cell(if r.get("active").as_bool() == Some(true) {
            tr.t("product-active")
        } else {
            tr.t("product-archived")
        }),
        custom if custom.starts_with("custom.") => {
            let value = r
                .get("custom")
                .get(custom.trim_start_matches("custom."))
                .cloned()
                .unwrap_or(Value::Null);
            cell(super::numbers::custom_text(tr.lang, &value))
        }
        field => cell(text(r, field)),
    }
}

/// Where an entity's list is. The deals' list shares `/deals` with their board: any list
/// parameter (or `view=list`) shows the list.
fn list_path(entity: Entity) -> String {
    format!("/{}", entity.resource())
}

/// A query string from pairs.
fn query_string(pairs: &[(String, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        href: None,
    }
}

fn link(text: impl Into<String>, href: String) -> Cell {
    Cell {
        text: text.into(),
        href: Some(href),
    }
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    shell: Shell,
    new_href: Option<String>,
    new_label: String,
    q: String,
    empty: String,
    export: Option<String>,
    headers: Vec<Header>,
    rows: Vec<Row>,
    bulk: Option<Bulk>,
    builder: Option<Builder>,
    views: Option<Views>,
    columns: Option<ColumnChooser>,
    /// Views one click away, such as a person's own tickets.
    quick: Vec<Fact>,
    next: Option<String>,
}

/// The column chooser: every column, the chosen ones ticked, and the view to keep.
pub struct ColumnChooser {
    pub choices: Vec<super::forms::Choice>,
    pub keep: Vec<(String, String)>,
}

/// The filter builder: the filters in force (each removable) and the choices for a new one.
pub struct Builder {
    pub active: Vec<ActiveFilter>,
    pub keep: Vec<(String, String)>,
    pub fields: Vec<super::forms::Choice>,
    pub ops: Vec<super::forms::Choice>,
}

pub struct ActiveFilter {
    pub text: String,
    pub remove: String,
}

/// The fields a person can filter a list by, with their label keys.
fn filter_fields(entity: Entity) -> &'static [(&'static str, &'static str)] {
    match entity {
        e if e.is_document() => super::documents::filter_fields(e),
        Entity::Company => &[
            ("name", "col-name"),
            ("domain", "col-domain"),
            ("industry", "col-industry"),
            ("tags", "field-tags"),
            ("created_at", "col-created"),
        ],
        Entity::Interaction => &[
            ("kind", "col-kind"),
            ("subject", "col-subject"),
            ("occurred_at", "col-when"),
        ],
        Entity::Lead => &[
            ("status", "field-status"),
            ("source", "field-source"),
            ("score", "field-score"),
            ("company_name", "col-company"),
            ("email", "col-email"),
            ("created_at", "col-created"),
        ],
        Entity::Deal => &[
            ("status", "field-status"),
            ("stage", "col-stage"),
            ("pipeline_id", "field-pipeline"),
            ("amount", "field-amount"),
            ("expected_close", "field-expected-close"),
            ("created_at", "col-created"),
        ],
        Entity::Product => &[
            ("active", "field-active"),
            ("name", "col-name"),
            ("code", "field-code"),
        ],
        Entity::Ticket => &[
            ("status", "field-status"),
            ("priority", "ticket-field-priority"),
            ("queue_id", "ticket-field-queue"),
            ("assignee_id", "ticket-field-assignee"),
            ("number", "ticket-field-number"),
            ("subject", "ticket-field-subject"),
            ("tags", "field-tags"),
            ("created_at", "col-created"),
        ],
        _ => &[
            ("first_name", "form-first-name"),
            ("last_name", "form-last-name"),
            ("email", "col-email"),
            ("title", "field-title"),
            ("lifecycle_stage", "col-stage"),
            ("tags", "field-tags"),
            ("created_at", "col-created"),
        ],
    }
}

const FILTER_OPS: [&str; 6] = ["eq", "ne", "contains", "lt", "gt", "is_null"];

fn builder(tr: Tr, entity: Entity, path: &str, view: &[(String, String)]) -> Builder {
    let labels: HashMap<&str, &str> = filter_fields(entity).iter().copied().collect();
    let active = view
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k.starts_with("filter["))
        .map(|(i, (k, v))| {
            let inner = k.trim_start_matches("filter[").trim_end_matches(']');
            let (field, op) = inner.split_once("][").unwrap_or((inner, "eq"));
            let label = labels
                .get(field)
                .map_or_else(|| field.to_string(), |key| tr.t(key));
            let rest: Vec<(String, String)> = view
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.clone())
                .collect();
            ActiveFilter {
                text: format!("{label} {} {v}", tr.t(&format!("op-{op}")))
                    .trim()
                    .to_string(),
                remove: format!("{path}?{}", query_string(&rest)),
            }
        })
        .collect();
    let choice = |value: &str, label: String| super::forms::Choice {
        value: value.to_string(),
        label,
        selected: false,
    };
    Builder {
        active,
        keep: view.to_vec(),
        fields: filter_fields(entity)
            .iter()
            .map(|(f, key)| choice(f, tr.t(key)))
            .collect(),
        ops: FILTER_OPS
            .iter()
            .map(|op| choice(op, tr.t(&format!("op-{op}"))))
            .collect(),
    }
}

/// The saved views of a list and the form that saves the current one.
pub struct Views {
    pub action: String,
    pub items: Vec<ViewLink>,
    pub query: Vec<(String, String)>,
    pub may_share: bool,
}

pub struct ViewLink {
    pub id: String,
    pub name: String,
    pub href: String,
    pub own: bool,
}

/// One row of a list: its record's id (for selecting it) and its cells.
pub struct Row {
    pub id: Option<String>,
    pub cells: Vec<Cell>,
    /// The accessible name of the row's bulk-select box, naming its record.
    pub select_label: String,
}

/// The bulk actions form of a list.
pub struct Bulk {
    pub action: String,
    pub owners: Vec<super::forms::Choice>,
}

/// A contact's name as people read it.
pub fn contact_name(r: &Record) -> String {
    let name = [r.str("first_name"), r.str("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() { "—".into() } else { name }
}

fn text(r: &Record, field: &str) -> String {
    r.str(field).unwrap_or("").to_string()
}

/// Names of the companies these records link to.
pub(super) async fn company_names<'a>(
    state: &AppState,
    ui: &UiCtx,
    records: impl IntoIterator<Item = &'a Record>,
) -> HashMap<String, String> {
    linked_names(state, ui, Entity::Company, "company_id", records, |c| {
        text(c, "name")
    })
    .await
}

/// Names of the records of `entity` that these records link to through `link`, among
/// those the caller sees, by id. A page of a hundred records names at most a hundred;
/// a board names more, so they are asked for a hundred at a time.
pub(super) async fn linked_names<'a>(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    link: &str,
    records: impl IntoIterator<Item = &'a Record>,
    name_of: impl Fn(&Record) -> String,
) -> HashMap<String, String> {
    let ids: Vec<String> = records
        .into_iter()
        .filter_map(|r| r.str(link).map(str::to_string))
        .collect();
    names_by_id(state, ui, entity, ids, name_of).await
}

/// Names of the records of `entity` with these ids, among those the caller sees, by id,
/// asked for a hundred at a time.
pub(super) async fn names_by_id(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    ids: Vec<String>,
    name_of: impl Fn(&Record) -> String,
) -> HashMap<String, String> {
    let mut ids: Vec<Uuid> = ids.iter().filter_map(|s| Uuid::parse_str(s).ok()).collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return HashMap::new();
    }
    let fields: &[&str] = match entity {
        Entity::Contact => &["first_name", "last_name"],
        Entity::Company => &["name"],
        _ => &["title"],
    };
    match records::fields_by_id(&state.app, &ui.ctx, entity, &ids, fields).await {
        Ok(found) => found
            .iter()
            .filter_map(|r| Some((r.id()?.to_string(), name_of(r))))
            .collect(),
        Err(_) => HashMap::new(),
    }
}

pub(super) async fn list_page(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    raw: Option<String>,
) -> Response {
    let tr = ui.tr;
    let incoming = super::tickets::rewrite_quick(&ui, entity, query_pairs(raw));
    let q = incoming
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    // A filter added with the builder becomes a filter[...] parameter of a plain address.
    let fb = |name: &str| {
        incoming
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
    };
    if let (Some(field), Some(op)) = (fb("fb_field"), fb("fb_op")) {
        let mut next: Vec<(String, String)> = incoming
            .iter()
            .filter(|(k, _)| !k.starts_with("fb_") && k != "cursor")
            .cloned()
            .collect();
        let value = if op == "is_null" {
            "true".to_string()
        } else {
            fb("fb_value").unwrap_or_default()
        };
        if filter_fields(entity).iter().any(|(f, _)| *f == field)
            && FILTER_OPS.contains(&op.as_str())
        {
            next.push((format!("filter[{field}][{op}]"), value));
        }
        return Redirect::to(&format!("{}?{}", list_path(entity), query_string(&next)))
            .into_response();
    }
    let sort = incoming
        .iter()
        .find(|(k, _)| k == "sort")
        .map(|(_, v)| v.clone());
    // The view: search, sort and filters, kept in links for sorting, paging and export.
    // Columns may come as several `cols` values (checkboxes) or one comma-separated list.
    let cols: String = incoming
        .iter()
        .filter(|(k, v)| k == "cols" && !v.is_empty())
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut view: Vec<(String, String)> = incoming
        .iter()
        .filter(|(k, v)| !v.is_empty() && (k == "q" || k == "sort" || k.starts_with("filter[")))
        .cloned()
        .collect();
    if !cols.is_empty() {
        view.push(("cols".into(), cols.clone()));
    }
    let mut pairs: Vec<(String, String)> = incoming
        .into_iter()
        .filter(|(k, v)| {
            !v.is_empty() && (k == "q" || k == "cursor" || k == "sort" || k.starts_with("filter["))
        })
        .collect();
    pairs.push(("limit".into(), "50".into()));
    let page = match records::list(&state.app, &ui.ctx, entity, &pairs).await {
        Ok(p) => p,
        Err(AppError::Invalid(_)) => {
            return Redirect::to(&list_path(entity)).into_response();
        }
        Err(e) => return error_page(tr, e),
    };
    let (title_key, empty_key) = match entity {
        Entity::Company => ("companies-title", "companies-empty"),
        Entity::Interaction => ("interactions-title", "interactions-empty"),
        Entity::Lead => ("leads-title", "leads-empty"),
        Entity::Deal => ("deals-title", "deals-empty"),
        Entity::Product => ("products-title", "products-empty"),
        Entity::Ticket => ("tickets-title", "tickets-empty"),
        Entity::Quote => ("quotes-title", "quotes-empty"),
        Entity::Order => ("orders-title", "orders-empty"),
        Entity::Invoice => ("invoices-title", "invoices-empty"),
        _ => ("contacts-title", "contacts-empty"),
    };
    let path = list_path(entity);
    let mut shell = Shell::new(&ui, tr.t(title_key), &path);
    shell.query = String::new();
    let defs = records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default();
    let available = available_columns(tr, entity, &defs);
    let chosen = chosen_columns(entity, &cols, &available);
    let companies = if chosen.iter().any(|c| c.key == "company") {
        company_names(&state, &ui, &page.items).await
    } else {
        HashMap::new()
    };
    let contacts = if chosen.iter().any(|c| c.key == "contact") {
        super::documents::contact_names(&state, &ui, &page.items).await
    } else {
        HashMap::new()
    };
    let mut owners: HashMap<String, String> = if chosen
        .iter()
        .any(|c| c.key == "owner" || c.key == "assignee")
    {
        super::forms::user_choices(&state, &ui)
            .await
            .into_iter()
            .map(|c| (c.value, c.label))
            .collect()
    } else {
        HashMap::new()
    };
    // Queue ids never equal user ids, so one map names both.
    if chosen.iter().any(|c| c.key == "queue") {
        owners.extend(super::tickets::queue_names(&state, &ui).await);
    }
    let headers: Vec<(String, Option<&'static str>)> =
        chosen.iter().map(|c| (c.label.clone(), c.sort)).collect();
    let rows: Vec<Vec<Cell>> = page
        .items
        .iter()
        .map(|r| {
            chosen
                .iter()
                .map(|c| cell_for(&ui, entity, r, &c.key, &companies, &contacts, &owners))
                .collect()
        })
        .collect();
    let column_choices: Vec<super::forms::Choice> = available
        .iter()
        .map(|c| super::forms::Choice {
            value: c.key.clone(),
            label: c.label.clone(),
            selected: chosen.iter().any(|x| x.key == c.key),
        })
        .collect();
    let next = page.next_cursor.map(|c| {
        let mut link = view.clone();
        link.push(("cursor".into(), c));
        format!("{path}?{}", query_string(&link))
    });
    let headers: Vec<Header> = headers
        .into_iter()
        .map(|(label, field)| match field {
            Some(f) => {
                let (sorted, next) = match sort.as_deref() {
                    Some(s) if s == f => (Some("ascending"), format!("-{f}")),
                    Some(s) if s.strip_prefix('-') == Some(f) => {
                        (Some("descending"), f.to_string())
                    }
                    _ => (None, f.to_string()),
                };
                let mut link: Vec<(String, String)> =
                    view.iter().filter(|(k, _)| k != "sort").cloned().collect();
                link.push(("sort".into(), next));
                Header {
                    label,
                    href: Some(format!("{path}?{}", query_string(&link))),
                    sorted,
                }
            }
            None => Header::plain(label),
        })
        .collect();
    let export = Some(format!("{path}/export.csv?{}", query_string(&view)));
    let (new_href, new_label) = match entity {
        Entity::Contact => (Some("/contacts/new".to_string()), tr.t("form-new-contact")),
        Entity::Company => (Some("/companies/new".to_string()), tr.t("form-new-company")),
        Entity::Lead => (Some("/leads/new".to_string()), tr.t("form-new-lead")),
        Entity::Deal => (Some("/deals/new".to_string()), tr.t("form-new-deal")),
        Entity::Product => (Some("/products/new".to_string()), tr.t("form-new-product")),
        Entity::Ticket => (Some("/tickets/new".to_string()), tr.t("form-new-ticket")),
        e if e.is_document() => (
            Some(format!("{path}/new")),
            tr.t(&format!("doc-new-{}", e.singular())),
        ),
        _ => (None, String::new()),
    };
    let rows: Vec<Row> = page
        .items
        .iter()
        .zip(rows)
        .map(|(r, cells)| Row {
            id: r.id().map(|i| i.to_string()),
            cells,
            select_label: match entity {
                Entity::Contact => tr.t_with(
                    "bulk-select-row",
                    &[("name", &contact_name(r)), ("kind", "contact")],
                ),
                Entity::Lead | Entity::Deal | Entity::Product | Entity::Ticket => String::new(),
                e if e.is_document() => String::new(),
                _ => tr.t_with(
                    "bulk-select-row",
                    &[("name", &text(r, "name")), ("kind", "company")],
                ),
            },
        })
        .collect();
    let bulk = match entity {
        Entity::Contact | Entity::Company => Some(Bulk {
            action: format!("{path}/bulk"),
            owners: super::forms::user_choices(&state, &ui).await,
        }),
        _ => None,
    };
    let builder = Some(builder(tr, entity, &path, &view));
    let saved = rapport_app::views::list(&state.app, &ui.ctx, entity)
        .await
        .unwrap_or_default();
    let views = Some(Views {
        action: format!("{path}/views"),
        items: saved
            .into_iter()
            .map(|v| ViewLink {
                id: v.id.to_string(),
                href: format!("{path}?{}", v.query),
                own: v.user_id == ui.ctx.actor.user_id,
                name: v.name,
            })
            .collect(),
        query: view.clone(),
        may_share: matches!(ui.ctx.actor.role, Role::Admin | Role::Manager),
    });
    let page = ListPage {
        shell,
        new_href,
        new_label,
        export,
        q,
        empty: tr.t(empty_key),
        headers,
        rows,
        bulk,
        builder,
        views,
        columns: Some(ColumnChooser {
            choices: column_choices,
            keep: view.iter().filter(|(k, _)| k != "cols").cloned().collect(),
        }),
        quick: super::tickets::quick_views(&ui, entity, &view),
        next,
    };
    render(&page, StatusCode::OK)
}

/// Applies one action to the selected records: add a tag, change the owner, or delete.
/// Each record is changed through the services on its own, with its own history event.
pub async fn bulk(state: AppState, ui: UiCtx, entity: Entity, body: Bytes) -> Response {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let one = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    if !same_secret(&ui.session.csrf_token, one("_csrf")) {
        return csrf_refused(ui.tr);
    }
    // The select-all box stands for every row the list showed.
    let chosen = if one("all") == "true" { "shown" } else { "ids" };
    let ids: Vec<Uuid> = pairs
        .iter()
        .filter(|(k, _)| k == chosen)
        .filter_map(|(_, v)| Uuid::parse_str(v).ok())
        .take(500)
        .collect();
    for id in ids {
        let result = match one("action") {
            "delete" => records::delete(&state.app, &ui.ctx, entity, id, None)
                .await
                .map(|_| ()),
            "owner" => {
                let owner = one("owner_id");
                let body = serde_json::json!({ "owner_id": if owner.is_empty() { Value::Null } else { Value::String(owner.to_string()) } });
                records::update(&state.app, &ui.ctx, entity, id, &body, None)
                    .await
                    .map(|_| ())
            }
            "tag" if !one("tag").trim().is_empty() => {
                match records::get(&state.app, &ui.ctx, entity, id, None).await {
                    Ok(record) => {
                        let mut tags: Vec<Value> =
                            record.get("tags").as_array().cloned().unwrap_or_default();
                        tags.push(Value::String(one("tag").trim().to_string()));
                        records::update(
                            &state.app,
                            &ui.ctx,
                            entity,
                            id,
                            &serde_json::json!({ "tags": tags }),
                            None,
                        )
                        .await
                        .map(|_| ())
                    }
                    Err(e) => Err(e),
                }
            }
            _ => Ok(()),
        };
        match result {
            Ok(()) | Err(AppError::NotFound(_)) | Err(AppError::Conflict(_)) => {}
            Err(e) => return error_page(ui.tr, e),
        }
    }
    Redirect::to(&format!("/{}", entity.resource())).into_response()
}

pub async fn contacts(
    State(state): State<AppState>,
    ui: UiCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    list_page(state, ui, Entity::Contact, raw).await
}

pub async fn companies(
    State(state): State<AppState>,
    ui: UiCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    list_page(state, ui, Entity::Company, raw).await
}

pub async fn interactions(
    State(state): State<AppState>,
    ui: UiCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    list_page(state, ui, Entity::Interaction, raw).await
}

pub struct Fact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

pub struct TimelineItem {
    pub kind: String,
    pub kind_label: String,
    pub direction_label: String,
    pub at: String,
    pub at_text: String,
    /// A task's time is when it is due.
    pub due: bool,
    pub duration_text: Option<String>,
    /// Where a meeting takes place.
    pub location: String,
    pub subject: String,
    pub body: String,
    /// A meeting's own page.
    pub href: Option<String>,
}

/// A quick action's link near the key facts.
pub struct QuickLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The log form of the customer page: for every kind, or for one quick action with only
/// the fields its kind has, open when asked for or when it comes back with problems.
pub struct QuickForm {
    /// The quick action (`call`, `note`, `task`), or empty for the form with every kind.
    pub mode: &'static str,
    pub open: bool,
    pub title: String,
    pub submit: String,
    pub kinds: Vec<super::forms::Choice>,
    pub directions: Vec<super::forms::Choice>,
    pub subject: String,
    pub body: String,
    pub duration: String,
    pub due: String,
    pub errors: HashMap<String, String>,
    /// Problems that belong to no field the form shows.
    pub other_errors: Vec<String>,
}

impl QuickForm {
    fn new(tr: Tr, mode: &'static str, open: bool, kept: Option<super::forms::LogForm>) -> Self {
        let kept = kept.unwrap_or_default();
        let value = |name: &str| kept.values.get(name).cloned().unwrap_or_default();
        let label = super::forms::QUICK_ACTIONS
            .iter()
            .find(|(action, _)| *action == mode)
            .map(|(_, key)| tr.t(key));
        let has_direction = matches!(mode, "" | "call");
        let shown: &[&str] = match mode {
            "" => &["kind", "direction", "subject", "body", "duration_minutes"],
            "call" => &["direction", "subject", "body", "duration_minutes"],
            "task" => &["subject", "due", "body"],
            _ => &["subject", "body"],
        };
        let mut other_errors: Vec<String> = kept
            .errors
            .iter()
            .filter(|(field, _)| !shown.contains(&field.as_str()))
            .map(|(field, message)| format!("{field}: {message}"))
            .collect();
        other_errors.sort();
        let kind = value("kind");
        let direction = value("direction");
        QuickForm {
            mode,
            open: open || !kept.errors.is_empty(),
            title: label.clone().unwrap_or_else(|| tr.t("quick-log")),
            submit: label.unwrap_or_else(|| tr.t("quick-submit")),
            kinds: super::forms::kinds(tr, if kind.is_empty() { "call" } else { &kind }),
            directions: if has_direction {
                super::forms::directions(tr, &direction)
            } else {
                Vec::new()
            },
            subject: value("subject"),
            body: value("body"),
            duration: value("duration_minutes"),
            due: value("due"),
            errors: kept.errors,
            other_errors,
        }
    }

    /// The problem with one field of the form, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// A form of the customer page that comes back to it with problems.
pub enum Returned {
    /// The log form, with what it held.
    Log(super::forms::LogForm),
    /// The attachment form's problems.
    Attachment(Vec<String>),
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    shell: Shell,
    base: String,
    panels: Vec<super::panels::Panel>,
    kind_filter: Vec<super::forms::Choice>,
    direction_filter: Vec<super::forms::Choice>,
    as_of_banner: Option<String>,
    quick_links: Vec<QuickLink>,
    quick: QuickForm,
    attach_errors: Vec<String>,
    facts: Vec<Fact>,
    timeline: Vec<TimelineItem>,
}

pub async fn record_page(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: String,
    raw: Option<String>,
    returned: Option<Returned>,
) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let params = query_pairs(raw);
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let as_of = param("as_of").and_then(|v| super::forms::as_of_param(&v));
    let kind =
        param("kind").filter(|k| rapport_core::entity::INTERACTION_KINDS.contains(&k.as_str()));
    let direction =
        param("direction").filter(|d| rapport_core::entity::DIRECTIONS.contains(&d.as_str()));
    let record = match records::get(&state.app, &ui.ctx, entity, id, as_of.as_deref()).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let fact = |key: &str, value: String| Fact {
        label: tr.t(key),
        value,
        href: None,
    };
    let mut facts = Vec::new();
    let title = match entity {
        Entity::Company => {
            facts.push(fact("col-domain", text(&record, "domain")));
            facts.push(fact("col-industry", text(&record, "industry")));
            facts.push(fact("col-phone", text(&record, "phone")));
            text(&record, "name")
        }
        _ => {
            facts.push(fact("col-email", text(&record, "email")));
            facts.push(fact("col-phone", text(&record, "phone")));
            facts.push(fact("field-title", text(&record, "title")));
            if let Some(cid) = record.str("company_id") {
                let names = company_names(&state, &ui, std::slice::from_ref(&record)).await;
                facts.push(Fact {
                    label: tr.t("col-company"),
                    value: names.get(cid).cloned().unwrap_or_default(),
                    href: Some(format!("/companies/{cid}")),
                });
            }
            let stage = record
                .str("lifecycle_stage")
                .map(|s| tr.t(&format!("stage-{s}")))
                .unwrap_or_default();
            facts.push(fact("col-stage", stage));
            contact_name(&record)
        }
    };
    facts.push(fact("field-tags", display_text(record.get("tags"))));
    for def in records::custom_defs(&state.app, entity)
        .await
        .unwrap_or_default()
    {
        let value = record.get("custom").get(&def.key).unwrap_or(&Value::Null);
        facts.push(Fact {
            label: def.label,
            value: super::numbers::custom_text(tr.lang, value),
            href: None,
        });
    }
    facts.retain(|f| !f.value.is_empty());
    let mut pairs = vec![("limit".to_string(), "50".to_string())];
    if let Some(at) = &as_of {
        pairs.push(("filter[occurred_at][lte]".to_string(), at.clone()));
    }
    if let Some(k) = &kind {
        pairs.push(("filter[kind]".to_string(), k.clone()));
    }
    if let Some(d) = &direction {
        pairs.push(("filter[direction]".to_string(), d.clone()));
    }
    let timeline = match records::timeline(&state.app, &ui.ctx, entity, id, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .map(|i| {
                let kind = text(i, "kind");
                let minutes = i
                    .get("duration_seconds")
                    .as_i64()
                    .filter(|s| *s > 0)
                    .map(|s| (s + 59) / 60);
                TimelineItem {
                    kind_label: tr.t(&format!("kind-{kind}")),
                    direction_label: tr.t(&format!("direction-{}", text(i, "direction"))),
                    at: text(i, "occurred_at"),
                    at_text: ui.when(&text(i, "occurred_at")),
                    due: kind == "task",
                    duration_text: minutes
                        .map(|m| tr.t1("timeline-duration", "minutes", &m.to_string())),
                    location: text(i, "location"),
                    subject: text(i, "subject"),
                    body: text(i, "body").chars().take(600).collect(),
                    href: (kind == "meeting")
                        .then(|| i.id().map(|id| format!("/meetings/{id}")))
                        .flatten(),
                    kind,
                }
            })
            .collect(),
        Err(e) => return error_page(tr, e),
    };
    let base = format!("/{}/{id}", entity.resource());
    let mut shell = Shell::new(&ui, title, &format!("/{}", entity.resource()));
    if ui.here.is_none() {
        // A log form shown again with its problems returns to the customer page itself.
        shell.here = base.clone();
    }
    // `?log=call` (and note, task) opens the form for that quick action, `?log=any` the
    // form with every kind; a form that comes back keeps the action it was sent from.
    let (kept, attach_errors) = match returned {
        Some(Returned::Log(form)) => (Some(form), Vec::new()),
        Some(Returned::Attachment(errors)) => (None, errors),
        None => (None, Vec::new()),
    };
    let asked = param("log");
    let (mode, open) = match &kept {
        Some(k) => (k.quick.unwrap_or(""), true),
        None => match asked.as_deref() {
            Some("any") => ("", true),
            Some(action) => super::forms::quick_action(action).map_or(("", false), |a| (a, true)),
            None => ("", false),
        },
    };
    let quick = QuickForm::new(tr, mode, open, kept);
    let status = if quick.has_errors() || !attach_errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let quick_links = super::forms::QUICK_ACTIONS
        .iter()
        .map(|(action, key)| QuickLink {
            href: format!("{base}?log={action}#quick-log"),
            label: tr.t(key),
            current: quick.open && quick.mode == *action,
        })
        .collect();
    let panels = if as_of.is_none() {
        super::panels::build(&state, &ui, entity, &record).await
    } else {
        Vec::new()
    };
    let choice = |value: &str, label: String, current: &Option<String>| super::forms::Choice {
        selected: current.as_deref() == Some(value),
        value: value.to_string(),
        label,
    };
    let kind_filter = std::iter::once(choice("", tr.t("timeline-all-kinds"), &kind))
        .chain(
            rapport_core::entity::INTERACTION_KINDS
                .iter()
                .map(|k| choice(k, tr.t(&format!("kind-{k}")), &kind)),
        )
        .collect();
    let direction_filter = std::iter::once(choice("", tr.t("timeline-all-directions"), &direction))
        .chain(
            rapport_core::entity::DIRECTIONS
                .iter()
                .map(|d| choice(d, tr.t(&format!("direction-{d}")), &direction)),
        )
        .collect();
    let page = RecordPage {
        panels,
        kind_filter,
        direction_filter,
        base,
        as_of_banner: as_of.map(|at| tr.t1("history-as-of-banner", "when", &ui.when(&at))),
        quick_links,
        quick,
        attach_errors,
        shell,
        facts,
        timeline,
    };
    render(&page, status)
}

pub struct Hit {
    pub href: String,
    pub text: String,
    pub detail: String,
}

/// How a found record is shown: a link to its page (an interaction's is its contact's or
/// company's), its name or subject, and one detail.
fn hit(ui: &UiCtx, entity: Entity, r: &Record) -> Hit {
    let id = r.id().unwrap_or_default();
    match entity {
        Entity::Contact => Hit {
            href: format!("/contacts/{id}"),
            text: contact_name(r),
            detail: text(r, "email"),
        },
        Entity::Company => Hit {
            href: format!("/companies/{id}"),
            text: text(r, "name"),
            detail: text(r, "domain"),
        },
        _ => Hit {
            href: r
                .str("contact_id")
                .map(|c| format!("/contacts/{c}"))
                .or_else(|| r.str("company_id").map(|c| format!("/companies/{c}")))
                .unwrap_or_else(|| "/interactions".into()),
            text: if text(r, "subject").is_empty() {
                ui.tr.t(&format!("kind-{}", text(r, "kind")))
            } else {
                text(r, "subject")
            },
            detail: ui.when(&text(r, "occurred_at")),
        },
    }
}

pub struct Group {
    pub key: &'static str,
    pub title: String,
    pub hits: Vec<Hit>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    shell: Shell,
    none: String,
    groups: Vec<Group>,
}

pub async fn search(State(state): State<AppState>, ui: UiCtx, RawQuery(raw): RawQuery) -> Response {
    let tr = ui.tr;
    let q: String = query_pairs(raw)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.chars().take(200).collect())
        .unwrap_or_default();
    let mut groups = Vec::new();
    if !q.trim().is_empty() {
        let found = match records::search_everywhere(&state.app, &ui.ctx, &q, 10).await {
            Ok(found) => found,
            Err(e) => return error_page(tr, e),
        };
        for (entity, items) in found {
            let hits: Vec<Hit> = items.iter().map(|r| hit(&ui, entity, r)).collect();
            if !hits.is_empty() {
                groups.push(Group {
                    key: entity.table(),
                    title: tr.t(&format!("{}-title", entity.table())),
                    hits,
                });
            }
        }
    }
    let mut shell = Shell::new(&ui, tr.t("search-title"), "/search");
    shell.query = q.clone();
    let none = tr.t1("search-no-results", "query", &q);
    render(
        &SearchPage {
            shell,
            none,
            groups,
        },
        StatusCode::OK,
    )
}

pub struct SessionLine {
    pub id: String,
    pub agent: String,
    pub last_seen: String,
    pub last_seen_text: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    shell: Shell,
    mfa_on: bool,
    sessions: Vec<SessionLine>,
    email: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn account_page(
    state: &AppState,
    ui: &UiCtx,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let sessions = match sessions::list(&state.app, &ui.ctx).await {
        Ok(list) => list
            .into_iter()
            .map(|s| SessionLine {
                id: s.id.to_string(),
                agent: s
                    .user_agent
                    .unwrap_or_else(|| "—".into())
                    .chars()
                    .take(80)
                    .collect(),
                last_seen_text: ui.when(&s.last_seen_at),
                last_seen: s.last_seen_at,
                current: s.id == ui.session.id,
            })
            .collect(),
        Err(e) => return error_page(tr, e),
    };
    let shell = Shell::new(ui, tr.t("account-title"), "/account");
    let mfa_on = rapport_app::totp::enabled(&state.app, &ui.ctx)
        .await
        .unwrap_or(false);
    let page = AccountPage {
        shell,
        mfa_on,
        sessions,
        email: text(&ui.user, "email"),
        notice,
        error,
    };
    render(&page, status)
}

pub async fn account(State(state): State<AppState>, ui: UiCtx) -> Response {
    account_page(&state, &ui, None, None, StatusCode::OK).await
}

pub async fn change_password(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let email = text(&ui.user, "email");
    if rapport_app::auth::verify_login(&state.app, &email, field(&form, "current"))
        .await
        .is_err()
    {
        return account_page(
            &state,
            &ui,
            None,
            Some(tr.t("account-password-wrong")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match rapport_app::auth::set_password(
        &state.app,
        &ui.ctx,
        ui.ctx.actor.user_id,
        field(&form, "new"),
    )
    .await
    {
        Ok(()) => {}
        Err(AppError::Invalid(errors)) => {
            let message =
                super::problems::summary(tr, &errors, &[("password", "account-new-password")]);
            return account_page(
                &state,
                &ui,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return error_page(tr, e),
    }
    if let Err(e) = sessions::revoke_others(&state.app, &ui.ctx, ui.session.id).await {
        return error_page(tr, e);
    }
    account_page(
        &state,
        &ui,
        Some(tr.t("account-password-changed")),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn revoke_session(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(ui.tr, StatusCode::NOT_FOUND, &ui.tr.t("error-not-found"));
    };
    match sessions::revoke(&state.app, &ui.ctx, id).await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}

/// Saves the caller's language and time zone, then returns to the page the form was on
/// (the user menu's form says which in `next`), else to the account page.
pub async fn save_preferences(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let json = serde_json::json!({
        "locale": field(&form, "locale"),
        "time_zone": field(&form, "time_zone"),
    });
    match records::update_own_profile(&state.app, &ui.ctx, &json).await {
        Ok(_) => {
            Redirect::to(local_path(field(&form, "next")).unwrap_or("/account")).into_response()
        }
        Err(AppError::Invalid(errors)) => {
            let message = super::problems::summary(
                ui.tr,
                &errors,
                &[
                    ("locale", "account-language"),
                    ("time_zone", "account-time-zone"),
                ],
            );
            account_page(
                &state,
                &ui,
                None,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub struct Suggestion {
    pub href: String,
    pub text: String,
    pub detail: String,
}

/// The suggestions of one kind of record, under a heading of their own.
pub struct SuggestGroup {
    pub key: &'static str,
    pub label: String,
    pub hits: Vec<Suggestion>,
}

#[derive(Template)]
#[template(path = "suggest.html")]
struct SuggestFragment {
    groups: Vec<SuggestGroup>,
    query_encoded: String,
    see_all: String,
    /// How many suggestions there are, for the search box's status line.
    status: String,
}

/// The search box's suggestions as you type: a fragment htmx places under the box.
pub async fn suggest(
    State(state): State<AppState>,
    ui: UiCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let tr = ui.tr;
    let q: String = query_pairs(raw)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.chars().take(200).collect())
        .unwrap_or_default();
    let mut groups = Vec::new();
    let searched = q.trim().chars().count() >= 2;
    if searched {
        // Suggestions are a convenience: a failed search shows none rather than an error.
        let found = records::search_everywhere(&state.app, &ui.ctx, &q, 5)
            .await
            .unwrap_or_default();
        for (entity, items) in found.into_iter().filter(|(_, items)| !items.is_empty()) {
            let hits = items
                .iter()
                .map(|r| {
                    let Hit { href, text, detail } = hit(&ui, entity, r);
                    Suggestion { href, text, detail }
                })
                .collect();
            groups.push(SuggestGroup {
                key: entity.table(),
                label: tr.t(&format!("nav-{}", entity.table())),
                hits,
            });
        }
    }
    let count: usize = groups.iter().map(|g| g.hits.len()).sum();
    let fragment = SuggestFragment {
        groups,
        query_encoded: encode(&q),
        see_all: tr.t("search-see-all"),
        // Too short a query clears the status rather than announcing nothing found.
        status: if searched {
            tr.count("search-suggest-count", "count", count)
        } else {
            String::new()
        },
    };
    render(&fragment, StatusCode::OK)
}

#[derive(Template)]
#[template(path = "code.html")]
struct CodePage {
    tr: Tr,
    title: String,
    csrf: String,
    next: String,
    error: Option<String>,
}

/// The second step of signing in: the code from an authenticator app.
pub async fn code_form(headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    let tr = visitor_tr(&headers);
    let (csrf, cookie) = match pre_session_token(&headers) {
        Ok(v) => v,
        Err(e) => return error_page(tr, e),
    };
    let next = next_param(raw);
    let page = CodePage {
        tr,
        title: tr.t("mfa-code-title"),
        csrf,
        next,
        error: None,
    };
    with_cookie(render(&page, StatusCode::OK), cookie)
}

pub async fn code_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let tr = visitor_tr(&headers);
    let form = form(&body);
    let csrf = field(&form, "_csrf");
    if !pre_session_proof(&headers, &form) {
        return csrf_refused(tr);
    }
    let next = safe_next(field(&form, "next"));
    let ip = peer.ip();
    let again = |status: StatusCode, key: &str| {
        let page = CodePage {
            tr,
            title: tr.t("mfa-code-title"),
            csrf: csrf.to_string(),
            next: next.clone(),
            error: Some(tr.t(key)),
        };
        render(&page, status)
    };
    if state.limiter.blocked(ip) {
        return again(StatusCode::TOO_MANY_REQUESTS, "login-too-many");
    }
    let Some(secret) = cookie(&headers, super::session::SESSION_COOKIE) else {
        return Redirect::to("/login").into_response();
    };
    match sessions::complete_mfa(&state.app, secret, field(&form, "code")).await {
        Ok(_) => Redirect::to(&next).into_response(),
        Err(AppError::Invalid(_)) => {
            state.limiter.fail(ip);
            again(StatusCode::UNPROCESSABLE_ENTITY, "mfa-code-wrong")
        }
        Err(AppError::Unauthenticated) => Redirect::to("/login").into_response(),
        Err(e) => error_page(tr, e),
    }
}

#[derive(Template)]
#[template(path = "two_factor.html")]
struct TwoFactorPage {
    shell: Shell,
    secret: String,
    url: String,
    error: Option<String>,
}

/// Shows a new key for an authenticator app.
pub async fn two_factor_form(ui: UiCtx) -> Response {
    let account = text(&ui.user, "email");
    match rapport_app::totp::new_secret(&account) {
        Ok((secret, url)) => {
            let shell = Shell::new(&ui, ui.tr.t("mfa-title"), "/account");
            render(
                &TwoFactorPage {
                    shell,
                    secret,
                    url,
                    error: None,
                },
                StatusCode::OK,
            )
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub async fn two_factor_enable(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let secret = field(&form, "secret");
    match rapport_app::totp::enable(&state.app, &ui.ctx, secret, field(&form, "code")).await {
        Ok(()) => {
            account_page(
                &state,
                &ui,
                Some(ui.tr.t("mfa-turned-on")),
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::Invalid(_)) => {
            let account = text(&ui.user, "email");
            // Keep the same key so the authenticator entry already made still works.
            let url = rapport_app::totp::setup_url(secret, &account).unwrap_or_default();
            let shell = Shell::new(&ui, ui.tr.t("mfa-title"), "/account");
            let page = TwoFactorPage {
                shell,
                secret: secret.to_string(),
                url,
                error: Some(ui.tr.t("mfa-code-wrong")),
            };
            render(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub async fn two_factor_disable(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let email = text(&ui.user, "email");
    match rapport_app::totp::disable(&state.app, &ui.ctx, &email, field(&form, "password")).await {
        Ok(()) => {
            account_page(
                &state,
                &ui,
                Some(ui.tr.t("mfa-turned-off")),
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(AppError::Unauthenticated) => {
            account_page(
                &state,
                &ui,
                None,
                Some(ui.tr.t("account-password-wrong")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(ui.tr, e),
    }
}

/// Saves the list's current search, filters and sort under a name.
pub async fn save_view(state: AppState, ui: UiCtx, entity: Entity, body: Bytes) -> Response {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let one = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    if !same_secret(&ui.session.csrf_token, one("_csrf")) {
        return csrf_refused(ui.tr);
    }
    let shared = one("view_shared") == "true";
    match rapport_app::views::save(
        &state.app,
        &ui.ctx,
        entity,
        one("view_name"),
        &pairs,
        shared,
    )
    .await
    {
        Ok(v) => Redirect::to(&format!("/{}?{}", entity.resource(), v.query)).into_response(),
        Err(AppError::Invalid(e)) => {
            let message = super::problems::summary(
                ui.tr,
                &e,
                &[("name", "views-name"), ("shared", "views-shared")],
            );
            message_page(ui.tr, StatusCode::UNPROCESSABLE_ENTITY, &message)
        }
        Err(e) => error_page(ui.tr, e),
    }
}

pub async fn delete_view(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: String,
    body: Bytes,
) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(ui.tr, StatusCode::NOT_FOUND, &ui.tr.t("error-not-found"));
    };
    match rapport_app::views::delete(&state.app, &ui.ctx, id).await {
        Ok(()) => Redirect::to(&format!("/{}", entity.resource())).into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}
