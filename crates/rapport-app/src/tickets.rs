//! Tickets: their numbers and status rules on every write, the conversation of public
//! replies and internal notes, follow-ups of closed tickets, merging, and the first queue
//! a new database gets.

use crate::records::{
    create_in, custom_defs, load_for_write, load_visible, write_change, write_new,
};
use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::Problem;
use rapport_core::ValidationErrors;
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Action as Change;
use rapport_core::policy::{Action, Visibility};
use rapport_core::query::ListQuery;
use rapport_core::record::Record;
use rapport_core::tickets::{self as rules, Author, Refusal};
use rapport_core::validate::{self, Mode};
use rapport_store::records::{self as store, Page};
use rapport_store::{Tx, numbers};
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The name of the queue a new database starts with.
pub const DEFAULT_QUEUE: &str = "Support";

/// Gives a database its first queue, once: when no queue was ever made (a deleted one
/// counts, so that an administrator's choice to remove it stands).
pub async fn ensure_default_queue(app: &App) -> Result<(), AppError> {
    if store::count_all(&app.db, Entity::Queue).await? > 0 {
        return Ok(());
    }
    let body = json!({
        "name": DEFAULT_QUEUE,
        "description": "Questions and problems of customers",
        "assignment": "manual",
    });
    crate::records::create(app, &Ctx::system(), Entity::Queue, &body).await?;
    Ok(())
}

/// The default queue: the oldest live one.
pub async fn default_queue(app: &App) -> Result<Option<Uuid>, AppError> {
    let pairs = [
        ("limit".to_string(), "1".to_string()),
        ("sort".to_string(), "created_at".to_string()),
    ];
    let query = ListQuery::parse(Entity::Queue, &pairs)?;
    let page = store::list(&app.db, &query, &Visibility::All).await?;
    Ok(page.items.first().and_then(Record::id))
}

/// Defaults that depend on other records: the default queue for a ticket that names none.
pub async fn defaults(
    app: &App,
    entity: Entity,
    fields: &mut Map<String, Value>,
) -> Result<(), AppError> {
    if entity == Entity::Ticket && fields.get("queue_id").is_none_or(Value::is_null) {
        let Some(queue) = default_queue(app).await? else {
            return Err(AppError::invalid("queue_id", Problem::Required));
        };
        fields.insert("queue_id".into(), json!(queue.to_string()));
    }
    Ok(())
}

/// Numbers a new ticket and applies the status rules to the state a write leaves.
pub async fn prepare(
    tx: &mut Tx,
    ctx: &Ctx,
    before: Option<&Record>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    if data.get("queue_id").is_none_or(Value::is_null) {
        return Err(AppError::invalid("queue_id", Problem::Required));
    }
    let now = clock::format(clock::now());
    rules::apply_status(
        before.map(|b| &b.data),
        data,
        &now,
        ctx.actor.may_close_directly(),
    )
    .map_err(refused)?;
    if before.is_none() {
        data.insert("number".into(), json!(take_number(tx).await?));
    }
    Ok(())
}

fn refused(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::ClosedIsFinal => AppError::Conflict(
            "this ticket is closed; a public reply opens a follow-up ticket".into(),
        ),
        Refusal::CloseNeedsSolved => AppError::invalid("status", Problem::CloseNeedsSolved),
        Refusal::NewOnlyAtFirst => AppError::invalid("status", Problem::NewOnlyAtFirst),
    }
}

/// Takes the next ticket number of this year, such as `T-2026-000123`.
async fn take_number(tx: &mut Tx) -> Result<String, AppError> {
    let year = clock::now().year();
    let n = numbers::take(tx, Entity::Ticket.table(), year).await?;
    Ok(format!("T-{year}-{n:06}"))
}

/// The SLA fields of a ticket as the API shows them: together, under `sla`.
pub fn on_read(record: &mut Record) {
    if record.entity != Entity::Ticket {
        return;
    }
    let mut take = |k: &str| record.data.remove(k).unwrap_or(Value::Null);
    let sla = json!({
        "first_response_due_at": take("first_response_due_at"),
        "resolution_due_at": take("resolution_due_at"),
        "state": take("sla_state"),
    });
    record.data.insert("sla".into(), sla);
}

/// What posting a message did: the message, and the ticket it joined (a follow-up when
/// the ticket it was written to is closed).
#[derive(Debug, Clone)]
pub struct Posted {
    pub message: Record,
    pub ticket: Record,
    pub follow_up: bool,
}

/// The messages of a ticket the caller sees, oldest first unless the query sorts
/// otherwise; internal notes included, since only staff read through here.
pub async fn messages(
    app: &App,
    ctx: &Ctx,
    ticket_id: Uuid,
    pairs: &[(String, String)],
) -> Result<Page, AppError> {
    ctx.actor.check(Entity::Ticket, Action::Read)?;
    ctx.actor.check(Entity::TicketMessage, Action::Read)?;
    load_visible(app, ctx, Entity::Ticket, ticket_id).await?;
    let query = ListQuery::parse(Entity::TicketMessage, pairs)?;
    Ok(store::list_where(
        &app.db,
        &query,
        &Visibility::All,
        Some(("ticket_id", ticket_id)),
    )
    .await?)
}

/// Adds a user's public reply or internal note to a ticket, with the ticket's `message`
/// event and what the message does to it: the first public reply is the first response
/// and opens a new ticket; a public reply to a closed ticket goes to a follow-up ticket
/// instead, linked by `follow_up_of`.
pub async fn post_message(
    app: &App,
    ctx: &Ctx,
    ticket_id: Uuid,
    body: &Value,
) -> Result<Posted, AppError> {
    ctx.actor.check(Entity::TicketMessage, Action::Create)?;
    ctx.actor.check(Entity::Ticket, Action::Update)?;
    let mut fields = validate::input(Entity::TicketMessage, body, Mode::Create, &[])?;
    let raw = fields
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let clean = crate::html::sanitize(&raw);
    let text = crate::html::text_of(&clean);
    if text.is_empty() && !clean.contains("<img") {
        return Err(AppError::invalid("body", Problem::Empty));
    }
    fields.insert("body".into(), json!(clean));
    fields.insert("body_text".into(), json!(text));
    fields
        .entry("visibility")
        .or_insert_with(|| json!("public"));
    let public = fields.get("visibility") == Some(&json!("public"));
    let user = ctx.actor.author();
    fields.insert(
        "user_id".into(),
        user.map_or(Value::Null, |u| json!(u.to_string())),
    );
    let defs = custom_defs(app, Entity::Ticket).await?;
    let ctx = ctx.clone();
    app.db
        .write(move |tx| {
            async move {
                let ticket = load_for_write(tx, &ctx, Entity::Ticket, ticket_id, None).await?;
                if ticket.is_deleted() {
                    return Err(AppError::Conflict(
                        "this ticket is deleted; restore it first".into(),
                    ));
                }
                let status = ticket.str("status").unwrap_or("new").to_string();
                let responded = !ticket.get("first_responded_at").is_null();
                let effect = rules::message_effect(&status, responded, public, Author::User);
                let (ticket, follow_up) = if effect.follow_up {
                    (follow_up_of(tx, &ctx, &ticket, &defs).await?, true)
                } else {
                    (ticket, false)
                };
                let posted = add(tx, &ctx, &ticket, fields, public).await?;
                Ok(Posted {
                    message: posted.0,
                    ticket: posted.1,
                    follow_up,
                })
            }
            .boxed()
        })
        .await
        .map(|mut posted| {
            on_read(&mut posted.ticket);
            posted
        })
}

/// Opens the follow-up of a closed ticket: the same customer, subject, queue, assignee
/// and labels, linked back to it.
async fn follow_up_of(
    tx: &mut Tx,
    ctx: &Ctx,
    closed: &Record,
    defs: &[rapport_core::validate::CustomDef],
) -> Result<Record, AppError> {
    let mut fields = Map::new();
    for key in [
        "subject",
        "priority",
        "type",
        "channel",
        "queue_id",
        "assignee_id",
        "contact_id",
        "company_id",
        "deal_id",
        "order_id",
        "tags",
        "custom",
    ] {
        let value = closed.get(key);
        if !value.is_null() {
            fields.insert(key.into(), value.clone());
        }
    }
    fields.insert("status".into(), json!("new"));
    fields.insert(
        "follow_up_of".into(),
        json!(closed.id().unwrap_or_default().to_string()),
    );
    create_in(tx, ctx, Entity::Ticket, fields, defs).await
}

/// Stores a message on `ticket` and writes the ticket's `message` event with what the
/// message changes on it.
async fn add(
    tx: &mut Tx,
    ctx: &Ctx,
    ticket: &Record,
    mut fields: Map<String, Value>,
    public: bool,
) -> Result<(Record, Record), AppError> {
    let ticket_id = ticket.id().unwrap_or_default();
    fields.insert("ticket_id".into(), json!(ticket_id.to_string()));
    let message = write_new(tx, ctx, Entity::TicketMessage, fields).await?;
    let status = ticket.str("status").unwrap_or("new");
    let responded = !ticket.get("first_responded_at").is_null();
    let effect = rules::message_effect(status, responded, public, Author::User);
    let mut data = ticket.data.clone();
    let at = message.get("created_at").clone();
    if effect.first_response {
        data.insert("first_responded_at".into(), at.clone());
    }
    if let Some(to) = effect.status {
        data.insert("status".into(), json!(to));
        let now = clock::format(clock::now());
        rules::apply_status(Some(&ticket.data), &mut data, &now, true).map_err(refused)?;
    }
    data.insert("last_message_at".into(), at);
    let ticket = write_change(tx, ctx, Entity::Ticket, ticket, data, Change::Message).await?;
    Ok((message, ticket))
}

/// Merges ticket `id` into ticket `into`: the merged ticket's messages and attachments
/// move over, it is closed with `merged_into` naming the other, and the other lists it
/// in `merged_from`; both histories say so, in one transaction.
pub async fn merge(
    app: &App,
    ctx: &Ctx,
    id: Uuid,
    body: &Value,
    if_match: Option<&str>,
) -> Result<Record, AppError> {
    ctx.actor.check(Entity::Ticket, Action::Update)?;
    let Some(object) = body.as_object() else {
        return Err(AppError::invalid("", Problem::BodyNotObject));
    };
    let mut errors = ValidationErrors::new();
    for key in object.keys().filter(|k| k.as_str() != "into") {
        errors.add(key.clone(), Problem::UnknownField);
    }
    errors.into_result(())?;
    let into = match object.get("into") {
        None | Some(Value::Null) => return Err(AppError::invalid("into", Problem::Required)),
        Some(Value::String(s)) => {
            Uuid::parse_str(s).map_err(|_| AppError::invalid("into", Problem::NotAnId))?
        }
        Some(_) => return Err(AppError::invalid("into", Problem::NotAString)),
    };
    if into == id {
        return Err(AppError::invalid("into", Problem::MergeSelf));
    }
    let mut tx = app.db.begin().await?;
    let source = load_for_write(&mut tx, ctx, Entity::Ticket, id, if_match).await?;
    let target = match load_for_write(&mut tx, ctx, Entity::Ticket, into, None).await {
        Ok(r) => r,
        Err(AppError::NotFound(_)) => {
            return Err(AppError::invalid(
                "into",
                Problem::NoSuchRecord {
                    entity: Entity::Ticket,
                },
            ));
        }
        Err(e) => return Err(e),
    };
    if source.is_deleted() || target.is_deleted() {
        return Err(AppError::Conflict(
            "deleted tickets cannot be merged; restore them first".into(),
        ));
    }
    if source.str("status") == Some("closed") {
        return Err(AppError::Conflict(
            "this ticket is closed already and cannot be merged".into(),
        ));
    }
    if target.str("status") == Some("closed") {
        return Err(AppError::Conflict(
            "a ticket cannot be merged into a closed ticket".into(),
        ));
    }
    let target_text = json!(into.to_string());
    let mut moved_last = target.get("last_message_at").clone();
    for message_id in store::ids_where(&mut tx, Entity::TicketMessage, "ticket_id", id).await? {
        let Some(row) = store::get_for_update(&mut tx, Entity::TicketMessage, message_id).await?
        else {
            continue;
        };
        let at = row.get("created_at");
        if at.as_str() > moved_last.as_str() {
            moved_last = at.clone();
        }
        let mut data = row.data.clone();
        data.insert("ticket_id".into(), target_text.clone());
        write_change(
            &mut tx,
            ctx,
            Entity::TicketMessage,
            &row,
            data,
            Change::Update,
        )
        .await?;
    }
    for attachment_id in store::ids_where(&mut tx, Entity::Attachment, "record_id", id).await? {
        let Some(row) = store::get_for_update(&mut tx, Entity::Attachment, attachment_id).await?
        else {
            continue;
        };
        if row.str("record_type") != Some(Entity::Ticket.table()) {
            continue;
        }
        let mut data = row.data.clone();
        data.insert("record_id".into(), target_text.clone());
        write_change(&mut tx, ctx, Entity::Attachment, &row, data, Change::Update).await?;
    }

    let mut kept = target.data.clone();
    let mut from: Vec<Value> = target
        .get("merged_from")
        .as_array()
        .cloned()
        .unwrap_or_default();
    from.push(json!(id.to_string()));
    kept.insert("merged_from".into(), Value::Array(from));
    kept.insert("last_message_at".into(), moved_last);
    let mut tags: Vec<Value> = target.get("tags").as_array().cloned().unwrap_or_default();
    for tag in source.get("tags").as_array().into_iter().flatten() {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    kept.insert("tags".into(), Value::Array(tags));
    let kept = write_change(&mut tx, ctx, Entity::Ticket, &target, kept, Change::Merge).await?;

    let mut closed = source.data.clone();
    closed.insert("status".into(), json!("closed"));
    closed.insert("merged_into".into(), target_text);
    let now = clock::format(clock::now());
    rules::apply_status(Some(&source.data), &mut closed, &now, true).map_err(refused)?;
    write_change(&mut tx, ctx, Entity::Ticket, &source, closed, Change::Merge).await?;
    tx.commit().await?;
    let mut kept = kept;
    on_read(&mut kept);
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sla_fields_read_as_one_object() {
        let mut record = Record {
            entity: Entity::Ticket,
            data: json!({
                "subject": "Printer",
                "first_response_due_at": "2026-05-01T10:00:00.000000Z",
                "resolution_due_at": null,
                "sla_state": "active",
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
        };
        on_read(&mut record);
        assert_eq!(
            record.get("sla"),
            &json!({"first_response_due_at": "2026-05-01T10:00:00.000000Z", "resolution_due_at": null, "state": "active"})
        );
        assert!(record.data.get("sla_state").is_none());
    }
}
