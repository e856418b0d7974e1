//! A counting bound: a lower bound on the soft cost that keeps what the LP relaxation loses,
//! the rounding of every employee's hours to whole passes and started hours.
//!
//! The roster problem is relaxed to *how many* passes of each shift type each employee works:
//! * each employee's line costs at least the least cost of any line with those counts
//!   ([`lines::line_costs`]: per-cell costs, per-week rules judged on the week alone, and the
//!   period's hours, weekends and counts judged exactly);
//! * cover costs at least the cheapest spread of the counted passes over the days and skills
//!   of their shift type ([`cover::CoverCurve`]);
//! * a resource shift is a pass that cover does not count, at its cheapest resource cost.
//!
//! The least total over all employees is found by dynamic programming over the total count of
//! each shift type, inside a box of counts. Outside the box the LP relaxation, with the count
//! of one shift type pushed past the box's side, already proves the ceiling (the best roster
//! known), so the box is widened until that holds for every side.

mod cover;
mod lines;

use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::build::build;
use super::exact::relaxation_optimum;
use super::formulation::{add, konst};
use crate::model::{Cell, EmployeeId, Instance, ShiftId};
use cover::CoverCurve;

/// Shift types a count vector holds, at most (instances with more get no counting bound).
const MAX_SHIFTS: usize = 8;
/// Count vectors of every possible total, at most, for the box to be all of them (no LP).
const SMALL_BOX: usize = 100_000;
/// Count vectors of the box, at most.
const MAX_BOX: usize = 3_000_000;

/// Passes per shift type.
type Counts = [u16; MAX_SHIFTS];

/// A lower bound on the soft cost of every roster of `inst` without hard breaches, at most
/// `ceiling` (a roster's known cost): when it equals `ceiling`, that roster is optimal.
/// `None` when the instance is too large for it or `deadline` passes first.
pub fn counting_bound(inst: &Instance, ceiling: i64, deadline: Instant) -> Option<i64> {
    let shifts = inst.shifts.len();
    if shifts == 0 || shifts > MAX_SHIFTS || inst.weekends() > 64 {
        return None;
    }
    let lines: Vec<_> = (0..inst.employees.len())
        .into_par_iter()
        .map(|e| lines::line_costs(inst, EmployeeId(e as u16), deadline))
        .collect::<Option<_>>()?;
    // No total can exceed what every line at its most of each shift type adds up to.
    let most: Vec<usize> =
        (0..shifts).map(|s| lines.iter().map(|l| l.keys().map(|c| c[s] as usize).max().unwrap_or(0)).sum()).collect();
    let curves: Vec<CoverCurve> = (0..shifts).map(|s| CoverCurve::new(inst, ShiftId(s as u16))).collect();
    let whole = most.iter().try_fold(1usize, |n, &m| n.checked_mul(m + 1));
    let (low, high) = if whole.is_some_and(|n| n <= SMALL_BOX) {
        (vec![0; shifts], most)
    } else {
        count_box(inst, &curves, &most, ceiling, deadline)?
    };
    let dims: Vec<usize> = high.iter().map(|&h| h + 1).collect();
    if dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).is_none_or(|n| n > MAX_BOX) {
        return None;
    }
    let grid = Grid::new(dims);
    let costs: Vec<Vec<i64>> = lines.iter().map(|l| grid.fill(l, &resource_costs(inst))).collect();
    let least = grid.least_total(&costs, ceiling, deadline)?;
    let mut best = ceiling;
    for (m, &v) in least.iter().enumerate() {
        if v >= best {
            continue;
        }
        let n = grid.counts(m);
        if (0..grid.dims.len()).all(|s| n[s] as usize >= low[s]) {
            let cover: i64 = curves.iter().enumerate().map(|(s, c)| c.cost(n[s] as usize)).sum();
            best = best.min(v + cover);
        }
    }
    Some(best)
}

/// Per shift type: the least cost of making one pass a resource shift, `None` when resource
/// shifts are off.
fn resource_costs(inst: &Instance) -> Vec<Option<i64>> {
    let tasks = inst.tasks.len();
    (0..inst.shifts.len())
        .map(|s| {
            let cheapest = (0..inst.days())
                .flat_map(|d| (0..tasks).map(move |t| (d, t)))
                .filter(|&(_, t)| inst.tasks[t].shift.idx() == s)
                .map(|(d, t)| inst.resource_cost[d * tasks + t] as i64)
                .min();
            cheapest.filter(|_| inst.rules.resource_shifts)
        })
        .collect()
}

/// The box of total counts per shift type, `(low, high)`, outside which the LP relaxation
/// proves `ceiling`: starting at each cover curve's cheapest count, each side moves out (by
/// doubling steps) until the LP with the count pushed past it reaches the ceiling, or the
/// side reaches 0 or `most`, the largest total possible.
fn count_box(
    inst: &Instance,
    curves: &[CoverCurve],
    most: &[usize],
    ceiling: i64,
    deadline: Instant,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let (mut low, mut high) = (Vec::new(), Vec::new());
    for (s, curve) in curves.iter().enumerate() {
        let (shift, most) = (ShiftId(s as u16), most[s]);
        let start = curve.cheapest().min(most);
        let mut hi = start;
        let mut step = 1;
        while hi < most && lp_with_count(inst, shift, Some(hi + 1), None, deadline)? < ceiling as f64 {
            hi = (hi + step).min(most);
            step *= 2;
        }
        let mut lo = start;
        let mut step = 1;
        while lo > 0 && lp_with_count(inst, shift, None, Some(lo - 1), deadline)? < ceiling as f64 {
            lo = lo.saturating_sub(step);
            step *= 2;
        }
        low.push(lo);
        high.push(hi);
    }
    Some((low, high))
}

/// The LP relaxation's optimum (rounded up) with the regular passes of `shift` at least
/// `at_least` and at most `at_most`; infinite when infeasible, `None` when not solved in time.
fn lp_with_count(
    inst: &Instance,
    shift: ShiftId,
    at_least: Option<usize>,
    at_most: Option<usize>,
    deadline: Instant,
) -> Option<f64> {
    let left = deadline.checked_duration_since(Instant::now()).filter(|d| *d > Duration::ZERO)?;
    let mut f = build(inst, true, &|_, _| None);
    let mut count = konst(0.0);
    for e in 0..inst.employees.len() {
        for d in 0..inst.days() {
            for t in (0..inst.tasks.len()).filter(|&t| inst.tasks[t].shift == shift) {
                let cell = Cell::work(crate::model::TaskId(t as u16), false);
                add(&mut count, 1.0, &f.holds(EmployeeId(e as u16), d as i32, cell));
            }
        }
    }
    if let Some(n) = at_least {
        f.at_most(konst(0.0) - count.clone(), -(n as f64));
    }
    if let Some(n) = at_most {
        f.at_most(count, n as f64);
    }
    relaxation_optimum(&mut f, Some(left))
}

/// Count vectors inside the box, in mixed radix (shift 0 fastest).
struct Grid {
    dims: Vec<usize>,
    strides: Vec<usize>,
    size: usize,
}

impl Grid {
    fn new(dims: Vec<usize>) -> Self {
        let mut strides = Vec::with_capacity(dims.len());
        let mut size = 1;
        for &d in &dims {
            strides.push(size);
            size *= d;
        }
        Grid { dims, strides, size }
    }

    fn counts(&self, mut i: usize) -> Counts {
        let mut c = [0; MAX_SHIFTS];
        for (s, &d) in self.dims.iter().enumerate() {
            c[s] = (i % d) as u16;
            i /= d;
        }
        c
    }

    fn index(&self, c: &Counts) -> usize {
        self.strides.iter().enumerate().map(|(s, &st)| c[s] as usize * st).sum()
    }

    /// One employee's least cost per counted vector inside the box. Passes beyond the box are
    /// resource shifts at their cheapest cost (or the line is dropped without resource shifts);
    /// then any pass may become a resource shift (the least over all larger vectors).
    fn fill(&self, line: &FxHashMap<Counts, i64>, resource: &[Option<i64>]) -> Vec<i64> {
        let mut out = vec![i64::MAX; self.size];
        'lines: for (c, &cost) in line {
            let (mut n, mut cost) = (*c, cost);
            for s in 0..self.dims.len() {
                let over = (c[s] as usize).saturating_sub(self.dims[s] - 1);
                if over > 0 {
                    let Some(r) = resource[s] else { continue 'lines };
                    n[s] -= over as u16;
                    cost += over as i64 * r;
                }
            }
            let slot = &mut out[self.index(&n)];
            *slot = (*slot).min(cost);
        }
        for (s, r) in resource.iter().enumerate() {
            let Some(r) = *r else { continue };
            let stride = self.strides[s];
            for i in (0..self.size).rev() {
                if (i / stride) % self.dims[s] + 1 < self.dims[s] && out[i + stride] != i64::MAX {
                    out[i] = out[i].min(out[i + stride] + r);
                }
            }
        }
        out
    }

    /// Least sum of the employees' costs for every total count vector inside the box; sums
    /// that cannot stay below `ceiling` are left out (`i64::MAX`).
    fn least_total(&self, costs: &[Vec<i64>], ceiling: i64, deadline: Instant) -> Option<Vec<i64>> {
        // rest[e]: the least the employees from e on can cost.
        let mut rest = vec![0i64; costs.len() + 1];
        for e in (0..costs.len()).rev() {
            rest[e] = rest[e + 1] + costs[e].iter().copied().min().unwrap_or(i64::MAX).min(ceiling);
        }
        let mut dp = vec![i64::MAX; self.size];
        dp[0] = 0;
        for (e, cost) in costs.iter().enumerate() {
            if Instant::now() > deadline {
                return None;
            }
            let limit = ceiling - rest[e + 1];
            let options: Vec<(usize, Counts, i64)> =
                cost.iter().enumerate().filter(|&(_, &v)| v < limit).map(|(i, &v)| (i, self.counts(i), v)).collect();
            // Options are in index order, and a vector inside the total has a smaller index.
            let k = self.dims.len();
            dp = (0..self.size)
                .into_par_iter()
                .map(|m| {
                    let total = self.counts(m);
                    let mut best = i64::MAX;
                    for (i, n, v) in &options {
                        if *i > m {
                            break;
                        }
                        let before = dp[m - i];
                        if before == i64::MAX || before + v >= best || (0..k).any(|s| n[s] > total[s]) {
                            continue;
                        }
                        best = before + v;
                    }
                    if best < limit {
                        best
                    } else {
                        i64::MAX
                    }
                })
                .collect();
        }
        Some(dp)
    }
}
