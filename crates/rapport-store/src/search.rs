//! Full-text search: one document per record, FTS5 on SQLite and tsvector on PostgreSQL.
//!
//! Search words are reduced to letters and digits by `rapport_core::query::search_terms`
//! before they reach either match syntax, and are bound as values.

use crate::connect::{Backend, Tx};
use crate::sql::StoreError;
use rapport_core::entity::Entity;
use rapport_core::query::search_terms;
use sea_query::{Cond, Condition, Expr, ExprTrait, Order, SelectStatement};
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
            let query = fts5_query(terms);
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
            let query = tsquery(terms);
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

/// The condition a `q` parameter adds to a list sorted by a field: the record's document
/// matches. (A contact's document holds its company's name too.)
pub(crate) fn condition(backend: Backend, entity: Entity, q: &str) -> Condition {
    let terms = search_terms(q);
    if terms.is_empty() {
        return Cond::all().add(Expr::val(1).eq(0));
    }
    Cond::all().add(matches(backend, entity, "id", &terms))
}

fn fts5_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Makes a select read from the search index first, newest match first, joined to the
/// entity's table, with the match's position selected as `search_rank`.
pub(crate) fn drive(backend: Backend, statement: &mut SelectStatement, entity: Entity, q: &str) {
    let terms = search_terms(q);
    let table = entity.table();
    match backend {
        Backend::Sqlite => {
            statement
                .expr_as(Expr::col(("search_index", "rowid")), "search_rank")
                .from("search_index")
                .inner_join(
                    "search_docs",
                    Expr::col(("search_docs", "rowid")).equals(("search_index", "rowid")),
                )
                .inner_join(
                    table,
                    Expr::col((table, "id")).equals(("search_docs", "record_id")),
                )
                .and_where(Expr::cust_with_values(
                    "search_index MATCH ?",
                    [fts5_query(&terms)],
                ))
                .and_where(Expr::col(("search_docs", "entity")).eq(table))
                .order_by(("search_index", "rowid"), Order::Desc);
        }
        Backend::Postgres => {
            statement
                .expr_as(Expr::col(("search_docs", "seq")), "search_rank")
                .from("search_docs")
                .inner_join(
                    table,
                    Expr::col((table, "id")).equals(("search_docs", "record_id")),
                )
                .and_where(Expr::col(("search_docs", "entity")).eq(table))
                .and_where(Expr::cust_with_values(
                    "\"search_docs\".\"tsv\" @@ to_tsquery('simple', $1)",
                    [tsquery(&terms)],
                ))
                .order_by(("search_docs", "seq"), Order::Desc);
        }
    }
    if terms.is_empty() {
        statement.and_where(Expr::val(1).eq(0));
    }
}

/// Continues a search after the match at position `rank`.
pub(crate) fn rank_before(backend: Backend, rank: i64) -> Expr {
    match backend {
        Backend::Sqlite => Expr::col(("search_index", "rowid")).lt(rank),
        Backend::Postgres => Expr::col(("search_docs", "seq")).lt(rank),
    }
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
