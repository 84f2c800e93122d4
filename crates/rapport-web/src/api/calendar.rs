//! The caller's calendar as iCalendar: the export for a bearer token, and the
//! subscription feed a calendar app polls with the secret in its address.

use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::calendar;

type Result<T> = std::result::Result<T, ApiError>;

fn ics(text: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // The feed carries people's plans; shared caches must not keep it.
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        text,
    )
        .into_response()
}

/// `GET /api/v1/calendar.ics`: the caller's tasks and meetings.
pub async fn export(State(state): State<AppState>, ApiCtx(ctx): ApiCtx) -> Result<Response> {
    Ok(ics(calendar::ics(&state.app, &ctx).await?))
}

/// `GET /calendar/{feed-token}.ics`: the feed of whoever holds the token, without cookies.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response> {
    let Some(secret) = file.strip_suffix(".ics") else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "calendar not found"));
    };
    Ok(ics(calendar::feed(&state.app, secret).await?))
}
