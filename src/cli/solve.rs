//! `heltid solve INSTANCE`: build the best roster within a time budget, using every core.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::io::roster::{to_file, to_json, write_grid};
use crate::io::write_atomic;
use crate::report::CheckReport;
use crate::solver::{Progress, SolveOptions, Termination};
use crate::{Instance, Roster};

/// Arguments of `heltid solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    /// The instance: a heltid file (.toml or .json) or a Curtois–Qu benchmark file (.txt).
    pub instance: PathBuf,
    /// Stop after this many seconds and keep the best roster found.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub time_limit: f64,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Seed of the search; with one thread and a step budget the same seed gives the same roster.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Step budget per worker, for reproducible runs (the time limit still applies).
    #[arg(long, value_name = "N")]
    pub steps: Option<u64>,
    /// Start from this roster (JSON or CSV grid, as `--out` and `--grid` write them) instead of
    /// building one: the search only improves on it; with `--exact` it is where the short search,
    /// the counting bound and the MIP start.
    #[arg(long, value_name = "ROSTER")]
    pub initial: Option<PathBuf>,
    /// Use MIP repair as a neighbourhood: with two or more threads, one worker re-optimises
    /// windows of employees × days of the best roster exactly.
    #[arg(long)]
    pub mip_repair: bool,
    /// Scale the search's temperatures (set from the size of a typical uphill move): below 1
    /// the search settles finer around good rosters, above 1 it roams wider. Every second
    /// worker runs at 0.3 times this.
    #[arg(long, default_value_t = 1.0, value_name = "FACTOR", value_parser = temperature)]
    pub temperature: f64,
    /// Write the roster as JSON (roster-format v1, with the objective by term).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the roster grid: CSV, employees × days (for a .txt benchmark: the grid
    /// nrp_check.py reads).
    #[arg(long, value_name = "FILE")]
    pub grid: Option<PathBuf>,
    /// Print the summary as one JSON document (search figures and the full check report)
    /// instead of text.
    #[arg(long)]
    pub json: bool,
    /// Employees listed in the summary's hours table (those furthest from their target).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub worst: usize,
    /// No progress display.
    #[arg(long, short)]
    pub quiet: bool,
    /// Solve exactly (proves the optimum on small instances): a short search, the counting bound
    /// against its roster (searching on toward the bound when it is within 5 %), then the MIP with the
    /// time left; prints the status, objective, proven bound and gap; the roster JSON carries the
    /// bound.
    #[arg(long)]
    pub exact: bool,
    /// Before the search, spend up to this many seconds on a proven lower bound from the MIP
    /// model (LP relaxation, then branch and bound); it is printed with the gap, written into the
    /// roster JSON as `lower_bound`, and the search stops if it reaches it. 0: no bound.
    #[arg(long, default_value_t = 0.0, value_name = "SECONDS")]
    pub bound_time: f64,
    /// Also write the HTML report of the best roster (as `heltid report --html`).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

/// What `--json` prints: the search figures and the check report of the best roster.
#[derive(serde::Serialize)]
struct SolveReport<'a> {
    seed: u64,
    threads: usize,
    termination: String,
    elapsed_seconds: f64,
    time_to_best_seconds: f64,
    moves: u64,
    lower_bound: Option<i64>,
    report: &'a CheckReport,
}

/// The roster `--initial` names, if any.
pub(super) fn initial_roster(inst: &Instance, args: &SolveArgs) -> anyhow::Result<Option<Roster>> {
    let Some(path) = &args.initial else { return Ok(None) };
    Ok(Some(crate::io::roster::read_roster(inst, path).context("cannot use the initial roster")?))
}

/// Runs the search.
pub fn run(args: SolveArgs) -> anyhow::Result<u8> {
    if args.exact {
        return super::exact::run(&args);
    }
    let inst = super::load_any_instance(&args.instance).context("cannot use the instance")?;
    let is_benchmark = super::is_benchmark_file(&args.instance);
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second Ctrl-C while the roster is being written falls through to the default.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let initial = initial_roster(&inst, &args)?;
    let bar = progress_bar(args.quiet);
    let lower_bound = lower_bound(&inst, args.bound_time, &bar)?;
    let opts = SolveOptions {
        time_limit: Some(Duration::from_secs_f64(args.time_limit.max(0.0))),
        max_steps: args.steps,
        threads: args.threads,
        seed: args.seed,
        initial,
        // Nothing beats a proven lower bound: the search ends there.
        target: lower_bound.map(|soft| crate::Score { hard: 0, soft }),
        mip_repair: args.mip_repair,
        temperature: args.temperature,
    };
    let observer = |p: &Progress| {
        bar.set_message(format!(
            "best {} hard / {} soft · {:.1} M moves/s",
            p.best.hard,
            p.best.soft,
            p.moves_per_second / 1e6
        ))
    };
    let solution = crate::solver::solve(&inst, &opts, &stop, &observer);
    bar.finish_and_clear();
    let roster = &solution.roster;
    let eval = crate::eval::evaluate(&inst, roster);
    if let Some(path) = &args.out {
        let mut file = to_file(&inst, roster, &eval);
        file.lower_bound = lower_bound;
        write_atomic(path, to_json(&file).as_bytes()).context("cannot write the roster")?;
    }
    if let Some(path) = &args.grid {
        write_any_grid(path, is_benchmark, &inst, roster)?;
    }
    if let Some(path) = &args.html {
        super::report::write_html(path, &inst, roster, &eval)?;
    }
    let report = CheckReport::new(&inst, roster, &eval);
    let mut out = std::io::stdout().lock();
    if args.json {
        let doc = SolveReport {
            seed: args.seed,
            threads: solution.threads,
            termination: format!("{:?}", solution.termination),
            elapsed_seconds: solution.elapsed.as_secs_f64(),
            time_to_best_seconds: solution.time_to_best.as_secs_f64(),
            moves: solution.moves,
            lower_bound,
            report: &report,
        };
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "Searched {:.1} s on {} thread{} ({}); best found after {:.1} s; {} moves",
            solution.elapsed.as_secs_f64(),
            solution.threads,
            if solution.threads == 1 { "" } else { "s" },
            termination_text(solution.termination),
            solution.time_to_best.as_secs_f64(),
            solution.moves
        )?;
        if let Some(lb) = lower_bound {
            let gap = crate::bench::bound_gap_percent(eval.score.soft as f64, lb);
            writeln!(
                out,
                "Lower bound {lb} (LP, counting bound and MIP): the soft cost is at most {gap:.2} % above the optimum"
            )?;
        }
        out.write_all(report.to_brief_text(&inst, args.worst).as_bytes())?;
        tell_written(&mut out, &args.out, &args.grid)?;
    }
    out.flush()?;
    Ok(if eval.score.hard > 0 { super::exit::HARD_VIOLATIONS } else { super::exit::OK })
}

/// The MIP model's lower bound within `seconds` (0: none). `None` also when even the LP
/// relaxation has no solution: then every roster breaks a hard rule, as the search will show.
fn lower_bound(inst: &Instance, seconds: f64, bar: &ProgressBar) -> anyhow::Result<Option<i64>> {
    if seconds <= 0.0 {
        return Ok(None);
    }
    let limit = Duration::try_from_secs_f64(seconds).context("--bound-time: not a number of seconds")?;
    bar.set_message("lower bound (LP, counting bound, MIP)…");
    Ok(crate::mip::lower_bound_cost(inst, limit))
}

/// Writes the grid: the Curtois–Qu grid nrp_check.py reads for a benchmark instance, the
/// roster-format CSV otherwise.
pub(super) fn write_any_grid(path: &Path, is_benchmark: bool, inst: &Instance, roster: &Roster) -> anyhow::Result<()> {
    if is_benchmark {
        let text = crate::io::curtois_qu::write_solution(inst, roster);
        write_atomic(path, text.as_bytes()).context("cannot write the grid")
    } else {
        write_grid(path, inst, roster).context("cannot write the grid")
    }
}

/// Says which roster files were written.
pub(super) fn tell_written(
    out: &mut impl Write,
    roster: &Option<PathBuf>,
    grid: &Option<PathBuf>,
) -> std::io::Result<()> {
    for (what, path) in [("roster", roster), ("grid", grid)] {
        if let Some(path) = path {
            writeln!(out, "Wrote the {what} to {}", path.display())?;
        }
    }
    Ok(())
}

fn termination_text(t: Termination) -> &'static str {
    match t {
        Termination::TimeLimit => "time limit",
        Termination::StepLimit => "step budget",
        Termination::Stopped => "stopped by Ctrl-C",
        Termination::TargetReached => "target reached",
        Termination::ProvenOptimal => "proven optimal",
    }
}

/// A spinner with elapsed time and a message on a terminal's stderr; hidden with `-q` or no terminal.
pub(super) fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}").expect("a valid template"));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// `--temperature`'s value, checked as the library checks it.
fn temperature(text: &str) -> Result<f64, String> {
    let factor = text.parse::<f64>().map_err(|_| format!("{text} is not a number"))?;
    crate::solver::temperature_problem(factor).map_or(Ok(factor), Err)
}
