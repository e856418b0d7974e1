//! An exact search among the lines within the gap: one line per employee, depth first, with a
//! bound from the master's duals.
//!
//! Under any duals (a dual `π_e` per employee, a price `p_k` per day and task) a roster's cost
//! splits exactly into
//!
//! ```text
//! Σ_e π_e + Σ_k min_n (f_k(n) − p_k n)   +   Σ_e rc(line_e)   +   Σ_k g_k(n_k)
//! ```
//!
//! where `f_k` is cover's cost on day and task `k`, `rc` a line's reduced cost and
//! `g_k(n) = f_k(n) − p_k n − min_m (f_k(m) − p_k m) ≥ 0` what cover's count `n_k` costs above
//! its cheapest. The first part is a bound (the master's LP, at its optimum); every other
//! term is at least zero. So a roster cheaper than the ceiling holds only lines whose reduced
//! cost is within the gap (the ceiling less one, less the bound), and its cover can stray from
//! the cheapest counts by no more than the gap allows. The search picks a line per employee,
//! the employee with the fewest lines that still fit first, each one's lines in the order of
//! what they add to the bound; the bound of a partial roster counts each cover count's least
//! `g` over what the employees still to pick can add there. Given every line within the gap,
//! the search is exact: when it ends without a roster, the ceiling is optimal.
//!
//! The search is resumable: it pauses at a deadline and goes on from there in the next run,
//! and a lower ceiling found elsewhere tightens it on the way.

use std::time::Instant;

use super::master::Duals;
use super::Piece;

/// One line an employee may take: its place in the pool, reduced cost and the cover cells
/// (day and task) of its regular passes.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub column: usize,
    pub reduced: f64,
    pub cells: Vec<u32>,
}

/// A step of the depth-first search: the employee picked there and its lines that fit, with
/// what each adds to the bound, in that order.
#[derive(Debug)]
struct Frame {
    e: usize,
    options: Vec<(f64, usize)>,
    /// The next option to take.
    next: usize,
    /// Whether the option before `next` is in place (to be undone on the way back).
    placed: bool,
}

/// What a run of the search came to.
#[derive(Debug, PartialEq)]
pub(super) enum Searched {
    /// A roster below the ceiling: each employee's line (its entry's `column`), and its cost
    /// as the search counts it. The next run goes on from there.
    Found(Vec<usize>, f64),
    /// The deadline came (or the search ended) first.
    Paused,
    /// Every roster among these lines costs at least the ceiling.
    Exhausted,
}

/// The search's state, kept between runs.
#[derive(Debug)]
pub(super) struct GapSearch {
    lists: Vec<Vec<Entry>>,
    /// Per employee, every cell some line of its list works.
    reach: Vec<Vec<u32>>,
    /// Per employee, its least reduced cost.
    least: Vec<f64>,
    /// Per cell, `g` at each count.
    excess: Vec<Vec<f64>>,
    /// Per cell, the count where `g` is least (0 there).
    cheapest: Vec<usize>,
    /// Per cell, the passes the picked lines work there, and the employees still to pick who
    /// could work there.
    count: Vec<usize>,
    open: Vec<usize>,
    /// The bound of the partial roster: the duals' bound, the picked lines' reduced costs, each
    /// cell's least `g` in reach and the least reduced cost of each employee still to pick.
    bound: f64,
    /// Per employee, the entry picked.
    picked: Vec<Option<usize>>,
    /// The cost a roster must stay at or below (the ceiling less one), with a rounding margin.
    limit: f64,
    stack: Vec<Frame>,
    started: bool,
}

/// Cover's cost less `price` a pass for cell pieces `pieces`, at counts `0..=most`.
fn priced_cover(pieces: &[Piece], price: f64, most: usize) -> Vec<f64> {
    let f = |n: f64| pieces.iter().map(|p| p.intercept() + p.slope * n).fold(f64::NEG_INFINITY, f64::max);
    (0..=most).map(|n| f(n as f64) - price * n as f64).collect()
}

/// Cover's `g` for cell pieces `pieces` at counts `0..=most` under the price `price` of a pass.
fn excess(pieces: &[Piece], price: f64, most: usize) -> Vec<f64> {
    let raw = priced_cover(pieces, price, most);
    let least = raw.iter().copied().fold(f64::INFINITY, f64::min);
    raw.into_iter().map(|v| v - least).collect()
}

/// The bound `duals` give on every roster: the employees' duals and each cell's least cover
/// cost less its passes' prices (with counts up to the number of employees).
pub(super) fn bound(pieces: &[Vec<Piece>], duals: &Duals) -> f64 {
    let most = duals.employee.len();
    let cover: f64 = pieces
        .iter()
        .zip(&duals.prices)
        .map(|(ps, &p)| priced_cover(ps, p, most).into_iter().fold(f64::INFINITY, f64::min))
        .sum();
    duals.employee.iter().sum::<f64>() + cover
}

impl GapSearch {
    /// A search for a roster costing less than `ceiling` among `lists` (per employee, its lines
    /// within the gap, with their reduced costs under `duals`), with cover's `pieces` per cell.
    pub(super) fn new(lists: Vec<Vec<Entry>>, pieces: &[Vec<Piece>], duals: &Duals, ceiling: i64) -> Self {
        let n = lists.len();
        let base = bound(pieces, duals);
        let excess: Vec<Vec<f64>> = pieces.iter().zip(&duals.prices).map(|(ps, &p)| excess(ps, p, n)).collect();
        let cheapest = excess
            .iter()
            .map(|g| g.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |(i, _)| i))
            .collect();
        let mut open = vec![0; excess.len()];
        let reach: Vec<Vec<u32>> = lists
            .iter()
            .map(|list| {
                let mut cells: Vec<u32> = list.iter().flat_map(|l| l.cells.iter().copied()).collect();
                cells.sort_unstable();
                cells.dedup();
                cells
            })
            .collect();
        for cells in &reach {
            for &k in cells {
                open[k as usize] += 1;
            }
        }
        let least: Vec<f64> = lists.iter().map(|l| l.iter().map(|x| x.reduced).fold(f64::INFINITY, f64::min)).collect();
        let mut search = GapSearch {
            lists,
            reach,
            least,
            excess,
            cheapest,
            count: vec![0; open.len()],
            open,
            bound: 0.0,
            picked: vec![None; n],
            limit: 0.0,
            stack: Vec::new(),
            started: false,
        };
        let cover: f64 = (0..search.open.len()).map(|k| search.least_excess(k, 0, 0)).sum();
        search.bound = base + search.least.iter().sum::<f64>() + cover;
        search.tighten(ceiling);
        search
    }

    /// The least `g` of cell `k` with `add` more passes placed and `close` fewer employees
    /// still to pick there.
    fn least_excess(&self, k: usize, add: usize, close: usize) -> f64 {
        let lo = self.count[k] + add;
        let hi = lo + self.open[k] - close;
        self.excess[k][self.cheapest[k].clamp(lo, hi)]
    }

    /// Lowers the ceiling (a roster of that cost is known).
    pub(super) fn tighten(&mut self, ceiling: i64) {
        self.limit = ceiling as f64 - 1.0 + 1e-6;
    }

    /// The lines of employee `e` that fit under the limit, with what each adds to the bound,
    /// least first.
    fn options(&self, e: usize) -> Vec<(f64, usize)> {
        // Picking any line of `e` closes `e`'s cells...
        let common: f64 = self.reach[e]
            .iter()
            .map(|&k| self.least_excess(k as usize, 0, 1) - self.least_excess(k as usize, 0, 0))
            .sum::<f64>()
            - self.least[e];
        let room = self.limit - self.bound - common;
        // ...and each places its passes.
        let mut out: Vec<(f64, usize)> = self.lists[e]
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let cover: f64 = l
                    .cells
                    .iter()
                    .map(|&k| self.least_excess(k as usize, 1, 1) - self.least_excess(k as usize, 0, 1))
                    .sum();
                let add = l.reduced + cover;
                (add <= room).then_some((add + common, i))
            })
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// Places (or, with `sign` -1, takes back) employee `e`'s entry `i`, moving the bound by
    /// `delta`.
    fn place(&mut self, e: usize, i: usize, delta: f64, sign: isize) {
        let reach = std::mem::take(&mut self.reach[e]);
        let cells = std::mem::take(&mut self.lists[e][i].cells);
        for &k in &reach {
            self.open[k as usize] = self.open[k as usize].wrapping_add_signed(-sign);
        }
        for &k in &cells {
            self.count[k as usize] = self.count[k as usize].wrapping_add_signed(sign);
        }
        self.reach[e] = reach;
        self.lists[e][i].cells = cells;
        self.bound += sign as f64 * delta;
        self.picked[e] = (sign > 0).then_some(i);
    }

    /// The next step down: the employee still to pick with the fewest lines that fit, `None`
    /// when every employee is picked.
    fn step(&self) -> Option<Frame> {
        let mut best: Option<Frame> = None;
        for e in (0..self.lists.len()).filter(|&e| self.picked[e].is_none()) {
            let options = self.options(e);
            if best.as_ref().is_none_or(|b| options.len() < b.options.len()) {
                let empty = options.is_empty();
                best = Some(Frame { e, options, next: 0, placed: false });
                if empty {
                    break;
                }
            }
        }
        best
    }

    /// Searches on until a roster below the limit, the end of the search, `deadline` or `ended`.
    pub(super) fn run(&mut self, (deadline, ended): (Instant, &dyn Fn() -> bool)) -> Searched {
        if !self.started {
            self.started = true;
            match self.step() {
                Some(frame) => self.stack.push(frame),
                None => return Searched::Exhausted,
            }
        }
        let mut steps = 0u32;
        while let Some(top) = self.stack.last_mut() {
            steps = steps.wrapping_add(1);
            if steps % 256 == 0 && (Instant::now() >= deadline || ended()) {
                return Searched::Paused;
            }
            let e = top.e;
            if top.placed {
                top.placed = false;
                let (delta, i) = top.options[top.next - 1];
                self.place(e, i, delta, -1);
                continue;
            }
            let top = self.stack.last_mut().expect("the top is there");
            let Some(&(delta, i)) = top.options.get(top.next).filter(|&&(d, _)| self.bound + d <= self.limit) else {
                self.stack.pop();
                continue;
            };
            top.next += 1;
            top.placed = true;
            self.place(e, i, delta, 1);
            match self.step() {
                Some(frame) => self.stack.push(frame),
                None => {
                    // Every employee picked, at a cost (the bound, now exact) below the limit:
                    // the caller judges the roster and lowers the ceiling if it is better.
                    let lines =
                        self.picked.iter().enumerate().map(|(e, p)| self.lists[e][p.expect("picked")].column).collect();
                    return Searched::Found(lines, self.bound);
                }
            }
        }
        Searched::Exhausted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// Cover pieces of a cell wanting `want` passes: 100 a pass short, 1 a pass over.
    fn wanting(want: f64) -> Vec<Piece> {
        vec![Piece { from: 0.0, at: 100.0 * want, slope: -100.0 }, Piece { from: want, at: 0.0, slope: 1.0 }]
    }

    /// Every choice of one line per employee, by brute force: the least cost.
    fn brute(lists: &[Vec<(f64, Vec<u32>)>], pieces: &[Vec<Piece>]) -> f64 {
        let mut best = f64::INFINITY;
        let mut pick = vec![0; lists.len()];
        loop {
            let mut counts = vec![0.0; pieces.len()];
            let mut cost = 0.0;
            for (e, &i) in pick.iter().enumerate() {
                cost += lists[e][i].0;
                for &k in &lists[e][i].1 {
                    counts[k as usize] += 1.0;
                }
            }
            for (ps, &n) in pieces.iter().zip(&counts) {
                cost += ps.iter().map(|p| p.intercept() + p.slope * n).fold(f64::NEG_INFINITY, f64::max);
            }
            best = best.min(cost);
            let mut e = 0;
            while e < lists.len() {
                pick[e] += 1;
                if pick[e] < lists[e].len() {
                    break;
                }
                pick[e] = 0;
                e += 1;
            }
            if e == lists.len() {
                return best;
            }
        }
    }

    #[test]
    fn the_search_finds_the_optimum_below_the_ceiling_and_proves_it_under_any_duals() {
        let mut rng = Rng::new(11);
        for _ in 0..200 {
            let (n, cells) = (2 + rng.below(3), 1 + rng.below(4));
            let pieces: Vec<Vec<Piece>> = (0..cells).map(|_| wanting(rng.below(3) as f64)).collect();
            let lists: Vec<Vec<(f64, Vec<u32>)>> = (0..n)
                .map(|_| {
                    (0..1 + rng.below(4))
                        .map(|_| {
                            let worked = (0..cells as u32).filter(|_| rng.chance(0.5)).collect();
                            (rng.below(5) as f64, worked)
                        })
                        .collect()
                })
                .collect();
            let optimum = brute(&lists, &pieces);
            // Any duals give a valid split: random employee duals and pass prices.
            let duals: Vec<f64> = (0..n).map(|_| rng.below(7) as f64 - 3.0).collect();
            let prices: Vec<f64> = (0..cells).map(|_| rng.below(150) as f64 - 100.0).collect();
            let mut column = 0;
            let entries: Vec<Vec<Entry>> = lists
                .iter()
                .enumerate()
                .map(|(e, list)| {
                    list.iter()
                        .map(|(cost, worked)| {
                            column += 1;
                            let passes: f64 = worked.iter().map(|&k| prices[k as usize]).sum();
                            Entry { column: column - 1, reduced: cost + passes - duals[e], cells: worked.clone() }
                        })
                        .collect()
                })
                .collect();
            // From a ceiling far above, the search ends at the optimum, then proves it.
            let duals = Duals { employee: duals, prices };
            let mut search = GapSearch::new(entries, &pieces, &duals, 10_000);
            let mut last = None;
            let forever = (Instant::now() + std::time::Duration::from_secs(60), &(|| false) as &dyn Fn() -> bool);
            loop {
                match search.run(forever) {
                    Searched::Found(_, cost) => {
                        search.tighten(cost.round() as i64);
                        last = Some(cost.round());
                    }
                    Searched::Exhausted => break,
                    Searched::Paused => panic!("no deadline here"),
                }
            }
            assert_eq!(last, Some(optimum), "lists {lists:?}");
        }
    }
}
