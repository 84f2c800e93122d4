//! `rapport token`: create, list and revoke API tokens.

use super::{app, print_table, user_id};
use crate::config::Config;
use anyhow::Result;
use rapport_app::{App, Ctx, auth};
use rapport_core::entity::Entity;
use rapport_core::{Problem, ValidationErrors};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Creates a token and prints it; it is shown only this once.
    Create {
        /// The email address of the user the token acts for.
        #[arg(long, value_name = "EMAIL")]
        user: String,
        /// A name that says where the token is used.
        #[arg(long)]
        name: String,
        /// Limits the token: read, write, <resource>:read or <resource>:write (repeatable).
        #[arg(long = "scope", value_name = "SCOPE")]
        scopes: Vec<String>,
    },
    /// Lists tokens, all or one user's.
    List {
        /// Only this user's tokens (by email address).
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
    },
    /// Revokes a token so it no longer works.
    Revoke {
        /// The token's id, as `rapport token list` shows it.
        id: String,
    },
}

pub async fn run(config: &Config, command: TokenCommand) -> Result<()> {
    let app = app(config).await?;
    let result = match command {
        TokenCommand::Create { user, name, scopes } => create(&app, &user, &name, &scopes).await,
        TokenCommand::List { user } => list(&app, user.as_deref()).await,
        TokenCommand::Revoke { id } => revoke(&app, &id).await,
    };
    app.db.close().await;
    result
}

async fn create(app: &App, email: &str, name: &str, scopes: &[String]) -> Result<()> {
    let user = user_id(app, email).await?;
    let (row, secret) = auth::create_token(app, &Ctx::system(), user, name, scopes).await?;
    // Only the secret goes to stdout, so `$(rapport token create ...)` captures just it.
    println!("{secret}");
    eprintln!(
        "Created token {} for {}. Store it now: it is not shown again.",
        row.id,
        email.trim()
    );
    Ok(())
}

async fn list(app: &App, email: Option<&str>) -> Result<()> {
    let user = match email {
        Some(e) => Some(user_id(app, e).await?),
        None => None,
    };
    let tokens = auth::list_tokens(app, &Ctx::system(), user).await?;
    if tokens.is_empty() {
        eprintln!("There are no tokens.");
        return Ok(());
    }
    let mut owners: Vec<Uuid> = tokens.iter().map(|t| t.user_id).collect();
    owners.sort_unstable();
    owners.dedup();
    let mut emails: HashMap<Uuid, String> = HashMap::new();
    for id in owners {
        let record = rapport_store::records::get(&app.db, Entity::User, id).await?;
        let email = record.and_then(|r| r.str("email").map(str::to_string));
        emails.insert(id, email.unwrap_or_else(|| id.to_string()));
    }
    let rows: Vec<Vec<String>> = tokens
        .iter()
        .map(|t| {
            let scopes = if t.scopes.is_empty() {
                "(all)".to_string()
            } else {
                t.scopes.join(",")
            };
            vec![
                t.id.to_string(),
                emails.get(&t.user_id).cloned().unwrap_or_default(),
                t.name.clone(),
                scopes,
                date(Some(&t.created_at)),
                date(t.last_used_at.as_deref()),
                match &t.revoked_at {
                    Some(at) => format!("revoked {}", date(Some(at))),
                    None => "active".to_string(),
                },
            ]
        })
        .collect();
    print_table(
        &[
            "id",
            "user",
            "name",
            "scopes",
            "created",
            "last used",
            "status",
        ],
        &rows,
    );
    Ok(())
}

async fn revoke(app: &App, id: &str) -> Result<()> {
    let id =
        Uuid::parse_str(id.trim()).map_err(|_| ValidationErrors::one("id", Problem::TokenId))?;
    auth::revoke_token(app, &Ctx::system(), id).await?;
    println!("Revoked token {id}.");
    Ok(())
}

/// A timestamp shortened to the minute, for tables.
fn date(t: Option<&str>) -> String {
    match t {
        Some(t) => t.get(..16).unwrap_or(t).replace('T', " "),
        None => "-".to_string(),
    }
}
