//! Handlers for the knowledge base beyond its records' fields: an article's versions and
//! "was this helpful?" answers.

use super::JsonBody;
use super::records::{parse_id, record_response};
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_app::kb;
use rapport_core::Problem;
use serde_json::json;

type Result<T> = std::result::Result<T, ApiError>;

/// `GET /api/v1/kb/articles/{id}/versions`: every version, oldest first.
pub async fn versions(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let items = kb::versions(&state.app, &ctx, id).await?;
    Ok(Json(json!({ "items": items })).into_response())
}

/// `GET /api/v1/kb/articles/{id}/versions/{number}`: one version.
pub async fn version(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path((id, number)): Path<(String, String)>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let number: usize = number.parse().map_err(|_| {
        ApiError::field(
            StatusCode::BAD_REQUEST,
            "number",
            Problem::IntRange {
                min: 1,
                max: i64::MAX,
            },
        )
    })?;
    let found = kb::version(&state.app, &ctx, id, number).await?;
    Ok(Json(found).into_response())
}

/// `POST /api/v1/kb/articles/{id}/feedback`: counts one answer; the article comes back.
pub async fn feedback(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let article = kb::feedback(&state.app, &ctx, id, &body).await?;
    Ok(record_response(StatusCode::OK, &article))
}
