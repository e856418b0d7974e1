//! `heltid bench [SUITE.toml | INSTANCE...]`: run instances × seeds, compare with best-known
//! values and other solvers, and print a Markdown table.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::bench::{table, Entry, Overrides, References, Report, Run, Suite, Watcher};

/// Arguments of `heltid bench`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// A suite file (TOML with an `instances` list, see benches/suites/), or instance files
    /// (.txt Curtois–Qu benchmarks, .toml/.json heltid instances).
    #[arg(required = true, value_name = "SUITE.toml | INSTANCE")]
    pub inputs: Vec<PathBuf>,
    /// Seconds per run (overrides the suite's `time_limit`; default 10).
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
    /// Use MIP repair as a neighbourhood of the search (overrides the suite's `mip_repair`).
    #[arg(long)]
    pub mip_repair: bool,
    /// Before an instance's runs, spend up to this many seconds on a proven lower bound from the
    /// MIP model, shown with the gap to it (overrides the suite's `bound_time_limit`; default 0:
    /// no bound). A run that reaches the bound stops there.
    #[arg(long, value_name = "SECONDS")]
    pub bound_time: Option<f64>,
    /// Scale the search's temperatures (overrides the suite's `temperature`; default 1): below 1
    /// the search settles finer around good rosters, above 1 it roams wider.
    #[arg(long, value_name = "FACTOR")]
    pub temperature: Option<f64>,
    /// Worker threads per run (overrides the suite's `threads`; 0: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Seeds, comma-separated (overrides the suite's `seeds`; default 1).
    #[arg(long, value_name = "1,2,3", value_delimiter = ',')]
    pub seeds: Option<Vec<u64>>,
    /// Write one CSV row per run.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write one JSON document: settings, per-instance rows, summary and every run.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the Markdown table (also printed on stdout).
    #[arg(long, value_name = "FILE")]
    pub md: Option<PathBuf>,
    /// Write each run's roster into this folder (NAME.seedN.tsv for benchmarks, which
    /// nrp_check.py reads; NAME.seedN.json for heltid instances).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs the suite; exit 0 when every run is feasible and verified, 1 otherwise.
pub fn run(args: BenchArgs) -> anyhow::Result<u8> {
    let suite = plan(&args)?;
    let refs = References::load(suite.best_known.as_deref(), suite.peers.as_deref())
        .context("cannot use the reference files")?;
    let entries = suite
        .instances
        .iter()
        .map(|path| {
            let instance = super::load_any_instance(path).context("cannot use the instance")?;
            let name = crate::bench::instance_name(path);
            Ok(Entry { name, path: path.clone(), instance, benchmark: super::is_benchmark_file(path) })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let watcher = Progress::new(args.quiet);
    let runs = crate::bench::run(&suite, &entries, &refs, args.out_dir.as_deref(), &stop, &watcher)
        .context("cannot write a roster")?;
    watcher.bar.finish_and_clear();
    let planned = entries.len() * suite.seeds.len();
    if stop.load(Ordering::SeqCst) && !args.quiet {
        eprintln!("interrupted: {} of {planned} runs done", runs.len());
    }

    let report = Report::new(&suite, &refs, runs);
    let md = table::markdown(&report);
    // The table goes to stdout first, so the results survive an output file that cannot be written.
    let mut out = std::io::stdout().lock();
    out.write_all(md.as_bytes())?;
    out.flush()?;
    for (path, text) in [(&args.md, &md), (&args.csv, &table::csv(&report)), (&args.json, &table::json(&report))] {
        if let Some(path) = path {
            write_output(path, text)?;
        }
    }
    Ok(if report.summary.all_good() { super::exit::OK } else { super::exit::HARD_VIOLATIONS })
}

/// The suite to run: the suite file, or the instance files, with the command line's values.
fn plan(args: &BenchArgs) -> anyhow::Result<Suite> {
    let overrides = Overrides {
        time_limit: args.time_limit,
        threads: args.threads,
        seeds: args.seeds.clone(),
        mip_repair: args.mip_repair.then_some(true),
        bound_time_limit: args.bound_time,
        temperature: args.temperature,
    };
    let suite = match args.inputs.as_slice() {
        [one] if is_suite_file(one) => Suite::load(one).context("cannot use the suite")?,
        inputs => {
            if let Some(suite) = inputs.iter().find(|p| is_suite_file(p)) {
                bail!("{}: a suite file must be the only input", suite.display());
            }
            Suite::from_instances(inputs.to_vec()).context("cannot use the instances")?
        }
    };
    // Outputs are written after the runs: a folder that is not there should not cost them.
    let outputs = [("--csv", &args.csv), ("--json", &args.json), ("--md", &args.md), ("--out-dir", &args.out_dir)];
    for (option, path) in outputs {
        let folder = match path {
            Some(p) if option == "--out-dir" => p.ancestors().find(|a| a.exists()),
            Some(p) => p.parent().filter(|f| !f.as_os_str().is_empty()),
            None => None,
        };
        if let Some(folder) = folder {
            if !folder.is_dir() {
                bail!("{option}: {} is not a folder", folder.display());
            }
        }
    }
    suite.with_overrides(&overrides).context("bad option")
}

/// Whether `path` is a suite file rather than a heltid instance: a `.toml` file with a
/// top-level `instances` key and none of an instance's `staff` or `shifts` tables.
fn is_suite_file(path: &Path) -> bool {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")) {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    match text.parse::<toml::Table>() {
        Ok(t) => t.contains_key("instances") && !t.contains_key("staff") && !t.contains_key("shifts"),
        // Malformed: a suite if it mentions the key at the start of a line (the error then
        // comes from the suite parser, with its line).
        Err(_) => text.lines().any(|l| l.trim_start().starts_with("instances")),
    }
}

/// Progress on stderr: a line per finished run (unless quiet) and, on a terminal, a spinner
/// with the current run's best score.
struct Progress {
    quiet: bool,
    bar: ProgressBar,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { quiet, bar: ProgressBar::hidden() };
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template("{spinner} {prefix} · {msg}").expect("a valid template"));
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { quiet, bar }
    }
}

impl Watcher for Progress {
    fn bounding(&self, instance: &str) {
        self.bar.set_prefix(format!("{instance}: lower bound"));
        self.bar.set_message("");
    }

    fn started(&self, instance: &str, seed: u64, index: usize, planned: usize) {
        self.bar.set_prefix(format!("[{}/{planned}] {instance} seed {seed}", index + 1));
        self.bar.set_message("");
    }

    fn progress(&self, p: &crate::solver::Progress) {
        self.bar.set_message(format!(
            "{:.0} s · best {} hard / {} soft · {:.1} M moves/s",
            p.elapsed.as_secs_f64(),
            p.best.hard,
            p.best.soft,
            p.moves_per_second / 1e6
        ));
    }

    fn finished(&self, run: &Run, index: usize, planned: usize) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("[{}/{planned}] {}", index + 1, progress_line(run)));
        }
    }
}

/// One run in a line: instance, seed, objective, gap, and what went wrong.
fn progress_line(r: &Run) -> String {
    let mut line = format!("{} seed {}: objective {}", r.instance, r.seed, r.objective);
    match (r.best_known, r.gap_percent) {
        (Some(bk), Some(gap)) => line.push_str(&format!(", gap {gap:.2} % (best known {bk})")),
        (Some(bk), None) => line.push_str(&format!(" (best known {bk})")),
        _ => {}
    }
    if let (Some(lb), Some(gap)) = (r.lower_bound, r.bound_gap_percent) {
        line.push_str(&format!(", bound {lb} (gap {gap:.2} %)"));
    }
    line.push_str(&format!(", best after {:.2} s of {:.2} s", r.time_to_best, r.elapsed));
    if !r.feasible {
        line.push_str(&format!(
            " — INFEASIBLE: {} hard breach{}",
            r.hard_violations,
            if r.hard_violations == 1 { "" } else { "es" }
        ));
    }
    if !r.verified {
        line.push_str(" — NOT VERIFIED: the recomputed score differs from the solver's");
    }
    line
}

/// Writes an output file atomically; a device or pipe (`/dev/null`, `/dev/stdout`) is written
/// in place, since it cannot be replaced by a rename.
fn write_output(path: &Path, text: &str) -> anyhow::Result<()> {
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .with_context(|| format!("cannot write {}", path.display()))
    } else {
        crate::io::write_atomic(path, text.as_bytes()).context("cannot write the output")
    }
}
