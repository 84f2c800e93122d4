//! Opening a database by URL, migrating it, and transactions on either backend.

use crate::sql::StoreError;
use crate::sqlite_tx::SqliteTx;
use futures_util::future::BoxFuture;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Picks the backend from a database URL's scheme.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StoreError::Config(format!(
                "unsupported database URL scheme {scheme:?}: use sqlite://PATH or postgres://HOST/DB"
            ))),
        }
    }
}

/// A connection pool on one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite allows one writer at a time, so writes go through a pool of one connection
    /// and reads through a separate pool, and neither waits on the other under WAL.
    /// Writes made through [`Db::write`] are queued to one writer thread that commits
    /// them in groups (see `group`).
    Sqlite {
        writer: SqlitePool,
        readers: SqlitePool,
        queue: crate::group::Queue,
    },
    Postgres(PgPool),
}

/// A transaction on either backend.
pub enum Tx {
    Sqlite(crate::sqlite_tx::SqliteTx),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Pool sizes and timeouts.
#[derive(Debug, Clone, Copy)]
pub struct PoolOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

impl Db {
    /// Opens the database a URL names. A SQLite file and its folder are created if missing.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        Self::connect_with(url, PoolOptions::default()).await
    }

    pub async fn connect_with(url: &str, options: PoolOptions) -> Result<Db, StoreError> {
        match Backend::from_url(url)? {
            Backend::Sqlite => {
                let connect = SqliteConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Config(format!("invalid SQLite URL: {e}")))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .pragma("temp_store", "memory")
                    // Readers keep 4 MiB of pages each (the OS caches the file for them too).
                    .pragma("cache_size", "-4000");
                if let Some(parent) = std::path::Path::new(connect.get_filename()).parent()
                    && !parent.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        StoreError::Config(format!("cannot create {}: {e}", parent.display()))
                    })?;
                }
                // The one writer touches every index of a record on each insert, so it keeps
                // a larger page cache: 32 MiB.
                // Its commits leave checkpoints to the checkpointer (see `group`) unless the
                // log has grown past 64 MiB, which only happens if that falls far behind.
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(
                        connect
                            .clone()
                            .pragma("cache_size", "-32000")
                            .pragma("wal_autocheckpoint", "16384"),
                    )
                    .await
                    .map_err(StoreError::connect)?;
                let checkpointer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(connect.clone().pragma("cache_size", "-512"))
                    .await
                    .map_err(StoreError::connect)?;
                // Readers beyond a few per core only add memory: SQLite reads are CPU-bound.
                let readers = SqlitePoolOptions::new()
                    .max_connections(options.max_connections.clamp(2, 6))
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(connect.read_only(true))
                    .await
                    .map_err(StoreError::connect)?;
                let queue = crate::group::Queue::start(writer.clone(), checkpointer)?;
                Ok(Db::Sqlite {
                    writer,
                    readers,
                    queue,
                })
            }
            Backend::Postgres => {
                // One direct connection first, so an unreachable or refusing server is
                // reported with its own reason rather than as a pool timeout.
                let connect = url
                    .parse::<sqlx::postgres::PgConnectOptions>()
                    .map_err(|e| StoreError::Config(format!("invalid PostgreSQL URL: {e}")))?
                    // Compiling a plan costs tens of milliseconds, more than any of these
                    // short queries gains from it once the planner guesses them large.
                    .options([("jit", "off")]);
                let probe =
                    tokio::time::timeout(options.acquire_timeout, connect.clone().connect())
                        .await
                        .map_err(|_| {
                            StoreError::Config(
                                "the PostgreSQL server did not answer in time".into(),
                            )
                        })?
                        .map_err(StoreError::connect)?;
                let _ = probe.close().await;
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(options.acquire_timeout)
                    .connect_with(connect)
                    .await
                    .map_err(StoreError::connect)?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations this build carries that the database lacks.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite { writer, .. } => SQLITE_MIGRATIONS.run(writer).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Whether every migration this build carries has been applied.
    pub async fn migrations_current(&self) -> Result<bool, StoreError> {
        let (migrator, applied): (&sqlx::migrate::Migrator, Vec<i64>) = match self {
            Db::Sqlite { readers, .. } => (
                &SQLITE_MIGRATIONS,
                sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                    .fetch_all(readers)
                    .await
                    .unwrap_or_default(),
            ),
            Db::Postgres(pool) => (
                &POSTGRES_MIGRATIONS,
                sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
                    .fetch_all(pool)
                    .await
                    .unwrap_or_default(),
            ),
        };
        Ok(migrator.iter().all(|m| applied.contains(&m.version)))
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite { readers, .. } => {
                sqlx::query("SELECT 1").execute(readers).await?;
            }
            Db::Postgres(pool) => {
                sqlx::query("SELECT 1").execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Runs `work` in a write transaction and commits it. On SQLite, writes that arrive
    /// together share one transaction, each in a savepoint of its own, and one commit; the
    /// answer comes after that commit. `work` must not start another transaction.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'t> FnOnce(&'t mut Tx) -> BoxFuture<'t, Result<T, E>> + Send + 'static,
    {
        match self {
            Db::Sqlite { queue, .. } => queue.write(work).await,
            Db::Postgres(pool) => {
                let mut tx = Tx::Postgres(pool.begin().await.map_err(StoreError::from)?);
                let value = work(&mut tx).await?;
                tx.commit().await?;
                Ok(value)
            }
        }
    }

    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite { writer, .. } => Tx::Sqlite(SqliteTx::new(writer.begin().await?)),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Connections in use and idle, for metrics.
    pub fn pool_stats(&self) -> (u32, u32) {
        match self {
            Db::Sqlite {
                writer, readers, ..
            } => (
                writer.size() + readers.size(),
                (writer.num_idle() + readers.num_idle()) as u32,
            ),
            Db::Postgres(pool) => (pool.size(), pool.num_idle() as u32),
        }
    }

    /// Copies a SQLite database to a file while it is in use (`VACUUM INTO`).
    pub async fn backup_to(&self, path: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite { writer, .. } => {
                sqlx::query("VACUUM INTO ?").bind(path).execute(writer).await?;
                Ok(())
            }
            Db::Postgres(_) => Err(StoreError::Config(
                "backups of PostgreSQL are made with pg_dump, for example: pg_dump --format=custom --file=rapport.dump \"$RAPPORT_DATABASE_URL\"".into(),
            )),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite {
                writer, readers, ..
            } => {
                writer.close().await;
                readers.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// Prepares the connection for a long run of bulk inserts. On SQLite the connection
    /// keeps `cache_mib` of pages, so that inserts into indexes far larger than the usual
    /// cache stop rereading their pages; the setting lasts as long as the connection. On
    /// PostgreSQL this transaction's commit does not wait for its WAL to reach the disk: a
    /// crash can lose the last few batches, never corrupt the database.
    pub async fn prepare_bulk(&mut self, cache_mib: u32) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => {
                let kib = i64::from(cache_mib) * 1024;
                sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = -{kib}")))
                    .execute(tx.conn().await?)
                    .await?;
            }
            Tx::Postgres(tx) => {
                sqlx::query("SET LOCAL synchronous_commit = off")
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }
}
