//! Attachment upload, listing and download.

use super::records::{parse_id, record_json};
use crate::AppState;
use crate::auth::ApiCtx;
use crate::error::ApiError;
use axum::Json;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use rapport_app::attachments as svc;
use rapport_core::{Entity, Problem};
use serde_json::{Value, json};

/// `POST /api/v1/{resource}/{id}/attachments` with a multipart field named `file`.
pub async fn upload(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    parent: Entity,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    svc::check_parent(&state.app, &ctx, parent, id).await?;
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the multipart body is not valid: {e}"),
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or("").to_string();
        let stream = field.map_err(|e| e.to_string());
        let record =
            svc::upload(&state.app, &ctx, parent, id, &file_name, Box::pin(stream)).await?;
        let mut response = (StatusCode::CREATED, Json(record_json(&record))).into_response();
        let location = format!("/api/v1/attachments/{}", record.id().unwrap_or_default());
        if let Ok(v) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, v);
        }
        return Ok(response);
    }
    Err(ApiError::field(
        StatusCode::UNPROCESSABLE_ENTITY,
        "file",
        Problem::FileMissing,
    ))
}

/// `GET /api/v1/{resource}/{id}/attachments`.
pub async fn list(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    parent: Entity,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    let items = svc::list(&state.app, &ctx, parent, id).await?;
    Ok(Json(json!({
        "items": items.iter().map(record_json).collect::<Vec<_>>(),
        "next_cursor": null,
    })))
}

/// `GET /api/v1/attachments/{id}/content`: the file, always as a download.
pub async fn content(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let (record, path) = svc::open(&state.app, &ctx, id).await?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(rapport_app::AppError::from)?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let content_type = record
        .str("content_type")
        .unwrap_or("application/octet-stream");
    let name = record.str("file_name").unwrap_or("file");
    let disposition = content_disposition(name);
    let mut response = body.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_string(),
        ),
        (header::ETAG, record.etag()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    if let Some(size) = record.get("size_bytes").as_i64()
        && let Ok(v) = HeaderValue::from_str(&size.to_string())
    {
        headers.insert(header::CONTENT_LENGTH, v);
    }
    Ok(response)
}

/// `Content-Disposition: attachment` with the file name in plain ASCII and in UTF-8.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}
