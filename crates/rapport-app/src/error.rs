//! What a service call can fail with. Each variant maps to one HTTP status in the web
//! layer; only `Internal` is a server fault, and its cause is logged, never shown.

use rapport_core::policy::Denied;
use rapport_core::{Problem, ValidationErrors};
use rapport_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is wrong; each error names its field.
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// No such record, or the caller may not see it (the two look the same on purpose).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller is known but may not do this.
    #[error(transparent)]
    Forbidden(#[from] Denied),
    /// No valid credentials.
    #[error("authentication required")]
    Unauthenticated,
    /// `If-Match` named a version that is no longer current.
    #[error("the record changed since it was read (current version {current_etag})")]
    Stale { current_etag: String },
    /// The request conflicts with the record's state (for example restoring a live record).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; try again later.
    #[error("too many attempts; try again in a minute")]
    TooManyAttempts,
    /// The upload is larger than allowed.
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    /// A conversion found records that look like the ones it would create.
    #[error("records like these exist already; link them or create new ones anyway")]
    Duplicates(Box<crate::convert::Duplicates>),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Internal(Box::new(e))
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Internal(Box::new(e))
    }
}

impl AppError {
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        AppError::Invalid(ValidationErrors::one(field, problem))
    }
}
