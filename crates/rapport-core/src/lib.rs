//! Rapport's domain: identifiers, validated values, the shape of every entity, the
//! authorization policy, list queries and record history.
//!
//! This crate does no I/O. The store renders its entity descriptions into SQL and the
//! services apply its rules; neither may decide what this crate decides.

pub mod business_time;
pub mod clock;
pub mod documents;
pub mod duplicates;
pub mod entity;
pub mod error;
pub mod forecast;
pub mod history;
pub mod ids;
pub mod kb;
pub mod money;
pub mod policy;
pub mod problem;
pub mod query;
pub mod record;
pub mod recurrence;
pub mod routing;
pub mod sla;
pub mod tickets;
pub mod validate;
pub mod values;

pub use entity::{Entity, FieldType};
pub use error::{FieldError, ValidationErrors};
pub use problem::Problem;
pub use record::Record;
