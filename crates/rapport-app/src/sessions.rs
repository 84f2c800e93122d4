//! Web sign-in sessions: a random cookie value found by its hash, a CSRF token bound to
//! the session, and a sliding expiry.

use crate::auth::{actor_for_user, verify_login};
use crate::{App, AppError, Ctx};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rapport_core::Problem;
use rapport_core::clock;
use rapport_core::policy::{Actor, Scopes};
use rapport_store::sessions::{self, SessionRow};
use sha2::{Digest, Sha256};
use time::Duration;
use uuid::Uuid;

/// How long a session lasts without use.
pub const IDLE_LIFETIME: Duration = Duration::days(14);
/// How often a session's last use is written down (reads should not all become writes).
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: Uuid,
    pub actor: Actor,
    pub csrf_token: String,
    /// The password was right but the second factor is still owed.
    pub mfa_pending: bool,
}

/// 256 random bits, URL-safe.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string().into()))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Signs in with email and password; returns the new cookie value and the session.
pub async fn sign_in(
    app: &App,
    email: &str,
    password: &str,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<(String, Session), AppError> {
    let user_id = verify_login(app, email, password).await?;
    let pending = rapport_store::users::totp_secret(&app.db, user_id)
        .await?
        .is_some();
    begin(app, user_id, user_agent, ip, pending).await
}

/// Starts a session for a user who has proved who they are.
pub async fn start(
    app: &App,
    user_id: Uuid,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<(String, Session), AppError> {
    begin(app, user_id, user_agent, ip, false).await
}

async fn begin(
    app: &App,
    user_id: Uuid,
    user_agent: Option<&str>,
    ip: Option<&str>,
    mfa_pending: bool,
) -> Result<(String, Session), AppError> {
    let actor = actor_for_user(app, user_id, Scopes::default()).await?;
    let secret = random_token()?;
    let now = clock::now();
    let row = SessionRow {
        id: Uuid::now_v7(),
        user_id,
        csrf_token: random_token()?,
        user_agent: user_agent.map(|s| s.chars().take(300).collect()),
        ip: ip.map(str::to_string),
        created_at: clock::format(now),
        last_seen_at: clock::format(now),
        expires_at: clock::format(now + IDLE_LIFETIME),
        revoked_at: None,
        mfa_pending,
    };
    let mut tx = app.db.begin().await?;
    sessions::insert(&mut tx, &row, &hash(&secret)).await?;
    tx.commit().await?;
    Ok((
        secret,
        Session {
            id: row.id,
            actor,
            csrf_token: row.csrf_token,
            mfa_pending,
        },
    ))
}

/// Finds the live, fully signed-in session a cookie value belongs to.
pub async fn resume(app: &App, secret: &str) -> Result<Session, AppError> {
    let session = resume_any(app, secret).await?;
    if session.mfa_pending {
        return Err(AppError::Unauthenticated);
    }
    Ok(session)
}

/// Gives the second factor for a session that owes it.
pub async fn complete_mfa(app: &App, secret: &str, code: &str) -> Result<Session, AppError> {
    let mut session = resume_any(app, secret).await?;
    if !session.mfa_pending {
        return Ok(session);
    }
    if !crate::totp::check(app, session.actor.user_id, code).await? {
        return Err(AppError::invalid("code", Problem::CodeWrong));
    }
    let mut tx = app.db.begin().await?;
    sessions::complete_mfa(&mut tx, session.id).await?;
    tx.commit().await?;
    session.mfa_pending = false;
    Ok(session)
}

/// Finds the live session a cookie value belongs to, pending second factor or not.
pub async fn resume_any(app: &App, secret: &str) -> Result<Session, AppError> {
    if secret.is_empty() || secret.len() > 100 {
        return Err(AppError::Unauthenticated);
    }
    let row = sessions::by_hash(&app.db, &hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let now = clock::now();
    let expired = clock::parse(&row.expires_at).is_none_or(|t| t <= now);
    if row.revoked_at.is_some() || expired {
        return Err(AppError::Unauthenticated);
    }
    if clock::parse(&row.last_seen_at).is_none_or(|t| now - t > TOUCH_EVERY) {
        let mut tx = app.db.begin().await?;
        sessions::touch(
            &mut tx,
            row.id,
            &clock::format(now),
            &clock::format(now + IDLE_LIFETIME),
        )
        .await?;
        tx.commit().await?;
    }
    let actor = actor_for_user(app, row.user_id, Scopes::default()).await?;
    Ok(Session {
        id: row.id,
        actor,
        csrf_token: row.csrf_token,
        mfa_pending: row.mfa_pending,
    })
}

/// The caller's live sessions.
pub async fn list(app: &App, ctx: &Ctx) -> Result<Vec<SessionRow>, AppError> {
    Ok(sessions::live_for_user(&app.db, ctx.actor.user_id, &clock::format(clock::now())).await?)
}

/// Ends one of the caller's sessions.
pub async fn revoke(app: &App, ctx: &Ctx, id: Uuid) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let n = sessions::revoke(
        &mut tx,
        ctx.actor.user_id,
        Some(id),
        None,
        &clock::format(clock::now()),
    )
    .await?;
    tx.commit().await?;
    if n == 0 {
        Err(AppError::NotFound("session"))
    } else {
        Ok(())
    }
}

/// Ends every session of the caller except `keep` (after a password change, say).
pub async fn revoke_others(app: &App, ctx: &Ctx, keep: Uuid) -> Result<u64, AppError> {
    let mut tx = app.db.begin().await?;
    let n = sessions::revoke(
        &mut tx,
        ctx.actor.user_id,
        None,
        Some(keep),
        &clock::format(clock::now()),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}
