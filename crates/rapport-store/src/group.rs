//! Group commit on SQLite: concurrent writes share one transaction and one commit.
//!
//! SQLite has one writer. A transaction opened by a request task holds it while that task
//! waits its turn on a busy runtime between statements, and every commit writes the pages
//! it changed to the WAL and closes the full-text index's pending segment. So writes are
//! queued to one writer thread with a runtime of its own, which runs each in a savepoint of
//! a shared transaction, commits once for all of them, and only then answers each caller:
//! an answer still means the write is durable, and a write that fails is rolled back to
//! its savepoint without touching the others.

use crate::connect::Tx;
use crate::sql::StoreError;
use crate::sqlite_tx::SqliteTx;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sqlx::SqlitePool;
use std::panic::AssertUnwindSafe;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Writes in one shared transaction at most. More would hold back the first one's answer
/// for little gain: the cost of a commit is already spread thin at this size.
const MAX_BATCH: usize = 64;

/// How often the checkpointer copies committed pages from the write-ahead log into the
/// database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// What a unit of work tells the writer once it has run: whether to keep its changes,
/// and how to answer its caller once the commit is known.
pub(crate) struct Ran {
    keep: bool,
    answer: Box<dyn FnOnce(Result<(), StoreError>) + Send>,
}

impl Ran {
    /// Undoes a job whose held statements failed, and answers its caller with that error.
    fn fail(&mut self, error: StoreError) {
        self.keep = false;
        let answer = std::mem::replace(&mut self.answer, Box::new(|_| {}));
        self.answer = Box::new(move |_| answer(Err(error)));
    }
}

/// One caller's write, to run inside the shared transaction.
pub(crate) type Job = Box<dyn for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Ran> + Send>;

/// The sending side of the writer's queue; cloned into every copy of the `Db`.
#[derive(Clone, Debug)]
pub struct Queue {
    jobs: mpsc::UnboundedSender<Job>,
}

impl Queue {
    /// Starts the writer thread for a pool of one writing connection, and beside it the
    /// checkpointer on a connection of its own. Both end when the last copy of the queue
    /// is dropped.
    pub(crate) fn start(writer: SqlitePool, checkpointer: SqlitePool) -> Result<Queue, StoreError> {
        let (jobs, receiver) = mpsc::unbounded_channel();
        // Only timers: SQLite connections answer through channels, not sockets, and a
        // runtime without an I/O driver sleeps and wakes on a plain futex, cheaper than a
        // poll on an event descriptor for every statement's answer.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| StoreError::Config(format!("cannot start the SQLite writer: {e}")))?;
        std::thread::Builder::new()
            .name("rapport-sqlite-writer".into())
            .spawn(move || runtime.block_on(run(writer, checkpointer, receiver)))
            .map_err(|e| StoreError::Config(format!("cannot start the SQLite writer: {e}")))?;
        Ok(Queue { jobs })
    }

    /// Runs `work` in the shared transaction and answers once it is committed.
    pub(crate) async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T, E>> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |tx: &mut Tx| {
            async move {
                let result = work(tx).await;
                let keep = result.is_ok();
                let answer = Box::new(move |committed: Result<(), StoreError>| {
                    let outcome = match (result, committed) {
                        (Ok(_), Err(e)) => Err(E::from(e)),
                        (result, _) => result,
                    };
                    let _ = reply.send(outcome);
                }) as Box<dyn FnOnce(Result<(), StoreError>) + Send>;
                Ran { keep, answer }
            }
            .boxed()
        });
        self.jobs.send(job).map_err(|_| E::from(writer_gone()))?;
        answer.await.map_err(|_| E::from(writer_gone()))?
    }
}

fn writer_gone() -> StoreError {
    StoreError::Config("the SQLite writer has stopped".into())
}

/// Copies committed pages from the write-ahead log into the database file, without
/// waiting for readers or the writer. A commit that finds a long log checkpoints it
/// itself, syncing the disk while the queue waits; done here, the writer only appends.
async fn checkpoint(pool: SqlitePool) {
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            tracing::warn!(%error, "the write-ahead log could not be checkpointed");
        }
    }
}

async fn run(writer: SqlitePool, checkpointer: SqlitePool, mut jobs: mpsc::UnboundedReceiver<Job>) {
    let checkpoints = tokio::spawn(checkpoint(checkpointer.clone()));
    serve(writer, &mut jobs).await;
    checkpoints.abort();
    checkpointer.close().await;
}

async fn serve(writer: SqlitePool, jobs: &mut mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut waiting = vec![first];
        let mut tx = match writer.begin().await {
            Ok(tx) => Tx::Sqlite(SqliteTx::new(tx)),
            Err(e) => {
                let e = StoreError::from(e);
                // Nothing ran: each waiting caller learns why.
                for job in waiting.drain(..) {
                    fail_unrun(job, &e);
                }
                continue;
            }
        };
        let mut answers = Vec::new();
        let mut broken = None;
        let mut ran = 0;
        let mut begun = false;
        while let Some(job) = waiting.pop() {
            ran += 1;
            match run_one(&mut tx, job, &mut begun).await {
                Ok(done) => answers.push(done),
                Err(e) => {
                    broken = Some(e);
                    break;
                }
            }
            if ran < MAX_BATCH
                && let Ok(next) = jobs.try_recv()
            {
                waiting.push(next);
            }
        }
        let committed = match broken {
            None => tx.commit().await,
            Some(e) => {
                drop(tx);
                Err(e)
            }
        };
        for Ran { answer, .. } in answers {
            answer(clone_error(&committed));
        }
        // A job left waiting when the transaction broke has not run: it gets the error too.
        if let Err(e) = &committed {
            for job in waiting.drain(..) {
                fail_unrun(job, e);
            }
        }
    }
}

/// Runs one job in a savepoint, keeping or undoing its changes. An error here means the
/// shared transaction itself can no longer be trusted.
///
/// A kept job's savepoint is not released: the commit releases them all, and every
/// statement costs a round trip to the connection's thread. For the same reason a kept
/// job's held statements go in one round trip with the savepoint of the job after it
/// (the last job's is released by the commit unused). `ROLLBACK TO` undoes the changes
/// since the newest savepoint of that name, which is always this job's: when that round
/// trip fails, the next savepoint either failed itself or never ran.
async fn run_one(tx: &mut Tx, job: Job, begun: &mut bool) -> Result<Ran, StoreError> {
    if !*begun {
        savepoint(tx, "SAVEPOINT rapport_write").await?;
    }
    *begun = false;
    match AssertUnwindSafe(job(tx)).catch_unwind().await {
        Ok(mut done) => {
            if done.keep
                && let Tx::Sqlite(sqlite) = tx
            {
                sqlite.hold("SAVEPOINT rapport_write", []);
                match sqlite.flush().await {
                    Ok(()) => *begun = true,
                    Err(e) => done.fail(e),
                }
            }
            if !done.keep {
                if let Tx::Sqlite(sqlite) = tx {
                    sqlite.discard();
                }
                savepoint(tx, "ROLLBACK TO rapport_write").await?;
                savepoint(tx, "RELEASE rapport_write").await?;
            }
            Ok(done)
        }
        Err(_) => Err(StoreError::Corrupt("a write panicked".into())),
    }
}

async fn savepoint(tx: &mut Tx, statement: &'static str) -> Result<(), StoreError> {
    if let Tx::Sqlite(tx) = tx {
        sqlx::query(statement).execute(tx.conn().await?).await?;
    }
    Ok(())
}

/// Gives up a job that never ran. Dropping it drops its reply channel, so its caller gets
/// an error and nothing of its work was written.
fn fail_unrun(job: Job, error: &StoreError) {
    drop(job);
    tracing::warn!(%error, "a queued write was not run");
}

fn clone_error(result: &Result<(), StoreError>) -> Result<(), StoreError> {
    match result {
        Ok(()) => Ok(()),
        Err(e) => Err(StoreError::Config(format!(
            "the write was not committed: {e}"
        ))),
    }
}
