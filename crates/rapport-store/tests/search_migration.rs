//! Migration 0006 moves SQLite's search documents from the one shared index into one index
//! per entity: a database written before it is still searched correctly after it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::entity::Entity;
use rapport_core::policy::Visibility;
use rapport_core::query::ListQuery;
use rapport_store::Db;
use sqlx::migrate::Migrator;
use std::borrow::Cow;

static ALL: Migrator = sqlx::migrate!("../../migrations/sqlite");

fn query(entity: Entity, q: &str) -> ListQuery {
    ListQuery::parse(entity, &[("q".to_string(), q.to_string())]).unwrap()
}

#[tokio::test]
async fn documents_written_before_the_split_are_found_after_it() {
    let dir = std::env::temp_dir().join(format!("rapport-search-split-{}", uuid::Uuid::now_v7()));
    let url = format!("sqlite://{}/rapport.db", dir.display());
    let db = Db::connect(&url).await.unwrap();
    let Db::Sqlite { writer, .. } = &db else {
        panic!("a SQLite URL opens SQLite");
    };
    // The schema as it stood before the split: every migration up to 0005.
    let before = Migrator {
        migrations: Cow::Owned(
            ALL.migrations
                .iter()
                .filter(|m| m.version < 6)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    before.run(writer).await.unwrap();
    let now = "2026-01-01T00:00:00.000000Z";
    let contact = uuid::Uuid::now_v7().to_string();
    let company = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO companies (id, name, tags, custom, version, created_at, updated_at) \
         VALUES (?, 'Fjordkraft Utsikt', '[]', '{}', 1, ?, ?)",
    )
    .bind(&company)
    .bind(now)
    .bind(now)
    .execute(writer)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO contacts (id, first_name, last_name, emails, phones, tags, custom, \
         version, created_at, updated_at) \
         VALUES (?, 'Solveig', 'Utsikt', '[]', '[]', '[]', '{}', 1, ?, ?)",
    )
    .bind(&contact)
    .bind(now)
    .bind(now)
    .execute(writer)
    .await
    .unwrap();
    for (rowid, entity, id, body) in [
        (1, "companies", &company, "fjordkraft utsikt"),
        (2, "contacts", &contact, "solveig utsikt fjordkraft utsikt"),
    ] {
        sqlx::query("INSERT INTO search_docs (rowid, entity, record_id) VALUES (?, ?, ?)")
            .bind(rowid)
            .bind(entity)
            .bind(id)
            .execute(writer)
            .await
            .unwrap();
        sqlx::query("INSERT INTO search_index (rowid, body) VALUES (?, ?)")
            .bind(rowid)
            .bind(body)
            .execute(writer)
            .await
            .unwrap();
    }

    db.migrate().await.unwrap();

    let contacts =
        rapport_store::records::list(&db, &query(Entity::Contact, "utsikt"), &Visibility::All)
            .await
            .unwrap();
    let ids: Vec<String> = contacts
        .items
        .iter()
        .map(|r| r.id().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![contact]);
    let companies =
        rapport_store::records::list(&db, &query(Entity::Company, "fjordkraft"), &Visibility::All)
            .await
            .unwrap();
    let ids: Vec<String> = companies
        .items
        .iter()
        .map(|r| r.id().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![company]);
    let old: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'search_index'")
            .fetch_optional(writer)
            .await
            .unwrap();
    assert_eq!(old, None, "the shared index is gone");
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
