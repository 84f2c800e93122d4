//! `cargo xtask screenshots`: seeds demo data, serves it from a release build and saves
//! pictures of the main pages, at desktop and phone width, in `docs/screenshots/`.

use crate::bench::{output, rapport, root, serve};
use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator};
use std::process::{Command, Stdio};
use std::time::Duration;

const EMAIL: &str = "demo@example.com";
const PASSWORD: &str = "demo password 2026";

pub fn run() -> Result<()> {
    crate::run("cargo", &["build", "--release", "-p", "rapport"])?;
    let dir = std::env::temp_dir().join(format!("rapport-screenshots-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/rapport.db", dir.display());
    let status = rapport(&["demo", "--contacts", "400"], &url, &dir).status()?;
    if !status.success() {
        bail!("rapport demo failed");
    }
    output(
        rapport(
            &[
                "user",
                "add",
                "--email",
                EMAIL,
                "--name",
                "Maja Kowalczyk",
                "--role",
                "admin",
                "--password-stdin",
            ],
            &url,
            &dir,
        ),
        Some(&format!("{PASSWORD}\n")),
    )?;
    let (mut server, addr) = serve(&url, &dir)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("chromedriver is needed: apt-get install chromium chromium-driver")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(capture(port, &format!("http://{addr}"), &dir));
    let _ = driver.kill();
    let _ = driver.wait();
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn connect(port: u16, profile: &std::path::Path) -> Result<Client> {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--force-prefers-reduced-motion",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let caps = caps.as_object().context("capabilities")?.clone();
    for _ in 0..50 {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.clone());
        if let Ok(client) = builder.connect(&format!("http://127.0.0.1:{port}")).await {
            return Ok(client);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("chromedriver did not answer")
}

async fn shot(c: &Client, name: &str) -> Result<()> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await?;
    let out = root().join("docs/screenshots");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join(format!("{name}.png")), png)?;
    eprintln!("saved docs/screenshots/{name}.png");
    Ok(())
}

async fn capture(port: u16, base: &str, dir: &std::path::Path) -> Result<()> {
    let c = connect(port, &dir.join("profile")).await?;
    c.set_window_size(1280, 820).await?;
    c.goto(&format!("{base}/login")).await?;
    shot(&c, "sign-in").await?;
    c.find(Locator::Css("#email"))
        .await?
        .send_keys(EMAIL)
        .await?;
    c.find(Locator::Css("#password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    c.find(Locator::Css("form button[type=submit]"))
        .await?
        .click()
        .await?;
    c.wait().for_element(Locator::Css("tbody")).await?;
    shot(&c, "contacts").await?;
    let first = c
        .find(Locator::Css("tbody tr td a"))
        .await?
        .attr("href")
        .await?
        .context("a contact link")?;
    c.goto(&format!("{base}{first}")).await?;
    shot(&c, "contact").await?;
    c.goto(&format!("{base}/companies")).await?;
    let company = c
        .find(Locator::Css("tbody tr td a"))
        .await?
        .attr("href")
        .await?
        .context("a company link")?;
    c.goto(&format!("{base}{company}")).await?;
    shot(&c, "company").await?;
    c.goto(&format!("{base}/contacts")).await?;
    let search = c.find(Locator::Css("#global-search")).await?;
    search.send_keys("an").await?;
    c.wait()
        .for_element(Locator::Css("#search-suggestions li"))
        .await?;
    shot(&c, "search").await?;
    c.goto(&format!("{base}{first}/history")).await?;
    shot(&c, "history").await?;
    c.goto(&format!("{base}/settings/users")).await?;
    shot(&c, "settings").await?;
    c.set_window_size(390, 844).await?;
    c.goto(&format!("{base}{first}")).await?;
    shot(&c, "contact-phone").await?;
    c.close().await?;
    Ok(())
}
