//! The knowledge base's rules that look beyond one field: an article's plain text and
//! publication time, its translations (one per language of an original), categories one
//! level deep, its versions read from its history, and "was this helpful?" votes.
//!
//! The record services call [`prepare`] inside the write's transaction, on the state the
//! change would leave, like `sales::prepare`.

use crate::records::{load_for_write, load_visible, write_change};
use crate::{App, AppError, Ctx};
use futures_util::FutureExt;
use rapport_core::history::Action as Change;
use rapport_core::kb::{self, Version};
use rapport_core::policy::Action;
use rapport_core::record::Record;
use rapport_core::{Entity, Problem, ValidationErrors, clock};
use rapport_store::Tx;
use rapport_store::events;
use rapport_store::records as store;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// Checks and completes the state a change leaves.
pub async fn prepare(
    tx: &mut Tx,
    entity: Entity,
    before: Option<&Record>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    match entity {
        Entity::KbArticle => article(tx, before, data).await,
        Entity::KbCategory => category(tx, before, data).await,
        _ => Ok(()),
    }
}

fn text<'a>(data: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    data.get(key).and_then(Value::as_str)
}

fn uuid(data: &Map<String, Value>, key: &str) -> Option<Uuid> {
    text(data, key).and_then(|s| Uuid::parse_str(s).ok())
}

async fn article(
    tx: &mut Tx,
    before: Option<&Record>,
    data: &mut Map<String, Value>,
) -> Result<(), AppError> {
    let body_text = text(data, "body")
        .map(kb::plain_text)
        .filter(|t| !t.is_empty());
    data.insert("body_text".into(), json!(body_text));
    let status = text(data, "status").unwrap_or("draft").to_string();
    let published = kb::published_at(
        before.and_then(|b| b.str("status")),
        before.and_then(|b| b.str("published_at")),
        &status,
        &clock::format(clock::now()),
    );
    data.insert("published_at".into(), json!(published));

    let language = text(data, "language").unwrap_or("en").to_string();
    let same_language = before.is_some_and(|b| b.str("language") == Some(&language));
    match uuid(data, "translation_of") {
        Some(original_id) => {
            let Some(original) = store::get_in(tx, Entity::KbArticle, original_id)
                .await?
                .filter(|o| !o.is_deleted())
            else {
                return Err(ValidationErrors::one(
                    "translation_of",
                    Problem::NoSuchRecord {
                        entity: Entity::KbArticle,
                    },
                )
                .into());
            };
            if original.get("translation_of").is_string() {
                return Err(ValidationErrors::one(
                    "translation_of",
                    Problem::KbTranslationOfTranslation,
                )
                .into());
            }
            if original.str("language") == Some(&language) {
                return Err(ValidationErrors::one("language", Problem::KbSameLanguage).into());
            }
            if !same_language {
                let me = before.and_then(Record::id);
                for sibling in variants(tx, original_id).await? {
                    if sibling.id() != me && sibling.str("language") == Some(&language) {
                        return Err(ValidationErrors::one(
                            "language",
                            Problem::KbLanguageTaken { language },
                        )
                        .into());
                    }
                }
            }
        }
        // An original may not take the language one of its translations is in.
        None if !same_language => {
            if let Some(id) = before.and_then(Record::id) {
                for variant in variants(tx, id).await? {
                    if variant.str("language") == Some(&language) {
                        return Err(ValidationErrors::one(
                            "language",
                            Problem::KbLanguageTaken { language },
                        )
                        .into());
                    }
                }
            }
        }
        None => {}
    }
    Ok(())
}

/// The live translations of an original.
async fn variants(tx: &mut Tx, original: Uuid) -> Result<Vec<Record>, AppError> {
    let mut out = Vec::new();
    for id in store::ids_where(tx, Entity::KbArticle, "translation_of", original).await? {
        if let Some(variant) = store::get_in(tx, Entity::KbArticle, id).await?
            && !variant.is_deleted()
        {
            out.push(variant);
        }
    }
    Ok(out)
}

async fn category(
    tx: &mut Tx,
    before: Option<&Record>,
    data: &Map<String, Value>,
) -> Result<(), AppError> {
    let Some(parent_id) = uuid(data, "parent_id") else {
        return Ok(());
    };
    let too_deep = || ValidationErrors::one("parent_id", Problem::KbCategoryTooDeep).into();
    let me = before.and_then(Record::id);
    if me == Some(parent_id) {
        return Err(too_deep());
    }
    if let Some(parent) = store::get_in(tx, Entity::KbCategory, parent_id).await?
        && parent.get("parent_id").is_string()
    {
        return Err(too_deep());
    }
    // A category that holds others stays at the top.
    if let Some(me) = me {
        for child in store::ids_where(tx, Entity::KbCategory, "parent_id", me).await? {
            if store::get_in(tx, Entity::KbCategory, child)
                .await?
                .is_some_and(|c| !c.is_deleted())
            {
                return Err(too_deep());
            }
        }
    }
    Ok(())
}

/// An article's versions, oldest first: the title and body as each change left them.
pub async fn versions(app: &App, ctx: &Ctx, id: Uuid) -> Result<Vec<Version>, AppError> {
    ctx.actor.check(Entity::KbArticle, Action::Read)?;
    load_visible(app, ctx, Entity::KbArticle, id).await?;
    let history = events::for_record(&app.db, id, None).await?;
    Ok(kb::versions(&history))
}

/// One version of an article, by its number.
pub async fn version(app: &App, ctx: &Ctx, id: Uuid, number: usize) -> Result<Version, AppError> {
    versions(app, ctx, id)
        .await?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or(AppError::NotFound("version"))
}

/// Counts one "was this helpful?" answer: `{"helpful": true | false}`. The article is
/// read locked and written through the record write path, so concurrent answers queue
/// and none is lost, and each is an event in the article's history.
pub async fn feedback(app: &App, ctx: &Ctx, id: Uuid, body: &Value) -> Result<Record, AppError> {
    ctx.actor.may_give_feedback()?;
    let object = body
        .as_object()
        .ok_or_else(|| AppError::invalid("", Problem::BodyNotObject))?;
    let mut errors = ValidationErrors::new();
    for key in object.keys().filter(|k| k.as_str() != "helpful") {
        errors.add(key.clone(), Problem::NotRequestField);
    }
    let helpful = match object.get("helpful") {
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            errors.add("helpful", Problem::NotABool);
            None
        }
        None => {
            errors.add("helpful", Problem::Required);
            None
        }
    };
    errors.into_result(())?;
    let Some(helpful) = helpful else {
        return Err(AppError::invalid("helpful", Problem::Required));
    };
    let counter = if helpful { "helpful_yes" } else { "helpful_no" };
    let ctx = ctx.clone();
    app.db
        .write(move |tx| {
            async move {
                let before = load_for_write(tx, &ctx, Entity::KbArticle, id, None).await?;
                if before.is_deleted() {
                    return Err(AppError::Conflict("this article is deleted".into()));
                }
                if before.str("status") != Some("published") {
                    return Err(AppError::Conflict(
                        "only a published article takes feedback".into(),
                    ));
                }
                let mut data = before.data.clone();
                let count = before.get(counter).as_i64().unwrap_or(0) + 1;
                data.insert(counter.into(), json!(count));
                write_change(tx, &ctx, Entity::KbArticle, &before, data, Change::Update).await
            }
            .boxed()
        })
        .await
}
