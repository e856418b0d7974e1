//! Construction: a complete roster quickly, by greedy insertion against demand.
//!
//! Day by day, in random order (so that no part of the horizon is served first and the rest
//! left with spent hours and weekends), each under-covered task takes the eligible, still-free employee whose pass
//! improves the score most (all rules priced by the incremental evaluator), as long as it
//! improves at all. The local search then repairs and balances what greed leaves.

use crate::eval::{Change, State};
use crate::model::{Cell, EmployeeId, TaskId};
use crate::rng::Rng;
use crate::solver::domain::Domain;
use crate::solver::weighted;

/// Most employees tried per slot; keeps construction fast on thousands of staff.
const SAMPLE: usize = 40;

/// Fills demand greedily into `state`.
pub(crate) fn greedy(state: &mut State, dom: &Domain, rng: &mut Rng, hard_weight: i64) {
    let inst = state.instance();
    let n = inst.employees.len();
    let mut tasks: Vec<TaskId> = (0..inst.tasks.len()).map(|t| TaskId(t as u16)).collect();
    let mut pool: Vec<EmployeeId> = Vec::with_capacity(n);
    let mut days: Vec<usize> = (0..inst.days()).collect();
    rng.shuffle(&mut days);
    for day in days {
        rng.shuffle(&mut tasks);
        // Scarce tasks first: those few employees can work.
        for &t in &tasks {
            let target = inst.demand(day, t).target;
            let cell = Cell::work(t, false);
            pool.clear();
            pool.extend(
                (0..n)
                    .map(|e| EmployeeId(e as u16))
                    .filter(|&e| dom.allows(e, cell) && dom.is_free(e, day) && !state.roster().get(e, day).is_work()),
            );
            rng.shuffle(&mut pool);
            while state.cover_count(day, t) < target && !pool.is_empty() {
                let mut best: Option<(i64, usize)> = None;
                for (i, &e) in pool.iter().take(SAMPLE).enumerate() {
                    let d = weighted(state.delta(&[Change { e, day, cell }]), hard_weight);
                    if d < 0 && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, i));
                    }
                }
                let Some((_, i)) = best else { break };
                let e = pool.swap_remove(i);
                state.apply(&[Change { e, day, cell }]);
            }
        }
    }
}
