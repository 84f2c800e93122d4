//! The administrative commands and the helpers they share.

pub mod serve;
pub mod token;
pub mod user;

use crate::config::{Config, redact_url};
use crate::error::Usage;
use anyhow::{Context, Result, bail};
use rapport_app::{App, Ctx, records};
use rapport_core::Record;
use rapport_core::entity::Entity;
use rapport_core::{ValidationErrors, values};
use rapport_store::{Backend, Db};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use uuid::Uuid;

/// Opens the configured database without changing it.
pub async fn connect(config: &Config) -> Result<Db> {
    let url = &config.database_url.value;
    // Checked first so an unknown scheme is reported before anything is touched.
    Backend::from_url(url)?;
    Db::connect(url)
        .await
        .with_context(|| format!("cannot open {}", redact_url(url)))
}

/// Opens the configured database and brings its schema up to date.
pub async fn open(config: &Config) -> Result<Db> {
    let db = connect(config).await?;
    db.migrate().await.context("cannot migrate the database")?;
    Ok(db)
}

/// Opens the database and builds the services on it.
pub async fn app(config: &Config) -> Result<App> {
    let app = App::new(open(config).await?, config.app_config());
    rapport_app::sales::ensure_default_pipeline(&app)
        .await
        .context("cannot create the first pipeline")?;
    rapport_app::tickets::ensure_default_queue(&app)
        .await
        .context("cannot create the first queue")?;
    Ok(app)
}

/// `rapport migrate`.
pub async fn migrate(config: &Config) -> Result<()> {
    let db = connect(config).await?;
    let was_current = db.migrations_current().await?;
    db.migrate().await.context("cannot migrate the database")?;
    db.close().await;
    let url = redact_url(&config.database_url.value);
    if was_current {
        println!("The database at {url} is up to date.");
    } else {
        println!("Migrated the database at {url}.");
    }
    Ok(())
}

/// `rapport backup --to FILE`.
pub async fn backup(config: &Config, to: &Path) -> Result<()> {
    if to.exists() {
        bail!(Usage(format!(
            "{} already exists; choose a new file name",
            to.display()
        )));
    }
    let target = to
        .to_str()
        .ok_or_else(|| Usage(format!("{} is not a UTF-8 path", to.display())))?;
    let db = connect(config).await?;
    let result = db.backup_to(target).await;
    db.close().await;
    result.with_context(|| match db.backend() {
        Backend::Sqlite => format!("cannot back up to {}", to.display()),
        // The store's message already says what to do instead.
        Backend::Postgres => "this command backs up SQLite databases only".to_string(),
    })?;
    let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    println!("Backed up the database to {} ({size} bytes).", to.display());
    Ok(())
}

/// Finds a user by email address (compared without regard to case).
pub async fn user_id(app: &App, email: &str) -> Result<Uuid> {
    let normal = values::login_email(email).map_err(|m| ValidationErrors::one("email", m))?;
    match rapport_store::users::id_by_email(&app.db, &normal).await? {
        Some(id) => Ok(id),
        None => bail!("no user has the email address {normal}"),
    }
}

/// Every live user, sorted by email address.
pub async fn all_users(app: &App) -> Result<Vec<Record>> {
    let ctx = Ctx::system();
    let mut users = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut pairs = vec![
            ("limit".to_string(), "500".to_string()),
            ("sort".to_string(), "email".to_string()),
        ];
        if let Some(c) = cursor.take() {
            pairs.push(("cursor".to_string(), c));
        }
        let page = records::list(app, &ctx, Entity::User, &pairs).await?;
        users.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(users),
        }
    }
}

/// Reads a password: one line from stdin with `--password-stdin`, otherwise twice from a
/// hidden prompt on the terminal.
pub fn read_password(from_stdin: bool, whose: &str) -> Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        let password = line.trim_end_matches(['\n', '\r']).to_string();
        if password.is_empty() {
            bail!(Usage("standard input held no password".into()));
        }
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(Usage(
            "there is no terminal to ask for the password on; pass --password-stdin and write it to standard input"
                .into()
        ));
    }
    let term = console::Term::stderr();
    let ask = |prompt: &str| -> Result<String> {
        write!(&term, "{prompt}").context("cannot write to the terminal")?;
        term.read_secure_line()
            .context("cannot read from the terminal")
    };
    let first = ask(&format!("New password for {whose}: "))?;
    let second = ask("The same password again: ")?;
    if first != second {
        bail!(Usage(
            "the two passwords differ; nothing was changed".into()
        ));
    }
    if first.is_empty() {
        bail!(Usage("the password is empty; nothing was changed".into()));
    }
    Ok(first)
}

/// Prints rows as a table with a header, columns padded to their widest cell.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
