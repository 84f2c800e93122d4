//! The caller's notifications: list them, mark one or all read.

use super::records::{parse_id, query_pairs};
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use rapport_app::notifications as svc;
use rapport_store::notifications::Notification;
use serde_json::{Value, json};

type Result<T> = std::result::Result<T, ApiError>;

pub fn notification_json(n: &Notification) -> Value {
    json!({
        "id": n.id,
        "kind": n.kind,
        "actor_id": n.actor_id,
        "actor_name": n.actor_name,
        "record_type": n.record_type,
        "record_id": n.record_id,
        "record_name": n.record_name,
        "interaction_kind": n.detail,
        "created_at": n.created_at,
        "read_at": n.read_at,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>> {
    let pairs = query_pairs(raw)?;
    let page = svc::list(&state.app, &ctx, &pairs)
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(json!({
        "items": page.items.iter().map(notification_json).collect::<Vec<_>>(),
        "next_cursor": page.next_cursor,
    })))
}

pub async fn read(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    let id = parse_id(&id)?;
    let n = svc::mark_read(&state.app, &ctx, id).await?;
    Ok(Json(notification_json(&n)))
}

pub async fn read_all(State(state): State<AppState>, ApiCtx(ctx): ApiCtx) -> Result<Json<Value>> {
    let marked = svc::mark_all_read(&state.app, &ctx).await?;
    Ok(Json(json!({ "marked": marked })))
}
