//! Construction: a complete roster quickly, by greedy insertion against demand.
//!
//! Day by day, in random order (so that no part of the horizon is served first and the rest
//! left with spent hours and weekends), each under-covered task takes the eligible, still-free employee whose pass
//! improves the score most (all rules priced by the incremental evaluator), as long as it
//! improves at all. The local search then repairs and balances what greed leaves.
//!
//! Greed works on a [`relaxed`] copy of the instance where the hours band is soft: with the band
//! hard, every hour short of it is a hard unit, so a pass that breaks daily rest but fills eight
//! hours of the band would look like progress. Relaxed, no pass that breaks a hard rule is
//! ever added. A second pass, [`fill_band`], then gives employees still below their band the
//! passes that help most, again only where no other hard rule breaks.

use crate::eval::{Change, State};
use crate::model::{Cell, EmployeeId, Instance, Level, TaskId};
use crate::rng::Rng;
use crate::solver::domain::Domain;
use crate::solver::weighted;

/// Most employees tried per slot; keeps construction fast on thousands of staff.
const SAMPLE: usize = 40;

/// The instance with every employee's hours band (`contract_minutes`) soft, at a weight of one
/// per started hour, for construction.
pub(crate) fn relaxed(inst: &Instance) -> Instance {
    let mut relaxed = inst.clone();
    for emp in &mut relaxed.employees {
        if let Some(band) = &mut emp.contract.contract_minutes {
            band.level = Level::Soft(1);
        }
    }
    relaxed
}

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

/// Gives each employee below the minimum of their hours band the pass that improves the real
/// score most on each free day off (days in random order), as long as it improves it and breaks
/// no hard rule of the `relaxed` instance (whose state is kept in step).
pub(crate) fn fill_band(real: &mut State, relaxed: &mut State, dom: &Domain, rng: &mut Rng, hard_weight: i64) {
    let inst = real.instance();
    let mut days: Vec<usize> = (0..inst.days()).collect();
    for (i, emp) in inst.employees.iter().enumerate() {
        let e = EmployeeId(i as u16);
        let Some(band) = emp.contract.contract_minutes.as_ref().filter(|b| b.level == Level::Hard) else { continue };
        rng.shuffle(&mut days);
        for &day in &days {
            if real.paid_minutes(e) >= band.value.min {
                break;
            }
            if !dom.is_free(e, day) || real.roster().get(e, day).is_work() {
                continue;
            }
            let mut best: Option<(i64, Cell)> = None;
            for &cell in dom.candidates(e) {
                let change = [Change { e, day, cell }];
                if relaxed.delta(&change).hard > 0 {
                    continue;
                }
                let d = weighted(real.delta(&change), hard_weight);
                if d < 0 && best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, cell));
                }
            }
            if let Some((_, cell)) = best {
                real.apply(&[Change { e, day, cell }]);
                relaxed.apply(&[Change { e, day, cell }]);
            }
        }
    }
}
