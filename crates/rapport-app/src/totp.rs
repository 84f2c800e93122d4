//! Optional two-factor sign-in with time-based one-time codes (RFC 6238: SHA-1, six digits,
//! 30-second steps, one step of leeway), as every authenticator app expects.

use crate::auth::verify_login;
use crate::{App, AppError, Ctx};
use rapport_core::Problem;
use rapport_store::users;
use totp_rs::{Builder, Secret, Totp};
use uuid::Uuid;

fn totp(secret_base32: &str, account: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|_| AppError::invalid("secret", Problem::BadSecret))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some("Rapport"))
        .build()
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

/// A new secret for setting up an authenticator, and its `otpauth://` address.
pub fn new_secret(account: &str) -> Result<(String, String), AppError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string().into()))?;
    let secret = Secret::from(bytes).to_base32();
    let url = setup_url(&secret, account)?;
    Ok((secret, url))
}

/// The `otpauth://` address that adds a secret to an authenticator app.
pub fn setup_url(secret: &str, account: &str) -> Result<String, AppError> {
    totp(secret, account)?
        .to_url()
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

/// Whether the caller has two-factor sign-in on.
pub async fn enabled(app: &App, ctx: &Ctx) -> Result<bool, AppError> {
    Ok(users::totp_secret(&app.db, ctx.actor.user_id)
        .await?
        .is_some())
}

fn code_matches(totp: &Totp, code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    code.len() == 6 && totp.check_current(&code).is_some()
}

/// Turns two-factor sign-in on once a code from the authenticator proves it is set up.
pub async fn enable(app: &App, ctx: &Ctx, secret: &str, code: &str) -> Result<(), AppError> {
    let user = ctx.actor.author().ok_or(AppError::NotFound("user"))?;
    if !code_matches(&totp(secret, "")?, code) {
        return Err(AppError::invalid("code", Problem::CodeWrong));
    }
    let mut tx = app.db.begin().await?;
    users::set_totp_secret(&mut tx, user, Some(secret)).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns two-factor sign-in off; the password is asked again.
pub async fn disable(app: &App, ctx: &Ctx, email: &str, password: &str) -> Result<(), AppError> {
    let user = ctx.actor.author().ok_or(AppError::NotFound("user"))?;
    if verify_login(app, email, password).await? != user {
        return Err(AppError::Unauthenticated);
    }
    let mut tx = app.db.begin().await?;
    users::set_totp_secret(&mut tx, user, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks a code against a user's secret.
pub async fn check(app: &App, user_id: Uuid, code: &str) -> Result<bool, AppError> {
    match users::totp_secret(&app.db, user_id).await? {
        Some(secret) => Ok(code_matches(&totp(&secret, "")?, code)),
        None => Ok(false),
    }
}

/// The current code for a secret (for tests and for showing what to expect).
pub fn current_code(secret: &str) -> Result<String, AppError> {
    Ok(totp(secret, "")?.generate_current().to_string())
}
