//! The command line: clap arguments → a validated plan → the library → outputs and an exit code.
//!
//! Only this module prints, reads the wall clock for deadlines, and installs signal handlers.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, chosen in one place.
pub mod exit {
    /// Success: no hard rule is broken.
    pub const OK: u8 = 0;
    /// The roster breaks at least one hard rule.
    pub const HARD_VIOLATIONS: u8 = 1;
    /// The input could not be used (unreadable, malformed or invalid).
    pub const BAD_INPUT: u8 = 2;
}

/// heltid builds and checks staff rosters for Swedish municipal care, where full time is the
/// norm and staff are shared across municipal borders.
///
/// Typical use:
///   heltid solve instances/mellerud-bengtsfors.toml --out roster.json --grid roster.csv
///   heltid check instances/mellerud-bengtsfors.toml roster.json
#[derive(Parser, Debug)]
#[command(name = "heltid", version, about, long_about, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a roster against every rule and explain each breach.
    Check(check::CheckArgs),
    /// Generate a synthetic instance from a built-in profile (deterministic for a seed).
    Generate(generate::GenerateArgs),
    /// Print the JSON Schema of the instance file format.
    Schema(schema::SchemaArgs),
    /// Merge staff from an HR system's CSV export into an instance file.
    ImportStaff(import_staff::ImportStaffArgs),
    /// Validate an instance file: a short summary, warnings, or every problem with its place.
    Validate(validate::ValidateArgs),
    /// Build the best roster within a time budget.
    Solve(solve::SolveArgs),
    /// Benchmark the solver on a suite of instances × seeds against best-known values.
    Bench(bench::BenchArgs),
    /// Write a roster for people: an HTML page, an Excel workbook, calendars per employee.
    Report(report::ReportArgs),
    /// Solve a baseline and full-time scenarios of an instance and compare them.
    Scenario(scenario::ScenarioArgs),
}

mod bench;
mod check;
mod exact;
mod generate;
mod import_staff;
mod report;
mod scenario;
mod schema;
mod solve;
mod validate;

/// Whether `path` names a Curtois–Qu benchmark file (`.txt`) rather than a heltid instance.
pub(crate) fn is_benchmark_file(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Loads a heltid instance file, or a Curtois–Qu benchmark file (`.txt`).
pub(crate) fn load_any_instance(path: &std::path::Path) -> crate::Result<crate::Instance> {
    if is_benchmark_file(path) {
        crate::io::curtois_qu::load(path)
    } else {
        crate::io::load_instance(path)
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Schema(a) => schema::run(a),
        Command::ImportStaff(a) => import_staff::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Solve(a) => solve::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Report(a) => report::run(a),
        Command::Scenario(a) => scenario::run(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("error: {err:#}");
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
