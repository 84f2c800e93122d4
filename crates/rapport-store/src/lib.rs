//! Persistence for Rapport on SQLite and PostgreSQL.
//!
//! One code path serves both: [`Db`] wraps the two sqlx pools, statements are built once
//! with sea-query and rendered per dialect, and values are bound in the form each backend
//! stores (see `sql`). Where the dialects truly differ (full-text search, locking) both
//! versions sit side by side in one module.

mod connect;
pub mod deals;
pub mod events;
pub mod feeds;
pub mod forecast;
mod group;
pub mod jobs;
pub mod logo;
mod meeting_contacts;
pub mod notifications;
pub mod numbers;
pub mod records;
pub mod search;
pub mod sessions;
pub mod sql;
mod sqlite_tx;
pub mod timeline;
pub mod users;
pub mod views;

pub use connect::{Backend, Db, Tx};
pub use sql::{On, StoreError, render};

/// The result of a store call.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
