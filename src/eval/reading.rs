//! The best reading of a roster's passes: which task (skill) of its shift type each pass is
//! worked in, and whether it is a resource shift, chosen to make the roster cheapest. A grid
//! CSV names only shift types, so its reader picks this reading, as a planner reading the grid
//! would assume; whole-line column generation picks its passes' tasks by prices and settles
//! them here.
//!
//! Every pass tries the other tasks of its shift type the employee is eligible for, regular or
//! resource, keeping a change only when the score improves, until no pass improves. Which
//! passes exist (who works which shift on which day) never changes.

use super::{Change, State};
use crate::model::{Cell, EmployeeId, Instance, Roster, TaskId};

/// Rounds over all passes at most (each round strictly improves the score, so this is a cap).
const MAX_ROUNDS: usize = 20;

/// The cheapest reading of `roster`'s passes by skill and resource flag, changing a pass only
/// to a cell `may` allows for its employee and day.
pub(crate) fn best_reading(inst: &Instance, roster: Roster, may: &dyn Fn(EmployeeId, usize, Cell) -> bool) -> Roster {
    let mut state = State::new(inst, roster);
    let mut alternatives: Vec<Cell> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut improved = false;
        for e in (0..inst.employees.len()).map(|e| EmployeeId(e as u16)) {
            for day in 0..inst.days() {
                let current = state.roster().get(e, day);
                let Some(task) = current.task() else { continue };
                let shift = inst.tasks[task.idx()].shift;
                alternatives.clear();
                for t in (0..inst.tasks.len()).map(|t| TaskId(t as u16)) {
                    if inst.tasks[t.idx()].shift != shift || !inst.is_eligible(e, t) {
                        continue;
                    }
                    alternatives.push(Cell::work(t, false));
                    if inst.rules.resource_shifts {
                        alternatives.push(Cell::work(t, true));
                    }
                }
                let best = alternatives
                    .iter()
                    .filter(|&&c| c != current && may(e, day, c))
                    .map(|&cell| (state.delta(&[Change { e, day, cell }]), cell))
                    .min();
                if let Some((delta, cell)) = best {
                    if delta < super::Score::ZERO {
                        state.apply(&[Change { e, day, cell }]);
                        improved = true;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
    state.roster().clone()
}
