//! Checks on the built instance, before any search: what no roster can mend (locked passes that
//! break a hard rule whatever the rest of the line holds, a clock time that the spring DST
//! change skips) and what is probably a slip (a consented site with no travel time given).

use chrono::{LocalResult, TimeZone};

use super::problem;
use crate::eval::describe;
use crate::io::dto::InstanceFile;
use crate::model::*;
use crate::rules::{window_terms, Line, RuleId};
use crate::Problem;

/// Errors: shift times inside a DST gap, and locks that force a hard breach.
pub(super) fn errors(inst: &Instance) -> Vec<Problem> {
    let mut out = dst_gaps(inst);
    out.extend(forced_by_locks(inst));
    out
}

/// A shift type whose start or end clock time does not exist on some day of the horizon (or its
/// history): the spring change skips 02:00–03:00, and a pass there would silently move.
fn dst_gaps(inst: &Instance) -> Vec<Problem> {
    let h = &inst.horizon;
    let mut out = Vec::new();
    for (i, s) in inst.shifts.iter().enumerate() {
        for (field, time) in [("start", s.start), ("end", s.end)] {
            let first = -(inst.history_days as Day);
            let gap = (first..=inst.days() as Day)
                .map(|d| h.date(d))
                .find(|date| matches!(h.tz().from_local_datetime(&date.and_time(time)), LocalResult::None));
            if let Some(date) = gap {
                out.push(problem(
                    format!("shifts[{i}].{field}"),
                    format!(
                        "shift type {:?} {field}s at {}, a time that does not exist on {date} (the clocks jump \
                         an hour forward); move it out of the skipped hour",
                        s.id,
                        time.format("%H:%M")
                    ),
                ));
            }
        }
    }
    out
}

/// Hard rules that more passes can only break further (rest, work per 24 h and per week, runs,
/// successions, absences, eligibility, weekends): if the locked passes and the history break one
/// on a line that is off everywhere else, every roster breaks it.
fn monotone(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::DailyRest
            | RuleId::WeeklyRest
            | RuleId::MaxDailyWork
            | RuleId::HeavyNightWork
            | RuleId::MaxWeeklyWork
            | RuleId::MaxConsecutiveDays
            | RuleId::ForbiddenSuccession
            | RuleId::Unavailable
            | RuleId::Eligibility
    )
}

/// One error per employee whose locked passes break a hard rule on their own.
fn forced_by_locks(inst: &Instance) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, emp) in inst.employees.iter().enumerate() {
        if !emp.locked.iter().any(|l| l.is_some_and(|c| c.is_work())) {
            continue;
        }
        let cells: Vec<Cell> = emp.locked.iter().map(|l| l.unwrap_or(Cell::OFF)).collect();
        let line = Line { inst, e: EmployeeId(i as u16), emp, cells: &cells };
        let mut why = Vec::new();
        window_terms(&line, 0, inst.days() as Day - 1, &mut |t| {
            if t.hard() > 0 && monotone(t.rule) {
                why.push(format!("{}: {}", t.rule.name(), describe(inst, &t)));
            }
        });
        if !why.is_empty() {
            out.push(problem(
                format!("staff[{i}].locked"),
                format!(
                    "the locked passes of {:?} break a hard rule whatever else the roster holds: {}",
                    emp.id,
                    why.join("; ")
                ),
            ));
        }
    }
    out
}

/// Warnings: a site an employee consented to work at with no travel time from their home site.
pub(super) fn warnings(file: &InstanceFile, inst: &Instance) -> Vec<Problem> {
    let given = |a: &str, b: &str| file.travel.iter().any(|t| (t.from == a && t.to == b) || (t.from == b && t.to == a));
    let mut out = Vec::new();
    for (i, emp) in inst.employees.iter().enumerate() {
        let home = &inst.sites[emp.sites[0].idx()].id;
        for (j, site) in emp.sites.iter().enumerate().skip(1) {
            let id = &inst.sites[site.idx()].id;
            if id != home && !given(home, id) {
                out.push(problem(
                    format!("staff[{i}].sites[{j}]"),
                    format!(
                        "no travel time is given between {:?}'s home site {home:?} and {id:?}: it counts as 0 minutes \
                         away; add a [[travel]] entry",
                        emp.id
                    ),
                ));
            }
        }
    }
    out
}
