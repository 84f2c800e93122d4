//! Repository rules that code review should not have to check by hand.

use anyhow::{Result, bail};
use std::collections::BTreeSet;
use std::path::Path;

pub fn run() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let problems = migrations_in_lockstep(&root.join("migrations"))?;
    if problems.is_empty() {
        eprintln!("tidy: ok");
        return Ok(());
    }
    for p in &problems {
        eprintln!("tidy: {p}");
    }
    bail!("tidy found {} problem(s)", problems.len())
}

fn names(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().to_string();
        if name.ends_with(".sql") {
            out.insert(name);
        }
    }
    Ok(out)
}

/// Both backends must carry the same migrations, numbered without gaps or repeats.
pub fn migrations_in_lockstep(dir: &Path) -> Result<Vec<String>> {
    let sqlite = names(&dir.join("sqlite"))?;
    let postgres = names(&dir.join("postgres"))?;
    let mut problems = Vec::new();
    for only in sqlite.difference(&postgres) {
        problems.push(format!(
            "migrations/sqlite/{only} has no twin in migrations/postgres"
        ));
    }
    for only in postgres.difference(&sqlite) {
        problems.push(format!(
            "migrations/postgres/{only} has no twin in migrations/sqlite"
        ));
    }
    let mut numbers = Vec::new();
    for name in &sqlite {
        match name.split('_').next().and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => numbers.push(n),
            None => problems.push(format!("migration {name} does not start with a number")),
        }
    }
    for (i, n) in numbers.iter().enumerate() {
        if *n != i as u32 + 1 {
            problems.push(format!(
                "migration numbers must run 1, 2, 3…; found {n} at place {}",
                i + 1
            ));
            break;
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_is_tidy() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert_eq!(
            migrations_in_lockstep(&root.join("migrations")).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_missing_twin_is_found() {
        let dir = std::env::temp_dir().join(format!("tidy-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sqlite")).unwrap();
        std::fs::create_dir_all(dir.join("postgres")).unwrap();
        std::fs::write(dir.join("sqlite/0001_a.sql"), "").unwrap();
        std::fs::write(dir.join("postgres/0001_a.sql"), "").unwrap();
        std::fs::write(dir.join("sqlite/0002_b.sql"), "").unwrap();
        let problems = migrations_in_lockstep(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("0002_b.sql"));
    }
}
