//! Test support: a fresh database on either backend, and the real server on a loopback
//! port with an HTTP client.
//!
//! PostgreSQL tests use `RAPPORT_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); each test makes its own database and
//! drops it afterwards, even when the test fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_app::{App, AppConfig, Ctx};
use rapport_core::policy::Role;
use rapport_store::{Backend, Db};
use serde_json::Value;
use std::net::SocketAddr;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub use rapport_store::Backend as TestBackend;

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident => $body:ident;)*) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$body($crate::TestBackend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$body($crate::TestBackend::Postgres).await;
            }
        }
    )*};
}

pub fn postgres_admin_url() -> String {
    std::env::var("RAPPORT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A database that exists for one test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    pub dir: TempDir,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg_name) = match backend {
            Backend::Sqlite => (
                format!("sqlite://{}", dir.path().join("rapport.db").display()),
                None,
            ),
            Backend::Postgres => {
                let name = format!("rapport_test_{}", uuid::Uuid::now_v7().simple());
                let admin = postgres_admin_url();
                let pool = sqlx::PgPool::connect(&admin)
                    .await
                    .expect("PostgreSQL is reachable");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&pool)
                    .await
                    .expect("create test database");
                pool.close().await;
                (replace_db_name(&admin, &name), Some(name))
            }
        };
        let db = Db::connect(&url).await.expect("connect test database");
        db.migrate().await.expect("migrate test database");
        TestDb {
            db,
            url,
            dir,
            pg_name,
        }
    }
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Drop runs outside async code, perhaps while a test panics: use a thread of our own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let pool = sqlx::PgPool::connect(&postgres_admin_url()).await.ok()?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&pool)
                .await
                .ok()?;
                pool.close().await;
                Some(())
            })
        })
        .join();
    }
}

/// The real server on a loopback port, a fresh database and an admin's API token.
pub struct TestApp {
    pub addr: SocketAddr,
    pub app: App,
    pub client: reqwest::Client,
    pub token: String,
    pub admin_id: uuid::Uuid,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    pub db: TestDb,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        let mut t = TestApp::spawn_empty(backend).await;
        let admin_id = rapport_app::auth::add_user(
            &t.app,
            &Ctx::system(),
            "admin@example.com",
            "Ada Admin",
            Role::Admin,
            Some("correct horse battery"),
        )
        .await
        .expect("admin user");
        let (_, token) =
            rapport_app::auth::create_token(&t.app, &Ctx::system(), admin_id, "tests", &[])
                .await
                .expect("admin token");
        t.admin_id = admin_id;
        t.token = token;
        t
    }

    /// The server on a fresh database with no user at all (the first-run state).
    pub async fn spawn_empty(backend: Backend) -> TestApp {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("rapport=debug,rapport_web=debug,warn")
            .try_init();
        let db = TestDb::new(backend).await;
        let config = AppConfig {
            data_dir: db.dir.path().to_path_buf(),
            max_upload_bytes: 1024 * 1024,
        };
        let app = App::new(db.db.clone(), config);
        rapport_app::sales::ensure_default_pipeline(&app)
            .await
            .expect("first pipeline");
        rapport_app::tickets::ensure_default_queue(&app)
            .await
            .expect("first queue");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = oneshot::channel::<()>();
        let served = app.clone();
        let server = tokio::spawn(async move {
            rapport_web::serve(listener, served, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        TestApp {
            addr,
            app,
            client: reqwest::Client::new(),
            token: String::new(),
            admin_id: uuid::Uuid::nil(),
            shutdown: Some(tx),
            server: Some(server),
            db,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Adds a user with a role and returns their id and a token.
    pub async fn user(&self, email: &str, role: Role) -> (uuid::Uuid, String) {
        let id = rapport_app::auth::add_user(&self.app, &Ctx::system(), email, email, role, None)
            .await
            .expect("user");
        let (_, token) =
            rapport_app::auth::create_token(&self.app, &Ctx::system(), id, "tests", &[])
                .await
                .expect("token");
        (id, token)
    }

    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path, &self.token)
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.request(reqwest::Method::POST, path, &self.token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn patch(
        &self,
        path: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> reqwest::Response {
        let mut r = self
            .request(reqwest::Method::PATCH, path, &self.token)
            .json(body);
        if let Some(tag) = if_match {
            r = r.header("If-Match", tag);
        }
        r.send().await.expect("request")
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::DELETE, path, &self.token)
            .send()
            .await
            .expect("request")
    }

    /// Creates a record over the API and returns its JSON.
    pub async fn create(&self, resource: &str, body: Value) -> Value {
        let r = self.post(&format!("/api/v1/{resource}"), &body).await;
        let status = r.status();
        let json: Value = r.json().await.expect("json");
        assert_eq!(status, 201, "creating {resource}: {json}");
        json
    }

    /// Stops the server, waiting for requests in flight.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
