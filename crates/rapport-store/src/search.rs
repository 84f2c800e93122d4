//! Full-text search: one document per record, FTS5 on SQLite and tsvector on PostgreSQL.
//!
//! Each searchable entity's documents are indexed apart (an FTS5 table per entity on
//! SQLite, a partial GIN index per entity on PostgreSQL), so that a search walks only the
//! matches of the entity it lists.
//!
//! Search words are reduced to letters and digits by `rapport_core::query::search_terms`
//! before they reach either match syntax, and are bound as values.

use crate::connect::{Backend, Tx};
use crate::sql::StoreError;
use rapport_core::entity::Entity;
use rapport_core::query::search_terms;
use sea_query::{Cond, Condition, Expr, ExprTrait, Order, SelectStatement};
use uuid::Uuid;

/// The FTS5 table of one entity's documents on SQLite.
fn fts_table(entity: Entity) -> Result<&'static str, StoreError> {
    match entity {
        Entity::Company => Ok("search_companies"),
        Entity::Contact => Ok("search_contacts"),
        Entity::Interaction => Ok("search_interactions"),
        Entity::Lead => Ok("search_leads"),
        Entity::Deal => Ok("search_deals"),
        Entity::Product => Ok("search_products"),
        Entity::Task => Ok("search_tasks"),
        Entity::KbArticle => Ok("search_kb_articles"),
        Entity::Ticket => Ok("search_tickets"),
        Entity::TicketMessage => Ok("search_ticket_messages"),
        other => Err(StoreError::Corrupt(format!(
            "{} has no search documents",
            other.table()
        ))),
    }
}

/// The condition that keeps one entity's documents on PostgreSQL. The entity's table name
/// comes from the allowlist and is written as a literal, so that the planner can choose
/// the entity's partial index, which it cannot do for a bound value.
fn pg_entity_is(entity: Entity) -> Expr {
    Expr::cust(pg_entity_sql(entity))
}

fn pg_entity_sql(entity: Entity) -> String {
    format!("\"search_docs\".\"entity\" = '{}'", entity.table())
}

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
            let fts = fts_table(entity)?;
            let id = id.to_string();
            let rowid: Option<i64> = if new {
                None
            } else {
                sqlx::query_scalar("SELECT rowid FROM search_docs WHERE record_id = ?")
                    .bind(&id)
                    .fetch_optional(tx.conn().await?)
                    .await?
            };
            // Nothing waits on these writes, so they go with the transaction's next statement.
            match rowid {
                Some(rowid) => tx.hold(
                    &format!("UPDATE {fts} SET body = ? WHERE rowid = ?"),
                    [body.into(), rowid.into()],
                ),
                None => {
                    tx.hold(
                        "INSERT INTO search_docs (entity, record_id) VALUES (?, ?)",
                        [entity.table().into(), id.into()],
                    );
                    tx.hold(
                        &format!("INSERT INTO {fts} (rowid, body) VALUES (last_insert_rowid(), ?)"),
                        [body.into()],
                    );
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
pub async fn remove(tx: &mut Tx, entity: Entity, id: Uuid) -> Result<(), StoreError> {
    if !entity.searchable() {
        return Ok(());
    }
    match tx {
        Tx::Sqlite(tx) => {
            let fts = fts_table(entity)?;
            let id = id.to_string();
            let rowid: Option<i64> =
                sqlx::query_scalar("SELECT rowid FROM search_docs WHERE record_id = ?")
                    .bind(&id)
                    .fetch_optional(tx.conn().await?)
                    .await?;
            if let Some(rowid) = rowid {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {fts} WHERE rowid = ?"
                )))
                .bind(rowid)
                .execute(tx.conn().await?)
                .await?;
                sqlx::query("DELETE FROM search_docs WHERE rowid = ?")
                    .bind(rowid)
                    .execute(tx.conn().await?)
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

/// How closely a record's words meet a search's words. A search in search order lists
/// the records of each closeness in turn, newest first within each: whole words before the
/// words a search word only begins. Whole words are also what an index finds cheaply: it
/// walks one word's records newest first and stops after a page, where a beginning has to
/// gather the records of every word it begins first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Closeness {
    /// Every search word is a whole word of the record.
    Whole = 0,
    /// Every search word but the last is whole, and the last begins a word: the word
    /// still being typed.
    LastBegins = 1,
    /// Every search word begins a word of the record.
    AllBegin = 2,
}

impl Closeness {
    /// The closenesses a search of this many words lists, closest first; with one word
    /// the last word is the only one, so two of them are the same.
    pub fn order(words: usize) -> &'static [Closeness] {
        if words > 1 {
            &[Closeness::Whole, Closeness::LastBegins, Closeness::AllBegin]
        } else {
            &[Closeness::Whole, Closeness::AllBegin]
        }
    }

    /// The closeness a cursor names, if it names one.
    pub fn from_index(index: u8) -> Option<Closeness> {
        [Closeness::Whole, Closeness::LastBegins, Closeness::AllBegin]
            .get(usize::from(index))
            .copied()
    }

    /// Whether search word `i` of `words` may be the beginning of a word.
    fn begins(self, i: usize, words: usize) -> bool {
        match self {
            Closeness::Whole => false,
            Closeness::LastBegins => i + 1 == words,
            Closeness::AllBegin => true,
        }
    }

    /// The closer closeness listed before this one, whose records this one leaves out.
    fn before(self, words: usize) -> Option<Closeness> {
        let order = Closeness::order(words);
        let at = order.iter().position(|c| *c == self)?;
        at.checked_sub(1).map(|i| order[i])
    }
}

/// The match expression for one entity's documents, as an `id IN (…)` condition.
fn matches(backend: Backend, entity: Entity, link: &'static str, terms: &[String]) -> Expr {
    match backend {
        Backend::Sqlite => {
            let Ok(fts) = fts_table(entity) else {
                return Expr::val(1).eq(0);
            };
            Expr::cust_with_values(
                format!(
                    "\"{link}\" IN (SELECT d.record_id FROM {fts} \
                     JOIN search_docs d ON d.rowid = {fts}.rowid WHERE {fts} MATCH ?)"
                ),
                [fts5_query(terms, Closeness::AllBegin, None)],
            )
        }
        Backend::Postgres => Expr::cust_with_values(
            format!(
                "\"{link}\" IN (SELECT record_id FROM search_docs \
                 WHERE {} AND tsv @@ to_tsquery('simple', rapport_fold($1)))",
                pg_entity_sql(entity)
            ),
            [tsquery(terms, Closeness::AllBegin, None)],
        ),
    }
}

/// The condition a `q` parameter adds to a list sorted by a field: the record's document
/// has every search word, whole or begun. (A contact's document holds its company's name
/// too.)
pub(crate) fn condition(backend: Backend, entity: Entity, q: &str) -> Condition {
    let terms = search_terms(q);
    if terms.is_empty() {
        return Cond::all().add(Expr::val(1).eq(0));
    }
    Cond::all().add(matches(backend, entity, "id", &terms))
}

/// An FTS5 query for the documents of one closeness, leaving out those of `before`.
fn fts5_query(terms: &[String], closeness: Closeness, before: Option<Closeness>) -> String {
    let words = |closeness: Closeness| {
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if closeness.begins(i, terms.len()) {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match before {
        Some(before) => format!("({}) NOT ({})", words(closeness), words(before)),
        None => words(closeness),
    }
}

/// A tsquery for the documents of one closeness, leaving out those of `before`.
fn tsquery(terms: &[String], closeness: Closeness, before: Option<Closeness>) -> String {
    let words = |closeness: Closeness| {
        terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if closeness.begins(i, terms.len()) {
                    format!("{t}:*")
                } else {
                    t.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" & ")
    };
    match before {
        Some(before) => format!("({}) & !({})", words(closeness), words(before)),
        None => words(closeness),
    }
}

/// The number of words a search holds once reduced to letters and digits.
pub(crate) fn word_count(q: &str) -> usize {
    search_terms(q).len()
}

/// Makes a select read the records of one closeness from the entity's search index, newest
/// match first, joined to the entity's table, with the match's position selected as
/// `search_rank`.
pub(crate) fn drive(
    backend: Backend,
    statement: &mut SelectStatement,
    entity: Entity,
    q: &str,
    closeness: Closeness,
) {
    let terms = search_terms(q);
    let before = closeness.before(terms.len());
    let table = entity.table();
    match backend {
        Backend::Sqlite => {
            let Ok(fts) = fts_table(entity) else {
                statement.from(table).and_where(Expr::val(1).eq(0));
                return;
            };
            statement
                .expr_as(Expr::col((fts, "rowid")), "search_rank")
                .from(fts)
                .inner_join(
                    "search_docs",
                    Expr::col(("search_docs", "rowid")).equals((fts, "rowid")),
                )
                .inner_join(
                    table,
                    Expr::col((table, "id")).equals(("search_docs", "record_id")),
                )
                .and_where(Expr::cust_with_values(
                    format!("\"{fts}\" MATCH ?"),
                    [fts5_query(&terms, closeness, before)],
                ))
                .order_by((fts, "rowid"), Order::Desc);
        }
        Backend::Postgres if uses_words(entity, closeness) => {
            // The first word's entries are read newest first; each further word must be
            // an entry of the same document.
            statement
                .expr_as(Expr::col((WORDS, "seq")), "search_rank")
                .from_as("search_words", WORDS)
                .inner_join(table, Expr::col((table, "id")).equals((WORDS, "record_id")))
                .and_where(Expr::col((WORDS, "entity")).eq(table))
                .order_by((WORDS, "seq"), Order::Desc);
            for (i, term) in terms.iter().enumerate() {
                let condition = match MORE_WORDS.get(i.wrapping_sub(1)) {
                    _ if i == 0 => format!("\"{WORDS}\".\"word\" = rapport_fold($1)"),
                    Some(alias) => format!(
                        "EXISTS (SELECT 1 FROM \"search_words\" AS \"{alias}\" \
                         WHERE \"{alias}\".\"entity\" = \"{WORDS}\".\"entity\" \
                         AND \"{alias}\".\"seq\" = \"{WORDS}\".\"seq\" \
                         AND \"{alias}\".\"word\" = rapport_fold($1))"
                    ),
                    None => continue,
                };
                statement.and_where(Expr::cust_with_values(condition, [term.clone()]));
            }
        }
        Backend::Postgres => {
            statement
                .expr_as(Expr::col(("search_docs", "seq")), "search_rank")
                .from("search_docs")
                .inner_join(
                    table,
                    Expr::col((table, "id")).equals(("search_docs", "record_id")),
                )
                .and_where(pg_entity_is(entity))
                .and_where(Expr::cust_with_values(
                    "\"search_docs\".\"tsv\" @@ to_tsquery('simple', rapport_fold($1))",
                    [tsquery(&terms, closeness, before)],
                ))
                .order_by(("search_docs", "seq"), Order::Desc);
        }
    }
    if terms.is_empty() {
        statement.and_where(Expr::val(1).eq(0));
    }
}

/// Continues a search after the match at position `rank`.
pub(crate) fn rank_before(
    backend: Backend,
    entity: Entity,
    closeness: Closeness,
    rank: i64,
) -> Expr {
    match (backend, fts_table(entity)) {
        (Backend::Sqlite, Ok(fts)) => Expr::col((fts, "rowid")).lt(rank),
        (Backend::Sqlite, Err(_)) => Expr::val(1).eq(0),
        (Backend::Postgres, _) if uses_words(entity, closeness) => {
            Expr::col((WORDS, "seq")).lt(rank)
        }
        (Backend::Postgres, _) => Expr::col(("search_docs", "seq")).lt(rank),
    }
}

/// The alias of the word index's entries for a search's first word, and those of the
/// further words a document must hold too (a search has at most twelve words).
const WORDS: &str = "w0";
const MORE_WORDS: [&str; 11] = [
    "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11",
];

/// Whether PostgreSQL finds this entity's whole-word matches in the ordered word index
/// (`search_words`, migration 0012), which holds the entities looked up by name.
fn uses_words(entity: Entity, closeness: Closeness) -> bool {
    closeness == Closeness::Whole
        && matches!(
            entity,
            Entity::Contact | Entity::Company | Entity::Lead | Entity::Deal | Entity::Product
        )
}

/// The identifiers the word index adds to search statements, for the SQL checks.
pub const WORD_INDEX_NAMES: [&str; 15] = [
    "search_words",
    "word",
    "seq",
    "w0",
    "w1",
    "w2",
    "w3",
    "w4",
    "w5",
    "w6",
    "w7",
    "w8",
    "w9",
    "w10",
    "w11",
];

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
                        .fetch_one(inner.conn().await?)
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
                // One insert per entity's index, each holding that entity's documents.
                let mut indexes: Vec<(&'static str, sea_query::InsertStatement)> = Vec::new();
                for (i, (entity, id, body)) in chunk.iter().enumerate() {
                    let rowid = first + i as i64;
                    mapping
                        .values([
                            Expr::val(rowid),
                            Expr::val(entity.table()),
                            Expr::val(id.to_string()),
                        ])
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    let fts = fts_table(*entity)?;
                    let at = match indexes.iter().position(|(t, _)| *t == fts) {
                        Some(at) => at,
                        None => {
                            let mut index = Query::insert();
                            index.into_table(fts).columns(["rowid", "body"]);
                            indexes.push((fts, index));
                            indexes.len() - 1
                        }
                    };
                    indexes[at]
                        .1
                        .values([Expr::val(rowid), Expr::val(*body)])
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                }
                crate::sql::execute(tx, &mapping).await?;
                for (_, index) in &indexes {
                    crate::sql::execute(tx, index).await?;
                }
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

#[cfg(test)]
mod tests {
    use super::{Closeness, fts_table, fts5_query, tsquery};
    use rapport_core::entity::ALL;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn each_closeness_leaves_out_the_closer_one_before_it() {
        let two = words(&["anna", "jo"]);
        let mut fts = Vec::new();
        let mut pg = Vec::new();
        for c in Closeness::order(2) {
            fts.push(fts5_query(&two, *c, c.before(2)));
            pg.push(tsquery(&two, *c, c.before(2)));
        }
        assert_eq!(
            fts,
            [
                "\"anna\" \"jo\"",
                "(\"anna\" \"jo\"*) NOT (\"anna\" \"jo\")",
                "(\"anna\"* \"jo\"*) NOT (\"anna\" \"jo\"*)",
            ]
        );
        assert_eq!(
            pg,
            [
                "anna & jo",
                "(anna & jo:*) & !(anna & jo)",
                "(anna:* & jo:*) & !(anna & jo:*)",
            ]
        );
        let one = words(&["jones"]);
        assert_eq!(Closeness::order(1).len(), 2);
        assert_eq!(
            tsquery(&one, Closeness::AllBegin, Closeness::AllBegin.before(1)),
            "(jones:*) & !(jones)"
        );
    }

    #[test]
    fn cursors_name_closenesses_by_their_index() {
        for c in Closeness::order(3) {
            assert_eq!(Closeness::from_index(*c as u8), Some(*c));
        }
        assert_eq!(Closeness::from_index(3), None);
    }

    #[test]
    fn every_searchable_entity_has_an_index_of_its_own() {
        for entity in ALL {
            assert_eq!(
                entity.searchable(),
                fts_table(entity).is_ok(),
                "{}",
                entity.table()
            );
        }
    }
}
