//! The flows people use, in a real browser (headless Debian Chromium over WebDriver).
//!
//! One browser serves every flow, each on a server of its own: first-run setup, sign in, a
//! company, a contact, a logged call on the timeline, a conflicting edit from a second tab,
//! a task linked to the contact with the picker and the keyboard, Polish and Ctrl-K; then
//! the list tools (filters, saved views, bulk tagging, columns), a custom field from
//! settings to the contact form, the keyboard, and phone width. A failing step leaves a
//! screenshot in `target/browser-failures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::error::CmdError;
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
    Fut: std::future::Future<Output = Result<(), CmdError>>,
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

async fn fill(c: &Client, css: &str, text: &str) -> Result<(), CmdError> {
    let field = c.wait().for_element(Locator::Css(css)).await?;
    field.clear().await?;
    field.send_keys(text).await
}

async fn click(c: &Client, css: &str) -> Result<(), CmdError> {
    c.wait().for_element(Locator::Css(css)).await?.click().await
}

async fn expect_text(c: &Client, css: &str, text: &str) -> Result<(), CmdError> {
    for _ in 0..50 {
        if let Ok(el) = c.find(Locator::Css(css)).await
            && el.text().await.unwrap_or_default().contains(text)
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(problem(css, format!("never showed {text:?}")))
}

/// A failed expectation inside a step.
fn problem(what: &str, detail: String) -> CmdError {
    CmdError::InvalidArgument(what.to_string(), detail)
}

/// Waits until `css` matches exactly `n` elements.
async fn expect_count(c: &Client, css: &str, n: usize) -> Result<(), CmdError> {
    let mut last = 0;
    for _ in 0..50 {
        last = c.find_all(Locator::Css(css)).await?.len();
        if last == n {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(problem(css, format!("{last} elements, not {n}")))
}

/// The visible texts of the elements `css` matches.
async fn texts(c: &Client, css: &str) -> Result<Vec<String>, CmdError> {
    let mut out = Vec::new();
    for el in c.find_all(Locator::Css(css)).await? {
        out.push(el.text().await?.trim().to_string());
    }
    Ok(out)
}

/// Presses one key where the focus is, as a person would.
async fn press(c: &Client, key: Key) -> Result<(), CmdError> {
    let key = char::from(key);
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(actions).await
}

async fn sign_in(c: &Client, base: &str, email: &str, password: &str) -> Result<(), CmdError> {
    c.goto(&format!("{base}/login")).await?;
    fill(c, "#email", email).await?;
    fill(c, "#password", password).await?;
    click(c, "form button[type=submit]").await?;
    expect_count(c, "main h1", 1).await?;
    expect_count(c, "#global-search", 1).await
}

/// How wide the page is, and the innermost elements that stick out of a `limit` px window.
async fn page_width(c: &Client, limit: u32) -> Result<(u64, String), CmdError> {
    let script = "const limit = arguments[0];
        const past = (e) => e.getBoundingClientRect().right > limit + 0.5;
        const clipped = (e) => {
            for (let a = e.parentElement; a; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible' && !past(a)) return true;
            }
            return false;
        };
        const out = (e) => past(e) && !clipped(e);
        const culprits = [...document.body.querySelectorAll('*')]
            .filter((e) => out(e) && ![...e.children].some(out))
            .slice(0, 5)
            .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
        return [document.documentElement.scrollWidth, culprits.join(', ')];";
    let answer = c.execute(script, vec![json!(limit)]).await?;
    let width = answer[0].as_u64().unwrap_or(u64::MAX);
    Ok((width, answer[1].as_str().unwrap_or("").to_string()))
}

/// Opens the `<details>` that holds `inner` and waits for it to show.
async fn open_details(c: &Client, inner: &str) -> Result<(), CmdError> {
    let summary = format!("details:has({inner}) > summary");
    click(c, &summary).await?;
    c.wait()
        .for_element(Locator::Css(&format!("details[open] {inner}")))
        .await
        .map(|_| ())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flows_people_use_in_a_real_browser() {
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(profile.path()).await;
    main_flow(&c).await;
    // Cookies belong to the host, not the port: each server starts from none.
    c.delete_all_cookies().await.unwrap();
    list_tools(&c).await;
    c.delete_all_cookies().await.unwrap();
    deals_board(&c).await;
    let _ = c.close().await;
}

/// First run to Ctrl-K, on a server that starts without users.
async fn main_flow(c: &Client) {
    let t = TestApp::spawn_empty(TestBackend::Sqlite).await;
    let c = c.clone();
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
        // The user menu opens from the name, closes with Escape, and holds sign-out.
        click(&c, "details.user-menu summary").await?;
        let menu = c.find(Locator::Css("details.user-menu")).await?;
        if menu.attr("open").await?.is_none() {
            return Err(problem("user menu", "did not open".into()));
        }
        c.find(Locator::Css("details.user-menu summary"))
            .await?
            .send_keys("\u{e00c}")
            .await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        if menu.attr("open").await?.is_some() {
            return Err(problem("user menu", "stayed open after Escape".into()));
        }
        click(&c, "details.user-menu summary").await?;
        click(&c, ".menu-sign-out button").await?;
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

    step(&c, "06b-task-linked-with-the-picker", || async {
        c.goto(&format!("{base}/tasks/new")).await?;
        fill(&c, "#t-title", "Confirm the Easter order").await?;
        fill(&c, "#t-contact", "Wojc").await?;
        expect_count(&c, "#t-contact-list [role=option][data-value]", 1).await?;
        let input = c.find(Locator::Css("#t-contact")).await?;
        if input.attr("aria-expanded").await?.as_deref() != Some("true") {
            return Err(problem("#t-contact", "the list did not open".into()));
        }
        // The arrow key makes the suggestion active; Enter chooses it, not the form.
        press(&c, Key::Down).await?;
        let active = input
            .attr("aria-activedescendant")
            .await?
            .unwrap_or_default();
        if active != "t-contact-opt-0" {
            return Err(problem("#t-contact", format!("active option {active:?}")));
        }
        press(&c, Key::Enter).await?;
        let shown = input.prop("value").await?.unwrap_or_default();
        if shown != "Wojciech Zieliński" {
            return Err(problem("#t-contact", format!("shows {shown:?}")));
        }
        let chosen = c
            .find(Locator::Css("input[name=contact_id]"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if chosen.is_empty() || input.attr("aria-expanded").await?.as_deref() != Some("false") {
            return Err(problem(
                "#t-contact",
                format!("chose {chosen:?}, list still open"),
            ));
        }
        // Escape closes a list without choosing.
        fill(&c, "#t-company", "Piekarnia").await?;
        expect_count(&c, "#t-company-list [role=option][data-value]", 1).await?;
        let company = c.find(Locator::Css("#t-company")).await?;
        company.send_keys("\u{e00c}").await?;
        if company.attr("aria-expanded").await?.as_deref() != Some("false") {
            return Err(problem("#t-company", "Escape left the list open".into()));
        }
        fill(&c, "#t-company", "").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, "h1", "Confirm the Easter order").await?;
        expect_text(&c, ".facts", "Wojciech Zieliński").await
    })
    .await;

    step(&c, "06c-meeting-contact-added-with-the-picker", || async {
        c.goto(&format!("{base}/meetings/new")).await?;
        fill(&c, "#m-contact", "Zieli").await?;
        expect_count(&c, "#m-contact-list [role=option][data-value]", 1).await?;
        press(&c, Key::Down).await?;
        press(&c, Key::Enter).await?;
        // The chosen contact joins the list as a ticked box and the picker is emptied.
        expect_text(&c, "#m-contact-chosen", "Wojciech Zieliński").await?;
        expect_count(&c, "#m-contact-chosen input[name=contact]:checked", 1).await?;
        let left = c
            .find(Locator::Css("#m-contact"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if left.is_empty() {
            Ok(())
        } else {
            Err(problem("#m-contact", format!("still holds {left:?}")))
        }
    })
    .await;

    step(&c, "07-switch-to-polish", || async {
        c.goto(&format!("{base}/account")).await?;
        c.find(Locator::Css("#locale"))
            .await?
            .select_by_value("pl")
            .await?;
        click(&c, "main form[action='/account/preferences'] button").await?;
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
            return Err(problem(
                "focus",
                "Ctrl-K did not focus the search box".into(),
            ));
        }
        active.send_keys("Zieli").await?;
        expect_text(&c, "#search-suggestions", "Wojciech Zieliński").await?;
        // The number of suggestions reaches the status line the screen reader announces.
        let status = c.find(Locator::Css("#search-status")).await?;
        let said = status.prop("textContent").await?.unwrap_or_default();
        if !said.contains("sugest") {
            return Err(problem("#search-status", format!("announced {said:?}")));
        }
        click(&c, "#search-suggestions a[href^='/contacts/']").await?;
        expect_text(&c, "h1", "Wojciech Zieliński").await?;
        expect_text(&c, ".timeline", "Discussed the Easter order").await
    })
    .await;
    // Later flows need one tab only.
    let current = c.window().await.unwrap();
    for other in c.windows().await.unwrap() {
        if other != current {
            c.switch_to_window(other).await.unwrap();
            c.close_window().await.unwrap();
        }
    }
    c.switch_to_window(current).await.unwrap();
}

/// The list tools, settings, the keyboard and phone width, on a server with a few contacts.
async fn list_tools(c: &Client) {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    for (first, last, stage) in [
        ("Alba", "Lind", "lead"),
        ("Bruno", "Ek", "customer"),
        ("Carla", "Berg", "lead"),
    ] {
        t.create(
            "contacts",
            json!({"first_name": first, "last_name": last, "lifecycle_stage": stage, "phone": "+47 22 33 44 55", "title": "Buyer"}),
        )
        .await;
    }
    let company = t.create("companies", json!({"name": "Lind Fisk"})).await;
    let c = c.clone();
    let base = format!("http://{}", t.addr);
    let contacts = format!("{base}/contacts?sort=first_name");

    step(&c, "10-sign-in", || {
        sign_in(&c, &base, "admin@example.com", "correct horse battery")
    })
    .await;

    step(&c, "11-filter-builder", || async {
        c.goto(&contacts).await?;
        expect_count(&c, "tbody tr", 3).await?;
        c.find(Locator::Css("#fb-field"))
            .await?
            .select_by_value("lifecycle_stage")
            .await?;
        c.find(Locator::Css("#fb-op"))
            .await?
            .select_by_value("eq")
            .await?;
        fill(&c, "#fb-value", "lead").await?;
        click(&c, "form.builder button[type=submit]").await?;
        expect_count(&c, ".chips li", 1).await?;
        expect_count(&c, "tbody tr", 2).await?;
        let names = texts(&c, "tbody tr td:nth-child(2)").await?;
        if names != ["Alba Lind", "Carla Berg"] {
            return Err(problem("rows", format!("{names:?}")));
        }
        click(&c, ".chips a").await?;
        expect_count(&c, ".chips li", 0).await?;
        expect_count(&c, "tbody tr", 3).await
    })
    .await;

    step(&c, "12-save-a-view-and-open-it", || async {
        c.goto(&format!(
            "{contacts}&filter%5Blifecycle_stage%5D%5Beq%5D=lead"
        ))
        .await?;
        expect_count(&c, "tbody tr", 2).await?;
        open_details(&c, "#view-name").await?;
        fill(&c, "#view-name", "Open leads").await?;
        click(&c, "form:has(#view-name) button[type=submit]").await?;
        expect_count(&c, "tbody tr", 2).await?;
        c.goto(&format!("{base}/contacts")).await?;
        expect_count(&c, "tbody tr", 3).await?;
        open_details(&c, "#view-name").await?;
        c.find(Locator::LinkText("Open leads"))
            .await?
            .click()
            .await?;
        expect_count(&c, ".chips li", 1).await?;
        expect_count(&c, "tbody tr", 2).await
    })
    .await;

    step(&c, "13-tag-two-contacts", || async {
        c.goto(&contacts).await?;
        let boxes = c.find_all(Locator::Css("input[name=ids]")).await?;
        boxes[0].click().await?;
        boxes[2].click().await?;
        c.find(Locator::Css("#bulk-kind"))
            .await?
            .select_by_value("tag")
            .await?;
        fill(&c, "#bulk-tag", "spring-fair").await?;
        click(&c, "#bulk-form fieldset button[type=submit]").await?;
        expect_count(&c, "tbody tr", 3).await?;
        c.goto(&format!("{contacts}&filter%5Btags%5D=spring-fair"))
            .await?;
        expect_count(&c, "tbody tr", 2).await?;
        let names = texts(&c, "tbody tr td:nth-child(2)").await?;
        if names != ["Alba Lind", "Carla Berg"] {
            return Err(problem("tagged", format!("{names:?}")));
        }
        Ok(())
    })
    .await;

    step(&c, "14-choose-columns", || async {
        c.goto(&contacts).await?;
        let heads = texts(&c, "thead th").await?;
        if heads.iter().any(|h| h == "Job title") || !heads.iter().any(|h| h == "Phone") {
            return Err(problem("columns before", format!("{heads:?}")));
        }
        open_details(&c, "input[name=cols]").await?;
        click(&c, "input[name=cols][value=phone]").await?;
        click(&c, "input[name=cols][value=title]").await?;
        click(&c, "form:has(input[name=cols]) button[type=submit]").await?;
        expect_text(&c, "thead", "Job title").await?;
        let heads = texts(&c, "thead th").await?;
        if heads.iter().any(|h| h == "Phone") {
            return Err(problem("columns after", format!("{heads:?}")));
        }
        expect_text(&c, "tbody", "Buyer").await
    })
    .await;

    step(&c, "15-custom-field-in-the-contact-form", || async {
        c.goto(&format!("{base}/settings/custom-fields/new"))
            .await?;
        c.find(Locator::Css("#f-entity"))
            .await?
            .select_by_value("contacts")
            .await?;
        fill(&c, "#f-key", "shoe_size").await?;
        fill(&c, "#f-label", "Shoe size").await?;
        c.find(Locator::Css("#f-field_type"))
            .await?
            .select_by_value("number")
            .await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, "main", "Shoe size").await?;
        c.goto(&format!("{base}/contacts/new")).await?;
        expect_text(&c, "label[for='f-custom.shoe_size']", "Shoe size").await?;
        fill(&c, "#f-first_name", "Dora").await?;
        fill(&c, "[id='f-custom.shoe_size']", "38").await?;
        click(&c, "form.stack button[type=submit]").await?;
        expect_text(&c, "h1", "Dora").await?;
        click(&c, ".actions a.button").await?;
        let field = c
            .wait()
            .for_element(Locator::Css("[id='f-custom.shoe_size']"))
            .await?;
        let kept = field.prop("value").await?.unwrap_or_default();
        if kept.parse::<f64>().ok() == Some(38.0) {
            Ok(())
        } else {
            Err(problem("shoe size", format!("kept as {kept:?}")))
        }
    })
    .await;

    step(&c, "16-keyboard-skip-link", || async {
        c.goto(&contacts).await?;
        press(&c, Key::Tab).await?;
        let active = c.active_element().await?;
        if active.attr("class").await?.as_deref() != Some("skip") {
            return Err(problem(
                "focus",
                format!("Tab reached {:?} first", active.html(false).await?),
            ));
        }
        let (x, _, _, _) = active.rectangle().await?;
        if x < 0.0 {
            return Err(problem("skip link", "focused but off screen".into()));
        }
        press(&c, Key::Enter).await?;
        let active = c.active_element().await?;
        if active.attr("id").await?.as_deref() != Some("main") {
            return Err(problem(
                "focus",
                format!(
                    "the skip link moved focus to {:?}",
                    active.tag_name().await?
                ),
            ));
        }
        // The next Tab goes into the page's content, past the navigation.
        press(&c, Key::Tab).await?;
        let inside: bool = c
            .execute(
                "return document.getElementById('main').contains(document.activeElement)",
                vec![],
            )
            .await?
            .as_bool()
            .unwrap_or(false);
        if !inside {
            return Err(problem("focus", "Tab left the main content".into()));
        }
        Ok(())
    })
    .await;

    let company_page = format!("{base}/companies/{}", company["id"].as_str().unwrap());
    step(&c, "17-phone-width", || async {
        c.set_window_size(375, 800).await?;
        // A window may be wider than the page it shows; then widen it by the difference.
        let inner = c.execute("return window.innerWidth", vec![]).await?;
        let inner = inner.as_u64().unwrap_or(375).min(750) as u32;
        if inner != 375 {
            // 375 + (375 - inner), kept from going below zero by the `min` above.
            c.set_window_size(750 - inner, 800).await?;
        }
        let inner = c.execute("return window.innerWidth", vec![]).await?;
        if inner.as_u64() != Some(375) {
            return Err(problem("window", format!("{inner} px wide, not 375")));
        }
        let mut wide = Vec::new();
        let pages = [
            format!("{base}/contacts"),
            format!("{contacts}&cols=name&cols=email&cols=phone&cols=title&cols=tags"),
            format!("{base}/companies"),
            format!("{base}/interactions"),
            format!("{base}/contacts/new"),
            company_page.clone(),
            format!("{company_page}/edit"),
            format!("{company_page}/history"),
            format!("{base}/search?q=lind"),
            format!("{base}/account"),
            format!("{base}/account/two-factor"),
            format!("{base}/settings"),
            format!("{base}/settings/users"),
            format!("{base}/settings/custom-fields"),
            format!("{base}/settings/tokens"),
            format!("{base}/settings/organisation"),
        ];
        for page in &pages {
            c.goto(page).await?;
            let (width, culprits) = page_width(&c, 375).await?;
            if width > 375 {
                wide.push(format!("{page}: {width} px ({culprits})"));
            }
        }
        // A contact's own page, with its timeline and forms.
        c.goto(&contacts).await?;
        click(&c, "tbody tr td:nth-child(2) a").await?;
        expect_count(&c, ".timeline", 1).await?;
        let (width, culprits) = page_width(&c, 375).await?;
        if width > 375 {
            wide.push(format!("a contact's page: {width} px ({culprits})"));
        }
        // And the sign-in page, signed out.
        c.delete_all_cookies().await?;
        c.goto(&format!("{base}/login")).await?;
        let (width, culprits) = page_width(&c, 375).await?;
        if width > 375 {
            wide.push(format!("the sign-in page: {width} px ({culprits})"));
        }
        if wide.is_empty() {
            Ok(())
        } else {
            Err(problem("scrolls sideways", wide.join("\n")))
        }
    })
    .await;
}

/// The deals' board: a card dragged to another stage, and one moved by keyboard alone.
async fn deals_board(c: &Client) {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let c = c.clone();
    let base = format!("http://{}", t.addr);
    let pipelines: serde_json::Value = t.get("/api/v1/pipelines").await.json().await.unwrap();
    let pipeline = pipelines["items"][0]["id"].as_str().unwrap().to_string();
    let mut deals = Vec::new();
    for title in ["Dragged deal", "Keyed deal"] {
        let deal = t
            .create(
                "deals",
                json!({"title": title, "pipeline_id": pipeline, "stage": "qualified",
                       "amount": 100_000, "currency": "EUR"}),
            )
            .await;
        deals.push(deal["id"].as_str().unwrap().to_string());
    }
    let (dragged, keyed) = (deals[0].clone(), deals[1].clone());
    step(&c, "40-board", || async {
        sign_in(&c, &base, "admin@example.com", "correct horse battery").await?;
        c.goto(&format!("{base}/deals")).await?;
        expect_text(&c, "[data-stage=qualified]", "Dragged deal").await?;
        expect_text(&c, "[data-stage=qualified] .board-sum", "2 deals").await
    })
    .await;
    step(&c, "41-drag-a-card", || async {
        // WebDriver's pointer actions do not start an HTML drag in Chromium, so the drag's
        // events are sent as the browser would send them, to the page's own handlers.
        let script = "const card = document.getElementById('deal-' + arguments[0]);
            const column = document.querySelector('[data-stage=proposal] .board-cards');
            const data = new DataTransfer();
            const send = (el, type) => el.dispatchEvent(new DragEvent(type,
                {bubbles: true, cancelable: true, dataTransfer: data}));
            send(card, 'dragstart');
            send(column, 'dragover');
            send(column, 'drop');
            send(card, 'dragend');";
        c.execute(script, vec![json!(dragged)]).await?;
        expect_text(&c, "[data-stage=proposal]", "Dragged deal").await?;
        expect_text(&c, "[data-stage=proposal] .board-sum", "One deal").await?;
        expect_text(&c, "[data-stage=qualified] .board-sum", "One deal").await
    })
    .await;
    step(&c, "42-move-by-keyboard", || async {
        let select = c
            .wait()
            .for_element(Locator::Css(&format!("#move-{keyed}")))
            .await?;
        select.send_keys("Negotiation").await?;
        press(&c, Key::Tab).await?;
        let focused = c.active_element().await?;
        if focused.text().await? != "Move" {
            return Err(problem("focus", "the Move button follows its stage".into()));
        }
        press(&c, Key::Enter).await?;
        expect_text(&c, "[data-stage=negotiation]", "Keyed deal").await?;
        expect_text(&c, "[data-stage=qualified] .board-sum", "0 deals").await
    })
    .await;
    let stages: Vec<String> = {
        let mut out = Vec::new();
        for id in [&dragged, &keyed] {
            let deal: serde_json::Value = t
                .get(&format!("/api/v1/deals/{id}"))
                .await
                .json()
                .await
                .unwrap();
            out.push(deal["stage"].as_str().unwrap().to_string());
        }
        out
    };
    assert_eq!(stages, ["proposal", "negotiation"]);
}
