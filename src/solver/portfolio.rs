//! The parallel portfolio: one annealing worker per thread, each with its own seed; after each
//! cycle a worker publishes its best and may continue from the best of all.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::eval::Score;
use crate::model::{Instance, Roster};
use crate::rng::Rng;
use crate::solver::domain::Domain;
use crate::solver::search::Worker;
use crate::solver::{hard_weight, Progress, Solution, SolveOptions, Termination};

/// The best roster any worker has published.
struct Shared {
    best: Score,
    roster: Roster,
    found_at: Duration,
}

/// Searches for the best roster within the options' budgets.
///
/// `stop` may be raised from another thread (a Ctrl-C handler); the search then ends within
/// milliseconds and returns the best roster found. `observer` is called about four times a second.
pub fn solve(
    inst: &Instance,
    opts: &SolveOptions,
    stop: &AtomicBool,
    observer: &(dyn Fn(&Progress) + Sync),
) -> Solution {
    let start = Instant::now();
    let deadline = opts.time_limit.map(|t| start + t);
    let threads = if opts.threads == 0 { rayon::current_num_threads().max(1) } else { opts.threads };
    let dom = Domain::new(inst);
    let weight = hard_weight(inst);
    let master = Rng::new(opts.seed);
    let moves = AtomicU64::new(0);
    let out_of_time = || deadline.is_some_and(|d| Instant::now() >= d);

    // The first roster: given, or built by worker 0's construction.
    let seed_roster = opts.initial.clone().unwrap_or_else(|| dom.seed_roster(inst));
    let mut first = Worker::new(inst, &dom, seed_roster, master.derive(0), weight);
    if opts.initial.is_none() {
        first.construct();
    }
    let shared =
        Mutex::new(Shared { best: first.best_score(), roster: first.best_roster().clone(), found_at: start.elapsed() });
    let termination = Mutex::new(Termination::StepLimit);

    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let mut first = Some(first);
    let workers: Vec<Worker> = (0..threads)
        .map(|i| match (i, first.take()) {
            (0, Some(w)) => w,
            _ => {
                let roster = shared.lock().unwrap().roster.clone();
                Worker::new(inst, &dom, roster, master.derive(i as u64), weight)
            }
        })
        .collect();

    pool.scope(|scope| {
        for (i, mut w) in workers.into_iter().enumerate() {
            let (shared, termination, moves, out_of_time) = (&shared, &termination, &moves, &out_of_time);
            scope.spawn(move |_| {
                let scale = w.typical_uphill(500);
                let cycle = cycle_steps(inst);
                let mut steps_left = opts.max_steps.unwrap_or(u64::MAX);
                let mut last_report = Instant::now();
                loop {
                    let budget = cycle.min(steps_left);
                    let mut counted = 0u64;
                    let mut should_stop = |done: u64| {
                        moves.fetch_add(done - counted, Ordering::Relaxed);
                        counted = done;
                        if i == 0 && last_report.elapsed() >= Duration::from_millis(250) {
                            last_report = Instant::now();
                            report(observer, start, shared, moves);
                        }
                        if stop.load(Ordering::Relaxed) {
                            *termination.lock().unwrap() = Termination::Stopped;
                            return true;
                        }
                        if out_of_time() {
                            *termination.lock().unwrap() = Termination::TimeLimit;
                            return true;
                        }
                        false
                    };
                    let done = w.anneal(budget, scale * 2.0, (scale * 0.02).max(0.3), &mut should_stop);
                    steps_left = steps_left.saturating_sub(done);
                    // Publish, then continue from the best of all.
                    {
                        let mut sh = shared.lock().unwrap();
                        if w.best_score() < sh.best {
                            sh.best = w.best_score();
                            sh.roster.clone_from(w.best_roster());
                            sh.found_at = start.elapsed();
                        }
                        if sh.best < w.best_score() || w.rng.chance(0.5) {
                            let r = sh.roster.clone();
                            drop(sh);
                            w.restart_from(&r);
                        } else {
                            let r = w.best_roster().clone();
                            drop(sh);
                            w.restart_from(&r);
                        }
                    }
                    if done < budget || steps_left == 0 || stop.load(Ordering::Relaxed) || out_of_time() {
                        break;
                    }
                }
            });
        }
    });

    let sh = shared.into_inner().unwrap();
    let total = moves.load(Ordering::Relaxed);
    observer(&Progress {
        elapsed: start.elapsed(),
        best: sh.best,
        moves: total,
        moves_per_second: total as f64 / start.elapsed().as_secs_f64().max(1e-9),
    });
    Solution {
        roster: sh.roster,
        score: sh.best,
        termination: termination.into_inner().unwrap(),
        moves: total,
        time_to_best: sh.found_at,
        elapsed: start.elapsed(),
    }
}

fn report(observer: &(dyn Fn(&Progress) + Sync), start: Instant, shared: &Mutex<Shared>, moves: &AtomicU64) {
    let best = shared.lock().unwrap().best;
    let total = moves.load(Ordering::Relaxed);
    observer(&Progress {
        elapsed: start.elapsed(),
        best,
        moves: total,
        moves_per_second: total as f64 / start.elapsed().as_secs_f64().max(1e-9),
    });
}

/// Steps per annealing cycle: enough to touch every cell many times.
fn cycle_steps(inst: &Instance) -> u64 {
    (inst.employees.len() * inst.days()) as u64 * 200
}
