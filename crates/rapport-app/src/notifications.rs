//! Notifications: telling people what others did to the records they own.
//!
//! They are written by [`after_write`], which the one write path calls in the change's own
//! transaction, so a notification exists exactly when its change does. For now two things
//! cause one: someone else makes you the owner of a contact or company, and someone else
//! logs an interaction on a contact or company you own. Nobody is told of their own
//! actions. Everyone reads and marks only their own notifications.

use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::ValidationErrors;
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Action as Change;
use rapport_core::record::Record;
use rapport_store::Tx;
use rapport_store::notifications::{self as store, Notification};
use rapport_store::records as records_store;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Notifies the people a change concerns. Called by `records::write` after it stored the
/// record's new state (`data`) and its event.
pub(crate) async fn after_write(
    tx: &mut Tx,
    ctx: &Ctx,
    entity: Entity,
    before: Option<&Record>,
    data: &Map<String, Value>,
    action: Change,
) -> Result<(), AppError> {
    let actor = ctx.actor.author();
    let uuid = |v: &Value| v.as_str().and_then(|s| Uuid::parse_str(s).ok());
    let mut wanted: Vec<Wanted> = Vec::new();
    match (entity, action) {
        (Entity::Contact | Entity::Company, Change::Create | Change::Update) => {
            let owner = data.get("owner_id").and_then(uuid);
            let previous = before.and_then(|r| r.uuid("owner_id"));
            if let (Some(owner), Some(id)) = (owner, data.get("id").and_then(uuid))
                && Some(owner) != previous
                && Some(owner) != actor
            {
                wanted.push(Wanted {
                    user_id: owner,
                    entity,
                    record_id: id,
                    record_name: record_name(entity, data),
                    kind: "owner",
                    detail: None,
                });
            }
        }
        (Entity::Interaction, Change::Create) => {
            let kind = data.get("kind").and_then(Value::as_str).map(str::to_string);
            for (link, parent) in [
                ("contact_id", Entity::Contact),
                ("company_id", Entity::Company),
            ] {
                let Some(pid) = data.get(link).and_then(uuid) else {
                    continue;
                };
                let Some(record) = records_store::get_in(tx, parent, pid).await? else {
                    continue;
                };
                let Some(owner) = record.uuid("owner_id") else {
                    continue;
                };
                // One notification per person, about the contact when both are theirs.
                if Some(owner) != actor && !wanted.iter().any(|w| w.user_id == owner) {
                    wanted.push(Wanted {
                        user_id: owner,
                        entity: parent,
                        record_id: pid,
                        record_name: record_name(parent, &record.data),
                        kind: "interaction",
                        detail: kind.clone(),
                    });
                }
            }
        }
        _ => {}
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let actor_name = match actor {
        Some(a) => records_store::get_in(tx, Entity::User, a)
            .await?
            .and_then(|u| u.str("name").map(str::to_string))
            .unwrap_or_default(),
        None => String::new(),
    };
    let now = clock::format(clock::now());
    let items: Vec<Notification> = wanted
        .into_iter()
        .map(|w| Notification {
            id: Uuid::now_v7(),
            user_id: w.user_id,
            kind: w.kind.to_string(),
            actor_id: actor,
            actor_name: actor_name.clone(),
            record_type: w.entity.table().to_string(),
            record_id: w.record_id,
            record_name: w.record_name,
            detail: w.detail,
            created_at: now.clone(),
            read_at: None,
        })
        .collect();
    store::insert(tx, &items).await?;
    Ok(())
}

/// Someone to tell about a record.
struct Wanted {
    user_id: Uuid,
    entity: Entity,
    record_id: Uuid,
    record_name: String,
    kind: &'static str,
    detail: Option<String>,
}

/// A contact's or company's name as the notification keeps it.
fn record_name(entity: Entity, data: &Map<String, Value>) -> String {
    let text = |k: &str| data.get(k).and_then(Value::as_str).unwrap_or("");
    match entity {
        Entity::Contact => [text("first_name"), text("last_name")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        _ => text("name").to_string(),
    }
}

/// One page of the caller's notifications, newest first.
#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
}

/// The caller's notifications. Takes `unread` (`true` for only the unread ones), `limit`
/// (1 to 500, 50 when absent) and `cursor` (the `next_cursor` of the page before).
pub async fn list(app: &App, ctx: &Ctx, pairs: &[(String, String)]) -> Result<Page, AppError> {
    let mut errors = ValidationErrors::new();
    let (mut unread, mut limit, mut before) = (false, 50u64, None);
    for (key, value) in pairs {
        match key.as_str() {
            "unread" => match value.as_str() {
                "true" | "1" => unread = true,
                "false" | "0" | "" => unread = false,
                _ => errors.add("unread", Problem::NotABool),
            },
            "limit" => match value.parse::<u64>() {
                Ok(n) if (1..=500).contains(&n) => limit = n,
                _ => errors.add("limit", Problem::IntRange { min: 1, max: 500 }),
            },
            "cursor" => match Uuid::parse_str(value) {
                Ok(id) => before = Some(id),
                Err(_) => errors.add("cursor", Problem::BadCursor),
            },
            other => errors.add(other, Problem::UnknownParameter),
        }
    }
    errors.into_result(())?;
    let mut items = store::list(&app.db, ctx.actor.user_id, unread, before, limit + 1).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|n| n.id.to_string())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

/// How many notifications the caller has not read.
pub async fn unread_count(app: &App, ctx: &Ctx) -> Result<i64, AppError> {
    Ok(store::unread_count(&app.db, ctx.actor.user_id).await?)
}

/// Marks one of the caller's notifications read and returns it; 404 for anyone else's.
pub async fn mark_read(app: &App, ctx: &Ctx, id: Uuid) -> Result<Notification, AppError> {
    if !ctx.actor.may_mark_notifications() {
        return Err(rapport_core::policy::Denied::Scope("change", "notifications").into());
    }
    let me = ctx.actor.user_id;
    let mut tx = app.db.begin().await?;
    let mut found = store::get(&mut tx, me, id)
        .await?
        .ok_or(AppError::NotFound("notification"))?;
    let now = clock::format(clock::now());
    if store::mark_read(&mut tx, me, Some(id), &now).await? > 0 {
        found.read_at = Some(now);
    }
    tx.commit().await?;
    Ok(found)
}

/// Marks all of the caller's notifications read; returns how many were unread.
pub async fn mark_all_read(app: &App, ctx: &Ctx) -> Result<u64, AppError> {
    if !ctx.actor.may_mark_notifications() {
        return Err(rapport_core::policy::Denied::Scope("change", "notifications").into());
    }
    let mut tx = app.db.begin().await?;
    let n = store::mark_read(
        &mut tx,
        ctx.actor.user_id,
        None,
        &clock::format(clock::now()),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
