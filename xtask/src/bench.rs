//! `cargo xtask bench`: seeds demo data with `rapport demo`, starts a release server and
//! drives it over loopback, then prints requests per second, p50 and p99 per scenario and
//! the server's memory.
//!
//! Options: `--contacts N` (default 1000000), `--backend sqlite|postgres|both` (default
//! sqlite), `--seconds S` per scenario (default 10), `--concurrency C` (default 32),
//! `--keep DIR` to reuse a seeded SQLite data directory and the seeded PostgreSQL
//! benchmark database between runs, `--only TEXT` to run only the scenarios whose names
//! hold TEXT.
//!
//! The sales scenarios load the pipeline with the most open deals (a million contacts
//! give it more than 10,000): a board column's deals over the API and the kanban board
//! page, and the forecast over the API and as a page. A scenario answered with anything
//! but success (a 404 of a page that does not exist yet) counts as errors.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench password 123";

struct Options {
    contacts: u64,
    backends: Vec<&'static str>,
    seconds: u64,
    concurrency: usize,
    keep: Option<PathBuf>,
    /// Runs only the scenarios whose names hold this text.
    only: Option<String>,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        contacts: 1_000_000,
        backends: vec!["sqlite"],
        seconds: 10,
        concurrency: 32,
        keep: None,
        only: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--contacts" => o.contacts = value()?.parse()?,
            "--seconds" => o.seconds = value()?.parse()?,
            "--concurrency" => o.concurrency = value()?.parse()?,
            "--keep" => o.keep = Some(PathBuf::from(value()?)),
            "--only" => o.only = Some(value()?),
            "--backend" => {
                o.backends = match value()?.as_str() {
                    "sqlite" => vec!["sqlite"],
                    "postgres" => vec!["postgres"],
                    "both" => vec!["sqlite", "postgres"],
                    other => bail!("unknown backend {other}"),
                }
            }
            other => bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The release binary, in the target folder cargo builds into (`CARGO_TARGET_DIR` when set).
fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    target.join("release/rapport")
}

pub fn rapport(args: &[&str], url: &str, data_dir: &Path) -> Command {
    let mut c = Command::new(binary());
    c.args(args)
        .arg("--database-url")
        .arg(url)
        .arg("--data-dir")
        .arg(data_dir);
    c
}

pub fn output(mut command: Command, stdin: Option<&str>) -> Result<String> {
    use std::io::Write;
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    if stdin.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = command.spawn()?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("command failed: {command:?}");
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn run(args: &[String]) -> Result<()> {
    let o = options(args)?;
    crate::run("cargo", &["build", "--release", "-p", "rapport"])?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut tables = Vec::new();
    for backend in &o.backends {
        let scratch =
            std::env::temp_dir().join(format!("rapport-bench-{}-{backend}", std::process::id()));
        let data_dir = match (&o.keep, *backend) {
            (Some(dir), "sqlite") => dir.clone(),
            _ => scratch.clone(),
        };
        std::fs::create_dir_all(&data_dir)?;
        // With --keep, a seeded PostgreSQL benchmark database is reused as well.
        let mut reuse = o.keep.is_some() && data_dir.join("rapport.db").exists();
        let url = match *backend {
            "sqlite" => format!("sqlite://{}/rapport.db", data_dir.display()),
            _ => {
                let admin = std::env::var("RAPPORT_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
                let name = "rapport_bench";
                reuse = o.keep.is_some() && postgres_has_contacts(&admin, name);
                if !reuse {
                    let _ = Command::new("psql")
                        .args([
                            admin.as_str(),
                            "-qc",
                            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                        ])
                        .status();
                    crate::run(
                        "psql",
                        &[admin.as_str(), "-qc", &format!("CREATE DATABASE {name}")],
                    )?;
                }
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
        };
        let seeded = reuse;
        if !seeded {
            let started = Instant::now();
            let status = rapport(
                &["demo", "--contacts", &o.contacts.to_string()],
                &url,
                &data_dir,
            )
            .status()?;
            if !status.success() {
                bail!("rapport demo failed");
            }
            eprintln!(
                "seeded {} contacts on {backend} in {:.1?}",
                o.contacts,
                started.elapsed()
            );
        }
        let email = format!("bench-{}@example.com", std::process::id());
        output(
            rapport(
                &[
                    "user",
                    "add",
                    "--email",
                    &email,
                    "--name",
                    "Bench",
                    "--role",
                    "admin",
                    "--password-stdin",
                ],
                &url,
                &data_dir,
            ),
            Some(&format!("{PASSWORD}\n")),
        )?;
        let token = output(
            rapport(
                &["token", "create", "--user", &email, "--name", "bench"],
                &url,
                &data_dir,
            ),
            None,
        )?;
        let (mut server, addr) = serve(&url, &data_dir)?;
        let result = runtime.block_on(measure(&addr, &token, &o, server.id(), &email));
        let _ = Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status();
        let _ = server.wait();
        if data_dir == scratch {
            let _ = std::fs::remove_dir_all(&scratch);
        }
        tables.push((backend.to_string(), result?));
    }
    for (backend, table) in tables {
        println!(
            "\n{backend}, {} contacts, concurrency {}, {} s per scenario",
            o.contacts, o.concurrency, o.seconds
        );
        println!("{table}");
    }
    Ok(())
}

/// Whether a PostgreSQL database exists and holds contacts already.
fn postgres_has_contacts(admin: &str, name: &str) -> bool {
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    Command::new("psql")
        .args([
            &format!("{base}/{name}"),
            "-qtAc",
            "SELECT count(*) > 0 FROM (SELECT 1 FROM contacts LIMIT 1) c",
        ])
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "t")
}

pub fn serve(url: &str, data_dir: &Path) -> Result<(Child, String)> {
    let mut child = rapport(&["serve", "--bind", "127.0.0.1:0"], url, data_dir)
        .env("RAPPORT_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line?;
        if let Some(rest) = line.split("http://").nth(1) {
            let addr = rest.split_whitespace().next().unwrap_or("").to_string();
            std::thread::spawn(move || for _ in lines {});
            return Ok((child, addr));
        }
    }
    bail!("the server did not print its address")
}

fn rss_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

type Scenario =
    Box<dyn Fn(&reqwest::Client, &str, &str, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// Signs in through the sign-in form and returns the session cookie, if the server has pages.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> Option<String> {
    let page = client.get(format!("{base}/login")).send().await.ok()?;
    let pre = cookie_pair(&page, "rapport_csrf")?;
    let html = page.text().await.ok()?;
    let csrf = html
        .split("name=\"_csrf\" value=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_string();
    let form = [
        ("_csrf", csrf.as_str()),
        ("email", email),
        ("password", password),
        ("next", "/contacts"),
    ];
    let done = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .ok()?
        .post(format!("{base}/login"))
        .header("cookie", &pre)
        .form(&form)
        .send()
        .await
        .ok()?;
    cookie_pair(&done, "rapport_session")
}

/// The pipeline with the most open deals among the newest 500 open deals (the board the
/// bench loads), and its stage with the most of them (the column the bench reads).
async fn busiest_pipeline(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> Result<(String, String)> {
    let get = |path: String| async move {
        let page: Value = client
            .get(format!("{base}{path}"))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        anyhow::Ok(page)
    };
    let open = get("/api/v1/deals?filter%5Bstatus%5D=open&limit=500".into()).await?;
    let mut counts: std::collections::BTreeMap<(String, String), u64> =
        std::collections::BTreeMap::new();
    for deal in open["items"].as_array().into_iter().flatten() {
        if let (Some(p), Some(stage)) = (deal["pipeline_id"].as_str(), deal["stage"].as_str()) {
            *counts
                .entry((p.to_string(), stage.to_string()))
                .or_default() += 1;
        }
    }
    let mut per_pipeline: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for ((p, _), n) in &counts {
        *per_pipeline.entry(p.as_str()).or_default() += n;
    }
    if let Some((pipeline, _)) = per_pipeline.into_iter().max_by_key(|(_, n)| *n) {
        let stage = counts
            .iter()
            .filter(|((p, _), _)| p == pipeline)
            .max_by_key(|(_, n)| **n)
            .map(|((_, stage), _)| stage.clone())
            .unwrap_or_default();
        return Ok((pipeline.to_string(), stage));
    }
    let pipelines = get("/api/v1/pipelines?limit=1".into()).await?;
    let pipeline = &pipelines["items"][0];
    let id = pipeline["id"]
        .as_str()
        .map(str::to_string)
        .context("no pipeline to load the board of")?;
    let stage = pipeline["stages"][0]["key"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok((id, stage))
}

fn cookie_pair(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

async fn measure(addr: &str, token: &str, o: &Options, pid: u32, email: &str) -> Result<String> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(o.concurrency)
        .build()?;
    let base = format!("http://{addr}");
    // Demo records only: contacts this benchmark created earlier have no history or timeline.
    let sample: Value = client
        .get(format!(
            "{base}/api/v1/contacts?limit=500&filter%5Bfirst_name%5D%5Bne%5D=Bench"
        ))
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    let items = sample["items"].as_array().context("contacts page")?;
    if items.is_empty() {
        bail!("no contacts to measure");
    }
    let ids: Arc<Vec<String>> = Arc::new(
        items
            .iter()
            .filter_map(|c| c["id"].as_str().map(str::to_string))
            .collect(),
    );
    let names: Arc<Vec<String>> = Arc::new(
        items
            .iter()
            .filter_map(|c| c["last_name"].as_str().map(str::to_string))
            .collect(),
    );
    let pick = |list: &Arc<Vec<String>>, n: u64| list[(n as usize * 7919) % list.len()].clone();
    // One contact with a long timeline, for the customer page.
    let busy = ids[0].clone();
    for i in 0..200 {
        client
            .post(format!("{base}/api/v1/interactions"))
            .bearer_auth(token)
            .json(&serde_json::json!({"kind": "note", "subject": format!("Bench note {i}"), "body": "A note for the benchmark.", "contact_id": busy}))
            .send()
            .await?;
    }
    let (board, stage) = busiest_pipeline(&client, &base, token).await?;
    let cookie = sign_in(&client, &base, email, PASSWORD).await;
    let mut scenarios: Vec<(&str, Scenario)> = vec![
        ("contact by id", {
            let ids = ids.clone();
            Box::new(move |c, base, token, n| {
                c.get(format!("{base}/api/v1/contacts/{}", pick(&ids, n)))
                    .bearer_auth(token)
            })
        }),
        (
            "contacts list, first page",
            Box::new(|c, base, token, _| {
                c.get(format!("{base}/api/v1/contacts")).bearer_auth(token)
            }),
        ),
        ("search by name", {
            let names = names.clone();
            Box::new(move |c, base, token, n| {
                c.get(format!("{base}/api/v1/contacts?q={}", pick(&names, n)))
                    .bearer_auth(token)
            })
        }),
        ("contact timeline", {
            let ids = ids.clone();
            Box::new(move |c, base, token, n| {
                c.get(format!("{base}/api/v1/contacts/{}/timeline", pick(&ids, n)))
                    .bearer_auth(token)
            })
        }),
        (
            "create contact",
            Box::new(|c, base, token, n| {
                c.post(format!("{base}/api/v1/contacts"))
                .bearer_auth(token)
                .json(&serde_json::json!({"first_name": "Bench", "last_name": format!("Writer{n}"), "email": format!("writer{n}@example.com")}))
            }),
        ),
    ];
    let column = format!(
        "{base}/api/v1/deals?filter%5Bpipeline_id%5D={board}&filter%5Bstage%5D={stage}&filter%5Bstatus%5D=open&sort=stage_entered_at&limit=50"
    );
    scenarios.push((
        "api: deals of a board column",
        Box::new(move |c, _, token, _| c.get(column.as_str()).bearer_auth(token)),
    ));
    // The forecast comes with the forecast module; until then its 404s count as errors.
    scenarios.push((
        "forecast",
        Box::new(|c, base, token, _| {
            c.get(format!("{base}/api/v1/forecast?period=month"))
                .bearer_auth(token)
        }),
    ));
    if let Some(cookie) = cookie {
        let (c1, c2, c3) = (cookie.clone(), cookie.clone(), cookie.clone());
        let (c4, c5) = (cookie.clone(), cookie);
        let board_page = format!("/deals?pipeline={board}");
        scenarios.push((
            "page: kanban board",
            Box::new(move |c, base, _, _| {
                c.get(format!("{base}{board_page}")).header("cookie", &c4)
            }),
        ));
        scenarios.push((
            "page: forecast",
            Box::new(move |c, base, _, _| c.get(format!("{base}/forecast")).header("cookie", &c5)),
        ));
        let busy_page = format!("/contacts/{busy}");
        let names = names.clone();
        scenarios.push((
            "page: contacts list",
            Box::new(move |c, base, _, _| c.get(format!("{base}/contacts")).header("cookie", &c1)),
        ));
        scenarios.push((
            "page: 360 (200 interactions)",
            Box::new(move |c, base, _, _| {
                c.get(format!("{base}{busy_page}")).header("cookie", &c2)
            }),
        ));
        scenarios.push((
            "page: Ctrl-K suggestions",
            Box::new(move |c, base, _, n| {
                c.get(format!("{base}/search/suggest?q={}", pick(&names, n)))
                    .header("cookie", &c3)
            }),
        ));
    }
    let mut table = format!(
        "{:<30} {:>10} {:>10} {:>10} {:>8}\n",
        "scenario", "req/s", "p50 ms", "p99 ms", "errors"
    );
    if let Some(only) = &o.only {
        scenarios.retain(|(name, _)| name.contains(only.as_str()));
    }
    for (name, scenario) in scenarios {
        let scenario = Arc::new(scenario);
        let stop = Arc::new(AtomicBool::new(false));
        let errors = Arc::new(AtomicU64::new(0));
        let counter = Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        let started = Instant::now();
        for _ in 0..o.concurrency {
            let (client, base, token) = (client.clone(), base.clone(), token.to_string());
            let (scenario, stop, errors, counter) = (
                scenario.clone(),
                stop.clone(),
                errors.clone(),
                counter.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    let ok = match scenario(&client, &base, &token, n).send().await {
                        Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                        Err(_) => false,
                    };
                    if ok {
                        latencies.push(t.elapsed());
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies
            }));
        }
        tokio::time::sleep(Duration::from_secs(o.seconds)).await;
        stop.store(true, Ordering::Relaxed);
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await?);
        }
        let elapsed = started.elapsed().as_secs_f64();
        all.sort();
        let at = |q: f64| {
            all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)))
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        table.push_str(&format!(
            "{:<30} {:>10.0} {:>10.2} {:>10.2} {:>8}\n",
            name,
            all.len() as f64 / elapsed,
            at(0.50),
            at(0.99),
            errors.load(Ordering::Relaxed)
        ));
    }
    let (rss, peak) = rss_kib(pid);
    table.push_str(&format!(
        "server RSS {:.0} MiB (peak {:.0} MiB)",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    ));
    Ok(table)
}
