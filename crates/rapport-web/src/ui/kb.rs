//! The knowledge base's pages: categories with their articles and a search box, an
//! article's page (its sanitised HTML, its translations, its versions and "was this
//! helpful?"), and the choices the generic forms offer for articles and categories.

use super::forms::{self, user_choices};
use super::i18n::Tr;
use super::pages::{Shell, error_page, message_page, render};
use super::session::{UiCtx, csrf_refused, same_secret};
use crate::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use bytes::Bytes;
use rapport_app::{kb, records};
use rapport_core::entity::{Entity, KB_AUDIENCES, KB_STATUSES, LOCALES};
use rapport_core::record::Record;
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// Whether an entity is one of the knowledge base's.
pub fn is_kb(entity: Entity) -> bool {
    matches!(entity, Entity::KbArticle | Entity::KbCategory)
}

/// The names of the fields Rapport keeps for an article, which its form does not show,
/// as its history names them.
pub fn history_labels(entity: Entity) -> &'static [(&'static str, &'static str)] {
    match entity {
        Entity::KbArticle => &[
            ("body_text", "kb-field-body-text"),
            ("published_at", "kb-published-at"),
            ("helpful_yes", "kb-field-helpful-yes"),
            ("helpful_no", "kb-field-helpful-no"),
        ],
        _ => &[],
    }
}

/// The choices of the knowledge base's select fields: categories, originals to translate,
/// and the fixed lists (languages, statuses, audiences).
pub struct KbChoices {
    entity: Entity,
    categories: Vec<(String, String)>,
    originals: Vec<(String, String)>,
}

impl KbChoices {
    /// Whether this field's choices come from here.
    pub fn covers(&self, name: &str) -> bool {
        match self.entity {
            Entity::KbArticle => matches!(
                name,
                "category_id" | "translation_of" | "language" | "status" | "audience"
            ),
            Entity::KbCategory => name == "parent_id",
            _ => false,
        }
    }

    /// The (value, label) pairs of one field, a first choice of none where it may be empty.
    pub fn of(&self, tr: Tr, name: &str) -> Vec<(String, String)> {
        let none = || (String::new(), tr.t("form-none"));
        let fixed = |list: &[&str], prefix: &str| {
            list.iter()
                .map(|v| (v.to_string(), tr.t(&format!("{prefix}-{v}"))))
                .collect::<Vec<_>>()
        };
        match name {
            "category_id" | "parent_id" => std::iter::once(none())
                .chain(self.categories.iter().cloned())
                .collect(),
            "translation_of" => std::iter::once((String::new(), tr.t("kb-original")))
                .chain(self.originals.iter().cloned())
                .collect(),
            "language" => fixed(LOCALES, "language"),
            "status" => fixed(KB_STATUSES, "kb-status"),
            "audience" => fixed(KB_AUDIENCES, "kb-audience"),
            _ => Vec::new(),
        }
    }
}

/// Loads what the forms of `entity` choose from (nothing for other entities).
pub async fn form_choices(state: &AppState, ui: &UiCtx, entity: Entity) -> KbChoices {
    let mut choices = KbChoices {
        entity,
        categories: Vec::new(),
        originals: Vec::new(),
    };
    if !is_kb(entity) {
        return choices;
    }
    // Only top-level categories may hold others; articles go in any.
    let top_only = entity == Entity::KbCategory;
    choices.categories = categories(state, ui)
        .await
        .iter()
        .filter(|c| !top_only || c.get("parent_id").is_null())
        .filter_map(|c| Some((c.id()?.to_string(), c.str("name")?.to_string())))
        .collect();
    if entity == Entity::KbArticle {
        choices.originals = list(state, ui, &[("filter[translation_of][is_null]", "true")])
            .await
            .iter()
            .filter_map(|a| Some((a.id()?.to_string(), label(a))))
            .collect();
    }
    choices
}

fn label(article: &Record) -> String {
    format!(
        "{} ({})",
        article.str("title").unwrap_or(""),
        article.str("language").unwrap_or("")
    )
}

async fn categories(state: &AppState, ui: &UiCtx) -> Vec<Record> {
    let pairs = vec![("limit".to_string(), "500".to_string())];
    records::list(&state.app, &ui.ctx, Entity::KbCategory, &pairs)
        .await
        .map(|p| p.items)
        .unwrap_or_default()
}

async fn list(state: &AppState, ui: &UiCtx, extra: &[(&str, &str)]) -> Vec<Record> {
    let mut pairs = vec![
        ("limit".to_string(), "500".to_string()),
        ("sort".to_string(), "title".to_string()),
    ];
    pairs.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    records::list(&state.app, &ui.ctx, Entity::KbArticle, &pairs)
        .await
        .map(|p| p.items)
        .unwrap_or_default()
}

/// One article in a list.
pub struct ArticleLine {
    pub href: String,
    pub title: String,
    pub language: String,
    /// The words that mark a draft, an archived or an internal article.
    pub marks: Vec<String>,
}

/// One category with its articles.
pub struct CategoryBlock {
    pub id: String,
    pub name: String,
    pub description: String,
    pub edit: Option<String>,
    pub sub: bool,
    pub articles: Vec<ArticleLine>,
}

fn marks(tr: Tr, article: &Record) -> Vec<String> {
    let mut out = Vec::new();
    match article.str("status") {
        Some("published") => {}
        Some(status) => out.push(tr.t(&format!("kb-status-{status}"))),
        None => {}
    }
    if article.str("audience") != Some("public") {
        out.push(tr.t("kb-audience-internal"));
    }
    out
}

fn line(tr: Tr, article: &Record) -> ArticleLine {
    ArticleLine {
        href: format!("/kb/articles/{}", article.id().unwrap_or_default()),
        title: article.str("title").unwrap_or("").to_string(),
        language: tr.t(&format!(
            "language-{}",
            article.str("language").unwrap_or("en")
        )),
        marks: marks(tr, article),
    }
}

#[derive(Template)]
#[template(path = "kb.html")]
struct IndexPage {
    shell: Shell,
    q: String,
    searched: bool,
    found: Vec<ArticleLine>,
    blocks: Vec<CategoryBlock>,
    loose: Vec<ArticleLine>,
}

/// `GET /kb`: the categories with their articles in their original language, or the
/// articles a search finds in any language.
pub async fn index(state: AppState, ui: UiCtx, query: Option<String>) -> Response {
    let tr = ui.tr;
    let q = query
        .and_then(|q| serde_urlencoded::from_str::<HashMap<String, String>>(&q).ok())
        .and_then(|m| m.get("q").cloned())
        .unwrap_or_default()
        .trim()
        .to_string();
    let mut found = Vec::new();
    let mut blocks = Vec::new();
    let mut loose = Vec::new();
    if !q.is_empty() {
        let pairs = vec![
            ("q".to_string(), q.clone()),
            ("limit".to_string(), "100".to_string()),
        ];
        match records::list(&state.app, &ui.ctx, Entity::KbArticle, &pairs).await {
            Ok(page) => found = page.items.iter().map(|a| line(tr, a)).collect(),
            Err(e) => return error_page(tr, e),
        }
    } else {
        let originals = list(&state, &ui, &[("filter[translation_of][is_null]", "true")]).await;
        let all = categories(&state, &ui).await;
        let may_edit = ui
            .ctx
            .actor
            .check(Entity::KbCategory, rapport_core::policy::Action::Update)
            .is_ok();
        let block = |c: &Record, sub: bool| {
            let id = c.id().unwrap_or_default().to_string();
            CategoryBlock {
                articles: originals
                    .iter()
                    .filter(|a| a.str("category_id") == Some(id.as_str()))
                    .map(|a| line(tr, a))
                    .collect(),
                name: c.str("name").unwrap_or("").to_string(),
                description: c.str("description").unwrap_or("").to_string(),
                edit: may_edit.then(|| format!("/kb/categories/{id}/edit")),
                sub,
                id,
            }
        };
        for top in all.iter().filter(|c| c.get("parent_id").is_null()) {
            blocks.push(block(top, false));
            let top_id = top.id().unwrap_or_default().to_string();
            for child in all
                .iter()
                .filter(|c| c.str("parent_id") == Some(top_id.as_str()))
            {
                blocks.push(block(child, true));
            }
        }
        let known: Vec<String> = all
            .iter()
            .filter_map(|c| c.id().map(|i| i.to_string()))
            .collect();
        loose = originals
            .iter()
            .filter(|a| {
                a.str("category_id")
                    .is_none_or(|c| !known.iter().any(|k| k == c))
            })
            .map(|a| line(tr, a))
            .collect();
    }
    let shell = Shell::new(&ui, tr.t("kb-title"), "/kb");
    render(
        &IndexPage {
            shell,
            searched: !q.is_empty(),
            q,
            found,
            blocks,
            loose,
        },
        StatusCode::OK,
    )
}

/// One fact beside an article.
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// A link to another language of the same article.
pub struct Variant {
    pub href: String,
    pub language: String,
    pub title: String,
    pub current: bool,
}

/// One version in the list.
pub struct VersionLine {
    pub href: String,
    pub number: usize,
    pub at: String,
    pub at_text: String,
    pub by: String,
    pub shown: bool,
}

#[derive(Template)]
#[template(path = "kb_article.html")]
struct ArticlePage {
    shell: Shell,
    base: String,
    marks: Vec<String>,
    facts: Vec<Fact>,
    /// The sanitised body, which the template writes as HTML.
    body: String,
    /// The number of an older version shown instead of the current text.
    old_version: Option<usize>,
    variants: Vec<Variant>,
    translate: Option<String>,
    versions: Vec<VersionLine>,
    published: bool,
    yes: i64,
    no: i64,
    thanked: bool,
    may_edit: bool,
}

/// `GET /kb/articles/{id}`: the article, or with `?version=N` one of its versions.
pub async fn article(state: AppState, ui: UiCtx, id: String, query: Option<String>) -> Response {
    let tr = ui.tr;
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let record = match records::get(&state.app, &ui.ctx, Entity::KbArticle, id, None).await {
        Ok(r) => r,
        Err(e) => return error_page(tr, e),
    };
    let versions = match kb::versions(&state.app, &ui.ctx, id).await {
        Ok(v) => v,
        Err(e) => return error_page(tr, e),
    };
    let params: HashMap<String, String> = query
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default();
    let asked: Option<usize> = params.get("version").and_then(|v| v.parse().ok());
    let thanked = params.contains_key("thanks");
    let old = asked.and_then(|n| {
        versions
            .iter()
            .find(|v| v.number == n && n < versions.len())
    });
    if asked.is_some_and(|n| n == 0 || n > versions.len()) {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    }
    let (title, body) = match old {
        Some(v) => (
            v.title.as_str().unwrap_or("").to_string(),
            v.body.as_str().unwrap_or("").to_string(),
        ),
        None => (
            record.str("title").unwrap_or("").to_string(),
            record.str("body").unwrap_or("").to_string(),
        ),
    };
    let base = format!("/kb/articles/{id}");
    let people: HashMap<String, String> = user_choices(&state, &ui)
        .await
        .into_iter()
        .map(|c| (c.value, c.label))
        .collect();
    let shown_number = old.map_or(versions.len(), |v| v.number);
    let version_lines = versions
        .iter()
        .rev()
        .map(|v| VersionLine {
            href: format!("{base}?version={}", v.number),
            number: v.number,
            at: v.created_at.clone(),
            at_text: ui.when(&v.created_at),
            by: v
                .actor_id
                .and_then(|a| people.get(&a.to_string()).cloned())
                .unwrap_or_default(),
            shown: v.number == shown_number,
        })
        .collect();

    // The original and its translations, this article among them.
    let original = record.uuid("translation_of").unwrap_or(id);
    let mut family: Vec<Record> = Vec::new();
    if original != id {
        if let Ok(o) = records::get(&state.app, &ui.ctx, Entity::KbArticle, original, None).await
            && !o.is_deleted()
        {
            family.push(o);
        }
    } else {
        family.push(record.clone());
    }
    let filter = original.to_string();
    family.extend(list(&state, &ui, &[("filter[translation_of]", filter.as_str())]).await);
    family.sort_by(|a, b| a.str("language").cmp(&b.str("language")));
    let variants: Vec<Variant> = family
        .iter()
        .map(|a| Variant {
            href: format!("/kb/articles/{}", a.id().unwrap_or_default()),
            language: tr.t(&format!("language-{}", a.str("language").unwrap_or("en"))),
            title: a.str("title").unwrap_or("").to_string(),
            current: a.id() == Some(id),
        })
        .collect();
    let may_edit = ui
        .ctx
        .actor
        .check(Entity::KbArticle, rapport_core::policy::Action::Update)
        .is_ok();
    let translate = (may_edit && family.len() < LOCALES.len())
        .then(|| format!("/kb/articles/new?translation_of={original}"));

    let category = match record.uuid("category_id") {
        Some(c) => records::get(&state.app, &ui.ctx, Entity::KbCategory, c, None)
            .await
            .map(|c| c.str("name").unwrap_or("").to_string())
            .unwrap_or_default(),
        None => tr.t("form-none"),
    };
    let mut facts = vec![
        Fact {
            label: tr.t("kb-field-category"),
            value: category,
        },
        Fact {
            label: tr.t("kb-field-language"),
            value: tr.t(&format!(
                "language-{}",
                record.str("language").unwrap_or("en")
            )),
        },
        Fact {
            label: tr.t("kb-field-status"),
            value: tr.t(&format!(
                "kb-status-{}",
                record.str("status").unwrap_or("draft")
            )),
        },
        Fact {
            label: tr.t("kb-field-audience"),
            value: tr.t(&format!(
                "kb-audience-{}",
                record.str("audience").unwrap_or("internal")
            )),
        },
    ];
    if let Some(at) = record.str("published_at") {
        facts.push(Fact {
            label: tr.t("kb-published-at"),
            value: ui.when(at),
        });
    }
    let shell = Shell::new(&ui, title, "/kb");
    render(
        &ArticlePage {
            shell,
            marks: marks(tr, &record),
            facts,
            // Stored bodies are sanitised on write; sanitising again on the way out keeps
            // the page inert even for rows written some other way.
            body: rapport_core::kb::sanitise(&body),
            old_version: old.map(|v| v.number),
            variants,
            translate,
            versions: version_lines,
            published: record.str("status") == Some("published") && !record.is_deleted(),
            yes: record.get("helpful_yes").as_i64().unwrap_or(0),
            no: record.get("helpful_no").as_i64().unwrap_or(0),
            thanked,
            may_edit,
            base,
        },
        StatusCode::OK,
    )
}

/// `GET /kb/articles/new`: the article form; `?translation_of=ID` starts a translation
/// of that article in its category.
pub async fn new_article(state: AppState, ui: UiCtx, query: Option<String>) -> Response {
    let asked = query
        .and_then(|q| serde_urlencoded::from_str::<HashMap<String, String>>(&q).ok())
        .and_then(|m| {
            m.get("translation_of")
                .and_then(|v| Uuid::parse_str(v).ok())
        });
    let mut values = HashMap::new();
    if let Some(original) = asked
        && let Ok(o) = records::get(&state.app, &ui.ctx, Entity::KbArticle, original, None).await
    {
        values.insert("translation_of".to_string(), original.to_string());
        if let Some(c) = o.str("category_id") {
            values.insert("category_id".to_string(), c.to_string());
        }
        values.insert(
            "audience".to_string(),
            o.str("audience").unwrap_or("internal").to_string(),
        );
        // The first language the article has no text in yet.
        let filter = original.to_string();
        let taken: Vec<String> = list(&state, &ui, &[("filter[translation_of]", filter.as_str())])
            .await
            .iter()
            .chain(std::iter::once(&o))
            .filter_map(|a| a.str("language").map(str::to_string))
            .collect();
        if let Some(language) = LOCALES.iter().find(|l| !taken.iter().any(|t| t == *l)) {
            values.insert("language".to_string(), language.to_string());
        }
    }
    forms::new_form_with(state, ui, Entity::KbArticle, &values).await
}

/// `POST /kb/articles/{id}/feedback`: one "was this helpful?" answer, then the article.
pub async fn feedback(state: AppState, ui: UiCtx, id: String, body: Bytes) -> Response {
    let tr = ui.tr;
    let form: HashMap<String, String> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if !same_secret(
        &ui.session.csrf_token,
        form.get("_csrf").map_or("", String::as_str),
    ) {
        return csrf_refused(tr);
    }
    let Ok(id) = Uuid::parse_str(&id) else {
        return message_page(tr, StatusCode::NOT_FOUND, &tr.t("error-not-found"));
    };
    let helpful = form.get("helpful").map(String::as_str) == Some("yes");
    match kb::feedback(&state.app, &ui.ctx, id, &json!({ "helpful": helpful })).await {
        Ok(_) => Redirect::to(&format!("/kb/articles/{id}?thanks=1")).into_response(),
        Err(e) => error_page(tr, e),
    }
}
