//! The web application: server-rendered pages (askama) with htmx, in five languages.
//!
//! Every state-changing form carries a CSRF proof: the session's token once signed in, or a
//! pre-session cookie's value on the setup and sign-in forms. A cross-origin layer refuses
//! browser requests sent from other sites before they reach a handler.

pub mod i18n;
mod modules;
mod pages;
mod session;

use crate::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every page: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/setup", get(pages::setup_form).post(pages::setup_submit))
        .route("/login", get(pages::login_form).post(pages::login_submit))
        .route("/logout", post(pages::logout))
        .route("/contacts", get(pages::contacts))
        .route("/contacts/{id}", get(pages::contact))
        .route("/companies", get(pages::companies))
        .route("/companies/{id}", get(pages::company))
        .route("/interactions", get(pages::interactions))
        .route("/search", get(pages::search))
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
