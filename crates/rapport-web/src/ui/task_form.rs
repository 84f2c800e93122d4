//! A task's page and its full form: due date and time on the user's clock, all day,
//! reminder, assignee, priority, status, the linked contact, company and deal, and the
//! repeat rule (see `repeat_form.rs`). A refused form comes back with its values and
//! each problem under its field; a form saved over someone else's change shows both.

use super::forms::{Choice, Compared, user_choices};
use super::pages::{Fact, Shell, error_page, message_page, render};
use super::picker::{self, Picker, record_name};
use super::repeat_form::{RepeatForm, all_weekdays};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use jiff::civil::{Date, Time};
use rapport_app::{AppError, records};
use rapport_core::entity::{Entity, TASK_PRIORITIES, TASK_STATUSES};
use rapport_core::record::{Record, etag_for};
use rapport_core::recurrence::{End, Frequency, Recurrence, Until};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// The linked records a task form picks: the field holding the id, the picker's text
/// box, its element id, its label and the entity it picks from.
const LINKS: [(&str, &str, &str, &str, Entity); 3] = [
    (
        "contact_id",
        "contact",
        "t-contact",
        "task-field-contact",
        Entity::Contact,
    ),
    (
        "company_id",
        "company",
        "t-company",
        "task-field-company",
        Entity::Company,
    ),
    ("deal_id", "deal", "t-deal", "task-field-deal", Entity::Deal),
];

/// What the task form holds, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskValues {
    pub title: String,
    pub notes: String,
    pub due_date: String,
    pub due_time: String,
    pub all_day: bool,
    pub reminder: String,
    pub owner_id: String,
    pub priority: String,
    pub status: String,
    pub contact_id: String,
    pub company_id: String,
    pub deal_id: String,
    /// What each link's picker shows: the linked record's name, or what was typed.
    pub contact: String,
    pub company: String,
    pub deal: String,
}

impl TaskValues {
    fn from_pairs(pairs: &[(String, String)]) -> TaskValues {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        TaskValues {
            title: get("title"),
            notes: get("notes"),
            due_date: get("due_date"),
            due_time: get("due_time"),
            all_day: get("all_day") == "true",
            reminder: get("reminder_minutes"),
            owner_id: get("owner_id"),
            priority: get("priority"),
            status: get("status"),
            contact_id: get("contact_id"),
            company_id: get("company_id"),
            deal_id: get("deal_id"),
            contact: get("contact"),
            company: get("company"),
            deal: get("deal"),
        }
    }

    /// The id field and the shown text of one link.
    fn link(&self, id_field: &str) -> (&String, &String) {
        match id_field {
            "contact_id" => (&self.contact_id, &self.contact),
            "company_id" => (&self.company_id, &self.company),
            _ => (&self.deal_id, &self.deal),
        }
    }

    fn link_mut(&mut self, id_field: &str) -> (&mut String, &mut String) {
        match id_field {
            "contact_id" => (&mut self.contact_id, &mut self.contact),
            "company_id" => (&mut self.company_id, &mut self.company),
            _ => (&mut self.deal_id, &mut self.deal),
        }
    }

    fn from_record(task: &Record, ui: &UiCtx) -> TaskValues {
        let text = |k: &str| task.str(k).unwrap_or_default().to_string();
        let all_day = task.get("all_day").as_bool().unwrap_or(false);
        let local = task
            .str("due_at")
            .and_then(rapport_app::tasks::timestamp)
            .map(|at| ui.tz.to_datetime(at));
        TaskValues {
            title: text("title"),
            notes: text("notes"),
            due_date: local.map(|l| l.date().to_string()).unwrap_or_default(),
            due_time: local
                .filter(|_| !all_day)
                .map(|l| l.strftime("%H:%M").to_string())
                .unwrap_or_default(),
            all_day,
            reminder: task
                .get("reminder_minutes")
                .as_i64()
                .map(|m| m.to_string())
                .unwrap_or_default(),
            owner_id: text("owner_id"),
            priority: text("priority"),
            status: text("status"),
            contact_id: text("contact_id"),
            company_id: text("company_id"),
            deal_id: text("deal_id"),
            ..TaskValues::default()
        }
    }
}

/// Fills in the names the pickers show for the task's linked records.
async fn with_names(state: &AppState, ui: &UiCtx, mut v: TaskValues) -> TaskValues {
    for (id_field, _, _, _, entity) in LINKS {
        let (id, text) = v.link_mut(id_field);
        *text = picker::shown(state, ui, entity, id).await;
    }
    v
}

/// Turns what each picker holds into the linked record's id; what names no record, or
/// several, is a problem under the picker's text box.
async fn resolve_links(
    state: &AppState,
    ui: &UiCtx,
    v: &mut TaskValues,
) -> HashMap<String, String> {
    let mut errors = HashMap::new();
    for (id_field, name, _, _, entity) in LINKS {
        let (id, text) = v.link_mut(id_field);
        match picker::resolve(state, ui, entity, text, id).await {
            Ok(found) => *id = found.map(|u| u.to_string()).unwrap_or_default(),
            Err(why) => {
                id.clear();
                errors.insert(name.to_string(), why.message(ui.tr));
            }
        }
    }
    errors
}

/// Reads a posted form as its pairs, keeping keys sent several times.
fn pairs(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A local date and time on the user's clock, as a stored instant.
fn due_at(ui: &UiCtx, date: Date, time: Time) -> Option<String> {
    let at = ui
        .tz
        .to_ambiguous_timestamp(date.to_datetime(time))
        .compatible()
        .ok()?;
    rapport_app::tasks::stored(at)
}

/// The form as the JSON the task services take; problems found on the way are keyed by
/// the form field they belong to.
fn to_body(
    ui: &UiCtx,
    v: &TaskValues,
    repeat: &RepeatForm,
) -> Result<Value, HashMap<String, String>> {
    let tr = ui.tr;
    let mut errors = HashMap::new();
    let mut body = Map::new();
    let or_null = |s: &str| {
        if s.is_empty() { Value::Null } else { json!(s) }
    };
    body.insert("title".into(), json!(v.title));
    body.insert("notes".into(), or_null(&v.notes));
    body.insert("all_day".into(), json!(v.all_day));
    let date = match v.due_date.as_str() {
        "" => None,
        raw => match raw.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.insert("due_date".into(), tr.t("task-error-due-date"));
                None
            }
        },
    };
    let time = match v.due_time.as_str() {
        _ if v.all_day => Some(Time::midnight()),
        "" => Some(Time::midnight()),
        raw => match raw.parse::<Time>() {
            Ok(t) => Some(t),
            Err(_) => {
                errors.insert("due_time".into(), tr.t("task-error-due-time"));
                None
            }
        },
    };
    if v.due_date.is_empty() && !v.due_time.is_empty() && !v.all_day {
        errors.insert("due_date".into(), tr.t("task-error-due-missing"));
    }
    match (date, time) {
        (Some(d), Some(t)) => {
            body.insert(
                "due_at".into(),
                or_null(&due_at(ui, d, t).unwrap_or_default()),
            );
            if let Some(zone) = ui.tz.iana_name() {
                body.insert("time_zone".into(), json!(zone));
            }
        }
        _ => {
            body.insert("due_at".into(), Value::Null);
        }
    }
    match v.reminder.as_str() {
        "" => {
            body.insert("reminder_minutes".into(), Value::Null);
        }
        raw => match raw.parse::<i64>() {
            Ok(m) => {
                body.insert("reminder_minutes".into(), json!(m));
            }
            Err(_) => {
                errors.insert("reminder_minutes".into(), tr.t("task-error-reminder"));
            }
        },
    }
    for (key, value) in [
        ("owner_id", &v.owner_id),
        ("contact_id", &v.contact_id),
        ("company_id", &v.company_id),
        ("deal_id", &v.deal_id),
    ] {
        body.insert(key.into(), or_null(value));
    }
    if !v.priority.is_empty() {
        body.insert("priority".into(), json!(v.priority));
    }
    if !v.status.is_empty() {
        body.insert("status".into(), json!(v.status));
    }
    match repeat.to_json() {
        Ok(rule) => {
            body.insert("recurrence".into(), rule.unwrap_or(Value::Null));
        }
        Err(e) => {
            errors.insert(e.field.into(), tr.t(e.key));
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(body))
    } else {
        Err(errors)
    }
}

/// The services' problems, each under the form field it is about.
fn service_errors(ui: &UiCtx, e: &rapport_core::ValidationErrors) -> HashMap<String, String> {
    e.0.iter()
        .map(|f| {
            let name = match f.field.as_str() {
                "due_at" | "time_zone" => "due_date",
                "recurrence" => "repeat",
                "contact_id" => "contact",
                "company_id" => "company",
                "deal_id" => "deal",
                other => other,
            };
            (
                name.to_string(),
                super::problems::message(ui.tr, &f.problem),
            )
        })
        .collect()
}

/// One weekday's box in the repeat fields.
pub struct WeekdayBox {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "task_form.html")]
struct TaskFormPage {
    shell: Shell,
    action: String,
    cancel: String,
    version: Option<i64>,
    v: TaskValues,
    repeat: RepeatForm,
    owners: Vec<Choice>,
    priorities: Vec<Choice>,
    statuses: Vec<Choice>,
    pickers: Vec<Picker>,
    frequencies: Vec<Choice>,
    weekdays: Vec<WeekdayBox>,
    monthly_by: Vec<Choice>,
    nths: Vec<Choice>,
    month_weekdays: Vec<Choice>,
    ends: Vec<Choice>,
    errors: HashMap<String, String>,
    conflict: Vec<Compared>,
}

impl TaskFormPage {
    fn err(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

fn choices(pairs: Vec<(String, String)>, chosen: &str) -> Vec<Choice> {
    pairs
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

fn keyed(ui: &UiCtx, items: &[&str], prefix: &str, chosen: &str) -> Vec<Choice> {
    choices(
        items
            .iter()
            .map(|i| (i.to_string(), ui.tr.t(&format!("{prefix}{i}"))))
            .collect(),
        chosen,
    )
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ui: &UiCtx,
    title: String,
    action: String,
    cancel: String,
    version: Option<i64>,
    v: TaskValues,
    repeat: RepeatForm,
    errors: HashMap<String, String>,
    conflict: Vec<Compared>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let mut owners = user_choices(state, ui).await;
    for o in &mut owners {
        o.selected = o.value == v.owner_id;
    }
    let priority = if v.priority.is_empty() {
        "normal"
    } else {
        &v.priority
    };
    let task_status = if v.status.is_empty() {
        "open"
    } else {
        &v.status
    };
    let nths = [
        ("1", "repeat-nth-1"),
        ("2", "repeat-nth-2"),
        ("3", "repeat-nth-3"),
        ("4", "repeat-nth-4"),
        ("-1", "repeat-nth-last"),
    ];
    let page = TaskFormPage {
        shell: Shell::new(ui, title, "/tasks"),
        action,
        cancel,
        version,
        owners,
        priorities: keyed(ui, TASK_PRIORITIES, "priority-", priority),
        statuses: keyed(ui, TASK_STATUSES, "task-status-", task_status),
        pickers: LINKS
            .iter()
            .map(|(id_field, name, element, label, entity)| {
                let (id, text) = v.link(id_field);
                Picker::new(tr, *entity, element, name, label).with(text, id, errors.get(*name))
            })
            .collect(),
        frequencies: choices(
            [
                ("", "repeat-none"),
                ("daily", "repeat-daily"),
                ("weekly", "repeat-weekly"),
                ("monthly", "repeat-monthly"),
                ("yearly", "repeat-yearly"),
            ]
            .iter()
            .map(|(value, key)| (value.to_string(), tr.t(key)))
            .collect(),
            &repeat.frequency,
        ),
        weekdays: all_weekdays()
            .map(|(n, name)| WeekdayBox {
                value: name,
                label: tr.t(&format!("weekday-{n}")),
                checked: repeat.weekdays.iter().any(|d| d == name),
            })
            .collect(),
        monthly_by: keyed(
            ui,
            &["start", "day", "last", "weekday"],
            "repeat-monthly-",
            &repeat.monthly_by,
        ),
        nths: choices(
            nths.iter()
                .map(|(value, key)| (value.to_string(), tr.t(key)))
                .collect(),
            &repeat.month_nth,
        ),
        month_weekdays: choices(
            all_weekdays()
                .map(|(n, name)| (name.to_string(), tr.t(&format!("weekday-{n}"))))
                .collect(),
            &repeat.month_weekday,
        ),
        ends: keyed(ui, &["never", "count", "until"], "repeat-end-", &repeat.end),
        v,
        repeat,
        errors,
        conflict,
    };
    render(&page, status)
}

fn not_found(tr: super::i18n::Tr) -> Response {
    message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"))
}

/// `GET /tasks/new`: the full form for a new task, due on no day yet.
pub async fn new_form(state: AppState, ui: UiCtx) -> Response {
    let v = TaskValues {
        owner_id: ui.ctx.actor.user_id.to_string(),
        ..TaskValues::default()
    };
    let title = ui.tr.t("task-new");
    form_page(
        &state,
        &ui,
        title,
        "/tasks/new".into(),
        "/tasks".into(),
        None,
        v,
        RepeatForm::default(),
        HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /tasks/new`: creates the task and opens its page.
pub async fn create(state: AppState, ui: UiCtx, body: Bytes) -> Response {
    let pairs = pairs(&body);
    if !same_secret(&ui.session.csrf_token, field(&pairs, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let mut v = TaskValues::from_pairs(&pairs);
    let link_errors = resolve_links(&state, &ui, &mut v).await;
    let repeat = RepeatForm::from_pairs(&pairs);
    let again = |errors| {
        let title = ui.tr.t("task-new");
        form_page(
            &state,
            &ui,
            title,
            "/tasks/new".into(),
            "/tasks".into(),
            None,
            v.clone(),
            repeat.clone(),
            errors,
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let json = match (to_body(&ui, &v, &repeat), link_errors.is_empty()) {
        (Ok(j), true) => j,
        (Ok(_), false) => return again(link_errors).await,
        (Err(mut errors), _) => {
            errors.extend(link_errors);
            return again(errors).await;
        }
    };
    match records::create(&state.app, &ui.ctx, Entity::Task, &json).await {
        Ok(task) => {
            Redirect::to(&format!("/tasks/{}", task.id().unwrap_or_default())).into_response()
        }
        Err(AppError::Invalid(e)) => again(service_errors(&ui, &e)).await,
        Err(e) => error_page(ui.tr, e),
    }
}

/// `GET /tasks/{id}/edit`: the task's form with its saved values.
pub async fn edit_form(state: AppState, ui: UiCtx, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(ui.tr);
    };
    let task = match records::get(&state.app, &ui.ctx, Entity::Task, id, None).await {
        Ok(t) => t,
        Err(e) => return error_page(ui.tr, e),
    };
    let title = format!(
        "{} · {}",
        ui.tr.t("task-edit"),
        task.str("title").unwrap_or_default()
    );
    form_page(
        &state,
        &ui,
        title,
        format!("/tasks/{id}/edit"),
        format!("/tasks/{id}"),
        Some(task.version()),
        with_names(&state, &ui, TaskValues::from_record(&task, &ui)).await,
        RepeatForm::from_rule(task.get("recurrence"), &ui.tz),
        HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /tasks/{id}/edit`: saves the form if the task is still at the version it was
/// read at; otherwise shows what differs and keeps the form as typed.
pub async fn update(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let pairs = pairs(&body);
    if !same_secret(&ui.session.csrf_token, field(&pairs, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let version: Option<i64> = field(&pairs, "_version").parse().ok();
    let mut v = TaskValues::from_pairs(&pairs);
    let link_errors = resolve_links(&state, &ui, &mut v).await;
    let repeat = RepeatForm::from_pairs(&pairs);
    let again = |errors, version, conflict, status| {
        form_page(
            &state,
            &ui,
            tr.t("task-edit"),
            format!("/tasks/{id}/edit"),
            format!("/tasks/{id}"),
            version,
            v.clone(),
            repeat.clone(),
            errors,
            conflict,
            status,
        )
    };
    let json = match to_body(&ui, &v, &repeat) {
        Ok(j) if link_errors.is_empty() => j,
        result => {
            let mut errors = result.err().unwrap_or_default();
            errors.extend(link_errors);
            return again(
                errors,
                version,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let if_match = version.map(etag_for);
    match records::update(
        &state.app,
        &ui.ctx,
        Entity::Task,
        id,
        &json,
        if_match.as_deref(),
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/tasks/{id}")).into_response(),
        Err(AppError::Invalid(e)) => {
            let errors = service_errors(&ui, &e);
            again(
                errors,
                version,
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Stale { .. }) => {
            let current = match records::get(&state.app, &ui.ctx, Entity::Task, id, None).await {
                Ok(r) => r,
                Err(e) => return error_page(tr, e),
            };
            let saved = with_names(&state, &ui, TaskValues::from_record(&current, &ui)).await;
            let saved_repeat = RepeatForm::from_rule(current.get("recurrence"), &ui.tz);
            let conflict = compare(&ui, &v, &repeat, &saved, &saved_repeat);
            // The saved version is carried, so saving again is a deliberate choice.
            again(
                HashMap::new(),
                Some(current.version()),
                conflict,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => error_page(tr, e),
    }
}

/// The fields where the form and the saved task differ.
fn compare(
    ui: &UiCtx,
    yours: &TaskValues,
    your_repeat: &RepeatForm,
    saved: &TaskValues,
    saved_repeat: &RepeatForm,
) -> Vec<Compared> {
    let tr = ui.tr;
    let flag = |b: bool| tr.t(if b { "task-yes" } else { "task-no" });
    let rule_text = |r: &RepeatForm| {
        r.to_json()
            .ok()
            .flatten()
            .and_then(|j| Recurrence::from_json(&j).ok())
            .map_or_else(|| tr.t("repeat-none"), |rule| repeat_text(ui, &rule))
    };
    let rows = [
        (
            "tasks-field-title",
            yours.title.clone(),
            saved.title.clone(),
        ),
        ("task-field-notes", yours.notes.clone(), saved.notes.clone()),
        (
            "task-field-due-date",
            yours.due_date.clone(),
            saved.due_date.clone(),
        ),
        (
            "task-field-due-time",
            yours.due_time.clone(),
            saved.due_time.clone(),
        ),
        (
            "task-field-all-day",
            flag(yours.all_day),
            flag(saved.all_day),
        ),
        (
            "task-field-reminder",
            yours.reminder.clone(),
            saved.reminder.clone(),
        ),
        (
            "task-field-assignee",
            yours.owner_id.clone(),
            saved.owner_id.clone(),
        ),
        (
            "tasks-field-priority",
            yours.priority.clone(),
            saved.priority.clone(),
        ),
        (
            "task-field-status",
            yours.status.clone(),
            saved.status.clone(),
        ),
        (
            "repeat-legend",
            rule_text(your_repeat),
            rule_text(saved_repeat),
        ),
    ];
    let mut out: Vec<Compared> = rows
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(label, yours, theirs)| Compared {
            label: tr.t(label),
            yours,
            theirs,
        })
        .collect();
    // Links differ by the record they name; the names are what the table shows.
    for (id_field, _, _, label, _) in LINKS {
        let ((your_id, your_text), (saved_id, saved_text)) =
            (yours.link(id_field), saved.link(id_field));
        if your_id != saved_id {
            out.push(Compared {
                label: tr.t(label),
                yours: your_text.clone(),
                theirs: saved_text.clone(),
            });
        }
    }
    if out.is_empty() {
        out.push(Compared {
            label: "—".into(),
            yours: String::new(),
            theirs: String::new(),
        });
    }
    out
}

/// A rule in words: "Weekly, every 2 · Monday, Thursday · 10 times".
pub fn repeat_text(ui: &UiCtx, rule: &Recurrence) -> String {
    let tr = ui.tr;
    let (key, days) = match rule.frequency() {
        Frequency::Daily => ("repeat-daily", Vec::new()),
        Frequency::Weekly(days) => (
            "repeat-weekly",
            days.iter()
                .map(|d| tr.t(&format!("weekday-{}", d.to_monday_one_offset())))
                .collect(),
        ),
        Frequency::Monthly(_) => ("repeat-monthly", Vec::new()),
        Frequency::Yearly => ("repeat-yearly", Vec::new()),
    };
    let mut parts = vec![tr.t(key)];
    if rule.interval() > 1 {
        parts.push(tr.t1("repeat-every-n", "every", &rule.interval().to_string()));
    }
    if !days.is_empty() {
        parts.push(days.join(", "));
    }
    match rule.end() {
        End::Never => {}
        End::Count(n) => parts.push(tr.count("repeat-times", "count", n as usize)),
        End::Until(until) => {
            let date = match until {
                Until::Date(d) => d,
                Until::Instant(_) => until.last_date(&ui.tz),
            };
            parts.push(tr.t1("repeat-until-date", "date", &date.to_string()));
        }
    }
    parts.join(" · ")
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    notes: String,
    open: bool,
}

/// `GET /tasks/{id}`: the task, its links and its neighbouring occurrences.
pub async fn page(state: AppState, ui: UiCtx, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let task = match records::get(&state.app, &ui.ctx, Entity::Task, id, None).await {
        Ok(t) => t,
        Err(e) => return error_page(tr, e),
    };
    let text = |k: &str| task.str(k).unwrap_or_default().to_string();
    let plain = |key: &str, value: String| Fact {
        label: tr.t(key),
        value,
        href: None,
    };
    let all_day = task.get("all_day").as_bool().unwrap_or(false);
    let due = match task.str("due_at") {
        None => "—".to_string(),
        Some(at) if all_day => rapport_app::tasks::timestamp(at)
            .map(|t| ui.tz.to_datetime(t).date().to_string())
            .unwrap_or_default(),
        Some(at) => ui.when(at),
    };
    let mut facts = vec![
        plain(
            "task-field-status",
            tr.t(&format!("task-status-{}", text("status"))),
        ),
        plain(
            "tasks-field-priority",
            tr.t(&format!("priority-{}", text("priority"))),
        ),
        plain("tasks-field-due", due),
        plain(
            "task-field-all-day",
            tr.t(if all_day { "task-yes" } else { "task-no" }),
        ),
        plain(
            "task-field-reminder",
            task.get("reminder_minutes").as_i64().map_or_else(
                || "—".into(),
                |m| tr.count("task-reminder-text", "minutes", m.max(0) as usize),
            ),
        ),
        plain(
            "repeat-legend",
            Recurrence::from_json(task.get("recurrence"))
                .map_or_else(|_| tr.t("repeat-none"), |rule| repeat_text(&ui, &rule)),
        ),
    ];
    let people: HashMap<String, String> = user_choices(&state, &ui)
        .await
        .into_iter()
        .map(|c| (c.value, c.label))
        .collect();
    facts.push(plain(
        "task-field-assignee",
        task.str("owner_id")
            .and_then(|o| people.get(o).cloned())
            .unwrap_or_else(|| "—".into()),
    ));
    for (key, label, entity) in [
        ("contact_id", "task-field-contact", Entity::Contact),
        ("company_id", "task-field-company", Entity::Company),
        ("deal_id", "task-field-deal", Entity::Deal),
    ] {
        let Some(link) = task.uuid(key) else {
            continue;
        };
        // A link to a record the caller may not see is not shown.
        if let Ok(r) = records::get(&state.app, &ui.ctx, entity, link, None).await {
            facts.push(Fact {
                label: tr.t(label),
                value: record_name(entity, &r),
                href: Some(format!("/{}/{link}", entity.resource())),
            });
        }
    }
    for (key, label) in [("previous_id", "task-previous"), ("next_id", "task-next")] {
        if let Some(other) = task.uuid(key) {
            facts.push(Fact {
                label: tr.t(label),
                value: tr.t(label),
                href: Some(format!("/tasks/{other}")),
            });
        }
    }
    let shell = Shell::new(&ui, text("title"), "/tasks");
    render(
        &TaskPage {
            shell,
            base: format!("/tasks/{id}"),
            facts,
            notes: text("notes"),
            open: task.str("status") == Some("open"),
        },
        StatusCode::OK,
    )
}
