//! The tasks list with its form and "done" buttons, the calendar (day, week and month on
//! the user's own clock) and the page that makes the calendar feed's address.

use super::pages::{Shell, error_page, field, form, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use jiff::civil::{Date, Weekday};
use jiff::{Timestamp, ToSpan};
use rapport_app::{AppError, calendar, records};
use rapport_core::entity::{Entity, TASK_PRIORITIES};
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// One open task in the list.
pub struct TaskLine {
    pub id: String,
    pub title: String,
    pub due: String,
    pub due_text: String,
    pub priority: String,
    pub recurring: bool,
}

pub struct PriorityChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    shell: Shell,
    items: Vec<TaskLine>,
    priorities: Vec<PriorityChoice>,
    title: String,
    due: String,
    error: Option<String>,
}

fn priorities(ui: &UiCtx, chosen: &str) -> Vec<PriorityChoice> {
    TASK_PRIORITIES
        .iter()
        .map(|p| PriorityChoice {
            value: p,
            label: ui.tr.t(&format!("priority-{p}")),
            selected: *p == chosen,
        })
        .collect()
}

/// `GET /tasks`: the caller's open tasks, soonest due first.
pub async fn list(State(state): State<AppState>, ui: UiCtx) -> Response {
    tasks_page(
        &state,
        &ui,
        None,
        String::new(),
        String::new(),
        StatusCode::OK,
    )
    .await
}

async fn tasks_page(
    state: &AppState,
    ui: &UiCtx,
    error: Option<String>,
    title: String,
    due: String,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let pairs = vec![
        ("filter[status]".to_string(), "open".to_string()),
        (
            "filter[owner_id]".to_string(),
            ui.ctx.actor.user_id.to_string(),
        ),
        ("limit".to_string(), "200".to_string()),
    ];
    let page = match records::list(&state.app, &ui.ctx, Entity::Task, &pairs).await {
        Ok(p) => p,
        Err(e) => return error_page(tr, e),
    };
    let items = page
        .items
        .iter()
        .filter_map(|t| {
            let due = t.str("due_at").unwrap_or_default().to_string();
            Some(TaskLine {
                id: t.id()?.to_string(),
                title: t.str("title").unwrap_or_default().to_string(),
                due_text: if due.is_empty() {
                    "—".to_string()
                } else {
                    ui.when(&due)
                },
                due,
                priority: tr.t(&format!(
                    "priority-{}",
                    t.str("priority").unwrap_or("normal")
                )),
                recurring: t.get("recurrence").is_object(),
            })
        })
        .collect();
    let shell = Shell::new(ui, tr.t("tasks-title"), "/tasks");
    let page = TasksPage {
        shell,
        items,
        priorities: priorities(ui, "normal"),
        title,
        due,
        error,
    };
    render(&page, status)
}

/// A `datetime-local` value on the user's clock, as a stored instant.
fn local_to_stored(raw: &str, ui: &UiCtx) -> Option<String> {
    let local: jiff::civil::DateTime = raw.trim().parse().ok()?;
    let at = ui.tz.to_ambiguous_timestamp(local).compatible().ok()?;
    rapport_app::tasks::stored(at)
}

/// `POST /tasks`: adds a task for the caller.
pub async fn create(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let title = field(&form, "title").trim().to_string();
    let due_raw = field(&form, "due_at").trim().to_string();
    let mut fields = Map::new();
    fields.insert("title".into(), json!(title));
    let priority = field(&form, "priority");
    if !priority.is_empty() {
        fields.insert("priority".into(), json!(priority));
    }
    if !due_raw.is_empty() {
        match local_to_stored(&due_raw, &ui) {
            Some(at) => {
                fields.insert("due_at".into(), json!(at));
                if let Some(zone) = ui.tz.iana_name() {
                    fields.insert("time_zone".into(), json!(zone));
                }
            }
            None => {
                let error = Some(tr.t("tasks-bad-due"));
                return tasks_page(
                    &state,
                    &ui,
                    error,
                    title,
                    due_raw,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    }
    match records::create(&state.app, &ui.ctx, Entity::Task, &Value::Object(fields)).await {
        Ok(_) => Redirect::to("/tasks").into_response(),
        Err(AppError::Invalid(errors)) => {
            let labels = [
                ("title", "tasks-field-title"),
                ("due_at", "tasks-field-due"),
                ("priority", "tasks-field-priority"),
            ];
            let text = super::problems::summary(tr, &errors, &labels);
            tasks_page(
                &state,
                &ui,
                Some(text),
                title,
                due_raw,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(tr, e),
    }
}

/// `POST /tasks/{id}/done`: marks a task done (a recurring task opens its next).
pub async fn done(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(tr, AppError::NotFound("task"));
    };
    let change = json!({"status": "done"});
    match records::update(&state.app, &ui.ctx, Entity::Task, id, &change, None).await {
        Ok(_) => Redirect::to("/tasks").into_response(),
        Err(e) => error_page(tr, e),
    }
}

/// Which grid the calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Day,
    Week,
    Month,
}

impl View {
    fn parse(s: &str) -> View {
        match s {
            "day" => View::Day,
            "month" => View::Month,
            _ => View::Week,
        }
    }

    fn name(self) -> &'static str {
        match self {
            View::Day => "day",
            View::Week => "week",
            View::Month => "month",
        }
    }
}

/// One thing in a day's cell.
pub struct CalendarLine {
    pub time: String,
    pub title: String,
    pub href: String,
    pub done: bool,
    pub meeting: bool,
}

/// One day of the grid.
pub struct DayCell {
    pub date: String,
    pub label: String,
    pub href: String,
    pub today: bool,
    pub outside: bool,
    pub items: Vec<CalendarLine>,
}

pub struct ViewLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    shell: Shell,
    heading: String,
    views: Vec<ViewLink>,
    prev: String,
    next: String,
    today: String,
    weekdays: Vec<String>,
    weeks: Vec<Vec<DayCell>>,
    day_view: bool,
    empty: bool,
}

fn weekday_number(day: Weekday) -> i8 {
    day.to_monday_one_offset()
}

fn date_text(ui: &UiCtx, date: Date) -> String {
    let pattern = match ui.tr.lang {
        "de" | "pl" | "nb" => "%d.%m.%Y",
        "es" => "%d/%m/%Y",
        _ => "%Y-%m-%d",
    };
    date.strftime(pattern).to_string()
}

fn calendar_href(view: View, date: Date) -> String {
    format!("/calendar?view={}&date={date}", view.name())
}

/// `GET /calendar?view=day|week|month&date=YYYY-MM-DD`: the caller's tasks and meetings.
pub async fn page(State(state): State<AppState>, ui: UiCtx, RawQuery(raw): RawQuery) -> Response {
    let tr = ui.tr;
    let pairs: Vec<(String, String)> = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let view = View::parse(&get("view"));
    let today = ui.tz.to_datetime(Timestamp::now()).date();
    let date: Date = get("date").parse().unwrap_or(today);
    let monday = |d: Date| {
        d.checked_sub(i64::from(weekday_number(d.weekday()) - 1).days())
            .unwrap_or(d)
    };
    let (first, days, step) = match view {
        View::Day => (date, 1, 1.day()),
        View::Week => (monday(date), 7, 1.week()),
        View::Month => {
            let start = monday(date.first_of_month());
            let end = date.last_of_month();
            let span = (end - start).get_days() + 1;
            // Whole weeks, so the grid is a table of rows of seven.
            let weeks = (span + 6) / 7;
            (start, i64::from(weeks) * 7, 1.month())
        }
    };
    let midnight = |d: Date| {
        ui.tz
            .to_ambiguous_timestamp(d.to_datetime(jiff::civil::Time::MIN))
            .compatible()
    };
    let start_at = midnight(first);
    let end_day = first.checked_add(days.days()).unwrap_or(first);
    let end_at = midnight(end_day);
    let (Ok(start_at), Ok(end_at)) = (start_at, end_at) else {
        return error_page(tr, AppError::NotFound("calendar"));
    };
    let entries = match calendar::entries(&state.app, &ui.ctx, start_at, end_at).await {
        Ok(e) => e,
        Err(e) => return error_page(tr, e),
    };
    let empty = entries.is_empty();
    let mut cells = Vec::new();
    for offset in 0..days {
        let Ok(day) = first.checked_add(offset.days()) else {
            continue;
        };
        let items = entries
            .iter()
            .filter(|e| ui.tz.to_datetime(e.start).date() == day)
            .map(|e| CalendarLine {
                time: if e.all_day {
                    String::new()
                } else {
                    ui.tz.to_datetime(e.start).strftime("%H:%M").to_string()
                },
                title: if e.title.is_empty() {
                    "—".to_string()
                } else {
                    e.title.clone()
                },
                href: match e.entity {
                    Entity::Task => format!("/tasks/{}", e.id),
                    _ => format!("/meetings/{}", e.id),
                },
                done: e.status.as_deref().is_some_and(|s| s != "open"),
                meeting: e.entity == Entity::Interaction,
            })
            .collect();
        cells.push(DayCell {
            date: day.to_string(),
            label: date_text(&ui, day),
            href: calendar_href(View::Day, day),
            today: day == today,
            outside: view == View::Month && day.month() != date.month(),
            items,
        });
    }
    let weeks: Vec<Vec<DayCell>> = if view == View::Day {
        vec![cells]
    } else {
        let mut rows = Vec::new();
        let mut cells = cells.into_iter().peekable();
        while cells.peek().is_some() {
            rows.push(cells.by_ref().take(7).collect());
        }
        rows
    };
    let prev = date.checked_sub(step).unwrap_or(date);
    let next = date.checked_add(step).unwrap_or(date);
    let heading = match view {
        View::Day => date_text(&ui, date),
        View::Week => format!(
            "{} – {}",
            date_text(&ui, first),
            date_text(&ui, end_day.yesterday().unwrap_or(first))
        ),
        View::Month => date.strftime("%Y-%m").to_string(),
    };
    let views = [View::Day, View::Week, View::Month]
        .into_iter()
        .map(|v| ViewLink {
            href: calendar_href(v, date),
            label: tr.t(&format!("calendar-{}", v.name())),
            current: v == view,
        })
        .collect();
    let weekdays = if view == View::Day {
        vec![tr.t(&format!("weekday-{}", weekday_number(date.weekday())))]
    } else {
        (1..=7).map(|n| tr.t(&format!("weekday-{n}"))).collect()
    };
    let shell = Shell::new(&ui, tr.t("calendar-title"), "/calendar");
    render(
        &CalendarPage {
            shell,
            heading,
            views,
            prev: calendar_href(view, prev),
            next: calendar_href(view, next),
            today: calendar_href(view, today),
            weekdays,
            weeks,
            day_view: view == View::Day,
            empty,
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "calendar_feed.html")]
struct FeedPage {
    shell: Shell,
    since: Option<String>,
    address: Option<String>,
}

/// The site's own address as the browser reached it, for a feed address to copy.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|p| *p == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

/// `GET /account/calendar-feed`: whether the user has a feed, and a button to make one.
pub async fn feed_page(State(state): State<AppState>, ui: UiCtx) -> Response {
    feed_page_with(&state, &ui, None).await
}

async fn feed_page_with(state: &AppState, ui: &UiCtx, address: Option<String>) -> Response {
    let since = match calendar::feed_created_at(&state.app, &ui.ctx).await {
        Ok(at) => at.map(|at| ui.when(&at)),
        Err(e) => return error_page(ui.tr, e),
    };
    let shell = Shell::new(ui, ui.tr.t("feed-title"), "/account");
    render(
        &FeedPage {
            shell,
            since,
            address,
        },
        StatusCode::OK,
    )
}

/// `POST /account/calendar-feed`: makes a new feed address, shown this once.
pub async fn rotate_feed(
    State(state): State<AppState>,
    ui: UiCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(ui.tr);
    }
    match calendar::rotate_feed(&state.app, &ui.ctx).await {
        Ok(secret) => {
            let address = format!("{}/calendar/{secret}.ics", origin(&headers));
            feed_page_with(&state, &ui, Some(address)).await
        }
        Err(e) => error_page(ui.tr, e),
    }
}
