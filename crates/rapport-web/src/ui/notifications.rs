//! The notifications area: the bell in the layout with the number of unread
//! notifications, the list of them, and marking them read.

use super::i18n::Tr;
use super::pages::{Shell, error_page, field, form, message_page, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::notifications as svc;
use rapport_core::entity::Entity;
use rapport_store::notifications::Notification;
use uuid::Uuid;

/// The bell: its accessible label says how many are unread, since the count beside it
/// is only drawn.
pub struct Bell {
    pub count: i64,
    pub count_text: String,
    pub label: String,
}

impl Bell {
    pub fn new(tr: Tr, count: i64) -> Bell {
        let count_text = if count > 99 {
            "99+".to_string()
        } else {
            count.to_string()
        };
        let label = if count > 0 {
            tr.t1("notifications-bell-unread", "count", &count.to_string())
        } else {
            tr.t("notifications-bell")
        };
        Bell {
            count,
            count_text,
            label,
        }
    }
}

pub struct BellShell {
    pub bell: Bell,
}

/// The bell alone, which the layout fetches again every minute.
#[derive(Template)]
#[template(path = "bell.html")]
struct BellPart {
    shell: BellShell,
}

pub async fn bell(ui: UiCtx) -> Response {
    let part = BellPart {
        shell: BellShell {
            bell: Bell::new(ui.tr, ui.unread),
        },
    };
    render(&part, StatusCode::OK)
}

/// One line of the list.
pub struct Line {
    pub id: String,
    pub text: String,
    pub kind_label: Option<String>,
    pub at: String,
    pub at_text: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage {
    shell: Shell,
    items: Vec<Line>,
    unread_only: bool,
    next: Option<String>,
}

/// What a notification says, in the reader's language.
fn text(tr: Tr, n: &Notification) -> String {
    let actor = if n.actor_name.is_empty() {
        "Rapport"
    } else {
        n.actor_name.as_str()
    };
    let record = if n.record_name.is_empty() {
        "—"
    } else {
        n.record_name.as_str()
    };
    let key = match (n.kind.as_str(), n.record_type.as_str()) {
        ("reminder", _) => "notification-reminder",
        ("owner", "companies") => "notification-owner-company",
        ("owner", _) => "notification-owner-contact",
        (_, "companies") => "notification-interaction-company",
        _ => "notification-interaction-contact",
    };
    tr.t_with(key, &[("actor", actor), ("record", record)])
}

pub async fn list(State(state): State<AppState>, ui: UiCtx, RawQuery(raw): RawQuery) -> Response {
    let tr = ui.tr;
    let incoming: Vec<(String, String)> = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    let pairs: Vec<(String, String)> = incoming
        .into_iter()
        .filter(|(k, v)| (k == "unread" || k == "cursor") && !v.is_empty())
        .collect();
    let unread_only = pairs.iter().any(|(k, v)| k == "unread" && v == "true");
    let page = match svc::list(&state.app, &ui.ctx, &pairs).await {
        Ok(p) => p,
        Err(rapport_app::AppError::Invalid(_)) => {
            return Redirect::to("/notifications").into_response();
        }
        Err(e) => return error_page(tr, e),
    };
    let items = page
        .items
        .iter()
        .map(|n| Line {
            id: n.id.to_string(),
            text: text(tr, n),
            kind_label: n
                .detail
                .as_deref()
                .filter(|_| n.kind == "interaction")
                .map(|k| tr.t(&format!("kind-{k}"))),
            at: n.created_at.clone(),
            at_text: ui.when(&n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    let next = page.next_cursor.map(|c| {
        let unread = if unread_only { "unread=true&" } else { "" };
        format!("/notifications?{unread}cursor={c}")
    });
    let shell = Shell::new(&ui, tr.t("notifications-title"), "/notifications");
    render(
        &ListPage {
            shell,
            items,
            unread_only,
            next,
        },
        StatusCode::OK,
    )
}

/// The refusal for a form without the session's CSRF proof, if it lacks it.
fn refused(ui: &UiCtx, body: &Bytes) -> Option<Response> {
    let form = form(body);
    (!same_secret(&ui.session.csrf_token, field(&form, "_csrf"))).then(|| csrf_refused(ui.tr))
}

fn not_found(ui: &UiCtx) -> Response {
    message_page(ui.tr, StatusCode::NOT_FOUND, &ui.tr.t("error-not-found"))
}

/// Follows a notification to its record, marking it read on the way.
pub async fn open(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(r) = refused(&ui, &body) {
        return r;
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(&ui);
    };
    match svc::mark_read(&state.app, &ui.ctx, id).await {
        Ok(n) => {
            let resource = Entity::from_table(&n.record_type).map_or("contacts", Entity::resource);
            // Tasks have no page of their own; the list shows the open ones.
            if resource == Entity::Task.resource() {
                return Redirect::to(&format!("/tasks#task-{}", n.record_id)).into_response();
            }
            Redirect::to(&format!("/{resource}/{}", n.record_id)).into_response()
        }
        Err(e) => error_page(ui.tr, e),
    }
}

/// Marks one notification read and goes back to the list.
pub async fn read(
    State(state): State<AppState>,
    ui: UiCtx,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(r) = refused(&ui, &body) {
        return r;
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return not_found(&ui);
    };
    match svc::mark_read(&state.app, &ui.ctx, id).await {
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}

/// Marks every notification read and goes back to the list.
pub async fn read_all(State(state): State<AppState>, ui: UiCtx, body: Bytes) -> Response {
    if let Some(r) = refused(&ui, &body) {
        return r;
    }
    match svc::mark_all_read(&state.app, &ui.ctx).await {
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(e) => error_page(ui.tr, e),
    }
}
