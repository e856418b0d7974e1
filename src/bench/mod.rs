//! Benchmarking the solver: run a [`Suite`] of instances × seeds, one run after another, and
//! record for each run the objective, feasibility, gap to the best-known value and whether the
//! roster's score, recomputed from scratch, equals the score the solver reported.
//!
//! [`summary::Report`] aggregates the runs per instance (median over seeds) and
//! [`table`] writes them as Markdown, CSV and JSON.

pub mod reference;
pub mod suite;
pub mod summary;
pub mod table;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::Serialize;

pub use reference::References;
pub use suite::{Overrides, Suite};
pub use summary::Report;

use crate::model::Instance;
use crate::solver::{Progress, SolveOptions};
use crate::{Result, Score};

/// One instance of a suite, loaded.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Its name in tables and roster files: the file stem (`Instance1`, `tiny`).
    pub name: String,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// The instance.
    pub instance: Instance,
    /// Whether it is a Curtois–Qu benchmark file (its rosters are written as benchmark grids).
    pub benchmark: bool,
}

/// The record of one run: one instance, one seed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    /// Instance name.
    pub instance: String,
    /// Master seed.
    pub seed: u64,
    /// Worker threads used.
    pub threads: usize,
    /// Time limit, in seconds.
    pub time_limit: f64,
    /// Soft cost of the best roster (for a Curtois–Qu instance: the benchmark objective).
    pub objective: i64,
    /// Hard penalty of the best roster (0: feasible).
    pub hard: i64,
    /// Number of hard breaches.
    pub hard_violations: usize,
    /// Whether no hard rule is broken.
    pub feasible: bool,
    /// Best-known objective, when known.
    pub best_known: Option<i64>,
    /// `(objective − best known) / best known · 100`, for a feasible run with a best-known
    /// value.
    pub gap_percent: Option<f64>,
    /// A proven lower bound on the objective from the MIP model ([`crate::mip::lower_bound`]),
    /// when the suite asks for one and it was found in time.
    pub lower_bound: Option<i64>,
    /// `(objective − lower bound) / objective · 100`: how far the run can be from the optimum,
    /// for a feasible run with a bound.
    pub bound_gap_percent: Option<f64>,
    /// Seconds from the start to the best roster.
    pub time_to_best: f64,
    /// Seconds spent.
    pub elapsed: f64,
    /// Moves evaluated, all workers.
    pub moves: u64,
    /// Whether the roster's score, recomputed from scratch, equals the score the solver reported.
    pub verified: bool,
    /// Why the search ended (`TimeLimit`, `TargetReached` at a proven lower bound, `Stopped`).
    pub termination: String,
    /// Where the roster was written (`--out-dir`).
    pub roster_file: Option<PathBuf>,
}

/// The name of an instance file: its stem.
pub fn instance_name(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

/// `(objective − best_known) / best_known · 100`; `None` when the best-known value is 0 and the
/// objective is not (the ratio is undefined).
pub fn gap_percent(objective: f64, best_known: i64) -> Option<f64> {
    if best_known == 0 {
        return (objective == 0.0).then_some(0.0);
    }
    Some((objective - best_known as f64) / best_known as f64 * 100.0)
}

/// `(objective − bound) / objective · 100`; 0 when the objective is 0.
pub fn bound_gap_percent(objective: f64, bound: i64) -> f64 {
    if objective == 0.0 {
        return 0.0;
    }
    (objective - bound as f64) / objective * 100.0
}

/// What a caller sees of a running suite (the command line shows progress with it).
/// `index` counts runs from 0; `planned` is instances × seeds.
pub trait Watcher: Sync {
    /// The lower bound of an instance is being computed (before its runs).
    fn bounding(&self, _instance: &str) {}
    /// A run begins.
    fn started(&self, _instance: &str, _seed: u64, _index: usize, _planned: usize) {}
    /// The solver's progress within the current run (about four times a second).
    fn progress(&self, _progress: &Progress) {}
    /// A run has ended.
    fn finished(&self, _run: &Run, _index: usize, _planned: usize) {}
}

/// A watcher that ignores everything.
impl Watcher for () {}

/// Runs every entry once per seed of the suite, in order, telling `watcher` as runs start,
/// progress and end. With `out_dir`, each run's roster is written there as `NAME.seedN.tsv` (a
/// Curtois–Qu grid, which `nrp_check.py` reads) or `NAME.seedN.json` (roster format v1).
///
/// With a `bound_time_limit`, each instance first gets a lower bound from the MIP model. A run
/// ends as soon as it reaches a proven lower bound (that one, or `lower_bound` in `bks.csv`):
/// termination `TargetReached`. When `stop` is raised (Ctrl-C), the current run ends with its
/// best roster and the remaining runs are skipped.
///
/// # Errors
/// An I/O error naming the roster file that could not be written.
pub fn run(
    suite: &Suite,
    entries: &[Entry],
    refs: &References,
    out_dir: Option<&Path>,
    stop: &AtomicBool,
    watcher: &dyn Watcher,
) -> Result<Vec<Run>> {
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::new(dir, e.into()))?;
    }
    let planned = entries.len() * suite.seeds.len();
    let mut runs = Vec::new();
    for entry in entries {
        let lower_bound = if suite.bound_time_limit > 0.0 && !stop.load(Ordering::SeqCst) {
            watcher.bounding(&entry.name);
            let limit =
                Duration::try_from_secs_f64(suite.bound_time_limit.min(suite::MAX_TIME_LIMIT)).unwrap_or_default();
            // None: no roster without hard breaches exists; the runs will show it.
            crate::mip::lower_bound_cost(&entry.instance, limit)
        } else {
            None
        };
        let target = refs.lower_bound(&entry.name).max(lower_bound).map(|lb| Score { hard: 0, soft: lb });
        for &seed in &suite.seeds {
            if stop.load(Ordering::SeqCst) {
                return Ok(runs);
            }
            let opts = SolveOptions {
                // Clamped, so a suite built in code with a bad limit cannot panic here.
                time_limit: Some(
                    Duration::try_from_secs_f64(suite.time_limit.clamp(0.0, suite::MAX_TIME_LIMIT)).unwrap_or_default(),
                ),
                max_steps: None,
                threads: suite.threads,
                seed,
                initial: None,
                // Nothing beats a proven lower bound: a run that reaches it ends there.
                target,
                mip_repair: suite.mip_repair,
                temperature: suite.temperature,
            };
            watcher.started(&entry.name, seed, runs.len(), planned);
            let solution = crate::solver::solve(&entry.instance, &opts, stop, &|p: &Progress| watcher.progress(p));
            let eval = crate::eval::evaluate(&entry.instance, &solution.roster);
            let score = eval.score;
            let best_known = refs.best_known(&entry.name);
            let roster_file = match out_dir {
                Some(dir) => Some(write_roster(dir, entry, seed, &solution.roster, &eval)?),
                None => None,
            };
            let run = Run {
                instance: entry.name.clone(),
                seed,
                threads: solution.threads,
                time_limit: suite.time_limit,
                objective: score.soft,
                hard: score.hard,
                hard_violations: eval.hard_violations(),
                feasible: score.is_feasible(),
                best_known,
                gap_percent: best_known
                    .filter(|_| score.is_feasible())
                    .and_then(|bk| gap_percent(score.soft as f64, bk)),
                lower_bound,
                bound_gap_percent: lower_bound
                    .filter(|_| score.is_feasible())
                    .map(|lb| bound_gap_percent(score.soft as f64, lb)),
                time_to_best: solution.time_to_best.as_secs_f64(),
                elapsed: solution.elapsed.as_secs_f64(),
                moves: solution.moves,
                verified: score == solution.score,
                termination: format!("{:?}", solution.termination),
                roster_file,
            };
            watcher.finished(&run, runs.len(), planned);
            runs.push(run);
        }
    }
    Ok(runs)
}

/// Writes a run's roster into `dir`; returns its path.
fn write_roster(
    dir: &Path,
    entry: &Entry,
    seed: u64,
    roster: &crate::Roster,
    eval: &crate::Evaluation,
) -> Result<PathBuf> {
    if entry.benchmark {
        let path = dir.join(format!("{}.seed{seed}.tsv", entry.name));
        let text = crate::io::curtois_qu::write_solution(&entry.instance, roster);
        crate::io::write_atomic(&path, text.as_bytes())?;
        Ok(path)
    } else {
        let path = dir.join(format!("{}.seed{seed}.json", entry.name));
        crate::io::roster::write_roster_json(&path, &entry.instance, roster, eval)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use crate::rules::testkit::random_instance;

    #[test]
    fn gap_is_relative_to_the_best_known_value() {
        assert_eq!(gap_percent(607.0, 607), Some(0.0));
        assert_eq!(gap_percent(660.0, 600), Some(10.0));
        assert_eq!(gap_percent(0.0, 0), Some(0.0));
        assert_eq!(gap_percent(5.0, 0), None);
    }

    #[test]
    fn instance_names_are_file_stems() {
        assert_eq!(instance_name(Path::new("/a/b/Instance12.txt")), "Instance12");
        assert_eq!(instance_name(Path::new("instances/tiny.toml")), "tiny");
    }

    #[test]
    fn every_seed_of_every_instance_runs_and_verifies() {
        let mut rng = Rng::new(4);
        let entries: Vec<Entry> = ["a", "b"]
            .iter()
            .map(|n| Entry {
                name: n.to_string(),
                path: n.into(),
                instance: random_instance(&mut rng),
                benchmark: false,
            })
            .collect();
        let suite = Suite {
            title: "t".into(),
            time_limit: 0.05,
            threads: 1,
            seeds: vec![1, 2],
            instances: entries.iter().map(|e| e.path.clone()).collect(),
            best_known: None,
            peers: None,
            mip_repair: false,
            bound_time_limit: 0.0,
            temperature: 1.0,
        };
        let dir = tempfile::tempdir().unwrap();
        struct Seen(std::sync::Mutex<Vec<(String, u64, usize, usize)>>);
        impl Watcher for Seen {
            fn finished(&self, r: &Run, index: usize, planned: usize) {
                self.0.lock().unwrap().push((r.instance.clone(), r.seed, index, planned));
            }
        }
        let seen = Seen(Default::default());
        let runs =
            run(&suite, &entries, &References::default(), Some(dir.path()), &AtomicBool::new(false), &seen).unwrap();
        let seen: Vec<_> = seen
            .0
            .into_inner()
            .unwrap()
            .into_iter()
            .map(|(i, s, n, p)| {
                assert_eq!(p, 4);
                (i, s, n)
            })
            .collect();
        assert_eq!(seen, [("a".into(), 1, 0), ("a".into(), 2, 1), ("b".into(), 1, 2), ("b".into(), 2, 3)]);
        assert!(runs.iter().all(|r| r.verified && r.threads == 1 && r.best_known.is_none()));
        assert!(dir.path().join("b.seed2.json").is_file());
    }

    #[test]
    fn a_raised_stop_flag_skips_the_runs() {
        let mut rng = Rng::new(4);
        let entry = Entry { name: "a".into(), path: "a".into(), instance: random_instance(&mut rng), benchmark: false };
        let suite = Suite {
            title: "t".into(),
            time_limit: 5.0,
            threads: 1,
            seeds: vec![1],
            instances: vec!["a".into()],
            best_known: None,
            peers: None,
            mip_repair: false,
            bound_time_limit: 0.0,
            temperature: 1.0,
        };
        let runs = run(&suite, &[entry], &References::default(), None, &AtomicBool::new(true), &()).unwrap();
        assert!(runs.is_empty());
    }
}
