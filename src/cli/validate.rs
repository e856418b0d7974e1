//! `heltid validate INSTANCE`: load and validate an instance, print a short summary and warnings.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::io::load_instance_with_warnings;
use crate::model::{Day, Instance};

/// Arguments of `heltid validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The instance file (TOML, or JSON with a `.json` extension).
    pub instance: PathBuf,
}

/// Validates the instance: exit 0 with a summary (and any warnings), or 2 listing every problem.
pub fn run(args: ValidateArgs) -> anyhow::Result<u8> {
    let (inst, warnings) = load_instance_with_warnings(&args.instance)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}: {}", args.instance.display(), inst.name)?;
    for (label, value) in summary(&inst) {
        writeln!(out, "  {label:<12} {value}")?;
    }
    for w in &warnings {
        writeln!(out, "warning: {w}")?;
    }
    let n = warnings.len();
    writeln!(out, "valid{}", if n == 0 { String::new() } else { format!(", {n} warning{}", plural(n)) })?;
    Ok(super::exit::OK)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn hours(minutes: i64) -> String {
    format!("{:.1} h", minutes as f64 / 60.0)
}

/// Label and value lines of the summary.
fn summary(inst: &Instance) -> Vec<(&'static str, String)> {
    let h = &inst.horizon;
    let weeks = h.weeks();
    let holidays = inst.holidays.iter().filter(|&&x| x).count();
    let horizon = format!(
        "{} – {}, {weeks} week{} ({} days), {}{}",
        h.start(),
        h.date(inst.days() as Day - 1),
        plural(weeks),
        inst.days(),
        h.tz(),
        if holidays > 0 { format!(", {holidays} holiday{}", plural(holidays)) } else { String::new() }
    );
    let fte: f64 = inst.employees.iter().map(|e| e.degree).sum();
    let sites = inst
        .municipalities
        .iter()
        .enumerate()
        .map(|(m, muni)| {
            let ids: Vec<&str> =
                inst.sites.iter().filter(|s| s.municipality.idx() == m).map(|s| s.id.as_str()).collect();
            format!("{}: {} ({})", muni.id, ids.len(), ids.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let shift_ids: Vec<&str> = inst.shifts.iter().map(|s| s.id.as_str()).collect();

    let nt = inst.tasks.len();
    let (mut at_target, mut at_min) = (0i64, 0i64);
    for d in 0..inst.days() {
        for (t, task) in inst.tasks.iter().enumerate() {
            let cell = inst.demand[d * nt + t];
            let paid = inst.times.paid(d as Day, task.shift) as i64;
            at_target += cell.target as i64 * paid;
            at_min += cell.min as i64 * paid;
        }
    }
    let contracted: i64 = inst.employees.iter().map(|e| e.target_minutes as i64).sum();
    let share = if at_target > 0 {
        format!(" ({:.0} % of demand)", 100.0 * contracted as f64 / at_target as f64)
    } else {
        String::new()
    };
    vec![
        ("horizon", horizon),
        ("staff", format!("{} ({fte:.2} full-time equivalents)", inst.employees.len())),
        ("sites", sites),
        ("shift types", format!("{} ({})", inst.shifts.len(), shift_ids.join(", "))),
        ("skills", inst.skills.len().to_string()),
        ("tasks", format!("{} (shift type × skill)", nt)),
        ("demand", format!("{} at target, {} at minimum", hours(at_target), hours(at_min))),
        ("contracted", format!("{}{share}", hours(contracted))),
    ]
}
