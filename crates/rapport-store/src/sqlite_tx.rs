//! A SQLite transaction that sends the statements nobody waits on together.
//!
//! A SQLite connection runs on a thread of its own, so every statement is a round trip
//! between two threads, and on a busy machine each wake-up can wait for a core. Some
//! writes need no answer: a history event, a new record's search document. Those are
//! held back and sent in one round trip, either just before the next statement that does
//! need an answer (so a read in the same transaction always sees them) or at the end of
//! the unit of work. Held statements hold only identifiers and fixed fragments; their
//! values are bound, as everywhere.

use crate::sql::StoreError;
use sea_query_sqlx::SqlxValues;
use sqlx::{AssertSqlSafe, Sqlite, SqliteConnection, Transaction};

pub struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
    held_sql: String,
    held_values: Vec<sea_query::Value>,
}

impl SqliteTx {
    pub(crate) fn new(tx: Transaction<'static, Sqlite>) -> SqliteTx {
        SqliteTx {
            tx,
            held_sql: String::new(),
            held_values: Vec::new(),
        }
    }

    /// The connection, once every held statement has run.
    pub async fn conn(&mut self) -> Result<&mut SqliteConnection, StoreError> {
        self.flush().await?;
        Ok(&mut *self.tx)
    }

    /// Holds a statement back until the transaction next needs an answer. Its anonymous
    /// parameters take `values` in order. An error in it surfaces at that next statement,
    /// or when the unit of work ends.
    pub fn hold(&mut self, sql: &str, values: impl IntoIterator<Item = sea_query::Value>) {
        self.held_sql.push_str(sql);
        self.held_sql.push_str(";\n");
        self.held_values.extend(values);
    }

    /// Whether statements are waiting to run.
    pub(crate) fn holds(&self) -> bool {
        !self.held_sql.is_empty()
    }

    /// Runs the held statements in one round trip.
    pub(crate) async fn flush(&mut self) -> Result<(), StoreError> {
        if !self.holds() {
            return Ok(());
        }
        let sql = std::mem::take(&mut self.held_sql);
        let values = SqlxValues(sea_query::Values(std::mem::take(&mut self.held_values)));
        sqlx::query_with(AssertSqlSafe(sql), values)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Forgets the held statements of a unit of work that is being undone.
    pub(crate) fn discard(&mut self) {
        self.held_sql.clear();
        self.held_values.clear();
    }

    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        self.flush().await?;
        self.tx.commit().await?;
        Ok(())
    }
}
