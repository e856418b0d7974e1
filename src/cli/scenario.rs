//! `heltid scenario INSTANCE SCENARIOS.toml`: solve a baseline and variants with the same budget
//! and seed, in parallel, and compare them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::io::{parse_instance_file, write_atomic, Format};
use crate::scenario::{self, plan_threads, Outcome, RunOptions, ScenarioFile};
use crate::solver::Progress;

/// Arguments of `heltid scenario`.
#[derive(Args, Debug)]
pub struct ScenarioArgs {
    /// The instance file (.toml or .json).
    pub instance: PathBuf,
    /// The scenario file (TOML): a baseline and variants; see instances/*.scenarios.toml.
    pub scenarios: PathBuf,
    /// Seconds of search per variant (default: the scenario file's `time_limit`, else 20).
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Seed of every variant's search.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Threads in all, shared between variants run at once (default: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Step budget per worker, for reproducible runs (with one thread per variant).
    #[arg(long, value_name = "N")]
    pub steps: Option<u64>,
    /// Write the comparison as CSV (variant, figure, value, delta).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write the comparison as JSON (every figure, and deltas against the baseline).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write a self-contained HTML page with the table and bar charts.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// No progress display.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs the scenarios.
pub fn run(args: ScenarioArgs) -> anyhow::Result<u8> {
    // Loading the instance as usual reports its problems with line and column.
    crate::io::load_instance(&args.instance).context("cannot use the instance")?;
    let text = crate::io::read_text(&args.instance).context("cannot use the instance")?;
    let base = parse_instance_file(&text, Format::of_path(&args.instance), &args.instance)
        .context("cannot use the instance")?;
    let file = ScenarioFile::load(&args.scenarios).context("cannot use the scenario file")?;
    let variants = scenario::prepare(&base, &file, &args.scenarios).context("cannot use the scenario file")?;
    let seconds = args.time_limit.or(file.time_limit).unwrap_or(scenario::DEFAULT_TIME_LIMIT).max(0.0);
    let opts = RunOptions {
        time_limit: Some(Duration::from_secs_f64(seconds)),
        max_steps: args.steps,
        threads: args.threads,
        seed: args.seed,
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let show = !args.quiet && std::io::stderr().is_terminal();
    let multi =
        MultiProgress::with_draw_target(if show { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() });
    let (at_once, per) = plan_threads(args.threads, variants.len());
    if show {
        let _ = multi.println(format!(
            "{} variants, {at_once} at a time with {per} thread{} each, {seconds} s each",
            variants.len(),
            if per == 1 { "" } else { "s" }
        ));
    }
    let style = ProgressStyle::with_template("{spinner} {prefix:24} {elapsed:>4} {msg}").expect("a valid template");
    let bars: Vec<ProgressBar> = variants
        .iter()
        .map(|v| {
            let bar = multi.add(ProgressBar::new_spinner().with_style(style.clone()).with_prefix(v.name.clone()));
            bar.set_message("waiting");
            bar
        })
        .collect();
    let observer = |i: usize, p: &Progress| {
        let bar = &bars[i];
        bar.tick();
        bar.set_message(format!("best {} hard / {} soft", p.best.hard, p.best.soft));
    };
    let finished = |i: usize, o: &Outcome| {
        bars[i].finish_with_message(format!(
            "done: {} hard breaches, {:.0} uncovered h, {:.0} resource h",
            o.metrics.hard_violations, o.metrics.uncovered_hours, o.metrics.resource_hours
        ));
    };
    let outcomes = scenario::run(&variants, &opts, &stop, &observer, &finished)?;
    let _ = multi.clear();

    if let Some(path) = &args.csv {
        let text = scenario::csv(&outcomes)?;
        write_atomic(path, text.as_bytes()).context("cannot write the CSV")?;
    }
    if let Some(path) = &args.json {
        let doc = scenario::json_report(
            &args.instance.display().to_string(),
            args.seed,
            Some(seconds),
            args.steps,
            &outcomes,
        );
        let text = serde_json::to_string_pretty(&doc)? + "\n";
        write_atomic(path, text.as_bytes()).context("cannot write the JSON")?;
    }
    if let Some(path) = &args.html {
        let title = format!("heltid scenarios: {}", base.name);
        write_atomic(path, scenario::html(&title, &outcomes).as_bytes()).context("cannot write the HTML")?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Scenarios for {} ({} s per variant, seed {}); deltas against {}",
        base.name,
        seconds,
        args.seed,
        outcomes.first().map_or("", |o| o.name.as_str())
    )?;
    out.write_all(scenario::text_table(&outcomes).as_bytes())?;
    for (what, path) in [("CSV", &args.csv), ("JSON", &args.json), ("HTML", &args.html)] {
        if let Some(path) = path {
            writeln!(out, "Wrote the {what} to {}", path.display())?;
        }
    }
    out.flush()?;
    let hard = outcomes.iter().any(|o| o.metrics.hard_violations > 0);
    Ok(if hard { super::exit::HARD_VIOLATIONS } else { super::exit::OK })
}
