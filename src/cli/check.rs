//! `heltid check INSTANCE ROSTER`: every breach, grouped by employee and rule.

use std::path::PathBuf;

use clap::Args;

/// Arguments of `heltid check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The instance file (TOML or JSON).
    pub instance: PathBuf,
    /// The roster (JSON, or grid CSV).
    pub roster: PathBuf,
}

/// Runs the check.
pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    let _ = args;
    todo!("heltid check: the roster-and-check work fills this in")
}
