//! Property: list SQL names only allowlisted identifiers, and every client value is bound,
//! never pasted into the text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use rapport_core::entity::{ALL, Entity};
use rapport_core::policy::Visibility;
use rapport_core::query::ListQuery;
use rapport_store::Backend;
use rapport_store::records::{list_statement, search_statement};
use rapport_store::search::Closeness;
use rapport_store::timeline::{self, Reader};
use std::collections::BTreeSet;

/// Identifiers that the store's own fixed SQL uses besides entity tables and fields.
const FIXED: &[&str] = &[
    "search_companies",
    "search_contacts",
    "search_interactions",
    "search_leads",
    "search_deals",
    "search_products",
    "search_tasks",
    "search_kb_articles",
    "search_tickets",
    "search_ticket_messages",
    "search_docs",
    "record_id",
    "entity",
    "rowid",
    "tsv",
    "tags",
    "d",
    "seq",
    "search_rank",
    "meeting_contacts",
    "interaction_id",
    "own",
    "taking_part",
];

fn allowed() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = FIXED
        .iter()
        .chain(rapport_store::search::WORD_INDEX_NAMES.iter())
        .map(|s| s.to_string())
        .collect();
    for e in ALL {
        names.insert(e.table().to_string());
        names.extend(e.fields().map(|f| f.name.to_string()));
    }
    names
}

/// Every double-quoted identifier in a statement.
fn quoted(sql: &str) -> Vec<String> {
    sql.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn pair() -> impl Strategy<Value = (String, String)> {
    let names = prop::sample::select(vec![
        "first_name",
        "last_name",
        "email",
        "created_at",
        "tags",
        "company_id",
        "title",
        "lifecycle_stage",
        "owner_id",
        "x\"; DROP TABLE contacts; --",
        "name",
    ]);
    let ops = prop::sample::select(vec![
        "",
        "[eq]",
        "[ne]",
        "[lt]",
        "[gte]",
        "[contains]",
        "[in]",
        "[is_null]",
    ]);
    let value = "MARK[a-z0-9'\"%_;() -]{0,12}";
    prop_oneof![
        (names.clone(), ops, value).prop_map(|(n, o, v)| (format!("filter[{n}]{o}"), v)),
        (names, any::<bool>()).prop_map(|(n, d)| (
            "sort".to_string(),
            if d { format!("-{n}") } else { n.to_string() }
        )),
        value.prop_map(|v| ("q".to_string(), v)),
    ]
}

proptest! {
    #[test]
    fn list_sql_holds_only_allowlisted_identifiers_and_bound_values(
        pairs in prop::collection::vec(pair(), 0..6),
        entity in prop::sample::select(vec![Entity::Contact, Entity::Company, Entity::Interaction]),
        restricted in any::<bool>(),
    ) {
        let Ok(query) = ListQuery::parse(entity, &pairs) else { return Ok(()) };
        let visibility = if restricted {
            Visibility::OwnedBy(vec![uuid::Uuid::now_v7()])
        } else {
            Visibility::All
        };
        let allowed = allowed();
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let statements: Vec<_> = if query.search_order {
                Closeness::order(3)
                    .iter()
                    .map(|c| {
                        search_statement(backend, &query, &visibility, *c, query.cursor.as_ref(), 51)
                    })
                    .collect()
            } else {
                let mut all = vec![list_statement(backend, &query, &visibility)];
                if entity == Entity::Interaction {
                    let reader = Reader { visibility: &visibility, user: Some(uuid::Uuid::now_v7()) };
                    all.push(timeline::statement(backend, &query, uuid::Uuid::now_v7(), &reader));
                }
                all
            };
            for statement in statements {
            let (sql, _) = rapport_store::render(backend, &statement);
            for ident in quoted(&sql) {
                prop_assert!(allowed.contains(&ident), "{ident:?} in {sql}");
            }
            prop_assert!(!sql.contains("MARK"), "a client value reached the SQL text: {sql}");
            // The only literals are fixed: the text-search configuration, LIKE's escape,
            // the entity whose search index PostgreSQL reads and the JSON path to a
            // participant's user.
            let mut rest = sql
                .replace("'simple'", "")
                .replace("ESCAPE '\\'", "")
                .replace("'$.user_id'", "");
            for e in ALL {
                rest = rest.replace(&format!("\"entity\" = '{}'", e.table()), "");
            }
            prop_assert!(!rest.contains('\''), "a literal in: {sql}");
            }
        }
    }
}
