//! A contact's timeline: its own interactions and the meetings it takes part in.
//!
//! The two are read as two ordered, limited index scans joined by `UNION ALL` and cut to
//! one page: the contact's own interactions from `interactions_contact (contact_id,
//! occurred_at, id)`, the meetings of others it takes part in from the primary key of
//! `meeting_contacts (contact_id, occurred_at, interaction_id)`. Each scan stops after a
//! page, so a page reads at most twice its length whatever the contact's history. An OR
//! of the two conditions would leave neither index able to give the order, and the
//! database would gather and sort every interaction of the contact first. A meeting is
//! never in both: `meeting_contacts` leaves out the meeting's own contact.
//!
//! The plans, checked with EXPLAIN: SQLite merges the two halves (`MERGE (UNION ALL)`)
//! of `SEARCH interactions USING INDEX interactions_contact (contact_id=? AND
//! (occurred_at,id)<(?,?))` and `SEARCH meeting_contacts USING PRIMARY KEY` with each
//! meeting's row found by `id`, sorting only the page's rows; PostgreSQL runs a
//! `Merge Append` of a backward index scan of `interactions_contact` and a nested loop
//! from a backward index-only scan of `meeting_contacts_pkey`. A reader with a limited
//! view adds, per meeting row, primary-key lookups of its contact and company.

use crate::connect::{Backend, Db, Tx};
use crate::meeting_contacts::TABLE as LINKS;
use crate::records::{
    Keyset, Page, fetch_page, list_cond, names_user, order_page, owner_condition, page_statement,
};
use crate::sql::{self, StoreError, bind_uuid};
use rapport_core::entity::{Entity, FieldType};
use rapport_core::policy::Visibility;
use rapport_core::query::{ListQuery, Op, Operand, Scalar};
use sea_query::{Asterisk, Cond, Condition, Expr, ExprTrait, Query, SelectStatement, UnionType};
use serde_json::Value;
use uuid::Uuid;

const INTERACTIONS: &str = "interactions";

/// Who reads a timeline: the interactions they see, and the user they are (a user
/// taking part in a meeting sees it, whatever their role lets them see otherwise).
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    pub visibility: &'a Visibility,
    pub user: Option<Uuid>,
}

/// One page of a contact's timeline. Its own interactions are shown to whoever sees the
/// contact; a meeting it merely takes part in only to those who see that meeting.
pub async fn of_contact(
    db: &Db,
    query: &ListQuery,
    contact: Uuid,
    reader: &Reader<'_>,
) -> Result<Page, StoreError> {
    let backend = db.backend();
    if query.search_order {
        // A search is driven from the search index; the contact is only a condition.
        let cond = Cond::any().add(own(backend, contact)).add(
            Cond::all()
                .add(
                    Expr::col((INTERACTIONS, "id")).in_subquery(
                        Query::select()
                            .column((LINKS, "interaction_id"))
                            .from(LINKS)
                            .and_where(
                                Expr::col((LINKS, "contact_id")).eq(bind_uuid(backend, contact)),
                            )
                            .to_owned(),
                    ),
                )
                .add_option(seen(backend, reader)),
        );
        return list_cond(db, query, &Visibility::All, Some(cond)).await;
    }
    let statement = statement(backend, query, contact, reader);
    fetch_page(db, query, &statement).await
}

fn own(backend: Backend, contact: Uuid) -> Condition {
    Cond::all().add(Expr::col((INTERACTIONS, "contact_id")).eq(bind_uuid(backend, contact)))
}

/// The statement behind [`of_contact`] when it is not a search in search order.
pub fn statement(
    backend: Backend,
    query: &ListQuery,
    contact: Uuid,
    reader: &Reader<'_>,
) -> SelectStatement {
    let mut mine = page_statement(
        backend,
        query,
        &Visibility::All,
        Keyset::of(Entity::Interaction),
    );
    mine.from(INTERACTIONS).cond_where(own(backend, contact));
    if !may_hold_meetings(query) {
        return mine;
    }
    // Sorted by start, the meetings are read in the link table's order, which copies the
    // start; any other sort reads the contact's meetings and sorts them, as few as they are.
    let keys = if query.sort.field.name == "occurred_at" {
        Keyset {
            table: LINKS,
            id: "interaction_id",
        }
    } else {
        Keyset::of(Entity::Interaction)
    };
    let mut theirs = page_statement(backend, query, &Visibility::All, keys);
    theirs
        .from(LINKS)
        .inner_join(
            INTERACTIONS,
            Expr::col((INTERACTIONS, "id")).equals((LINKS, "interaction_id")),
        )
        .and_where(Expr::col((LINKS, "contact_id")).eq(bind_uuid(backend, contact)));
    if let Some(cond) = seen(backend, reader) {
        theirs.cond_where(cond);
    }
    let mut page = Query::select();
    page.column(Asterisk).from_subquery(mine, "own").union(
        UnionType::All,
        Query::select()
            .column(Asterisk)
            .from_subquery(theirs, "taking_part")
            .to_owned(),
    );
    order_page(&mut page, query, None);
    page.limit(u64::from(query.limit) + 1);
    page
}

/// Whether the filters let meetings through; when they do not, the meetings of others
/// are not looked up at all. The filters still decide row by row when this says yes.
fn may_hold_meetings(query: &ListQuery) -> bool {
    let meeting = |s: &Scalar| matches!(s, Scalar::Text(k) if k == "meeting");
    query
        .filters
        .iter()
        .filter(|f| f.field.name == "kind")
        .all(|f| match (&f.op, &f.operand) {
            (Op::Eq, Operand::One(s)) => meeting(s),
            (Op::Ne, Operand::One(s)) => !meeting(s),
            (Op::In, Operand::Many(items)) => items.iter().any(meeting),
            (Op::IsNull, Operand::Null(true)) => false,
            _ => true,
        })
}

/// Which meetings of others the reader sees, as `rapport_app::records::visible` and
/// `rapport_app::meetings::get` decide it, so every meeting shown opens: those owned by
/// them, their team or nobody, those on a live contact or company they see, and those
/// they take part in. The contact and company are looked up row by row
/// by their primary keys, since a page reads a few rows, rather than gathering every
/// contact the reader sees as `records::visibility_condition` does for long lists.
fn seen(backend: Backend, reader: &Reader<'_>) -> Option<Condition> {
    let Visibility::OwnedBy(users) = reader.visibility else {
        return None;
    };
    let via = |parent: Entity, link: &'static str| {
        let table = parent.table();
        Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(table)
                .and_where(Expr::col((table, "id")).equals((INTERACTIONS, link)))
                .and_where(Expr::col((table, "deleted_at")).is_null())
                .cond_where(owner_condition(backend, table, users))
                .to_owned(),
        )
    };
    let mut cond = owner_condition(backend, INTERACTIONS, users)
        .add(via(Entity::Contact, "contact_id"))
        .add(via(Entity::Company, "company_id"));
    if let Some(user) = reader.user {
        cond = cond.add(names_user(backend, user));
    }
    Some(cond)
}

/// The meetings of others a contact takes part in, deleted or not, in a transaction (a
/// merge moves them to the surviving contact).
pub async fn meetings_taking_part(tx: &mut Tx, contact: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let backend = tx.backend();
    let statement = Query::select()
        .column("interaction_id")
        .from(LINKS)
        .and_where(Expr::col("contact_id").eq(bind_uuid(backend, contact)))
        .to_owned();
    let rows = sql::fetch(
        tx.into(),
        &statement,
        &[("interaction_id", FieldType::Uuid)],
    )
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.get("interaction_id").and_then(Value::as_str))
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect())
}
