//! Attaching files from the customer page and downloading them.

use super::pages::{Returned, error_page, message_page};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::TryStreamExt;
use rapport_app::AppError;
use rapport_core::entity::Entity;
use uuid::Uuid;

/// Takes a multipart form whose first field is `_csrf` and whose file field is `file`.
pub async fn upload(
    state: AppState,
    ui: UiCtx,
    entity: Entity,
    id: String,
    mut multipart: Multipart,
) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    // The proof must come before the file, so nothing is read for a forged request.
    let proof = match multipart.next_field().await {
        Ok(Some(field)) if field.name() == Some("_csrf") => field.text().await.unwrap_or_default(),
        _ => String::new(),
    };
    if !same_secret(&ui.session.csrf_token, &proof) {
        return csrf_refused(tr);
    }
    let back = format!("/{}/{id}", entity.resource());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return message_page(tr, StatusCode::BAD_REQUEST, &tr.t("error-title")),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("").to_string();
        let stream = field.map_err(|e| e.to_string());
        return match rapport_app::attachments::upload(
            &state.app,
            &ui.ctx,
            entity,
            id,
            &name,
            Box::pin(stream),
        )
        .await
        {
            Ok(_) => Redirect::to(&back).into_response(),
            Err(AppError::Invalid(errors)) => {
                let messages = Some(Returned::Attachment(super::problems::lines(
                    tr,
                    &errors,
                    &[("file", "attach-file")],
                )));
                super::pages::record_page(state, ui, entity, id.to_string(), None, messages).await
            }
            Err(AppError::TooLarge { limit }) => {
                let messages = Some(Returned::Attachment(vec![tr.t1(
                    "attach-too-large",
                    "size",
                    &(limit / (1024 * 1024)).to_string(),
                )]));
                let mut page =
                    super::pages::record_page(state, ui, entity, id.to_string(), None, messages)
                        .await;
                *page.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
                page
            }
            Err(e) => error_page(tr, e),
        };
    }
    Redirect::to(&back).into_response()
}

/// Sends a file as a download, never shown inline.
pub async fn download(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let (record, path) = match rapport_app::attachments::open(&state.app, &ui.ctx, id).await {
        Ok(v) => v,
        Err(e) => return error_page(tr, e),
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(f) => f,
        Err(e) => return error_page(tr, AppError::from(e)),
    };
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    let content_type = record
        .str("content_type")
        .unwrap_or("application/octet-stream");
    let disposition = crate::api::content_disposition(record.str("file_name").unwrap_or("file"));
    for (name, value) in [
        (header::CONTENT_TYPE, content_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_string(),
        ),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    response
}
