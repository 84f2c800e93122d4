//! Lists: keyset pages, sorts (with empty values), filters and full-text search; on both

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! backends.

use rapport_testkit::{TestApp, TestBackend, on_both_backends};
use serde_json::{Value, json};
use std::collections::BTreeSet;

on_both_backends! {
    pages_cover_every_record_once_in_order => pages_cover_every_record_once_in_order;
    filters_combine => filters_combine;
    search_finds_names_emails_phones_companies_and_notes => search_finds;
}

async fn all_pages(t: &TestApp, base: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut url = base.to_string();
    for _ in 0..100 {
        let r = t.get(&url).await;
        assert_eq!(r.status(), 200, "{url}");
        let page: Value = r.json().await.unwrap();
        out.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => url = format!("{base}&cursor={c}"),
            None => return out,
        }
    }
    panic!("too many pages");
}

async fn pages_cover_every_record_once_in_order(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let last_names = [
        "berg", "alvarez", "nowak", "berg", "dahl", "berg", "eriksen",
    ];
    for (i, last) in last_names.iter().enumerate() {
        // Every third contact has no title, so sorting by title meets empty values.
        let title = if i % 3 == 0 {
            json!(null)
        } else {
            json!(format!("t{}", i % 2))
        };
        t.create(
            "contacts",
            json!({"first_name": format!("p{i}"), "last_name": last, "title": title}),
        )
        .await;
    }
    for sort in [
        "last_name",
        "-last_name",
        "title",
        "-title",
        "created_at",
        "-updated_at",
        "first_name",
    ] {
        let items = all_pages(&t, &format!("/api/v1/contacts?limit=2&sort={sort}")).await;
        let ids: BTreeSet<_> = items
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            ids.len(),
            last_names.len(),
            "{sort}: every record exactly once"
        );
        let field = sort.trim_start_matches('-');
        let keys: Vec<(Option<String>, String)> = items
            .iter()
            .map(|c| {
                (
                    c[field].as_str().map(str::to_string),
                    c["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let mut expected = keys.clone();
        // Empty values sort last ascending and first descending.
        expected.sort_by(|a, b| match (&a.0, &b.0) {
            (None, None) => a.1.cmp(&b.1),
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
        });
        if sort.starts_with('-') {
            expected.reverse();
        }
        assert_eq!(keys, expected, "{sort}");
    }
}

async fn filters_combine(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let acme = t
        .create("companies", json!({"name": "Acme", "industry": "Retail"}))
        .await;
    t.create("contacts", json!({"first_name": "Ewa", "last_name": "Kowalska", "company_id": acme["id"], "lifecycle_stage": "customer"})).await;
    t.create(
        "contacts",
        json!({"first_name": "Jan", "last_name": "Kowalski", "lifecycle_stage": "lead"}),
    )
    .await;
    t.create("contacts", json!({"first_name": "Ola", "last_name": "Hansen", "lifecycle_stage": "lead", "email": "ola@example.no"})).await;
    let count = |v: Vec<Value>| v.len();
    let q = |s: &str| format!("/api/v1/contacts?limit=50&{s}");
    assert_eq!(
        count(all_pages(&t, &q("filter[last_name][contains]=kowal")).await),
        2
    );
    assert_eq!(
        count(
            all_pages(
                &t,
                &q("filter[lifecycle_stage]=lead&filter[last_name][ne]=Hansen")
            )
            .await
        ),
        1
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[lifecycle_stage][in]=lead,customer")).await),
        3
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[company_id][is_null]=false")).await),
        1
    );
    assert_eq!(
        count(
            all_pages(
                &t,
                &q(&format!(
                    "filter[company_id]={}",
                    acme["id"].as_str().unwrap()
                ))
            )
            .await
        ),
        1
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[email][is_null]=true")).await),
        2
    );
    assert_eq!(
        count(
            all_pages(
                &t,
                &q("filter[last_name][gte]=Kowalska&filter[last_name][lt]=Kowalski")
            )
            .await
        ),
        1
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[created_at][gte]=2000-01-01")).await),
        3
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[created_at][lt]=2000-01-01")).await),
        0
    );
    // Wildcards in contains are taken literally.
    assert_eq!(
        count(all_pages(&t, &q("filter[last_name][contains]=%25")).await),
        0
    );
    assert_eq!(
        count(all_pages(&t, &q("filter[last_name][contains]=_")).await),
        0
    );
}

async fn search_finds(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let company = t
        .create("companies", json!({"name": "Nordlys Energi AS"}))
        .await;
    let kari = t
        .create(
            "contacts",
            json!({"first_name": "Kåre", "last_name": "Ødegård", "email": "kaare@nordlys.no",
                   "phone": "+47 22 33 44 55", "company_id": company["id"]}),
        )
        .await;
    t.create(
        "contacts",
        json!({"first_name": "Lucía", "last_name": "Fernández", "email": "lucia@example.es"}),
    )
    .await;
    t.create(
        "interactions",
        json!({"kind": "call", "direction": "inbound", "subject": "Invoice question",
               "body": "Asked about the turbine warranty", "contact_id": kari["id"]}),
    )
    .await;
    let hits = |v: Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let kari_id = kari["id"].as_str().unwrap().to_string();
    for q in [
        "Kåre",
        "ødeg",
        "kaare@nordlys.no",
        "22334455",
        "4722334455",
        "nordlys energi",
        "Nordlys",
    ] {
        let v: Value = t
            .get(&format!("/api/v1/contacts?q={}", urlencode(q)))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(hits(v), vec![kari_id.clone()], "q={q}");
    }
    let v: Value = t.get("/api/v1/contacts?q=luc").await.json().await.unwrap();
    assert_eq!(hits(v).len(), 1);
    // Accents are ignored on both backends; letters that do not decompose (ø) are kept.
    for q in ["lucia", "fernandez", "FERNÁNDEZ", "Fernandéz"] {
        let v: Value = t
            .get(&format!("/api/v1/contacts?q={}", urlencode(q)))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(hits(v).len(), 1, "q={q}");
    }
    let v: Value = t
        .get("/api/v1/contacts?q=nobody")
        .await
        .json()
        .await
        .unwrap();
    assert!(hits(v).is_empty());
    let v: Value = t
        .get("/api/v1/interactions?q=turbine warranty")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits(v).len(), 1);
    let v: Value = t
        .get("/api/v1/companies?q=energi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits(v).len(), 1);
    // Search syntax is not interpreted.
    for q in ["\"", "*", "a OR b", "NEAR(", "-x", ":*", "&|!"] {
        let r = t.get(&format!("/api/v1/contacts?q={}", urlencode(q))).await;
        assert_eq!(r.status(), 200, "q={q}");
    }
    // A renamed contact is found by the new name only.
    t.patch(
        &format!("/api/v1/contacts/{kari_id}"),
        &json!({"first_name": "Knut"}),
        None,
    )
    .await;
    let v: Value = t.get("/api/v1/contacts?q=knut").await.json().await.unwrap();
    assert_eq!(hits(v).len(), 1);
    let v: Value = t
        .get(&format!("/api/v1/contacts?q={}", urlencode("Kåre")))
        .await
        .json()
        .await
        .unwrap();
    assert!(hits(v).is_empty());
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

on_both_backends! {
    search_pages_newest_match_first => search_pages;
    search_lists_whole_words_before_beginnings => whole_words_first;
}

/// Records whose words are the search's words come first, then those where only the last
/// word is begun, then the rest; newest first within each, and pages of any size cross
/// from one to the next without losing or repeating a record.
async fn whole_words_first(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut made = Vec::new();
    for (first, last) in [
        ("Jon", "Berg"),
        ("Jonas", "Berg"),
        ("Jon", "Bergström"),
        ("Jonathan", "Bergersen"),
        ("Jon", "Berg"),
    ] {
        let c = t
            .create("contacts", json!({"first_name": first, "last_name": last}))
            .await;
        made.push(c["id"].as_str().unwrap().to_string());
    }
    let jonsrud = t
        .create(
            "contacts",
            json!({"first_name": "Berit", "last_name": "Jonsrud"}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ids = |items: Vec<Value>| -> Vec<String> {
        items
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let by = |order: &[usize]| -> Vec<String> { order.iter().map(|i| made[*i].clone()).collect() };
    for limit in [1, 2, 3, 50] {
        let two = all_pages(&t, &format!("/api/v1/contacts?limit={limit}&q=jon%20berg")).await;
        assert_eq!(ids(two), by(&[4, 0, 2, 3, 1]), "two words, limit {limit}");
        let one = all_pages(&t, &format!("/api/v1/contacts?limit={limit}&q=jon")).await;
        let mut expected = by(&[4, 2, 0]);
        expected.push(jonsrud.clone());
        expected.extend(by(&[3, 1]));
        assert_eq!(ids(one), expected, "one word, limit {limit}");
    }
}

async fn search_pages(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let mut made = Vec::new();
    for i in 0..5 {
        let c = t
            .create(
                "contacts",
                json!({"first_name": format!("Pager{i}"), "last_name": "Pagemann"}),
            )
            .await;
        made.push(c["id"].as_str().unwrap().to_string());
    }
    t.create("contacts", json!({"first_name": "Other"})).await;
    // A change does not move a record in search order; a deleted one drops out.
    t.patch(
        &format!("/api/v1/contacts/{}", made[1]),
        &json!({"title": "Changed"}),
        None,
    )
    .await;
    t.delete(&format!("/api/v1/contacts/{}", made[3])).await;
    let items = all_pages(&t, "/api/v1/contacts?limit=2&q=pagemann").await;
    let ids: Vec<String> = items
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        vec![
            made[4].clone(),
            made[2].clone(),
            made[1].clone(),
            made[0].clone()
        ]
    );
    // An explicit sort still applies to a search.
    let items = all_pages(&t, "/api/v1/contacts?limit=2&q=pagemann&sort=first_name").await;
    let names: Vec<&str> = items
        .iter()
        .map(|c| c["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Pager0", "Pager1", "Pager2", "Pager4"]);
    // A search cursor does not fit a sorted list, and the other way round.
    let page: Value = t
        .get("/api/v1/contacts?limit=2&q=pagemann")
        .await
        .json()
        .await
        .unwrap();
    let cursor = page["next_cursor"].as_str().unwrap();
    let r = t
        .get(&format!("/api/v1/contacts?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(r.status(), 400);
}

/// A search finds matches far apart in position (as if millions of documents had been
/// written between them), newest first, across pages of any size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_reaches_matches_far_apart_postgres() {
    let t = TestApp::spawn(TestBackend::Postgres).await;
    let pool = sqlx::PgPool::connect(&t.db.url).await.unwrap();
    // Documents made far apart in position, as if millions had been written in between.
    let spread = |gap: i64| {
        let pool = pool.clone();
        async move {
            sqlx::query(
                "SELECT setval('search_docs_seq_seq', nextval('search_docs_seq_seq') + $1)",
            )
            .bind(gap)
            .execute(&pool)
            .await
            .unwrap();
        }
    };
    let mut made = Vec::new();
    for (i, gap) in [5_000_000_i64, 900_000, 120_000, 20_000, 3, 1]
        .into_iter()
        .enumerate()
    {
        let c = t
            .create(
                "contacts",
                json!({"first_name": format!("Far{i}"), "last_name": "Fjernsen"}),
            )
            .await;
        made.push(c["id"].as_str().unwrap().to_string());
        t.create("contacts", json!({"first_name": format!("Near{i}")}))
            .await;
        spread(gap).await;
    }
    made.reverse();
    for limit in [1, 2, 4, 50] {
        let items = all_pages(&t, &format!("/api/v1/contacts?limit={limit}&q=fjernsen")).await;
        let ids: Vec<String> = items
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, made, "limit {limit}");
    }
    let none = all_pages(&t, "/api/v1/contacts?q=nobodyhere").await;
    assert!(none.is_empty());
    pool.close().await;
}

on_both_backends! {
    search_follows_renames_and_deletes => search_follows_changes;
}

/// A record is found by the words it has now: not by a name it had, nor once deleted.
async fn search_follows_changes(backend: TestBackend) {
    let t = TestApp::spawn(backend).await;
    let c = t
        .create(
            "contacts",
            json!({"first_name": "Marit", "last_name": "Oldname"}),
        )
        .await;
    let id = c["id"].as_str().unwrap().to_string();
    let hits = |v: Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let found = |q: &'static str| {
        let t = &t;
        async move {
            hits(
                t.get(&format!("/api/v1/contacts?q={q}"))
                    .await
                    .json()
                    .await
                    .unwrap(),
            )
        }
    };
    assert_eq!(found("oldname").await, vec![id.clone()]);
    t.patch(
        &format!("/api/v1/contacts/{id}"),
        &json!({"last_name": "Newname"}),
        None,
    )
    .await;
    assert!(found("oldname").await.is_empty());
    assert_eq!(found("newname").await, vec![id.clone()]);
    assert_eq!(found("marit%20newname").await, vec![id.clone()]);
    assert!(found("marit%20oldname").await.is_empty());
    t.delete(&format!("/api/v1/contacts/{id}")).await;
    assert!(found("newname").await.is_empty());
    t.post(&format!("/api/v1/contacts/{id}/restore"), &json!({}))
        .await;
    assert_eq!(found("newname").await, [id]);
}
