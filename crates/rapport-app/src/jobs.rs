//! Running queued jobs: the in-process worker and the deterministic drain tests use.
//!
//! A job is claimed with a lease (so a crashed worker's jobs run again when it lapses),
//! and its work and its removal from the queue commit in one transaction, so a job's
//! effect happens once. A job that fails is retried later, a few times, then kept as
//! `failed` with its error.

use crate::{App, AppError};
use futures_util::FutureExt;
use rapport_core::clock;
use rapport_store::jobs::{self as store, Job};
use std::time::Duration;
use time::OffsetDateTime;

/// How long a claimed job is held before another worker may take it over.
const LEASE: time::Duration = time::Duration::minutes(5);
/// How many jobs one claim takes.
const BATCH: u64 = 20;
/// The tries a job gets before it is marked failed.
const MAX_ATTEMPTS: i64 = 5;
/// How long the worker waits when nothing was due.
const IDLE: Duration = Duration::from_secs(5);

/// Runs one batch of the jobs due at `now`; returns how many were claimed.
pub async fn run_due(app: &App, now: OffsetDateTime) -> Result<usize, AppError> {
    let at = clock::format(now);
    let jobs = store::claim(&app.db, &at, &clock::format(now + LEASE), BATCH).await?;
    for job in &jobs {
        if let Err(error) = run(app, job).await {
            tracing::warn!(job = %job.id, kind = %job.kind, %error, "a job failed");
            // Later tries wait longer: 2, 4, 8 and 16 minutes.
            let retry = (job.attempts < MAX_ATTEMPTS).then(|| {
                clock::format(now + time::Duration::minutes(1 << job.attempts.clamp(1, 4)))
            });
            store::fail(&app.db, job.id, &error.to_string(), retry.as_deref()).await?;
        }
    }
    Ok(jobs.len())
}

/// Runs every job due at or before `until`, batch after batch, until none is left; returns
/// how many ran. Tests call it with a chosen instant instead of waiting for a worker.
pub async fn drain(app: &App, until: OffsetDateTime) -> Result<usize, AppError> {
    let mut total = 0;
    loop {
        let n = run_due(app, until).await?;
        if n == 0 {
            return Ok(total);
        }
        total += n;
    }
}

/// Runs the queue in the background until `stop` resolves, finishing the batch in hand.
pub async fn work(app: App, stop: impl std::future::Future<Output = ()>) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let ran = match run_due(&app, clock::now()).await {
            Ok(n) => n,
            Err(error) => {
                tracing::error!(%error, "cannot claim jobs");
                0
            }
        };
        if ran > 0 {
            continue;
        }
        tokio::select! {
            () = &mut stop => return,
            () = tokio::time::sleep(IDLE) => {}
        }
    }
}

async fn run(app: &App, job: &Job) -> Result<(), AppError> {
    let job = job.clone();
    app.db
        .write(move |tx| {
            async move {
                match job.kind.as_str() {
                    crate::tasks::REMINDER_JOB => crate::tasks::remind(tx, &job.payload).await?,
                    other => {
                        return Err(AppError::Conflict(format!("no job runs {other:?} jobs")));
                    }
                }
                store::finish(tx, job.id).await?;
                Ok(())
            }
            .boxed()
        })
        .await
}
