//! `heltid import-staff INSTANCE STAFF.csv [--out FILE]`: merge an HR system's staff export into
//! an instance, validate the result and write it.

use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::Args;

use crate::io::staff_csv::{merge_staff, parse_staff_csv, Merged};
use crate::io::{parse_instance_str, read_text, write_atomic, Format};
use crate::{Error, ErrorKind, Problem};

/// Arguments of `heltid import-staff`.
#[derive(Args, Debug)]
pub struct ImportStaffArgs {
    /// The instance file to merge into (TOML, or JSON with a `.json` extension).
    pub instance: PathBuf,
    /// The staff CSV: header `id,name,employer,degree,skills,sites`, optionally `group`,
    /// `hourly_cost`, `night_worker`; skills and sites separated by `;`; degree as 0.75, 75 or 75%.
    pub staff: PathBuf,
    /// Where to write the merged instance (default: back to INSTANCE), in the instance's format.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Imports the staff: nothing is written unless the merged instance is valid.
pub fn run(args: ImportStaffArgs) -> anyhow::Result<u8> {
    let format = Format::of_path(&args.instance);
    let out = args.out.clone().unwrap_or_else(|| args.instance.clone());
    if Format::of_path(&out) != format {
        bail!("{}: the output must be in the instance's format ({format:?})", out.display());
    }
    let text = read_text(&args.instance)?;
    let csv = read_text(&args.staff)?;
    let rows = parse_staff_csv(&csv, &args.staff)?;
    let merged = merge_staff(&text, format, &rows, &args.instance)?;
    let (_, warnings) = parse_instance_str(&merged.text, format, &args.instance)
        .map_err(|e| with_csv_lines(e, &merged, &rows, &args.staff))?;
    write_atomic(&out, merged.text.as_bytes())?;
    println!(
        "{}: {} employee{} from {} ({} added, {} updated); wrote {}",
        args.instance.display(),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        args.staff.display(),
        merged.added,
        merged.updated,
        out.display()
    );
    for w in &warnings {
        println!("warning: {w}");
    }
    Ok(super::exit::OK)
}

/// Points problems about imported employees at their CSV line instead of the merged text,
/// which is not on disk.
fn with_csv_lines(mut err: Error, merged: &Merged, rows: &[crate::io::staff_csv::StaffRow], csv: &Path) -> Error {
    if let ErrorKind::Invalid(problems) = &mut err.kind {
        for p in problems.iter_mut() {
            relocate(p, merged, rows, csv);
        }
    }
    err
}

fn relocate(p: &mut Problem, merged: &Merged, rows: &[crate::io::staff_csv::StaffRow], csv: &Path) {
    let Some(rest) = p.path.strip_prefix("staff[") else { return };
    let Some((index, _)) = rest.split_once(']') else { return };
    let Ok(index) = index.parse::<usize>() else { return };
    if let Some(row) = merged.staff_index.iter().position(|&i| i == index).and_then(|r| rows.get(r)) {
        p.position = None;
        p.message = format!("{} (from {} line {})", p.message, csv.display(), row.line);
    }
}
