//! Rosters in the benchmark folder's TSV style: `#` header lines, then one line per employee,
//! `EmployeeID<TAB>day0<TAB>…<TAB>day(H-1)`, each cell a shift id or `-` for a day off.

use std::fmt::Write as _;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::text::{shorten, split, Ctx};
use crate::model::{Cell, EmployeeId, Instance, Roster, TaskId};
use crate::Result;

/// Problem path used for roster-file problems that concern no single employee.
const ROSTER: &str = "roster";

/// Reads a roster in the benchmark's TSV style for `inst`.
///
/// Lines starting with `#` and blank lines are skipped. Cells are separated by tabs (a line
/// without tabs may use commas, or blanks); `-`, `.` or an empty cell is a day off. A first row
/// starting with `employee` (a grid header) is skipped. Every employee of the instance must have
/// exactly one line with one cell per day.
///
/// # Errors
/// A syntax error for a line with the wrong number of cells; a content error listing every
/// unknown employee or shift id, repeated or missing employee.
pub fn read_solution(text: &str, inst: &Instance) -> Result<Roster> {
    read(text, inst, Path::new(""))
}

/// Reads a roster file in the benchmark's TSV style, see [`read_solution`].
///
/// # Errors
/// An I/O error if the file cannot be read, else as [`read_solution`], naming the file.
pub fn load_solution(path: &Path, inst: &Instance) -> Result<Roster> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::Error::new(path, e.into()))?;
    read(&text, inst, path)
}

fn read(text: &str, inst: &Instance, file: &Path) -> Result<Roster> {
    let mut ctx = Ctx::new(file);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let task_of: FxHashMap<&str, TaskId> = inst
        .tasks
        .iter()
        .enumerate()
        .rev() // the first task of a shift type wins
        .map(|(i, t)| (inst.shifts[t.shift.idx()].id.as_str(), TaskId(i as u16)))
        .collect();
    let mut roster = Roster::empty(inst);
    let mut line_of: Vec<Option<usize>> = vec![None; inst.employees.len()];
    let mut first_row = true;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.trim_end_matches(['\r', '\n']);
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let cells = if content.contains('\t') {
            split(content, '\t', line, 1)
        } else if content.contains(',') {
            split(content, ',', line, 1)
        } else {
            let col = content.len() - content.trim_start().len() + 1;
            split(content.trim(), ' ', line, col).into_iter().filter(|f| !f.text.is_empty()).collect()
        };
        let header = first_row && cells[0].text.eq_ignore_ascii_case("employee");
        first_row = false;
        if header {
            continue;
        }
        let id = cells[0];
        let Some(e) = inst.employee_by_id(id.text) else {
            ctx.invalid(ROSTER, id.pos(), format!("unknown employee `{}`", shorten(id.text)));
            continue;
        };
        if let Some(first) = line_of[e.idx()].replace(line) {
            ctx.invalid(id.text, id.pos(), format!("employee `{}` has a second line (first on line {first})", id.text));
            continue;
        }
        let mut days = &cells[1..];
        while days.len() > inst.days() && days.last().is_some_and(|c| c.text.is_empty()) {
            days = &days[..days.len() - 1];
        }
        if days.len() != inst.days() {
            return Err(ctx.syntax(
                id.text,
                id.pos(),
                format!("employee `{}` has {} day cells; the horizon has {} days", id.text, days.len(), inst.days()),
            ));
        }
        for (d, c) in days.iter().enumerate() {
            if matches!(c.text, "" | "-" | ".") {
                continue;
            }
            match task_of.get(c.text) {
                Some(&t) => roster.set(e, d, Cell::work(t, false)),
                None => ctx.invalid(id.text, c.pos(), format!("day {d}: unknown shift `{}`", shorten(c.text))),
            }
        }
    }
    for (e, seen) in line_of.iter().enumerate() {
        if seen.is_none() {
            ctx.invalid(ROSTER, None, format!("employee `{}` has no line", inst.employees[e].id));
        }
    }
    ctx.finish()?;
    Ok(roster)
}

/// Writes a roster in the benchmark's TSV style, readable by [`read_solution`] and by
/// `shared/tools/nrp_check.py`.
///
/// The first line is a `#` header with the instance name, the objective (the soft cost) and
/// its split into the benchmark's four terms, and the number of hard violations; then one line
/// per employee in instance order. A resource shift is written as its shift type.
pub fn write_solution(inst: &Instance, roster: &Roster) -> String {
    let ev = crate::eval::evaluate(inst, roster);
    let by_rule = ev.soft_by_rule();
    let term = |name: &str| by_rule.get(name).copied().unwrap_or(0);
    let mut out = format!(
        "# instance={} objective={} cover_under={} cover_over={} shift_on_requests={} shift_off_requests={} \
         hard_violations={}\n",
        inst.name,
        ev.score.soft,
        term("cover_under"),
        term("cover_over"),
        term("shift_on_requests"),
        term("shift_off_requests"),
        ev.hard_violations()
    );
    for (e, emp) in inst.employees.iter().enumerate() {
        out.push_str(&emp.id);
        for cell in roster.line(EmployeeId(e as u16)) {
            let id = cell.task().map_or("-", |t| inst.task_shift(t).id.as_str());
            let _ = write!(out, "\t{id}");
        }
        out.push('\n');
    }
    out
}
