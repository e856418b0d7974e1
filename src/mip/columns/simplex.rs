//! A small dense revised simplex for the master LP: few rows (one per employee and one per
//! day and task), columns added as pricing finds them.
//!
//! The master's rows are few (Curtois–Qu Instance7: 104) and its columns sparse, so the
//! basis inverse is kept whole and updated in place at each pivot, and rebuilt from the basis
//! now and then to shed rounding. Every variable is bounded below by 0 and above by its own
//! bound (possibly infinite); nonbasic variables sit at one of their bounds. Each row has an
//! artificial variable of cost [`BIG_M`], so the all-artificial basis is a start for any
//! problem, an added column never spoils the basis, and a problem whose rows cannot be met
//! ends with an artificial above zero ([`Lp::infeasible`]).
//!
//! A master over whole lines is highly degenerate (many basic variables at a bound), so a
//! primal simplex that stalls for a while widens the bounds of its basic variables by tiny
//! random amounts, which splits the degenerate vertex; once optimal the bounds are put back
//! and the few values now out of them are brought back by the dual simplex. Changing bounds
//! (banning a line in a branch) keeps the basis dual feasible, so the dual simplex re-optimises
//! from it too.
//!
//! Unlike microlp, it gives both the primal values (how much of each line the LP takes) and
//! the duals (the prices pricing needs) of the same solve.

use std::time::Instant;

use crate::rng::Rng;

/// The cost of an artificial variable: far above any roster's cost.
pub(super) const BIG_M: f64 = 1e7;
/// Values and reduced costs this close to zero count as zero.
const EPS: f64 = 1e-9;
/// The smallest pivot element taken: smaller ones make the basis inverse blow up.
const PIVOT: f64 = 1e-7;
/// How far a value may be out of its bounds and still count as within them.
const FEASIBLE: f64 = 1e-7;
/// Pivots between two rebuilds of the basis inverse.
const REFACTOR_EVERY: usize = 100;
/// Degenerate pivots in a row before the bounds are widened.
const STALL: usize = 20;
/// The widening of a bound, at most (at least half of it).
const WIDEN: f64 = 1e-5;
/// The shift of a cost, at most (at least half of it), per unit of the cost (up to 1,000).
const SHIFT: f64 = 1e-7;

/// One variable: its column, its cost, its bounds as the caller set them (`0 ≤ x ≤ bound`) and
/// as the simplex works with them now (widened while degenerate).
#[derive(Clone, Debug)]
struct Var {
    rows: Vec<(u32, f64)>,
    /// The cost as the simplex works with it now (shifted while dual degenerate)...
    cost: f64,
    /// ...and as the caller set it.
    price: f64,
    bound: f64,
    lower: f64,
    upper: f64,
}

/// Where a variable stands.
#[derive(Clone, Copy, Debug, PartialEq)]
enum At {
    /// Basic, at this position of the basis.
    Basis(usize),
    /// Nonbasic at its lower bound.
    Lower,
    /// Nonbasic at its upper bound.
    Upper,
}

/// How a solve ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    /// Optimal (possibly with an artificial above zero: see [`Lp::infeasible`]).
    Optimal,
    /// The objective decreases without end along some edge.
    Unbounded,
    /// The pivot limit or the deadline came first.
    Limit,
}

/// A linear program `min c·x` subject to `A x = b`, `0 ≤ x ≤ u`, solved by the revised
/// simplex; structural variables can be added and their upper bounds changed between solves.
#[derive(Clone, Debug)]
pub(super) struct Lp {
    m: usize,
    rhs: Vec<f64>,
    /// Artificials first (`0..m`), then the structural variables.
    vars: Vec<Var>,
    at: Vec<At>,
    /// The variable at each basis position.
    basis: Vec<usize>,
    /// The basis inverse, row-major `m × m`.
    inv: Vec<f64>,
    /// Every variable's value.
    x: Vec<f64>,
    /// Pivots since the inverse was last rebuilt.
    since_refactor: usize,
    /// Pivots of all solves so far.
    pivots: usize,
    /// For the widening of bounds.
    rng: Rng,
}

impl Lp {
    /// An LP with `rhs.len()` equality rows and no structural variable yet, at its
    /// all-artificial basis.
    pub(super) fn new(rhs: Vec<f64>) -> Self {
        let m = rhs.len();
        let mut vars = Vec::with_capacity(m);
        let mut x = Vec::with_capacity(m);
        let mut inv = vec![0.0; m * m];
        for (i, &b) in rhs.iter().enumerate() {
            let sign = if b < 0.0 { -1.0 } else { 1.0 };
            let (bound, lower, upper) = (f64::INFINITY, 0.0, f64::INFINITY);
            vars.push(Var { rows: vec![(i as u32, sign)], cost: BIG_M, price: BIG_M, bound, lower, upper });
            x.push(b.abs());
            inv[i * m + i] = sign;
        }
        let (at, basis) = ((0..m).map(At::Basis).collect(), (0..m).collect());
        Lp { m, rhs, vars, at, basis, inv, x, since_refactor: 0, pivots: 0, rng: Rng::new(m as u64) }
    }

    /// Adds a structural variable (nonbasic at 0) with column `rows`, cost `cost` and upper bound
    /// `upper`; returns its number (0 for the first one added).
    pub(super) fn add(&mut self, rows: Vec<(u32, f64)>, cost: f64, upper: f64) -> usize {
        self.vars.push(Var { rows, cost, price: cost, bound: upper, lower: 0.0, upper });
        self.at.push(At::Lower);
        self.x.push(0.0);
        self.vars.len() - 1 - self.m
    }

    /// Drops every structural variable that is nonbasic at 0 and not kept by `keep` (given
    /// its number); the basis stays as it is. Per old number, the new one (`None`: dropped).
    pub(super) fn retain(&mut self, keep: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
        let m = self.m;
        let mut new = vec![None; self.vars.len()];
        let mut vars = Vec::with_capacity(self.vars.len());
        let (mut at, mut x) = (Vec::with_capacity(self.vars.len()), Vec::with_capacity(self.vars.len()));
        for (v, var) in std::mem::take(&mut self.vars).into_iter().enumerate() {
            if v < m || self.at[v] != At::Lower || self.x[v] != 0.0 || keep(v - m) {
                new[v] = Some(vars.len());
                vars.push(var);
                at.push(self.at[v]);
                x.push(self.x[v]);
            }
        }
        for b in &mut self.basis {
            *b = new[*b].expect("a basic variable is kept");
        }
        (self.vars, self.at, self.x) = (vars, at, x);
        new[m..].iter().map(|k| k.map(|k| k - m)).collect()
    }

    /// Structural variables so far.
    pub(super) fn len(&self) -> usize {
        self.vars.len() - self.m
    }

    /// Structural variable `j`'s value.
    pub(super) fn value(&self, j: usize) -> f64 {
        self.x[self.m + j]
    }

    /// The objective `c·x`, artificials included.
    pub(super) fn objective(&self) -> f64 {
        self.vars.iter().zip(&self.x).map(|(v, x)| v.price * x).sum()
    }

    /// Whether an artificial variable is above zero: the rows cannot be met by the structural
    /// variables (after an optimal solve).
    pub(super) fn infeasible(&self) -> bool {
        self.x[..self.m].iter().any(|&a| a > 1e-6)
    }

    /// The duals `y = c_B B⁻¹`, one per row: structural variable `j`'s reduced cost is
    /// `c_j − y·A_j`.
    pub(super) fn duals(&self) -> Vec<f64> {
        let m = self.m;
        let mut y = vec![0.0; m];
        for (r, &v) in self.basis.iter().enumerate() {
            let c = self.vars[v].cost;
            if c != 0.0 {
                for (yi, b) in y.iter_mut().zip(&self.inv[r * m..(r + 1) * m]) {
                    *yi += c * b;
                }
            }
        }
        y
    }

    fn reduced(&self, y: &[f64], v: usize) -> f64 {
        let var = &self.vars[v];
        var.cost - var.rows.iter().map(|&(i, a)| y[i as usize] * a).sum::<f64>()
    }

    /// Sets structural variable `j`'s upper bound: 0 bans it, infinity allows it again. A basic
    /// variable above its new bound makes the basis infeasible; the next [`solve`](Lp::solve)
    /// restores it by the dual simplex.
    pub(super) fn set_upper(&mut self, j: usize, upper: f64) {
        let v = self.m + j;
        let var = &mut self.vars[v];
        (var.bound, var.upper) = (upper, upper);
        if self.at[v] == At::Upper {
            // Nonbasic at a bound that moved (or is gone): at the new bound, or at 0.
            if upper.is_finite() {
                self.x[v] = upper;
            } else {
                (self.at[v], self.x[v]) = (At::Lower, 0.0);
            }
            // Its value changed: the basic values follow.
            self.since_refactor = REFACTOR_EVERY;
        }
    }

    /// Re-optimises from the current basis, or until `max_pivots` pivots in all or `deadline`
    /// ([`Status::Limit`]): the dual simplex first while a basic variable is out of its bounds,
    /// then the primal simplex.
    pub(super) fn solve(&mut self, max_pivots: usize, deadline: Instant) -> Status {
        let until = self.pivots + max_pivots;
        let mut widened = false;
        loop {
            if self.since_refactor >= REFACTOR_EVERY {
                self.refactor();
            }
            if self.out_of_bounds().is_some() && !self.dual(until, deadline) {
                if Instant::now() >= deadline || self.pivots >= until {
                    return Status::Limit;
                }
                // No way back within the bounds from this basis: start again from the artificials.
                let pivots = self.pivots;
                *self = self.restarted();
                self.pivots = pivots;
            }
            let status = self.primal(until, !widened, deadline);
            if !self.vars.iter().any(|v| v.lower != 0.0 || v.upper != v.bound) {
                return status;
            }
            // Put back the bounds the caller set; the dual simplex mends what that breaks, and
            // the primal simplex runs once more, without widening.
            self.restore();
            widened = true;
            if status != Status::Optimal {
                return status;
            }
        }
    }

    /// The bounds as the caller set them, every nonbasic variable at one of them.
    fn restore(&mut self) {
        for (v, var) in self.vars.iter_mut().enumerate() {
            (var.lower, var.upper) = (0.0, var.bound);
            match self.at[v] {
                At::Lower => self.x[v] = 0.0,
                At::Upper if var.upper.is_finite() => self.x[v] = var.upper,
                At::Upper => (self.at[v], self.x[v]) = (At::Lower, 0.0),
                At::Basis(_) => {}
            }
        }
        self.refactor();
    }

    /// This LP at its all-artificial basis, every structural variable at 0.
    fn restarted(&self) -> Self {
        let mut lp = Lp::new(self.rhs.clone());
        for var in &self.vars[self.m..] {
            lp.vars.push(Var { lower: 0.0, upper: var.bound, ..var.clone() });
            lp.at.push(At::Lower);
            lp.x.push(0.0);
        }
        lp
    }

    /// The basis position whose variable is furthest out of its bounds, if any is.
    fn out_of_bounds(&self) -> Option<usize> {
        let mut worst = (FEASIBLE, None);
        for (r, &v) in self.basis.iter().enumerate() {
            let var = &self.vars[v];
            let off = (var.lower - self.x[v]).max(self.x[v] - var.upper);
            if off > worst.0 {
                worst = (off, Some(r));
            }
        }
        worst.1
    }

    /// The basis position whose variable is out of its bounds by the most for its row's
    /// weight (dual Devex: `off² / weight`), if any is.
    fn most_out_of_bounds(&self, weights: &[f64]) -> Option<usize> {
        let mut best = (0.0, None);
        for (r, &v) in self.basis.iter().enumerate() {
            let var = &self.vars[v];
            let off = (var.lower - self.x[v]).max(self.x[v] - var.upper);
            if off > FEASIBLE && off * off > best.0 * weights[r] {
                best = (off * off / weights[r], Some(r));
            }
        }
        best.1
    }

    /// The basis position of the variable of least index out of its bounds, if any is.
    fn least_out_of_bounds(&self) -> Option<usize> {
        (0..self.m)
            .filter(|&r| {
                let (v, var) = (self.basis[r], &self.vars[self.basis[r]]);
                self.x[v] < var.lower - FEASIBLE || self.x[v] > var.upper + FEASIBLE
            })
            .min_by_key(|&r| self.basis[r])
    }

    /// `B⁻¹ A_v` into `alpha`.
    fn column(&self, v: usize, alpha: &mut [f64]) {
        let m = self.m;
        alpha.iter_mut().for_each(|a| *a = 0.0);
        for &(i, a) in &self.vars[v].rows {
            for (r, al) in alpha.iter_mut().enumerate() {
                *al += self.inv[r * m + i as usize] * a;
            }
        }
    }

    /// Swaps nonbasic `v` (column `alpha`) in for the basic variable at position `r`, which
    /// leaves at its upper bound if `to_upper`, else at its lower one.
    fn exchange(&mut self, v: usize, r: usize, to_upper: bool, alpha: &[f64]) {
        let out = self.basis[r];
        let var = &self.vars[out];
        (self.at[out], self.x[out]) = if to_upper { (At::Upper, var.upper) } else { (At::Lower, var.lower) };
        self.basis[r] = v;
        self.at[v] = At::Basis(r);
        self.pivot(r, alpha);
    }

    /// The dual simplex until every basic variable is within its bounds (variables whose reduced
    /// cost has the wrong sign for their bound never enter, nor those fixed by their bounds).
    /// Whether it got there; `false` when some row cannot be brought within its bounds from
    /// this basis, or at pivot `until`.
    fn dual(&mut self, until: usize, deadline: Instant) -> bool {
        let m = self.m;
        let mut alpha = vec![0.0; m];
        let mut stalled = 0;
        let y = self.duals();
        let held: Vec<bool> = (0..self.vars.len())
            .map(|v| match self.at[v] {
                At::Lower => self.reduced(&y, v) < -EPS,
                At::Upper => self.reduced(&y, v) > EPS,
                At::Basis(_) => false,
            })
            .collect();
        let mut shifted = false;
        let mut rows = vec![1.0; m];
        let done = loop {
            if self.pivots >= until {
                break false;
            }
            if self.since_refactor >= REFACTOR_EVERY {
                self.refactor();
            }
            if self.pivots % 64 == 0 && Instant::now() >= deadline {
                break false;
            }
            // Stalled: first shift the costs of nonbasic variables away from their ties, then,
            // stalled again, Bland's rule (least index first), which cannot cycle.
            if stalled >= STALL && !shifted {
                self.shift_costs();
                (shifted, stalled) = (true, 0);
            }
            let bland = stalled >= STALL;
            let chosen = if bland { self.least_out_of_bounds() } else { self.most_out_of_bounds(&rows) };
            let Some(r) = chosen else { break true };
            let b = self.basis[r];
            let below = self.x[b] < self.vars[b].lower;
            let target = if below { self.vars[b].lower } else { self.vars[b].upper };
            let y = self.duals();
            let row = &self.inv[r * m..(r + 1) * m];
            // The entering variable, among those moving x_b the right way with a pivot of a safe
            // size: Harris's two passes (the least ratio |d_j / α_rj| with a little room, then
            // the largest pivot within it), or under Bland's rule the least ratio, least index.
            let mut candidates: Vec<(usize, f64, f64)> = Vec::new();
            for (v, (var, &held)) in self.vars.iter().zip(&held).enumerate() {
                let up = match self.at[v] {
                    At::Basis(_) => continue,
                    _ if held || var.upper <= var.lower => continue,
                    At::Lower => true,
                    At::Upper => false,
                };
                let a: f64 = var.rows.iter().map(|&(i, c)| row[i as usize] * c).sum();
                // Raising x_v changes x_b by -a; lowering it by +a.
                let helps = if below == up { a < -PIVOT } else { a > PIVOT };
                if helps {
                    let d = self.reduced(&y, v) * if up { 1.0 } else { -1.0 };
                    candidates.push((v, a, d.max(0.0)));
                }
            }
            let enter = if bland {
                let least = candidates.iter().map(|&(_, a, d)| d / a.abs()).fold(f64::INFINITY, f64::min);
                candidates.iter().find(|&&(_, a, d)| d / a.abs() <= least + EPS)
            } else {
                let room = candidates.iter().map(|&(_, a, d)| (d + EPS) / a.abs()).fold(f64::INFINITY, f64::min);
                candidates
                    .iter()
                    .filter(|&&(_, a, d)| d / a.abs() <= room)
                    .max_by(|x, y| x.1.abs().total_cmp(&y.1.abs()))
            };
            let least = enter.map_or(0.0, |&(_, a, d)| d / a.abs());
            let enter = enter.map(|&(v, a, _)| (v, a));
            let Some((v, a)) = enter else { break false };
            stalled = if least > EPS { 0 } else { stalled + 1 };
            // Move x_v so that x_b lands on its bound, then swap them.
            let t = (self.x[b] - target) / a;
            self.column(v, &mut alpha);
            self.x[v] += t;
            for (q, &al) in alpha.iter().enumerate() {
                self.x[self.basis[q]] -= t * al;
            }
            // Dual Devex: every row's estimate grows by its share of the entering column.
            let (pivot, wr) = (alpha[r], rows[r]);
            for (w, &al) in rows.iter_mut().zip(&alpha) {
                let ratio = al / pivot;
                *w = w.max(ratio * ratio * wr);
            }
            rows[r] = (wr / (pivot * pivot)).max(1.0);
            self.exchange(v, r, !below, &alpha);
        };
        if shifted {
            // The costs as the caller set them; the primal simplex mends what that breaks.
            for var in &mut self.vars {
                var.cost = var.price;
            }
        }
        done
    }

    /// Moves the cost of every nonbasic variable a tiny random amount the way its reduced cost
    /// already leans (up at its lower bound, down at its upper one), which splits the ties of
    /// a dual degenerate basis.
    fn shift_costs(&mut self) {
        for v in 0..self.vars.len() {
            let shift = SHIFT * (0.5 + 0.5 * self.rng.unit()) * (1.0 + self.vars[v].price.abs().min(1e3));
            match self.at[v] {
                At::Lower => self.vars[v].cost += shift,
                At::Upper => self.vars[v].cost -= shift,
                At::Basis(_) => {}
            }
        }
    }

    /// The primal simplex from a basis within its bounds to an optimum, or until pivot
    /// `until` or `deadline`. When `widen`, a stall widens the basic variables' bounds (see
    /// the module documentation); otherwise it turns to Bland's rule.
    fn primal(&mut self, until: usize, widen: bool, deadline: Instant) -> Status {
        let m = self.m;
        let mut stalled = 0;
        let mut alpha = vec![0.0; m];
        let mut weights = vec![1.0; self.vars.len()];
        while self.pivots < until {
            if self.since_refactor >= REFACTOR_EVERY {
                self.refactor();
            }
            if self.pivots % 64 == 0 && Instant::now() >= deadline {
                return Status::Limit;
            }
            if widen && stalled >= STALL {
                self.widen();
                stalled = 0;
            }
            // Stalled without widening: Bland's rule (least index first), which cannot cycle.
            let bland = stalled >= STALL;
            let y = self.duals();
            // The entering variable and its direction (+1 up from its lower bound, -1 down):
            // the largest d² / w (Devex: d the reduced cost, w a running estimate of the edge's
            // length) or under Bland's rule the least index with d < 0.
            let mut enter: Option<(usize, f64)> = None;
            let mut best = 0.0;
            for (v, (var, &weight)) in self.vars.iter().zip(&weights).enumerate() {
                let dir = match self.at[v] {
                    At::Basis(_) => continue,
                    _ if var.upper <= var.lower => continue,
                    At::Lower => 1.0,
                    At::Upper => -1.0,
                };
                let d = self.reduced(&y, v) * dir;
                if d < -EPS && (bland || d * d > best * weight) {
                    enter = Some((v, dir));
                    best = d * d / weight;
                    if bland {
                        break;
                    }
                }
            }
            let Some((v, dir)) = enter else { return Status::Optimal };
            self.column(v, &mut alpha);
            // Ratio test: x_B moves by -dir·t·alpha. Harris's two passes (the least ratio with a
            // little room, then the largest pivot within it), or under Bland's rule the least
            // ratio, least index.
            let range = self.vars[v].upper - self.vars[v].lower;
            let mut limits: Vec<(usize, f64, f64, bool)> = Vec::new();
            for (r, &al) in alpha.iter().enumerate() {
                let delta = -dir * al;
                let b = self.basis[r];
                let var = &self.vars[b];
                if delta < -PIVOT {
                    limits.push((r, (self.x[b] - var.lower).max(0.0), -delta, false));
                } else if delta > PIVOT && var.upper.is_finite() {
                    limits.push((r, (var.upper - self.x[b]).max(0.0), delta, true));
                }
            }
            let chosen = if bland {
                let least = limits.iter().map(|&(_, s, d, _)| s / d).fold(f64::INFINITY, f64::min);
                limits.iter().filter(|&&(_, s, d, _)| s / d <= least + EPS).min_by_key(|&&(r, ..)| self.basis[r])
            } else {
                let room = limits.iter().map(|&(_, s, d, _)| (s + EPS) / d).fold(f64::INFINITY, f64::min);
                limits.iter().filter(|&&(_, s, d, _)| s / d <= room).max_by(|x, y| x.2.total_cmp(&y.2))
            };
            let (step, leave) = match chosen {
                Some(&(r, s, d, to_upper)) if s / d < range => (s / d, Some((r, to_upper))),
                _ => (range, None),
            };
            if step.is_infinite() {
                return Status::Unbounded;
            }
            stalled = if step > EPS { 0 } else { stalled + 1 };
            self.x[v] += dir * step;
            for (r, &al) in alpha.iter().enumerate() {
                self.x[self.basis[r]] -= dir * step * al;
            }
            match leave {
                Some((r, to_upper)) => {
                    // Devex: every edge's estimate grows by its share of the pivot row.
                    let row = self.inv[r * m..(r + 1) * m].to_vec();
                    let (pivot, wq) = (alpha[r], weights[v]);
                    for (j, var) in self.vars.iter().enumerate() {
                        if j != v && !matches!(self.at[j], At::Basis(_)) && var.upper > var.lower {
                            let a: f64 = var.rows.iter().map(|&(i, c)| row[i as usize] * c).sum();
                            if a != 0.0 {
                                let ratio = a / pivot;
                                weights[j] = weights[j].max(ratio * ratio * wq);
                            }
                        }
                    }
                    weights[self.basis[r]] = (wq / (pivot * pivot)).max(1.0);
                    self.exchange(v, r, to_upper, &alpha);
                }
                None => {
                    // The entering variable reaches its other bound first: no change of basis.
                    let var = &self.vars[v];
                    (self.at[v], self.x[v]) = if dir > 0.0 { (At::Upper, var.upper) } else { (At::Lower, var.lower) };
                    self.pivots += 1;
                }
            }
        }
        Status::Limit
    }

    /// Widens the bounds of every basic variable by a tiny random amount.
    fn widen(&mut self) {
        for r in 0..self.m {
            let v = self.basis[r];
            let (a, b) = (WIDEN * (0.5 + 0.5 * self.rng.unit()), WIDEN * (0.5 + 0.5 * self.rng.unit()));
            let var = &mut self.vars[v];
            var.lower = var.lower.min(-a);
            if var.upper.is_finite() {
                var.upper = var.upper.max(var.bound + b);
            }
        }
    }

    /// Updates the inverse for column `alpha` (= B⁻¹ A_v) entering at position `r`.
    fn pivot(&mut self, r: usize, alpha: &[f64]) {
        let m = self.m;
        let p = alpha[r];
        let (before, rest) = self.inv.split_at_mut(r * m);
        let (row, after) = rest.split_at_mut(m);
        row.iter_mut().for_each(|b| *b /= p);
        for (q, other) in before.chunks_exact_mut(m).chain(after.chunks_exact_mut(m)).enumerate() {
            let q = if q < r { q } else { q + 1 };
            let f = alpha[q];
            if f != 0.0 {
                for (o, &b) in other.iter_mut().zip(row.iter()) {
                    *o -= f * b;
                }
            }
        }
        self.since_refactor += 1;
        self.pivots += 1;
    }

    /// Rebuilds the basis inverse from the basis columns (Gauss–Jordan with partial pivoting)
    /// and the basic values from the nonbasic ones.
    fn refactor(&mut self) {
        let m = self.m;
        let mut a = vec![0.0; m * m];
        for (r, &v) in self.basis.iter().enumerate() {
            for &(i, c) in &self.vars[v].rows {
                a[i as usize * m + r] = c;
            }
        }
        let mut inv = vec![0.0; m * m];
        for i in 0..m {
            inv[i * m + i] = 1.0;
        }
        for col in 0..m {
            let p = (col..m).max_by(|&i, &j| a[i * m + col].abs().total_cmp(&a[j * m + col].abs())).unwrap_or(col);
            if a[p * m + col].abs() < 1e-12 {
                // Singular (it should not be): keep the updated inverse.
                self.since_refactor = 0;
                return;
            }
            if p != col {
                for k in 0..m {
                    a.swap(p * m + k, col * m + k);
                    inv.swap(p * m + k, col * m + k);
                }
            }
            let d = a[col * m + col];
            for k in 0..m {
                a[col * m + k] /= d;
                inv[col * m + k] /= d;
            }
            for i in 0..m {
                let f = a[i * m + col];
                if i != col && f != 0.0 {
                    for k in 0..m {
                        a[i * m + k] -= f * a[col * m + k];
                        inv[i * m + k] -= f * inv[col * m + k];
                    }
                }
            }
        }
        self.inv = inv;
        self.since_refactor = 0;
        // x_B = B⁻¹ (b − Σ_nonbasic A_j x_j)
        let mut rest = self.rhs.clone();
        for (v, var) in self.vars.iter().enumerate() {
            if !matches!(self.at[v], At::Basis(_)) && self.x[v] != 0.0 {
                for &(i, c) in &var.rows {
                    rest[i as usize] -= c * self.x[v];
                }
            }
        }
        for r in 0..m {
            let x: f64 = self.inv[r * m..(r + 1) * m].iter().zip(&rest).map(|(b, s)| b * s).sum();
            self.x[self.basis[r]] = x;
        }
    }
}

#[cfg(test)]
mod tests {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};

    use super::*;
    use crate::rng::Rng;

    /// A deadline no test reaches.
    fn far() -> Instant {
        Instant::now() + std::time::Duration::from_secs(3600)
    }

    /// A variable of a test LP: its column, cost and upper bound.
    type TestVar = (Vec<(u32, f64)>, f64, f64);

    /// A random LP with the master's shape: rows that some variables must add up to, bounded
    /// variables, costs of both signs.
    fn random(rng: &mut Rng) -> (Vec<f64>, Vec<TestVar>) {
        let m = 2 + rng.below(8);
        let n = m + rng.below(20);
        let vars: Vec<TestVar> = (0..n)
            .map(|_| {
                let mut rows: Vec<(u32, f64)> = Vec::new();
                for i in 0..m {
                    if rng.chance(0.4) {
                        rows.push((i as u32, if rng.chance(0.7) { 1.0 } else { -1.0 }));
                    }
                }
                let cost = rng.below(21) as f64 - 10.0;
                let upper = if rng.chance(0.5) { 1.0 + rng.below(3) as f64 } else { f64::INFINITY };
                (rows, cost, upper)
            })
            .collect();
        // Mostly the rows of a point within the bounds (feasible), sometimes any rows.
        let rhs = if rng.chance(0.75) {
            let mut rhs = vec![0.0; m];
            for (rows, _, upper) in &vars {
                let x = rng.below(3) as f64 * 0.5;
                for &(i, a) in rows {
                    rhs[i as usize] += a * x.min(*upper);
                }
            }
            rhs
        } else {
            (0..m).map(|_| rng.below(5) as f64 - 1.0).collect()
        };
        (rhs, vars)
    }

    #[test]
    fn the_simplex_agrees_with_microlp_on_random_lps() {
        let mut rng = Rng::new(5);
        let (mut solved, mut infeasible) = (0, 0);
        for _ in 0..300 {
            let (rhs, vars) = random(&mut rng);
            let mut lp = Lp::new(rhs.clone());
            for (rows, cost, upper) in &vars {
                lp.add(rows.clone(), *cost, *upper);
            }
            let status = lp.solve(10_000, far());
            let uppers: Vec<f64> = vars.iter().map(|v| v.2).collect();
            match microlp_optimum(&rhs, &vars, &uppers) {
                Some(want) => {
                    assert_eq!(status, Status::Optimal);
                    assert!(!lp.infeasible());
                    assert!((lp.objective() - want).abs() < 1e-6, "{} vs {want}", lp.objective());
                    // The point meets every row and bound, and the duals price it exactly.
                    for (i, &b) in rhs.iter().enumerate() {
                        let sum: f64 = (0..lp.len())
                            .map(|j| {
                                vars[j].0.iter().filter(|e| e.0 == i as u32).map(|e| e.1 * lp.value(j)).sum::<f64>()
                            })
                            .sum();
                        assert!((sum - b).abs() < 1e-6, "row {i}: {sum} != {b}");
                    }
                    let y = lp.duals();
                    for (j, &(_, _, upper)) in vars.iter().enumerate() {
                        let d = lp.reduced(&y, lp.m + j);
                        let x = lp.value(j);
                        assert!(x > -1e-9 && x < upper + 1e-9);
                        if x > 1e-7 && x < upper - 1e-7 {
                            assert!(d.abs() < 1e-6, "a variable strictly between its bounds has reduced cost {d}");
                        } else if x <= 1e-7 {
                            assert!(d > -1e-6, "a variable at 0 with reduced cost {d}");
                        } else {
                            assert!(d < 1e-6, "a variable at its upper bound with reduced cost {d}");
                        }
                    }
                    solved += 1;
                }
                None => {
                    // Infeasible (or unbounded) for microlp: the simplex agrees.
                    assert!(
                        status == Status::Unbounded || lp.infeasible(),
                        "microlp found no solution, the simplex did"
                    );
                    infeasible += 1;
                }
            }
        }
        assert!(solved > 100 && infeasible > 10, "solved {solved}, infeasible {infeasible}");
    }

    /// microlp's optimum of the LP with each variable's upper bound from `uppers`, if any.
    fn microlp_optimum(rhs: &[f64], vars: &[TestVar], uppers: &[f64]) -> Option<f64> {
        let mut p = Problem::new(OptimizationDirection::Minimize);
        let xs: Vec<_> = vars.iter().zip(uppers).map(|((_, c, _), &u)| p.add_var(*c, (0.0, u))).collect();
        for (i, &b) in rhs.iter().enumerate() {
            let row: Vec<_> = vars
                .iter()
                .zip(&xs)
                .filter_map(|((r, _, _), &x)| r.iter().find(|e| e.0 == i as u32).map(|e| (x, e.1)))
                .collect();
            p.add_constraint(row, ComparisonOp::Eq, b);
        }
        p.solve().ok().and_then(|o| o.into_solution().ok()).map(|s| s.objective())
    }

    #[test]
    fn banning_and_allowing_variables_re_optimises_from_the_warm_basis() {
        let mut rng = Rng::new(9);
        let mut checked = 0;
        for _ in 0..300 {
            let (rhs, vars) = random(&mut rng);
            let mut lp = Lp::new(rhs.clone());
            for (rows, cost, upper) in &vars {
                lp.add(rows.clone(), *cost, *upper);
            }
            lp.solve(10_000, far());
            let mut uppers: Vec<f64> = vars.iter().map(|v| v.2).collect();
            // Several rounds of bans and releases, each checked against a fresh solve.
            for _ in 0..4 {
                for (j, u) in uppers.iter_mut().enumerate() {
                    if rng.chance(0.2) {
                        *u = if *u == 0.0 { vars[j].2 } else { 0.0 };
                        lp.set_upper(j, *u);
                    }
                }
                let status = lp.solve(10_000, far());
                match microlp_optimum(&rhs, &vars, &uppers) {
                    Some(want) => {
                        assert_eq!(status, Status::Optimal);
                        assert!(!lp.infeasible(), "microlp solved it, the simplex found it infeasible");
                        assert!((lp.objective() - want).abs() < 1e-6, "{} vs {want}", lp.objective());
                        for (j, &u) in uppers.iter().enumerate() {
                            assert!(
                                lp.value(j) > -1e-9 && lp.value(j) < u + 1e-9,
                                "x{j} = {} out of [0, {u}]",
                                lp.value(j)
                            );
                        }
                        checked += 1;
                    }
                    None => assert!(status == Status::Unbounded || lp.infeasible()),
                }
            }
        }
        assert!(checked > 300, "only {checked} rounds had an optimum");
    }

    #[test]
    fn a_column_added_after_a_solve_is_taken_from_the_warm_basis() {
        // Two employees, one cell wanting one pass: lines that work it are cheaper.
        let mut lp = Lp::new(vec![1.0, 1.0, 0.0]);
        // Cover: the cell's count minus an under-cover segment (slope -10, width 1).
        lp.add(vec![(2, -1.0)], -10.0, 1.0);
        lp.add(vec![(0, 1.0)], 3.0, f64::INFINITY);
        lp.add(vec![(1, 1.0)], 4.0, f64::INFINITY);
        assert_eq!(lp.solve(100, far()), Status::Optimal);
        assert!((lp.objective() - 7.0).abs() < 1e-9);
        let y = lp.duals();
        // A line of employee 1 working the cell, at cost 6: reduced cost 6 − y1 − y2 < 0.
        assert!(6.0 - y[1] - y[2] < 0.0);
        let j = lp.add(vec![(1, 1.0), (2, 1.0)], 6.0, f64::INFINITY);
        assert_eq!(lp.solve(100, far()), Status::Optimal);
        assert!((lp.objective() - (3.0 + 6.0 - 10.0)).abs() < 1e-9);
        assert!((lp.value(j) - 1.0).abs() < 1e-9);
    }
}
