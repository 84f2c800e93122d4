//! Property: replaying a record's history reproduces its stored state now and at every
//! earlier moment (`as_of`); on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use rapport_app::{App, AppConfig, Ctx, records};
use rapport_core::Entity;
use rapport_core::history::replay;
use rapport_testkit::{TestBackend, TestDb};
use serde_json::{Value, json};

#[derive(Debug, Clone)]
enum Op {
    Update(Value),
    Delete,
    Restore,
}

fn field_change() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::option::of("[A-Za-zÅÆØåæøäöüßñ]{1,12}")
            .prop_map(|v| json!({"first_name": v.unwrap_or_default()})),
        prop::option::of("[a-z]{1,10}").prop_map(|v| json!({"last_name": v})),
        prop::option::of("[a-z]{1,8}")
            .prop_map(|v| json!({"email": v.map(|u| format!("{u}@example.com"))})),
        prop::sample::select(vec!["lead", "customer", "other"])
            .prop_map(|v| json!({"lifecycle_stage": v})),
        prop::collection::vec("[a-z]{1,6}", 0..3).prop_map(|v| json!({"tags": v})),
        prop::option::of(0u32..99_999)
            .prop_map(|v| json!({"phone": v.map(|n| format!("+4722{n:06}"))})),
        "[a-zA-Z ]{0,20}".prop_map(|v| json!({"title": v})),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => field_change().prop_map(Op::Update),
        1 => Just(Op::Delete),
        1 => Just(Op::Restore),
    ]
}

async fn check(app: &App, ops: Vec<Op>) {
    let ctx = Ctx::system();
    let created = records::create(app, &ctx, Entity::Contact, &json!({"first_name": "Start"}))
        .await
        .unwrap();
    let id = created.id().unwrap();
    let mut states = vec![created];
    for op in ops {
        // Refused operations (deleting twice, a first name cleared with no last name) change
        // nothing, which the replay must agree with as well.
        let result = match op {
            Op::Update(body) => records::update(app, &ctx, Entity::Contact, id, &body, None).await,
            Op::Delete => records::delete(app, &ctx, Entity::Contact, id, None).await,
            Op::Restore => records::restore(app, &ctx, Entity::Contact, id, None).await,
        };
        if let Ok(record) = result {
            states.push(record);
        }
    }
    let stored = records::get(app, &ctx, Entity::Contact, id, None)
        .await
        .unwrap();
    assert_eq!(&stored, states.last().unwrap());
    let history = records::history(app, &ctx, Entity::Contact, id)
        .await
        .unwrap();
    assert_eq!(replay(Entity::Contact, &history).as_ref(), Some(&stored));
    for (i, state) in states.iter().enumerate() {
        let at = state.str("updated_at").unwrap();
        // Two changes within one microsecond share a time; only the later is reachable.
        if states
            .get(i + 1)
            .is_some_and(|next| next.str("updated_at") == Some(at))
        {
            continue;
        }
        let then = records::get(app, &ctx, Entity::Contact, id, Some(at))
            .await
            .unwrap();
        assert_eq!(&then, state, "as_of {at}");
    }
}

fn run(backend: TestBackend) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(backend));
    let app = App::new(
        db.db.clone(),
        AppConfig {
            data_dir: db.dir.path().to_path_buf(),
            ..AppConfig::default()
        },
    );
    let config = ProptestConfig {
        cases: 24,
        ..ProptestConfig::default()
    };
    proptest!(config, |(ops in prop::collection::vec(op(), 0..14))| {
        rt.block_on(check(&app, ops));
    });
}

#[test]
fn replay_reproduces_every_state_sqlite() {
    run(TestBackend::Sqlite);
}

#[test]
fn replay_reproduces_every_state_postgres() {
    run(TestBackend::Postgres);
}
