//! The best reading of a grid: a grid CSV names only the shift type of each pass, so the skill
//! a pass is worked in, and whether it is a resource shift, are chosen here — each pass gets the
//! reading that makes the roster cheapest, as a planner reading the grid would assume.
//!
//! Starting from [`default_task`](super::default_task), every pass tries the other tasks of its
//! shift type the employee is eligible for, regular or resource, keeping a change only when the
//! score improves, until no pass improves. Which passes exist (who works which shift on which
//! day) never changes.

use crate::eval::{Change, State};
use crate::model::{Cell, EmployeeId, Instance, Roster, TaskId};

/// Rounds over all passes at most (each round strictly improves the score, so this is a cap).
const MAX_ROUNDS: usize = 20;

/// The cheapest reading of `roster`'s passes by skill and resource flag.
pub(super) fn best_reading(inst: &Instance, roster: Roster) -> Roster {
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
                    .filter(|&&c| c != current)
                    .map(|&cell| (state.delta(&[Change { e, day, cell }]), cell))
                    .min();
                if let Some((delta, cell)) = best {
                    if delta < crate::eval::Score::ZERO {
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
