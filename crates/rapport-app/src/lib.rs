//! Rapport's use cases. Every service here checks authorization (decided in
//! `rapport_core::policy`), validates input, and writes the change together with its
//! history event in one transaction. Handlers call these and nothing below them.

pub mod attachments;
pub mod auth;
pub mod calendar;
pub mod convert;
pub mod documents;
pub mod documents_out;
mod error;
pub mod forecast;
pub mod html;
pub mod jobs;
pub mod kb;
pub mod meetings;
pub mod merge;
pub mod notifications;
pub mod organisation;
pub mod records;
pub mod sales;
pub mod sessions;
pub mod tasks;
pub mod tickets;
pub mod totp;
pub mod views;
pub mod web_form;

pub use error::AppError;
pub use rapport_core::history::Origin;
pub use rapport_core::policy::Actor;
pub use rapport_store::Db;

use std::path::PathBuf;

/// Settings the services need.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Where attachment files are kept.
    pub data_dir: PathBuf,
    /// The largest attachment accepted, in bytes.
    pub max_upload_bytes: u64,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            max_upload_bytes: 25 * 1024 * 1024,
        }
    }
}

/// The services' shared state: the database and the settings.
#[derive(Debug, Clone)]
pub struct App {
    pub db: Db,
    pub config: AppConfig,
}

impl App {
    pub fn new(db: Db, config: AppConfig) -> App {
        App { db, config }
    }
}

/// Who is calling and through which door.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    pub origin: Origin,
}

impl Ctx {
    pub fn new(actor: Actor, origin: Origin) -> Ctx {
        Ctx { actor, origin }
    }

    /// Rapport acting for an administrator at the command line.
    pub fn system() -> Ctx {
        Ctx::new(Actor::system(), Origin::Cli)
    }
}
