//! The tickets' pages: the list's quick views, a ticket's page with its conversation, the
//! reply form for public replies and internal notes, and the contact beside them.

use super::forms::user_choices;
use super::pages::{Fact, Shell, contact_name, error_page, field, form, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{AppError, records, tickets};
use rapport_core::entity::{
    Entity, MESSAGE_VISIBILITIES, QUEUE_ASSIGNMENTS, TICKET_CHANNELS, TICKET_PRIORITIES,
    TICKET_STATUSES, TICKET_TYPES,
};
use rapport_core::record::Record;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// The queues by id, with their names.
pub async fn queue_names(state: &AppState, ui: &UiCtx) -> HashMap<String, String> {
    queues(state, ui).await.into_iter().collect()
}

/// Every live queue as (id, name), by name.
pub async fn queues(state: &AppState, ui: &UiCtx) -> Vec<(String, String)> {
    let pairs = vec![("limit".to_string(), "500".to_string())];
    match records::list(&state.app, &ui.ctx, Entity::Queue, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .filter_map(|q| Some((q.id()?.to_string(), q.str("name").unwrap_or("").to_string())))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The choices of a ticket's or queue's select fields, each in the reader's language;
/// none for other fields.
pub fn choices(
    tr: super::i18n::Tr,
    entity: Entity,
    name: &str,
    queues: &[(String, String)],
    people: &[(String, String)],
) -> Option<Vec<(String, String)>> {
    let words = |values: &[&str], prefix: &str| -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| (v.to_string(), tr.t(&format!("{prefix}-{v}"))))
            .collect()
    };
    let none = || (String::new(), tr.t("form-none"));
    match (entity, name) {
        (Entity::Ticket, "status") => Some(words(TICKET_STATUSES, "ticket-status")),
        (Entity::Ticket, "priority") => Some(words(TICKET_PRIORITIES, "ticket-priority")),
        (Entity::Ticket, "channel") => Some(words(TICKET_CHANNELS, "ticket-channel")),
        (Entity::Ticket, "type") => Some(
            std::iter::once(none())
                .chain(words(TICKET_TYPES, "ticket-type"))
                .collect(),
        ),
        (Entity::Ticket, "queue_id") => Some(queues.to_vec()),
        (Entity::Ticket, "assignee_id") => Some(
            std::iter::once(none())
                .chain(people.iter().cloned())
                .collect(),
        ),
        (Entity::Queue, "assignment") => Some(words(QUEUE_ASSIGNMENTS, "queue-assignment")),
        _ => None,
    }
}

/// Turns a quick view of the tickets' list (`quick=mine` or `quick=unassigned`) into the
/// filters it stands for; other lists and parameters pass unchanged.
pub fn rewrite_quick(
    ui: &UiCtx,
    entity: Entity,
    pairs: Vec<(String, String)>,
) -> Vec<(String, String)> {
    if entity != Entity::Ticket {
        return pairs;
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match (k.as_str(), v.as_str()) {
            ("quick", "mine") => {
                if let Some(me) = ui.ctx.actor.author() {
                    out.push(("filter[assignee_id]".into(), me.to_string()));
                }
            }
            ("quick", "unassigned") => {
                out.push(("filter[assignee_id][is_null]".into(), "true".into()));
            }
            ("quick", _) => {}
            _ => out.push((k, v)),
        }
    }
    out
}

/// The links to the tickets' quick views; the one shown has no link.
pub fn quick_views(ui: &UiCtx, entity: Entity, view: &[(String, String)]) -> Vec<Fact> {
    if entity != Entity::Ticket {
        return Vec::new();
    }
    let me = ui.ctx.actor.author().map(|u| u.to_string());
    let has = |k: &str, v: &str| view.iter().any(|(a, b)| a == k && b == v);
    let filtered = view.iter().any(|(k, _)| k.starts_with("filter["));
    let views = [
        ("tickets-all", "/tickets", !filtered),
        (
            "tickets-mine",
            "/tickets?quick=mine",
            me.as_deref()
                .is_some_and(|me| has("filter[assignee_id]", me)),
        ),
        (
            "tickets-unassigned",
            "/tickets?quick=unassigned",
            has("filter[assignee_id][is_null]", "true"),
        ),
    ];
    views
        .into_iter()
        .map(|(key, href, current)| Fact {
            label: ui.tr.t(key),
            value: String::new(),
            href: (!current).then(|| href.to_string()),
        })
        .collect()
}

/// One message of the conversation as the page shows it.
pub struct Said {
    pub id: String,
    pub internal: bool,
    pub kind: String,
    pub author: String,
    pub when: String,
    /// Sanitised when it was stored, so the page shows it as it is.
    pub body: String,
}

/// The contact a ticket is about, as the side panel shows them.
pub struct Customer {
    pub name: String,
    pub href: String,
    pub facts: Vec<Fact>,
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct TicketPage {
    shell: Shell,
    base: String,
    facts: Vec<Fact>,
    description: String,
    messages: Vec<Said>,
    customer: Option<Customer>,
    reply: String,
    visibility: String,
    error: Option<String>,
}

/// `GET /tickets/{id}`: the ticket's fields, its conversation and the reply form.
pub async fn page(state: AppState, ui: UiCtx, id: String) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ui.tr, AppError::NotFound("ticket"));
    };
    draw(
        &state,
        &ui,
        id,
        String::new(),
        "public",
        None,
        StatusCode::OK,
    )
    .await
}

async fn draw(
    state: &AppState,
    ui: &UiCtx,
    id: Uuid,
    reply: String,
    visibility: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = ui.tr;
    let ticket = match records::get(&state.app, &ui.ctx, Entity::Ticket, id, None).await {
        Ok(t) => t,
        Err(e) => return error_page(tr, e),
    };
    let text = |k: &str| ticket.str(k).unwrap_or_default().to_string();
    let people: HashMap<String, String> = user_choices(state, ui)
        .await
        .into_iter()
        .map(|c| (c.value, c.label))
        .collect();
    let queue_names = queue_names(state, ui).await;
    let plain = |key: &str, value: String| Fact {
        label: tr.t(key),
        value,
        href: None,
    };
    let when = |k: &str| {
        ticket
            .str(k)
            .map_or_else(|| "—".to_string(), |t| ui.when(t))
    };
    let mut facts = vec![
        plain("ticket-field-number", text("number")),
        plain(
            "field-status",
            tr.t(&format!("ticket-status-{}", text("status"))),
        ),
        plain(
            "ticket-field-priority",
            tr.t(&format!("ticket-priority-{}", text("priority"))),
        ),
        plain(
            "ticket-field-type",
            ticket
                .str("type")
                .map_or_else(|| "—".to_string(), |t| tr.t(&format!("ticket-type-{t}"))),
        ),
        plain(
            "ticket-field-channel",
            tr.t(&format!("ticket-channel-{}", text("channel"))),
        ),
        plain(
            "ticket-field-queue",
            queue_names
                .get(&text("queue_id"))
                .cloned()
                .unwrap_or_default(),
        ),
        plain(
            "ticket-field-assignee",
            people
                .get(&text("assignee_id"))
                .cloned()
                .unwrap_or_else(|| tr.t("tickets-unassigned")),
        ),
        plain("col-created", when("created_at")),
        plain("ticket-field-first-response", when("first_responded_at")),
        plain(
            "ticket-field-first-response-due",
            ticket
                .get("sla")
                .get("first_response_due_at")
                .and_then(|v| v.as_str())
                .map_or_else(|| "—".to_string(), |t| ui.when(t)),
        ),
        plain(
            "ticket-field-resolution-due",
            ticket
                .get("sla")
                .get("resolution_due_at")
                .and_then(|v| v.as_str())
                .map_or_else(|| "—".to_string(), |t| ui.when(t)),
        ),
    ];
    if ticket.str("solved_at").is_some() {
        facts.push(plain("ticket-field-solved", when("solved_at")));
    }
    if let Some(tags) = ticket.get("tags").as_array().filter(|t| !t.is_empty()) {
        let names: Vec<&str> = tags.iter().filter_map(|t| t.as_str()).collect();
        facts.push(plain("field-tags", names.join(", ")));
    }
    for (key, label, entity) in [
        ("company_id", "col-company", Entity::Company),
        ("deal_id", "ticket-field-deal", Entity::Deal),
        ("order_id", "ticket-field-order", Entity::Order),
        ("follow_up_of", "ticket-field-follow-up-of", Entity::Ticket),
        ("merged_into", "ticket-field-merged-into", Entity::Ticket),
    ] {
        let Some(link) = ticket.uuid(key) else {
            continue;
        };
        // A link to a record the caller may not see is not shown.
        if let Ok(r) = records::get(&state.app, &ui.ctx, entity, link, None).await {
            facts.push(Fact {
                label: tr.t(label),
                value: match entity {
                    Entity::Ticket | Entity::Order => r.str("number").unwrap_or("—").to_string(),
                    _ => super::picker::record_name(entity, &r),
                },
                href: Some(format!("/{}/{link}", entity.resource())),
            });
        }
    }
    let pairs = vec![("limit".to_string(), "200".to_string())];
    let messages = match tickets::messages(&state.app, &ui.ctx, id, &pairs).await {
        Ok(page) => page.items.iter().map(|m| said(ui, m, &people)).collect(),
        Err(e) => return error_page(tr, e),
    };
    let customer = match ticket.uuid("contact_id") {
        Some(cid) => match records::get(&state.app, &ui.ctx, Entity::Contact, cid, None).await {
            Ok(c) => Some(customer(ui, &c)),
            Err(_) => None,
        },
        None => None,
    };
    let title = format!("{} {}", text("number"), text("subject"));
    let shell = Shell::new(ui, title, "/tickets");
    render(
        &TicketPage {
            shell,
            base: format!("/tickets/{id}"),
            facts,
            description: text("description"),
            messages,
            customer,
            reply,
            visibility: visibility.to_string(),
            error,
        },
        status,
    )
}

fn said(ui: &UiCtx, m: &Record, people: &HashMap<String, String>) -> Said {
    let internal = m.str("visibility") == Some("internal");
    Said {
        id: m.id().map(|i| i.to_string()).unwrap_or_default(),
        internal,
        kind: ui.tr.t(if internal {
            "ticket-internal-note"
        } else {
            "ticket-public-reply"
        }),
        author: m
            .str("user_id")
            .and_then(|u| people.get(u).cloned())
            .unwrap_or_default(),
        when: m.str("created_at").map(|t| ui.when(t)).unwrap_or_default(),
        body: m.str("body").unwrap_or_default().to_string(),
    }
}

fn customer(ui: &UiCtx, c: &Record) -> Customer {
    let mut facts = Vec::new();
    for (key, label) in [
        ("email", "col-email"),
        ("phone", "col-phone"),
        ("title", "field-title"),
    ] {
        if let Some(v) = c.str(key) {
            facts.push(Fact {
                label: ui.tr.t(label),
                value: v.to_string(),
                href: (key == "email").then(|| format!("mailto:{v}")),
            });
        }
    }
    if let Some(stage) = c.str("lifecycle_stage") {
        facts.push(Fact {
            label: ui.tr.t("col-stage"),
            value: ui.tr.t(&format!("stage-{stage}")),
            href: None,
        });
    }
    Customer {
        name: contact_name(c),
        href: format!("/contacts/{}", c.id().unwrap_or_default()),
        facts,
    }
}

/// A reply typed in the form's text box, as the HTML the conversation keeps: the text
/// escaped, its lines kept.
fn typed_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    escaped
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// `POST /tickets/{id}/messages`: a public reply or an internal note from the page. A
/// refused message shows the page again with the text and the problem under the box.
pub async fn reply(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form = form(&body);
    if !same_secret(&ui.session.csrf_token, field(&form, "_csrf")) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(tr, AppError::NotFound("ticket"));
    };
    let text = field(&form, "body").to_string();
    let visibility = match field(&form, "visibility") {
        v if MESSAGE_VISIBILITIES.contains(&v) => v.to_string(),
        _ => "internal".to_string(),
    };
    let json = json!({"body": typed_html(&text), "visibility": visibility});
    match tickets::post_message(&state.app, &ui.ctx, id, &json).await {
        Ok(posted) => {
            let ticket = posted.ticket.id().unwrap_or(id);
            let message = posted.message.id().unwrap_or_default();
            Redirect::to(&format!("/tickets/{ticket}#m-{message}")).into_response()
        }
        Err(AppError::Invalid(e)) => {
            let message =
                e.0.first()
                    .map(|f| super::problems::message(tr, &f.problem))
                    .unwrap_or_default();
            draw(
                &state,
                &ui,
                id,
                text,
                &visibility,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => error_page(tr, e),
    }
}

#[cfg(test)]
mod tests {
    use super::typed_html;

    #[test]
    fn typed_text_stays_text() {
        assert_eq!(
            typed_html("Hi <b>Kari</b> & co\nthanks"),
            "Hi &lt;b&gt;Kari&lt;/b&gt; &amp; co<br>thanks"
        );
    }
}
