//! Project tasks: `cargo xtask ci | tidy | bench`.

mod bench;
mod screenshots;
mod tidy;

use anyhow::{Context, Result, bail};
use std::process::Command;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("tidy") => tidy::run(),
        Some("test") => test(),
        Some("bench") => bench::run(&args[1..]),
        Some("screenshots") => screenshots::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 ci     format check, clippy, tidy, then every test on SQLite and PostgreSQL\n\
                 test   every test (starts PostgreSQL if it is down)\n\
                 tidy   repository rules (migrations in lockstep)\n\
                 bench  seed demo data, serve it in release mode and measure the API\n\
                 screenshots  seed demo data and save pictures of the main pages in docs/screenshots"
            );
            bail!("unknown or missing task");
        }
    }
}

/// Runs a command, echoing it, and fails if it fails.
pub fn run(program: &str, args: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {program}"))?;
    if !status.success() {
        bail!("{program} {} failed ({status})", args.join(" "));
    }
    Ok(())
}

fn ci() -> Result<()> {
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    tidy::run()?;
    test()
}

fn test() -> Result<()> {
    ensure_postgres()?;
    ensure_test_tools()?;
    run("cargo", &["test", "--workspace", "--no-fail-fast"])
}

/// Installs the Debian packages the tests use when they are missing: Chromium and
/// ChromeDriver for the browser tests, xmllint for the UBL invoice schema check.
fn ensure_test_tools() -> Result<()> {
    let have = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let mut packages: Vec<&str> = Vec::new();
    if !(have("chromedriver") && std::path::Path::new("/usr/bin/chromium").exists()) {
        packages.extend(["chromium", "chromium-driver"]);
    }
    if !have("xmllint") {
        packages.push("libxml2-utils");
    }
    if packages.is_empty() {
        return Ok(());
    }
    eprintln!("Installing {} for the tests", packages.join(", "));
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let (program, prefix): (&str, &[&str]) = if root {
        ("apt-get", &[])
    } else {
        ("sudo", &["apt-get"])
    };
    let mut update: Vec<&str> = prefix.to_vec();
    update.extend(["update", "-qq"]);
    run(program, &update)?;
    let mut install: Vec<&str> = prefix.to_vec();
    install.extend(["install", "-y", "-qq"]);
    install.extend(packages);
    run(program, &install)
}

/// The PostgreSQL server the tests use.
fn postgres_url() -> String {
    std::env::var("RAPPORT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

fn postgres_up() -> bool {
    Command::new("psql")
        .args([postgres_url().as_str(), "-qtAc", "SELECT 1"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Starts the local PostgreSQL cluster if it does not answer.
fn ensure_postgres() -> Result<()> {
    if postgres_up() {
        return Ok(());
    }
    eprintln!(
        "PostgreSQL does not answer at {}; starting it",
        postgres_url()
    );
    let versions = std::fs::read_dir("/etc/postgresql").context(
        "PostgreSQL is not installed (no /etc/postgresql); run .ci/run once to install it",
    )?;
    for entry in versions.flatten() {
        let version = entry.file_name().to_string_lossy().to_string();
        let _ = Command::new("pg_ctlcluster")
            .args(["--skip-systemctl-redirect", &version, "main", "start"])
            .status();
    }
    for _ in 0..30 {
        if postgres_up() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    bail!(
        "PostgreSQL did not start; the tests need it at {}",
        postgres_url()
    )
}
