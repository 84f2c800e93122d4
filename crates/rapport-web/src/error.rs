//! Errors as RFC 9457 problem details (`application/problem+json`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_app::AppError;
use rapport_core::{FieldError, Problem};
use serde_json::json;

/// An error on its way to becoming an HTTP response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    etag: Option<String>,
    /// More members of the problem object, such as the look-alikes a conversion found.
    extra: Option<Box<(&'static str, serde_json::Value)>>,
}

impl ApiError {
    pub fn new(status: StatusCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            detail: detail.into(),
            errors: Vec::new(),
            etag: None,
            extra: None,
        }
    }

    pub fn field(status: StatusCode, field: &str, problem: Problem) -> ApiError {
        let mut e = ApiError::new(status, format!("{field}: {problem}"));
        e.errors.push(FieldError::new(field, problem));
        e
    }

    /// Query-string problems are a bad request rather than an unprocessable body.
    pub fn in_query(mut self) -> ApiError {
        if self.status == StatusCode::UNPROCESSABLE_ENTITY {
            self.status = StatusCode::BAD_REQUEST;
        }
        self
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let status = match &e {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Stale { .. } => StatusCode::PRECONDITION_FAILED,
            AppError::Conflict(_) | AppError::Duplicates(_) => StatusCode::CONFLICT,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut api = ApiError::new(status, e.to_string());
        match e {
            AppError::Invalid(errors) => {
                api.detail = "the request has invalid fields; see errors".into();
                api.errors = errors.0;
            }
            AppError::Stale { current_etag } => api.etag = Some(current_etag),
            AppError::Duplicates(found) => {
                api.extra = serde_json::to_value(&*found)
                    .ok()
                    .map(|v| Box::new(("duplicates", v)));
            }
            AppError::Internal(cause) => {
                tracing::error!(error = %cause, "internal error");
                api.detail = "something went wrong on the server; it has been logged".into();
            }
            _ => {}
        }
        api
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let mut body = json!({
            "type": "about:blank",
            "title": title,
            "status": self.status.as_u16(),
            "detail": self.detail,
            "errors": self.errors,
        });
        if let Some(extra) = self.extra {
            let (key, value) = *extra;
            body[key] = value;
        }
        let mut response = (self.status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(tag) = self.etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
            headers.insert(header::ETAG, tag);
        }
        response
    }
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such route")
}

/// Turns a panic in a handler into a plain 500 that reveals nothing.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "something went wrong on the server; it has been logged",
    )
    .into_response()
}
