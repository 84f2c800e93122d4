//! Credentials: argon2id password hashes, API tokens, and turning either into an [`Actor`].
//!
//! API tokens are 256 random bits; a token is stored as the SHA-256 of its text. A slow
//! hash adds nothing against guessing a 256-bit secret and would cost every request.

use crate::records;
use crate::{App, AppError, Ctx};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rapport_core::Problem;
use rapport_core::clock;
use rapport_core::entity::Entity;
use rapport_core::policy::{Action, Actor, Role, Scopes};
use rapport_core::values;
use rapport_store::users::{self, TokenRow};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The prefix every token carries, so leaked tokens are easy to find and scan for.
pub const TOKEN_PREFIX: &str = "rpt_";
/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(e.to_string().into()))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Checks a new password against the rules before anything is stored.
pub fn check_password_rules(password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            "password",
            Problem::TooShort {
                min: MIN_PASSWORD_LEN,
            },
        ));
    }
    if password.len() > 1024 {
        return Err(AppError::invalid(
            "password",
            Problem::TooLongBytes { max: 1024 },
        ));
    }
    Ok(())
}

/// Sets a user's password.
pub async fn set_password(
    app: &App,
    ctx: &Ctx,
    user_id: Uuid,
    password: &str,
) -> Result<(), AppError> {
    if ctx.actor.user_id != user_id {
        ctx.actor.check(Entity::User, Action::Update)?;
    }
    check_password_rules(password)?;
    let hash = hash_password(password)?;
    let mut tx = app.db.begin().await?;
    if !users::set_password_hash(&mut tx, user_id, &hash).await? {
        return Err(AppError::NotFound("user"));
    }
    tx.commit().await?;
    Ok(())
}

/// Checks an email and password; returns the user's id.
pub async fn verify_login(app: &App, email: &str, password: &str) -> Result<Uuid, AppError> {
    let email = values::login_email(email).map_err(|_| AppError::Unauthenticated)?;
    let row = users::password_row(&app.db, &email).await?;
    match row {
        Some(row) if row.active && !row.deleted => {
            let ok = row
                .password_hash
                .as_deref()
                .is_some_and(|h| verify_password(password, h));
            if ok {
                Ok(row.user_id)
            } else {
                Err(AppError::Unauthenticated)
            }
        }
        _ => {
            // Spend the same effort as a real check so timing does not reveal accounts.
            let _ = hash_password(password);
            Err(AppError::Unauthenticated)
        }
    }
}

/// Adds a user; with a password when given. Used by the CLI and the admin API.
pub async fn add_user(
    app: &App,
    ctx: &Ctx,
    email: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
) -> Result<Uuid, AppError> {
    if let Some(p) = password {
        check_password_rules(p)?;
    }
    let record = records::create(
        app,
        ctx,
        Entity::User,
        &json!({ "email": email, "name": name, "role": role.as_str() }),
    )
    .await?;
    let id = record.id().ok_or(AppError::NotFound("user"))?;
    if let Some(p) = password {
        set_password(app, ctx, id, p).await?;
    }
    Ok(id)
}

fn token_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes a new API token for a user. The secret is returned once and never stored.
pub async fn create_token(
    app: &App,
    ctx: &Ctx,
    user_id: Uuid,
    name: &str,
    scopes: &[String],
) -> Result<(TokenRow, String), AppError> {
    if ctx.actor.user_id != user_id {
        ctx.actor.check(Entity::User, Action::Update)?;
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            Problem::Length { min: 1, max: 100 },
        ));
    }
    let scopes = Scopes::parse(scopes).map_err(|m| AppError::invalid("scope", m))?;
    users_exists(app, user_id).await?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string().into()))?;
    let secret = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    let row = TokenRow {
        id: Uuid::now_v7(),
        user_id,
        name: name.to_string(),
        scopes: scopes.0,
        created_at: clock::format(clock::now()),
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = app.db.begin().await?;
    users::insert_token(&mut tx, &row, &token_hash(&secret)).await?;
    tx.commit().await?;
    Ok((row, secret))
}

async fn users_exists(app: &App, user_id: Uuid) -> Result<(), AppError> {
    match rapport_store::records::get(&app.db, Entity::User, user_id).await? {
        Some(u) if !u.is_deleted() => Ok(()),
        _ => Err(AppError::NotFound("user")),
    }
}

/// Lists tokens: an admin's view of all, or one user's own.
pub async fn list_tokens(
    app: &App,
    ctx: &Ctx,
    user_id: Option<Uuid>,
) -> Result<Vec<TokenRow>, AppError> {
    if user_id != Some(ctx.actor.user_id) {
        ctx.actor.check(Entity::User, Action::Update)?;
    }
    Ok(users::tokens(&app.db, user_id).await?)
}

/// Revokes a token; users may revoke their own, admins any.
pub async fn revoke_token(app: &App, ctx: &Ctx, token_id: Uuid) -> Result<(), AppError> {
    let all = users::tokens(&app.db, None).await?;
    let token = all
        .iter()
        .find(|t| t.id == token_id)
        .ok_or(AppError::NotFound("token"))?;
    if token.user_id != ctx.actor.user_id {
        ctx.actor.check(Entity::User, Action::Update)?;
    }
    let mut tx = app.db.begin().await?;
    users::revoke_token(&mut tx, token_id, &clock::format(clock::now())).await?;
    tx.commit().await?;
    Ok(())
}

/// Finds the actor an API token stands for.
pub async fn actor_for_token(app: &App, secret: &str) -> Result<Actor, AppError> {
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
        return Err(AppError::Unauthenticated);
    }
    let (token, standing) = users::token_holder(&app.db, &token_hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if token.revoked_at.is_some() {
        return Err(AppError::Unauthenticated);
    }
    let now = clock::now();
    let stale = token
        .last_used_at
        .as_deref()
        .and_then(clock::parse)
        .is_none_or(|t| now - t > time::Duration::minutes(5));
    if stale {
        // Recorded at most every few minutes, so reads do not turn into writes.
        let mut tx = app.db.begin().await?;
        users::touch_token(&mut tx, token.id, &clock::format(now)).await?;
        tx.commit().await?;
    }
    actor_from(app, token.user_id, &standing, Scopes(token.scopes)).await
}

/// Builds the actor for a user: their role and the users they share a team with.
pub async fn actor_for_user(app: &App, user_id: Uuid, scopes: Scopes) -> Result<Actor, AppError> {
    let user = rapport_store::records::get(&app.db, Entity::User, user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let standing = users::UserStanding {
        role: user.str("role").unwrap_or_default().to_string(),
        active: user.get("active").as_bool().unwrap_or(false),
        deleted: user.is_deleted(),
    };
    actor_from(app, user_id, &standing, scopes).await
}

async fn actor_from(
    app: &App,
    user_id: Uuid,
    standing: &users::UserStanding,
    scopes: Scopes,
) -> Result<Actor, AppError> {
    if standing.deleted || !standing.active {
        return Err(AppError::Unauthenticated);
    }
    let role = Role::parse(&standing.role).ok_or(AppError::Unauthenticated)?;
    let mut teammates = vec![user_id];
    // Teams only narrow what a role that does not see everything sees.
    if !role.sees_all() {
        for members in users::team_members(&app.db).await? {
            if members.contains(&user_id) {
                teammates.extend(members);
            }
        }
        teammates.sort();
        teammates.dedup();
    }
    Ok(Actor {
        user_id,
        role,
        teammates,
        scopes,
    })
}
