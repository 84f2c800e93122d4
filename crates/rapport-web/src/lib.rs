//! Rapport's HTTP layer: the JSON API under `/api/v1`, its OpenAPI document and reference
//! page, and the health and metrics endpoints.
//!
//! Handlers parse input, call one `rapport_app` service and render the result; they never
//! decide who may do what.

mod api;
mod auth;
mod error;
mod health;
mod metrics;
mod openapi;
pub mod ui;

use axum::Router;
use rapport_app::App;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

pub use error::ApiError;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    metrics: Arc<metrics::Metrics>,
    limiter: Arc<auth::FailureLimiter>,
    /// Counts public form submissions per client address.
    submissions: Arc<auth::FailureLimiter>,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        AppState {
            app,
            metrics: Arc::new(metrics::Metrics::new()),
            limiter: Arc::new(auth::FailureLimiter::default()),
            submissions: Arc::new(auth::FailureLimiter::default()),
        }
    }
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(health::routes())
        .merge(openapi::routes())
        .merge(ui::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panic_response,
        ))
        .with_state(state)
}

/// Serves Rapport on a bound listener until `shutdown` resolves, then finishes the
/// requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router(AppState::new(app));
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
