//! Cover: regular passes of each task on each day against its demand, with one penalty per
//! weighted shortfall or surplus (resource shifts do not count).

use super::formulation::{add, konst, Formulation};
use crate::model::{Cell, EmployeeId, TaskId};

/// Cover terms of every day and task.
pub(super) fn add_all(f: &mut Formulation) {
    let inst = f.inst;
    for d in 0..f.days() {
        for t in 0..inst.tasks.len() {
            let task = TaskId(t as u16);
            let demand = *inst.demand(d, task);
            if demand.weight_min == 0 && demand.weight_under == 0 && demand.weight_over == 0 {
                continue;
            }
            let mut count = konst(0.0);
            for e in 0..inst.employees.len() {
                add(&mut count, 1.0, &f.holds(EmployeeId(e as u16), d as i32, Cell::work(task, false)));
            }
            let (min, target) = (demand.min as f64, demand.target as f64);
            f.penalty(demand.weight_min, vec![min - count.clone()]);
            f.penalty(demand.weight_under, vec![target - count.clone()]);
            f.penalty(demand.weight_over, vec![count - target]);
        }
    }
}
