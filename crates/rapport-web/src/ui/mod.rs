//! The web application: server-rendered pages (askama) with htmx, in five languages.
//!
//! Every state-changing form carries a CSRF proof: the session's token once signed in, or a
//! pre-session cookie's value on the setup and sign-in forms. A cross-origin layer refuses
//! browser requests sent from other sites before they reach a handler.

mod export;
mod files;
mod forms;
pub mod i18n;
mod modules;
mod pages;
mod panels;
mod session;
mod settings;

use crate::AppState;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use rapport_core::entity::Entity;
use session::UiCtx;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/setup", get(pages::setup_form).post(pages::setup_submit))
        .route("/login", get(pages::login_form).post(pages::login_submit))
        .route("/logout", post(pages::logout))
        .route(
            "/login/code",
            get(pages::code_form).post(pages::code_submit),
        )
        .route(
            "/account/two-factor",
            get(pages::two_factor_form).post(pages::two_factor_enable),
        )
        .route(
            "/account/two-factor/disable",
            post(pages::two_factor_disable),
        )
        .route("/contacts", get(pages::contacts))
        .route("/companies", get(pages::companies))
        .route("/interactions", get(pages::interactions))
        .merge(view_routes(Entity::Contact))
        .merge(view_routes(Entity::Company))
        .merge(view_routes(Entity::Interaction))
        .route(
            "/contacts/export.csv",
            get(|s, ui, q| export_list(s, ui, Entity::Contact, q)),
        )
        .route(
            "/companies/export.csv",
            get(|s, ui, q| export_list(s, ui, Entity::Company, q)),
        )
        .route(
            "/interactions/export.csv",
            get(|s, ui, q| export_list(s, ui, Entity::Interaction, q)),
        )
        .merge(record_routes(Entity::Contact))
        .merge(record_routes(Entity::Company))
        .route("/settings", get(settings::index))
        .route(
            "/settings/tokens",
            get(settings::tokens).post(settings::create_token),
        )
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route(
            "/settings/organisation",
            get(settings::organisation).post(settings::save_organisation),
        )
        .merge(settings_routes(Entity::User))
        .merge(settings_routes(Entity::Team))
        .merge(settings_routes(Entity::CustomField))
        .merge(settings_routes(Entity::Tag))
        .route("/search", get(pages::search))
        .route("/search/suggest", get(pages::suggest))
        .route("/account/preferences", post(pages::save_preferences))
        .route("/attachments/{id}/download", get(files::download))
        .route("/account", get(pages::account))
        .route("/account/password", post(pages::change_password))
        .route("/account/sessions/{id}/revoke", post(pages::revoke_session))
        .layer(tower_http::csrf::CsrfLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .route(
            "/static/app.css",
            get(|| asset(include_bytes!("../../static/app.css"), "text/css")),
        )
        .route(
            "/static/app.js",
            get(|| asset(include_bytes!("../../static/app.js"), "text/javascript")),
        )
        .route(
            "/static/htmx.min.js",
            get(|| {
                asset(
                    include_bytes!("../../static/vendor/htmx/htmx.min.js"),
                    "text/javascript",
                )
            }),
        )
}

async fn export_list(
    State(state): State<AppState>,
    ui: UiCtx,
    entity: Entity,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    export::export(state, ui, entity, params).await
}

/// Saving and deleting a list's saved views.
fn view_routes(entity: Entity) -> Router<AppState> {
    let base = format!("/{}/views", entity.resource());
    Router::new()
        .route(
            &base,
            post(move |State(s): State<AppState>, ui: UiCtx, b: Bytes| {
                pages::save_view(s, ui, entity, b)
            }),
        )
        .route(
            &format!("{base}/{{id}}/delete"),
            post(
                move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                    pages::delete_view(s, ui, entity, id, b)
                },
            ),
        )
}

/// The list, new and edit routes of an entity managed under settings.
fn settings_routes(entity: Entity) -> Router<AppState> {
    let base = forms::home(entity);
    Router::new()
        .route(
            &base,
            get(move |State(s): State<AppState>, ui: UiCtx| settings::section(s, ui, entity)),
        )
        .route(
            &format!("{base}/new"),
            get(move |State(s): State<AppState>, ui: UiCtx| forms::new_form(s, ui, entity)).post(
                move |State(s): State<AppState>, ui: UiCtx, b: Bytes| {
                    forms::create(s, ui, entity, b)
                },
            ),
        )
        .route(
            &format!("{base}/{{id}}/edit"),
            get(
                move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| {
                    forms::edit_form(s, ui, entity, id)
                },
            )
            .post(
                move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                    forms::update(s, ui, entity, id, b)
                },
            ),
        )
}

/// The new, edit, log, history and customer-page routes of contacts or companies.
fn record_routes(entity: Entity) -> Router<AppState> {
    let base = format!("/{}", entity.resource());
    Router::new()
        .route(
            &format!("{base}/new"),
            get(move |State(s): State<AppState>, ui: UiCtx| forms::new_form(s, ui, entity))
                .post(move |State(s): State<AppState>, ui: UiCtx, b: Bytes| forms::create(s, ui, entity, b)),
        )
        .route(
            &format!("{base}/bulk"),
            post(move |State(s): State<AppState>, ui: UiCtx, b: Bytes| pages::bulk(s, ui, entity, b)),
        )
        .route(
            &format!("{base}/{{id}}"),
            get(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, RawQuery(q): RawQuery| {
                pages::record_page(s, ui, entity, id, q, Vec::new())
            }),
        )
        .route(
            &format!("{base}/{{id}}/edit"),
            get(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| forms::edit_form(s, ui, entity, id))
                .post(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| {
                    forms::update(s, ui, entity, id, b)
                }),
        )
        .route(
            &format!("{base}/{{id}}/history"),
            get(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>| forms::history(s, ui, entity, id)),
        )
        .route(
            &format!("{base}/{{id}}/attachments"),
            post(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, m: axum::extract::Multipart| {
                files::upload(s, ui, entity, id, m)
            })
            .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            &format!("{base}/{{id}}/log"),
            post(move |State(s): State<AppState>, ui: UiCtx, Path(id): Path<String>, b: Bytes| async move {
                let shown = ui.clone();
                match forms::log(s.clone(), ui, entity, id.clone(), b).await {
                    Ok(response) => response,
                    Err(errors) => pages::record_page(s, shown, entity, id, None, errors).await,
                }
            }),
        )
}

async fn asset(bytes: &'static [u8], content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}
