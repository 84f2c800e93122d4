//! The panels beside a record's timeline. Each module that has something to show on a
//! contact's or company's page adds a kind here; the page shows whatever is registered.

use super::pages::contact_name;
use super::session::UiCtx;
use crate::AppState;
use rapport_core::entity::Entity;
use rapport_core::record::Record;
use rapport_store::deals::Party;

pub struct PanelItem {
    pub href: String,
    pub text: String,
    pub detail: String,
}

pub struct Panel {
    pub key: &'static str,
    pub title: String,
    pub empty: String,
    pub items: Vec<PanelItem>,
    /// A line under the items, such as the won and lost totals.
    pub summary: Option<String>,
}

/// A kind of panel.
#[derive(Clone, Copy)]
pub enum PanelKind {
    /// A company's contacts.
    Contacts,
    /// Files attached to the record.
    Attachments,
    /// A contact's or company's open deals, and what they won and lost.
    Deals,
    /// A contact's or company's quotes, orders or invoices.
    Documents(Entity),
    /// A contact's or company's latest tickets.
    Tickets,
}

/// Every panel, in the order the page shows them.
pub const PANELS: &[PanelKind] = &[
    PanelKind::Contacts,
    PanelKind::Attachments,
    PanelKind::Deals,
    PanelKind::Documents(Entity::Quote),
    PanelKind::Documents(Entity::Order),
    PanelKind::Documents(Entity::Invoice),
    PanelKind::Tickets,
];

/// Builds the panels that apply to a record.
pub async fn build(state: &AppState, ui: &UiCtx, entity: Entity, record: &Record) -> Vec<Panel> {
    let mut out = Vec::new();
    let Some(id) = record.id() else { return out };
    // The quotes, orders and invoices panels share one read.
    let party = match entity {
        Entity::Contact => Some(Party::Contact),
        Entity::Company => Some(Party::Company),
        _ => None,
    };
    let documents = match party {
        Some(party) => rapport_app::documents::of_party(&state.app, &ui.ctx, party, id, 10)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    };
    for kind in PANELS {
        let panel = match kind {
            PanelKind::Contacts if entity == Entity::Company => {
                let pairs = vec![
                    ("filter[company_id]".to_string(), id.to_string()),
                    ("limit".to_string(), "25".to_string()),
                    ("sort".to_string(), "last_name".to_string()),
                ];
                let items =
                    match rapport_app::records::list(&state.app, &ui.ctx, Entity::Contact, &pairs)
                        .await
                    {
                        Ok(page) => page
                            .items
                            .iter()
                            .map(|c| PanelItem {
                                href: format!("/contacts/{}", c.id().unwrap_or_default()),
                                text: contact_name(c),
                                detail: c.str("title").unwrap_or("").to_string(),
                            })
                            .collect(),
                        Err(_) => Vec::new(),
                    };
                Some(Panel {
                    key: "contacts",
                    title: ui.tr.t("panel-contacts"),
                    empty: ui.tr.t("contacts-empty"),
                    items,
                    summary: None,
                })
            }
            PanelKind::Attachments => {
                let items = match rapport_app::attachments::list(&state.app, &ui.ctx, entity, id)
                    .await
                {
                    Ok(files) => files
                        .iter()
                        .map(|a| PanelItem {
                            href: format!("/attachments/{}/download", a.id().unwrap_or_default()),
                            text: a.str("file_name").unwrap_or("").to_string(),
                            detail: size_text(a.get("size_bytes").as_i64().unwrap_or(0)),
                        })
                        .collect(),
                    Err(_) => Vec::new(),
                };
                Some(Panel {
                    key: "attachments",
                    title: ui.tr.t("panel-attachments"),
                    empty: ui.tr.t("panel-no-attachments"),
                    items,
                    summary: None,
                })
            }
            PanelKind::Deals => match entity {
                Entity::Contact => Some(deals_panel(state, ui, Party::Contact, id).await),
                Entity::Company => Some(deals_panel(state, ui, Party::Company, id).await),
                _ => None,
            },
            PanelKind::Documents(kind) if matches!(entity, Entity::Contact | Entity::Company) => {
                let (title, empty) = super::documents::panel_keys(*kind);
                Some(Panel {
                    key: kind.resource(),
                    title: ui.tr.t(title),
                    empty: ui.tr.t(empty),
                    items: super::documents::panel_items(ui, *kind, &documents),
                    summary: None,
                })
            }
            PanelKind::Tickets => match entity {
                Entity::Contact => Some(tickets_panel(state, ui, "contact_id", id).await),
                Entity::Company => Some(tickets_panel(state, ui, "company_id", id).await),
                _ => None,
            },
            PanelKind::Contacts | PanelKind::Documents(_) => None,
        };
        out.extend(panel);
    }
    out
}

/// The open deals of a contact or company with their stage and amount, and the sums of
/// the deals they won and lost.
async fn deals_panel(state: &AppState, ui: &UiCtx, party: Party, id: uuid::Uuid) -> Panel {
    let tr = ui.tr;
    let link = match party {
        Party::Contact => "filter[contact_id]",
        Party::Company => "filter[company_id]",
    };
    let pairs = vec![
        (link.to_string(), id.to_string()),
        ("filter[status]".to_string(), "open".to_string()),
        ("limit".to_string(), "10".to_string()),
    ];
    let pipelines = super::sales::pipelines(state, ui).await;
    let stage_name = |deal: &Record| {
        let key = deal.str("stage").unwrap_or("");
        pipelines
            .iter()
            .find(|p| p.str("id") == deal.str("pipeline_id"))
            .and_then(|p| {
                super::sales::stages_of(p)
                    .into_iter()
                    .find(|s| s.key == key)
                    .map(|s| s.name)
            })
            .unwrap_or_else(|| key.to_string())
    };
    let items = match rapport_app::records::list(&state.app, &ui.ctx, Entity::Deal, &pairs).await {
        Ok(page) => page
            .items
            .iter()
            .map(|d| {
                let amount = match (d.get("amount").as_i64(), d.str("currency")) {
                    (Some(a), Some(c)) => super::numbers::money(tr.lang, a, c),
                    _ => String::new(),
                };
                PanelItem {
                    href: format!("/deals/{}", d.id().unwrap_or_default()),
                    text: d.str("title").unwrap_or("").to_string(),
                    detail: [stage_name(d), amount]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                }
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let totals = rapport_app::sales::closed_totals(&state.app, &ui.ctx, party, id)
        .await
        .unwrap_or_default();
    let line = |status: &str| {
        let mine: Vec<_> = totals.iter().filter(|t| t.status == status).collect();
        let count: i64 = mine.iter().map(|t| t.count).sum();
        let sums: Vec<String> = mine
            .iter()
            .filter_map(|t| {
                t.currency
                    .as_deref()
                    .map(|c| super::numbers::money(tr.lang, t.amount, c))
            })
            .collect();
        let mut text = format!(
            "{}: {}",
            tr.t(&format!("deal-status-{status}")),
            tr.count("board-count", "count", count.max(0) as usize)
        );
        if !sums.is_empty() {
            text.push_str(&format!(" · {}", sums.join(" + ")));
        }
        text
    };
    Panel {
        key: "deals",
        title: tr.t("panel-deals"),
        empty: tr.t("panel-no-open-deals"),
        items,
        summary: (!totals.is_empty()).then(|| format!("{} — {}", line("won"), line("lost"))),
    }
}

/// The latest tickets of a contact or company, last changed first, with their status and
/// priority.
async fn tickets_panel(state: &AppState, ui: &UiCtx, link: &str, id: uuid::Uuid) -> Panel {
    let tr = ui.tr;
    let pairs = vec![
        (format!("filter[{link}]"), id.to_string()),
        ("sort".to_string(), "-updated_at".to_string()),
        ("limit".to_string(), "10".to_string()),
    ];
    let items = match rapport_app::records::list(&state.app, &ui.ctx, Entity::Ticket, &pairs).await
    {
        Ok(page) => page
            .items
            .iter()
            .map(|t| PanelItem {
                href: format!("/tickets/{}", t.id().unwrap_or_default()),
                text: format!(
                    "{} {}",
                    t.str("number").unwrap_or(""),
                    t.str("subject").unwrap_or("")
                ),
                detail: format!(
                    "{} · {}",
                    tr.t(&format!(
                        "ticket-status-{}",
                        t.str("status").unwrap_or("new")
                    )),
                    tr.t(&format!(
                        "ticket-priority-{}",
                        t.str("priority").unwrap_or("normal")
                    ))
                ),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    Panel {
        key: "tickets",
        title: tr.t("panel-tickets"),
        empty: tr.t("panel-no-tickets"),
        items,
        summary: None,
    }
}

/// A file size people read at a glance.
pub fn size_text(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} kB", b / 1024),
        b => format!("{b} B"),
    }
}
