//! `rapport serve`: migrate, listen, and serve until SIGTERM or Ctrl-C.

use super::open;
use crate::config::{Config, Flags, redact_url};
use anyhow::{Context, Result};
use rapport_app::App;
use std::future::Future;
use std::path::Path;
use tokio::net::TcpListener;

pub async fn run(config: &Config, flags: &Flags) -> Result<()> {
    let db = open(config).await?;
    let data_dir = &config.data_dir.value;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let bind = &config.bind.value;
    let listener = TcpListener::bind(bind.as_str())
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let address = listener
        .local_addr()
        .context("cannot read the bound address")?;
    // Installed before the address is printed, so a signal sent as soon as it appears is
    // already a graceful shutdown rather than the default abrupt exit.
    let shutdown = shutdown_signal()?;
    println!("Rapport is listening on http://{address}");
    if !rapport_store::users::any_user(&db).await? {
        println!(
            "No user exists yet. Open http://{address}/setup to create the first administrator, or run:"
        );
        println!(
            "  rapport{} user add --email you@example.com --name \"Your Name\" --role admin --password-stdin",
            repeat_flags(flags)
        );
    }
    tracing::info!(%address, database = %redact_url(&config.database_url.value), "serving");
    let app = App::new(db.clone(), config.app_config());
    rapport_app::sales::ensure_default_pipeline(&app)
        .await
        .context("cannot create the first pipeline")?;
    rapport_app::tickets::ensure_default_queue(&app)
        .await
        .context("cannot create the first queue")?;
    // The in-process worker runs queued jobs (reminders) until the server has stopped,
    // then finishes the batch in hand.
    let (stop_worker, worker_stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(rapport_app::jobs::work(app.clone(), async move {
        let _ = worker_stopped.await;
    }));
    let served = rapport_web::serve(listener, app, shutdown).await;
    let _ = stop_worker.send(());
    if let Err(error) = worker.await {
        tracing::error!(%error, "the job worker ended abnormally");
    }
    served.context("the server stopped with an error")?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C).
#[cfg(unix)]
fn shutdown_signal() -> Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM received; finishing requests in flight"),
            _ = interrupt.recv() => tracing::info!("interrupted; finishing requests in flight"),
        }
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("interrupted; finishing requests in flight");
        }
    })
}

/// The global options the operator gave, to repeat in the hint so it reaches the same
/// database. A URL with a password is left out: the operator has it in their environment.
fn repeat_flags(flags: &Flags) -> String {
    let mut out = String::new();
    if let Some(path) = &flags.config {
        out.push_str(&format!(" --config {}", quote(path)));
    }
    if let Some(path) = &flags.data_dir {
        out.push_str(&format!(" --data-dir {}", quote(path)));
    }
    if let Some(url) = &flags.database_url
        && redact_url(url) == *url
    {
        out.push_str(&format!(" --database-url {}", quote(Path::new(url))));
    }
    out
}

/// Quotes a word for a POSIX shell when it needs quoting.
fn quote(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+,".contains(c));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_repeat_the_flags_given() {
        let flags = Flags {
            config: None,
            data_dir: Some("/srv/my data".into()),
            database_url: Some("postgres://u:secret@h/d".into()),
        };
        assert_eq!(repeat_flags(&flags), " --data-dir '/srv/my data'");
        assert_eq!(quote(Path::new("it's")), "'it'\\''s'");
    }
}
