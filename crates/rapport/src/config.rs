//! The effective configuration: command-line flags, then `RAPPORT_*` environment
//! variables, then `rapport.toml`, then built-in defaults.
//!
//! Every value remembers where it came from, so `rapport config` can say why it is set.

use crate::error::Usage;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

const DEFAULT_BIND: &str = "127.0.0.1:8080";
const DEFAULT_DATA_DIR: &str = "./data";
const DEFAULT_MAX_UPLOAD_MB: u64 = 25;
const DEFAULT_LOG: &str = "info";
const DEFAULT_CONFIG_FILE: &str = "rapport.toml";
/// The largest upload limit accepted, so a typo cannot ask for terabytes.
const MAX_UPLOAD_MB_LIMIT: u64 = 10 * 1024;

/// The options every command takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Flags {
    /// The configuration file [env: RAPPORT_CONFIG] [default: ./rapport.toml if present].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where Rapport keeps its files [env: RAPPORT_DATA_DIR] [default: ./data].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER:PASSWORD@HOST/DB [env: RAPPORT_DATABASE_URL]
    /// [default: sqlite://<data dir>/rapport.db].
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File,
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File => f.write_str("file"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// A setting and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// What `rapport.toml` may hold. Unknown keys are refused so a typo is not ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    bind: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    max_upload_mb: Option<u64>,
    log: Option<String>,
}

/// The configuration every command runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file that was read, if any.
    pub file: Option<PathBuf>,
    pub bind: Setting<String>,
    pub data_dir: Setting<PathBuf>,
    pub database_url: Setting<String>,
    pub max_upload_mb: Setting<u64>,
    pub log: Setting<String>,
}

impl Config {
    /// Reads the configuration from the process's flags, environment and files.
    pub fn load(flags: &Flags, bind_flag: Option<&str>) -> Result<Config> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Config::resolve(flags, bind_flag, env, |path| std::fs::read_to_string(path))
    }

    /// Resolves every setting; `env` and `read` stand in for the process so tests can
    /// supply their own.
    pub fn resolve(
        flags: &Flags,
        bind_flag: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
        read: impl Fn(&Path) -> std::io::Result<String>,
    ) -> Result<Config> {
        let (file, contents) = match (&flags.config, env("RAPPORT_CONFIG")) {
            (Some(path), _) => (Some(path.clone()), Some(read_required(path, &read)?)),
            (None, Some(path)) => {
                let path = PathBuf::from(path);
                let text = read_required(&path, &read)?;
                (Some(path), Some(text))
            }
            (None, None) => {
                let path = PathBuf::from(DEFAULT_CONFIG_FILE);
                match read(&path) {
                    Ok(text) => (Some(path), Some(text)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
                    Err(e) => {
                        return Err(e).with_context(|| format!("cannot read {}", path.display()));
                    }
                }
            }
        };
        let parsed = match (&file, contents) {
            (Some(path), Some(text)) => parse_file(path, &text)?,
            _ => FileConfig::default(),
        };

        let bind = pick(
            bind_flag.map(str::to_string),
            "--bind",
            env("RAPPORT_BIND"),
            "RAPPORT_BIND",
            parsed.bind,
            DEFAULT_BIND.to_string(),
        );
        let data_dir = pick(
            flags.data_dir.clone(),
            "--data-dir",
            env("RAPPORT_DATA_DIR").map(PathBuf::from),
            "RAPPORT_DATA_DIR",
            parsed.data_dir,
            PathBuf::from(DEFAULT_DATA_DIR),
        );
        let default_url = format!("sqlite://{}", data_dir.value.join("rapport.db").display());
        let database_url = pick(
            flags.database_url.clone(),
            "--database-url",
            env("RAPPORT_DATABASE_URL"),
            "RAPPORT_DATABASE_URL",
            parsed.database_url,
            default_url,
        );
        let env_mb = match env("RAPPORT_MAX_UPLOAD_MB") {
            Some(v) => Some(v.trim().parse::<u64>().map_err(|_| {
                Usage(format!(
                    "RAPPORT_MAX_UPLOAD_MB must be a whole number of megabytes, not {v:?}"
                ))
            })?),
            None => None,
        };
        let max_upload_mb = pick(
            None,
            "",
            env_mb,
            "RAPPORT_MAX_UPLOAD_MB",
            parsed.max_upload_mb,
            DEFAULT_MAX_UPLOAD_MB,
        );
        if max_upload_mb.value == 0 || max_upload_mb.value > MAX_UPLOAD_MB_LIMIT {
            return Err(Usage(format!(
                "max_upload_mb ({}) must be from 1 to {MAX_UPLOAD_MB_LIMIT}",
                max_upload_mb.source
            ))
            .into());
        }
        let log = pick(
            None,
            "",
            env("RAPPORT_LOG"),
            "RAPPORT_LOG",
            parsed.log,
            DEFAULT_LOG.to_string(),
        );
        Ok(Config {
            file,
            bind,
            data_dir,
            database_url,
            max_upload_mb,
            log,
        })
    }

    /// The largest upload in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb.value * 1024 * 1024
    }

    /// The settings the services need.
    pub fn app_config(&self) -> rapport_app::AppConfig {
        rapport_app::AppConfig {
            data_dir: self.data_dir.value.clone(),
            max_upload_bytes: self.max_upload_bytes(),
        }
    }

    /// The configuration as `key = value` lines (valid TOML), secrets hidden, each with
    /// where it came from.
    pub fn render(&self) -> String {
        let rows = [
            ("bind", toml_string(&self.bind.value), &self.bind.source),
            (
                "data_dir",
                toml_string(&self.data_dir.value.display().to_string()),
                &self.data_dir.source,
            ),
            (
                "database_url",
                toml_string(&redact_url(&self.database_url.value)),
                &self.database_url.source,
            ),
            (
                "max_upload_mb",
                self.max_upload_mb.value.to_string(),
                &self.max_upload_mb.source,
            ),
            ("log", toml_string(&self.log.value), &self.log.source),
        ];
        let mut out = match &self.file {
            Some(path) => format!("# Read from {}.\n", path.display()),
            None => format!("# No configuration file ({DEFAULT_CONFIG_FILE} is not here).\n"),
        };
        let value_width = rows.iter().map(|(_, v, _)| v.len()).max().unwrap_or(0);
        for (key, value, source) in rows {
            out.push_str(&format!("{key:<13} = {value:<value_width$}  # {source}\n"));
        }
        out
    }
}

fn read_required(path: &Path, read: &impl Fn(&Path) -> std::io::Result<String>) -> Result<String> {
    read(path).with_context(|| format!("cannot read the configuration file {}", path.display()))
}

/// Parses `rapport.toml`, reporting a mistake on one line with its line number.
fn parse_file(path: &Path, text: &str) -> Result<FileConfig> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let message = e.message().trim().replace('\n', " ");
        let place = match line {
            Some(n) => format!("{} line {n}", path.display()),
            None => path.display().to_string(),
        };
        Usage(format!("{place}: {message}")).into()
    })
}

/// Takes the first value present in precedence order: flag, environment, file, default.
fn pick<T>(
    flag: Option<T>,
    flag_name: &'static str,
    env: Option<T>,
    env_name: &'static str,
    file: Option<T>,
    default: T,
) -> Setting<T> {
    if let Some(value) = flag {
        return Setting {
            value,
            source: Source::Flag(flag_name),
        };
    }
    if let Some(value) = env {
        return Setting {
            value,
            source: Source::Env(env_name),
        };
    }
    if let Some(value) = file {
        return Setting {
            value,
            source: Source::File,
        };
    }
    Setting {
        value: default,
        source: Source::Default,
    }
}

/// Quotes a string for TOML.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Hides the password in a database URL, both `user:password@` and `?password=`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn resolve(flags: &Flags, env: &[(&str, &str)], file: Option<&str>) -> Result<Config> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let file = file.map(str::to_string);
        Config::resolve(
            flags,
            None,
            |k| env.get(k).cloned(),
            |_| {
                file.clone()
                    .ok_or_else(|| std::io::ErrorKind::NotFound.into())
            },
        )
    }

    #[test]
    fn defaults_apply_without_anything_set() {
        let c = resolve(&Flags::default(), &[], None).unwrap();
        assert_eq!(c.bind.value, "127.0.0.1:8080");
        assert_eq!(c.data_dir.value, PathBuf::from("./data"));
        assert_eq!(c.database_url.value, "sqlite://./data/rapport.db");
        assert_eq!(c.max_upload_bytes(), 25 * 1024 * 1024);
        assert_eq!(c.log.value, "info");
        assert!(c.file.is_none());
    }

    #[test]
    fn flag_beats_env_beats_file_beats_default() {
        let file =
            "bind = \"0.0.0.0:1\"\ndata_dir = \"/file\"\nmax_upload_mb = 5\nlog = \"debug\"\n";
        let env = [("RAPPORT_DATA_DIR", "/env"), ("RAPPORT_BIND", "0.0.0.0:2")];
        let flags = Flags {
            data_dir: Some("/flag".into()),
            ..Flags::default()
        };
        let c = resolve(&flags, &env, Some(file)).unwrap();
        assert_eq!(c.data_dir.value, PathBuf::from("/flag"));
        assert_eq!(c.data_dir.source, Source::Flag("--data-dir"));
        assert_eq!(c.bind.value, "0.0.0.0:2");
        assert_eq!(c.max_upload_mb.value, 5);
        assert_eq!(c.max_upload_mb.source, Source::File);
        assert_eq!(c.log.value, "debug");
        assert_eq!(c.database_url.value, "sqlite:///flag/rapport.db");
    }

    #[test]
    fn file_mistakes_are_one_line_with_a_line_number() {
        let err = resolve(&Flags::default(), &[], Some("bind = \"x\"\nbnd = 1\n")).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("rapport.toml line 2:"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn bad_upload_limits_are_refused() {
        assert!(
            resolve(
                &Flags::default(),
                &[("RAPPORT_MAX_UPLOAD_MB", "lots")],
                None
            )
            .is_err()
        );
        assert!(resolve(&Flags::default(), &[("RAPPORT_MAX_UPLOAD_MB", "0")], None).is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://rapport:s3cret@db.example.com:5432/crm"),
            "postgres://rapport:***@db.example.com:5432/crm"
        );
        assert_eq!(
            redact_url("postgres://db/crm?user=a&password=x&sslmode=require"),
            "postgres://db/crm?user=a&password=***&sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://rapport@db/crm"),
            "postgres://rapport@db/crm"
        );
        assert_eq!(
            redact_url("sqlite://./data/rapport.db"),
            "sqlite://./data/rapport.db"
        );
        assert_eq!(redact_url("postgres://u:p@ss@h/d"), "postgres://u:***@h/d");
    }

    #[test]
    fn rendered_config_is_toml_without_secrets() {
        let flags = Flags {
            database_url: Some("postgres://u:hunter22@h/d".into()),
            ..Flags::default()
        };
        let c = resolve(&flags, &[], None).unwrap();
        let text = c.render();
        assert!(!text.contains("hunter22"));
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(
            parsed["database_url"].as_str(),
            Some("postgres://u:***@h/d")
        );
    }
}
