//! The API benchmark (written out in full later in this file's history).

use anyhow::{Result, bail};

pub fn run(_args: &[String]) -> Result<()> {
    bail!("the benchmark is not written yet")
}
