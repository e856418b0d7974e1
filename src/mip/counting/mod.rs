//! A counting bound: a lower bound on the soft cost that keeps what the LP relaxation loses,
//! the rounding of every employee's hours to whole passes and started hours.
//!
//! The roster problem is relaxed to *how many* passes of each shift type each employee works:
//! * each employee's line costs at least the least cost of any line with those counts
//!   ([`lines::LineSpace`]: per-cell costs, per-week rules judged on the week alone, what a week
//!   boundary adds, and the period's hours, weekends and counts judged exactly);
//! * cover costs at least the cheapest spread of the counted passes over the days and skills
//!   of their shift type ([`cover::CoverCurve`]);
//! * a resource shift is a pass that cover does not count, at its cheapest resource cost.
//!
//! The least total over all employees is found by dynamic programming over the total count of
//! each shift type, inside a box of counts. Outside the box the LP relaxation, with the count
//! of one shift type pushed past the box's side, already proves the ceiling (the best roster
//! known), so the box is widened until that holds for every side.
//!
//! Counting per shift type lets two lines put their passes on days that cover cannot hold
//! together. A price per day and shift type (a Lagrangian multiplier of "the passes worked on
//! a day are the passes cover counts on it") is added to every line's pass and taken off every
//! pass cover counts: every roster costs the same, so every price vector gives a lower bound.
//! Subgradient ascent moves the prices toward the days the best relaxed solution overfills
//! or leaves short, keeping the best bound found. Costs are scaled by [`SCALE`] so that prices
//! can move in fractions of a cost unit while every sum stays an integer.

mod cover;
mod lines;

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::build::build;
use super::exact::relaxation_optimum;
use super::formulation::{add, konst};
use crate::model::{Cell, EmployeeId, Instance, ShiftId};
use cover::CoverCurve;
use lines::PricedLines;
pub(crate) use lines::{Counting, Limits, LineSpace};

/// Shift types a count vector holds, at most (instances with more get no counting bound).
const MAX_SHIFTS: usize = 8;
/// Count vectors of every possible total, at most, for the box to be all of them (no LP).
const SMALL_BOX: usize = 100_000;
/// Count vectors of the box, at most.
const MAX_BOX: usize = 3_000_000;
/// Every cost inside the bound is multiplied by this, so prices move in 1/SCALE of a unit (fine
/// enough that rounding each price moves a line's cost by far less than a unit over a year).
pub(crate) const SCALE: i64 = 1 << 16;
/// Subgradient steps without a better bound before the step size is halved.
const PATIENCE: usize = 10;
/// The step-size factor below which the ascent stops.
const SMALLEST_STEP: f64 = 1.0 / 256.0;
/// The ascent aims at the ceiling plus 1/TARGET_MARGIN of it.
const TARGET_MARGIN: i64 = 50;
/// Bounds the ascent computes, at most (the first one without prices).
const MAX_STEPS: usize = 400;

/// Passes per shift type.
type Counts = [u16; MAX_SHIFTS];

/// A lower bound on the soft cost of every roster of `inst` without hard breaches, at most
/// `ceiling` (a roster's known cost): when it equals `ceiling`, that roster is optimal. The
/// price ascent runs until it proves the ceiling, converges or `deadline` passes. `None` when
/// the instance is too large for it or `deadline` passes before the first bound.
pub fn counting_bound(inst: &Instance, ceiling: i64, deadline: Instant) -> Option<i64> {
    counting_bound_within(inst, ceiling, deadline, MAX_STEPS)
}

/// [`counting_bound`] with the ascent cut after `steps` bounds.
pub(super) fn counting_bound_within(inst: &Instance, ceiling: i64, deadline: Instant, steps: usize) -> Option<i64> {
    let shifts = inst.shifts.len();
    if !LineSpace::fits(inst) {
        return None;
    }
    let spaces: Vec<LineSpace> = (0..inst.employees.len())
        .into_par_iter()
        .map(|e| LineSpace::new(inst, EmployeeId(e as u16), Counting::EveryType, Limits::NONE, deadline))
        .collect::<Option<_>>()?;
    // No total can exceed what every line at its most of each shift type adds up to.
    let most: Vec<usize> = (0..shifts)
        .map(|s| spaces.iter().map(|l| l.counts().iter().map(|c| c[s] as usize).max().unwrap_or(0)).sum())
        .collect();
    let whole = most.iter().try_fold(1usize, |n, &m| n.checked_mul(m + 1));
    let (low, high) = if whole.is_some_and(|n| n <= SMALL_BOX) {
        (vec![0; shifts], most)
    } else {
        let free = vec![0; inst.days()];
        let curves: Vec<CoverCurve> = (0..shifts).map(|s| CoverCurve::new(inst, ShiftId(s as u16), &free)).collect();
        count_box(inst, &curves, &most, ceiling, deadline)?
    };
    let dims: Vec<usize> = high.iter().map(|&h| h + 1).collect();
    if dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).is_none_or(|n| n > MAX_BOX) {
        return None;
    }
    let resource = resource_costs(inst);
    let relaxation = Relaxation { inst, spaces, grid: Grid::new(dims), low, resource, ceiling: ceiling * SCALE };
    let mut prices = vec![0.0f64; inst.days() * shifts];
    let (mut best, mut step, mut stalled) = (i64::MIN, 1.0, 0);
    for _ in 0..steps {
        let Some(dual) = relaxation.dual(&prices, deadline) else { break };
        if dual.value > best {
            (best, stalled) = (dual.value, 0);
        } else {
            stalled += 1;
            if stalled >= PATIENCE {
                (step, stalled) = (step / 2.0, 0);
            }
        }
        let norm: i64 = dual.gradient.iter().map(|g| g * g).sum();
        if best >= relaxation.ceiling || norm == 0 || step < SMALLEST_STEP {
            break;
        }
        // Polyak's step toward a target a little above the ceiling (the dual's optimum is below
        // it, and a target at the ceiling takes too small steps).
        let target = relaxation.ceiling + relaxation.ceiling.abs() / TARGET_MARGIN;
        let t = step * (target - dual.value) as f64 / norm as f64;
        for (p, g) in prices.iter_mut().zip(&dual.gradient) {
            *p += t * *g as f64;
        }
    }
    let best = (best > i64::MIN).then(|| best.div_euclid(SCALE) + (best.rem_euclid(SCALE) > 0) as i64);
    best.map(|b| b.min(ceiling))
}

/// The relaxation's fixed parts: every employee's lines, the box of totals, the scaled ceiling.
struct Relaxation<'a> {
    inst: &'a Instance,
    spaces: Vec<LineSpace>,
    grid: Grid,
    low: Vec<usize>,
    /// [`resource_costs`], scaled.
    resource: Vec<Option<i64>>,
    ceiling: i64,
}

/// The relaxation's least cost under some prices (scaled), and a subgradient: per day and
/// shift type, the passes the lines of its best solution work less those its cover counts.
struct Dual {
    value: i64,
    gradient: Vec<i64>,
}

impl Relaxation<'_> {
    /// The least cost under `prices` (per day and shift type, scaled); the ceiling, with no
    /// gradient, when no solution is below it. `None` past `deadline`.
    fn dual(&self, prices: &[f64], deadline: Instant) -> Option<Dual> {
        let (inst, grid) = (self.inst, &self.grid);
        let (shifts, days) = (inst.shifts.len(), inst.days());
        let prices: Vec<i64> = prices.iter().map(|p| p.round() as i64).collect();
        let day_prices: Vec<Vec<i64>> =
            (0..shifts).map(|s| (0..days).map(|d| prices[d * shifts + s]).collect()).collect();
        let priced: Vec<PricedLines> = self.spaces.par_iter().map(|l| l.price(&prices, shifts)).collect();
        let curves: Vec<CoverCurve> =
            day_prices.iter().enumerate().map(|(s, p)| CoverCurve::new(inst, ShiftId(s as u16), p)).collect();
        // Making a pass a resource shift takes its price off the line: at most the dearest day's.
        let resource: Vec<Option<i64>> = self
            .resource
            .iter()
            .zip(&day_prices)
            .map(|(r, p)| r.map(|r| r - p.iter().copied().max().unwrap_or(0)))
            .collect();
        let fills: Vec<(Vec<i64>, Vec<u32>)> =
            self.spaces.par_iter().zip(&priced).map(|(l, p)| grid.fill(&p.cost, l.counts(), &resource)).collect();
        let cover_least: i64 =
            curves.iter().enumerate().map(|(s, c)| (self.low[s]..grid.dims[s]).map(|n| c.cost(n)).min().unwrap()).sum();
        let costs: Vec<&[i64]> = fills.iter().map(|(c, _)| c.as_slice()).collect();
        let layers = grid.least_total(&costs, self.ceiling - cover_least, deadline)?;
        let last = layers.last().unwrap();
        let cover = |n: &Counts| -> i64 { curves.iter().enumerate().map(|(s, c)| c.cost(n[s] as usize)).sum() };
        let best = (0..grid.size)
            .filter(|&m| last[m] != i64::MAX)
            .map(|m| (m, grid.counts(m)))
            .filter(|(_, n)| (0..shifts).all(|s| n[s] as usize >= self.low[s]))
            .map(|(m, n)| (last[m] + cover(&n), m))
            .min()
            .filter(|&(v, _)| v < self.ceiling);
        let Some((value, total)) = best else {
            return Some(Dual { value: self.ceiling, gradient: Vec::new() });
        };
        let mut gradient = vec![0i64; days * shifts];
        for (e, pick) in grid.backtrack(&layers, &costs, total).into_iter().enumerate() {
            let source = fills[e].1[pick] as usize;
            let line = self.spaces[e].line(&priced[e], source, days);
            let (from, to) = (self.spaces[e].counts()[source], grid.counts(pick));
            for s in 0..shifts {
                let mut worked: Vec<usize> = (0..days).filter(|&d| line[d] == Some(ShiftId(s as u16))).collect();
                // Passes made resource shifts are taken off the dearest days, as priced.
                worked.sort_by_key(|&d| std::cmp::Reverse(prices[d * shifts + s]));
                for &d in &worked[(from[s] - to[s]) as usize..] {
                    gradient[d * shifts + s] += 1;
                }
            }
        }
        let n = grid.counts(total);
        for (s, curve) in curves.iter().enumerate() {
            for (d, k) in curve.spread(n[s] as usize).into_iter().enumerate() {
                gradient[d * shifts + s] -= k;
            }
        }
        Some(Dual { value, gradient })
    }
}

/// Per shift type: the least cost of making one pass a resource shift (scaled), `None` when
/// resource shifts are off.
fn resource_costs(inst: &Instance) -> Vec<Option<i64>> {
    let tasks = inst.tasks.len();
    (0..inst.shifts.len())
        .map(|s| {
            let cheapest = (0..inst.days())
                .flat_map(|d| (0..tasks).map(move |t| (d, t)))
                .filter(|&(_, t)| inst.tasks[t].shift.idx() == s)
                .map(|(d, t)| inst.resource_cost[d * tasks + t] as i64 * SCALE)
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

    /// One employee's least cost per counted vector inside the box, from `cost[i]`, the least
    /// cost of a line with the count vector `counts[i]`, and per slot that source `i`. Passes
    /// beyond the box are resource shifts at `resource[s]` each (or the line is dropped without
    /// resource shifts); then any pass may become a resource shift (the least over all larger
    /// vectors).
    fn fill(&self, cost: &[i64], counts: &[Counts], resource: &[Option<i64>]) -> (Vec<i64>, Vec<u32>) {
        let mut out = vec![i64::MAX; self.size];
        let mut source = vec![u32::MAX; self.size];
        'lines: for (i, (c, &cost)) in counts.iter().zip(cost).enumerate() {
            if cost == i64::MAX {
                continue;
            }
            let (mut n, mut cost) = (*c, cost);
            for s in 0..self.dims.len() {
                let over = (c[s] as usize).saturating_sub(self.dims[s] - 1);
                if over > 0 {
                    let Some(r) = resource[s] else { continue 'lines };
                    n[s] -= over as u16;
                    cost += over as i64 * r;
                }
            }
            let m = self.index(&n);
            if cost < out[m] {
                out[m] = cost;
                source[m] = i as u32;
            }
        }
        for (s, r) in resource.iter().enumerate() {
            let Some(r) = *r else { continue };
            let stride = self.strides[s];
            for i in (0..self.size).rev() {
                if (i / stride) % self.dims[s] + 1 < self.dims[s]
                    && out[i + stride] != i64::MAX
                    && out[i + stride] + r < out[i]
                {
                    out[i] = out[i + stride] + r;
                    source[i] = source[i + stride];
                }
            }
        }
        (out, source)
    }

    /// Least sum of the employees' costs for every total count vector inside the box, after
    /// each employee (`layers[e]` before employee `e`); sums that cannot stay below `limit` are
    /// left out (`i64::MAX`).
    fn least_total(&self, costs: &[&[i64]], limit: i64, deadline: Instant) -> Option<Vec<Vec<i64>>> {
        // rest[e]: the least the employees from e on can cost.
        let mut rest = vec![0i64; costs.len() + 1];
        for e in (0..costs.len()).rev() {
            rest[e] = rest[e + 1] + costs[e].iter().copied().min().unwrap_or(i64::MAX).min(limit);
        }
        let mut dp = vec![i64::MAX; self.size];
        dp[0] = 0;
        let mut layers = Vec::with_capacity(costs.len() + 1);
        for (e, cost) in costs.iter().enumerate() {
            if Instant::now() > deadline {
                return None;
            }
            let limit = limit - rest[e + 1];
            let options: Vec<(usize, Counts, i64)> =
                cost.iter().enumerate().filter(|&(_, &v)| v < limit).map(|(i, &v)| (i, self.counts(i), v)).collect();
            // Options are in index order, and a vector inside the total has a smaller index.
            let k = self.dims.len();
            let next = (0..self.size)
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
            layers.push(std::mem::replace(&mut dp, next));
        }
        layers.push(dp);
        Some(layers)
    }

    /// The slot each employee takes in a least sum reaching `total` in the last layer.
    fn backtrack(&self, layers: &[Vec<i64>], costs: &[&[i64]], mut total: usize) -> Vec<usize> {
        let mut picks = vec![0; costs.len()];
        for e in (0..costs.len()).rev() {
            let want = layers[e + 1][total];
            let sum = self.counts(total);
            let pick = (0..=total)
                .find(|&i| {
                    let n = self.counts(i);
                    costs[e][i] != i64::MAX
                        && (0..self.dims.len()).all(|s| n[s] <= sum[s])
                        && layers[e][total - i] != i64::MAX
                        && layers[e][total - i] + costs[e][i] == want
                })
                .expect("a least sum is made of its employees' slots");
            picks[e] = pick;
            total -= pick;
        }
        picks
    }
}
