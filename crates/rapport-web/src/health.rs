//! Liveness, readiness and metrics.

use crate::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

async fn healthz() -> impl IntoResponse {
    axum::Json(json!({ "status": "ok" }))
}

/// Ready when the database answers and every migration this build carries is applied.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let db = state.app.db.ping().await.is_ok();
    let migrations = db && state.app.db.migrations_current().await.unwrap_or(false);
    let status = if db && migrations {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        axum::Json(json!({ "database": db, "migrations_current": migrations })),
    )
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let depth = rapport_store::jobs::depth(&state.app.db)
        .await
        .unwrap_or(-1);
    let (size, idle) = state.app.db.pool_stats();
    let body = state.metrics.render(depth, size, idle);
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        body,
    )
}
