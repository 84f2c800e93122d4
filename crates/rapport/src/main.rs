//! The `rapport` binary: serves the CRM and administers its database from the command line.

mod commands;
mod config;
mod demo;
mod error;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use config::{Config, Flags};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "Rapport, a self-hosted CRM.",
    after_help = "Each setting comes from its flag, else its RAPPORT_* environment variable, else \
                  rapport.toml, else its default. Also: RAPPORT_MAX_UPLOAD_MB (max_upload_mb, \
                  default 25) and RAPPORT_LOG (log, default info). `rapport config` shows the result."
)]
struct Cli {
    #[command(flatten)]
    flags: Flags,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serves the web interface and the API; migrates the database first.
    Serve {
        /// The address to listen on [env: RAPPORT_BIND] [default: 127.0.0.1:8080].
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// Prints the effective configuration, with passwords hidden.
    Config,
    /// Applies the database migrations this build carries.
    Migrate,
    /// Manages staff user accounts.
    User {
        #[command(subcommand)]
        command: commands::user::UserCommand,
    },
    /// Manages API tokens.
    Token {
        #[command(subcommand)]
        command: commands::token::TokenCommand,
    },
    /// Copies a SQLite database to a file while Rapport runs.
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Fills the database with realistic made-up companies, contacts and interactions.
    Demo {
        /// How many contacts to add.
        #[arg(long, value_name = "N")]
        contacts: u64,
        /// The seed; the same seed gives the same data.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
}

/// A page or an API answer allocates many small values on many threads; mimalloc serves
/// those faster than the system allocator and returns memory to it sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => error::report(&e),
    }
}

fn run(cli: Cli) -> Result<()> {
    let bind = match &cli.command {
        Command::Serve { bind } => bind.as_deref(),
        _ => None,
    };
    let config = Config::load(&cli.flags, bind)?;
    init_logging(&config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(dispatch(cli, config))
}

async fn dispatch(cli: Cli, config: Config) -> Result<()> {
    match cli.command {
        Command::Serve { .. } => commands::serve::run(&config, &cli.flags).await,
        Command::Config => {
            print!("{}", config.render());
            Ok(())
        }
        Command::Migrate => commands::migrate(&config).await,
        Command::User { command } => commands::user::run(&config, command).await,
        Command::Token { command } => commands::token::run(&config, command).await,
        Command::Backup { to } => commands::backup(&config, &to).await,
        Command::Demo { contacts, seed } => demo::run(&config, contacts, seed).await,
    }
}

/// Sends logs to stderr, so stdout carries only what a command is asked to print.
fn init_logging(config: &Config) -> Result<()> {
    let mut directives = config.log.value.clone();
    if !directives.contains("sqlx") {
        // PostgreSQL reports every `IF NOT EXISTS` that had nothing to do as an info-level
        // notice; unless asked for, they would greet the operator on every command.
        directives.push_str(",sqlx::postgres::notice=warn");
    }
    let filter = tracing_subscriber::EnvFilter::try_new(&directives).map_err(|e| {
        error::Usage(format!(
            "log filter {:?} ({}): {e}",
            config.log.value, config.log.source
        ))
    })?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init()
        .map_err(|e| anyhow::anyhow!("cannot start logging: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
