//! Organisation-wide settings: the organisation's name, and the language and time zone for
//! people who have not chosen their own.

use crate::{App, AppError, Ctx};
use rapport_core::policy::Denied;
use rapport_core::{ValidationErrors, clock, values};
use rapport_store::sessions::{set_setting, setting};
use serde::{Deserialize, Serialize};

const KEY: &str = "organisation";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub default_locale: Option<String>,
    pub default_time_zone: Option<String>,
}

/// The current settings (empty until an administrator saves them).
pub async fn get(app: &App) -> Result<Organisation, AppError> {
    Ok(setting(&app.db, KEY)
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
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
        errors.add("name", "must be at most 200 characters");
    }
    let locale = locale.trim();
    if !locale.is_empty() && !rapport_core::entity::LOCALES.contains(&locale) {
        errors.add(
            "default_locale",
            format!(
                "must be one of: {}",
                rapport_core::entity::LOCALES.join(", ")
            ),
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
    let org = Organisation {
        name: some(name),
        default_locale: some(locale),
        default_time_zone: some(time_zone),
    };
    let value = serde_json::to_value(&org).map_err(|e| AppError::Internal(Box::new(e)))?;
    let mut tx = app.db.begin().await?;
    set_setting(&mut tx, KEY, &value, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(org)
}
