//! Runs the real `rapport` binary against temporary data directories.

// Helpers outside `#[test]` functions panic on purpose: a failed set-up is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::entity::Entity;
use rapport_core::history;
use rapport_store::{Db, events, records};
use rapport_testkit::{TestBackend, TestDb, on_both_backends};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const PASSWORD: &str = "correct horse battery staple";
const ENV: [&str; 6] = [
    "RAPPORT_CONFIG",
    "RAPPORT_BIND",
    "RAPPORT_DATA_DIR",
    "RAPPORT_DATABASE_URL",
    "RAPPORT_MAX_UPLOAD_MB",
    "RAPPORT_LOG",
];

/// A working directory of its own; `./data` in it is the default data directory.
struct Workspace {
    dir: TempDir,
    /// A database of its own (through `RAPPORT_DATABASE_URL`) instead of `./data`.
    db: Option<TestDb>,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
            db: None,
        }
    }

    /// A workspace whose commands use a fresh database on `backend`.
    async fn on(backend: TestBackend) -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
            db: Some(TestDb::new(backend).await),
        }
    }

    fn db(&self) -> &Db {
        &self.db.as_ref().unwrap().db
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.args(args).current_dir(self.dir.path());
        for name in ENV {
            cmd.env_remove(name);
        }
        if let Some(db) = &self.db {
            cmd.env("RAPPORT_DATABASE_URL", &db.url);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn add_admin(&self, email: &str) {
        let out = self.run_with_input(
            &[
                "user",
                "add",
                "--email",
                email,
                "--name",
                "Ada Admin",
                "--role",
                "admin",
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        );
        assert_ok(&out);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

/// The command failed with exactly one `error:` line on stderr and no panic.
#[track_caller]
fn assert_one_line_error(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should have failed; stdout: {}",
        stdout(out)
    );
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err}");
    assert!(lines[0].starts_with("error: "), "stderr: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "stderr: {err}"
    );
    lines[0].to_string()
}

#[test]
fn migrate_creates_the_database_and_is_idempotent() {
    let ws = Workspace::new();
    let out = ws.run(&["migrate"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("Migrated"), "{}", stdout(&out));
    assert!(ws.path("data/rapport.db").exists());
    let again = ws.run(&["migrate"]);
    assert_ok(&again);
    assert!(stdout(&again).contains("up to date"), "{}", stdout(&again));
}

on_both_backends! {
    users_are_added_listed_and_given_passwords => users_are_added_listed_and_given_passwords;
    tokens_are_created_listed_and_revoked => tokens_are_created_listed_and_revoked;
    demo_data_is_complete_with_history_and_search => demo_data_is_complete_with_history_and_search;
}

async fn users_are_added_listed_and_given_passwords(backend: TestBackend) {
    let ws = Workspace::on(backend).await;
    ws.add_admin("ada@example.com");
    let out = ws.run(&["user", "list"]);
    assert_ok(&out);
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header
            .split_whitespace()
            .eq(["id", "email", "name", "role", "active"]),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("ada@example.com"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        row.contains("Ada Admin") && row.contains("admin") && row.ends_with("yes"),
        "{row}"
    );

    let taken = ws.run_with_input(
        &[
            "user",
            "add",
            "--email",
            "ada@example.com",
            "--name",
            "Again",
            "--role",
            "agent",
            "--password-stdin",
        ],
        "another long password\n",
    );
    assert_eq!(taken.status.code(), Some(2));
    assert_eq!(
        assert_one_line_error(&taken),
        "error: email: is already taken"
    );

    let changed = ws.run_with_input(
        &["user", "passwd", "ada@example.com", "--password-stdin"],
        "a brand new password\n",
    );
    assert_ok(&changed);
}

#[test]
fn a_bad_role_is_a_one_line_validation_error() {
    let ws = Workspace::new();
    let out = ws.run_with_input(
        &[
            "user",
            "add",
            "--email",
            "x@example.com",
            "--name",
            "X",
            "--role",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    let line = assert_one_line_error(&out);
    assert_eq!(
        line,
        "error: role: must be one of: admin, manager, agent, viewer"
    );
}

#[test]
fn each_invalid_field_gets_its_own_line() {
    let ws = Workspace::new();
    let out = ws.run_with_input(
        &[
            "user",
            "add",
            "--email",
            "a@example.com",
            "--name",
            "A",
            "--role",
            "agent",
            "--password-stdin",
        ],
        "short\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        assert_one_line_error(&out),
        "error: password: must be at least 10 characters"
    );

    let both = ws.run(&[
        "user", "add", "--email", "nope", "--name", "A", "--role", "chief",
    ]);
    assert_eq!(both.status.code(), Some(2));
    let err = stderr(&both);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.lines().all(|l| l.starts_with("error: ")), "{err}");
}

#[test]
fn a_password_is_never_read_from_a_pipe_without_the_flag() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "user",
        "add",
        "--email",
        "a@example.com",
        "--name",
        "A",
        "--role",
        "agent",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(assert_one_line_error(&out).contains("--password-stdin"));
}

async fn tokens_are_created_listed_and_revoked(backend: TestBackend) {
    let ws = Workspace::on(backend).await;
    ws.add_admin("ada@example.com");
    let out = ws.run(&[
        "token",
        "create",
        "--user",
        "ada@example.com",
        "--name",
        "ci",
        "--scope",
        "read",
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(
        text.lines().count(),
        1,
        "stdout must hold only the token: {text:?}"
    );
    assert!(text.starts_with("rpt_") && text.ends_with('\n'), "{text:?}");

    let list = ws.run(&["token", "list", "--user", "ada@example.com"]);
    assert_ok(&list);
    let listed = stdout(&list);
    let row = listed.lines().nth(1).unwrap_or_else(|| panic!("{listed}"));
    assert!(
        row.contains("ci") && row.contains("read") && row.ends_with("active"),
        "{row}"
    );
    let id = row.split_whitespace().next().unwrap();

    assert_ok(&ws.run(&["token", "revoke", id]));
    let after = stdout(&ws.run(&["token", "list"]));
    assert!(
        after.lines().nth(1).is_some_and(|l| l.contains("revoked")),
        "{after}"
    );

    let missing = ws.run(&["token", "revoke", "0191d6bd-a449-7c31-a0b5-79e94d2d40ba"]);
    assert_eq!(assert_one_line_error(&missing), "error: token not found");
    let garbled = ws.run(&["token", "revoke", "not-an-id"]);
    assert_eq!(garbled.status.code(), Some(2));
    assert_one_line_error(&garbled);
    let nobody = ws.run(&[
        "token",
        "create",
        "--user",
        "nobody@example.com",
        "--name",
        "x",
    ]);
    assert!(assert_one_line_error(&nobody).contains("nobody@example.com"));
}

#[test]
fn an_unknown_database_scheme_is_a_one_line_error() {
    let ws = Workspace::new();
    let out = ws.run(&["--database-url", "mysql://x", "migrate"]);
    let line = assert_one_line_error(&out);
    assert!(line.contains("mysql"), "{line}");
}

#[test]
fn config_hides_passwords_and_follows_precedence() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "config",
        "--database-url",
        "postgres://rapport:hunter22@db.internal/crm",
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("postgres://rapport:***@db.internal/crm"),
        "{text}"
    );
    assert!(!text.contains("hunter22"), "{text}");

    std::fs::write(
        ws.path("rapport.toml"),
        "bind = \"0.0.0.0:9000\"\ndata_dir = \"/srv/file\"\nmax_upload_mb = 7\n",
    )
    .unwrap();
    let out = ws
        .command(&["config", "--data-dir", "/srv/flag"])
        .env("RAPPORT_BIND", "127.0.0.1:9999")
        .output()
        .unwrap();
    assert_ok(&out);
    let text = stdout(&out);
    let value = |key: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{text}"));
        line.split('=')
            .nth(1)
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .trim()
            .to_string()
    };
    assert_eq!(value("bind"), "\"127.0.0.1:9999\"");
    assert_eq!(value("data_dir"), "\"/srv/flag\"");
    assert_eq!(value("database_url"), "\"sqlite:///srv/flag/rapport.db\"");
    assert_eq!(value("max_upload_mb"), "7");

    std::fs::write(ws.path("rapport.toml"), "bind = \"x\"\nport = 1\n").unwrap();
    let bad = ws.run(&["config"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(assert_one_line_error(&bad).contains("rapport.toml line 2"));
}

#[test]
fn a_backup_is_a_working_sqlite_database() {
    let ws = Workspace::new();
    ws.add_admin("ada@example.com");
    let target = ws.path("backup.db");
    let target_str = target.to_str().unwrap();
    assert_ok(&ws.run(&["backup", "--to", target_str]));
    let mut header = [0u8; 16];
    std::fs::File::open(&target)
        .unwrap()
        .read_exact(&mut header)
        .unwrap();
    assert_eq!(&header, b"SQLite format 3\0");

    let url = format!("sqlite://{target_str}");
    let listed = ws.run(&["--database-url", &url, "user", "list"]);
    assert_ok(&listed);
    assert!(stdout(&listed).contains("ada@example.com"));

    let again = ws.run(&["backup", "--to", target_str]);
    assert_eq!(again.status.code(), Some(2));
    assert!(assert_one_line_error(&again).contains("already exists"));
}

async fn demo_data_is_complete_with_history_and_search(backend: TestBackend) {
    let ws = Workspace::on(backend).await;
    let out = ws.run(&["demo", "--contacts", "50", "--seed", "3"]);
    assert_ok(&out);
    assert!(
        stdout(&out).starts_with("Added 50 contacts, 7 companies"),
        "{}",
        stdout(&out)
    );

    let db = ws.db();
    assert_eq!(records::count(db, Entity::Contact).await.unwrap(), 50);
    assert_eq!(records::count(db, Entity::Company).await.unwrap(), 7);
    let interactions = records::count(db, Entity::Interaction).await.unwrap();
    assert!((200..=900).contains(&interactions), "{interactions}");

    // Every stored row is what replaying its history rebuilds.
    for entity in [
        Entity::Company,
        Entity::Contact,
        Entity::Interaction,
        Entity::Tag,
    ] {
        let query = rapport_core::query::ListQuery::parse(entity, &[("limit".into(), "20".into())])
            .unwrap();
        let page = records::list(db, &query, &rapport_core::policy::Visibility::All)
            .await
            .unwrap();
        assert!(!page.items.is_empty(), "{entity:?}");
        for record in page.items {
            let past = events::for_record(db, record.id().unwrap(), None)
                .await
                .unwrap();
            assert_eq!(
                history::replay(entity, &past).as_ref(),
                Some(&record),
                "{entity:?}"
            );
        }
    }

    // Search finds a contact by a word of its name.
    let query =
        rapport_core::query::ListQuery::parse(Entity::Contact, &[("limit".into(), "1".into())])
            .unwrap();
    let first = records::list(db, &query, &rapport_core::policy::Visibility::All)
        .await
        .unwrap();
    let name = first.items[0].str("last_name").unwrap().to_string();
    let pairs = [("q".to_string(), name.clone())];
    let query = rapport_core::query::ListQuery::parse(Entity::Contact, &pairs).unwrap();
    let found = records::list(db, &query, &rapport_core::policy::Visibility::All)
        .await
        .unwrap();
    assert!(
        found
            .items
            .iter()
            .any(|r| r.str("last_name") == Some(name.as_str())),
        "{name}"
    );
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_points_to_pg_dump() {
    let ws = Workspace::on(TestBackend::Postgres).await;
    let out = ws.run(&["backup", "--to", "never.db"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(assert_one_line_error(&out).contains("pg_dump"));
    assert!(!ws.path("never.db").exists());
}

/// A running `rapport serve`, killed if a test fails before it stops.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn wait_for_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn serve_answers_health_checks_and_stops_on_sigterm() {
    let ws = Workspace::new();
    let child = ws
        .command(&["serve", "--bind", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server { child };
    let stdout = server.child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let first = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("serve printed nothing");
    let address = first
        .strip_prefix("Rapport is listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_string();
    let hint = receiver.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(hint.contains("No user exists yet"), "{hint}");
    let command = receiver.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(
        command.contains("rapport user add") && command.contains("--role admin"),
        "{command}"
    );

    let response = get(&address, "/healthz");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status =
        wait_for_exit(&mut server.child, Duration::from_secs(20)).expect("serve did not stop");
    assert!(status.success(), "{status:?}");
}

#[test]
fn serve_reports_a_port_in_use_on_one_line() {
    let ws = Workspace::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let out = ws.run(&["serve", "--bind", &address]);
    let line = assert_one_line_error(&out);
    assert!(line.contains(&address) && line.contains("in use"), "{line}");
    drop(taken);
}

#[test]
fn global_flags_go_before_or_after_the_command() {
    let ws = Workspace::new();
    assert_ok(&ws.run(&["--data-dir", "before", "migrate"]));
    assert_ok(&ws.run(&["migrate", "--data-dir", "after"]));
    assert!(ws.path("before/rapport.db").exists());
    assert!(ws.path("after/rapport.db").exists());
    assert!(!ws.path("data").exists());
}
