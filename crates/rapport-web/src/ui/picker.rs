//! Pickers for linked records (a contact, a company or a deal) in forms: a text box with
//! suggestions as you type and a hidden field holding the chosen record's id.
//!
//! The suggestions come from `GET /pick/{contacts|companies|deals}`, a small listbox found
//! with the records' own search, among the records the caller may see. Without JavaScript
//! the text box alone is enough: the server reads what was typed (an id, an exact email
//! address, or a name only one record has) and refuses what names none or several.

use super::i18n::Tr;
use super::pages::{contact_name, render};
use super::session::UiCtx;
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use rapport_app::records;
use rapport_core::entity::Entity;
use rapport_core::record::Record;
use std::collections::HashMap;
use uuid::Uuid;

/// The most suggestions a picker shows at once.
const SUGGESTIONS: usize = 10;
/// How many search matches are read to tell one record's exact name from several.
const NAME_MATCHES: &str = "20";
/// The entities a picker chooses from, each with its suggestions' address.
pub const PICKED: [Entity; 3] = [Entity::Contact, Entity::Company, Entity::Deal];

/// The address a picker of `entity` asks for suggestions.
pub fn source(entity: Entity) -> String {
    format!("/pick/{}", entity.resource())
}

/// One picker as a form draws it (`picker.html`). The text box is named `name` and the
/// hidden id `{name}_id`.
pub struct Picker {
    /// The text box's element id; the listbox and the hint take it as their prefix.
    pub id: String,
    pub name: String,
    pub source: String,
    pub label: String,
    pub hint: String,
    /// What the text box shows: the chosen record's name, or what was typed.
    pub text: String,
    /// The chosen record's id, if one was chosen.
    pub chosen: String,
    pub error: Option<String>,
    /// For a picker that adds to a list: the name of the list's checkboxes, and the list is
    /// the element `{id}-chosen`.
    pub multi: Option<String>,
}

impl Picker {
    pub fn new(tr: Tr, entity: Entity, id: &str, name: &str, label: &str) -> Picker {
        Picker {
            id: id.to_string(),
            name: name.to_string(),
            source: source(entity),
            label: tr.t(label),
            // Only contacts are found by an email address.
            hint: tr.t(if entity == Entity::Contact {
                "picker-hint"
            } else {
                "picker-hint-name"
            }),
            text: String::new(),
            chosen: String::new(),
            error: None,
            multi: None,
        }
    }

    /// The picker showing `text` for the record `chosen`, with the problem found, if any.
    pub fn with(mut self, text: &str, chosen: &str, error: Option<&String>) -> Picker {
        self.text = text.to_string();
        self.chosen = chosen.to_string();
        self.error = error.cloned();
        self
    }
}

/// A record's name as a picker shows it: a contact's full name, a company's name, a
/// deal's title.
pub fn record_name(entity: Entity, r: &Record) -> String {
    let name = match entity {
        Entity::Contact => contact_name(r),
        Entity::Company => r.str("name").unwrap_or_default().to_string(),
        _ => r.str("title").unwrap_or_default().to_string(),
    };
    if name.trim().is_empty() {
        "—".into()
    } else {
        name
    }
}

/// The detail a suggestion shows beside the name, to tell namesakes apart.
fn detail(tr: Tr, entity: Entity, r: &Record) -> String {
    let text = |k: &str| r.str(k).unwrap_or_default().to_string();
    match entity {
        Entity::Contact => text("email"),
        Entity::Company => text("domain"),
        _ => match (r.get("amount").as_i64(), r.str("currency")) {
            (Some(amount), Some(currency)) => super::numbers::money(tr.lang, amount, currency),
            _ => String::new(),
        },
    }
}

/// What a text box shows for a linked record: its name, or its id when the caller may not
/// see it (so saving the form unchanged keeps the link).
pub async fn shown(state: &AppState, ui: &UiCtx, entity: Entity, id: &str) -> String {
    let Ok(uuid) = Uuid::parse_str(id) else {
        return String::new();
    };
    match records::get(&state.app, &ui.ctx, entity, uuid, None).await {
        Ok(r) => record_name(entity, &r),
        Err(_) => id.to_string(),
    }
}

/// The names of the records of `entity` with these ids, among those the caller sees.
pub async fn names(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    ids: &[String],
) -> HashMap<String, String> {
    super::pages::names_by_id(state, ui, entity, ids.to_vec(), |r| record_name(entity, r)).await
}

/// Why what was typed in a picker names no record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// No record the caller sees matches it.
    Unknown,
    /// Several do, and nothing tells which one is meant.
    Ambiguous,
}

impl Unresolved {
    /// The message shown under the field.
    pub fn message(self, tr: Tr) -> String {
        tr.t(match self {
            Unresolved::Unknown => "picker-unknown",
            Unresolved::Ambiguous => "picker-ambiguous",
        })
    }
}

/// The record a picker names: none when its text box is empty; the chosen id while the
/// text still shows that record's name (or its id); else the one record the text names.
pub async fn resolve(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    text: &str,
    chosen: &str,
) -> Result<Option<Uuid>, Unresolved> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let chosen = chosen.trim();
    if let Ok(id) = Uuid::parse_str(chosen) {
        // A hidden id is kept only while the box shows it, since a browser without
        // JavaScript sends the old id along with a newly typed name.
        if text == chosen || same_name(&shown(state, ui, entity, chosen).await, text) {
            return Ok(Some(id));
        }
    }
    find(state, ui, entity, text).await.map(Some)
}

/// Names compare without regard to case or repeated spaces.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(a) == fold(b)
}

/// The one record the caller sees that `text` names: by id, by exact email address (for
/// contacts), else by name: the one whose name it is exactly, or the only match there is.
async fn find(
    state: &AppState,
    ui: &UiCtx,
    entity: Entity,
    text: &str,
) -> Result<Uuid, Unresolved> {
    if let Ok(id) = Uuid::parse_str(text) {
        return match records::get(&state.app, &ui.ctx, entity, id, None).await {
            Ok(_) => Ok(id),
            Err(_) => Err(Unresolved::Unknown),
        };
    }
    if entity == Entity::Contact && text.contains('@') {
        let pairs = vec![
            ("filter[email]".to_string(), text.to_lowercase()),
            ("limit".to_string(), "2".to_string()),
        ];
        let found = records::list(&state.app, &ui.ctx, entity, &pairs)
            .await
            .map(|p| p.items)
            .unwrap_or_default();
        return one(&found);
    }
    let pairs = vec![
        ("q".to_string(), text.to_string()),
        ("limit".to_string(), NAME_MATCHES.to_string()),
    ];
    let Ok(page) = records::list(&state.app, &ui.ctx, entity, &pairs).await else {
        return Err(Unresolved::Unknown);
    };
    let exact: Vec<Record> = page
        .items
        .iter()
        .filter(|r| same_name(&record_name(entity, r), text))
        .cloned()
        .collect();
    if !exact.is_empty() {
        return one(&exact);
    }
    if page.next_cursor.is_some() {
        return Err(Unresolved::Ambiguous);
    }
    one(&page.items)
}

fn one(found: &[Record]) -> Result<Uuid, Unresolved> {
    match found {
        [] => Err(Unresolved::Unknown),
        [only] => only.id().ok_or(Unresolved::Unknown),
        _ => Err(Unresolved::Ambiguous),
    }
}

/// One suggestion in a picker's listbox.
pub struct Suggested {
    pub id: String,
    pub name: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "picker_list.html")]
struct ListFragment {
    /// The picker's text box id, which the listbox's and the options' ids start with.
    for_id: String,
    options: Vec<Suggested>,
    searched: bool,
    none: String,
    status: String,
}

/// A picker's text box id as sent back by the browser: letters, digits, `-` and `_`, else
/// a neutral one, since it becomes part of the fragment's ids.
fn element_id(raw: &str) -> String {
    let ok = !raw.is_empty()
        && raw.len() <= 40
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok { raw.to_string() } else { "pick".into() }
}

/// `GET /pick/{contacts|companies|deals}?for=…&field=…&{field}=…`: the listbox of up to ten
/// records matching what was typed in the picker's text box (whose name `field` gives, as
/// htmx sends a box's value under its own name), among those the caller may see.
pub async fn suggest(state: AppState, ui: UiCtx, entity: Entity, raw: Option<String>) -> Response {
    let tr = ui.tr;
    let params: Vec<(String, String)> = raw
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let field = param("field");
    let typed = if field.is_empty() || field == "for" || field == "field" {
        param("q")
    } else {
        param(&field)
    };
    let q: String = typed.trim().chars().take(200).collect();
    let searched = q.chars().count() >= 2;
    let mut options = Vec::new();
    if searched {
        let mut found: Vec<Record> = Vec::new();
        if let Ok(id) = Uuid::parse_str(&q)
            && let Ok(r) = records::get(&state.app, &ui.ctx, entity, id, None).await
        {
            found.push(r);
        } else {
            let pairs = vec![
                ("q".to_string(), q.clone()),
                ("limit".to_string(), SUGGESTIONS.to_string()),
            ];
            // Suggestions are a convenience: a failed search offers none.
            if let Ok(page) = records::list(&state.app, &ui.ctx, entity, &pairs).await {
                found = page.items;
            }
        }
        options = found
            .iter()
            .take(SUGGESTIONS)
            .filter_map(|r| {
                Some(Suggested {
                    id: r.id()?.to_string(),
                    name: record_name(entity, r),
                    detail: detail(tr, entity, r),
                })
            })
            .collect();
    }
    let fragment = ListFragment {
        for_id: element_id(&param("for")),
        status: if searched {
            tr.count("search-suggest-count", "count", options.len())
        } else {
            String::new()
        },
        options,
        searched,
        none: tr.t("picker-none"),
    };
    render(&fragment, StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_or_spacing() {
        assert!(same_name("Kari  Nordmann", "kari nordmann"));
        assert!(!same_name("Kari Nordmann", "Kari"));
    }

    #[test]
    fn element_ids_keep_to_safe_characters() {
        assert_eq!(element_id("t-contact"), "t-contact");
        assert_eq!(element_id("x\" onmouseover=\"a"), "pick");
        assert_eq!(element_id(""), "pick");
    }
}
