//! The main flow in a real browser (headless Debian Chromium over WebDriver): first-run
//! setup, sign in, a company, a contact, a logged call on the timeline, a conflicting edit
//! from a second tab, Polish, and finding the contact with Ctrl-K. A failing step leaves a
//! screenshot in `target/browser-failures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use rapport_testkit::{TestApp, TestBackend};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_browser(profile: &std::path::Path) -> (Driver, Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver is installed (cargo xtask test installs chromium and chromium-driver)",
        );
    let driver = Driver(driver);
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    for _ in 0..50 {
        let builder = {
            let mut b =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            b.capabilities(caps.clone());
            b
        };
        if let Ok(client) = builder.connect(&format!("http://127.0.0.1:{port}")).await {
            return (driver, client);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start");
}

/// Runs one step; on failure saves a screenshot named after it and fails the test.
async fn step<F, Fut>(c: &Client, name: &str, f: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
{
    let result = tokio::time::timeout(Duration::from_secs(30), f()).await;
    let failure = match result {
        Ok(Ok(())) => return,
        Ok(Err(e)) => format!("{e}"),
        Err(_) => "timed out".to_string(),
    };
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-failures");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
    panic!("step {name:?} failed: {failure} (screenshot in target/browser-failures/{name}.png)");
}

async fn fill(c: &Client, css: &str, text: &str) -> Result<(), fantoccini::error::CmdError> {
    let field = c.wait().for_element(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(text).await
}

async fn click(c: &Client, css: &str) -> Result<(), fantoccini::error::CmdError> {
    c.wait().for_element(Locator::Css(css)).await?.click().await
}

async fn expect_text(c: &Client, css: &str, text: &str) -> Result<(), fantoccini::error::CmdError> {
    for _ in 0..50 {
        if let Ok(el) = c.find(Locator::Css(css)).await
            && el.text().await.unwrap_or_default().contains(text)
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(fantoccini::error::CmdError::InvalidArgument(
        css.to_string(),
        format!("never showed {text:?}"),
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_flow_in_a_real_browser() {
    let t = TestApp::spawn_empty(TestBackend::Sqlite).await;
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(profile.path()).await;
    let base = format!("http://{}", t.addr);

    step(&c, "01-setup", || async {
        c.goto(&base).await?;
        fill(&c, "#name", "Maja Kowalczyk").await?;
        fill(&c, "#email", "maja@example.com").await?;
        fill(&c, "#password", "a long and careful password").await?;
        click(&c, "form button[type=submit]").await?;
        expect_text(&c, "h1", "Contacts").await
    })
    .await;

    step(&c, "02-sign-out-and-in", || async {
        click(&c, ".user form button").await?;
        fill(&c, "#email", "maja@example.com").await?;
        fill(&c, "#password", "a long and careful password").await?;
        click(&c, "form button[type=submit]").await?;
        expect_text(&c, "h1", "Contacts").await
    })
    .await;

    step(&c, "03-create-company", || async {
        c.goto(&format!("{base}/companies/new")).await?;
        fill(&c, "#f-name", "Piekarnia Zielińskich").await?;
        fill(&c, "#f-domain", "piekarnia.example").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, "h1", "Piekarnia Zielińskich").await
    })
    .await;

    step(&c, "04-create-contact", || async {
        c.goto(&format!("{base}/contacts/new")).await?;
        fill(&c, "#f-first_name", "Wojciech").await?;
        fill(&c, "#f-last_name", "Zieliński").await?;
        fill(&c, "#f-email", "wojciech@piekarnia.example").await?;
        fill(&c, "#f-company", "Piekarnia Zielińskich").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, "h1", "Wojciech Zieliński").await
    })
    .await;
    let contact_url = c.current_url().await.unwrap().to_string();

    step(&c, "05-log-a-call", || async {
        click(&c, "details.quick summary").await?;
        c.find(Locator::Css("#q-kind"))
            .await?
            .select_by_value("call")
            .await?;
        fill(&c, "#q-subject", "Discussed the Easter order").await?;
        fill(&c, "#q-duration", "12").await?;
        click(&c, "details.quick button[type=submit]").await?;
        expect_text(&c, ".timeline", "Discussed the Easter order").await
    })
    .await;

    step(&c, "06-conflicting-edit-in-two-tabs", || async {
        c.goto(&format!("{contact_url}/edit")).await?;
        let first = c.window().await?;
        let second = c.new_window(true).await?.handle;
        c.switch_to_window(second.clone()).await?;
        c.goto(&format!("{contact_url}/edit")).await?;
        c.switch_to_window(first).await?;
        fill(&c, "#f-title", "Owner").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, ".facts", "Owner").await?;
        c.switch_to_window(second).await?;
        fill(&c, "#f-title", "Head baker").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, ".conflict", "Head baker").await?;
        expect_text(&c, ".conflict", "Owner").await
    })
    .await;

    step(&c, "07-switch-to-polish", || async {
        c.goto(&format!("{base}/account")).await?;
        c.find(Locator::Css("#locale"))
            .await?
            .select_by_value("pl")
            .await?;
        click(&c, "form[action='/account/preferences'] button").await?;
        expect_text(&c, "h1", "Twoje konto").await
    })
    .await;

    step(&c, "08-find-with-ctrl-k", || async {
        c.goto(&format!("{base}/contacts")).await?;
        c.find(Locator::Css("body"))
            .await?
            .send_keys(&format!("{}k", char::from(Key::Control)))
            .await?;
        let active = c.active_element().await?;
        if active.attr("id").await?.as_deref() != Some("global-search") {
            return Err(fantoccini::error::CmdError::InvalidArgument(
                "focus".into(),
                "Ctrl-K did not focus the search box".into(),
            ));
        }
        active.send_keys("Zieli").await?;
        expect_text(&c, "#search-suggestions", "Wojciech Zieliński").await?;
        click(&c, "#search-suggestions a[href^='/contacts/']").await?;
        expect_text(&c, "h1", "Wojciech Zieliński").await?;
        expect_text(&c, ".timeline", "Discussed the Easter order").await
    })
    .await;

    let _ = c.close().await;
}
