//! `heltid report INSTANCE ROSTER --html FILE [--xlsx FILE] [--ics DIR]`: the roster for people.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use crate::eval::Evaluation;
use crate::io::load_instance;
use crate::io::roster::read_roster;
use crate::io::write_atomic;
use crate::model::{Instance, Roster};
use crate::report::CheckReport;

/// Arguments of `heltid report`.
#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("outputs").required(true).multiple(true))]
pub struct ReportArgs {
    /// The instance file (TOML or JSON).
    pub instance: PathBuf,
    /// The roster (JSON, or grid CSV).
    pub roster: PathBuf,
    /// Write one self-contained HTML page (grid per site and week, cover, hours, breaches, cost).
    #[arg(long, value_name = "FILE", group = "outputs")]
    pub html: Option<PathBuf>,
    /// Write an Excel workbook (grid per site, employees, cover, municipalities).
    #[arg(long, value_name = "FILE", group = "outputs")]
    pub xlsx: Option<PathBuf>,
    /// Write one iCalendar file per employee into this folder.
    #[arg(long, value_name = "DIR", group = "outputs")]
    pub ics: Option<PathBuf>,
}

/// Writes the HTML report of a roster (also used by `heltid solve --html`).
pub(crate) fn write_html(path: &Path, inst: &Instance, roster: &Roster, eval: &Evaluation) -> anyhow::Result<()> {
    let report = CheckReport::new(inst, roster, eval);
    let page = crate::report::html::render(inst, roster, &report);
    write_atomic(path, page.as_bytes()).context("cannot write the HTML report")
}

/// Writes the reports asked for: exit 0 when no hard rule is broken, 1 when one is, 2 on
/// unusable input.
pub fn run(args: ReportArgs) -> anyhow::Result<u8> {
    let inst = load_instance(&args.instance).context("cannot use the instance")?;
    let roster = read_roster(&inst, &args.roster).context("cannot use the roster")?;
    let eval = crate::evaluate(&inst, &roster);
    let report = CheckReport::new(&inst, &roster, &eval);
    let mut out = std::io::stdout().lock();
    if let Some(path) = &args.html {
        let page = crate::report::html::render(&inst, &roster, &report);
        write_atomic(path, page.as_bytes()).context("cannot write the HTML report")?;
        writeln!(out, "Wrote the HTML report to {}", path.display())?;
    }
    if let Some(path) = &args.xlsx {
        crate::report::xlsx::write_xlsx(path, &inst, &roster, &report).context("cannot write the workbook")?;
        writeln!(out, "Wrote the workbook to {}", path.display())?;
    }
    if let Some(dir) = &args.ics {
        let files = crate::report::ics::write_calendars(dir, &inst, &roster, chrono::Utc::now())
            .context("cannot write the calendars")?;
        writeln!(out, "Wrote {} calendars to {}", files.len(), dir.display())?;
    }
    out.flush()?;
    Ok(if report.feasible { super::exit::OK } else { super::exit::HARD_VIOLATIONS })
}
