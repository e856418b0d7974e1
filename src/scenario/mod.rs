//! Full-time scenarios: a baseline and variants of one instance, each a named set of changes
//! applied to the instance file as written (employment degrees, weekend frequency, full-time
//! measure, weekly rest, cross-border sharing, extra hires), solved with the same budget and
//! seed, and compared figure by figure against the baseline.
//!
//! ```no_run
//! # fn demo() -> heltid::Result<()> {
//! use std::path::Path;
//! use heltid::scenario::{prepare, run, RunOptions, ScenarioFile};
//! let text = std::fs::read_to_string("instances/tiny.toml").unwrap();
//! let base = heltid::io::parse_instance_file(&text, heltid::io::Format::Toml, "tiny.toml")?;
//! let file = ScenarioFile::load(Path::new("tiny.scenarios.toml"))?;
//! let variants = prepare(&base, &file, Path::new("tiny.scenarios.toml"))?;
//! let opts = RunOptions { time_limit: None, max_steps: Some(50_000), threads: 2, seed: 1 };
//! let stop = std::sync::atomic::AtomicBool::new(false);
//! let outcomes = run(&variants, &opts, &stop, &|_, _| {}, &|_, _| {})?;
//! print!("{}", heltid::scenario::text_table(&outcomes));
//! # Ok(()) }
//! ```

mod apply;
mod file;
mod metrics;
mod render;
mod run;

pub use apply::{apply, FULL_TIME_EPS};
pub use file::{DegreesDto, HireDto, ScenarioFile, VariantDto, WeekendsDto, DEFAULT_TIME_LIMIT};
pub use metrics::{Metrics, MunicipalityFigures, WeekSplit};
pub use render::{csv, figures, html, json_report, text_table, Figure, JsonReport, JsonVariant};
pub use run::{plan_threads, prepare, run, Outcome, RunOptions, Variant};
