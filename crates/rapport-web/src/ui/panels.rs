//! The panels beside a record's timeline. Each module that has something to show on a
//! contact's or company's page adds a kind here; the page shows whatever is registered.

use super::pages::contact_name;
use super::session::UiCtx;
use crate::AppState;
use rapport_core::entity::Entity;
use rapport_core::record::Record;

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
}

/// A kind of panel.
#[derive(Clone, Copy)]
pub enum PanelKind {
    /// A company's contacts.
    Contacts,
    /// Files attached to the record.
    Attachments,
}

/// Every panel, in the order the page shows them.
pub const PANELS: &[PanelKind] = &[PanelKind::Contacts, PanelKind::Attachments];

/// Builds the panels that apply to a record.
pub async fn build(state: &AppState, ui: &UiCtx, entity: Entity, record: &Record) -> Vec<Panel> {
    let mut out = Vec::new();
    let Some(id) = record.id() else { return out };
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
                })
            }
            PanelKind::Contacts => None,
        };
        out.extend(panel);
    }
    out
}

/// A file size people read at a glance.
pub fn size_text(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} kB", b / 1024),
        b => format!("{b} B"),
    }
}
