//! Handlers for what tickets do beyond their fields: the conversation and merging.

use super::JsonBody;
use super::records::{if_match, page_json, parse_id, query_pairs, record_json, record_response};
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rapport_app::tickets;
use serde_json::{Value, json};

type Result<T> = std::result::Result<T, ApiError>;

/// `GET /api/v1/tickets/{id}/messages`: the conversation, oldest first.
pub async fn messages(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>> {
    let id = parse_id(&id)?;
    let pairs = query_pairs(raw)?;
    let page = tickets::messages(&state.app, &ctx, id, &pairs)
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(page_json(&page)))
}

/// `POST /api/v1/tickets/{id}/messages` with `{body, visibility}`: a public reply or an
/// internal note. The answer names the ticket it joined, which is a new follow-up ticket
/// when the one written to was closed.
pub async fn post_message(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let posted = tickets::post_message(&state.app, &ctx, id, &body).await?;
    let mut message = record_json(&posted.message);
    if let Some(object) = message.as_object_mut() {
        object.insert("ticket".into(), record_json(&posted.ticket));
        object.insert("follow_up".into(), json!(posted.follow_up));
    }
    Ok((StatusCode::CREATED, Json(message)).into_response())
}

/// `POST /api/v1/tickets/{id}/merge` with `{"into": other_id}`: this ticket joins the
/// other and is closed; the answer is the ticket that stays.
pub async fn merge(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let kept = tickets::merge(&state.app, &ctx, id, &body, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &kept))
}
