//! A meeting's page and form: subject, start and end on the user's clock, organiser,
//! description, and the users and contacts taking part. Saving goes through
//! `rapport_app::meetings`, which also lets every user taking part see the meeting.

use super::forms::{Choice, Compared, user_choices};
use super::pages::{Fact, Shell, error_page, message_page, render};
use super::picker::{self, Picker};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use jiff::Timestamp;
use rapport_app::AppError;
use rapport_app::meetings::{self, MeetingInput};
use rapport_core::entity::Entity;
use rapport_core::record::{Record, etag_for};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// What the meeting form holds, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MeetingValues {
    subject: String,
    body: String,
    start: String,
    end: String,
    location: String,
    owner_id: String,
    users: Vec<String>,
    contacts: Vec<String>,
    /// The contact being added with the picker: what its box holds and the id chosen.
    contact_add: String,
    contact_add_id: String,
}

fn pairs(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn all(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

impl MeetingValues {
    fn from_pairs(pairs: &[(String, String)]) -> MeetingValues {
        MeetingValues {
            subject: field(pairs, "subject").trim().to_string(),
            body: field(pairs, "body").trim().to_string(),
            start: field(pairs, "start").trim().to_string(),
            end: field(pairs, "end").trim().to_string(),
            location: field(pairs, "location").trim().to_string(),
            owner_id: field(pairs, "owner_id").trim().to_string(),
            users: all(pairs, "user"),
            contacts: all(pairs, "contact"),
            contact_add: field(pairs, "contact_add").trim().to_string(),
            contact_add_id: field(pairs, "contact_add_id").trim().to_string(),
        }
    }

    fn from_record(meeting: &Record, ui: &UiCtx) -> MeetingValues {
        let local = |at: Timestamp| ui.tz.to_datetime(at).strftime("%Y-%m-%dT%H:%M").to_string();
        let (start, end) = span(meeting).map_or((String::new(), String::new()), |(s, e)| {
            (local(s), local(e))
        });
        let (users, contacts) = meetings::participant_ids(meeting);
        MeetingValues {
            subject: meeting.str("subject").unwrap_or_default().to_string(),
            body: meeting.str("body").unwrap_or_default().to_string(),
            start,
            end,
            location: meeting.str("location").unwrap_or_default().to_string(),
            owner_id: meeting.str("owner_id").unwrap_or_default().to_string(),
            users: users.iter().map(Uuid::to_string).collect(),
            contacts: contacts.iter().map(Uuid::to_string).collect(),
            ..MeetingValues::default()
        }
    }

    /// Adds the contact the picker names to those taking part; what names no contact,
    /// or several, is a problem under the picker.
    async fn add_picked(&mut self, state: &AppState, ui: &UiCtx) -> HashMap<String, String> {
        let mut errors = HashMap::new();
        match picker::resolve(
            state,
            ui,
            Entity::Contact,
            &self.contact_add,
            &self.contact_add_id,
        )
        .await
        {
            Ok(Some(id)) => {
                let id = id.to_string();
                if !self.contacts.contains(&id) {
                    self.contacts.push(id);
                }
                self.contact_add.clear();
                self.contact_add_id.clear();
            }
            Ok(None) => {}
            Err(why) => {
                self.contact_add_id.clear();
                errors.insert("contact_add".to_string(), why.message(ui.tr));
            }
        }
        errors
    }
}

/// When a meeting starts and ends; one that says no length lasts half an hour, as the
/// calendar shows it.
fn span(meeting: &Record) -> Option<(Timestamp, Timestamp)> {
    let start = meeting
        .str("occurred_at")
        .and_then(rapport_app::tasks::timestamp)?;
    let seconds = meeting
        .get("duration_seconds")
        .as_i64()
        .filter(|s| *s > 0)
        .unwrap_or(30 * 60);
    let end = start
        .checked_add(jiff::SignedDuration::from_secs(seconds))
        .ok()?;
    Some((start, end))
}

/// A `datetime-local` value on the user's clock as an instant.
fn local_instant(ui: &UiCtx, raw: &str) -> Option<Timestamp> {
    let local: jiff::civil::DateTime = raw.trim().replace(' ', "T").parse().ok()?;
    ui.tz.to_ambiguous_timestamp(local).compatible().ok()
}

fn ids(raw: &[String]) -> Option<Vec<Uuid>> {
    raw.iter().map(|s| Uuid::parse_str(s).ok()).collect()
}

/// The form as the meeting service's input, or the problems keyed by form field.
fn to_input(ui: &UiCtx, v: &MeetingValues) -> Result<MeetingInput, HashMap<String, String>> {
    let tr = ui.tr;
    let mut errors = HashMap::new();
    let start = local_instant(ui, &v.start);
    let end = local_instant(ui, &v.end);
    if start.is_none() {
        errors.insert("start".into(), tr.t("meeting-error-start"));
    }
    if end.is_none() {
        errors.insert("end".into(), tr.t("meeting-error-end"));
    }
    let mut duration = 0;
    if let (Some(s), Some(e)) = (start, end) {
        duration = e.as_second() - s.as_second();
        if duration <= 0 {
            errors.insert("end".into(), tr.t("meeting-error-order"));
        }
    }
    let owner = match v.owner_id.as_str() {
        "" => None,
        raw => match Uuid::parse_str(raw) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.insert("owner_id".into(), tr.t("meeting-error-participant"));
                None
            }
        },
    };
    let users = ids(&v.users);
    let contacts = ids(&v.contacts);
    if users.is_none() {
        errors.insert("users".into(), tr.t("meeting-error-participant"));
    }
    if contacts.is_none() {
        errors.insert("contacts".into(), tr.t("meeting-error-participant"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(MeetingInput {
        subject: text(&v.subject),
        body: text(&v.body),
        location: text(&v.location),
        start: start
            .and_then(rapport_app::tasks::stored)
            .unwrap_or_default(),
        duration_seconds: duration,
        owner_id: owner,
        users: users.unwrap_or_default(),
        contacts: contacts.unwrap_or_default(),
    })
}

/// The services' problems under the form's fields.
fn service_errors(ui: &UiCtx, e: &rapport_core::ValidationErrors) -> HashMap<String, String> {
    e.0.iter()
        .map(|f| {
            let name = match f.field.as_str() {
                "occurred_at" => "start",
                "duration_seconds" => "end",
                "participants" => "users",
                "contact_id" | "company_id" => "contacts",
                other => other,
            };
            (
                name.to_string(),
                super::problems::message(ui.tr, &f.problem),
            )
        })
        .collect()
}

#[derive(Template)]
#[template(path = "meeting_form.html")]
struct MeetingFormPage {
    shell: Shell,
    action: String,
    cancel: String,
    version: Option<i64>,
    v: MeetingValues,
    owners: Vec<Choice>,
    users: Vec<Choice>,
    /// The contacts taking part, each a ticked box, and the picker that adds one.
    contacts: Vec<Choice>,
    contact_picker: Picker,
    errors: HashMap<String, String>,
    conflict: Vec<Compared>,
}

impl MeetingFormPage {
    fn err(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }
}

/// The contacts taking part that the caller sees, by name. As with any link, one the
/// caller may not see is not offered, so saving the form leaves it out.
async fn contact_choices(state: &AppState, ui: &UiCtx, chosen: &[String]) -> Vec<Choice> {
    let names = picker::names(state, ui, Entity::Contact, chosen).await;
    chosen
        .iter()
        .filter_map(|id| {
            Some(Choice {
                label: names.get(id)?.clone(),
                value: id.clone(),
                selected: true,
            })
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ui: &UiCtx,
    title: String,
    action: String,
    cancel: String,
    version: Option<i64>,
    v: MeetingValues,
    errors: HashMap<String, String>,
    conflict: Vec<Compared>,
    status: StatusCode,
) -> Response {
    let people = user_choices(state, ui).await;
    let owners = people
        .iter()
        .map(|c| Choice {
            value: c.value.clone(),
            label: c.label.clone(),
            selected: c.value == v.owner_id,
        })
        .collect();
    let users = people
        .into_iter()
        .filter(|c| !c.value.is_empty())
        .map(|c| Choice {
            selected: v.users.contains(&c.value),
            ..c
        })
        .collect();
    let contacts = contact_choices(state, ui, &v.contacts).await;
    let mut contact_picker = Picker::new(
        ui.tr,
        Entity::Contact,
        "m-contact",
        "contact_add",
        "meeting-contact-add",
    )
    .with(&v.contact_add, &v.contact_add_id, errors.get("contact_add"));
    contact_picker.multi = Some("contact".into());
    let page = MeetingFormPage {
        shell: Shell::new(ui, title, "/calendar"),
        action,
        cancel,
        version,
        v,
        owners,
        users,
        contacts,
        contact_picker,
        errors,
        conflict,
    };
    render(&page, status)
}

fn not_found(tr: super::i18n::Tr) -> Response {
    message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"))
}

/// `GET /meetings/new`: a meeting organised by the caller, who takes part in it.
pub async fn new_form(state: AppState, ui: UiCtx) -> Response {
    let me = ui.ctx.actor.user_id.to_string();
    let v = MeetingValues {
        owner_id: me.clone(),
        users: vec![me],
        ..MeetingValues::default()
    };
    let title = ui.tr.t("meeting-new");
    form_page(
        &state,
        &ui,
        title,
        "/meetings/new".into(),
        "/calendar".into(),
        None,
        v,
        HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /meetings/new`: creates the meeting and opens its page.
pub async fn create(state: AppState, ui: UiCtx, body: Bytes) -> Response {
    let pairs = pairs(&body);
    if !same_secret(&ui.session.csrf_token, field(&pairs, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    let mut v = MeetingValues::from_pairs(&pairs);
    let picked = v.add_picked(&state, &ui).await;
    let again = |errors| {
        form_page(
            &state,
            &ui,
            ui.tr.t("meeting-new"),
            "/meetings/new".into(),
            "/calendar".into(),
            None,
            v.clone(),
            errors,
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let input = match to_input(&ui, &v) {
        Ok(i) if picked.is_empty() => i,
        result => {
            let mut errors = result.err().unwrap_or_default();
            errors.extend(picked);
            return again(errors).await;
        }
    };
    match meetings::save(&state.app, &ui.ctx, None, &input, None).await {
        Ok(m) => Redirect::to(&format!("/meetings/{}", m.id().unwrap_or_default())).into_response(),
        Err(AppError::Invalid(e)) => again(service_errors(&ui, &e)).await,
        Err(e) => error_page(ui.tr, e),
    }
}

/// `GET /meetings/{id}/edit`: the meeting's form with its saved values.
pub async fn edit_form(state: AppState, ui: UiCtx, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(ui.tr);
    };
    let meeting = match meetings::get(&state.app, &ui.ctx, id).await {
        Ok(m) => m,
        Err(e) => return error_page(ui.tr, e),
    };
    let title = format!(
        "{} · {}",
        ui.tr.t("meeting-edit"),
        meeting.str("subject").unwrap_or_default()
    );
    form_page(
        &state,
        &ui,
        title,
        format!("/meetings/{id}/edit"),
        format!("/meetings/{id}"),
        Some(meeting.version()),
        MeetingValues::from_record(&meeting, &ui),
        HashMap::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /meetings/{id}/edit`: saves the form if the meeting is still at the version it
/// was read at; otherwise shows what differs.
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
    let mut v = MeetingValues::from_pairs(&pairs);
    let picked = v.add_picked(&state, &ui).await;
    let again = |errors, version, conflict, status| {
        form_page(
            &state,
            &ui,
            tr.t("meeting-edit"),
            format!("/meetings/{id}/edit"),
            format!("/meetings/{id}"),
            version,
            v.clone(),
            errors,
            conflict,
            status,
        )
    };
    let input = match to_input(&ui, &v) {
        Ok(i) if picked.is_empty() => i,
        result => {
            let mut errors = result.err().unwrap_or_default();
            errors.extend(picked);
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
    match meetings::save(&state.app, &ui.ctx, Some(id), &input, if_match.as_deref()).await {
        Ok(_) => Redirect::to(&format!("/meetings/{id}")).into_response(),
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
            let current = match meetings::get(&state.app, &ui.ctx, id).await {
                Ok(m) => m,
                Err(e) => return error_page(tr, e),
            };
            let saved = MeetingValues::from_record(&current, &ui);
            let conflict = compare(tr, &v, &saved);
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

fn compare(tr: super::i18n::Tr, yours: &MeetingValues, saved: &MeetingValues) -> Vec<Compared> {
    let rows = [
        ("meeting-field-subject", &yours.subject, &saved.subject),
        ("meeting-field-start", &yours.start, &saved.start),
        ("meeting-field-end", &yours.end, &saved.end),
        ("meeting-field-location", &yours.location, &saved.location),
        ("meeting-field-body", &yours.body, &saved.body),
        ("meeting-field-owner", &yours.owner_id, &saved.owner_id),
    ];
    let mut out: Vec<Compared> = rows
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(label, a, b)| Compared {
            label: tr.t(label),
            yours: a.clone(),
            theirs: b.clone(),
        })
        .collect();
    for (label, a, b) in [
        ("meeting-users", &yours.users, &saved.users),
        ("meeting-contacts", &yours.contacts, &saved.contacts),
    ] {
        let (mut a, mut b) = (a.clone(), b.clone());
        a.sort();
        b.sort();
        if a != b {
            out.push(Compared {
                label: tr.t(label),
                yours: a.join(", "),
                theirs: b.join(", "),
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

/// One person taking part, linked to their page when they are a contact.
pub struct ParticipantLine {
    pub name: String,
    pub email: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    participants: Vec<ParticipantLine>,
    body: String,
}

/// `GET /meetings/{id}`: the meeting, when it is, and who takes part.
pub async fn page(state: AppState, ui: UiCtx, id: String) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(tr);
    };
    let meeting = match meetings::get(&state.app, &ui.ctx, id).await {
        Ok(m) => m,
        Err(e) => return error_page(tr, e),
    };
    let when = span(&meeting)
        .and_then(|(s, e)| Some((tasks_stored(s)?, tasks_stored(e)?)))
        .map(|(s, e)| format!("{} – {}", ui.when(&s), ui.when(&e)))
        .unwrap_or_default();
    let people: HashMap<String, String> = user_choices(&state, &ui)
        .await
        .into_iter()
        .map(|c| (c.value, c.label))
        .collect();
    let facts = vec![
        Fact {
            label: tr.t("meeting-when"),
            value: when,
            href: None,
        },
        Fact {
            label: tr.t("meeting-field-location"),
            value: meeting
                .str("location")
                .map_or_else(|| "—".into(), str::to_string),
            href: meeting.str("location").and_then(web_address),
        },
        Fact {
            label: tr.t("meeting-field-owner"),
            value: meeting
                .str("owner_id")
                .and_then(|o| people.get(o).cloned())
                .unwrap_or_else(|| "—".into()),
            href: None,
        },
    ];
    let participants = meeting
        .get("participants")
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let text = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default();
            ParticipantLine {
                name: if text("name").is_empty() {
                    "—".into()
                } else {
                    text("name").to_string()
                },
                email: text("email").to_string(),
                href: p
                    .get("contact_id")
                    .and_then(Value::as_str)
                    .map(|c| format!("/contacts/{c}")),
            }
        })
        .collect();
    let title = meeting
        .str("subject")
        .map_or_else(|| tr.t("meeting-title"), str::to_string);
    let shell = Shell::new(&ui, title, "/calendar");
    render(
        &MeetingPage {
            shell,
            base: format!("/meetings/{id}"),
            facts,
            participants,
            body: meeting.str("body").unwrap_or_default().to_string(),
        },
        StatusCode::OK,
    )
}

fn tasks_stored(at: Timestamp) -> Option<String> {
    rapport_app::tasks::stored(at)
}

/// A location that is a web address (a video call's link) is linked; anything else, such
/// as a `javascript:` address, stays text.
fn web_address(location: &str) -> Option<String> {
    let lower = location.to_ascii_lowercase();
    let web = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !location.contains(char::is_whitespace);
    web.then(|| location.to_string())
}
