//! Building each variant's instance and solving all of them with the same budget and seed, in
//! parallel across variants.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

use crate::io::dto::InstanceFile;
use crate::solver::{Progress, SolveOptions, Termination};
use crate::{Error, ErrorKind, Instance, Problem, Result};

use super::apply::apply;
use super::file::{ScenarioFile, VariantDto};
use super::metrics::Metrics;

/// A variant ready to solve.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// The validated instance with the variant's changes.
    pub instance: Instance,
}

/// Builds the baseline (first) and every variant from the instance file as written.
///
/// # Errors
/// [`ErrorKind::Invalid`] naming `label` (the scenario file) with every problem of every
/// variant: changes that do not fit the instance, or an instance the changes made invalid.
pub fn prepare(base: &InstanceFile, file: &ScenarioFile, label: &Path) -> Result<Vec<Variant>> {
    let ids = file.ids();
    let all = std::iter::once(("baseline".to_string(), &file.baseline))
        .chain(file.variants.iter().enumerate().map(|(i, v)| (format!("variants[{i}]"), v)));
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for ((place, v), id) in all.zip(ids) {
        match variant_instance(base, v) {
            Ok(instance) => out.push(Variant {
                name: v.name.clone().unwrap_or_else(|| id.clone()),
                description: v.description.clone().unwrap_or_default(),
                id,
                instance,
            }),
            Err(ps) => problems.extend(ps.into_iter().map(|p| Problem {
                path: if p.path.is_empty() { place.clone() } else { format!("{place}.{}", p.path) },
                ..p
            })),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(label, ErrorKind::Invalid(problems)))
    }
}

/// The instance of one variant: changes applied to a copy of the file, then validated.
fn variant_instance(base: &InstanceFile, v: &VariantDto) -> std::result::Result<Instance, Vec<Problem>> {
    let mut file = base.clone();
    apply(&mut file, v)?;
    match crate::io::validate::validate(&file) {
        Ok((inst, _)) => Ok(inst),
        Err(Error { kind: ErrorKind::Invalid(ps), .. }) => Err(ps
            .into_iter()
            .map(|p| Problem {
                message: format!("the changed instance is invalid at {}: {}", p.path, p.message),
                path: String::new(),
                ..p
            })
            .collect()),
        Err(e) => Err(vec![Problem { path: String::new(), position: None, message: e.to_string() }]),
    }
}

/// How to solve the variants.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Wall-clock budget per variant.
    pub time_limit: Option<Duration>,
    /// Step budget per worker (deterministic with one thread per variant).
    pub max_steps: Option<u64>,
    /// Threads in all (0: one per core).
    pub threads: usize,
    /// Seed, the same for every variant.
    pub seed: u64,
}

/// How many variants run at once and how many threads each gets: as many variants as threads
/// allow, then the threads left over shared out.
pub fn plan_threads(threads: usize, variants: usize) -> (usize, usize) {
    let threads = if threads == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { threads };
    let at_once = threads.min(variants).max(1);
    (at_once, (threads / at_once).max(1))
}

/// The result of one variant.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Why the search ended.
    #[serde(serialize_with = "termination_name")]
    pub termination: Termination,
    /// Seconds searched.
    pub seconds: f64,
    /// Moves evaluated.
    pub moves: u64,
    /// The figures of the best roster.
    pub metrics: Metrics,
}

fn termination_name<S: serde::Serializer>(t: &Termination, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{t:?}"))
}

/// Solves every variant with the same budget and seed; returns the outcomes in input order.
/// `observer` receives each variant's progress (by index), `finished` each outcome as it ends.
///
/// # Errors
/// [`ErrorKind::Io`] if the thread pools cannot be made.
pub fn run(
    variants: &[Variant],
    opts: &RunOptions,
    stop: &AtomicBool,
    observer: &(dyn Fn(usize, &Progress) + Sync),
    finished: &(dyn Fn(usize, &Outcome) + Sync),
) -> Result<Vec<Outcome>> {
    let (at_once, per) = plan_threads(opts.threads, variants.len());
    let pool = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::new("", ErrorKind::Io(std::io::Error::other(e.to_string()))))
    };
    let pools: Vec<rayon::ThreadPool> = (0..at_once).map(|_| pool(per)).collect::<Result<_>>()?;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; variants.len()]);
    // `at_once` runners take the next variant as they finish one; each solves in its own rayon
    // pool of `per` threads (a runner blocked in one pool never picks up a second variant).
    std::thread::scope(|scope| {
        for pool in &pools {
            let (next, results) = (&next, &results);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(v) = variants.get(i) else { break };
                let solve_opts = SolveOptions {
                    time_limit: opts.time_limit,
                    max_steps: opts.max_steps,
                    threads: per,
                    seed: opts.seed,
                    initial: None,
                    target: None,
                    mip_repair: false,
                    temperature: 1.0,
                };
                let watch = |p: &Progress| observer(i, p);
                let sol = pool.install(|| crate::solver::solve(&v.instance, &solve_opts, stop, &watch));
                let eval = crate::eval::evaluate(&v.instance, &sol.roster);
                let outcome = Outcome {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    description: v.description.clone(),
                    termination: sol.termination,
                    seconds: sol.elapsed.as_secs_f64(),
                    moves: sol.moves,
                    metrics: Metrics::new(&v.instance, &sol.roster, &eval),
                };
                finished(i, &outcome);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
            });
        }
    });
    let outcomes = results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect();
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_shared_between_variants() {
        assert_eq!(plan_threads(2, 4), (2, 1));
        assert_eq!(plan_threads(8, 3), (3, 2));
        assert_eq!(plan_threads(1, 4), (1, 1));
        assert_eq!(plan_threads(4, 1), (1, 4));
    }
}
