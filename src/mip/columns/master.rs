//! The master LP over whole lines: per employee a convex combination of pooled lines, cover's
//! convex cost of the passes they add up to, priced until no line is missing.
//!
//! Rows: one per employee (its lines' shares add up to one) and one per day and task (the
//! passes the lines work there, less cover's segments, is zero). Each cover segment is a
//! variable bounded by its width, at its slope's cost, so a convex cover cost is exact. Every
//! pooled line is a variable; lines a [restriction](Master::solve) does not allow are held at
//! 0. The LP is kept from solve to solve ([`simplex`]), so moving from one restriction to the
//! next (a dive fixing one more line) re-optimises from the last basis.
//!
//! [`simplex`]: super::simplex

use std::time::Instant;

use rayon::prelude::*;

use super::simplex::{Lp, Status};
use super::{compatible, price, Column, Options, Piece, Pool, Pricing, Wanted};
use crate::model::{EmployeeId, Instance, Roster};

/// Pivots one solve of the master may take, at most.
const MAX_PIVOTS: usize = 1_000_000;
/// Lines the LP may hold before the root drops those of highest reduced cost...
const MOST_HELD: usize = 4_000;
/// ...down to about this many (and every basic one).
const KEPT: usize = 2_000;

/// The master LP, its cover segments first, then one variable per pooled line.
#[derive(Debug)]
pub(super) struct Master {
    lp: Lp,
    /// Cover's cost at a count of zero, summed over days and tasks.
    constant: f64,
    /// The LP variable of the first line (those before are cover segments).
    first: usize,
    /// Per line variable of the LP (from `first` on), its line in the pool.
    held: Vec<usize>,
    /// Per pooled line, its variable in the LP (less `first`), if it has one.
    var_of: Vec<Option<usize>>,
    /// The LP at its last optimum without restriction, to start a dive from, with the number
    /// of line variables it had.
    root: Option<(Lp, usize)>,
}

/// The master's optimum under a restriction.
#[derive(Debug)]
pub(super) struct Optimum {
    /// The LP's value: a bound on every roster keeping to the restriction.
    pub value: f64,
    /// The pooled lines the LP takes, with their shares.
    pub taken: Vec<(usize, f64)>,
    /// The duals at the optimum.
    pub duals: Duals,
}

/// The master's duals: what a line's reduced cost is made of.
#[derive(Clone, Debug)]
pub(super) struct Duals {
    /// Per employee, the dual of its row (what its line may cost at no loss).
    pub employee: Vec<f64>,
    /// Per day and task (index `d * tasks + t`), what a regular pass there is worth to
    /// cover: a line's reduced cost is its own cost plus these over its passes, less its
    /// employee's dual.
    pub prices: Vec<f64>,
}

/// How a solve of the master ended.
#[derive(Debug)]
pub(super) enum Solved {
    /// The LP's optimum over every line keeping to the restriction.
    Optimum(Optimum),
    /// No roster keeping to the restriction costs `cut` or less (or none keeps to it).
    Above,
    /// The deadline came (or the search ended) first.
    Paused,
}

/// The cover segments of one day and task: `(slope, width)` of each piece, over counts from 0
/// to `most`.
fn segments(pieces: &[Piece], most: f64) -> Vec<(f64, f64)> {
    pieces
        .iter()
        .enumerate()
        .map(|(j, p)| (p.slope, pieces.get(j + 1).map_or(most, |q| q.from) - p.from))
        .filter(|&(_, w)| w > 0.0)
        .collect()
}

/// The master's column of a line: its employee's row and a row per regular pass.
fn rows(inst: &Instance, c: &Column) -> Vec<(u32, f64)> {
    let (n, tasks) = (inst.employees.len(), inst.tasks.len());
    let mut rows = vec![(c.e.idx() as u32, 1.0)];
    for (d, cell) in c.cells.iter().enumerate() {
        if let Some(t) = cell.task().filter(|_| !cell.is_resource()) {
            rows.push(((n + d * tasks + t.idx()) as u32, 1.0));
        }
    }
    rows
}

impl Duals {
    /// Line `c`'s reduced cost under these duals.
    pub(super) fn reduced(&self, inst: &Instance, c: &Column) -> f64 {
        let n = inst.employees.len();
        let passes: f64 = rows(inst, c)[1..].iter().map(|&(k, _)| self.prices[k as usize - n]).sum();
        c.cost as f64 + passes - self.employee[c.e.idx()]
    }
}

impl Master {
    /// The master of `pool`'s instance: every cover segment, no line yet.
    pub(super) fn new(pool: &Pool) -> Self {
        let n = pool.inst.employees.len();
        let pieces = &pool.pieces;
        let mut rhs = vec![1.0; n];
        rhs.resize(n + pieces.len(), 0.0);
        let mut lp = Lp::new(rhs);
        let mut constant = 0.0;
        for (k, ps) in pieces.iter().enumerate() {
            constant += ps[0].at;
            for (slope, width) in segments(ps, n as f64) {
                lp.add(vec![((n + k) as u32, -1.0)], slope, width);
            }
        }
        let first = lp.len();
        Master { lp, constant, first, held: Vec::new(), var_of: Vec::new(), root: None }
    }

    /// Goes back to the LP's last optimum without restriction (lines pooled since join it at
    /// the next solve), so that the next solve without restriction starts there.
    pub(super) fn back_to_root(&mut self) {
        if let Some((root, lines)) = &self.root {
            self.lp = root.clone();
            for &j in &self.held[*lines..] {
                self.var_of[j] = None;
            }
            self.held.truncate(*lines);
        }
    }

    /// Adds pooled line `j` to the LP unless it is there.
    fn hold(&mut self, pool: &Pool, j: usize) {
        if self.var_of.len() <= j {
            self.var_of.resize(j + 1, None);
        }
        if self.var_of[j].is_none() {
            let c = &pool.columns[j];
            self.var_of[j] = Some(self.held.len());
            self.held.push(j);
            self.lp.add(rows(pool.inst, c), c.cost as f64, f64::INFINITY);
        }
    }

    /// Keeps in the LP only its basic lines and the [`KEPT`] of least reduced cost under
    /// `duals`, when it holds more than [`MOST_HELD`]: every pivot looks at every variable.
    fn prune(&mut self, pool: &Pool, duals: &Duals) {
        if self.held.len() <= MOST_HELD {
            return;
        }
        let mut costs: Vec<f64> = self.held.iter().map(|&j| duals.reduced(pool.inst, &pool.columns[j])).collect();
        let mut sorted = costs.clone();
        sorted.sort_by(f64::total_cmp);
        let limit = sorted[KEPT.min(sorted.len() - 1)];
        costs.iter_mut().for_each(|c| *c = if *c <= limit { 0.0 } else { 1.0 });
        let first = self.first;
        let new = self.lp.retain(|v| v < first || costs[v - first] == 0.0);
        let mut held = Vec::with_capacity(KEPT);
        for (v, &j) in self.held.iter().enumerate() {
            self.var_of[j] = new[first + v].map(|k| {
                held.push(j);
                k - first
            });
        }
        self.held = held;
    }

    /// Solves the master over every line that keeps to `allowed` (per employee and day, index
    /// `e * days + d`, the options a line may take), pricing until no such line is missing,
    /// unless it proves first that no roster keeping to it costs `cut` or less. Lines priced
    /// join `pool`; employees without a line space keep their `start` lines.
    pub(super) fn solve(
        &mut self,
        pool: &mut Pool,
        start: &Roster,
        allowed: &[Options],
        cut: f64,
        (deadline, ended): (Instant, &dyn Fn() -> bool),
    ) -> Solved {
        let inst = pool.inst;
        let (n, days, tasks) = (inst.employees.len(), inst.days(), inst.tasks.len());
        let allowed_of = |e: EmployeeId| &allowed[e.idx() * days..(e.idx() + 1) * days];
        // Lines pooled since the last solve join the LP; each is allowed here or held at 0.
        for j in self.var_of.len()..pool.columns.len() {
            self.hold(pool, j);
        }
        for (v, &j) in self.held.iter().enumerate() {
            let c = &pool.columns[j];
            let upper = if compatible(inst, &c.cells, allowed_of(c.e)) { f64::INFINITY } else { 0.0 };
            self.lp.set_upper(self.first + v, upper);
        }
        let all = pool.unrestricted()[0];
        // An employee held to one line on every day needs no pricing: that line is pooled.
        let fixed: Vec<bool> = allowed.chunks(days).map(|a| a.iter().all(|o| o.count_ones() == 1)).collect();
        loop {
            if Instant::now() >= deadline || ended() {
                return Solved::Paused;
            }
            let lp = &mut self.lp;
            match lp.solve(MAX_PIVOTS, deadline) {
                Status::Optimal => {}
                Status::Limit if Instant::now() >= deadline => return Solved::Paused,
                // Unbounded (it cannot be: every line's share is at most one) or out of pivots.
                _ => return Solved::Above,
            }
            let value = lp.objective() + self.constant;
            let y = lp.duals();
            let duals = Duals { employee: y[..n].to_vec(), prices: (0..days * tasks).map(|k| -y[n + k]).collect() };
            let found: Vec<(Column, f64)> = (0..n)
                .into_par_iter()
                .filter(|&e| !fixed[e])
                .filter_map(|e| pool.spaces[e].as_ref().map(|s| (EmployeeId(e as u16), s)))
                .flat_map_iter(|(e, s)| {
                    let pricing =
                        Pricing { prices: &duals.prices, pi: duals.employee[e.idx()], allowed: Some(allowed_of(e)) };
                    let (found, _) = price(inst, pool.dom, start, (e, s), &pricing, Wanted::Cheapest);
                    found.into_iter().map(|c| {
                        let reduced = duals.reduced(inst, &c);
                        (c, reduced)
                    })
                })
                .collect();
            // Every employee takes one line, so the LP plus each one's least reduced cost bounds
            // every roster keeping to the restriction (before the LP is final, too).
            let infeasible = lp.infeasible();
            let bound = value + found.iter().map(|(_, r)| r.min(0.0)).sum::<f64>();
            if !infeasible && bound > cut {
                return Solved::Above;
            }
            if found.is_empty() {
                if infeasible || value > cut {
                    return Solved::Above;
                }
                let taken = self
                    .held
                    .iter()
                    .enumerate()
                    .map(|(v, &j)| (j, lp.value(self.first + v)))
                    .filter(|&(_, x)| x > 1e-9)
                    .collect();
                if allowed.iter().all(|&a| a == all) {
                    self.prune(pool, &duals);
                    self.root = Some((self.lp.clone(), self.held.len()));
                }
                return Solved::Optimum(Optimum { value, taken, duals });
            }
            for (c, _) in found {
                let j = pool.insert(c);
                self.hold(pool, j);
            }
        }
    }
}
