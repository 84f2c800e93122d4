//! The rules of tasks that span more than one field or record: a reminder or a recurrence
//! needs a due time, a done task keeps when it was done, completing a recurring task opens
//! its next occurrence, and a reminder is a job queued for due − reminder.
//!
//! The record services call [`prepare`] inside the write's transaction on the state the
//! change would leave, and [`after_write`] once the new state is stored.

use crate::{AppError, Ctx};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::history::Action as Change;
use rapport_core::record::Record;
use rapport_core::recurrence::{self, End, Recurrence};
use rapport_core::{Problem, ValidationErrors};
use rapport_store::notifications::{self as notes, Notification};
use rapport_store::{Tx, jobs, records as store};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

/// The job kind of a task's reminder.
pub const REMINDER_JOB: &str = "task_reminder";

/// The zone a recurring task follows when neither it nor its assignee names one.
const FALLBACK_ZONE: &str = "UTC";

fn is_set(data: &Map<String, Value>, key: &str) -> bool {
    data.get(key).is_some_and(|v| !v.is_null())
}

fn text<'a>(data: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn uuid(data: &Map<String, Value>, key: &str) -> Option<Uuid> {
    text(data, key).and_then(|s| Uuid::parse_str(s).ok())
}

/// Checks and completes a task's new state; on completing a recurring task, writes its
/// next occurrence and links the two.
pub(crate) async fn prepare(
    tx: &mut Tx,
    ctx: &Ctx,
    before: Option<&Record>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    let mut errors = ValidationErrors::new();
    if !is_set(data, "due_at") {
        for key in ["recurrence", "reminder_minutes"] {
            if is_set(data, key) {
                errors.add(key, Problem::NeedsDueAt);
            }
        }
    }
    errors.into_result(())?;
    if is_set(data, "recurrence") && !is_set(data, "time_zone") {
        let zone = assignee_zone(tx, uuid(data, "owner_id")).await?;
        data.insert("time_zone".into(), json!(zone));
    }

    let status = text(data, "status").unwrap_or("open").to_string();
    let was = before
        .and_then(|b| b.get("status").as_str())
        .unwrap_or("open");
    if before.is_none() || status != was {
        let completed = if status == "done" {
            json!(clock::format(clock::now()))
        } else {
            Value::Null
        };
        data.insert("completed_at".into(), completed);
    }
    // A task reopened and done again already has its next occurrence.
    let completing = before.is_some() && was == "open" && status == "done";
    if completing
        && !is_set(data, "next_id")
        && let Some(fields) = next_occurrence(data)
    {
        let next = crate::records::write_new(tx, ctx, Entity::Task, fields).await?;
        if let Some(id) = next.id() {
            data.insert("next_id".into(), json!(id.to_string()));
        }
    }
    Ok(())
}

/// The assignee's own time zone, or UTC.
async fn assignee_zone(tx: &mut Tx, owner: Option<Uuid>) -> Result<String, AppError> {
    let Some(owner) = owner else {
        return Ok(FALLBACK_ZONE.into());
    };
    Ok(store::get_in(tx, Entity::User, owner)
        .await?
        .and_then(|u| u.str("time_zone").map(str::to_string))
        .unwrap_or_else(|| FALLBACK_ZONE.into()))
}

/// Converts a stored time to an instant jiff computes with.
pub fn timestamp(stored: &str) -> Option<Timestamp> {
    let t = clock::parse(stored)?;
    Timestamp::from_nanosecond(t.unix_timestamp_nanos()).ok()
}

/// Converts an instant back to the stored form.
pub fn stored(at: Timestamp) -> Option<String> {
    OffsetDateTime::from_unix_timestamp_nanos(at.as_nanosecond())
        .ok()
        .map(clock::format)
}

/// The zone a task is planned in: its own, or UTC when it names none or an unknown one.
pub fn zone(data: &Map<String, Value>) -> TimeZone {
    text(data, "time_zone")
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or(TimeZone::UTC)
}

/// The fields of the occurrence after this one, if the rule has one. It repeats from this
/// occurrence's due time, so a counted rule counts one fewer.
fn next_occurrence(data: &Map<String, Value>) -> Option<Map<String, Value>> {
    let rule = Recurrence::from_json(data.get("recurrence")?).ok()?;
    let due = timestamp(text(data, "due_at")?)?;
    let rest = match rule.end() {
        End::Count(n) if n <= 1 => return None,
        End::Count(n) => {
            Recurrence::new(rule.frequency(), rule.interval(), End::Count(n - 1)).ok()?
        }
        _ => rule.clone(),
    };
    let next = recurrence::next_after(&rule, due, due, &zone(data))?;
    let mut fields = Map::new();
    for key in [
        "title",
        "notes",
        "all_day",
        "time_zone",
        "reminder_minutes",
        "priority",
        "owner_id",
        "contact_id",
        "company_id",
        "deal_id",
        "tags",
    ] {
        fields.insert(key.into(), data.get(key).cloned().unwrap_or(Value::Null));
    }
    fields.insert("recurrence".into(), rest.to_json());
    fields.insert("due_at".into(), json!(stored(next)?));
    fields.insert("status".into(), json!("open"));
    fields.insert("previous_id".into(), data.get("id").cloned()?);
    Some(fields)
}

/// Queues, moves or cancels a task's reminder after its new state is stored.
pub(crate) async fn after_write(
    tx: &mut Tx,
    before: Option<&Record>,
    data: &Map<String, Value>,
    action: Change,
) -> Result<(), AppError> {
    let Some(id) = uuid(data, "id") else {
        return Ok(());
    };
    let watched = ["due_at", "reminder_minutes", "status", "deleted_at"];
    let changed = before.is_none_or(|b| {
        watched
            .iter()
            .any(|k| b.get(k) != data.get(*k).unwrap_or(&Value::Null))
    });
    if !changed {
        return Ok(());
    }
    match reminder_at(data) {
        Some(run_at) if action != Change::Delete => {
            let payload = json!({
                "task_id": id.to_string(),
                "due_at": data.get("due_at"),
                "reminder_minutes": data.get("reminder_minutes"),
            });
            jobs::replace(tx, REMINDER_JOB, id, &payload, &run_at).await?;
        }
        _ => {
            jobs::cancel(tx, REMINDER_JOB, id).await?;
        }
    }
    Ok(())
}

/// When an open task's reminder sounds, if it has one still to come.
fn reminder_at(data: &Map<String, Value>) -> Option<String> {
    if text(data, "status") != Some("open") || is_set(data, "deleted_at") {
        return None;
    }
    let due = clock::parse(text(data, "due_at")?)?;
    let minutes = data.get("reminder_minutes")?.as_i64()?;
    if due <= clock::now() {
        return None;
    }
    Some(clock::format(due - time::Duration::minutes(minutes)))
}

/// Runs a reminder job: tells the assignee, unless the task was done, cancelled, moved
/// or deleted since the job was queued.
pub(crate) async fn remind(tx: &mut Tx, payload: &Value) -> Result<(), AppError> {
    let Some(id) = payload
        .get("task_id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
    else {
        return Ok(());
    };
    let Some(task) = store::get_in(tx, Entity::Task, id).await? else {
        return Ok(());
    };
    let same = |k: &str| payload.get(k).unwrap_or(&Value::Null) == task.get(k);
    if task.is_deleted()
        || task.str("status") != Some("open")
        || !same("due_at")
        || !same("reminder_minutes")
    {
        return Ok(());
    }
    let Some(assignee) = task.uuid("owner_id") else {
        return Ok(());
    };
    let note = Notification {
        id: Uuid::now_v7(),
        user_id: assignee,
        kind: "reminder".into(),
        actor_id: None,
        actor_name: String::new(),
        record_type: Entity::Task.table().into(),
        record_id: id,
        record_name: task.str("title").unwrap_or_default().to_string(),
        detail: task.str("due_at").map(str::to_string),
        created_at: clock::format(clock::now()),
        read_at: None,
    };
    notes::insert(tx, &[note]).await?;
    Ok(())
}
