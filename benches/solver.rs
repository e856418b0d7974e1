//! Solver speed: move evaluations per second and time to the first feasible roster.
//!
//! `cargo bench --bench solver` (figures and the machine in BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use heltid::eval::{Change, State};
use heltid::model::{Cell, EmployeeId};
use heltid::rng::Rng;
use heltid::solver::Domain;
use heltid::{Instance, Roster, Score, SolveOptions};

fn instance(name: &str) -> Instance {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances").join(format!("{name}.toml"));
    heltid::io::load_instance(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The constructed roster, before any search: a realistic, partly filled roster.
fn constructed(inst: &Instance) -> Roster {
    let opts = SolveOptions { time_limit: None, max_steps: Some(0), threads: 1, ..Default::default() };
    heltid::solve(inst, &opts, &AtomicBool::new(false), &|_| {}).roster
}

/// Random single-cell changes and same-day swaps on free cells.
fn random_moves(inst: &Instance, roster: &Roster, count: usize) -> (Vec<Change>, Vec<[Change; 2]>) {
    let dom = Domain::new(inst);
    let mut rng = Rng::new(42);
    let (n, days) = (inst.employees.len(), inst.days());
    let mut changes = Vec::with_capacity(count);
    let mut swaps = Vec::with_capacity(count);
    while changes.len() < count || swaps.len() < count {
        let e = EmployeeId(rng.below(n) as u16);
        let f = EmployeeId(rng.below(n) as u16);
        let day = rng.below(days);
        if !dom.is_free(e, day) {
            continue;
        }
        let cands = dom.candidates(e);
        let cell = if cands.is_empty() || rng.chance(0.2) { Cell::OFF } else { *rng.pick(cands) };
        if changes.len() < count {
            changes.push(Change { e, day, cell });
        }
        let (a, b) = (roster.get(e, day), roster.get(f, day));
        if swaps.len() < count && e != f && a != b && dom.is_free(f, day) && dom.allows(e, b) && dom.allows(f, a) {
            swaps.push([Change { e, day, cell: b }, Change { e: f, day, cell: a }]);
        }
    }
    (changes, swaps)
}

fn move_evaluation(c: &mut Criterion) {
    let inst = instance("mellerud-bengtsfors");
    let roster = constructed(&inst);
    let mut state = State::new(&inst, roster.clone());
    let (changes, swaps) = random_moves(&inst, &roster, 4096);
    let mut group = c.benchmark_group("move_evaluation");
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::new("change", "mellerud-bengtsfors"), |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % changes.len();
            black_box(state.delta(std::slice::from_ref(&changes[i])))
        })
    });
    group.bench_function(BenchmarkId::new("swap", "mellerud-bengtsfors"), |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % swaps.len();
            black_box(state.delta(&swaps[i]))
        })
    });
    group.bench_function(BenchmarkId::new("full_evaluation", "mellerud-bengtsfors"), |b| {
        b.iter(|| black_box(heltid::eval::score(&inst, &roster)))
    });
    group.finish();
}

fn first_feasible(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_feasible");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for name in ["tiny", "mellerud-bengtsfors"] {
        let inst = instance(name);
        let opts = SolveOptions {
            time_limit: Some(Duration::from_secs(60)),
            threads: 2,
            target: Some(Score { hard: 0, soft: i64::MAX }),
            ..Default::default()
        };
        group.bench_function(BenchmarkId::new("2_threads", name), |b| {
            b.iter(|| {
                let sol = heltid::solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
                assert!(sol.score.is_feasible(), "{name}: no feasible roster within 60 s");
                sol.score
            })
        });
    }
    group.finish();
}

criterion_group!(benches, move_evaluation, first_feasible);
criterion_main!(benches);
