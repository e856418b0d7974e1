//! Cover counted per shift type: the least cover cost of spreading `N` regular passes of one
//! shift type over its (day, task) cells, whatever the days and skills.

use crate::model::{Instance, ShiftId, TaskId};

/// The least cover cost of a shift type as a function of its number of regular passes.
///
/// Each cell's cost is convex in its headcount (the marginal cost of one more person rises from
/// `−(weight_min + weight_under)` below the minimum to `−weight_under` below the target and
/// `weight_over` above it), so the cheapest spread of `N` passes takes the `N` smallest marginals
/// over all cells, every cell's tail of `weight_over` included.
pub(super) struct CoverCurve {
    /// Cost with no pass at all.
    base: i64,
    /// Prefix sums of the marginals taken before the cheapest tail (`prefix[0] = 0`).
    prefix: Vec<i64>,
    /// Marginal of every pass after those: the cheapest surplus of any cell.
    tail: i64,
}

impl CoverCurve {
    /// The curve of shift type `shift`.
    pub fn new(inst: &Instance, shift: ShiftId) -> Self {
        let mut base = 0;
        let mut marginals = Vec::new();
        let mut tail = i64::MAX;
        for t in (0..inst.tasks.len()).filter(|&t| inst.tasks[t].shift == shift) {
            for d in 0..inst.days() {
                let c = *inst.demand(d, TaskId(t as u16));
                let (min, target) = (c.min as i64, c.target as i64);
                let (w_min, w_under, w_over) = (c.weight_min as i64, c.weight_under as i64, c.weight_over as i64);
                base += w_min * min + w_under * target;
                for k in 0..min.max(target) {
                    let m = -w_min * (k < min) as i64 - w_under * (k < target) as i64 + w_over * (k >= target) as i64;
                    marginals.push(m);
                }
                tail = tail.min(w_over);
            }
        }
        if tail == i64::MAX {
            // No cell at all: passes of this type are never counted by cover.
            tail = 0;
        }
        marginals.retain(|&m| m < tail);
        marginals.sort_unstable();
        let mut prefix = vec![0];
        for m in marginals {
            prefix.push(prefix.last().unwrap() + m);
        }
        CoverCurve { base, prefix, tail }
    }

    /// Least cover cost of `n` regular passes.
    pub fn cost(&self, n: usize) -> i64 {
        let taken = n.min(self.prefix.len() - 1);
        self.base + self.prefix[taken] + (n - taken) as i64 * self.tail
    }

    /// The number of passes at which the cost is least.
    pub fn cheapest(&self) -> usize {
        self.prefix.len() - 1
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
        let c = CoverCurve::new(&inst, ShiftId(0));
        // Nobody: day 0 misses its minimum (1000) and two of its target (200), day 1 one (100).
        assert_eq!(c.cost(0), 1300);
        assert_eq!(c.cost(1), 200);
        assert_eq!(c.cost(2), 100);
        assert_eq!(c.cost(3), 0);
        assert_eq!(c.cheapest(), 3);
        // Surplus goes to a free cell.
        assert_eq!(c.cost(6), 0);

        // With every other cell priced at 20 per surplus person, the cheapest surplus is day 1's 5.
        for d in 2..inst.days() {
            inst.demand[d * n] = DemandCell { weight_over: 20, ..DemandCell::default() };
        }
        let c = CoverCurve::new(&inst, ShiftId(0));
        assert_eq!(c.cost(3), 0);
        assert_eq!(c.cost(4), 5);
        assert_eq!(c.cost(6), 15);
    }
}
