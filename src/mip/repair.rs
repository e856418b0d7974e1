//! MIP repair: a neighbourhood for large-neighbourhood search. Everything outside a window of
//! employees × days stays as it is; inside, the cells are re-optimised exactly.

use std::ops::Range;
use std::time::Duration;

use super::exact::solve_fixed;
use super::{Backend, Status};
use crate::model::{EmployeeId, Instance, Roster};

/// The best roster that agrees with `roster` outside `employees × days`, or `None` when the
/// solver found none in `time_limit` (or every such roster breaks a hard rule, e.g. because
/// `roster` breaks one outside the window). `roster` is the solver's starting point, so when it
/// has no hard breach the result is never worse than it; when the solve ends before the time
/// limit the window is proven optimal.
pub fn repair(
    inst: &Instance,
    roster: &Roster,
    employees: &[EmployeeId],
    days: Range<usize>,
    time_limit: Duration,
) -> Option<Roster> {
    if roster.employees() != inst.employees.len() || roster.days() != inst.days() {
        return None;
    }
    let fix = |e: EmployeeId, d: usize| {
        if employees.contains(&e) && days.contains(&d) {
            None
        } else {
            Some(roster.get(e, d))
        }
    };
    let result = solve_fixed(inst, Backend::default(), Some(time_limit), &fix, Some(roster));
    match result.status {
        Status::Optimal | Status::Feasible => result.roster,
        Status::Infeasible | Status::Unknown => None,
    }
}
