//! `heltid check INSTANCE ROSTER`: every breach, grouped by employee and rule.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::exit;
use crate::io::load_instance;
use crate::io::roster::read_roster;
use crate::report::CheckReport;

/// Arguments of `heltid check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The instance file (TOML or JSON).
    pub instance: PathBuf,
    /// The roster (JSON, or grid CSV).
    pub roster: PathBuf,
    /// Print one JSON document (breaches, cover, soft terms, hours, municipalities) instead
    /// of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the check: exit 0 when no hard rule is broken, 1 when one is, 2 on unusable input.
pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    let inst = load_instance(&args.instance).context("cannot use the instance")?;
    let roster = read_roster(&inst, &args.roster).context("cannot use the roster")?;
    let eval = crate::evaluate(&inst, &roster);
    let report = CheckReport::new(&inst, &roster, &eval);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        out.write_all(report.to_text().as_bytes())?;
    }
    out.flush()?;
    Ok(if report.feasible { exit::OK } else { exit::HARD_VIOLATIONS })
}
