//! A server killed with SIGKILL under concurrent writes loses none of the writes it
//! answered with 2xx; on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_app::{App, AppConfig, Ctx};
use rapport_core::policy::Role;
use rapport_testkit::{TestBackend, TestDb};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Starts `rapport serve` on a free port and returns it with its address.
fn start(url: &str, data_dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", url])
        .arg("--data-dir")
        .arg(data_dir)
        .env("RAPPORT_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start rapport serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.split("http://").nth(1) {
            let addr = rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return (child, addr);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("rapport serve did not print its address");
}

async fn killed_server_keeps_acknowledged_writes(backend: TestBackend) {
    let test_db = TestDb::new(backend).await;
    let app = App::new(test_db.db.clone(), AppConfig::default());
    let admin = rapport_app::auth::add_user(
        &app,
        &Ctx::system(),
        "admin@example.com",
        "Admin",
        Role::Admin,
        None,
    )
    .await
    .unwrap();
    let (_, token) = rapport_app::auth::create_token(&app, &Ctx::system(), admin, "kill test", &[])
        .await
        .unwrap();

    let (mut server, addr) = start(&test_db.url, test_db.dir.path());
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut writers = Vec::new();
    for w in 0..16 {
        let (client, addr, token, acknowledged) = (
            client.clone(),
            addr.clone(),
            token.clone(),
            acknowledged.clone(),
        );
        writers.push(tokio::spawn(async move {
            for i in 0..10_000 {
                let body = json!({"first_name": format!("Writer{w}"), "last_name": format!("Row{i}"), "tags": [format!("w{w}")]});
                let sent = client
                    .post(format!("http://{addr}/api/v1/contacts"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await;
                let Ok(response) = sent else { return };
                if response.status() != 201 {
                    return;
                }
                let Ok(created) = response.json::<Value>().await else { return };
                acknowledged.lock().unwrap().push(created["id"].as_str().unwrap().to_string());
            }
        }));
    }
    // Let the writes run, then kill the server without warning.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 200 && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    for w in writers {
        let _ = w.await;
    }
    let ids = acknowledged.lock().unwrap().clone();
    assert!(
        ids.len() >= 200,
        "only {} writes were answered before the kill",
        ids.len()
    );

    let (mut server, addr) = start(&test_db.url, test_db.dir.path());
    let mut missing = Vec::new();
    for id in &ids {
        let r = client
            .get(format!("http://{addr}/api/v1/contacts/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        if r.status() != 200 {
            missing.push(id.clone());
        }
    }
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes were lost",
        missing.len(),
        ids.len()
    );
    // Each surviving record also has its history event.
    let events = rapport_store::events::for_record(&test_db.db, ids[0].parse().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_loses_no_acknowledged_write_sqlite() {
    killed_server_keeps_acknowledged_writes(TestBackend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_loses_no_acknowledged_write_postgres() {
    killed_server_keeps_acknowledged_writes(TestBackend::Postgres).await;
}
