//! The search: build a complete roster fast, then improve it with a portfolio of annealing
//! workers (one per thread) that share their best rosters.
//!
//! ```
//! use std::path::Path;
//! use std::sync::atomic::AtomicBool;
//! use std::time::Duration;
//!
//! let instance = heltid::io::load_instance(Path::new("instances/tiny.toml")).unwrap();
//! let options = heltid::SolveOptions {
//!     time_limit: Some(Duration::from_secs(5)),
//!     threads: 2,
//!     seed: 7,
//!     // Stop at the first roster that breaks no hard rule.
//!     target: Some(heltid::Score { hard: 0, soft: i64::MAX }),
//!     ..Default::default()
//! };
//! // Raise `stop` from another thread (a Ctrl-C handler) to end the search early.
//! let stop = AtomicBool::new(false);
//! let solution = heltid::solve(&instance, &options, &stop, &|p: &heltid::Progress| {
//!     eprintln!("{:.1} s: best {}", p.elapsed.as_secs_f64(), p.best);
//! });
//! assert!(solution.score.is_feasible());
//! assert_eq!(solution.score, heltid::eval::score(&instance, &solution.roster));
//! println!("{} after {} moves", solution.score, solution.moves);
//! ```

mod construct;
mod domain;
mod focus;
mod moves;
mod portfolio;
mod repair;
mod replan;
mod search;

use std::time::Duration;

pub use domain::Domain;
pub use portfolio::solve;

use crate::eval::Score;
use crate::model::{Instance, Roster};

/// How to search.
#[derive(Clone, Debug)]
pub struct SolveOptions {
    /// Wall-clock budget; `None` runs until the step budget or the stop flag.
    pub time_limit: Option<Duration>,
    /// Step budget per worker (deterministic with one thread); `None` for no step limit.
    pub max_steps: Option<u64>,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Master seed; worker seeds are derived from it.
    pub seed: u64,
    /// A roster to start from instead of constructing one.
    pub initial: Option<Roster>,
    /// Stop as soon as a roster scores this well or better (e.g. `Score::new(0, i64::MAX)` for the
    /// first feasible roster, or a best-known value); `None` searches the whole budget.
    pub target: Option<Score>,
    /// Use MIP repair as a neighbourhood (see `solver::repair`): with two or more threads, the
    /// last worker re-optimises windows of the shared best roster exactly instead of annealing.
    pub mip_repair: bool,
    /// Multiplies the annealing temperatures, which are otherwise set from the size of a typical
    /// uphill move: below 1 the search settles finer around good rosters (as when only a few
    /// units separate the best roster from a proven bound), above 1 it roams wider. 1 by default.
    /// Workers alternate between this temperature and a colder one (see `portfolio`).
    pub temperature: f64,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Some(Duration::from_secs(10)),
            max_steps: None,
            threads: 0,
            seed: 1,
            initial: None,
            target: None,
            mip_repair: false,
            temperature: 1.0,
        }
    }
}

/// Why `factor` cannot be a [`SolveOptions::temperature`], if it cannot (it must be a finite
/// number above zero); for the command line and suite files to say.
pub fn temperature_problem(factor: f64) -> Option<String> {
    (!(factor.is_finite() && factor > 0.0))
        .then(|| format!("{factor} is not a temperature factor: give a number above zero (1: as measured)"))
}

/// Why the search ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Termination {
    /// The time limit was reached.
    TimeLimit,
    /// The step budget was used up.
    StepLimit,
    /// The caller raised the stop flag (Ctrl-C).
    Stopped,
    /// A roster reached [`SolveOptions::target`].
    TargetReached,
    /// Column generation proved the roster optimal: no roster without hard breaches costs less.
    ProvenOptimal,
}

/// Progress reported while searching.
#[derive(Clone, Debug)]
pub struct Progress {
    /// Time since the search began.
    pub elapsed: Duration,
    /// Best score so far.
    pub best: Score,
    /// Moves evaluated so far, all workers.
    pub moves: u64,
    /// Moves per second over the run.
    pub moves_per_second: f64,
}

/// The result of a search.
#[derive(Clone, Debug)]
pub struct Solution {
    /// The best roster found.
    pub roster: Roster,
    /// Its score.
    pub score: Score,
    /// Why the search ended.
    pub termination: Termination,
    /// Moves evaluated, all workers.
    pub moves: u64,
    /// Time from the start to the best roster.
    pub time_to_best: Duration,
    /// Time spent.
    pub elapsed: Duration,
    /// Worker threads used.
    pub threads: usize,
}

/// `hard × weight + soft`: what the annealer minimises.
#[inline]
pub(crate) fn weighted(s: Score, hard_weight: i64) -> i64 {
    s.hard * hard_weight + s.soft
}

/// The weight of one unit of hard penalty at the start: three times the dearest soft unit, so
/// that the search prefers feasibility over any single soft gain yet can cross infeasible ground
/// to reach better rosters. A worker whose cycle ends without a feasible roster doubles it for
/// the next cycle (up to [`MAX_HARD_RAISE`] times), and returns to it once it has one.
pub(crate) fn hard_weight(inst: &Instance) -> i64 {
    let cover = inst.demand.iter().map(|d| d.weight_min as i64 + d.weight_under as i64).max().unwrap_or(0);
    let wishes = inst.employees.iter().flat_map(|e| e.wishes.iter().map(|w| w.weight as i64)).max().unwrap_or(0);
    3 * cover.max(wishes).max(100)
}

/// How far a worker may raise the hard weight while it has no feasible roster.
pub(crate) const MAX_HARD_RAISE: i64 = 32;

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::rng::Rng;
    use crate::rules::testkit::random_instance;

    fn run(inst: &Instance, seed: u64, steps: u64) -> Solution {
        let opts = SolveOptions {
            time_limit: None,
            max_steps: Some(steps),
            threads: 1,
            seed,
            initial: None,
            target: None,
            mip_repair: false,
            temperature: 1.0,
        };
        solve(inst, &opts, &AtomicBool::new(false), &|_| {})
    }

    #[test]
    fn same_seed_one_thread_gives_the_same_roster() {
        let inst = random_instance(&mut Rng::new(5));
        let (a, b) = (run(&inst, 9, 20_000), run(&inst, 9, 20_000));
        assert_eq!(a.roster, b.roster);
        assert_eq!(a.score, b.score);
        assert_eq!(a.termination, Termination::StepLimit);
    }

    #[test]
    fn the_reported_score_is_the_roster_s_score_and_search_improves_on_construction() {
        let mut rng = Rng::new(11);
        for _ in 0..5 {
            let inst = random_instance(&mut rng);
            let short = run(&inst, 1, 200);
            let long = run(&inst, 1, 50_000);
            assert_eq!(long.score, crate::eval::score(&inst, &long.roster));
            assert!(long.score <= short.score, "{} > {}", long.score, short.score);
        }
    }

    #[test]
    fn a_raised_stop_flag_ends_the_search_at_once() {
        let inst = random_instance(&mut Rng::new(3));
        let opts = SolveOptions {
            time_limit: None,
            max_steps: None,
            threads: 2,
            seed: 1,
            initial: None,
            target: None,
            mip_repair: false,
            temperature: 1.0,
        };
        let sol = solve(&inst, &opts, &AtomicBool::new(true), &|_| {});
        assert_eq!(sol.termination, Termination::Stopped);
        assert_eq!(sol.score, crate::eval::score(&inst, &sol.roster));
    }

    #[test]
    fn the_search_ends_when_the_target_is_reached() {
        let inst = random_instance(&mut Rng::new(8));
        let any = Score { hard: i64::MAX, soft: i64::MAX };
        let opts = SolveOptions {
            time_limit: None,
            max_steps: Some(1_000_000),
            threads: 2,
            target: Some(any),
            ..Default::default()
        };
        let sol = solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
        assert_eq!(sol.termination, Termination::TargetReached);
        assert!(sol.moves < 2048, "{} moves after the target was reached", sol.moves);
        // A target no roster can reach: the whole budget is used.
        let never = Score { hard: -1, soft: 0 };
        let opts = SolveOptions { target: Some(never), max_steps: Some(5_000), ..opts };
        assert_eq!(solve(&inst, &opts, &AtomicBool::new(false), &|_| {}).termination, Termination::StepLimit);
    }

    #[test]
    fn mip_repair_worker_shares_only_better_rosters_and_ends_with_the_annealers() {
        let mut rng = Rng::new(21);
        for _ in 0..3 {
            let inst = random_instance(&mut rng);
            let opts = SolveOptions {
                time_limit: Some(Duration::from_secs(20)),
                max_steps: Some(30_000),
                threads: 2,
                mip_repair: true,
                ..Default::default()
            };
            let sol = solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
            assert_eq!(sol.termination, Termination::StepLimit, "the repair worker kept the search alive");
            assert_eq!(sol.score, crate::eval::score(&inst, &sol.roster));
        }
    }
}
