//! Record history: every change is an event, and replaying a record's events rebuilds any
//! past state of it.
//!
//! An event carries the changed fields only (old and new values). The bookkeeping fields
//! follow from the events themselves: `version` counts them, `updated_at` is the time of
//! the latest, `created_at`/`created_by` come from the first and `deleted_at` from the
//! latest delete not followed by a restore. Services write rows that obey the same rules,
//! so a replay reproduces the stored row exactly.

use crate::entity::Entity;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
    Merge,
    Purge,
    /// A message joined a ticket's conversation.
    Message,
}

impl Action {
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Merge => "merge",
            Action::Purge => "purge",
            Action::Message => "message",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        [
            Action::Create,
            Action::Update,
            Action::Delete,
            Action::Restore,
            Action::Merge,
            Action::Purge,
            Action::Message,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Ui,
    Api,
    Cli,
    Import,
    Channel,
    Automation,
}

impl Origin {
    pub const fn as_str(self) -> &'static str {
        match self {
            Origin::Ui => "ui",
            Origin::Api => "api",
            Origin::Cli => "cli",
            Origin::Import => "import",
            Origin::Channel => "channel",
            Origin::Automation => "automation",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        [
            Origin::Ui,
            Origin::Api,
            Origin::Cli,
            Origin::Import,
            Origin::Channel,
            Origin::Automation,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// A field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub old: Value,
    pub new: Value,
}

/// One entry of a record's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: Uuid,
    pub entity: Entity,
    pub record_id: Uuid,
    pub action: Action,
    pub actor_id: Option<Uuid>,
    pub origin: Origin,
    /// Canonical timestamp text (see `clock`).
    pub occurred_at: String,
    pub changes: BTreeMap<String, Change>,
}

/// The changes that turn `before` into `after`, over the given field names.
pub fn diff<'a>(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    fields: impl Iterator<Item = &'a str>,
) -> BTreeMap<String, Change> {
    let mut changes = BTreeMap::new();
    for name in fields {
        let old = before.get(name).cloned().unwrap_or(Value::Null);
        let new = after.get(name).cloned().unwrap_or(Value::Null);
        if old != new {
            changes.insert(name.to_string(), Change { old, new });
        }
    }
    changes
}

/// Replays events (oldest first) and returns the record as it stood after the last one,
/// or `None` if it had not been created or was purged.
pub fn replay<'a>(entity: Entity, events: impl IntoIterator<Item = &'a Event>) -> Option<Record> {
    let mut state: Option<Map<String, Value>> = None;
    for event in events {
        match event.action {
            Action::Create => {
                let mut data = Map::new();
                for fl in entity.fields() {
                    data.insert(fl.name.to_string(), Value::Null);
                }
                data.insert("id".into(), Value::String(event.record_id.to_string()));
                data.insert("version".into(), Value::from(0));
                data.insert(
                    "created_at".into(),
                    Value::String(event.occurred_at.clone()),
                );
                data.insert(
                    "created_by".into(),
                    event
                        .actor_id
                        .map_or(Value::Null, |a| Value::String(a.to_string())),
                );
                state = Some(data);
            }
            Action::Purge => {
                state = None;
                continue;
            }
            _ => {}
        }
        let Some(data) = state.as_mut() else { continue };
        for (name, change) in &event.changes {
            data.insert(name.clone(), change.new.clone());
        }
        match event.action {
            Action::Delete => {
                data.insert(
                    "deleted_at".into(),
                    Value::String(event.occurred_at.clone()),
                );
            }
            Action::Restore => {
                data.insert("deleted_at".into(), Value::Null);
            }
            _ => {}
        }
        let version = data.get("version").and_then(Value::as_i64).unwrap_or(0) + 1;
        data.insert("version".into(), Value::from(version));
        data.insert(
            "updated_at".into(),
            Value::String(event.occurred_at.clone()),
        );
    }
    state.map(|data| Record { entity, data })
}
