//! Cover counted per shift type: the least cover cost of spreading `N` regular passes of one
//! shift type over its (day, task) cells, whatever the days and skills, less a price per pass
//! and day.

use super::SCALE;
use crate::model::{Instance, ShiftId, TaskId};

/// The least cover cost of a shift type, less `price[d]` for every pass on day `d`, as a
/// function of its number of regular passes (scaled by [`SCALE`]).
///
/// Each cell's cost is convex in its headcount (the marginal cost of one more person rises from
/// `−(weight_min + weight_under)` below the minimum to `−weight_under` below the target and
/// `weight_over` above it), and a price moves all of a cell's marginals alike, so the cheapest
/// spread of `N` passes takes the `N` smallest marginals over all cells, every cell's tail of
/// `weight_over − price` included.
pub(super) struct CoverCurve {
    /// Cost with no pass at all.
    base: i64,
    /// Prefix sums of the marginals taken before the cheapest tail (`prefix[0] = 0`).
    prefix: Vec<i64>,
    /// The day of each of those marginals.
    days: Vec<usize>,
    /// Marginal of every pass after those, the cheapest tail of any cell, and that cell's day.
    tail: (i64, usize),
    /// Days of the horizon.
    horizon: usize,
}

impl CoverCurve {
    /// The curve of shift type `shift` under prices `price[d]` (scaled) per day.
    pub fn new(inst: &Instance, shift: ShiftId, price: &[i64]) -> Self {
        let mut base = 0;
        let mut marginals = Vec::new();
        let mut tail = (i64::MAX, 0);
        for t in (0..inst.tasks.len()).filter(|&t| inst.tasks[t].shift == shift) {
            for (d, &p) in price.iter().enumerate() {
                let c = *inst.demand(d, TaskId(t as u16));
                let (min, target) = (c.min as i64, c.target as i64);
                let w = |weight: u32| weight as i64 * SCALE;
                let (w_min, w_under, w_over) = (w(c.weight_min), w(c.weight_under), w(c.weight_over));
                base += w_min * min + w_under * target;
                for k in 0..min.max(target) {
                    let m = -w_min * (k < min) as i64 - w_under * (k < target) as i64 + w_over * (k >= target) as i64;
                    marginals.push((m - p, d));
                }
                if w_over - p < tail.0 {
                    tail = (w_over - p, d);
                }
            }
        }
        if tail.0 == i64::MAX {
            // No cell at all: passes of this type are never counted by cover.
            tail = (0, 0);
        }
        marginals.retain(|&(m, _)| m < tail.0);
        marginals.sort_unstable();
        let mut prefix = vec![0];
        for &(m, _) in &marginals {
            prefix.push(prefix.last().unwrap() + m);
        }
        let days = marginals.iter().map(|&(_, d)| d).collect();
        CoverCurve { base, prefix, days, tail, horizon: price.len() }
    }

    /// Least cover cost of `n` regular passes.
    pub fn cost(&self, n: usize) -> i64 {
        let taken = n.min(self.prefix.len() - 1);
        self.base + self.prefix[taken] + (n - taken) as i64 * self.tail.0
    }

    /// The number of passes at which the cost is least.
    pub fn cheapest(&self) -> usize {
        self.prefix.len() - 1
    }

    /// Passes per day of a cheapest spread of `n` passes.
    pub fn spread(&self, n: usize) -> Vec<i64> {
        let mut out = vec![0; self.horizon];
        let taken = n.min(self.days.len());
        for &d in &self.days[..taken] {
            out[d] += 1;
        }
        if n > taken {
            out[self.tail.1] += (n - taken) as i64;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DemandCell;
    use crate::rules::testkit::Kit;

    #[test]
    fn the_curve_fills_minimums_then_targets_then_pays_the_cheapest_surplus() {
        // The kit has one task per shift type; task 0 is shift 0. Its demand cells are free (all
        // weights 0) except day 0 (min 1, target 2) and day 1 (target 1).
        let mut inst = Kit::swedish().instance(14);
        let n = inst.tasks.len();
        inst.demand[0] = DemandCell { min: 1, target: 2, weight_min: 1000, weight_under: 100, weight_over: 20 };
        inst.demand[n] = DemandCell { min: 0, target: 1, weight_min: 0, weight_under: 100, weight_over: 5 };
        let free = vec![0; inst.days()];
        let c = CoverCurve::new(&inst, ShiftId(0), &free);
        // Nobody: day 0 misses its minimum (1000) and two of its target (200), day 1 one (100).
        assert_eq!(c.cost(0), 1300 * SCALE);
        assert_eq!(c.cost(1), 200 * SCALE);
        assert_eq!(c.cost(2), 100 * SCALE);
        assert_eq!(c.cost(3), 0);
        assert_eq!(c.cheapest(), 3);
        // Surplus goes to a free cell.
        assert_eq!(c.cost(6), 0);
        assert_eq!(&c.spread(3)[..3], &[2, 1, 0]);

        // A price of 150 a pass on day 1 turns day 1's marginals into −250 (its first person) and
        // −145 (every further one, the new tail), cheaper than day 0's second person (−100).
        let mut price = free.clone();
        price[1] = 150 * SCALE;
        let c = CoverCurve::new(&inst, ShiftId(0), &price);
        assert_eq!(c.cost(0), 1300 * SCALE);
        assert_eq!(c.cost(2), (1300 - 1100 - 250) * SCALE);
        assert_eq!(c.spread(2)[..2], [1, 1]);
        // Every further pass goes to day 1 at 5 − 150.
        assert_eq!(c.cost(3), (1300 - 1100 - 250 - 145) * SCALE);
        assert_eq!(c.spread(4)[..2], [1, 3]);

        // With every other cell priced at 20 per surplus person, the cheapest surplus is day 1's 5.
        for d in 2..inst.days() {
            inst.demand[d * n] = DemandCell { weight_over: 20, ..DemandCell::default() };
        }
        let c = CoverCurve::new(&inst, ShiftId(0), &free);
        assert_eq!(c.cost(3), 0);
        assert_eq!(c.cost(4), 5 * SCALE);
        assert_eq!(c.cost(6), 15 * SCALE);
    }
}
