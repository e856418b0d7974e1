//! Re-planning one employee's whole line: with everyone else's passes held, the line that costs
//! least under the cover the others leave, found over the employee's line space
//! ([`LineSpace`]: every week pattern without a hard breach of its own, joined across weeks)
//! and then judged exactly by the engine like any other move.
//!
//! Annealing changes a few cells at a time. A line banded tightly in minutes, with minimum and
//! maximum runs, often cannot give up one pass without breaking a hard rule until several more
//! changes follow, so good rosters a few changes away stay out of reach. A re-plan moves the
//! whole line in one step. Each pass is priced at what it does to cover: the weight of the
//! slot it fills while others leave it short, or of the surplus it adds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::eval::{Change, State};
use crate::mip::{Counting, Limits, LineSpace, LINE_SCALE};
use crate::model::{Cell, EmployeeId, Instance, TaskId};
use crate::rules::cover_terms;
use crate::solver::domain::Domain;

/// Every employee's line space, built on first use and shared by all workers.
pub(crate) struct Lines {
    spaces: Vec<OnceLock<Option<LineSpace>>>,
    /// No line space is built past this: a tenth ([`BUILD_SHARE`]) into the search's time
    /// budget, if it has one.
    deadline: Option<Instant>,
    /// Whether line spaces may be built at all: false when the instance is past their limits.
    usable: bool,
    /// The summed size of the line spaces built so far; none is built once it passes
    /// [`MAX_TOTAL_SIZE`]. Without a time budget, which spaces are built depends on sizes and
    /// on the order employees are first re-planned in, not on the clock.
    built: AtomicUsize,
}

/// Units of line-space size per ordinary move of pause after a re-plan. Pricing costs about
/// 1.5 ns per unit and an ordinary move about 0.4 µs (Curtois–Qu Instances 6 and 7), so a
/// pause of size / 64 moves leaves re-plans about a fifth of the time. A quarter or four times
/// as many re-plans did no better (BENCHMARKS.md, *Whole-line re-plans*).
const SIZE_PER_STEP: u64 = 64;
/// The fewest ordinary moves between two re-plans.
const MIN_PAUSE: u64 = 1024;

/// The share of a time budget within which line spaces may be built. A short run (a smoke test
/// of a few seconds, or a debug build) must not spend its budget on them; an employee whose
/// line space is not built by then is not re-planned.
const BUILD_SHARE: f64 = 0.1;

/// The most week patterns a line space is built from (about 0.1 s of building). An employee
/// with more is not re-planned: the space costs too much to build and to price for a move.
const MAX_PATTERNS: usize = 100_000;

/// The largest line space built, in units of [`LineSpace::size`]: about 7.5 ms to price at
/// 1.5 ns a unit, as long as several thousand moves. Larger ones (some employees of Curtois–Qu
/// Instances 14, 15 and 17–21, up to 23 million units) made those instances worse, smaller
/// ones better (BENCHMARKS.md, *Leaner line spaces*).
const MAX_SIZE: usize = 5_000_000;

/// The summed size of all line spaces built, at most: about 12 bytes a unit, so 400 MB.
/// Curtois–Qu Instances 1–11 stay well below it (Instance 8 about 25 million); longer
/// horizons build the first employees' spaces only.
const MAX_TOTAL_SIZE: usize = 32_000_000;

impl Lines {
    /// Line spaces for `inst`, none built yet, for a search that started at `start` with
    /// `budget` (none: a step budget only).
    pub(crate) fn new(inst: &Instance, start: Instant, budget: Option<Duration>) -> Self {
        Lines {
            spaces: (0..inst.employees.len()).map(|_| OnceLock::new()).collect(),
            deadline: budget.map(|b| start + b.mul_f64(BUILD_SHARE)),
            usable: LineSpace::fits(inst),
            built: AtomicUsize::new(0),
        }
    }

    /// Employee `e`'s line space, built now if no worker has yet; `None` when too large, or
    /// when the time or size for building has run out.
    fn space(&self, inst: &Instance, e: EmployeeId) -> Option<&LineSpace> {
        if !self.usable {
            return None;
        }
        let space = self.spaces[e.idx()].get_or_init(|| {
            let late = self.deadline.is_some_and(|d| Instant::now() >= d);
            if late || self.built.load(Ordering::Relaxed) >= MAX_TOTAL_SIZE {
                return None;
            }
            let far = || Instant::now() + Duration::from_secs(86_400);
            let limits = Limits { patterns: MAX_PATTERNS, size: MAX_SIZE };
            let space = LineSpace::new(inst, e, Counting::Limited, limits, self.deadline.unwrap_or_else(far))?;
            self.built.fetch_add(space.size(), Ordering::Relaxed);
            Some(space)
        });
        space.as_ref()
    }

    /// How many other moves to make after re-planning `e`'s line before the next re-plan: one
    /// per [`SIZE_PER_STEP`] units of the size of `e`'s line space, at least [`MIN_PAUSE`].
    pub(crate) fn pause(&self, e: EmployeeId) -> u64 {
        let size = self.spaces[e.idx()].get().and_then(Option::as_ref).map_or(0, LineSpace::size);
        (size as u64 / SIZE_PER_STEP).max(MIN_PAUSE)
    }

    /// Writes into `buf` the changes that turn `e`'s line into the cheapest line of their line
    /// space under the cover the other employees leave. False when there is no line space or
    /// the line would not change.
    pub(crate) fn replan(&self, state: &State, dom: &Domain, e: EmployeeId, buf: &mut Vec<Change>) -> bool {
        buf.clear();
        let inst = state.instance();
        let Some(space) = self.space(inst, e) else { return false };
        let (days, shifts) = (inst.days(), inst.shifts.len());
        // Per day and shift type: the task this employee would work, and its price.
        let (tasks, prices) = dom.cheapest_tasks(inst, e, |d, t| marginal_cover(state, e, d, t) * LINE_SCALE);
        let priced = space.price(&prices, shifts);
        let cheapest = priced.cost.iter().enumerate().filter(|(_, &c)| c < i64::MAX).min_by_key(|(_, &c)| c);
        let Some((best, _)) = cheapest else { return false };
        let roster = state.roster();
        for (d, shift) in space.line(&priced, best, days).into_iter().enumerate() {
            let cell = match shift {
                None => Cell::OFF,
                Some(s) => match tasks[d * shifts + s.idx()] {
                    Some(t) => Cell::work(t, false),
                    None => {
                        buf.clear();
                        return false;
                    }
                },
            };
            if dom.is_free(e, d) && cell != roster.get(e, d) {
                buf.push(Change { e, day: d, cell });
            }
        }
        !buf.is_empty()
    }
}

/// What one more regular pass of task `t` on day `d` costs cover (negative: it saves), counting
/// every employee's regular passes but `e`'s.
fn marginal_cover(state: &State, e: EmployeeId, d: usize, t: TaskId) -> i64 {
    let own = state.roster().get(e, d);
    let others = state.cover_count(d, t) - u16::from(own.task() == Some(t) && !own.is_resource());
    let cost = |count: u16| {
        let mut sum = 0;
        cover_terms(state.instance(), d, t, count, &mut |term| sum += term.soft());
        sum
    };
    cost(others + 1) - cost(others)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DemandCell, Roster};
    use crate::rules::testkit::Kit;

    /// Two employees of the Swedish kit over two weeks who may only work Dag (the other passes
    /// need another skill), with one Dag pass wanted every day (10 per person missing, 3 per
    /// person too many).
    fn two_on_dag() -> Instance {
        let mut inst = Kit::swedish().instance(14);
        let mut other = inst.employees[0].clone();
        other.id = "e2".into();
        inst.employees.push(other);
        for task in &mut inst.tasks[1..] {
            task.skill = crate::model::SkillId(1);
        }
        let shifts = inst.shifts.len();
        for d in 0..inst.days() {
            inst.demand[d * shifts] = DemandCell { min: 0, target: 1, weight_min: 0, weight_under: 10, weight_over: 3 };
        }
        inst.finish();
        inst
    }

    #[test]
    fn a_pass_saves_what_the_others_leave_short_and_costs_what_it_adds_above_target() {
        let inst = two_on_dag();
        let dag = Cell::work(TaskId(0), false);
        let (e, f) = (EmployeeId(0), EmployeeId(1));
        let mut roster = Roster::empty(&inst);
        assert_eq!(marginal_cover(&State::new(&inst, roster.clone()), e, 3, TaskId(0)), -10);
        // The employee's own pass is not someone else's: still short without it.
        roster.set(e, 3, dag);
        assert_eq!(marginal_cover(&State::new(&inst, roster.clone()), e, 3, TaskId(0)), -10);
        // With the other employee on Dag, one more is one too many.
        roster.set(f, 3, dag);
        assert_eq!(marginal_cover(&State::new(&inst, roster.clone()), e, 3, TaskId(0)), 3);
        // A resource shift does not count toward cover.
        roster.set(f, 3, Cell::work(TaskId(0), true));
        assert_eq!(marginal_cover(&State::new(&inst, roster), e, 3, TaskId(0)), -10);
    }

    #[test]
    fn a_replan_improves_a_line_far_from_its_best_then_finds_nothing_more() {
        let inst = two_on_dag();
        let dom = Domain::new(&inst);
        let lines = Lines::new(&inst, Instant::now(), None);
        // An empty roster: every Dag slot is short.
        let mut state = State::new(&inst, Roster::empty(&inst));
        let before = state.score();
        let mut buf = Vec::new();
        let e = EmployeeId(0);
        assert!(lines.replan(&state, &dom, e, &mut buf));
        assert!(buf.iter().all(|c| c.e == e && dom.is_free(c.e, c.day) && dom.allows(c.e, c.cell)));
        let after = state.apply(&buf);
        assert_eq!(after.hard, 0, "the re-planned line breaks a hard rule");
        assert!(after < before, "{before} -> {after}");
        // Against the same others, the cheapest line is the one it now has.
        assert!(!lines.replan(&state, &dom, e, &mut buf));
        // The other employee fills the slots left: at most the days the first does not work.
        let worked = (0..inst.days()).filter(|&d| state.roster().get(e, d).is_work()).count();
        assert!(lines.replan(&state, &dom, EmployeeId(1), &mut buf));
        let dag = Cell::work(TaskId(0), false);
        assert!(buf.iter().all(|c| c.cell != dag || !state.roster().get(e, c.day).is_work()));
        assert!(worked > 0);
    }
}
