//! Generic record storage: insert, update with a version check, get, purge and keyset
//! lists, for every entity described in `rapport_core::entity`.

use crate::connect::{Backend, Db, Tx};
use crate::meeting_contacts;
use crate::search;
use crate::sql::{self, On, StoreError, bind, bind_uuid};
use rapport_core::entity::{Entity, Field, FieldType, Rule};
use rapport_core::policy::Visibility;
use rapport_core::query::{self, Deleted, Filter, ListQuery, Op, Operand, Scalar};
use rapport_core::record::Record;
use sea_query::extension::postgres::PgExpr;
use sea_query::{
    Asterisk, Cond, Condition, Expr, ExprTrait, LikeExpr, LockType, NullOrdering, Order, Query,
    SelectStatement,
};
use serde_json::{Map, Value};
use uuid::Uuid;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<Record>,
    pub next_cursor: Option<String>,
}

fn columns(entity: Entity) -> Vec<(&'static str, FieldType)> {
    entity.fields().map(|f| (f.name, f.ty)).collect()
}

fn to_record(entity: Entity, data: Map<String, Value>) -> Record {
    Record { entity, data }
}

/// Inserts a new record; `data` holds every column.
pub async fn insert(
    tx: &mut Tx,
    entity: Entity,
    data: &Map<String, Value>,
) -> Result<(), StoreError> {
    insert_many(tx, entity, &[data]).await
}

/// Writes every column of a record whose stored version is still `expected_version`.
/// Returns false, changing nothing, when someone else wrote first.
pub async fn update(
    tx: &mut Tx,
    entity: Entity,
    id: Uuid,
    expected_version: i64,
    data: &Map<String, Value>,
) -> Result<bool, StoreError> {
    let backend = tx.backend();
    let mut statement = Query::update();
    statement.table(entity.table());
    for f in entity.fields().filter(|f| f.name != "id") {
        statement.value(
            f.name,
            Expr::val(bind(
                backend,
                f.ty,
                data.get(f.name).unwrap_or(&Value::Null),
            )),
        );
    }
    statement
        .and_where(Expr::col("id").eq(bind_uuid(backend, id)))
        .and_where(Expr::col("version").eq(expected_version));
    let written = sql::execute(tx, &statement).await? == 1;
    if written && entity == Entity::Interaction {
        meeting_contacts::replace(tx, id, data).await?;
    }
    Ok(written)
}

/// Removes a record's row for good (its history stays).
pub async fn purge(tx: &mut Tx, entity: Entity, id: Uuid) -> Result<bool, StoreError> {
    let backend = tx.backend();
    search::remove(tx, entity, id).await?;
    if entity == Entity::Interaction {
        meeting_contacts::remove(tx, id).await?;
    }
    let statement = Query::delete()
        .from_table(entity.table())
        .and_where(Expr::col("id").eq(bind_uuid(backend, id)))
        .to_owned();
    Ok(sql::execute(tx, &statement).await? == 1)
}

/// Reads one record, deleted or not, without looking at visibility.
pub async fn get(db: &Db, entity: Entity, id: Uuid) -> Result<Option<Record>, StoreError> {
    get_on(db.into(), entity, id).await
}

/// Reads one record inside a transaction and, on PostgreSQL, locks it until the end.
pub async fn get_for_update(
    tx: &mut Tx,
    entity: Entity,
    id: Uuid,
) -> Result<Option<Record>, StoreError> {
    get_on(tx.into(), entity, id).await
}

/// Reads one record inside a transaction without locking it.
pub async fn get_in(tx: &mut Tx, entity: Entity, id: Uuid) -> Result<Option<Record>, StoreError> {
    get_on_locked(tx.into(), entity, id, false).await
}

async fn get_on(on: On<'_>, entity: Entity, id: Uuid) -> Result<Option<Record>, StoreError> {
    get_on_locked(on, entity, id, true).await
}

async fn get_on_locked(
    on: On<'_>,
    entity: Entity,
    id: Uuid,
    lock: bool,
) -> Result<Option<Record>, StoreError> {
    let backend = on.backend();
    let mut statement = Query::select();
    statement
        .columns(entity.fields().map(|f| f.name))
        .from(entity.table())
        .and_where(Expr::col("id").eq(bind_uuid(backend, id)));
    if lock && backend == Backend::Postgres && matches!(on, On::Tx(_)) {
        statement.lock(LockType::Update);
    }
    let rows = sql::fetch(on, &statement, &columns(entity)).await?;
    Ok(rows.into_iter().next().map(|d| to_record(entity, d)))
}

/// Whether a live record exists and is visible.
pub async fn visible_exists(
    on: On<'_>,
    entity: Entity,
    id: Uuid,
    visibility: &Visibility,
) -> Result<bool, StoreError> {
    let backend = on.backend();
    let mut statement = Query::select();
    statement
        .expr(Expr::col("id"))
        .from(entity.table())
        .and_where(Expr::col("id").eq(bind_uuid(backend, id)))
        .and_where(Expr::col("deleted_at").is_null());
    if let Some(cond) = visibility_condition(backend, entity, visibility) {
        statement.cond_where(cond);
    }
    let rows = sql::fetch(on, &statement, &[("id", FieldType::Uuid)]).await?;
    Ok(!rows.is_empty())
}

/// Lists the records a query selects, as seen under `visibility`.
pub async fn list(db: &Db, query: &ListQuery, visibility: &Visibility) -> Result<Page, StoreError> {
    list_where(db, query, visibility, None).await
}

/// Lists records with one more fixed condition on a field (a timeline's contact or company).
pub async fn list_where(
    db: &Db,
    query: &ListQuery,
    visibility: &Visibility,
    fixed: Option<(&'static str, Uuid)>,
) -> Result<Page, StoreError> {
    let backend = db.backend();
    let table = query.entity.table();
    let fixed = fixed
        .map(|(field, id)| Cond::all().add(Expr::col((table, field)).eq(bind_uuid(backend, id))));
    list_cond(db, query, visibility, fixed).await
}

/// Lists the interactions a user owns, and the meetings that name them among their
/// participants.
pub async fn list_involving(
    db: &Db,
    query: &ListQuery,
    visibility: &Visibility,
    user: Uuid,
) -> Result<Page, StoreError> {
    let backend = db.backend();
    let table = Entity::Interaction.table();
    // Only meetings are looked into, so the participants of other interactions are
    // never read.
    let cond = Cond::any()
        .add(Expr::col((table, "owner_id")).eq(bind_uuid(backend, user)))
        .add(
            Cond::all()
                .add(Expr::col((table, "kind")).eq("meeting"))
                .add(names_user(backend, user)),
        );
    list_cond(db, query, visibility, Some(cond)).await
}

/// Whether an interaction's participants hold this user; the id is bound.
pub(crate) fn names_user(backend: Backend, user: Uuid) -> Expr {
    match backend {
        Backend::Sqlite => Expr::cust_with_values(
            "EXISTS (SELECT 1 FROM json_each(\"interactions\".\"participants\") \
             WHERE json_extract(json_each.value, '$.user_id') = ?)",
            [user.to_string()],
        ),
        Backend::Postgres => Expr::cust_with_values(
            "\"interactions\".\"participants\" @> CAST($1 AS jsonb)",
            [serde_json::json!([{ "user_id": user.to_string() }]).to_string()],
        ),
    }
}

pub(crate) async fn list_cond(
    db: &Db,
    query: &ListQuery,
    visibility: &Visibility,
    fixed: Option<Condition>,
) -> Result<Page, StoreError> {
    let backend = db.backend();
    if query.search_order {
        return search_page(db, query, visibility, fixed).await;
    }
    let mut statement = list_statement(backend, query, visibility);
    if let Some(cond) = fixed {
        statement.cond_where(cond);
    }
    fetch_page(db, query, &statement).await
}

/// Runs a statement that reads one row more than a page, and makes the page and the
/// cursor after it.
pub(crate) async fn fetch_page(
    db: &Db,
    query: &ListQuery,
    statement: &SelectStatement,
) -> Result<Page, StoreError> {
    let rows = sql::fetch(db.into(), statement, &columns(query.entity)).await?;
    let mut items: Vec<Record> = rows
        .into_iter()
        .map(|d| to_record(query.entity, d))
        .collect();
    let mut next_cursor = None;
    if items.len() > query.limit as usize {
        items.truncate(query.limit as usize);
        if let Some(last) = items.last() {
            let id = last.id().unwrap_or_default();
            next_cursor = Some(query::encode_cursor(
                &query.sort,
                last.get(query.sort.field.name),
                id,
            ));
        }
    }
    Ok(Page { items, next_cursor })
}

/// One page of a search in search order: whole-word matches newest first, then the
/// matches that are closer to the search only by the beginning of a word (see
/// [`search::Closeness`]). Each closeness is read from the search index in turn, a page at
/// most, so a search whose whole words fill the page never gathers the words they begin.
async fn search_page(
    db: &Db,
    query: &ListQuery,
    visibility: &Visibility,
    fixed: Option<Condition>,
) -> Result<Page, StoreError> {
    let backend = db.backend();
    let entity = query.entity;
    let mut cols = columns(entity);
    cols.push(("search_rank", FieldType::Int));
    let wanted = query.limit as usize + 1;
    let from = query.cursor.as_ref().map_or(0, |c| c.closeness);
    let mut found: Vec<(search::Closeness, i64, Record)> = Vec::with_capacity(wanted);
    let words = search::word_count(query.q.as_deref().unwrap_or(""));
    if words == 0 {
        return Ok(Page {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    for closeness in search::Closeness::order(words) {
        if (*closeness as u8) < from {
            continue;
        }
        let after = query
            .cursor
            .as_ref()
            .filter(|c| c.closeness == *closeness as u8);
        let mut statement = search_statement(
            backend,
            query,
            visibility,
            *closeness,
            after,
            wanted - found.len(),
        );
        if let Some(cond) = &fixed {
            statement.cond_where(cond.clone());
        }
        for mut row in sql::fetch(db.into(), &statement, &cols).await? {
            let rank = row
                .remove("search_rank")
                .and_then(|v| v.as_i64())
                .unwrap_or(0);
            found.push((*closeness, rank, to_record(entity, row)));
        }
        if found.len() >= wanted {
            break;
        }
    }
    let mut next_cursor = None;
    if found.len() > query.limit as usize {
        found.truncate(query.limit as usize);
        if let Some((closeness, rank, last)) = found.last() {
            next_cursor = Some(query::encode_search_cursor(
                *closeness as u8,
                *rank,
                last.id().unwrap_or_default(),
            ));
        }
    }
    Ok(Page {
        items: found.into_iter().map(|(_, _, record)| record).collect(),
        next_cursor,
    })
}

/// The statement behind [`search_page`] for the matches of one closeness, after `after`
/// when the page starts among them; identifiers come from the allowlist and the search
/// words are bound.
pub fn search_statement(
    backend: Backend,
    query: &ListQuery,
    visibility: &Visibility,
    closeness: search::Closeness,
    after: Option<&query::Cursor>,
    limit: usize,
) -> SelectStatement {
    let entity = query.entity;
    let table = entity.table();
    let mut statement = Query::select();
    statement.columns(entity.fields().map(|f| (table, f.name)));
    search::drive(
        backend,
        &mut statement,
        entity,
        query.q.as_deref().unwrap_or(""),
        closeness,
    );
    match query.deleted {
        Deleted::Exclude => statement.and_where(Expr::col((table, "deleted_at")).is_null()),
        Deleted::Only => statement.and_where(Expr::col((table, "deleted_at")).is_not_null()),
    };
    if let Some(cond) = visibility_condition(backend, entity, visibility) {
        statement.cond_where(cond);
    }
    for filter in &query.filters {
        statement.cond_where(filter_condition(backend, table, filter));
    }
    if let Some(Scalar::Int(rank)) = after.and_then(|c| c.value.clone()) {
        statement.and_where(search::rank_before(backend, entity, closeness, rank));
    }
    statement.limit(limit as u64);
    statement
}

/// Builds a list query. Every identifier in it comes from the entity's allowlist (the
/// `&'static str` names in `rapport_core::entity`) and every value is bound.
pub fn list_statement(
    backend: Backend,
    query: &ListQuery,
    visibility: &Visibility,
) -> SelectStatement {
    let mut statement = page_statement(backend, query, visibility, Keyset::of(query.entity));
    statement.from(query.entity.table());
    statement
}

/// The columns a page is ordered and continued by: the sort field and the id, read from
/// `table`. A timeline's meetings of other contacts are read in the order of their link
/// table, which copies the sort field and names the id `interaction_id`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keyset {
    pub table: &'static str,
    pub id: &'static str,
}

impl Keyset {
    pub(crate) fn of(entity: Entity) -> Keyset {
        Keyset {
            table: entity.table(),
            id: "id",
        }
    }
}

/// A list query without its FROM clause, every column named with its table, so the
/// caller may read it from a join.
pub(crate) fn page_statement(
    backend: Backend,
    query: &ListQuery,
    visibility: &Visibility,
    keys: Keyset,
) -> SelectStatement {
    let entity = query.entity;
    let table = entity.table();
    let mut statement = Query::select();
    statement.columns(entity.fields().map(|f| (table, f.name)));
    match query.deleted {
        Deleted::Exclude => statement.and_where(Expr::col((table, "deleted_at")).is_null()),
        Deleted::Only => statement.and_where(Expr::col((table, "deleted_at")).is_not_null()),
    };
    if let Some(cond) = visibility_condition(backend, entity, visibility) {
        statement.cond_where(cond);
    }
    for filter in &query.filters {
        statement.cond_where(filter_condition(backend, table, filter));
    }
    if let Some(q) = &query.q {
        statement.cond_where(search::condition(backend, entity, q));
    }
    let sort = &query.sort;
    let field = sort.field;
    if let Some(cursor) = &query.cursor {
        statement.cond_where(after_cursor(backend, keys, field, sort.descending, cursor));
    }
    order_page(&mut statement, query, Some(keys));
    statement.limit(u64::from(query.limit) + 1);
    statement
}

/// Orders a page by its sort field, then by id; `keys` names the table the columns are
/// read from (none: the result columns of a compound select).
pub(crate) fn order_page(statement: &mut SelectStatement, query: &ListQuery, keys: Option<Keyset>) {
    let sort = &query.sort;
    let field = sort.field;
    let (order, nulls) = if sort.descending {
        (Order::Desc, NullOrdering::First)
    } else {
        (Order::Asc, NullOrdering::Last)
    };
    let col = |name: &'static str| match keys {
        Some(k) => Expr::col((k.table, name)),
        None => Expr::col(name),
    };
    let id = keys.map_or("id", |k| k.id);
    if field.not_null {
        statement.order_by_expr(col(field.name), order.clone());
    } else {
        statement.order_by_expr_with_nulls(col(field.name), order.clone(), nulls);
    }
    if field.name != "id" {
        statement.order_by_expr(col(id), order);
    }
}

/// The keyset condition for rows after the cursor. NULL sort values count as the largest,
/// as PostgreSQL orders them by default.
fn after_cursor(
    backend: Backend,
    keys: Keyset,
    field: &'static Field,
    descending: bool,
    cursor: &query::Cursor,
) -> Condition {
    let id = Expr::val(bind_uuid(backend, cursor.id));
    let col = || Expr::col((keys.table, field.name));
    let id_col = || Expr::col((keys.table, keys.id));
    let id_after = || {
        if descending {
            id_col().lt(id.clone())
        } else {
            id_col().gt(id.clone())
        }
    };
    if field.name == "id" {
        return Cond::all().add(id_after());
    }
    match &cursor.value {
        Some(v) => {
            let v = Expr::val(scalar_value(backend, field, v));
            if field.not_null {
                let lhs = Expr::tuple([col(), id_col()]);
                let rhs = Expr::tuple([v, id]);
                Cond::all().add(if descending { lhs.lt(rhs) } else { lhs.gt(rhs) })
            } else if descending {
                Cond::any()
                    .add(col().lt(v.clone()))
                    .add(Cond::all().add(col().eq(v)).add(id_after()))
            } else {
                Cond::any()
                    .add(col().gt(v.clone()))
                    .add(Cond::all().add(col().eq(v)).add(id_after()))
                    .add(col().is_null())
            }
        }
        None if descending => Cond::any()
            .add(Cond::all().add(col().is_null()).add(id_after()))
            .add(col().is_not_null()),
        None => Cond::all().add(col().is_null()).add(id_after()),
    }
}

fn scalar_value(backend: Backend, field: &Field, v: &Scalar) -> sea_query::Value {
    let json = match v {
        Scalar::Uuid(u) => Value::String(u.to_string()),
        Scalar::Text(s) | Scalar::Time(s) => Value::String(s.clone()),
        Scalar::Int(i) => Value::from(*i),
        Scalar::Bool(b) => Value::Bool(*b),
    };
    let ty = if field.ty == FieldType::Json {
        FieldType::Text
    } else {
        field.ty
    };
    bind(backend, ty, &json)
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn filter_condition(backend: Backend, table: &'static str, filter: &Filter) -> Condition {
    let field = filter.field;
    if field.rule == Rule::Tags {
        return tag_condition(backend, filter);
    }
    let col = || Expr::col((table, field.name));
    let one = |s: &Scalar| Expr::val(scalar_value(backend, field, s));
    match (&filter.op, &filter.operand) {
        (Op::IsNull, Operand::Null(true)) => Cond::all().add(col().is_null()),
        (Op::IsNull, _) => Cond::all().add(col().is_not_null()),
        (Op::In, Operand::Many(items)) => Cond::all().add(col().is_in(items.iter().map(one))),
        (op, Operand::One(s)) => {
            let v = one(s);
            Cond::all().add(match op {
                Op::Eq => col().eq(v),
                // "Not equal" includes records where the field is empty.
                Op::Ne => return Cond::any().add(col().ne(v)).add(col().is_null()),
                Op::Lt => col().lt(v),
                Op::Lte => col().lte(v),
                Op::Gt => col().gt(v),
                Op::Gte => col().gte(v),
                Op::Contains => {
                    let text = match s {
                        Scalar::Text(t) => t.clone(),
                        _ => String::new(),
                    };
                    // PostgreSQL escapes with a backslash by default; SQLite must be told.
                    let pattern = LikeExpr::new(escape_like(&text));
                    match backend {
                        Backend::Sqlite => col().like(pattern.escape('\\')),
                        Backend::Postgres => col().ilike(pattern),
                    }
                }
                Op::In | Op::IsNull => col().eq(v),
            })
        }
        // The parser never pairs these; an impossible pair matches nothing.
        _ => Cond::all().add(Expr::val(1).eq(0)),
    }
}

/// Tag filters: `eq` has the tag, `ne` lacks it, `in` has any, `is_null` has none.
fn tag_condition(backend: Backend, filter: &Filter) -> Condition {
    let has = |tag: &Scalar| -> Expr {
        let name = match tag {
            Scalar::Text(t) => t.clone(),
            _ => String::new(),
        };
        match backend {
            Backend::Sqlite => Expr::cust_with_values(
                "EXISTS (SELECT 1 FROM json_each(\"tags\") WHERE json_each.value = ?)",
                [name],
            ),
            Backend::Postgres => {
                Expr::cust_with_values("\"tags\" @> jsonb_build_array(CAST($1 AS text))", [name])
            }
        }
    };
    let empty = match backend {
        Backend::Sqlite => Expr::cust("json_array_length(\"tags\") = 0"),
        Backend::Postgres => Expr::cust("jsonb_array_length(\"tags\") = 0"),
    };
    match (&filter.op, &filter.operand) {
        (Op::Eq, Operand::One(t)) => Cond::all().add(has(t)),
        (Op::Ne, Operand::One(t)) => Cond::all().add(has(t).not()),
        (Op::In, Operand::Many(items)) => items.iter().fold(Cond::any(), |c, t| c.add(has(t))),
        (Op::IsNull, Operand::Null(true)) => Cond::all().add(empty),
        (Op::IsNull, _) => Cond::all().add(empty.not()),
        _ => Cond::all().add(Expr::val(1).eq(0)),
    }
}

pub(crate) fn owner_condition(backend: Backend, table: &'static str, users: &[Uuid]) -> Condition {
    let owner = Entity::from_table(table).map_or("owner_id", Entity::owner_field);
    Cond::any()
        .add(Expr::col((table, owner)).is_null())
        .add(Expr::col((table, owner)).is_in(users.iter().map(|u| bind_uuid(backend, *u))))
}

/// Limits a query on `entity` to what `visibility` allows. Interactions are also visible
/// through the contact or company they belong to.
pub(crate) fn visibility_condition(
    backend: Backend,
    entity: Entity,
    visibility: &Visibility,
) -> Option<Condition> {
    let Visibility::OwnedBy(users) = visibility else {
        return None;
    };
    match entity {
        Entity::Company
        | Entity::Contact
        | Entity::Lead
        | Entity::Deal
        | Entity::Task
        | Entity::Quote
        | Entity::Order
        | Entity::Invoice
        | Entity::Ticket => Some(owner_condition(backend, entity.table(), users)),
        Entity::Interaction => {
            let via = |parent: Entity, link: &'static str| {
                Expr::col((Entity::Interaction.table(), link)).in_subquery(
                    Query::select()
                        .column((parent.table(), "id"))
                        .from(parent.table())
                        .cond_where(owner_condition(backend, parent.table(), users))
                        .to_owned(),
                )
            };
            Some(
                owner_condition(backend, Entity::Interaction.table(), users)
                    .add(via(Entity::Contact, "contact_id"))
                    .add(via(Entity::Company, "company_id")),
            )
        }
        _ => None,
    }
}

/// How many ids one look-up by id binds. Every look-up binds exactly this many (the last
/// id repeated), so that each is the same statement and stays prepared.
const IDS_PER_LOOKUP: usize = 100;

/// Some fields of the live records of `entity` with these ids that `visibility` allows,
/// in no particular order: what a page needs to name the records it links to, without
/// reading the rest of them. `fields` are field names of the entity; others are left out.
pub async fn fields_by_id(
    db: &Db,
    entity: Entity,
    ids: &[Uuid],
    fields: &[&str],
    visibility: &Visibility,
) -> Result<Vec<Record>, StoreError> {
    let backend = db.backend();
    let mut columns: Vec<(&str, FieldType)> = vec![("id", FieldType::Uuid)];
    columns.extend(
        fields
            .iter()
            .filter_map(|name| entity.field(name))
            .filter(|f| f.name != "id")
            .map(|f| (f.name, f.ty)),
    );
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_LOOKUP) {
        let Some(last) = chunk.last() else { continue };
        let bound = chunk
            .iter()
            .chain(std::iter::repeat_n(last, IDS_PER_LOOKUP - chunk.len()))
            .map(|id| bind_uuid(backend, *id));
        let mut statement = Query::select()
            .columns(columns.iter().map(|(name, _)| *name))
            .from(entity.table())
            .and_where(Expr::col("id").is_in(bound))
            .and_where(Expr::col("deleted_at").is_null())
            .to_owned();
        if let Some(condition) = visibility_condition(backend, entity, visibility) {
            statement.cond_where(condition);
        }
        let rows = sql::fetch(db.into(), &statement, &columns).await?;
        out.extend(rows.into_iter().map(|data| to_record(entity, data)));
    }
    Ok(out)
}

/// Counts live records (for the demo and metrics).
pub async fn count(db: &Db, entity: Entity) -> Result<i64, StoreError> {
    count_where(db, entity, true).await
}

/// Counts every record, live or in the trash.
pub async fn count_all(db: &Db, entity: Entity) -> Result<i64, StoreError> {
    count_where(db, entity, false).await
}

async fn count_where(db: &Db, entity: Entity, live: bool) -> Result<i64, StoreError> {
    let mut statement = Query::select()
        .expr_as(Expr::col(Asterisk).count(), "n")
        .from(entity.table())
        .to_owned();
    if live {
        statement.and_where(Expr::col("deleted_at").is_null());
    }
    let rows = sql::fetch(db.into(), &statement, &[("n", FieldType::Int)]).await?;
    Ok(rows
        .first()
        .and_then(|r| r.get("n"))
        .and_then(Value::as_i64)
        .unwrap_or(0))
}

/// Whether a tag with this name exists (deleted or not; names stay unique).
pub async fn tag_exists(tx: &mut Tx, name: &str) -> Result<bool, StoreError> {
    let statement = Query::select()
        .column("id")
        .from(Entity::Tag.table())
        .and_where(Expr::col("name").eq(name))
        .to_owned();
    let rows = sql::fetch(tx.into(), &statement, &[("id", FieldType::Uuid)]).await?;
    Ok(!rows.is_empty())
}

/// The live attachments of one record, oldest first.
pub async fn attachments_of(
    db: &Db,
    record_type: &str,
    record_id: Uuid,
) -> Result<Vec<Record>, StoreError> {
    let backend = db.backend();
    let entity = Entity::Attachment;
    let statement = Query::select()
        .columns(entity.fields().map(|f| f.name))
        .from(entity.table())
        .and_where(Expr::col("record_type").eq(record_type))
        .and_where(Expr::col("record_id").eq(bind_uuid(backend, record_id)))
        .and_where(Expr::col("deleted_at").is_null())
        .order_by("created_at", Order::Asc)
        .order_by("id", Order::Asc)
        .to_owned();
    let rows = sql::fetch(db.into(), &statement, &columns(entity)).await?;
    Ok(rows.into_iter().map(|d| to_record(entity, d)).collect())
}

/// The ids of every record (deleted or not) whose `field` holds `id`, inside a transaction.
pub async fn ids_where(
    tx: &mut Tx,
    entity: Entity,
    field: &'static str,
    id: Uuid,
) -> Result<Vec<Uuid>, StoreError> {
    let backend = tx.backend();
    let statement = Query::select()
        .column("id")
        .from(entity.table())
        .and_where(Expr::col(field).eq(bind_uuid(backend, id)))
        .order_by("id", Order::Asc)
        .to_owned();
    let rows = sql::fetch(tx.into(), &statement, &[("id", FieldType::Uuid)]).await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str))
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect())
}

/// The most values one statement binds; under SQLite's limit of 32,766 and PostgreSQL's of
/// 65,535.
pub(crate) const MAX_BOUND_VALUES: usize = 30_000;

/// Inserts many new records of one entity with multi-row statements (bulk imports and
/// demo data). Each map holds every column.
pub async fn insert_many(
    tx: &mut Tx,
    entity: Entity,
    rows: &[&Map<String, Value>],
) -> Result<(), StoreError> {
    let backend = tx.backend();
    let fields: Vec<&Field> = entity.fields().collect();
    let per_statement = (MAX_BOUND_VALUES / fields.len()).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut statement = Query::insert();
        statement
            .into_table(entity.table())
            .columns(fields.iter().map(|f| f.name));
        for data in chunk {
            let values: Vec<Expr> = fields
                .iter()
                .map(|f| {
                    Expr::val(bind(
                        backend,
                        f.ty,
                        data.get(f.name).unwrap_or(&Value::Null),
                    ))
                })
                .collect();
            statement
                .values(values)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        }
        sql::execute(tx, &statement).await?;
    }
    if entity == Entity::Interaction {
        meeting_contacts::add_many(tx, rows).await?;
    }
    Ok(())
}
