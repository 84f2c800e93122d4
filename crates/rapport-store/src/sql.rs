//! Binding values and decoding rows the way each backend stores them, and running
//! sea-query statements on either.
//!
//! SQLite keeps ids, times and JSON as text (times in `clock`'s fixed-width form); PostgreSQL
//! keeps them as `uuid`, `timestamptz` and `jsonb`. Above this module every value is a
//! `serde_json::Value` whose meaning comes from the field's [`FieldType`].

use crate::connect::{Backend, Db, Tx};
use rapport_core::clock;
use rapport_core::entity::FieldType;
use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};
use sea_query_sqlx::SqlxBinder;
use serde_json::{Map, Value};
use sqlx::{AssertSqlSafe, Row};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Config(String),
    #[error("cannot connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("a record with this {0} already exists")]
    Unique(String),
    #[error("a referenced record does not exist")]
    ForeignKey,
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    pub(crate) fn connect(e: sqlx::Error) -> Self {
        StoreError::Connect(e)
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Unique(unique_field(db.constraint(), db.message()));
            }
            if db.is_foreign_key_violation() {
                return StoreError::ForeignKey;
            }
        }
        StoreError::Database(e)
    }
}

/// Names the field a unique index guards: `users_email` or SQLite's
/// `UNIQUE constraint failed: users.email` both give `email`.
fn unique_field(constraint: Option<&str>, message: &str) -> String {
    if let Some(c) = constraint {
        return c.split_once('_').map_or(c, |(_, rest)| rest).to_string();
    }
    message
        .rsplit(['.', ' '])
        .next()
        .unwrap_or("value")
        .to_string()
}

/// Converts a field value to what the backend stores.
pub(crate) fn bind(backend: Backend, ty: FieldType, value: &Value) -> sea_query::Value {
    use sea_query::Value as V;
    if value.is_null() {
        return match (backend, ty) {
            (_, FieldType::Int) => V::BigInt(None),
            (_, FieldType::Bool) => V::Bool(None),
            (Backend::Postgres, FieldType::Uuid) => V::Uuid(None),
            (Backend::Postgres, FieldType::Time) => V::TimeDateTimeWithTimeZone(None),
            (Backend::Postgres, FieldType::Json) => V::Json(None),
            _ => V::String(None),
        };
    }
    match (backend, ty) {
        (_, FieldType::Int) => V::BigInt(value.as_i64()),
        (_, FieldType::Bool) => V::Bool(value.as_bool()),
        (_, FieldType::Text) => V::String(value.as_str().map(str::to_string)),
        (Backend::Sqlite, FieldType::Uuid | FieldType::Time) => {
            V::String(value.as_str().map(str::to_string))
        }
        (Backend::Sqlite, FieldType::Json) => V::String(Some(value.to_string())),
        (Backend::Postgres, FieldType::Uuid) => {
            V::Uuid(value.as_str().and_then(|s| Uuid::parse_str(s).ok()))
        }
        (Backend::Postgres, FieldType::Time) => {
            V::TimeDateTimeWithTimeZone(value.as_str().and_then(clock::parse))
        }
        (Backend::Postgres, FieldType::Json) => V::Json(Some(Box::new(value.clone()))),
    }
}

/// Shorthand for binding an id.
pub(crate) fn bind_uuid(backend: Backend, id: Uuid) -> sea_query::Value {
    bind(backend, FieldType::Uuid, &Value::String(id.to_string()))
}

/// Shorthand for binding a canonical time.
pub(crate) fn bind_time(backend: Backend, t: &str) -> sea_query::Value {
    bind(backend, FieldType::Time, &Value::String(t.to_string()))
}

fn corrupt(column: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{column}: {e}"))
}

fn decode_sqlite(
    row: &sqlx::sqlite::SqliteRow,
    columns: &[(&str, FieldType)],
) -> Result<Map<String, Value>, StoreError> {
    let mut out = Map::new();
    for &(name, ty) in columns {
        let value = match ty {
            FieldType::Int => row.try_get::<Option<i64>, _>(name)?.map(Value::from),
            FieldType::Bool => row.try_get::<Option<bool>, _>(name)?.map(Value::Bool),
            FieldType::Uuid | FieldType::Text | FieldType::Time => {
                row.try_get::<Option<String>, _>(name)?.map(Value::String)
            }
            FieldType::Json => match row.try_get::<Option<String>, _>(name)? {
                Some(text) => Some(serde_json::from_str(&text).map_err(|e| corrupt(name, e))?),
                None => None,
            },
        };
        out.insert(name.to_string(), value.unwrap_or(Value::Null));
    }
    Ok(out)
}

fn decode_postgres(
    row: &sqlx::postgres::PgRow,
    columns: &[(&str, FieldType)],
) -> Result<Map<String, Value>, StoreError> {
    let mut out = Map::new();
    for &(name, ty) in columns {
        let value = match ty {
            FieldType::Int => row.try_get::<Option<i64>, _>(name)?.map(Value::from),
            FieldType::Bool => row.try_get::<Option<bool>, _>(name)?.map(Value::Bool),
            FieldType::Text => row.try_get::<Option<String>, _>(name)?.map(Value::String),
            FieldType::Uuid => row
                .try_get::<Option<Uuid>, _>(name)?
                .map(|u| Value::String(u.to_string())),
            FieldType::Time => row
                .try_get::<Option<OffsetDateTime>, _>(name)?
                .map(|t| Value::String(clock::format(t))),
            FieldType::Json => row.try_get::<Option<Value>, _>(name)?,
        };
        out.insert(name.to_string(), value.unwrap_or(Value::Null));
    }
    Ok(out)
}

/// Where a statement runs: the pool (reads) or a transaction (reads and writes).
pub enum On<'a> {
    Db(&'a Db),
    Tx(&'a mut Tx),
}

impl On<'_> {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            On::Db(db) => db.backend(),
            On::Tx(tx) => tx.backend(),
        }
    }
}

impl<'a> From<&'a Db> for On<'a> {
    fn from(db: &'a Db) -> Self {
        On::Db(db)
    }
}

impl<'a> From<&'a mut Tx> for On<'a> {
    fn from(tx: &'a mut Tx) -> Self {
        On::Tx(tx)
    }
}

/// Runs a query and decodes each row's named columns into a JSON object.
pub(crate) async fn fetch(
    on: On<'_>,
    statement: &impl SqlxBinder,
    columns: &[(&str, FieldType)],
) -> Result<Vec<Map<String, Value>>, StoreError> {
    match on {
        On::Db(Db::Sqlite { readers, .. }) => {
            let (sql, values) = sqlite_sql(statement);
            let rows = sqlx::query_with(AssertSqlSafe(sql), values)
                .fetch_all(readers)
                .await?;
            rows.iter().map(|r| decode_sqlite(r, columns)).collect()
        }
        On::Tx(Tx::Sqlite(tx)) => {
            let (sql, values) = sqlite_sql(statement);
            let rows = sqlx::query_with(AssertSqlSafe(sql), values)
                .fetch_all(tx.conn().await?)
                .await?;
            rows.iter().map(|r| decode_sqlite(r, columns)).collect()
        }
        On::Db(Db::Postgres(pool)) => {
            let (sql, values) = statement.build_sqlx(PostgresQueryBuilder);
            let rows = sqlx::query_with(AssertSqlSafe(sql), values)
                .fetch_all(pool)
                .await?;
            rows.iter().map(|r| decode_postgres(r, columns)).collect()
        }
        On::Tx(Tx::Postgres(tx)) => {
            let (sql, values) = statement.build_sqlx(PostgresQueryBuilder);
            let rows = sqlx::query_with(AssertSqlSafe(sql), values)
                .fetch_all(&mut **tx)
                .await?;
            rows.iter().map(|r| decode_postgres(r, columns)).collect()
        }
    }
}

/// Runs a write in a transaction and returns the number of rows it touched.
pub(crate) async fn execute(tx: &mut Tx, statement: &impl SqlxBinder) -> Result<u64, StoreError> {
    Ok(match tx {
        Tx::Sqlite(tx) => {
            let (sql, values) = sqlite_sql(statement);
            sqlx::query_with(AssertSqlSafe(sql), values)
                .execute(tx.conn().await?)
                .await?
                .rows_affected()
        }
        Tx::Postgres(tx) => {
            let (sql, values) = statement.build_sqlx(PostgresQueryBuilder);
            sqlx::query_with(AssertSqlSafe(sql), values)
                .execute(&mut **tx)
                .await?
                .rows_affected()
        }
    })
}

/// Runs a write whose result nobody reads. On SQLite it is held back and sent with the
/// transaction's next statement (see `sqlite_tx`), so an error in it surfaces there.
pub(crate) async fn execute_held(
    tx: &mut Tx,
    statement: &impl SqlxBinder,
) -> Result<(), StoreError> {
    match tx {
        Tx::Sqlite(tx) => {
            let (sql, values) = sqlite_sql(statement);
            tx.hold(&sql, values.0.0);
        }
        Tx::Postgres(_) => {
            execute(tx, statement).await?;
        }
    }
    Ok(())
}

/// Builds a statement for SQLite. A bound LIMIT is wrapped in a cast: SQLite lets its
/// planner read a bare bound LIMIT, which marks the prepared statement to be compiled
/// again whenever that parameter is bound, that is on every run. Behind a cast the value
/// is only read as the statement runs, so the cached statement is reused. The statement's
/// text holds only identifiers and fixed fragments (values are bound), so the phrase
/// cannot come from data.
fn sqlite_sql(statement: &impl SqlxBinder) -> (String, sea_query_sqlx::SqlxValues) {
    let (sql, values) = statement.build_sqlx(SqliteQueryBuilder);
    if sql.contains(" LIMIT ?") {
        (sql.replace(" LIMIT ?", " LIMIT CAST(? AS INTEGER)"), values)
    } else {
        (sql, values)
    }
}

/// Renders a statement as the SQL text a backend would run, for tests and logs.
pub fn render(backend: Backend, statement: &impl SqlxBinder) -> (String, usize) {
    let (sql, values) = match backend {
        Backend::Sqlite => sqlite_sql(statement),
        Backend::Postgres => statement.build_sqlx(PostgresQueryBuilder),
    };
    (sql, values.0.0.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_query::{Asterisk, Expr, ExprTrait, Query};

    #[test]
    fn a_bound_limit_is_cast_so_sqlite_keeps_the_prepared_statement() {
        let statement = Query::select()
            .column(Asterisk)
            .from("contacts")
            .and_where(Expr::col("last_name").eq("LIMIT ?"))
            .limit(25)
            .to_owned();
        let (sql, values) = sqlite_sql(&statement);
        assert!(sql.ends_with(" LIMIT CAST(? AS INTEGER)"), "{sql}");
        assert!(!sql.contains("LIMIT ?"), "{sql}");
        assert_eq!(values.0.0.len(), 2);
        let (plain, _) = sqlite_sql(&Query::select().column(Asterisk).from("contacts").to_owned());
        assert!(!plain.contains("LIMIT"), "{plain}");
    }
}
