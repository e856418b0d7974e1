//! Diving on the master LP: fix the lines the LP is surest of, price again, repeat.
//!
//! From the master's optimum over all lines, each step solves the master in primal form to see
//! how much of each line the LP takes, fixes every employee whose line the LP takes almost
//! whole (and at least the surest one), then prices the free employees again against the cover
//! the fixed lines leave. When every employee is fixed the lines make a roster. The LP rises a
//! little with each fix, and a roster near it is found in a few dozen LPs, in a different place
//! from the annealers' rosters: where those sit far above the LP and no step of a few lines
//! leads down (on Curtois–Qu Instance9 the annealers end near 465, the dive at 439).
//!
//! A dive is resumable: its fixed lines are kept between runs of [`Pool::improve`].

use std::time::Instant;

use microlp::Problem;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{cover_pieces, price, primal, Column, Master, Pool};
use crate::model::{Cell, EmployeeId, Roster};

/// Where a dive stands between runs.
#[derive(Debug)]
pub(super) struct Dive {
    /// Per employee, the line the dive has fixed.
    fixed: Vec<Option<Column>>,
    /// The free employees' columns to build the next step's master from: those the last
    /// LP used (or the pool's master columns, before the first step).
    kept: Vec<Column>,
    /// How many of the surest employees the next fix passes over (after a step back).
    skip: usize,
    /// The dive as it was before each fix, to step back to.
    trail: Vec<Before>,
    /// Steps back taken so far.
    backs: u32,
}

/// The dive before one of its fixes.
#[derive(Debug)]
struct Before {
    fixed: Vec<Option<Column>>,
    columns: Vec<Column>,
    skip: usize,
}

/// What a run of a dive came to.
pub(super) enum Dived {
    /// Every employee fixed: the roster of the fixed lines.
    Done(Roster),
    /// The deadline came (or the search ended) first; the next run goes on.
    Paused,
    /// The LP rose above the roster to beat, or microlp failed: this dive is over.
    Abandoned,
}

/// An employee whose line the LP takes at least this much of is fixed to it.
const SURE: f64 = 0.9;
/// The most steps back of one dive: when a fix lifts the LP to the roster to beat, the dive
/// goes back to before the fix and fixes the next surest employee alone instead.
const MOST_BACKS: u32 = 12;

impl Dive {
    /// A dive from the master's columns; employees without a line space are fixed to their
    /// `start` lines.
    pub(super) fn new(pool: &Pool, start: &Roster) -> Self {
        let n = pool.inst.employees.len();
        let fixed: Vec<Option<Column>> = (0..n)
            .map(|e| {
                pool.spaces[e].is_none().then(|| {
                    let e = EmployeeId(e as u16);
                    let cells = start.line(e).to_vec();
                    let cost = super::line_cost(pool.inst, e, &cells).unwrap_or(0);
                    Column { e, cells, cost, spread: true }
                })
            })
            .collect();
        let kept = pool
            .columns
            .iter()
            .zip(&pool.in_master)
            .filter(|(c, &m)| m && fixed[c.e.idx()].is_none())
            .map(|(c, _)| c.clone())
            .collect();
        Dive { fixed, kept, skip: 0, trail: Vec::new(), backs: 0 }
    }

    /// Dives on until every employee is fixed, `deadline`, `ended`, or the LP rises to
    /// `ceiling` (no roster below it down this dive). New lines priced on the way join `pool`.
    pub(super) fn run(
        &mut self,
        pool: &mut Pool,
        start: &Roster,
        ceiling: f64,
        (deadline, ended): (Instant, &dyn Fn() -> bool),
    ) -> Dived {
        let inst = pool.inst;
        let pieces = cover_pieces(inst);
        while Instant::now() < deadline && !ended() {
            let mut columns: Vec<Column> = self.fixed.iter().flatten().cloned().collect();
            columns.append(&mut self.kept);
            let mut seen: FxHashSet<(EmployeeId, Vec<Cell>)> = columns.iter().map(|c| (c.e, c.cells.clone())).collect();
            let Some(mut master) = Master::new(inst, pieces.clone(), &columns) else { return Dived::Abandoned };
            // Price the free employees until no line of theirs prices below their dual.
            loop {
                if Instant::now() >= deadline || ended() {
                    self.kept = columns.into_iter().filter(|c| self.fixed[c.e.idx()].is_none()).collect();
                    return Dived::Paused;
                }
                let prices = master.pass_prices();
                let found: Vec<Column> = (0..inst.employees.len())
                    .into_par_iter()
                    .filter(|&e| self.fixed[e].is_none())
                    .filter_map(|e| pool.spaces[e].as_ref().map(|s| (EmployeeId(e as u16), s)))
                    .flat_map_iter(|(e, s)| price(inst, pool.dom, start, (e, s), &prices, (master.dual(e), -1.0, 1)))
                    .collect();
                let mut added = 0;
                for c in found {
                    if seen.insert((c.e, c.cells.clone())) {
                        let Some(m) = master.add(&c) else { return Dived::Abandoned };
                        master = m;
                        columns.push(c);
                        added += 1;
                    }
                }
                if added == 0 {
                    break;
                }
            }
            if master.value() > ceiling - 1.0 + 1e-6 {
                // No roster below `ceiling` this way: back to before the last fix, if any is left.
                let Some(before) = self.trail.pop().filter(|_| self.backs < MOST_BACKS) else {
                    return Dived::Abandoned;
                };
                self.backs += 1;
                (self.fixed, self.kept, self.skip) = (before.fixed, before.columns, before.skip + 1);
                continue;
            }
            let Some(taken) = taken(inst, &master.layout.pieces, &columns) else { return Dived::Abandoned };
            let free: Vec<Column> = columns.iter().filter(|c| self.fixed[c.e.idx()].is_none()).cloned().collect();
            self.trail.push(Before { fixed: self.fixed.clone(), columns: free, skip: self.skip });
            if !self.fix(&columns, &taken) {
                return Dived::Abandoned;
            }
            if self.fixed.iter().all(Option::is_some) {
                let mut roster = start.clone();
                for c in self.fixed.iter().flatten() {
                    for (d, &cell) in c.cells.iter().enumerate() {
                        roster.set(c.e, d, cell);
                    }
                }
                return Dived::Done(roster);
            }
            if pool.add(columns.clone(), false).is_none() {
                return Dived::Abandoned;
            }
            self.kept = columns
                .into_iter()
                .zip(taken)
                .filter(|(c, x)| self.fixed[c.e.idx()].is_none() && *x > 1e-9)
                .map(|(c, _)| c)
                .collect();
        }
        Dived::Paused
    }

    /// Fixes every free employee whose line the LP takes at least [`SURE`] of, and the one
    /// whose line it takes most of (at least one a step); an employee whose lines are all
    /// whole is fixed too. After a step back it fixes only the employee ranked next after
    /// those passed over. Whether any employee was left to fix.
    fn fix(&mut self, columns: &[Column], taken: &[f64]) -> bool {
        let mut most: Vec<Option<(f64, usize)>> = vec![None; self.fixed.len()];
        for (k, (c, &x)) in columns.iter().zip(taken).enumerate() {
            let e = c.e.idx();
            if self.fixed[e].is_none() && most[e].is_none_or(|(y, _)| x > y) {
                most[e] = Some((x, k));
            }
        }
        let mut ranked: Vec<(f64, usize, usize)> =
            most.iter().enumerate().filter_map(|(e, m)| m.map(|(x, k)| (x, e, k))).collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let skip = std::mem::take(&mut self.skip);
        let Some(&(_, first, k)) = ranked.get(skip) else { return false };
        self.fixed[first] = Some(columns[k].clone());
        if skip == 0 {
            for &(x, e, k) in &ranked {
                if x >= SURE {
                    self.fixed[e] = Some(columns[k].clone());
                }
            }
        }
        true
    }
}

/// How much of each column the master LP over `columns` takes (its primal solution); `None`
/// if microlp fails.
fn taken(inst: &crate::model::Instance, pieces: &[Vec<super::Piece>], columns: &[Column]) -> Option<Vec<f64>> {
    let refs: Vec<&Column> = columns.iter().collect();
    let (lp, x, _): (Problem, _, _) = primal(inst, pieces, &refs, |p, cost| p.add_var(cost, (0.0, 1.0)));
    let solution = lp.solve().ok()?.into_solution().ok()?;
    Some(x.iter().map(|&v| solution.var_value(v)).collect())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    use super::*;
    use crate::rules::testkit::random_instance;
    use crate::solver::Domain;
    use crate::{SolveOptions, Termination};

    #[test]
    fn a_dive_without_a_ceiling_ends_in_a_roster_without_hard_breaches_at_or_above_the_lp() {
        let mut rng = crate::rng::Rng::new(23);
        let mut dived = 0;
        for _ in 0..6 {
            let inst = random_instance(&mut rng);
            let opts = SolveOptions { time_limit: None, max_steps: Some(20_000), threads: 1, ..Default::default() };
            let sol = crate::solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
            assert_eq!(sol.termination, Termination::StepLimit);
            if !crate::eval::score(&inst, &sol.roster).is_feasible() {
                continue;
            }
            let dom = Domain::new(&inst);
            let deadline = Instant::now() + Duration::from_secs(60);
            let Some(mut pool) = Pool::new(&inst, &dom, deadline) else { continue };
            let found = pool.improve(&sol.roster, deadline, &|| false).expect("microlp failed");
            let Some(bound) = found.bound else { continue };
            let mut dive = Dive::new(&pool, &sol.roster);
            let Dived::Done(lines) = dive.run(&mut pool, &sol.roster, f64::INFINITY, (deadline, &|| false)) else {
                panic!("a dive without a ceiling stopped before its end");
            };
            let after = crate::eval::score(&inst, &pool.settled(lines));
            assert!(after.is_feasible(), "the dive's roster breaks a hard rule: {after}");
            assert!(after.soft as f64 >= bound - 1e-6, "the dive's roster {after} is below the LP {bound}");
            dived += 1;
        }
        assert!(dived > 0, "no instance dived");
    }
}
