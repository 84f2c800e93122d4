//! Full-text search: one document per record, FTS5 on SQLite and tsvector on PostgreSQL.
//!
//! Search words are reduced to letters and digits by `rapport_core::query::search_terms`
//! before they reach either match syntax, and are bound as values.

use crate::connect::{Backend, Tx};
use crate::sql::StoreError;
use rapport_core::entity::Entity;
use rapport_core::query::search_terms;
use sea_query::{Cond, Condition, Expr, ExprTrait};
use uuid::Uuid;

/// Replaces the search document of a record; `new` skips looking for an old one.
pub async fn set(
    tx: &mut Tx,
    entity: Entity,
    id: Uuid,
    body: &str,
    new: bool,
) -> Result<(), StoreError> {
    match tx {
        Tx::Sqlite(tx) => {
            let id = id.to_string();
            let rowid: Option<i64> = if new {
                None
            } else {
                sqlx::query_scalar("SELECT rowid FROM search_docs WHERE record_id = ?")
                    .bind(&id)
                    .fetch_optional(&mut **tx)
                    .await?
            };
            match rowid {
                Some(rowid) => {
                    sqlx::query("UPDATE search_index SET body = ? WHERE rowid = ?")
                        .bind(body)
                        .bind(rowid)
                        .execute(&mut **tx)
                        .await?;
                }
                None => {
                    let rowid =
                        sqlx::query("INSERT INTO search_docs (entity, record_id) VALUES (?, ?)")
                            .bind(entity.table())
                            .bind(&id)
                            .execute(&mut **tx)
                            .await?
                            .last_insert_rowid();
                    sqlx::query("INSERT INTO search_index (rowid, body) VALUES (?, ?)")
                        .bind(rowid)
                        .bind(body)
                        .execute(&mut **tx)
                        .await?;
                }
            }
        }
        Tx::Postgres(tx) => {
            sqlx::query(
                "INSERT INTO search_docs (record_id, entity, body) VALUES ($1, $2, $3) \
                 ON CONFLICT (record_id) DO UPDATE SET body = EXCLUDED.body",
            )
            .bind(id)
            .bind(entity.table())
            .bind(body)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Removes a record's search document.
pub async fn remove(tx: &mut Tx, id: Uuid) -> Result<(), StoreError> {
    match tx {
        Tx::Sqlite(tx) => {
            let id = id.to_string();
            let rowid: Option<i64> =
                sqlx::query_scalar("SELECT rowid FROM search_docs WHERE record_id = ?")
                    .bind(&id)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some(rowid) = rowid {
                sqlx::query("DELETE FROM search_index WHERE rowid = ?")
                    .bind(rowid)
                    .execute(&mut **tx)
                    .await?;
                sqlx::query("DELETE FROM search_docs WHERE rowid = ?")
                    .bind(rowid)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Tx::Postgres(tx) => {
            sqlx::query("DELETE FROM search_docs WHERE record_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// The match expression for one entity's documents, as an `id IN (…)` condition.
fn matches(backend: Backend, entity: Entity, link: &'static str, terms: &[String]) -> Expr {
    match backend {
        Backend::Sqlite => {
            let query = terms
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            Expr::cust_with_values(
                format!(
                    "\"{link}\" IN (SELECT d.record_id FROM search_index \
                     JOIN search_docs d ON d.rowid = search_index.rowid \
                     WHERE search_index MATCH ? AND d.entity = ?)"
                ),
                [query, entity.table().to_string()],
            )
        }
        Backend::Postgres => {
            let query = terms
                .iter()
                .map(|t| format!("{t}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            Expr::cust_with_values(
                format!(
                    "\"{link}\" IN (SELECT record_id FROM search_docs \
                     WHERE entity = $1 AND tsv @@ to_tsquery('simple', $2))"
                ),
                [entity.table().to_string(), query],
            )
        }
    }
}

/// The condition a `q` parameter adds to a list: the record's own document matches, or
/// (for contacts) its company's does.
pub(crate) fn condition(backend: Backend, entity: Entity, q: &str) -> Condition {
    let terms = search_terms(q);
    if terms.is_empty() {
        return Cond::all().add(Expr::val(1).eq(0));
    }
    let mut cond = Cond::any().add(matches(backend, entity, "id", &terms));
    if entity == Entity::Contact {
        cond = cond.add(matches(backend, Entity::Company, "company_id", &terms));
    }
    cond
}

/// Adds documents for many new records with multi-row statements.
pub async fn add_many(tx: &mut Tx, docs: &[(Entity, Uuid, &str)]) -> Result<(), StoreError> {
    use sea_query::Query;
    let backend = tx.backend();
    let per_statement = crate::records::MAX_BOUND_VALUES / 3;
    match backend {
        Backend::Sqlite => {
            // One writer at a time, so the next rowids are ours to take.
            let next: i64 = match tx {
                Tx::Sqlite(inner) => {
                    sqlx::query_scalar("SELECT COALESCE(MAX(rowid), 0) + 1 FROM search_docs")
                        .fetch_one(&mut **inner)
                        .await?
                }
                Tx::Postgres(_) => 1,
            };
            for (c, chunk) in docs.chunks(per_statement).enumerate() {
                let first = next + (c * per_statement) as i64;
                let mut mapping = Query::insert();
                mapping
                    .into_table("search_docs")
                    .columns(["rowid", "entity", "record_id"]);
                let mut index = Query::insert();
                index.into_table("search_index").columns(["rowid", "body"]);
                for (i, (entity, id, body)) in chunk.iter().enumerate() {
                    let rowid = first + i as i64;
                    mapping
                        .values([
                            Expr::val(rowid),
                            Expr::val(entity.table()),
                            Expr::val(id.to_string()),
                        ])
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    index
                        .values([Expr::val(rowid), Expr::val(*body)])
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                }
                crate::sql::execute(tx, &mapping).await?;
                crate::sql::execute(tx, &index).await?;
            }
        }
        Backend::Postgres => {
            for chunk in docs.chunks(per_statement) {
                let mut statement = Query::insert();
                statement
                    .into_table("search_docs")
                    .columns(["record_id", "entity", "body"]);
                for (entity, id, body) in chunk {
                    statement
                        .values([
                            Expr::val(crate::sql::bind_uuid(backend, *id)),
                            Expr::val(entity.table()),
                            Expr::val(*body),
                        ])
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                }
                crate::sql::execute(tx, &statement).await?;
            }
        }
    }
    Ok(())
}
