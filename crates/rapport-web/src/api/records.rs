//! Handlers for record resources: list, create, get (and `as_of`), update, delete,
//! restore, purge, history and timelines.

use super::JsonBody;
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::records as svc;
use rapport_core::history::Event;
use rapport_core::record::Record;
use rapport_core::{Entity, Problem};
use rapport_store::records::Page;
use serde_json::{Value, json};
use uuid::Uuid;

type Result<T> = std::result::Result<T, ApiError>;

pub fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text)
        .map_err(|_| ApiError::field(StatusCode::BAD_REQUEST, "id", Problem::BadId))
}

/// Decodes a query string into pairs; malformed percent-encoding is a bad request.
pub fn query_pairs(raw: Option<String>) -> Result<Vec<(String, String)>> {
    match raw {
        None => Ok(Vec::new()),
        Some(text) => serde_urlencoded::from_str(&text)
            .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "the query string is not valid")),
    }
}

pub(super) fn if_match(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok())
}

pub fn record_json(record: &Record) -> Value {
    Value::Object(record.data.clone())
}

/// A record as JSON, with its ETag.
pub(super) fn record_response(status: StatusCode, record: &Record) -> Response {
    let mut response = (status, Json(record_json(record))).into_response();
    if let Ok(tag) = HeaderValue::from_str(&record.etag()) {
        response.headers_mut().insert(header::ETAG, tag);
    }
    response
}

/// The fields of a small request body that takes only the named keys.
fn small_body<'a>(body: &'a Value, allowed: &[&str]) -> Result<&'a serde_json::Map<String, Value>> {
    let object = body.as_object().ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the body must be a JSON object",
        )
    })?;
    if let Some(k) = object.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            k,
            Problem::NotRequestField,
        ));
    }
    Ok(object)
}

pub fn page_json(page: &Page) -> Value {
    json!({
        "items": page.items.iter().map(|r| Value::Object(r.data.clone())).collect::<Vec<_>>(),
        "next_cursor": page.next_cursor,
    })
}

pub fn event_json(e: &Event) -> Value {
    json!({
        "id": e.id,
        "action": e.action,
        "actor_id": e.actor_id,
        "origin": e.origin,
        "occurred_at": e.occurred_at,
        "changes": e.changes.iter().map(|(field, c)| json!({
            "field": field, "old": c.old, "new": c.new
        })).collect::<Vec<_>>(),
    })
}

pub async fn list(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>> {
    let pairs = query_pairs(raw)?;
    let page = svc::list(&state.app, &ctx, entity, &pairs)
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(page_json(&page)))
}

pub async fn create(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let record = svc::create(&state.app, &ctx, entity, &body).await?;
    let mut response = record_response(StatusCode::CREATED, &record);
    let location = format!(
        "/api/v1/{}/{}",
        entity.resource(),
        record.id().unwrap_or_default()
    );
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

pub async fn get(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let mut as_of = None;
    for (k, v) in query_pairs(raw)? {
        match k.as_str() {
            "as_of" => as_of = Some(v),
            _ => {
                return Err(ApiError::field(
                    StatusCode::BAD_REQUEST,
                    &k,
                    Problem::UnknownParameter,
                ));
            }
        }
    }
    let record = svc::get(&state.app, &ctx, entity, id, as_of.as_deref())
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(record_response(StatusCode::OK, &record))
}

pub async fn update(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let record = svc::update(&state.app, &ctx, entity, id, &body, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &record))
}

pub async fn delete(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode> {
    let id = parse_id(&id)?;
    svc::delete(&state.app, &ctx, entity, id, if_match(&headers)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn restore(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let record = svc::restore(&state.app, &ctx, entity, id, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &record))
}

pub async fn purge(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let id = parse_id(&id)?;
    svc::purge(&state.app, &ctx, entity, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn history(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
) -> Result<Json<Value>> {
    let id = parse_id(&id)?;
    let events = svc::history(&state.app, &ctx, entity, id).await?;
    Ok(Json(
        json!({ "items": events.iter().map(event_json).collect::<Vec<_>>() }),
    ))
}

pub async fn timeline(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    parent: Entity,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>> {
    let id = parse_id(&id)?;
    let pairs = query_pairs(raw)?;
    let page = svc::timeline(&state.app, &ctx, parent, id, &pairs)
        .await
        .map_err(|e| ApiError::from(e).in_query())?;
    Ok(Json(page_json(&page)))
}

pub async fn set_password(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> Result<StatusCode> {
    let id = parse_id(&id)?;
    let object = small_body(&body, &["password"])?;
    let password = object
        .get("password")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "password",
                Problem::Required,
            )
        })?;
    rapport_app::auth::set_password(&state.app, &ctx, id, password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/{contacts|companies}/{id}/merge` with `{"from": "<id>"}`.
pub async fn merge(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    entity: Entity,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let object = small_body(&body, &["from"])?;
    let from = object
        .get("from")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| {
            ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "from", Problem::MergeFrom)
        })?;
    let record =
        rapport_app::merge::merge(&state.app, &ctx, entity, id, from, if_match(&headers)).await?;
    Ok(record_response(StatusCode::OK, &record))
}

/// `POST /api/v1/auth/token` with `{"email", "password", "name"}`: signs in with a password
/// and answers a new API token. Failed attempts count against the caller's address.
pub async fn token_for_password(
    State(state): State<AppState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    JsonBody(body): JsonBody,
) -> Result<Response> {
    let ip = peer.ip();
    if state.limiter.blocked(ip) {
        return Err(rapport_app::AppError::TooManyAttempts.into());
    }
    let object = small_body(&body, &["email", "password", "name"])?;
    let text = |k: &str| object.get(k).and_then(Value::as_str);
    let (Some(email), Some(password)) = (text("email"), text("password")) else {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "email",
            Problem::LoginFields,
        ));
    };
    let user_id = match rapport_app::auth::verify_login(&state.app, email, password).await {
        Ok(id) => id,
        Err(rapport_app::AppError::Unauthenticated) => {
            state.limiter.fail(ip);
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the email or the password is wrong",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let actor = rapport_app::auth::actor_for_user(&state.app, user_id, Default::default()).await?;
    let ctx = rapport_app::Ctx::new(actor, rapport_app::Origin::Api);
    let name = text("name").unwrap_or("signed in with a password");
    let (row, token) =
        rapport_app::auth::create_token(&state.app, &ctx, user_id, name, &[]).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"token": token, "id": row.id, "user_id": row.user_id, "name": row.name, "created_at": row.created_at})),
    )
        .into_response())
}
