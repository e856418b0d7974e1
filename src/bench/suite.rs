//! Benchmark suites: a TOML file naming instances, a time limit, threads, seeds and the reference
//! files (best-known values, peer solver results). See `benches/suites/*.toml` for examples.
//!
//! Paths may start with `$HELTID_SHARED`, which expands to that environment variable, or to
//! `../shared` (relative to the working directory, i.e. beside the crate root) when it is unset.
//! Any other relative path is relative to the folder of the suite file.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::solver::temperature_problem;
use crate::{Error, ErrorKind, Problem, Result};

/// The environment variable naming the shared folder (benchmarks, tools).
pub const SHARED_VAR: &str = "HELTID_SHARED";

/// Where the shared folder is assumed to be when [`SHARED_VAR`] is unset.
pub const SHARED_FALLBACK: &str = "../shared";

/// Longest accepted time limit per run, in seconds (a week).
pub const MAX_TIME_LIMIT: f64 = 7.0 * 24.0 * 3600.0;

/// Most worker threads a run may ask for.
pub const MAX_THREADS: usize = 1024;

/// Time limit per run when a suite does not name one, in seconds.
pub const DEFAULT_TIME_LIMIT: f64 = 10.0;

/// A validated benchmark suite: what to run, and what to compare with.
#[derive(Clone, Debug, PartialEq)]
pub struct Suite {
    /// Heading of the results.
    pub title: String,
    /// Seconds per run.
    pub time_limit: f64,
    /// Worker threads per run (0: one per core).
    pub threads: usize,
    /// Master seeds; every instance runs once per seed.
    pub seeds: Vec<u64>,
    /// Instance files, in run order.
    pub instances: Vec<PathBuf>,
    /// Best-known values (`bks.csv`: `instance`, `best_known_ub`, `lower_bound`).
    pub best_known: Option<PathBuf>,
    /// Results of other solvers (`instance`, `solver`, `time_limit`, `objective`).
    pub peers: Option<PathBuf>,
    /// Whether the search uses MIP repair as a neighbourhood (`mip_repair = true`).
    pub mip_repair: bool,
    /// Seconds per instance for a proven lower bound from the MIP model (LP relaxation, then
    /// branch and bound with the time left); 0: no bound.
    pub bound_time_limit: f64,
    /// The search's temperature factor ([`crate::SolveOptions::temperature`]; 1: as measured).
    pub temperature: f64,
}

/// Values given on the command line, which win over the suite file's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// Seconds per run.
    pub time_limit: Option<f64>,
    /// Worker threads per run.
    pub threads: Option<usize>,
    /// Master seeds.
    pub seeds: Option<Vec<u64>>,
    /// MIP repair on.
    pub mip_repair: Option<bool>,
    /// Seconds per instance for the lower bound (0: none).
    pub bound_time_limit: Option<f64>,
    /// The search's temperature factor.
    pub temperature: Option<f64>,
}

/// The suite file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuiteFile {
    title: Option<String>,
    time_limit: Option<f64>,
    threads: Option<usize>,
    seeds: Option<Vec<u64>>,
    instances: Option<Vec<String>>,
    best_known: Option<String>,
    peers: Option<String>,
    mip_repair: Option<bool>,
    bound_time_limit: Option<f64>,
    temperature: Option<f64>,
}

impl Suite {
    /// Reads a suite file, expands its paths (with the process's `HELTID_SHARED`) and checks
    /// that every file it names exists.
    ///
    /// # Errors
    /// An I/O error if the file cannot be read; [`ErrorKind::Syntax`] for malformed TOML, a value
    /// of the wrong type or an unknown field; [`ErrorKind::Invalid`] listing every bad value and
    /// every missing file, each with its field (`instances[2]`) and line.
    pub fn load(path: &Path) -> Result<Suite> {
        let text = crate::io::read_text(path)?;
        let shared = std::env::var_os(SHARED_VAR);
        let suite = Suite::parse(&text, path, shared.as_deref())?;
        let mut problems = suite.missing_files(|field| key_position(&text, field_key(field)));
        // Without the shared folder every file in it is missing: say so once.
        let root = expand_path("$HELTID_SHARED", Path::new(""), shared.as_deref());
        let under_root = |p: &Problem| suite.file_of(&p.path).is_some_and(|f| f.starts_with(&root));
        if !root.is_dir() && problems.iter().any(under_root) {
            let n = problems.iter().filter(|p| under_root(p)).count();
            problems.retain(|p| !under_root(p));
            problems.insert(
                0,
                Problem {
                    path: SHARED_VAR.into(),
                    position: None,
                    message: format!(
                        "the shared folder {} does not exist, so {n} file{} named under $HELTID_SHARED \
                         cannot be found{}",
                        root.display(),
                        if n == 1 { "" } else { "s" },
                        shared_hint(&root)
                    ),
                },
            );
        }
        if problems.is_empty() {
            Ok(suite)
        } else {
            Err(Error::new(path, ErrorKind::Invalid(problems)))
        }
    }

    /// Parses and validates the text of a suite file; `file` names it in errors and anchors its
    /// relative paths; `shared` is the value of `HELTID_SHARED`. Files are not looked at.
    ///
    /// # Errors
    /// As [`Suite::load`], except for missing files.
    pub fn parse(text: &str, file: &Path, shared: Option<&OsStr>) -> Result<Suite> {
        let raw: SuiteFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start);
            let position = offset.map(|at| line_col(text, at));
            let path = position.and_then(|(line, _)| key_before_line(text, line)).unwrap_or_default();
            Error::syntax(file, path, position, e.message().trim())
        })?;
        let base = file.parent().unwrap_or(Path::new(""));
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(Problem { path: field.to_string(), position: key_position(text, field), message });
        };
        let title = raw.title.unwrap_or_else(|| file.file_stem().unwrap_or_default().to_string_lossy().into_owned());
        let time_limit = raw.time_limit.unwrap_or(DEFAULT_TIME_LIMIT);
        if let Some(m) = time_limit_problem(time_limit) {
            problem("time_limit", m);
        }
        let threads = raw.threads.unwrap_or(0);
        if let Some(m) = threads_problem(threads) {
            problem("threads", m);
        }
        let bound_time_limit = raw.bound_time_limit.unwrap_or(0.0);
        if let Some(m) = bound_time_problem(bound_time_limit) {
            problem("bound_time_limit", m);
        }
        let temperature = raw.temperature.unwrap_or(1.0);
        if let Some(m) = temperature_problem(temperature) {
            problem("temperature", m);
        }
        let seeds = raw.seeds.unwrap_or_else(|| vec![1]);
        if let Some(m) = seeds_problem(&seeds) {
            problem("seeds", m);
        }
        let instances = match raw.instances {
            None => {
                problem("instances", "missing: list the instance files to run".into());
                Vec::new()
            }
            Some(list) if list.is_empty() => {
                problem("instances", "empty: list at least one instance file".into());
                Vec::new()
            }
            Some(list) => {
                for (i, p) in list.iter().enumerate() {
                    if p.trim().is_empty() {
                        problem(&format!("instances[{i}]"), "an empty path".into());
                    }
                }
                list.iter().map(|p| expand_path(p, base, shared)).collect()
            }
        };
        let best_known = raw.best_known.map(|p| expand_path(&p, base, shared));
        let peers = raw.peers.map(|p| expand_path(&p, base, shared));
        if !problems.is_empty() {
            return Err(Error::new(file, ErrorKind::Invalid(problems)));
        }
        let mip_repair = raw.mip_repair.unwrap_or(false);
        let suite = Suite {
            title,
            time_limit,
            threads,
            seeds,
            instances,
            best_known,
            peers,
            mip_repair,
            bound_time_limit,
            temperature,
        };
        let names = suite.duplicate_names();
        if names.is_empty() {
            Ok(suite)
        } else {
            let problems =
                names.into_iter().map(|(field, message)| Problem { path: field, position: None, message }).collect();
            Err(Error::new(file, ErrorKind::Invalid(problems)))
        }
    }

    /// A suite of instance files given on the command line, with the default settings
    /// (10 s, one thread per core, seed 1). Best-known values are taken from a `bks.csv`
    /// beside the first Curtois–Qu file (`.txt`), when there is one.
    ///
    /// # Errors
    /// [`ErrorKind::Invalid`] naming each file that does not exist (field `INSTANCE`), or two
    /// files with the same name.
    pub fn from_instances(instances: Vec<PathBuf>) -> Result<Suite> {
        let suite = Suite {
            title: "heltid bench".into(),
            time_limit: DEFAULT_TIME_LIMIT,
            threads: 0,
            seeds: vec![1],
            best_known: beside_benchmarks(&instances),
            instances,
            peers: None,
            mip_repair: false,
            bound_time_limit: 0.0,
            temperature: 1.0,
        };
        let mut problems = suite.missing_files(|_| None);
        problems.extend(suite.duplicate_names().into_iter().map(|(_, message)| Problem {
            path: "INSTANCE".into(),
            position: None,
            message,
        }));
        for p in &mut problems {
            if p.path.starts_with("instances[") {
                p.path = "INSTANCE".into();
            }
        }
        if problems.is_empty() {
            Ok(suite)
        } else {
            Err(Error::new("", ErrorKind::Invalid(problems)))
        }
    }

    /// The suite with the command line's values in place of its own.
    ///
    /// # Errors
    /// [`ErrorKind::Invalid`] naming the option (`--time-limit`, `--threads`, `--seeds`) whose
    /// value is unusable.
    pub fn with_overrides(mut self, o: &Overrides) -> Result<Suite> {
        let mut problems = Vec::new();
        let mut check = |option: &str, m: Option<String>| {
            if let Some(message) = m {
                problems.push(Problem { path: option.into(), position: None, message });
            }
        };
        if let Some(t) = o.time_limit {
            check("--time-limit", time_limit_problem(t));
            self.time_limit = t;
        }
        if let Some(n) = o.threads {
            check("--threads", threads_problem(n));
            self.threads = n;
        }
        if let Some(s) = &o.seeds {
            check("--seeds", seeds_problem(s));
            self.seeds = s.clone();
        }
        if let Some(on) = o.mip_repair {
            self.mip_repair = on;
        }
        if let Some(t) = o.bound_time_limit {
            check("--bound-time", bound_time_problem(t));
            self.bound_time_limit = t;
        }
        if let Some(t) = o.temperature {
            check("--temperature", temperature_problem(t));
            self.temperature = t;
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::new("", ErrorKind::Invalid(problems)))
        }
    }

    /// Every named file that does not exist, as a problem of its field.
    fn missing_files(&self, position: impl Fn(&str) -> Option<(usize, usize)>) -> Vec<Problem> {
        let named = self.instances.iter().enumerate().map(|(i, p)| (format!("instances[{i}]"), p));
        let refs = [("best_known", &self.best_known), ("peers", &self.peers)];
        let refs = refs.into_iter().filter_map(|(f, p)| p.as_ref().map(|p| (f.to_string(), p)));
        named
            .chain(refs)
            .filter(|(_, p)| !p.is_file())
            .map(|(field, p)| Problem {
                position: position(&field),
                message: format!("no such file: {}{}", p.display(), shared_hint(p)),
                path: field,
            })
            .collect()
    }

    /// The file a field names (`instances[2]`, `best_known`, `peers`).
    fn file_of(&self, field: &str) -> Option<&Path> {
        match field {
            "best_known" => self.best_known.as_deref(),
            "peers" => self.peers.as_deref(),
            _ => {
                let i: usize = field.strip_prefix("instances[")?.strip_suffix(']')?.parse().ok()?;
                self.instances.get(i).map(PathBuf::as_path)
            }
        }
    }

    /// Instances that share a name (the file stem names rows and roster files).
    fn duplicate_names(&self) -> Vec<(String, String)> {
        let mut seen = std::collections::BTreeMap::new();
        let mut out = Vec::new();
        for (i, p) in self.instances.iter().enumerate() {
            let name = super::instance_name(p);
            if let Some(first) = seen.insert(name.clone(), i) {
                out.push((
                    format!("instances[{i}]"),
                    format!("the name {name:?} is already used by instances[{first}]; each instance runs once"),
                ));
            }
        }
        out
    }
}

/// The `bks.csv` in the folder of the first `.txt` instance, if it exists.
fn beside_benchmarks(instances: &[PathBuf]) -> Option<PathBuf> {
    let first = instances.iter().find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))?;
    let bks = first.parent()?.join("bks.csv");
    bks.is_file().then_some(bks)
}

/// Expands a path written in a suite file: a leading `$HELTID_SHARED` (or `${HELTID_SHARED}`)
/// becomes `shared`, or [`SHARED_FALLBACK`] when that is `None` or empty; any other relative
/// path is joined to `base`, the suite file's folder.
pub fn expand_path(raw: &str, base: &Path, shared: Option<&OsStr>) -> PathBuf {
    let rest = ["${HELTID_SHARED}", "$HELTID_SHARED"].iter().find_map(|var| {
        let rest = raw.strip_prefix(var)?;
        (rest.is_empty() || rest.starts_with(['/', '\\'])).then_some(rest)
    });
    match rest {
        Some(rest) => {
            let root = match shared {
                Some(s) if !s.is_empty() => PathBuf::from(s),
                _ => PathBuf::from(SHARED_FALLBACK),
            };
            let rest = rest.trim_start_matches(['/', '\\']);
            if rest.is_empty() {
                root
            } else {
                root.join(rest)
            }
        }
        None if Path::new(raw).is_absolute() => PathBuf::from(raw),
        None => base.join(raw),
    }
}

/// A hint for a missing file under the shared folder fallback.
fn shared_hint(p: &Path) -> &'static str {
    if p.starts_with(SHARED_FALLBACK) && std::env::var_os(SHARED_VAR).is_none_or(|v| v.is_empty()) {
        " (HELTID_SHARED is unset; set it to the shared folder)"
    } else {
        ""
    }
}

fn time_limit_problem(t: f64) -> Option<String> {
    (!(t > 0.0 && t <= MAX_TIME_LIMIT))
        .then(|| format!("{t} is not a time limit: give seconds, > 0 and ≤ {MAX_TIME_LIMIT}"))
}

fn bound_time_problem(t: f64) -> Option<String> {
    (!(t == 0.0 || time_limit_problem(t).is_none()))
        .then(|| format!("{t} is not a time limit: give seconds, 0 (no bound) to {MAX_TIME_LIMIT}"))
}

fn threads_problem(n: usize) -> Option<String> {
    (n > MAX_THREADS).then(|| format!("{n} threads is more than {MAX_THREADS}; 0 means one per core"))
}

fn seeds_problem(seeds: &[u64]) -> Option<String> {
    if seeds.is_empty() {
        return Some("no seeds: give at least one, e.g. [1, 2, 3]".into());
    }
    let mut sorted = seeds.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).find(|w| w[0] == w[1]).map(|w| format!("seed {} is listed twice", w[0]))
}

/// The top-level key of a field path: `instances[2]` → `instances`.
fn field_key(field: &str) -> &str {
    field.split('[').next().unwrap_or(field)
}

/// 1-based line and column of the line that sets `key` (`key = …`), if any.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let key = field_key(key);
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let after = trimmed.strip_prefix(key)?;
        after.trim_start().starts_with('=').then(|| (i + 1, line.len() - trimmed.len() + 1))
    })
}

/// The key set on `line` (1-based) or, inside a multi-line value, on the nearest line before it.
fn key_before_line(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().take(line).collect();
    lines.iter().rev().find_map(|l| {
        let (key, _) = l.split_once('=')?;
        let key = key.trim();
        let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        bare.then(|| key.to_string())
    })
}

/// 1-based line and column (in characters) of a byte offset into `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Suite> {
        Suite::parse(text, Path::new("suites/s.toml"), Some(OsStr::new("/data/shared")))
    }

    fn problems(text: &str) -> Vec<Problem> {
        match parse(text).unwrap_err().kind {
            ErrorKind::Invalid(p) => p,
            ErrorKind::Syntax(p) => vec![p],
            ErrorKind::Io(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_full_suite_parses_with_its_paths_expanded() {
        let s = parse(
            "title = \"Smoke\"\ntime_limit = 2\nthreads = 2\nseeds = [1, 2]\ntemperature = 0.3\n\
             instances = [\"$HELTID_SHARED/benchmarks/curtois-qu/Instance1.txt\", \"../instances/tiny.toml\"]\n\
             best_known = \"${HELTID_SHARED}/benchmarks/curtois-qu/bks.csv\"\n",
        )
        .unwrap();
        assert_eq!(s.title, "Smoke");
        assert_eq!(s.time_limit, 2.0);
        assert_eq!((s.threads, s.seeds.clone()), (2, vec![1, 2]));
        assert_eq!(
            s.instances,
            [PathBuf::from("/data/shared/benchmarks/curtois-qu/Instance1.txt"), "suites/../instances/tiny.toml".into()]
        );
        assert_eq!(s.best_known, Some("/data/shared/benchmarks/curtois-qu/bks.csv".into()));
        assert_eq!(s.peers, None);
        assert_eq!(s.temperature, 0.3);
    }

    #[test]
    fn defaults_fill_what_the_file_leaves_out() {
        let s = parse("instances = [\"a.txt\"]\n").unwrap();
        assert_eq!(s.title, "s");
        assert_eq!((s.time_limit, s.threads, s.seeds), (DEFAULT_TIME_LIMIT, 0, vec![1]));
        assert_eq!(s.temperature, 1.0);
    }

    #[test]
    fn the_shared_variable_falls_back_to_the_folder_beside_the_crate() {
        let base = Path::new("benches/suites");
        for shared in [None, Some(OsStr::new(""))] {
            assert_eq!(expand_path("$HELTID_SHARED/x/y.csv", base, shared), PathBuf::from("../shared/x/y.csv"));
        }
        assert_eq!(expand_path("$HELTID_SHARED", base, Some(OsStr::new("/s"))), PathBuf::from("/s"));
        // Only the whole variable name is expanded, and only at the start.
        assert_eq!(expand_path("$HELTID_SHAREDX/a", base, None), PathBuf::from("benches/suites/$HELTID_SHAREDX/a"));
        assert_eq!(expand_path("a/$HELTID_SHARED", base, None), PathBuf::from("benches/suites/a/$HELTID_SHARED"));
        assert_eq!(expand_path("/abs/i.txt", base, None), PathBuf::from("/abs/i.txt"));
    }

    #[test]
    fn bad_values_are_all_reported_with_field_and_line() {
        let p = problems("time_limit = -1\nthreads = 5000\nseeds = [3, 3]\ntemperature = 0\ninstances = []\n");
        let fields: Vec<_> = p.iter().map(|p| (p.path.as_str(), p.position)).collect();
        assert_eq!(
            fields,
            [
                ("time_limit", Some((1, 1))),
                ("threads", Some((2, 1))),
                ("temperature", Some((4, 1))),
                ("seeds", Some((3, 1))),
                ("instances", Some((5, 1)))
            ]
        );
        assert!(p[2].message.contains("not a temperature factor"));
        assert!(p[3].message.contains("seed 3 is listed twice"));
    }

    #[test]
    fn wrong_types_and_unknown_fields_name_their_key() {
        let p = problems("instances = [\"a.txt\"]\ntime_limit = \"fast\"\n");
        assert_eq!((p[0].path.as_str(), p[0].position.map(|p| p.0)), ("time_limit", Some(2)));
        let p = problems("instances = [\n  \"a.txt\",\n  3,\n]\n");
        assert_eq!((p[0].path.as_str(), p[0].position.map(|p| p.0)), ("instances", Some(3)));
        let p = problems("instances = [\"a.txt\"]\ntimelimit = 3\n");
        assert!(p[0].message.contains("unknown field `timelimit`"), "{}", p[0].message);
        assert_eq!(p[0].position.map(|p| p.0), Some(2));
        let p = problems("instances = [\"a.txt\"\n");
        assert!(p[0].position.is_some());
    }

    #[test]
    fn a_missing_instance_list_or_a_repeated_name_is_invalid() {
        assert_eq!(problems("title = \"x\"\n")[0].path, "instances");
        let p = problems("instances = [\"a/I.txt\", \"b/I.txt\"]\n");
        assert_eq!(p[0].path, "instances[1]");
    }

    #[test]
    fn overrides_win_and_are_checked() {
        let s = parse("instances = [\"a.txt\"]\ntime_limit = 60\nseeds = [1, 2, 3]\n").unwrap();
        let o = Overrides { time_limit: Some(1.5), threads: Some(1), seeds: Some(vec![7]), ..Default::default() };
        let s = s.with_overrides(&o).unwrap();
        assert_eq!((s.time_limit, s.threads, s.seeds.clone()), (1.5, 1, vec![7]));
        let bad = Overrides {
            time_limit: Some(f64::NAN),
            seeds: Some(vec![]),
            bound_time_limit: Some(-1.0),
            temperature: Some(0.0),
            ..Default::default()
        };
        match s.with_overrides(&bad).unwrap_err().kind {
            ErrorKind::Invalid(p) => assert_eq!(
                p.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
                ["--time-limit", "--seeds", "--bound-time", "--temperature"]
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_bundled_suites_parse() {
        let shared = Some(OsStr::new("/s"));
        let suites = [
            (include_str!("../../benches/suites/cq-smoke.toml"), "cq-smoke", 4, 1, true, false),
            (include_str!("../../benches/suites/cq-full.toml"), "cq-full", 24, 3, true, true),
            (include_str!("../../benches/suites/cq-repair.toml"), "cq-repair", 10, 3, true, true),
            (include_str!("../../benches/suites/native.toml"), "native", 2, 3, false, false),
        ];
        for (text, name, instances, seeds, bks, peers) in suites {
            let file = PathBuf::from(format!("benches/suites/{name}.toml"));
            let s = Suite::parse(text, &file, shared).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((s.instances.len(), s.seeds.len(), s.threads), (instances, seeds, 2), "{name}");
            assert_eq!((s.best_known.is_some(), s.peers.is_some()), (bks, peers), "{name}");
        }
    }

    #[test]
    fn missing_files_are_named_with_their_field() {
        let dir = tempfile::tempdir().unwrap();
        let suite = dir.path().join("s.toml");
        std::fs::write(dir.path().join("here.txt"), "").unwrap();
        std::fs::write(&suite, "instances = [\"here.txt\", \"gone.txt\"]\npeers = \"p.csv\"\n").unwrap();
        match Suite::load(&suite).unwrap_err().kind {
            ErrorKind::Invalid(p) => {
                assert_eq!(p.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["instances[1]", "peers"]);
                assert!(p[0].message.contains("gone.txt"), "{}", p[0].message);
                assert_eq!(p[1].position, Some((2, 1)));
            }
            other => panic!("{other:?}"),
        }
        let e = Suite::from_instances(vec![dir.path().join("nope.txt")]).unwrap_err();
        assert!(e.to_string().contains("INSTANCE: no such file"), "{e}");
    }
}
