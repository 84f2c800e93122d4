//! Saved list views: a user names the search, filters and sort of a list to come back to,
//! for themselves or, as a manager or administrator, for everyone.

use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::entity::Entity;
use rapport_core::policy::{Action, Role};
use rapport_core::query::ListQuery;
use rapport_core::{ValidationErrors, clock};
use rapport_store::views::{self, SavedView};
use uuid::Uuid;

/// Saves a view after checking its query is one the list accepts.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    entity: Entity,
    name: &str,
    pairs: &[(String, String)],
    shared: bool,
) -> Result<SavedView, AppError> {
    ctx.actor.check(entity, Action::Read)?;
    let user_id = ctx.actor.author().ok_or(AppError::NotFound("user"))?;
    let mut errors = ValidationErrors::new();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", Problem::Length { min: 1, max: 100 });
    }
    if shared && !matches!(ctx.actor.role, Role::Admin | Role::Manager) {
        errors.add("shared", Problem::ShareViewsRole);
    }
    let kept: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, v)| {
            !v.is_empty() && (k == "q" || k == "sort" || k == "cols" || k.starts_with("filter["))
        })
        .cloned()
        .collect();
    // Columns are the page's business; the rest must be a valid list query.
    let query: Vec<(String, String)> = kept.iter().filter(|(k, _)| k != "cols").cloned().collect();
    if let Err(e) = ListQuery::parse(entity, &query) {
        errors.0.extend(e.0);
    }
    errors.into_result(())?;
    let view = SavedView {
        id: Uuid::now_v7(),
        user_id,
        entity: entity.table().to_string(),
        name: name.to_string(),
        query: serde_urlencoded::to_string(&kept).unwrap_or_default(),
        shared,
    };
    let mut tx = app.db.begin().await?;
    views::insert(&mut tx, &view, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(view)
}

pub async fn list(app: &App, ctx: &Ctx, entity: Entity) -> Result<Vec<SavedView>, AppError> {
    Ok(views::visible(&app.db, ctx.actor.user_id, entity.table()).await?)
}

/// Deletes one of the caller's own views.
pub async fn delete(app: &App, ctx: &Ctx, id: Uuid) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let gone = views::delete(&mut tx, id, ctx.actor.user_id).await?;
    tx.commit().await?;
    if gone {
        Ok(())
    } else {
        Err(AppError::NotFound("view"))
    }
}
