//! MIP repair as a neighbourhood of the portfolio: free a window of a few employees × a run of
//! days in the best roster, re-optimise it exactly with [`crate::mip::repair`], and share the
//! result when it is better. The window grows while the solver proves windows optimal quickly,
//! and shrinks when it runs out of time.

use std::time::{Duration, Instant};

use crate::eval::Score;
use crate::model::{EmployeeId, Instance, Roster};
use crate::rng::Rng;

/// Longest a single repair may take.
const REPAIR_LIMIT: Duration = Duration::from_secs(2);
/// A repair that ends this fast counts as easy, and the next window is larger.
const EASY: Duration = Duration::from_millis(300);

/// The size of the next window, adapted to how hard the last ones were.
pub(crate) struct Window {
    employees: usize,
    days: usize,
}

impl Window {
    /// A first window: 4 employees × 7 days (within the instance's size).
    pub(crate) fn new(inst: &Instance) -> Self {
        Window { employees: 4.min(inst.employees.len()), days: 7.min(inst.days()) }
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
        let mut people: Vec<EmployeeId> = (0..inst.employees.len()).map(|e| EmployeeId(e as u16)).collect();
        rng.shuffle(&mut people);
        people.truncate(self.employees);
        let first = rng.below(inst.days() - self.days + 1);
        let started = Instant::now();
        let repaired = crate::mip::repair(inst, roster, &people, first..first + self.days, limit);
        self.adapt(inst, started.elapsed(), limit);
        let repaired = repaired?;
        let new = crate::eval::score(inst, &repaired);
        (new < score).then_some((repaired, new))
    }

    fn adapt(&mut self, inst: &Instance, took: Duration, limit: Duration) {
        if took < EASY {
            if self.employees < inst.employees.len() && self.employees <= self.days / 2 {
                self.employees += 1;
            } else if self.days < inst.days() {
                self.days += 1;
            }
        } else if took >= limit {
            if self.employees > 2 {
                self.employees -= 1;
            } else if self.days > 2 {
                self.days -= 1;
            }
        }
    }
}
