//! The JSON roster: [`Roster`] ⇄ [`RosterFile`] ⇄ text.

use chrono::{DateTime, NaiveDate};

use super::file::{AssignmentDto, EmployeeOut, HorizonOut, ObjectiveDto, RosterFile, FORMAT};
use super::{default_task, paid_minutes};
use crate::eval::Evaluation;
use crate::model::{Cell, EmployeeId, Instance, Minute, Roster, ShiftId};
use crate::{Error, ErrorKind, Problem, Result};

/// The roster document of a roster: every pass with its real times, per-employee totals and
/// the score from `eval` (the evaluation of this roster).
pub fn to_file(inst: &Instance, roster: &Roster, eval: &Evaluation) -> RosterFile {
    let times = &inst.times;
    let rfc3339 = |at: Minute| inst.horizon.datetime(at).to_rfc3339();
    let mut employees = Vec::with_capacity(inst.employees.len());
    let mut assignments = Vec::new();
    for (i, emp) in inst.employees.iter().enumerate() {
        let e = EmployeeId(i as u16);
        employees.push(EmployeeOut {
            id: emp.id.clone(),
            name: emp.name.clone(),
            employer: inst.municipalities[emp.employer.idx()].id.clone(),
            target_minutes: emp.target_minutes,
            scheduled_minutes: paid_minutes(inst, roster, e),
        });
        if i >= roster.employees() {
            continue;
        }
        for (d, cell) in roster.line(e).iter().enumerate().take(inst.days()) {
            let Some(task) = cell.task() else { continue };
            let t = inst.tasks[task.idx()];
            let day = d as i32;
            let site = &inst.sites[inst.shift_site(t.shift).idx()];
            assignments.push(AssignmentDto {
                employee: emp.id.clone(),
                date: inst.date(day).to_string(),
                shift: inst.shifts[t.shift.idx()].id.clone(),
                skill: Some(inst.skills[t.skill.idx()].id.clone()),
                site: Some(site.id.clone()),
                municipality: Some(inst.municipalities[site.municipality.idx()].id.clone()),
                start: Some(rfc3339(times.start(day, t.shift))),
                end: Some(rfc3339(times.end(day, t.shift))),
                paid_minutes: Some(times.paid(day, t.shift)),
                resource: cell.is_resource(),
            });
        }
    }
    RosterFile {
        format: FORMAT.to_string(),
        instance: inst.name.clone(),
        timezone: inst.horizon.tz().name().to_string(),
        horizon: HorizonOut { start: inst.horizon.start().to_string(), days: inst.days() as u16 },
        employees,
        assignments,
        objective: ObjectiveDto {
            feasible: eval.score.is_feasible(),
            hard_violations: eval.hard_violations(),
            soft: eval.score.soft,
            terms: eval.soft_by_rule().into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        },
        lower_bound: None,
    }
}

/// The JSON text of a roster document (pretty-printed, ending in a newline).
pub fn to_json(file: &RosterFile) -> String {
    // Plain data with string keys: serialising cannot fail.
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

/// Parses roster JSON text and turns it into a [`Roster`] of `inst`.
///
/// # Errors
/// [`ErrorKind::Syntax`] with line and column for malformed JSON, [`ErrorKind::Invalid`] listing
/// every problem of [`from_file`]. The error's file is empty: the caller names it.
pub fn parse_json(inst: &Instance, text: &str) -> Result<Roster> {
    let file: RosterFile = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = match msg.rfind(" at line ") {
            Some(i) => msg[..i].to_string(),
            None => msg,
        };
        Error::syntax("", "", Some((e.line(), e.column())), msg)
    })?;
    from_file(inst, &file)
}

/// Turns a roster document into a [`Roster`] of `inst`.
///
/// Fields derived from the instance (site, municipality, start, end, paid minutes) are checked
/// when present; a missing `skill` is chosen as for a grid cell ([`default_task`]).
///
/// # Errors
/// [`ErrorKind::Invalid`] listing every problem, each with its field path
/// (`assignments[12].shift`): a wrong format, a horizon or time zone other than the instance's,
/// an unknown employee, shift type or skill, a date outside the horizon, a derived field that
/// disagrees with the instance, or two passes on one day for one employee.
pub fn from_file(inst: &Instance, file: &RosterFile) -> Result<Roster> {
    let mut problems = Vec::new();
    let mut problem = |path: String, message: String| problems.push(Problem { path, position: None, message });
    if file.format != FORMAT {
        problem("format".into(), format!("{:?} is not a known roster format; expected {FORMAT:?}", file.format));
    }
    let tz = inst.horizon.tz().name();
    if !file.timezone.is_empty() && file.timezone != tz {
        problem("timezone".into(), format!("the roster is in {}, the instance in {tz}", file.timezone));
    }
    let start = inst.horizon.start().to_string();
    if !file.horizon.start.is_empty() && file.horizon.start != start {
        problem("horizon.start".into(), format!("the roster starts {}, the instance {start}", file.horizon.start));
    }
    if file.horizon.days != 0 && file.horizon.days as usize != inst.days() {
        problem(
            "horizon.days".into(),
            format!("the roster has {} days, the instance {}", file.horizon.days, inst.days()),
        );
    }
    for (i, emp) in file.employees.iter().enumerate() {
        if inst.employee_by_id(&emp.id).is_none() {
            problem(format!("employees[{i}].id"), format!("unknown employee {:?}", emp.id));
        }
    }
    let days = inst.days();
    let last = inst.date(days as i32 - 1);
    let mut roster = Roster::empty(inst);
    let mut first_of_day: Vec<Option<usize>> = vec![None; inst.employees.len() * days];
    for (i, a) in file.assignments.iter().enumerate() {
        let at = |field: &str| format!("assignments[{i}].{field}");
        let e = inst.employee_by_id(&a.employee);
        if e.is_none() {
            problem(at("employee"), format!("unknown employee {:?}", a.employee));
        }
        let day = match NaiveDate::parse_from_str(&a.date, "%Y-%m-%d") {
            Err(_) => {
                problem(at("date"), format!("{:?} is not a date (YYYY-MM-DD)", a.date));
                None
            }
            Ok(date) => {
                let day = inst.horizon.day_of(date);
                if !inst.horizon.contains(day) {
                    problem(at("date"), format!("{date} is outside the horizon ({start} to {last})"));
                    None
                } else {
                    Some(day)
                }
            }
        };
        let shift = inst.shift_by_id(&a.shift);
        if shift.is_none() {
            problem(at("shift"), format!("unknown shift type {:?}", a.shift));
        }
        let (Some(e), Some(day), Some(shift)) = (e, day, shift) else { continue };
        let task = match &a.skill {
            Some(id) => match inst.skill_by_id(id) {
                None => {
                    problem(at("skill"), format!("unknown skill {id:?}"));
                    None
                }
                Some(skill) => {
                    let task = inst.task_of(shift, skill);
                    if task.is_none() {
                        problem(
                            at("skill"),
                            format!("shift type {:?} is never worked as {id:?} in this instance", a.shift),
                        );
                    }
                    task
                }
            },
            None => {
                let task = default_task(inst, e, day as usize, shift);
                if task.is_none() {
                    problem(at("shift"), format!("shift type {:?} has no task in this instance", a.shift));
                }
                task
            }
        };
        for m in derived_mismatches(inst, a, day, shift) {
            problem(at(m.0), m.1);
        }
        let slot = e.idx() * days + day as usize;
        match first_of_day[slot] {
            Some(j) => problem(
                format!("assignments[{i}]"),
                format!(
                    "employee {:?} already has a pass on {} (assignments[{j}]); one pass per day",
                    a.employee, a.date
                ),
            ),
            None => first_of_day[slot] = Some(i),
        }
        if let Some(task) = task {
            roster.set(e, day as usize, Cell::work(task, a.resource));
        }
    }
    if problems.is_empty() {
        Ok(roster)
    } else {
        Err(Error::new("", ErrorKind::Invalid(problems)))
    }
}

/// Derived fields present in `a` that disagree with the instance: (field, what is wrong).
fn derived_mismatches(inst: &Instance, a: &AssignmentDto, day: i32, shift: ShiftId) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let s = &inst.shifts[shift.idx()];
    let site = &inst.sites[s.site.idx()];
    let muni = &inst.municipalities[site.municipality.idx()];
    if let Some(x) = a.site.as_ref().filter(|x| **x != site.id) {
        out.push(("site", format!("shift type {:?} is worked at {:?}, not {x:?}", s.id, site.id)));
    }
    if let Some(x) = a.municipality.as_ref().filter(|x| **x != muni.id) {
        out.push(("municipality", format!("site {:?} belongs to {:?}, not {x:?}", site.id, muni.id)));
    }
    let times = &inst.times;
    for (field, given, at) in [("start", &a.start, times.start(day, shift)), ("end", &a.end, times.end(day, shift))] {
        let Some(given) = given else { continue };
        let expected = inst.horizon.datetime(at);
        match DateTime::parse_from_rfc3339(given) {
            Err(_) => out.push((field, format!("{given:?} is not an RFC 3339 date-time"))),
            Ok(t) if t != expected => out.push((
                field,
                format!(
                    "{given} disagrees with the instance: {} on {} {field}s {}",
                    s.id,
                    a.date,
                    expected.to_rfc3339()
                ),
            )),
            Ok(_) => {}
        }
    }
    if let Some(p) = a.paid_minutes.filter(|&p| p != times.paid(day, shift)) {
        out.push((
            "paid_minutes",
            format!("{p} disagrees with the instance: {} on {} is paid {} min", s.id, a.date, times.paid(day, shift)),
        ));
    }
    out
}
