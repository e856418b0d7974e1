//! Rules on single cells (lock, absence, eligibility, travel, resource cost, wishes) as costs
//! of the assignment binaries, and the passes-per-type limit as a sum.

use super::formulation::{self, konst, Formulation, Slot};
use crate::model::{Cell, Day, EmployeeId, Level, ShiftId, WishKind};
use crate::rules::unavailable;

/// Hard breaches and soft cost of putting `cell` on day `d`, as the engine's per-cell rules and
/// wishes count them.
fn cell_cost(f: &Formulation, e: EmployeeId, d: usize, cell: Cell) -> (bool, i64) {
    let inst = f.inst;
    let emp = &inst.employees[e.idx()];
    let rules = &inst.rules;
    let mut hard = false;
    let mut soft = 0i64;
    let mut charge = |level: Level, units: i64| match level {
        Level::Hard => hard |= units > 0,
        Level::Soft(w) => soft += w as i64 * units,
    };
    if let Some(lock) = emp.locked[d] {
        if lock != cell {
            charge(rules.locked, 1);
        }
    }
    let shift = cell.task().map(|t| inst.tasks[t.idx()].shift);
    if let Some(task) = cell.task() {
        if unavailable(inst, emp, d as Day, inst.tasks[task.idx()].shift) {
            charge(rules.unavailable, 1);
        }
        if !inst.is_eligible(e, task) {
            charge(rules.eligibility, 1);
        }
        if let Some(weight) = rules.split_shift_weight.filter(|_| inst.task_shift(task).is_split()) {
            charge(Level::Soft(weight), 1);
        }
        if let Some(weight) = rules.travel_weight {
            let site = inst.shift_site(inst.tasks[task.idx()].shift);
            charge(Level::Soft(weight), inst.travel_minutes(emp.sites[0], site) as i64);
        }
        if cell.is_resource() {
            charge(Level::Soft(1), inst.resource_cost[d * inst.tasks.len() + task.idx()] as i64);
        }
    }
    for wish in emp.wishes.iter().filter(|w| w.day == d as i32) {
        let broken = match wish.kind {
            WishKind::WantShift(s) => shift != Some(s),
            WishKind::AvoidShift(s) => shift == Some(s),
            WishKind::WantOff => shift.is_some(),
        };
        if broken {
            charge(Level::Soft(wish.weight), 1);
        }
    }
    (hard, soft)
}

/// Per-cell costs of one employee: the cost of a day off, plus for each candidate cell the
/// difference to it; a candidate that breaks a hard per-cell rule is ruled out.
pub(super) fn add(f: &mut Formulation, e: EmployeeId) {
    for d in 0..f.days() {
        match f.slot(e, d).clone() {
            Slot::Fixed(cell) => {
                let (hard, soft) = cell_cost(f, e, d, cell);
                f.infeasible |= hard;
                f.cost(soft as f64, konst(1.0));
            }
            Slot::Free(choices) => {
                let (off_hard, off_soft) = cell_cost(f, e, d, Cell::OFF);
                f.cost(off_soft as f64, konst(1.0));
                let mut works = konst(0.0);
                for (cell, v) in choices {
                    works.add_mul(1.0, v);
                    let (hard, soft) = cell_cost(f, e, d, cell);
                    if hard {
                        f.at_most(v.into(), 0.0);
                    }
                    f.cost((soft - off_soft) as f64, v.into());
                }
                if off_hard {
                    // A day off breaks a hard rule (a hard lock the domain did not fix): work.
                    f.at_most(-works, -1.0);
                }
            }
        }
    }
    max_shifts_per_type(f, e);
}

/// Passes of each shift type over the period, at most the limit.
fn max_shifts_per_type(f: &mut Formulation, e: EmployeeId) {
    let Some(limit) = f.inst.employees[e.idx()].contract.max_shifts_per_type.clone() else { return };
    for (s, &max) in limit.value.iter().enumerate() {
        if max as usize >= f.days() {
            continue; // cannot be reached in the horizon
        }
        let mut count = konst(0.0);
        for d in 0..f.days() {
            formulation::add(&mut count, 1.0, &f.on(e, d as i32, ShiftId(s as u16)));
        }
        f.limit_units(limit.level, count, max as f64);
    }
}
