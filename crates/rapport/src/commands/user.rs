//! `rapport user`: add, list and set passwords for staff accounts.

use super::{all_users, app, print_table, read_password, user_id};
use crate::config::Config;
use anyhow::Result;
use rapport_app::{App, Ctx, auth};
use rapport_core::entity::ROLES;
use rapport_core::policy::Role;
use rapport_core::{Problem, ValidationErrors, values};

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Adds a user.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, manager, agent or viewer.
        #[arg(long)]
        role: String,
        /// Reads the password from the first line of standard input instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lists users.
    List,
    /// Sets a user's password.
    Passwd {
        /// The user's email address.
        email: String,
        /// Reads the password from the first line of standard input instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
}

pub async fn run(config: &Config, command: UserCommand) -> Result<()> {
    let app = app(config).await?;
    let result = match command {
        UserCommand::Add {
            email,
            name,
            role,
            password_stdin,
        } => add(&app, &email, &name, &role, password_stdin).await,
        UserCommand::List => list(&app).await,
        UserCommand::Passwd {
            email,
            password_stdin,
        } => passwd(&app, &email, password_stdin).await,
    };
    app.db.close().await;
    result
}

async fn add(app: &App, email: &str, name: &str, role: &str, password_stdin: bool) -> Result<()> {
    // Checked before the password prompt, so a typo does not cost typing it twice.
    let mut errors = ValidationErrors::new();
    let normal = match values::login_email(email) {
        Err(problem) => {
            errors.add("email", problem);
            String::new()
        }
        Ok(normal) => {
            if rapport_store::users::id_by_email(&app.db, &normal)
                .await?
                .is_some()
            {
                errors.add("email", Problem::Taken);
            }
            normal
        }
    };
    let role = match Role::parse(role.trim()) {
        Some(role) if errors.is_empty() => role,
        Some(_) => return Err(errors.into()),
        None => {
            errors.add(
                "role",
                Problem::OneOf {
                    options: ROLES.join(", "),
                },
            );
            return Err(errors.into());
        }
    };
    let password = read_password(password_stdin, email)?;
    let id = auth::add_user(app, &Ctx::system(), email, name, role, Some(&password)).await?;
    println!("Added {} {normal} ({id}).", role.as_str());
    Ok(())
}

async fn list(app: &App) -> Result<()> {
    let rows: Vec<Vec<String>> = all_users(app)
        .await?
        .iter()
        .map(|user| {
            let text = |k: &str| user.str(k).unwrap_or("").to_string();
            let active = user.get("active").as_bool().unwrap_or(false);
            vec![
                text("id"),
                text("email"),
                text("name"),
                text("role"),
                if active { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        eprintln!("There are no users yet; add one with `rapport user add`.");
        return Ok(());
    }
    print_table(&["id", "email", "name", "role", "active"], &rows);
    Ok(())
}

async fn passwd(app: &App, email: &str, password_stdin: bool) -> Result<()> {
    let id = user_id(app, email).await?;
    let password = read_password(password_stdin, email)?;
    auth::set_password(app, &Ctx::system(), id, &password).await?;
    println!("Changed the password of {}.", email.trim());
    Ok(())
}
