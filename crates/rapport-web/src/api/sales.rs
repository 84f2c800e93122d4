//! Handlers for the sales actions that are more than a record's fields: converting a lead
//! and the look-alikes it would check for.

use super::JsonBody;
use super::records::parse_id;
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_app::convert;

type Result<T> = std::result::Result<T, ApiError>;

/// `POST /api/v1/leads/{id}/convert`: the lead becomes a contact, a company and a deal.
pub async fn convert_lead(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let converted = convert::convert(&state.app, &ctx, id, &body).await?;
    Ok((StatusCode::OK, Json(converted)).into_response())
}

/// `GET /api/v1/leads/{id}/duplicates`: contacts and companies that look like the lead.
pub async fn lead_duplicates(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let found = convert::duplicates(&state.app, &ctx, id).await?;
    Ok(Json(found).into_response())
}
