//! `heltid solve INSTANCE --exact`: the MIP instead of the search (after a short search whose
//! roster the MIP starts from, and the counting bound against that roster, with more search
//! toward the bound when it is lower). Prints the status, objective, proven bound and gap, then the
//! same summary as the search; the roster JSON carries the bound.

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::ProgressBar;

use super::solve::SolveArgs;
use crate::eval::Score;
use crate::io::roster::{to_file, to_json};
use crate::io::write_atomic;
use crate::mip::{counting_bound, solve_exact, Backend, ExactOptions, ExactResult, Status, COUNTING_TIME};
use crate::model::{Instance, Roster};
use crate::report::CheckReport;
use crate::solver::SolveOptions;

/// What `--exact --json` prints.
#[derive(serde::Serialize)]
struct ExactReport<'a> {
    backend: &'static str,
    status: &'static str,
    objective: Option<i64>,
    bound: Option<i64>,
    gap: Option<f64>,
    elapsed_seconds: f64,
    report: Option<&'a CheckReport>,
}

/// Solves the instance with the MIP.
pub(super) fn run(args: &SolveArgs) -> anyhow::Result<u8> {
    let inst = super::load_any_instance(&args.instance).context("cannot use the instance")?;
    let backend = Backend::default();
    let budget = Duration::from_secs_f64(args.time_limit.max(0.0));
    let started = Instant::now();
    // A short search first (a tenth of the budget, at most 3 s): the MIP starts from its roster,
    // so a roster comes back even when the proof does not finish.
    let search = SolveOptions {
        time_limit: Some((budget / 10).min(Duration::from_secs(3))),
        max_steps: args.steps,
        threads: args.threads,
        seed: args.seed,
        initial: super::solve::initial_roster(&inst, args)?,
        temperature: args.temperature,
        ..SolveOptions::default()
    };
    let bar = super::solve::progress_bar(args.quiet);
    bar.set_message("short search");
    let mut start = search_from(&inst, &search);
    // The counting bound against it (a quarter of the budget, at most a minute). When the bound
    // is lower but close (within 1/CLOSE of the cost), the search goes on toward it for all but
    // a tenth of what is left, cold and in rounds with fresh seeds (a roster that meets the bound
    // is proven optimal, and a better one helps the MIP). A far bound is left to the MIP, whose
    // own bound can do better.
    let mut known_bound = None;
    if let Some(cost) = start.as_ref().map(|(_, c)| *c) {
        bar.set_message(format!("counting bound against roster {cost}"));
        known_bound = counting_bound(&inst, cost, Instant::now() + (budget / 4).min(COUNTING_TIME));
        if let Some(bound) = known_bound.filter(|&b| b < cost && (cost - b) * CLOSE <= cost) {
            let left = budget.saturating_sub(started.elapsed());
            let until = Instant::now() + (left - left / 10);
            start = toward_bound(&inst, &search, bound, until, start.take(), &bar);
        }
    }
    let time_limit = Some(budget.saturating_sub(started.elapsed()));
    bar.set_message(format!("MIP ({})", backend.name()));
    let start = start.map(|(roster, _)| roster);
    let result = solve_exact(&inst, &ExactOptions { time_limit, backend, start, known_bound });
    bar.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    let Some(roster) = &result.roster else {
        if args.json {
            let doc = report_doc(backend, &result, elapsed, None);
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", headline(backend, &result, elapsed))?;
            let why = match result.status {
                Status::Infeasible => "every roster breaks a hard rule",
                _ => "no roster found within the time limit",
            };
            writeln!(out, "No roster: {why}")?;
        }
        return Ok(super::exit::HARD_VIOLATIONS);
    };
    let eval = crate::eval::evaluate(&inst, roster);
    if let Some(path) = &args.out {
        let mut file = to_file(&inst, roster, &eval);
        file.lower_bound = result.bound;
        write_atomic(path, to_json(&file).as_bytes()).context("cannot write the roster")?;
    }
    if let Some(path) = &args.grid {
        super::solve::write_any_grid(path, super::is_benchmark_file(&args.instance), &inst, roster)?;
    }
    let report = CheckReport::new(&inst, roster, &eval);
    if args.json {
        let doc = report_doc(backend, &result, elapsed, Some(&report));
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", headline(backend, &result, elapsed))?;
        out.write_all(report.to_brief_text(&inst, args.worst).as_bytes())?;
        super::solve::tell_written(&mut out, &args.out, &args.grid)?;
    }
    out.flush()?;
    Ok(if eval.score.hard > 0 { super::exit::HARD_VIOLATIONS } else { super::exit::OK })
}

/// A counting bound within 1/CLOSE of the start roster's cost is worth searching toward.
const CLOSE: i64 = 20;

/// Searches toward a proven `bound` until it is met or `until` passes, in rounds of at most
/// [`ROUND`] with fresh seeds, at [`COLD`] temperature: only a few units are left to find, and
/// independent short runs find them more often than one long run that keeps to one roster's
/// neighbourhood. The best of `best` and the rounds' rosters.
fn toward_bound(
    inst: &Instance,
    search: &SolveOptions,
    bound: i64,
    until: Instant,
    mut best: Option<(Roster, i64)>,
    bar: &ProgressBar,
) -> Option<(Roster, i64)> {
    for round in 1.. {
        let left = until.saturating_duration_since(Instant::now());
        if best.as_ref().is_some_and(|(_, c)| *c <= bound) || left < ROUND / 4 {
            break;
        }
        let cost = best.as_ref().map_or_else(|| "-".to_string(), |(_, c)| c.to_string());
        bar.set_message(format!("search toward bound {bound}: round {round}, best roster {cost}"));
        let opts = SolveOptions {
            time_limit: Some(left.min(ROUND)),
            seed: search.seed.wrapping_add(round),
            initial: None,
            target: Some(Score { hard: 0, soft: bound }),
            temperature: COLD * search.temperature,
            ..search.clone()
        };
        if let Some(found) = search_from(inst, &opts) {
            if best.as_ref().is_none_or(|(_, c)| found.1 < *c) {
                best = Some(found);
            }
        }
    }
    best
}

/// How long each round of [`toward_bound`] searches, at most.
const ROUND: Duration = Duration::from_secs(20);
/// The temperature factor of [`toward_bound`]'s rounds.
const COLD: f64 = 0.1;

/// The search's roster and its soft cost, when it breaks no hard rule.
fn search_from(inst: &Instance, opts: &SolveOptions) -> Option<(Roster, i64)> {
    let roster = crate::solver::solve(inst, opts, &AtomicBool::new(false), &|_| {}).roster;
    let score = crate::eval::score(inst, &roster);
    score.is_feasible().then_some((roster, score.soft))
}

fn report_doc<'a>(
    backend: Backend,
    result: &ExactResult,
    elapsed: f64,
    report: Option<&'a CheckReport>,
) -> ExactReport<'a> {
    ExactReport {
        backend: backend.name(),
        status: result.status.name(),
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        elapsed_seconds: elapsed,
        report,
    }
}

fn headline(backend: Backend, r: &ExactResult, elapsed: f64) -> String {
    let show = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
    let gap = r.gap.map_or_else(|| "-".to_string(), |g| format!("{:.2} %", 100.0 * g));
    format!(
        "Exact MIP ({}) in {elapsed:.1} s: {}; objective {}, bound {}, gap {gap}",
        backend.name(),
        r.status.name(),
        show(r.objective),
        show(r.bound)
    )
}
