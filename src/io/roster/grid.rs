//! The grid CSV: one row per employee, one column per day, a shift id or nothing in each cell.
//!
//! A grid cannot say which skill a pass is worked in, nor whether it is a resource shift: when
//! reading, each pass starts in [`default_task`]'s skill as a regular pass, and then gets the
//! reading that makes the roster cheapest ([`best_reading`](crate::eval::best_reading)).

use csv::{ReaderBuilder, StringRecord, Trim};

use super::default_task;
use crate::model::{Cell, EmployeeId, Instance, Roster};
use crate::{Error, ErrorKind, Problem, Result};

/// The grid CSV of a roster: a header `employee,2027-01-04,…`, then one row per employee in
/// instance order with the shift id worked each day (empty for a day off).
pub fn to_grid(inst: &Instance, roster: &Roster) -> String {
    let mut out = String::from("employee");
    for d in 0..inst.days() {
        out.push(',');
        out.push_str(&inst.date(d as i32).to_string());
    }
    out.push('\n');
    for (i, emp) in inst.employees.iter().enumerate().take(roster.employees()) {
        out.push_str(&quote(&emp.id));
        for cell in roster.line(EmployeeId(i as u16)).iter().take(inst.days()) {
            out.push(',');
            if let Some(t) = cell.task() {
                out.push_str(&quote(&inst.task_shift(t).id));
            }
        }
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it must be.
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with('#') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Parses a grid into a [`Roster`] of `inst`.
///
/// The header's day columns are the horizon's dates (`2027-01-04`) or day indices (`0`, `1`, …).
/// Rows may come in any order; an employee without a row has every day off. A cell holding `-`
/// is a day off too. Lines starting with `#` and blank lines are skipped; tab-separated grids
/// are read as well.
///
/// # Errors
/// Each pass is read in the skill (and as a regular or resource shift) that makes the roster
/// cheapest; see [`best_reading`](crate::eval::best_reading).
///
/// [`ErrorKind::Syntax`] for text that is not CSV; [`ErrorKind::Invalid`] listing every problem
/// with its line and column: a header that does not match the horizon, an unknown or repeated
/// employee, a row of the wrong length, an unknown shift type. The error's file is empty: the
/// caller names it.
pub fn parse_grid(inst: &Instance, text: &str) -> Result<Roster> {
    let first_line = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let tabs = first_line.is_some_and(|l| l.contains('\t') && !l.contains(','));
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .comment(Some(b'#'))
        .delimiter(if tabs { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let days = inst.days();
    let mut problems = Vec::new();
    let mut roster = Roster::empty(inst);
    let mut row_of: Vec<Option<u64>> = vec![None; inst.employees.len()];
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let pos = e.position().map(|p| (p.line() as usize, 1));
            Error::syntax("", "", pos, csv_message(&e))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let at =
            |col: usize, path: String, message: String| Problem { path, position: Some((line as usize, col)), message };
        let id = record.get(0).unwrap_or("");
        if std::mem::take(&mut first) && inst.employee_by_id(id).is_none() {
            check_header(inst, &record, line, &mut problems);
            continue;
        }
        let Some(e) = inst.employee_by_id(id) else {
            problems.push(at(1, "employee".into(), format!("unknown employee {id:?}")));
            continue;
        };
        if let Some(earlier) = row_of[e.idx()] {
            problems.push(at(1, "employee".into(), format!("employee {id:?} already has a row on line {earlier}")));
            continue;
        }
        row_of[e.idx()] = Some(line);
        if record.len() != days + 1 {
            problems.push(at(
                record.len(),
                "employee".into(),
                format!("the row of {id:?} has {} days; the horizon has {days}", record.len() - 1),
            ));
        }
        for (d, value) in record.iter().skip(1).enumerate().take(days) {
            if value.is_empty() || (value == "-" && inst.shift_by_id("-").is_none()) {
                continue;
            }
            let column = inst.date(d as i32).to_string();
            let Some(shift) = inst.shift_by_id(value) else {
                problems.push(at(d + 2, column, format!("unknown shift type {value:?}")));
                continue;
            };
            match default_task(inst, e, d, shift) {
                Some(task) => roster.set(e, d, Cell::work(task, false)),
                None => problems.push(at(d + 2, column, format!("shift type {value:?} has no task in this instance"))),
            }
        }
    }
    if first {
        problems.push(Problem {
            path: "header".into(),
            position: Some((1, 1)),
            message: "the grid is empty; expected a header `employee,<dates>` and a row per employee".into(),
        });
    }
    if problems.is_empty() {
        Ok(crate::eval::best_reading(inst, roster, &|_, _, _| true))
    } else {
        Err(Error::new("", ErrorKind::Invalid(problems)))
    }
}

/// Checks the header row: day columns are the horizon's dates or day indices, in order.
fn check_header(inst: &Instance, record: &StringRecord, line: u64, problems: &mut Vec<Problem>) {
    let days = inst.days();
    let at =
        |col: usize, message: String| Problem { path: "header".into(), position: Some((line as usize, col)), message };
    if record.len() != days + 1 {
        problems.push(at(
            record.len(),
            format!("the header has {} day columns; the horizon has {days} days", record.len() - 1),
        ));
    }
    for (d, value) in record.iter().skip(1).enumerate().take(days) {
        let date = inst.date(d as i32).to_string();
        if value != date && value.parse::<usize>() != Ok(d) {
            problems.push(at(d + 2, format!("{value:?} should be {date} (or day index {d})")));
        }
    }
}

/// A CSV error's message without the position the problem already carries.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the grid is not valid UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}
