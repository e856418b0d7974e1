//! Importer for the Curtois–Qu "Employee Shift Scheduling Benchmark" (`Instance1.txt` …
//! `Instance24.txt`, schedulingbenchmarks.org), so that heltid's own rule engine evaluates it.
//!
//! There is no second evaluator: the benchmark is mapped into an ordinary [`Instance`] whose
//! rules, evaluated by [`crate::eval::evaluate`], give exactly the benchmark's feasibility and
//! objective (the soft cost equals the objective). The mapping:
//!
//! * **Horizon**: `H` days from the fixed Monday [`START`] (2024-01-01; the format only says day
//!   0 is a Monday, so the importer picks the date), in UTC, so no day is shortened by DST.
//!   Weekends count by day (`weekend_by_instant = false`): weekend `w` is days `7w+5`, `7w+6`.
//! * **Structure**: one municipality, one site, one skill (`any`); one task per shift type, in
//!   file order. A shift type starts at 00:00 and lasts its length (no rast), so it is paid its
//!   length in minutes.
//! * **Hard rules** per employee: `max_shifts_per_type` (MaxShifts; a shift type left out is not
//!   limited), `contract_minutes` (Min/MaxTotalMinutes as a band), `max_consecutive_days`,
//!   `min_consecutive_days`, `min_consecutive_days_off`, `max_weekends` in total (the window is
//!   the whole horizon); NotFollowedBy → `forbidden_succession`; SECTION_DAYS_OFF → an absence of
//!   kind [`DayOff`](crate::model::AbsenceKind::DayOff). Every other rule is off (no rest,
//!   weekly cap, spread or deviation from target; the target is the middle of the band).
//! * **Soft terms**: shift-on requests → wishes `WantShift` (`shift_on_requests`, costs its
//!   weight unless exactly that shift is worked), shift-off requests → `AvoidShift`
//!   (`shift_off_requests`), cover → demand with `target = Requirement` and the file's weights
//!   (`cover_under`, `cover_over`). A (day, shift) pair without a cover line has no demand.
//! * **The boundary rule**: there is no history, so runs touching day 0 or the last day are
//!   exempt from the minimum-run rules, as the benchmark requires. Setting
//!   [`GlobalRules::strict_edges`](crate::model::GlobalRules) drops the exemption (a diagnostic).
//!
//! Rosters are read and written in the benchmark folder's TSV style ([`read_solution`],
//! [`write_solution`]), which `shared/tools/nrp_check.py` also reads.

mod import;
mod solution;
mod text;

#[cfg(test)]
mod tests;

use std::path::Path;

use chrono::NaiveDate;

pub use solution::{load_solution, read_solution, write_solution};

use crate::{Error, Instance, Result};

/// The Monday an imported horizon starts on (day 0): 2024-01-01.
pub const START: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!("2024-01-01 is a valid date"),
};

/// Parses the text of a Curtois–Qu instance file. `file_label` names the file in errors, and
/// its stem names the instance (`"data/Instance1.txt"` → `Instance1`).
///
/// Comment lines (`#`) and blank lines are skipped anywhere; sections may come in any order.
///
/// # Errors
/// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for the first malformed line: an unknown or
/// repeated section keyword, data before the first section, a wrong number of fields, a
/// non-integer or out-of-range number. [`ErrorKind::Invalid`](crate::ErrorKind::Invalid) listing
/// every content problem: a missing section, a horizon that is not whole weeks, an unknown or
/// repeated shift or employee id, a day outside the horizon, a repeated cover line. Each problem
/// names its section as `path` and its line and column.
pub fn parse(text: &str, file_label: &str) -> Result<Instance> {
    import::parse(text, Path::new(file_label))
}

/// Reads and parses a Curtois–Qu instance file, see [`parse`].
///
/// # Errors
/// An I/O error if the file cannot be read, else as [`parse`].
pub fn load(path: &Path) -> Result<Instance> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(path, e.into()))?;
    import::parse(&text, path)
}
