//! Merging duplicates: one contact (or company) absorbs another. The survivor keeps its own
//! values and takes the other's where it has none; everything linked to the other moves
//! over; the other goes to the trash. Every step is an event in one transaction.

use crate::records::{load_for_write, write_change};
use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::entity::Entity;
use rapport_core::history::Action as Change;
use rapport_core::policy::Action;
use rapport_core::record::Record;
use rapport_store::records as store;
use serde_json::{Map, Value};
use uuid::Uuid;

/// What points at a contact or company and must follow it.
fn dependents(entity: Entity) -> &'static [(Entity, &'static str)] {
    match entity {
        Entity::Contact => &[
            (Entity::Interaction, "contact_id"),
            (Entity::Ticket, "contact_id"),
        ],
        Entity::Company => &[
            (Entity::Contact, "company_id"),
            (Entity::Interaction, "company_id"),
            (Entity::Ticket, "company_id"),
        ],
        _ => &[],
    }
}

pub async fn merge(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    target_id: Uuid,
    source_id: Uuid,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    if !matches!(entity, Entity::Contact | Entity::Company) {
        return Err(AppError::NotFound(entity.singular()));
    }
    ctx.actor.check(entity, Action::Update)?;
    ctx.actor.check(entity, Action::Delete)?;
    if target_id == source_id {
        return Err(AppError::invalid("from", Problem::MergeSelf));
    }
    let mut tx = app.db.begin().await?;
    let target = load_for_write(&mut tx, ctx, entity, target_id, if_match).await?;
    let source = match load_for_write(&mut tx, ctx, entity, source_id, None).await {
        Ok(r) => r,
        Err(AppError::NotFound(_)) => {
            return Err(AppError::invalid("from", Problem::NoSuchRecord { entity }));
        }
        Err(e) => return Err(e),
    };
    if target.is_deleted() || source.is_deleted() {
        return Err(AppError::Conflict(
            "deleted records cannot be merged; restore them first".into(),
        ));
    }
    let merged = combine(entity, &target, &source);
    let record = write_change(&mut tx, ctx, entity, &target, merged, Change::Merge).await?;

    for &(dependent, link) in dependents(entity) {
        for id in store::ids_where(&mut tx, dependent, link, source_id).await? {
            let Some(row) = store::get_for_update(&mut tx, dependent, id).await? else {
                continue;
            };
            let mut data = row.data.clone();
            data.insert(link.to_string(), Value::String(target_id.to_string()));
            if dependent == Entity::Interaction && entity == Entity::Contact {
                rename_participant(&mut data, source_id, target_id);
            }
            write_change(&mut tx, ctx, dependent, &row, data, Change::Update).await?;
        }
    }
    // The meetings of others the absorbed contact takes part in name the survivor
    // instead, so they move to its timeline.
    if entity == Entity::Contact {
        for id in rapport_store::timeline::meetings_taking_part(&mut tx, source_id).await? {
            let Some(row) = store::get_for_update(&mut tx, Entity::Interaction, id).await? else {
                continue;
            };
            let mut data = row.data.clone();
            rename_participant(&mut data, source_id, target_id);
            write_change(
                &mut tx,
                ctx,
                Entity::Interaction,
                &row,
                data,
                Change::Update,
            )
            .await?;
        }
    }
    for id in store::ids_where(&mut tx, Entity::Attachment, "record_id", source_id).await? {
        let Some(row) = store::get_for_update(&mut tx, Entity::Attachment, id).await? else {
            continue;
        };
        let mut data = row.data.clone();
        data.insert("record_id".into(), Value::String(target_id.to_string()));
        write_change(&mut tx, ctx, Entity::Attachment, &row, data, Change::Update).await?;
    }
    let source_data = source.data.clone();
    write_change(&mut tx, ctx, entity, &source, source_data, Change::Delete).await?;
    tx.commit().await?;
    Ok(record)
}

/// The survivor's fields with the gaps filled from the other record.
fn combine(entity: Entity, target: &Record, source: &Record) -> Map<String, Value> {
    let mut data = target.data.clone();
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    for field in entity.own_fields() {
        let name = field.name;
        let mine = target.get(name);
        let theirs = source.get(name);
        let value = match name {
            "tags" => union(mine, theirs, |v| v.clone()),
            "emails" => union(
                mine,
                &also_primary(theirs, source.get("email"), "email"),
                |v| v.get("email").cloned().unwrap_or(Value::Null),
            ),
            "phones" => union(
                mine,
                &also_primary(theirs, source.get("phone"), "phone"),
                |v| v.get("phone").cloned().unwrap_or(Value::Null),
            ),
            "custom" => {
                let mut c = theirs.as_object().cloned().unwrap_or_default();
                c.extend(mine.as_object().cloned().unwrap_or_default());
                Value::Object(c)
            }
            _ if empty(mine) && !empty(theirs) => theirs.clone(),
            _ => continue,
        };
        data.insert(name.to_string(), value);
    }
    // The other's primary address stays reachable among the extra ones.
    for (primary, list, key) in [("email", "emails", "email"), ("phone", "phones", "phone")] {
        if entity != Entity::Contact {
            break;
        }
        let main = data.get(primary).cloned().unwrap_or(Value::Null);
        if let Some(Value::Array(items)) = data.get_mut(list) {
            items.retain(|i| i.get(key) != Some(&main));
        }
    }
    data
}

fn also_primary(list: &Value, primary: &Value, key: &str) -> Value {
    let mut items = list.as_array().cloned().unwrap_or_default();
    if primary.is_string() {
        let mut entry = Map::new();
        entry.insert(key.to_string(), primary.clone());
        items.insert(0, Value::Object(entry));
    }
    Value::Array(items)
}

fn union(mine: &Value, theirs: &Value, key: impl Fn(&Value) -> Value) -> Value {
    let mut out = mine.as_array().cloned().unwrap_or_default();
    for item in theirs.as_array().into_iter().flatten() {
        if !out.iter().any(|o| key(o) == key(item)) {
            out.push(item.clone());
        }
    }
    Value::Array(out)
}

/// Makes an interaction's participants name `to` where they named `from`, once: when
/// `to` already takes part, the entry for `from` is dropped.
fn rename_participant(data: &mut Map<String, Value>, from: Uuid, to: Uuid) {
    let (from, to) = (from.to_string(), to.to_string());
    let Some(Value::Array(list)) = data.get_mut("participants") else {
        return;
    };
    let names = |p: &Value, id: &str| p.get("contact_id").and_then(Value::as_str) == Some(id);
    let has_to = list.iter().any(|p| names(p, &to));
    if has_to {
        list.retain(|p| !names(p, &from));
    } else {
        for p in list.iter_mut().filter_map(Value::as_object_mut) {
            if p.get("contact_id").and_then(Value::as_str) == Some(from.as_str()) {
                p.insert("contact_id".into(), Value::String(to.clone()));
            }
        }
    }
}
