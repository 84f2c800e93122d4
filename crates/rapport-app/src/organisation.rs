//! Organisation-wide settings: the organisation's name and logo, and the language and time
//! zone for people who have not chosen their own.

use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_core::policy::Denied;
use rapport_core::{ValidationErrors, clock, values};
use rapport_store::logo::{self, Logo};
use rapport_store::sessions::{set_setting, setting};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const KEY: &str = "organisation";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub default_locale: Option<String>,
    pub default_time_zone: Option<String>,
    /// The logo's SHA-256 when there is one. It lives with the image, not in the settings,
    /// so that saving the settings and replacing the logo never undo each other.
    #[serde(skip)]
    pub logo: Option<String>,
}

/// The largest logo accepted: enough for a sharp header image, small enough to keep in
/// the database.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The image types a logo may have. SVG is not among them: it can carry script.
pub const LOGO_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// The current settings (empty until an administrator saves them).
pub async fn get(app: &App) -> Result<Organisation, AppError> {
    let mut org: Organisation = setting(&app.db, KEY)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    org.logo = logo::hash(&app.db).await?;
    Ok(org)
}

/// The logo, for anyone signed in (`ctx` is proof of that).
pub async fn logo(app: &App, _ctx: &Ctx) -> Result<Option<Logo>, AppError> {
    Ok(logo::get(&app.db).await?)
}

/// Stores a new logo; administrators only. The type is read from the bytes, never taken
/// from the client, and only PNG, JPEG and WebP are accepted.
pub async fn set_logo(app: &App, ctx: &Ctx, content: &[u8]) -> Result<String, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    if content.len() > MAX_LOGO_BYTES {
        return Err(AppError::TooLarge {
            limit: MAX_LOGO_BYTES as u64,
        });
    }
    let content_type = infer::get(content)
        .map(|k| k.mime_type())
        .filter(|t| LOGO_TYPES.contains(t))
        .ok_or_else(|| AppError::invalid("logo", Problem::LogoType))?;
    let sha256: String = Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let stored = Logo {
        content_type: content_type.to_string(),
        content: content.to_vec(),
        sha256: sha256.clone(),
    };
    let mut tx = app.db.begin().await?;
    logo::set(&mut tx, &stored, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(sha256)
}

/// Removes the logo; administrators only. Removing none is not an error.
pub async fn remove_logo(app: &App, ctx: &Ctx) -> Result<(), AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let mut tx = app.db.begin().await?;
    logo::remove(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves the settings; administrators only. Empty values clear a setting.
pub async fn save(
    app: &App,
    ctx: &Ctx,
    name: &str,
    locale: &str,
    time_zone: &str,
) -> Result<Organisation, AppError> {
    if !ctx.actor.may_manage_settings() {
        return Err(Denied::Role("change", "settings").into());
    }
    let mut errors = ValidationErrors::new();
    let name = name.trim();
    if name.chars().count() > 200 {
        errors.add("name", Problem::TooLong { max: 200 });
    }
    let locale = locale.trim();
    if !locale.is_empty() && !rapport_core::entity::LOCALES.contains(&locale) {
        errors.add(
            "default_locale",
            Problem::OneOf {
                options: rapport_core::entity::LOCALES.join(", "),
            },
        );
    }
    let time_zone = time_zone.trim();
    if !time_zone.is_empty()
        && let Err(m) = values::time_zone(time_zone)
    {
        errors.add("default_time_zone", m);
    }
    errors.into_result(())?;
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut org = Organisation {
        name: some(name),
        default_locale: some(locale),
        default_time_zone: some(time_zone),
        logo: None,
    };
    let value = serde_json::to_value(&org).map_err(|e| AppError::Internal(Box::new(e)))?;
    let mut tx = app.db.begin().await?;
    set_setting(&mut tx, KEY, &value, &clock::format(clock::now())).await?;
    tx.commit().await?;
    org.logo = logo::hash(&app.db).await?;
    Ok(org)
}
