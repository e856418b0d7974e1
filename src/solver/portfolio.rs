//! The parallel portfolio: one annealing worker per thread, each with its own seed and a
//! temperature from a short ladder (warm, cold, warm, ...); after each cycle a worker publishes
//! its best and may continue from the best of all.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::eval::Score;
use crate::io::roster::default_task;
use crate::mip::ColumnPool;
use crate::model::{Cell, EmployeeId, Instance, Roster};
use crate::rng::Rng;
use crate::solver::domain::Domain;
use crate::solver::repair::Window;
use crate::solver::replan::Lines;
use crate::solver::search::Worker;
use crate::solver::{hard_weight, Progress, Solution, SolveOptions, Termination, MAX_HARD_RAISE};

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
    let lines = Lines::new(inst, start, opts.time_limit);
    let mut first = Worker::new(inst, &dom, &lines, seed_roster, master.derive(0), weight);
    if opts.initial.is_none() {
        first.construct();
    }
    let shared =
        Mutex::new(Shared { best: first.best_score(), roster: first.best_roster().clone(), found_at: start.elapsed() });
    let termination = Mutex::new(Termination::StepLimit);
    // Raised when any worker reaches the target, so the others stop too.
    let reached = AtomicBool::new(false);

    // One temperature scale for all workers, so that the ladder's rungs keep their ratio.
    let scale = first.typical_uphill();
    let mut first = Some(first);
    let workers: Vec<Worker> = (0..threads)
        .map(|i| match (i, first.take()) {
            (0, Some(w)) => w,
            _ => {
                let roster = shared.lock().unwrap().roster.clone();
                Worker::new(inst, &dom, &lines, roster, master.derive(i as u64), weight)
            }
        })
        .collect();

    // When progress was last reported, in milliseconds since the start (any worker reports).
    let last_report = AtomicU64::new(0);
    // With MIP repair on and two or more threads, the last worker repairs instead of annealing.
    let repairer = (opts.mip_repair && threads >= 2).then_some(threads - 1);
    // With other workers annealing, the first keeps to column generation after its first cycle.
    let dedicated = threads - usize::from(repairer.is_some()) >= 2;
    // Annealing workers still running: the repair worker stops when they have.
    let annealing = AtomicUsize::new(threads - repairer.is_some() as usize);
    let body = || {
        rayon::scope(|scope| {
            for (i, mut w) in workers.into_iter().enumerate() {
                let (shared, termination, moves, out_of_time, reached, annealing, dom, last_report) =
                    (&shared, &termination, &moves, &out_of_time, &reached, &annealing, &dom, &last_report);
                scope.spawn(move |_| {
                    if repairer == Some(i) {
                        let ended = || {
                            stop.load(Ordering::Relaxed)
                                || reached.load(Ordering::Relaxed)
                                || out_of_time()
                                || annealing.load(Ordering::Relaxed) == 0
                        };
                        repair_worker(inst, shared, &mut w.rng, start, deadline, &ended);
                        return;
                    }
                    let factor = opts.temperature * LADDER[i % LADDER.len()];
                    let scale = scale * factor.max(MIN_TEMPERATURE);
                    let mut plan = CyclePlan::new(inst, opts.time_limit, opts.max_steps, start);
                    let mut steps_left = opts.max_steps.unwrap_or(u64::MAX);
                    let mut hard_weight = weight;
                    // Column runs are timed: a step budget (which keeps a seeded search reproducible) goes
                    // without them.
                    let timed = opts.time_limit.filter(|_| opts.max_steps.is_none());
                    let mut columns = ColumnRuns::new(timed, deadline, w.rng.next_u64(), dedicated);
                    // This worker's best, and when it was found (to within 1,024 steps).
                    let (mut best_seen, mut best_at) = (w.best_score(), start.elapsed());
                    loop {
                        let budget = plan.next_cycle(steps_left);
                        let mut counted = 0u64;
                        let mut should_stop = |done: u64, best: Score| {
                            moves.fetch_add(done - counted, Ordering::Relaxed);
                            counted = done;
                            if best < best_seen {
                                (best_seen, best_at) = (best, start.elapsed());
                            }
                            if opts.target.is_some_and(|t| best <= t) {
                                *termination.lock().unwrap() = Termination::TargetReached;
                                reached.store(true, Ordering::Relaxed);
                                return true;
                            }
                            if reached.load(Ordering::Relaxed) {
                                return true;
                            }
                            report_now(observer, start, shared, moves, last_report);
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
                        // Without a feasible roster yet, roam warmer while the hard weight climbs.
                        let t = if w.best_score().is_feasible() { scale } else { scale * INFEASIBLE_WARMING };
                        let began = Instant::now();
                        let done = w.anneal(budget, t * T0_FACTOR, (t * T1_FACTOR).max(T1_MIN), &mut should_stop);
                        plan.annealed(done, began.elapsed());
                        steps_left = steps_left.saturating_sub(done);
                        // Still infeasible: weigh hard rules more in the next cycle.
                        hard_weight = if w.best_score().is_feasible() {
                            weight
                        } else {
                            (hard_weight * 2).min(weight * MAX_HARD_RAISE)
                        };
                        w.set_hard_weight(hard_weight);
                        // Publish, then continue from the best of all.
                        {
                            let mut sh = shared.lock().unwrap();
                            if w.best_score() < sh.best {
                                sh.best = w.best_score();
                                sh.roster.clone_from(w.best_roster());
                                sh.found_at = best_at;
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
                        let ended = stop.load(Ordering::Relaxed) || reached.load(Ordering::Relaxed) || out_of_time();
                        if done < budget || steps_left == 0 || ended {
                            break;
                        }
                        // The first worker also re-plans all lines together now and then; while
                        // others anneal, it keeps to that as long as the runs go on.
                        if i == 0 {
                            let ended = || stop.load(Ordering::Relaxed) || reached.load(Ordering::Relaxed);
                            loop {
                                if let Some(r) = columns.run((inst, dom), shared, start, &ended) {
                                    w.restart_from(&r);
                                }
                                report_now(observer, start, shared, moves, last_report);
                                if columns.optimal {
                                    // Nothing cheaper exists: every worker stops.
                                    *termination.lock().unwrap() = Termination::ProvenOptimal;
                                    reached.store(true, Ordering::Relaxed);
                                }
                                if !columns.dedicated || !columns.going() || ended() || out_of_time() {
                                    break;
                                }
                            }
                        }
                    }
                    annealing.fetch_sub(1, Ordering::Relaxed);
                });
            }
        })
    };
    // A pool of exactly `threads` workers; should the system refuse one, the global pool.
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(body),
        Err(_) => body(),
    }

    let mut sh = shared.into_inner().unwrap();
    (sh.roster, sh.best) = settled(inst, &dom, sh.roster.clone(), sh.best);
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
        threads,
    }
}

/// Repairs windows exactly until `ended`, sharing every improvement. Repairs chain on the
/// worker's own roster, which it replaces whenever the annealers share a better one.
fn repair_worker(
    inst: &Instance,
    shared: &Mutex<Shared>,
    rng: &mut Rng,
    start: Instant,
    deadline: Option<Instant>,
    ended: &dyn Fn() -> bool,
) {
    let mut window = Window::new(inst);
    let mut own: Option<(Score, Roster)> = None;
    while !ended() {
        {
            let sh = shared.lock().unwrap();
            if own.as_ref().is_none_or(|(best, _)| sh.best < *best) {
                own = Some((sh.best, sh.roster.clone()));
            }
        }
        let Some((best, roster)) = &mut own else { continue };
        // Repair keeps every cell outside the window, so it needs a roster without hard breaches.
        if !best.is_feasible() {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        let remaining = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(Instant::now()));
        if let Some((repaired, score)) = window.repair(inst, roster, *best, rng, remaining) {
            let mut sh = shared.lock().unwrap();
            if score < sh.best {
                (sh.best, sh.roster, sh.found_at) = (score, repaired.clone(), start.elapsed());
            }
            (*best, *roster) = (score, repaired);
        }
    }
}

/// When the first worker runs column generation over whole lines
/// ([`ColumnPool`](crate::mip::ColumnPool)) on the shared best roster: between two cycles, when
/// that roster is feasible, each run given [`COLUMN_SHARE`] of the time budget and all runs
/// together about [`COLUMN_DUTY`] of the time so far; never without a time budget nor with a
/// step budget (which keeps a seeded search reproducible), no more once a run has proven the roster
/// optimal, nor once [`COLUMN_MISSES`] runs in a row have not finished their pricing.
struct ColumnRuns<'a> {
    budget: Option<Duration>,
    deadline: Option<Instant>,
    pool: Option<ColumnPool<'a>>,
    /// Seeds the pool's dives.
    seed: u64,
    misses: u32,
    /// Whether a run proved the shared best optimal.
    optimal: bool,
    /// The time the runs have taken.
    spent: Duration,
    /// Whether the runs have a worker to themselves (no duty cycle).
    dedicated: bool,
    /// Runs in a row that found nothing better.
    idle: u32,
}

impl<'a> ColumnRuns<'a> {
    fn new(budget: Option<Duration>, deadline: Option<Instant>, seed: u64, dedicated: bool) -> Self {
        ColumnRuns {
            budget,
            deadline,
            pool: None,
            seed,
            misses: 0,
            optimal: false,
            spent: Duration::ZERO,
            dedicated,
            idle: 0,
        }
    }

    /// Whether more runs may come: a time budget, a pool of line spaces (or none tried yet),
    /// nothing proven optimal and not too many misses.
    fn going(&self) -> bool {
        self.budget.is_some() && !self.optimal && self.misses < COLUMN_MISSES
    }

    /// Runs once if it is time to, publishing a better roster; returns it.
    /// `ended` tells it the search is over (stopped, or the target reached).
    fn run(
        &mut self,
        (inst, dom): (&'a Instance, &'a Domain),
        shared: &Mutex<Shared>,
        start: Instant,
        ended: &dyn Fn() -> bool,
    ) -> Option<Roster> {
        let (Some(budget), Some(deadline)) = (self.budget, self.deadline) else { return None };
        let (best, roster) = {
            let sh = shared.lock().unwrap();
            (sh.best, sh.roster.clone())
        };
        let busy = !self.dedicated && self.spent > start.elapsed().mul_f64(COLUMN_DUTY);
        if busy || self.optimal || self.misses >= COLUMN_MISSES || !best.is_feasible() {
            return None;
        }
        let began = Instant::now();
        let until = (began + budget.mul_f64(COLUMN_SHARE)).min(deadline);
        if self.pool.is_none() {
            self.pool = ColumnPool::new(inst, dom, until, self.seed);
        }
        let found = self.pool.as_mut().and_then(|p| p.improve(&roster, until, ended));
        if self.pool.is_none() {
            self.misses = COLUMN_MISSES;
        }
        self.spent += began.elapsed();
        let Some(found) = found else {
            self.misses = COLUMN_MISSES;
            return None;
        };
        self.misses = if found.bound.is_some() { 0 } else { self.misses + 1 };
        self.optimal = found.optimal;
        let score = crate::eval::score(inst, &found.roster);
        // Runs of a worker of their own that do not pay go back to sharing it with annealing.
        self.idle = if score < best { 0 } else { self.idle + 1 };
        if self.idle >= DEDICATED_IDLE {
            self.dedicated = false;
        }
        if score >= best {
            return None;
        }
        let mut sh = shared.lock().unwrap();
        if score < sh.best {
            (sh.best, sh.roster, sh.found_at) = (score, found.roster.clone(), start.elapsed());
        }
        Some(found.roster)
    }
}

/// Runs of column generation in a row that may not finish their pricing before no more are
/// made.
const COLUMN_MISSES: u32 = 2;

/// Runs in a row that find nothing better before column generation gives up a worker of its
/// own and goes back to sharing it with annealing.
const DEDICATED_IDLE: u32 = 3;

/// The share of the time budget one run of column generation may take.
const COLUMN_SHARE: f64 = 0.1;

/// The share of the time so far that column generation may have taken before another run.
const COLUMN_DUTY: f64 = 0.25;

/// `roster` (of cost `score`) with its passes in the reading a grid of it gets, when that costs
/// no more: every free pass in its shift type's default task, then each in its cheapest
/// ([`best_reading`](crate::eval::best_reading), as the grid reader does). A grid holds only
/// shift types, so this way a grid written of the result reads back at the reported cost.
fn settled(inst: &Instance, dom: &Domain, roster: Roster, score: Score) -> (Roster, Score) {
    let mut plain = roster.clone();
    for e in (0..inst.employees.len()).map(|e| EmployeeId(e as u16)) {
        for d in (0..inst.days()).filter(|&d| dom.is_free(e, d)) {
            let Some(t) = roster.get(e, d).task() else { continue };
            if let Some(t) = default_task(inst, e, d, inst.tasks[t.idx()].shift) {
                plain.set(e, d, Cell::work(t, false));
            }
        }
    }
    let plain = crate::eval::best_reading(inst, plain, &|e, d, cell| dom.is_free(e, d) && dom.allows(e, cell));
    let cost = crate::eval::score(inst, &plain);
    if cost <= score {
        (plain, cost)
    } else {
        (roster, score)
    }
}

/// Reports progress if no worker has in the last quarter of a second.
fn report_now(
    observer: &(dyn Fn(&Progress) + Sync),
    start: Instant,
    shared: &Mutex<Shared>,
    moves: &AtomicU64,
    last: &AtomicU64,
) {
    let now = start.elapsed().as_millis() as u64;
    let before = last.load(Ordering::Relaxed);
    if now >= before + 250 && last.compare_exchange(before, now, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
        report(observer, start, shared, moves);
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

/// Each worker's temperature factor, by worker number (repeating), times
/// [`SolveOptions::temperature`]: one worker roams at the measured temperature while the next
/// settles finer around the rosters they share. On Curtois–Qu Instances 7 and 9 a colder search
/// finds much better rosters, on 2 and 5 a slightly worse one; the pair does about as well as
/// the better of the two on each (BENCHMARKS.md, *Curtois–Qu benchmark*).
const LADDER: [f64; 2] = [1.0, 0.3];
/// The least temperature factor used (a zero or negative factor would freeze the search).
const MIN_TEMPERATURE: f64 = 0.01;
/// Temperature factor of a worker's cycles while it has no feasible roster. On Curtois–Qu
/// Instance22 (a year, 60 s, seeds 1–3) a warmer search ends with far fewer hard breaches
/// than a colder one: 0, 0, 1 at 10×; 0, 1, 3 at 3×; 30, 41, 26 at 1×; 110, 77, 103 at 0.1×
/// (BENCHMARKS.md, *Temperature scale*).
const INFEASIBLE_WARMING: f64 = 10.0;
/// Start temperature of a cycle, in units of a typical uphill move.
const T0_FACTOR: f64 = 2.0;
/// End temperature of a cycle, in units of a typical uphill move...
const T1_FACTOR: f64 = 0.02;
/// ...but never so cold that a move of cost 1 is never accepted.
const T1_MIN: f64 = 0.3;
/// Steps per roster cell of the first, short cycle: a quick good roster to share.
const FIRST_CYCLE_PER_CELL: u64 = 200;
/// Steps per roster cell of later cycles when only a step budget bounds the search.
const CYCLE_PER_CELL: u64 = 20_000;
/// Cycles a step or time budget is divided into (each cools fully, then restarts from a shared best).
const CYCLES_PER_BUDGET: f64 = 4.0;
/// Steps per roster cell a cycle under a time budget gets at least, at the worker's own annealing
/// pace: a cycle that gives each cell fewer cools too fast to settle. Large instances then get
/// fewer, longer cycles (a year of Curtois–Qu Instances 22–24 in 60 s: one cycle, with medians
/// 2–5 % lower than with four; BENCHMARKS.md, *Fewer cycles when the budget is short per cell*).
const LEAST_CYCLE_PER_CELL: u64 = 10_000;

/// How long each annealing cycle runs. The first is short. After it, a step budget is divided
/// into about [`CYCLES_PER_BUDGET`] cycles, the last one ending with the budget (so a seeded run
/// with a step budget is reproducible); otherwise the worker's measured speed sets the length so
/// that a time budget holds about as many cycles, none shorter than [`LEAST_CYCLE_PER_CELL`]
/// steps per cell, and the last one finishes cooling at the deadline. With neither, cycles have
/// a fixed length per roster cell.
struct CyclePlan {
    cells: u64,
    budget: Option<Duration>,
    step_budget: Option<u64>,
    start: Instant,
    cycles: u32,
    steps_done: u64,
    /// Steps this worker has annealed and the time they took (not counting column runs).
    annealed_steps: u64,
    annealing: Duration,
}

impl CyclePlan {
    fn new(inst: &Instance, budget: Option<Duration>, step_budget: Option<u64>, start: Instant) -> Self {
        let cells = (inst.employees.len() * inst.days()).max(1) as u64;
        CyclePlan {
            cells,
            budget,
            step_budget,
            start,
            cycles: 0,
            steps_done: 0,
            annealed_steps: 0,
            annealing: Duration::ZERO,
        }
    }

    /// Records a cycle's `steps`, annealed in `took`.
    fn annealed(&mut self, steps: u64, took: Duration) {
        self.annealed_steps += steps;
        self.annealing += took;
    }

    /// Steps of the next cycle, at most `steps_left`.
    fn next_cycle(&mut self, steps_left: u64) -> u64 {
        let first = self.cells * FIRST_CYCLE_PER_CELL;
        let steps = match (self.cycles, self.step_budget, self.budget) {
            (0, _, _) => first,
            // A step budget decides alone, so that a seeded run is reproducible.
            (_, Some(total), _) => {
                let wanted = (total as f64 / CYCLES_PER_BUDGET) as u64;
                if (steps_left as f64) < 1.5 * wanted as f64 {
                    steps_left
                } else {
                    wanted.max(first)
                }
            }
            (_, None, None) => self.cells * CYCLE_PER_CELL,
            (_, None, Some(budget)) => {
                let elapsed = self.start.elapsed().as_secs_f64().max(1e-3);
                let rate = self.steps_done as f64 / elapsed;
                let remaining = (budget.as_secs_f64() - elapsed).max(0.0);
                // The least cycle, in seconds at this worker's own annealing pace.
                let pace = self.annealed_steps as f64 / self.annealing.as_secs_f64().max(1e-3);
                let least = (self.cells * LEAST_CYCLE_PER_CELL) as f64 / pace.max(1.0);
                let wanted = (budget.as_secs_f64() / CYCLES_PER_BUDGET).max(least);
                // Stretch the last cycle to the deadline rather than leave a stub.
                let secs = if remaining < 1.5 * wanted { remaining } else { wanted };
                ((rate * secs) as u64).max(first)
            }
        };
        self.cycles += 1;
        let steps = steps.min(steps_left);
        self.steps_done += steps;
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan for 1,000 cells and a 60 s budget, begun a second ago, after its first cycle of
    /// 200,000 steps annealed in `took`.
    fn after_first_cycle(took: Duration) -> CyclePlan {
        let mut plan = CyclePlan {
            cells: 1_000,
            budget: Some(Duration::from_secs(60)),
            step_budget: None,
            start: Instant::now() - Duration::from_secs(1),
            cycles: 0,
            steps_done: 0,
            annealed_steps: 0,
            annealing: Duration::ZERO,
        };
        assert_eq!(plan.next_cycle(u64::MAX), 1_000 * FIRST_CYCLE_PER_CELL);
        plan.annealed(1_000 * FIRST_CYCLE_PER_CELL, took);
        plan
    }

    #[test]
    fn a_fast_pace_keeps_a_quarter_of_the_budget_per_cycle() {
        // 20 M steps/s of annealing: the least cycle (10 M steps) takes 0.5 s, so a cycle is
        // 15 s at the plan's rate of 200,000 steps/s: 3 M steps.
        let steps = after_first_cycle(Duration::from_millis(10)).next_cycle(u64::MAX);
        assert!((2_500_000..=3_000_000).contains(&steps), "{steps}");
    }

    #[test]
    fn a_slow_pace_runs_one_cycle_to_the_deadline() {
        // 200,000 steps/s: the least cycle takes 50 s, so no second one fits after it and the
        // cycle stretches to the deadline, 59 s away: about 11.8 M steps.
        let steps = after_first_cycle(Duration::from_secs(1)).next_cycle(u64::MAX);
        assert!((10_000_000..=11_800_000).contains(&steps), "{steps}");
    }
}
