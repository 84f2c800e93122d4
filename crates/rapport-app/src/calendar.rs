//! The caller's calendar: their tasks by due time and their meetings (interactions of kind
//! `meeting`), for the calendar page, the iCalendar export and the subscription feed.
//!
//! The feed is fetched by calendar apps that carry no cookie, so it is reached through a
//! secret in its address. That secret is shown once and stored as its SHA-256, like an
//! API token; making a new one ends the old.

use crate::records;
use crate::{App, AppError, Ctx};
use jiff::{SignedDuration, Timestamp};
use rapport_calendar::{Attendee, CalendarItem, ItemKind, MeetingStatus, Person, Role, TaskStatus};
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Origin;
use rapport_core::policy::{Action, Scopes, Visibility};
use rapport_core::query::ListQuery;
use rapport_core::record::Record;
use rapport_core::recurrence::Recurrence;
use rapport_store::feeds;
use rapport_store::records as store;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// What every feed token starts with, so a leaked one is recognisable.
const FEED_PREFIX: &str = "rcf_";
/// The most tasks and the most meetings one calendar holds.
const MAX_ITEMS: usize = 5_000;
/// A meeting that does not say how long it lasts is shown as half an hour.
const DEFAULT_MEETING: SignedDuration = SignedDuration::from_mins(30);
/// The longest a meeting may last (a week), so a range reaches back far enough.
const LONGEST_MEETING: SignedDuration = SignedDuration::from_hours(24 * 7);

/// One thing on the calendar page.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub entity: Entity,
    pub id: Uuid,
    pub title: String,
    pub start: Timestamp,
    /// A meeting's end; a task has none.
    pub end: Option<Timestamp>,
    pub all_day: bool,
    /// A task's status; a meeting has none.
    pub status: Option<String>,
}

fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes the caller a new feed token and returns it, once; the old one stops working.
pub async fn rotate_feed(app: &App, ctx: &Ctx) -> Result<String, AppError> {
    let me = ctx.actor.author().ok_or(AppError::Unauthenticated)?;
    let secret = format!("{FEED_PREFIX}{}", crate::sessions::random_token()?);
    let mut tx = app.db.begin().await?;
    feeds::replace(&mut tx, me, &hash(&secret), &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(secret)
}

/// When the caller's feed token was made, if they have one.
pub async fn feed_created_at(app: &App, ctx: &Ctx) -> Result<Option<String>, AppError> {
    let me = ctx.actor.author().ok_or(AppError::Unauthenticated)?;
    Ok(feeds::created_at(&app.db, me).await?)
}

/// The calendar of the user whose feed token this is.
pub async fn feed(app: &App, secret: &str) -> Result<String, AppError> {
    if !secret.starts_with(FEED_PREFIX) || secret.len() > 200 {
        return Err(AppError::NotFound("calendar"));
    }
    let user = feeds::holder(&app.db, &hash(secret))
        .await?
        .ok_or(AppError::NotFound("calendar"))?;
    // A user who may no longer sign in no longer has a feed.
    let actor = crate::auth::actor_for_user(app, user, Scopes::default())
        .await
        .map_err(|_| AppError::NotFound("calendar"))?;
    ics(app, &Ctx::new(actor, Origin::Api)).await
}

/// The caller's tasks and meetings as one VCALENDAR.
pub async fn ics(app: &App, ctx: &Ctx) -> Result<String, AppError> {
    let mut items = Vec::new();
    for task in mine(app, ctx, Entity::Task, &[]).await? {
        items.extend(task_item(&task));
    }
    let meetings = [("filter[kind]".to_string(), "meeting".to_string())];
    for meeting in meetings_of_mine(app, ctx, &meetings).await? {
        items.extend(meeting_item(&meeting));
    }
    Ok(rapport_calendar::calendar("Rapport", &items))
}

/// The caller's tasks due and meetings under way from `from` until before `to`, in time
/// order.
pub async fn entries(
    app: &App,
    ctx: &Ctx,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Entry>, AppError> {
    let (Some(start), Some(end)) = (crate::tasks::stored(from), crate::tasks::stored(to)) else {
        return Ok(Vec::new());
    };
    let earliest = from
        .checked_sub(LONGEST_MEETING)
        .ok()
        .and_then(crate::tasks::stored)
        .unwrap_or_else(|| start.clone());
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    let mut out = Vec::new();
    let tasks = [
        pair("filter[due_at][gte]", &start),
        pair("filter[due_at][lt]", &end),
    ];
    for task in mine(app, ctx, Entity::Task, &tasks).await? {
        let Some(due) = task.str("due_at").and_then(crate::tasks::timestamp) else {
            continue;
        };
        out.push(Entry {
            entity: Entity::Task,
            id: task.id().unwrap_or_default(),
            title: task.str("title").unwrap_or_default().to_string(),
            start: due,
            end: None,
            all_day: task.get("all_day").as_bool().unwrap_or(false),
            status: task.str("status").map(str::to_string),
        });
    }
    let meetings = [
        pair("filter[kind]", "meeting"),
        pair("filter[occurred_at][gte]", &earliest),
        pair("filter[occurred_at][lt]", &end),
    ];
    for meeting in meetings_of_mine(app, ctx, &meetings).await? {
        let Some((start, end)) = meeting_span(&meeting) else {
            continue;
        };
        if end <= from && start < from {
            continue;
        }
        out.push(Entry {
            entity: Entity::Interaction,
            id: meeting.id().unwrap_or_default(),
            title: meeting.str("subject").unwrap_or_default().to_string(),
            start,
            end: Some(end),
            all_day: false,
            status: None,
        });
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// The records of `entity` the caller owns that match `filters`, page after page.
async fn mine(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    filters: &[(String, String)],
) -> Result<Vec<Record>, AppError> {
    let me = ctx.actor.author().ok_or(AppError::Unauthenticated)?;
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut pairs = filters.to_vec();
        pairs.push(("filter[owner_id]".into(), me.to_string()));
        pairs.push(("limit".into(), "500".into()));
        if let Some(c) = &cursor {
            pairs.push(("cursor".into(), c.clone()));
        }
        let page = records::list(app, ctx, entity, &pairs).await?;
        out.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() || out.len() >= MAX_ITEMS {
            return Ok(out);
        }
    }
}

/// The meetings matching `filters` that the caller owns or takes part in, page after
/// page. Taking part is reason enough to see one (`policy::takes_part`), so the list is
/// scoped to the caller by that condition rather than by their role's visibility.
async fn meetings_of_mine(
    app: &App,
    ctx: &Ctx,
    filters: &[(String, String)],
) -> Result<Vec<Record>, AppError> {
    ctx.actor.check(Entity::Interaction, Action::Read)?;
    let me = ctx.actor.author().ok_or(AppError::Unauthenticated)?;
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut pairs = filters.to_vec();
        pairs.push(("limit".into(), "500".into()));
        if let Some(c) = &cursor {
            pairs.push(("cursor".into(), c.clone()));
        }
        let query = ListQuery::parse(Entity::Interaction, &pairs)?;
        let page = store::list_involving(&app.db, &query, &Visibility::All, me).await?;
        out.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() || out.len() >= MAX_ITEMS {
            return Ok(out);
        }
    }
}

fn updated(record: &Record) -> Timestamp {
    record
        .str("updated_at")
        .and_then(crate::tasks::timestamp)
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

fn sequence(record: &Record) -> u32 {
    u32::try_from(record.version().saturating_sub(1)).unwrap_or(u32::MAX)
}

fn reminder(record: &Record) -> Option<u32> {
    record
        .get("reminder_minutes")
        .as_i64()
        .and_then(|m| u32::try_from(m).ok())
}

/// A task with a due time as a VTODO. Only the open occurrence of a recurring task
/// carries its rule: the occurrences already done are tasks of their own.
fn task_item(task: &Record) -> Option<CalendarItem> {
    let due = task.str("due_at").and_then(crate::tasks::timestamp)?;
    let status = match task.str("status") {
        Some("done") => TaskStatus::Completed,
        Some("cancelled") => TaskStatus::Cancelled,
        _ => TaskStatus::NeedsAction,
    };
    let recurrence = match status {
        TaskStatus::NeedsAction => task
            .get("recurrence")
            .is_object()
            .then(|| Recurrence::from_json(task.get("recurrence")).ok())
            .flatten(),
        _ => None,
    };
    Some(CalendarItem {
        uid: task.id()?,
        kind: ItemKind::Task {
            start: None,
            due,
            status,
        },
        summary: task.str("title").unwrap_or_default().to_string(),
        description: task.str("notes").map(str::to_string),
        all_day: task.get("all_day").as_bool().unwrap_or(false),
        time_zone: crate::tasks::zone(&task.data),
        location: None,
        organizer: None,
        attendees: Vec::new(),
        recurrence,
        reminder_minutes: reminder(task),
        url: None,
        updated_at: updated(task),
        sequence: sequence(task),
    })
}

fn meeting_span(meeting: &Record) -> Option<(Timestamp, Timestamp)> {
    let start = meeting
        .str("occurred_at")
        .and_then(crate::tasks::timestamp)?;
    let length = meeting
        .get("duration_seconds")
        .as_i64()
        .filter(|s| *s > 0)
        .map_or(DEFAULT_MEETING, SignedDuration::from_secs);
    Some((start, start.checked_add(length).ok()?))
}

/// A meeting as a VEVENT, with its participants who have an email address as attendees.
fn meeting_item(meeting: &Record) -> Option<CalendarItem> {
    let (start, end) = meeting_span(meeting)?;
    let attendees = meeting
        .get("participants")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let email = p.get("email").and_then(Value::as_str)?.to_string();
            let name = p.get("name").and_then(Value::as_str).map(str::to_string);
            let role = match p.get("role").and_then(Value::as_str) {
                Some("chair" | "organizer" | "host") => Role::Chair,
                Some("optional") => Role::Optional,
                _ => Role::Required,
            };
            Some(Attendee {
                person: Person { name, email },
                role,
            })
        })
        .collect();
    // The organiser is the owner, when they take part with an email address.
    let owner = meeting.str("owner_id");
    let organizer = meeting
        .get("participants")
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| owner.is_some() && p.get("user_id").and_then(Value::as_str) == owner)
        .and_then(|p| {
            Some(Person {
                email: p.get("email").and_then(Value::as_str)?.to_string(),
                name: p.get("name").and_then(Value::as_str).map(str::to_string),
            })
        });
    Some(CalendarItem {
        uid: meeting.id()?,
        kind: ItemKind::Meeting {
            start,
            end,
            status: MeetingStatus::Confirmed,
        },
        summary: meeting.str("subject").unwrap_or_default().to_string(),
        description: meeting.str("body").map(str::to_string),
        all_day: false,
        time_zone: jiff::tz::TimeZone::UTC,
        location: meeting.str("location").map(str::to_string),
        organizer,
        attendees,
        recurrence: None,
        reminder_minutes: None,
        url: None,
        updated_at: updated(meeting),
        sequence: sequence(meeting),
    })
}
