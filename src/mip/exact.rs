//! Solving the whole model: the exact optimum with its proof, and lower bounds.

use std::time::{Duration, Instant};

use super::backend::{self, Outcome};
use super::build::build;
use super::formulation::Formulation;
use super::{Backend, ExactOptions, ExactResult, Status};
use crate::model::{Cell, EmployeeId, Instance, Roster};

/// Tolerance when rounding a floating objective or bound to the integer cost it stands for.
const TOL: f64 = 1e-4;

/// Solves `inst` exactly: the roster of least soft cost among those without hard breaches,
/// with a proof of optimality unless the time limit strikes first (then the best roster found
/// and the proven bound). A start roster with hard breaches is ignored by the solver.
///
/// With a start roster, the [counting bound](super::counting_bound) comes first (for at most a
/// tenth of the time limit), unless `known_bound` gives one: when it reaches the start roster's
/// cost, that roster is proven optimal without the MIP; otherwise it raises the MIP's bound.
pub fn solve_exact(inst: &Instance, opts: &ExactOptions) -> ExactResult {
    let started = Instant::now();
    let start = opts.start.as_ref().map(|r| (r, crate::eval::score(inst, r))).filter(|(_, s)| s.is_feasible());
    let counting = opts.known_bound.or_else(|| {
        let (_, s) = start?;
        let budget = opts.time_limit.map_or(COUNTING_TIME, |t| (t / 10).min(COUNTING_TIME));
        super::counting_bound(inst, s.soft, started + budget)
    });
    if let (Some((roster, score)), Some(bound)) = (start, counting) {
        if bound >= score.soft {
            let objective = Some(score.soft);
            let roster = Some(roster.clone());
            return ExactResult {
                roster,
                objective,
                bound: objective,
                status: Status::Optimal,
                gap: Some(0.0),
                score: Some(score),
            };
        }
    }
    let left = opts.time_limit.map(|t| t.saturating_sub(started.elapsed()));
    let mut result = solve_fixed(inst, opts.backend, left, &|_, _| None, opts.start.as_ref());
    if let Some(c) = counting {
        result.raise_bound(c);
    }
    result
}

/// The longest [`solve_exact`], [`lower_bound`] and `solve --exact` spend on the counting bound.
pub(crate) const COUNTING_TIME: Duration = Duration::from_secs(60);

/// [`solve_exact`] with the cells `fix` names pinned, starting from `start` when given.
pub(super) fn solve_fixed(
    inst: &Instance,
    backend: Backend,
    time_limit: Option<Duration>,
    fix: &dyn Fn(EmployeeId, usize) -> Option<Cell>,
    start: Option<&Roster>,
) -> ExactResult {
    let mut f = build(inst, false, fix);
    let out = backend::solve(&mut f, backend, time_limit, start);
    result(inst, &f, out)
}

impl ExactResult {
    /// Takes a bound proven by other means: the better of the two, never above the objective;
    /// the roster is optimal when they meet.
    fn raise_bound(&mut self, other: i64) {
        let bound = self.bound.map_or(other, |b| b.max(other));
        self.bound = Some(self.objective.map_or(bound, |o| bound.min(o)));
        if let (Some(o), Some(b)) = (self.objective, self.bound) {
            self.gap = Some((o - b) as f64 / o.max(1) as f64);
            if o == b && self.status == Status::Feasible {
                self.status = Status::Optimal;
            }
        }
    }
}

fn result(inst: &Instance, f: &Formulation, out: Outcome) -> ExactResult {
    let roster = out.values.as_ref().map(|values| {
        let mut r = Roster::empty(inst);
        for e in 0..inst.employees.len() {
            let e = EmployeeId(e as u16);
            for d in 0..inst.days() {
                r.set(e, d, f.cell_at(e, d, &|v| values.get(&v).copied().unwrap_or(0.0)));
            }
        }
        r
    });
    let score = roster.as_ref().map(|r| crate::eval::score(inst, r));
    let mut objective = out.objective.map(|o| o.round() as i64);
    let mut status = out.status;
    // The engine has the last word: a decoded roster that does not cost what the solver says
    // (a backend's tolerances) is kept as a feasible roster at its real cost, never as optimal.
    if let (Some(s), Some(o)) = (score, objective) {
        if s.is_feasible() && s.soft != o {
            objective = Some(s.soft);
            if status == Status::Optimal {
                status = Status::Feasible;
            }
        }
    }
    let mut bound = out.bound.map(|b| (b - TOL).ceil().max(0.0) as i64);
    if let (Some(o), Some(b)) = (objective, bound) {
        bound = Some(b.min(o));
    }
    let gap = match (objective, bound) {
        (Some(o), Some(b)) => Some((o - b) as f64 / o.max(1) as f64),
        _ => None,
    };
    ExactResult { roster, objective, bound, status, gap, score }
}

/// The optimum of the LP relaxation (every binary and integer made continuous), rounded up to
/// the next integer cost: a lower bound on the soft cost of every roster without hard breaches.
/// `None` when the LP was not solved within the time limit; `f64::INFINITY` when even the
/// relaxation is infeasible.
pub fn lp_bound(inst: &Instance, time_limit: Option<Duration>) -> Option<f64> {
    relaxation_optimum(&mut build(inst, true, &|_, _| None), time_limit)
}

/// [`lp_bound`] of a relaxed model `f` (built with `relax`, possibly with constraints added).
pub(super) fn relaxation_optimum(f: &mut Formulation, time_limit: Option<Duration>) -> Option<f64> {
    let out = backend::solve(f, Backend::default(), time_limit, None);
    match out.status {
        Status::Infeasible => Some(f64::INFINITY),
        Status::Optimal => out.objective.map(|o| (o - TOL).ceil().max(0.0)),
        _ => None,
    }
}

/// [`lower_bound`] as a cost: `None` when no roster without hard breaches exists.
pub fn lower_bound_cost(inst: &Instance, time_limit: Duration) -> Option<i64> {
    let bound = lower_bound(inst, time_limit);
    bound.is_finite().then_some(bound as i64)
}

/// A lower bound on the soft cost of every roster of `inst` without hard breaches: the LP
/// relaxation's optimum, raised by the [counting bound](super::counting_bound) and by the MIP's
/// proven bound if time is left. 0 when nothing is proven in time (every cost is non-negative);
/// `f64::INFINITY` when no such roster exists.
pub fn lower_bound(inst: &Instance, time_limit: Duration) -> f64 {
    let started = Instant::now();
    let lp = lp_bound(inst, Some(time_limit)).unwrap_or(0.0);
    let lp_time = started.elapsed();
    let left = time_limit.saturating_sub(lp_time);
    if lp.is_infinite() || left.is_zero() {
        return lp;
    }
    // The counting bound solves a few more LPs to box its counts: worth it only when one LP takes
    // a small part of the time. Its ceiling starts a little above the LP bound, so the box stays
    // small; each time the bound reaches its ceiling (proving it), the margin doubles.
    let mut bound = lp;
    if lp_time * 10 < time_limit {
        let deadline = started + lp_time + (left / 2).min(COUNTING_TIME);
        let mut margin = (lp / 20.0).max(50.0);
        while let Some(c) = super::counting_bound(inst, (bound + margin) as i64, deadline) {
            let proven = c as f64 >= bound + margin;
            bound = bound.max(c as f64);
            if !proven {
                break;
            }
            margin *= 2.0;
        }
    }
    let left = time_limit.saturating_sub(started.elapsed());
    if left.is_zero() {
        return bound;
    }
    let mip = solve_fixed(inst, Backend::default(), Some(left), &|_, _| None, None);
    match mip.status {
        Status::Infeasible => f64::INFINITY,
        _ => bound.max(mip.bound.map_or(0.0, |b| b as f64)),
    }
}
