//! Credentials: password hashes, API tokens and team membership lookups.
//!
//! User records themselves are stored through `records` like any other entity; the hash
//! of a password lives in a column that no entity field names, so it is never listed,
//! filtered or returned.

use crate::connect::{Db, Tx};
use crate::sql::{self, StoreError, bind, bind_time, bind_uuid};
use rapport_core::entity::FieldType;
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::{Map, Value};
use uuid::Uuid;

/// What signing in with a password needs to know about a user.
#[derive(Debug, Clone)]
pub struct PasswordRow {
    pub user_id: Uuid,
    pub password_hash: Option<String>,
    pub active: bool,
    pub deleted: bool,
}

pub async fn password_row(db: &Db, email: &str) -> Result<Option<PasswordRow>, StoreError> {
    let statement = Query::select()
        .columns(["id", "password_hash", "active", "deleted_at"])
        .from("users")
        .and_where(Expr::col("email").eq(email))
        .to_owned();
    let rows = sql::fetch(
        db.into(),
        &statement,
        &[
            ("id", FieldType::Uuid),
            ("password_hash", FieldType::Text),
            ("active", FieldType::Bool),
            ("deleted_at", FieldType::Time),
        ],
    )
    .await?;
    Ok(rows.into_iter().next().and_then(|r| {
        Some(PasswordRow {
            user_id: uuid(&r, "id")?,
            password_hash: r
                .get("password_hash")
                .and_then(Value::as_str)
                .map(str::to_string),
            active: r.get("active").and_then(Value::as_bool).unwrap_or(false),
            deleted: !r.get("deleted_at").is_none_or(Value::is_null),
        })
    }))
}

pub async fn set_password_hash(tx: &mut Tx, user_id: Uuid, hash: &str) -> Result<bool, StoreError> {
    let b = tx.backend();
    let statement = Query::update()
        .table("users")
        .value("password_hash", hash)
        .and_where(Expr::col("id").eq(bind_uuid(b, user_id)))
        .to_owned();
    Ok(sql::execute(tx, &statement).await? == 1)
}

/// Finds the id of the user with this (normalised) email address.
pub async fn id_by_email(db: &Db, email: &str) -> Result<Option<Uuid>, StoreError> {
    Ok(password_row(db, email).await?.map(|r| r.user_id))
}

pub async fn any_user(db: &Db) -> Result<bool, StoreError> {
    let statement = Query::select()
        .column("id")
        .from("users")
        .limit(1)
        .to_owned();
    Ok(
        !sql::fetch(db.into(), &statement, &[("id", FieldType::Uuid)])
            .await?
            .is_empty(),
    )
}

fn uuid(row: &Map<String, Value>, key: &str) -> Option<Uuid> {
    row.get(key)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// A stored API token (without its secret, which is never stored).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub scopes: Vec<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const TOKEN_COLUMNS: [(&str, FieldType); 7] = [
    ("id", FieldType::Uuid),
    ("user_id", FieldType::Uuid),
    ("name", FieldType::Text),
    ("scopes", FieldType::Json),
    ("created_at", FieldType::Time),
    ("last_used_at", FieldType::Time),
    ("revoked_at", FieldType::Time),
];

fn token_row(r: &Map<String, Value>) -> Option<TokenRow> {
    let text = |k: &str| r.get(k).and_then(Value::as_str).map(str::to_string);
    Some(TokenRow {
        id: uuid(r, "id")?,
        user_id: uuid(r, "user_id")?,
        name: text("name")?,
        scopes: serde_json::from_value(r.get("scopes")?.clone()).ok()?,
        created_at: text("created_at")?,
        last_used_at: text("last_used_at"),
        revoked_at: text("revoked_at"),
    })
}

pub async fn insert_token(tx: &mut Tx, token: &TokenRow, hash: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::insert()
        .into_table("api_tokens")
        .columns([
            "id",
            "user_id",
            "name",
            "token_hash",
            "scopes",
            "created_at",
        ])
        .values([
            Expr::val(bind_uuid(b, token.id)),
            Expr::val(bind_uuid(b, token.user_id)),
            Expr::val(token.name.as_str()),
            Expr::val(hash),
            Expr::val(bind(b, FieldType::Json, &Value::from(token.scopes.clone()))),
            Expr::val(bind_time(b, &token.created_at)),
        ])
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// What deciding a caller's rights needs to know about a user.
#[derive(Debug, Clone, PartialEq)]
pub struct UserStanding {
    pub role: String,
    pub active: bool,
    pub deleted: bool,
}

/// Finds a token by the hash of its secret, with its user's standing, in one query.
pub async fn token_holder(
    db: &Db,
    hash: &str,
) -> Result<Option<(TokenRow, UserStanding)>, StoreError> {
    let mut statement = Query::select();
    statement
        .columns(TOKEN_COLUMNS.iter().map(|(n, _)| ("api_tokens", *n)))
        .expr_as(Expr::col(("users", "role")), "user_role")
        .expr_as(Expr::col(("users", "active")), "user_active")
        .expr_as(Expr::col(("users", "deleted_at")), "user_deleted_at")
        .from("api_tokens")
        .inner_join(
            "users",
            Expr::col(("users", "id")).equals(("api_tokens", "user_id")),
        )
        .and_where(Expr::col(("api_tokens", "token_hash")).eq(hash));
    let mut columns = TOKEN_COLUMNS.to_vec();
    columns.extend([
        ("user_role", FieldType::Text),
        ("user_active", FieldType::Bool),
        ("user_deleted_at", FieldType::Time),
    ]);
    let rows = sql::fetch(db.into(), &statement, &columns).await?;
    Ok(rows.first().and_then(|r| {
        let standing = UserStanding {
            role: r.get("user_role")?.as_str()?.to_string(),
            active: r
                .get("user_active")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            deleted: r.get("user_deleted_at").is_some_and(|v| !v.is_null()),
        };
        Some((token_row(r)?, standing))
    }))
}

/// Lists tokens, newest first; all of them or one user's.
pub async fn tokens(db: &Db, user_id: Option<Uuid>) -> Result<Vec<TokenRow>, StoreError> {
    let b = db.backend();
    let mut statement = Query::select();
    statement
        .columns(TOKEN_COLUMNS.iter().map(|(n, _)| *n))
        .from("api_tokens")
        .order_by("created_at", Order::Desc);
    if let Some(u) = user_id {
        statement.and_where(Expr::col("user_id").eq(bind_uuid(b, u)));
    }
    let rows = sql::fetch(db.into(), &statement, &TOKEN_COLUMNS).await?;
    Ok(rows.iter().filter_map(token_row).collect())
}

pub async fn revoke_token(tx: &mut Tx, id: Uuid, at: &str) -> Result<bool, StoreError> {
    let b = tx.backend();
    let statement = Query::update()
        .table("api_tokens")
        .value("revoked_at", bind_time(b, at))
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .and_where(Expr::col("revoked_at").is_null())
        .to_owned();
    Ok(sql::execute(tx, &statement).await? == 1)
}

pub async fn touch_token(tx: &mut Tx, id: Uuid, at: &str) -> Result<(), StoreError> {
    let b = tx.backend();
    let statement = Query::update()
        .table("api_tokens")
        .value("last_used_at", bind_time(b, at))
        .and_where(Expr::col("id").eq(bind_uuid(b, id)))
        .to_owned();
    sql::execute(tx, &statement).await?;
    Ok(())
}

/// The members of every live team, for working out who sees whose records.
pub async fn team_members(db: &Db) -> Result<Vec<Vec<Uuid>>, StoreError> {
    let statement = Query::select()
        .column("members")
        .from("teams")
        .and_where(Expr::col("deleted_at").is_null())
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("members", FieldType::Json)]).await?;
    Ok(rows
        .iter()
        .map(|r| {
            r.get("members")
                .and_then(Value::as_array)
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .filter_map(|s| Uuid::parse_str(s).ok())
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect())
}

/// A user's TOTP secret (base32), when two-factor sign-in is on.
pub async fn totp_secret(db: &Db, user_id: Uuid) -> Result<Option<String>, StoreError> {
    let b = db.backend();
    let statement = Query::select()
        .column("totp_secret")
        .from("users")
        .and_where(Expr::col("id").eq(bind_uuid(b, user_id)))
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &[("totp_secret", FieldType::Text)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("totp_secret"))
        .and_then(Value::as_str)
        .map(str::to_string))
}

/// Turns two-factor sign-in on (with a secret) or off.
pub async fn set_totp_secret(
    tx: &mut Tx,
    user_id: Uuid,
    secret: Option<&str>,
) -> Result<bool, StoreError> {
    let b = tx.backend();
    let value = bind(
        b,
        FieldType::Text,
        &secret.map_or(Value::Null, |s| Value::String(s.to_string())),
    );
    let statement = Query::update()
        .table("users")
        .value("totp_secret", value)
        .and_where(Expr::col("id").eq(bind_uuid(b, user_id)))
        .to_owned();
    Ok(sql::execute(tx, &statement).await? == 1)
}
