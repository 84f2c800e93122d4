//! Meetings: interactions of kind `meeting`, with users and contacts as participants.
//!
//! A participant is kept with the name and email address it had when it was chosen, so
//! the calendar feed can write it as an attendee without reading it again. A meeting is
//! seen by whoever sees it as an interaction and, besides, by every user taking part
//! (`rapport_core::policy::takes_part`).

use crate::{App, AppError, Ctx, records};
use rapport_core::entity::Entity;
use rapport_core::policy::{Action, takes_part};
use rapport_core::record::Record;
use rapport_core::{Problem, ValidationErrors};
use rapport_store::records as store;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// What a meeting form says: times are stored instants, participants are ids.
#[derive(Debug, Clone, Default)]
pub struct MeetingInput {
    pub subject: Option<String>,
    pub body: Option<String>,
    /// Where it takes place: a room, an address or a video call's link.
    pub location: Option<String>,
    pub start: String,
    pub duration_seconds: i64,
    pub owner_id: Option<Uuid>,
    pub users: Vec<Uuid>,
    pub contacts: Vec<Uuid>,
}

/// A meeting the caller may see: through the usual visibility of interactions, or
/// because they take part in it.
pub async fn get(app: &App, ctx: &Ctx, id: Uuid) -> Result<Record, AppError> {
    ctx.actor.check(Entity::Interaction, Action::Read)?;
    let not_found = || AppError::NotFound("meeting");
    let record = match records::get(app, ctx, Entity::Interaction, id, None).await {
        Ok(r) => r,
        Err(AppError::NotFound(_)) => {
            let record = store::get(&app.db, Entity::Interaction, id)
                .await?
                .filter(|r| !r.is_deleted())
                .ok_or_else(not_found)?;
            let me = ctx.actor.author().ok_or_else(not_found)?;
            if !takes_part(record.get("participants"), me) {
                return Err(not_found());
            }
            record
        }
        Err(e) => return Err(e),
    };
    if record.str("kind") != Some("meeting") {
        return Err(not_found());
    }
    Ok(record)
}

/// Creates a meeting, or changes one when `id` is given (with the version the form
/// was read at, so a stale form is refused).
pub async fn save(
    app: &App,
    ctx: &Ctx,
    id: Option<Uuid>,
    input: &MeetingInput,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    let participants = participants(app, ctx, &input.users, &input.contacts).await?;
    let mut body = Map::new();
    body.insert("subject".into(), json!(input.subject));
    body.insert("body".into(), json!(input.body));
    body.insert("location".into(), json!(input.location));
    body.insert("occurred_at".into(), json!(input.start));
    body.insert("duration_seconds".into(), json!(input.duration_seconds));
    body.insert("owner_id".into(), json!(input.owner_id));
    body.insert("participants".into(), participants);
    // The first contact is the meeting's own, so it sits on that customer's timeline and
    // is seen by whoever sees the contact; the others find it through its participants.
    let contact = match input.contacts.first() {
        Some(first) => Some(records::get(app, ctx, Entity::Contact, *first, None).await?),
        None => None,
    };
    body.insert("contact_id".into(), json!(input.contacts.first()));
    body.insert(
        "company_id".into(),
        json!(contact.as_ref().and_then(|c| c.str("company_id"))),
    );
    match id {
        None => {
            body.insert("kind".into(), json!("meeting"));
            body.insert("direction".into(), json!("internal"));
            records::create(app, ctx, Entity::Interaction, &Value::Object(body)).await
        }
        Some(id) => {
            get(app, ctx, id).await?;
            records::update(
                app,
                ctx,
                Entity::Interaction,
                id,
                &Value::Object(body),
                if_match,
            )
            .await
        }
    }
}

/// The participants' entries, from the users and contacts chosen; an id that names no
/// user, or a contact the caller does not see, is refused under `participants`.
async fn participants(
    app: &App,
    ctx: &Ctx,
    users: &[Uuid],
    contacts: &[Uuid],
) -> Result<Value, AppError> {
    let mut out = Vec::new();
    let mut errors = ValidationErrors::new();
    for id in dedup(users) {
        match store::get(&app.db, Entity::User, id).await? {
            Some(user) if !user.is_deleted() => out.push(json!({
                "user_id": id.to_string(),
                "name": user.str("name"),
                "email": user.str("email"),
            })),
            _ => errors.add("participants", Problem::NoSuchUser { id: id.to_string() }),
        }
    }
    for id in dedup(contacts) {
        match records::get(app, ctx, Entity::Contact, id, None).await {
            Ok(contact) => {
                let name = [contact.str("first_name"), contact.str("last_name")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(json!({
                    "contact_id": id.to_string(),
                    "name": (!name.is_empty()).then_some(name),
                    "email": contact.str("email"),
                }));
            }
            Err(AppError::NotFound(_)) => errors.add(
                "participants",
                Problem::NoSuchRecord {
                    entity: Entity::Contact,
                },
            ),
            Err(e) => return Err(e),
        }
    }
    Ok(errors.into_result(Value::Array(out))?)
}

fn dedup(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = Vec::new();
    for id in ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen
}

/// The ids of a meeting's participants that are users, and those that are contacts.
pub fn participant_ids(meeting: &Record) -> (Vec<Uuid>, Vec<Uuid>) {
    let mut users = Vec::new();
    let mut contacts = Vec::new();
    for p in meeting.get("participants").as_array().into_iter().flatten() {
        let id = |k: &str| {
            p.get(k)
                .and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok())
        };
        if let Some(u) = id("user_id") {
            users.push(u);
        }
        if let Some(c) = id("contact_id") {
            contacts.push(c);
        }
    }
    (users, contacts)
}
