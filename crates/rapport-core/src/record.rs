//! A stored record: its entity and its fields as JSON values, in the entity's field order.

use crate::entity::Entity;
use serde_json::{Map, Value};
use uuid::Uuid;

/// One record as the store returns it and the API shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub entity: Entity,
    pub data: Map<String, Value>,
}

impl Record {
    pub fn id(&self) -> Option<Uuid> {
        self.data
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
    }

    pub fn version(&self) -> i64 {
        self.data
            .get("version")
            .and_then(Value::as_i64)
            .unwrap_or(0)
    }

    pub fn get(&self, field: &str) -> &Value {
        self.data.get(field).unwrap_or(&Value::Null)
    }

    pub fn uuid(&self, field: &str) -> Option<Uuid> {
        self.get(field)
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
    }

    pub fn str(&self, field: &str) -> Option<&str> {
        self.get(field).as_str()
    }

    pub fn is_deleted(&self) -> bool {
        !self.get("deleted_at").is_null()
    }

    /// The strong entity tag for this state of the record.
    pub fn etag(&self) -> String {
        etag_for(self.version())
    }
}

/// A field's value as people read it: empty for nothing, a list as comma-separated text.
pub fn display_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The entity tag for a version: `"v3"`.
pub fn etag_for(version: i64) -> String {
    format!("\"v{version}\"")
}

/// Whether an `If-Match` header value matches a record's version (`*` matches any).
pub fn if_match_accepts(header: &str, version: i64) -> bool {
    let want = etag_for(version);
    header.split(',').map(str::trim).any(|tag| {
        tag == "*" || tag == want || tag.strip_prefix("W/").is_some_and(|weak| weak == want)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_text() {
        assert_eq!(display_text(&Value::Null), "");
        assert_eq!(display_text(&serde_json::json!("a")), "a");
        assert_eq!(display_text(&serde_json::json!(["a", "b"])), "a, b");
        assert_eq!(display_text(&serde_json::json!(3)), "3");
    }

    #[test]
    fn if_match_compares_versions() {
        assert!(if_match_accepts("\"v3\"", 3));
        assert!(if_match_accepts("\"v1\", \"v3\"", 3));
        assert!(if_match_accepts("*", 9));
        assert!(!if_match_accepts("\"v2\"", 3));
        assert!(!if_match_accepts("v3", 3));
    }
}
