//! MIP repair as a neighbourhood of the portfolio: free a window of the best roster, re-optimise
//! it exactly with [`crate::mip::repair`], and share the result when it is better.
//!
//! Windows take three shapes in turn, each sized on its own: a block of a few employees × a run of
//! days; every employee over a few days (cover is re-balanced across the whole staff); and a couple
//! of employees over the whole horizon (their lines may trade whole patterns). A shape grows while
//! the solver proves its windows optimal quickly, and shrinks when it runs out of time.

use std::time::{Duration, Instant};

use crate::eval::Score;
use crate::model::{EmployeeId, Instance, Roster};
use crate::rng::Rng;

/// Longest a single repair may take.
const REPAIR_LIMIT: Duration = Duration::from_secs(2);
/// A repair that ends this fast counts as easy, and the next window of its shape is larger.
const EASY: Duration = Duration::from_millis(300);

/// One shape of window and its current size.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `employees` × `days` (both adapted).
    Block { employees: usize, days: usize },
    /// Everyone × `days`.
    AllEmployees { days: usize },
    /// `employees` × the whole horizon.
    WholeHorizon { employees: usize },
}

/// The shapes of the next windows, each adapted to how hard its last windows were.
pub(crate) struct Window {
    shapes: [Shape; 3],
    next: usize,
}

impl Window {
    /// First windows: 4 employees × 7 days, everyone × 2 days, 2 employees × the horizon
    /// (each within the instance's size).
    pub(crate) fn new(inst: &Instance) -> Self {
        let (n, days) = (inst.employees.len(), inst.days());
        Window {
            shapes: [
                Shape::Block { employees: 4.min(n), days: 7.min(days) },
                Shape::AllEmployees { days: 2.min(days) },
                Shape::WholeHorizon { employees: 2.min(n) },
            ],
            next: 0,
        }
    }

    /// Re-optimises a random window of `roster` (score `score`) within `remaining`; the repaired
    /// roster and its score when it is better.
    pub(crate) fn repair(
        &mut self,
        inst: &Instance,
        roster: &Roster,
        score: Score,
        rng: &mut Rng,
        remaining: Duration,
    ) -> Option<(Roster, Score)> {
        let limit = REPAIR_LIMIT.min(remaining);
        if limit < Duration::from_millis(50) {
            return None;
        }
        let k = self.next;
        self.next = (self.next + 1) % self.shapes.len();
        let (n, horizon) = (inst.employees.len(), inst.days());
        let (employees, days) = match self.shapes[k] {
            Shape::Block { employees, days } => (employees, days),
            Shape::AllEmployees { days } => (n, days),
            Shape::WholeHorizon { employees } => (employees, horizon),
        };
        let mut people: Vec<EmployeeId> = (0..n).map(|e| EmployeeId(e as u16)).collect();
        rng.shuffle(&mut people);
        people.truncate(employees);
        let first = rng.below(horizon - days + 1);
        let started = Instant::now();
        let repaired = crate::mip::repair(inst, roster, &people, first..first + days, limit);
        self.shapes[k] = adapt(self.shapes[k], n, horizon, started.elapsed(), limit);
        let repaired = repaired?;
        let new = crate::eval::score(inst, &repaired);
        (new < score).then_some((repaired, new))
    }
}

/// The shape one size up after an easy repair, one down after a repair that ran out of time.
fn adapt(shape: Shape, n: usize, horizon: usize, took: Duration, limit: Duration) -> Shape {
    let (grow, shrink) = (took < EASY, took >= limit);
    let up = |x: usize, max: usize| if grow && x < max { x + 1 } else { x };
    let down = |x: usize, min: usize| if shrink && x > min { x - 1 } else { x };
    match shape {
        Shape::Block { employees, days } if grow => {
            if employees < n && employees <= days / 2 {
                Shape::Block { employees: employees + 1, days }
            } else {
                Shape::Block { employees, days: up(days, horizon) }
            }
        }
        Shape::Block { employees, days } if shrink && employees > 2 => Shape::Block { employees: employees - 1, days },
        Shape::Block { employees, days } => Shape::Block { employees, days: down(days, 2) },
        Shape::AllEmployees { days } => Shape::AllEmployees { days: down(up(days, horizon), 1) },
        Shape::WholeHorizon { employees } => Shape::WholeHorizon { employees: down(up(employees, n), 1) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Duration = Duration::from_millis(10);
    const SLOW: Duration = Duration::from_secs(2);

    #[test]
    fn easy_windows_grow_and_hard_ones_shrink_within_the_instance() {
        let grow = |s| adapt(s, 10, 14, FAST, SLOW);
        let shrink = |s| adapt(s, 10, 14, SLOW, SLOW);
        assert!(matches!(grow(Shape::Block { employees: 3, days: 7 }), Shape::Block { employees: 4, days: 7 }));
        assert!(matches!(grow(Shape::Block { employees: 4, days: 7 }), Shape::Block { employees: 4, days: 8 }));
        assert!(matches!(shrink(Shape::Block { employees: 4, days: 7 }), Shape::Block { employees: 3, days: 7 }));
        assert!(matches!(shrink(Shape::Block { employees: 2, days: 7 }), Shape::Block { employees: 2, days: 6 }));
        assert!(matches!(grow(Shape::AllEmployees { days: 14 }), Shape::AllEmployees { days: 14 }));
        assert!(matches!(shrink(Shape::AllEmployees { days: 1 }), Shape::AllEmployees { days: 1 }));
        assert!(matches!(grow(Shape::WholeHorizon { employees: 2 }), Shape::WholeHorizon { employees: 3 }));
        assert!(matches!(shrink(Shape::WholeHorizon { employees: 2 }), Shape::WholeHorizon { employees: 1 }));
        // Neither easy nor out of time: unchanged.
        let mid = adapt(Shape::AllEmployees { days: 5 }, 10, 14, Duration::from_secs(1), SLOW);
        assert!(matches!(mid, Shape::AllEmployees { days: 5 }));
    }
}
