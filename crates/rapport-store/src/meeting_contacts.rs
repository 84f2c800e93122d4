//! The contacts taking part in each meeting besides its own, one `meeting_contacts` row
//! each, so a contact's timeline finds the meetings it takes part in through an index.
//!
//! The rows follow from the interaction's row alone (its kind, own contact, start and
//! participants), and the record functions in `records` rewrite them in the same
//! statement sequence that writes the interaction, so they never disagree. A meeting in
//! the trash keeps its rows, as it keeps its participants; the timeline leaves it out by
//! its `deleted_at` like any other, and shows it again when it is restored.

use crate::connect::Tx;
use crate::records::MAX_BOUND_VALUES;
use crate::sql::{self, StoreError, bind, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Expr, ExprTrait, Query};
use serde_json::{Map, Value};
use uuid::Uuid;

pub(crate) const TABLE: &str = "meeting_contacts";

/// One link row: which contact, the meeting's start, which meeting.
struct Link<'a> {
    contact: Uuid,
    occurred_at: &'a Value,
    interaction: Uuid,
}

fn uuid_of(value: Option<&Value>) -> Option<Uuid> {
    value
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// The contacts a stored interaction links to here: for a meeting, every contact its
/// participants name once, leaving out its own contact (found by `interactions_contact`);
/// for any other kind, none.
pub(crate) fn linked_contacts(data: &Map<String, Value>) -> Vec<Uuid> {
    if data.get("kind").and_then(Value::as_str) != Some("meeting") {
        return Vec::new();
    }
    let own = uuid_of(data.get("contact_id"));
    let mut out: Vec<Uuid> = Vec::new();
    for p in data
        .get("participants")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(c) = uuid_of(p.get("contact_id"))
            && Some(c) != own
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

fn links(data: &Map<String, Value>) -> Vec<Link<'_>> {
    let (Some(interaction), Some(occurred_at)) = (uuid_of(data.get("id")), data.get("occurred_at"))
    else {
        return Vec::new();
    };
    linked_contacts(data)
        .into_iter()
        .map(|contact| Link {
            contact,
            occurred_at,
            interaction,
        })
        .collect()
}

/// Adds the rows of newly inserted interactions, with multi-row statements.
pub(crate) async fn add_many(tx: &mut Tx, rows: &[&Map<String, Value>]) -> Result<(), StoreError> {
    let backend = tx.backend();
    let all: Vec<Link<'_>> = rows.iter().flat_map(|data| links(data)).collect();
    for chunk in all.chunks(MAX_BOUND_VALUES / 3) {
        let mut statement = Query::insert();
        statement
            .into_table(TABLE)
            .columns(["contact_id", "occurred_at", "interaction_id"]);
        for link in chunk {
            statement
                .values([
                    Expr::val(bind_uuid(backend, link.contact)),
                    Expr::val(bind(backend, FieldType::Time, link.occurred_at)),
                    Expr::val(bind_uuid(backend, link.interaction)),
                ])
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        }
        sql::execute(tx, &statement).await?;
    }
    Ok(())
}

/// Replaces an interaction's rows after its row was rewritten: its participants, start,
/// own contact or kind may have changed.
pub(crate) async fn replace(
    tx: &mut Tx,
    id: Uuid,
    data: &Map<String, Value>,
) -> Result<(), StoreError> {
    remove(tx, id).await?;
    add_many(tx, &[data]).await
}

/// Removes an interaction's rows, before the interaction itself is purged.
pub(crate) async fn remove(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    let backend = tx.backend();
    let statement = Query::delete()
        .from_table(TABLE)
        .and_where(Expr::col("interaction_id").eq(bind_uuid(backend, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_meeting_links_each_other_contact_once() {
        let (own, a, b) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let meeting = data(json!({
            "kind": "meeting",
            "contact_id": own.to_string(),
            "participants": [
                {"contact_id": own.to_string()},
                {"contact_id": a.to_string()},
                {"user_id": b.to_string()},
                {"contact_id": a.to_string(), "name": "again"},
                {"contact_id": b.to_string()},
                {"name": "no id"},
            ],
        }));
        assert_eq!(linked_contacts(&meeting), vec![a, b]);
        let mut call = meeting.clone();
        call.insert("kind".into(), json!("call"));
        assert!(
            linked_contacts(&call).is_empty(),
            "only meetings are linked"
        );
    }
}
