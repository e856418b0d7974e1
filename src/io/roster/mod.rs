//! Rosters on disk: the JSON document (`heltid.roster.v1`) and the grid CSV of
//! `docs/roster-format.md`, both written atomically.

mod file;
mod grid;
mod json;

use std::path::Path;

pub use file::{AssignmentDto, EmployeeOut, HorizonOut, ObjectiveDto, RosterFile, FORMAT};
pub use grid::{parse_grid, to_grid};
pub use json::{from_file, parse_json, to_file, to_json};

use crate::eval::Evaluation;
use crate::io::atomic::write_atomic;
use crate::model::{EmployeeId, Instance, Minute, Roster, ShiftId, TaskId};
use crate::{Error, ErrorKind, Result};

/// The two roster file forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterFormat {
    /// The JSON document.
    Json,
    /// The grid CSV.
    Grid,
}

impl RosterFormat {
    /// The form of a file: by extension (`.json`; `.csv`, `.tsv`, `.txt`), else by content (a
    /// document starts with `{`).
    pub fn detect(path: &Path, text: &str) -> RosterFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => RosterFormat::Json,
            Some("csv" | "tsv" | "txt") => RosterFormat::Grid,
            _ if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') => RosterFormat::Json,
            _ => RosterFormat::Grid,
        }
    }
}

/// Reads a roster of `inst` from a JSON document or a grid CSV (see [`RosterFormat::detect`]).
///
/// # Errors
/// An [`Error`] naming the file: unreadable, malformed (with line and column), or invalid for
/// the instance (every problem with its field path, or line and column).
pub fn read_roster(inst: &Instance, path: &Path) -> Result<Roster> {
    let bytes = std::fs::read(path).map_err(|e| Error::new(path, ErrorKind::Io(e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::syntax(path, "", None, format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let parsed = match RosterFormat::detect(path, text) {
        RosterFormat::Json => parse_json(inst, text),
        RosterFormat::Grid => parse_grid(inst, text),
    };
    parsed.map_err(|e| Error::new(path, e.kind))
}

/// Writes the JSON document of a roster (with its evaluation `eval`) atomically.
///
/// # Errors
/// An [`ErrorKind::Io`] error naming `path`.
pub fn write_roster_json(path: &Path, inst: &Instance, roster: &Roster, eval: &Evaluation) -> Result<()> {
    write_atomic(path, to_json(&to_file(inst, roster, eval)).as_bytes())
}

/// Writes the grid CSV of a roster atomically.
///
/// # Errors
/// An [`ErrorKind::Io`] error naming `path`.
pub fn write_grid(path: &Path, inst: &Instance, roster: &Roster) -> Result<()> {
    write_atomic(path, to_grid(inst, roster).as_bytes())
}

/// The task a pass of `shift` on `day` is read as when the file does not name a skill: the
/// employee's first skill that may work a task of that shift (the task's skill is covered by
/// it), preferring a task with demand that day, then a task in that very skill, then the first
/// such task. If no skill of the
/// employee fits, any task of the shift is taken (the check then reports the eligibility
/// breach). `None` only when the shift type has no task at all.
pub fn default_task(inst: &Instance, e: EmployeeId, day: usize, shift: ShiftId) -> Option<TaskId> {
    let skills = &inst.employees[e.idx()].skills;
    (0..inst.tasks.len()).map(|t| TaskId(t as u16)).filter(|&t| inst.tasks[t.idx()].shift == shift).min_by_key(|&t| {
        let needed = inst.tasks[t.idx()].skill;
        let rank = skills.iter().position(|&s| inst.skill_covers(s, needed));
        let exact = rank.is_some_and(|r| skills[r] == needed);
        let d = (day < inst.days()).then(|| inst.demand(day, t));
        let wanted = d.is_some_and(|d| d.min > 0 || d.target > 0);
        (rank.unwrap_or(usize::MAX), !wanted, !exact, t.0)
    })
}

/// Paid minutes scheduled for an employee over the horizon.
pub fn paid_minutes(inst: &Instance, roster: &Roster, e: EmployeeId) -> Minute {
    if e.idx() >= roster.employees() {
        return 0;
    }
    roster
        .line(e)
        .iter()
        .enumerate()
        .take(inst.days())
        .filter_map(|(d, c)| c.task().map(|t| inst.times.paid(d as i32, inst.tasks[t.idx()].shift)))
        .sum()
}

#[cfg(test)]
mod tests;
