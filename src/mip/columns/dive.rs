//! Diving on the master LP: fix whole lines until every employee has one.
//!
//! From the master's optimum over all lines, each step fixes every employee whose line the LP
//! takes whole and one more, drawn at random among the lines the LP takes part of (with odds
//! growing as the square of the share taken), then solves the master again over the lines
//! that keep to the fixes, pricing new ones. When every employee is fixed the lines make a
//! roster near the LP, found away from the annealers' rosters, where those sit in basins no
//! step of a few lines leaves. A dive is abandoned as soon as the LP reaches the roster to
//! beat. Each dive draws differently, and the master re-optimises from the last basis, so many
//! dives fit in a run: on Curtois–Qu Instance7 a dive takes a second or two and ends within a
//! few units of the optimum.

use std::time::Instant;

use super::master::{Master, Solved};
use super::{option_of, Options, Pool};
use crate::model::Roster;
use crate::rng::Rng;

/// The odds of fixing a line the LP takes part of grow as its share to this power.
const SHARPNESS: i32 = 2;

/// What a dive came to.
pub(super) enum Dived {
    /// Every employee fixed: the roster of the fixed lines (in the reading they were priced in).
    Done(Roster),
    /// The LP rose to the roster to beat: no roster below it down this dive.
    Above,
    /// The deadline came (or the search ended) first.
    Paused,
}

/// A dive under way: the options each employee's line may still take, and who is fixed. A dive
/// paused at a deadline goes on from there in the next run.
#[derive(Debug)]
pub(super) struct Dive {
    allowed: Vec<Options>,
    fixed: Vec<bool>,
}

impl Dive {
    /// A dive from the master's optimum over all lines (the caller puts the master back there).
    pub(super) fn new(pool: &Pool) -> Self {
        Dive { allowed: pool.unrestricted(), fixed: vec![false; pool.inst.employees.len()] }
    }

    /// Dives on until every employee has a line, or until the LP shows that no roster down
    /// the dive costs less than `ceiling`. Lines priced on the way join `pool`.
    pub(super) fn run(
        &mut self,
        master: &mut Master,
        pool: &mut Pool,
        start: &Roster,
        ceiling: i64,
        rng: &mut Rng,
        (deadline, ended): (Instant, &dyn Fn() -> bool),
    ) -> Dived {
        let inst = pool.inst;
        let (n, days) = (inst.employees.len(), inst.days());
        let cut = ceiling as f64 - 1.0 + 1e-6;
        loop {
            let optimum = match master.solve(pool, start, &self.allowed, cut, (deadline, ended)) {
                Solved::Optimum(o) => o,
                Solved::Above => return Dived::Above,
                Solved::Paused => return Dived::Paused,
            };
            let mut whole = vec![None; n];
            for &(j, x) in &optimum.taken {
                if x > 1.0 - 1e-6 {
                    whole[pool.columns[j].e.idx()] = Some(j);
                }
            }
            if whole.iter().all(Option::is_some) {
                let mut roster = start.clone();
                for &j in whole.iter().flatten() {
                    let c = &pool.columns[j];
                    for (d, &cell) in c.cells.iter().enumerate() {
                        roster.set(c.e, d, cell);
                    }
                }
                return Dived::Done(pool.settled(roster));
            }
            let (allowed, fixed) = (&mut self.allowed, &mut self.fixed);
            let mut fix = |j: usize| {
                let c = &pool.columns[j];
                fixed[c.e.idx()] = true;
                for (d, &cell) in c.cells.iter().enumerate() {
                    allowed[c.e.idx() * days + d] = option_of(inst, cell);
                }
            };
            for j in whole.iter().flatten() {
                fix(*j);
            }
            // One more, at random among the lines taken in part.
            let parts: Vec<(usize, f64)> =
                optimum.taken.iter().filter(|&&(j, _)| whole[pool.columns[j].e.idx()].is_none()).copied().collect();
            let total: f64 = parts.iter().map(|&(_, x)| x.powi(SHARPNESS)).sum();
            let mut draw = rng.unit() * total;
            let mut pick = parts[0].0;
            for &(j, x) in &parts {
                pick = j;
                draw -= x.powi(SHARPNESS);
                if draw <= 0.0 {
                    break;
                }
            }
            fix(pick);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    use super::*;
    use crate::rules::testkit::random_instance;
    use crate::solver::Domain;
    use crate::{SolveOptions, Termination};

    /// Dives on a Curtois–Qu instance (`HELTID_PROBE=InstanceN`) for `HELTID_PROBE_SECS` on one
    /// thread, from a short search's roster; prints every dive. Run with `--ignored --nocapture`.
    /// A pool with `roster`'s lines and its master priced until dry over all lines, and the
    /// LP's value; `None` when the instance has no line spaces.
    fn rooted<'a>(
        inst: &'a crate::Instance,
        dom: &'a Domain,
        roster: &Roster,
        deadline: Instant,
    ) -> Option<(Pool<'a>, Master, f64)> {
        let mut pool = Pool::new(inst, dom, deadline, 1)?;
        let mut master = Master::new(&pool);
        pool.add_lines(roster);
        let all = pool.unrestricted();
        let Solved::Optimum(root) = master.solve(&mut pool, roster, &all, f64::INFINITY, (deadline, &|| false)) else {
            panic!("the master over all lines has no optimum");
        };
        Some((pool, master, root.value))
    }

    #[test]
    #[ignore]
    fn probe() {
        let name = std::env::var("HELTID_PROBE").unwrap_or_else(|_| "Instance9".into());
        let secs: u64 = std::env::var("HELTID_PROBE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
        let shared =
            std::env::var("HELTID_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into());
        let path = std::path::PathBuf::from(shared).join(format!("benchmarks/curtois-qu/{name}.txt"));
        let inst = crate::io::curtois_qu::load(&path).unwrap();
        let opts = SolveOptions { time_limit: Some(Duration::from_secs(5)), threads: 2, ..Default::default() };
        let sol = crate::solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
        let ceiling = crate::eval::score(&inst, &sol.roster).soft;
        println!("search: {ceiling}");
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        one.install(|| {
            let dom = Domain::new(&inst);
            let began = Instant::now();
            let deadline = began + Duration::from_secs(secs);
            let (mut pool, mut master, root) = rooted(&inst, &dom, &sol.roster, deadline).expect("a pool");
            println!("root {root:.2} at {:.2} s", began.elapsed().as_secs_f64());
            let mut rng = Rng::new(7);
            let mut results = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                master.back_to_root();
                let mut dive = Dive::new(&pool);
                match dive.run(&mut master, &mut pool, &sol.roster, i64::MAX, &mut rng, (deadline, &|| false)) {
                    Dived::Done(r) => {
                        let score = crate::eval::score(&inst, &r).soft;
                        results.push(score);
                        println!("dive {score} in {:.2} s, {} columns", t.elapsed().as_secs_f64(), pool.columns.len());
                    }
                    _ => break,
                }
            }
            results.sort();
            println!("{} dives: {results:?}", results.len());
        });
    }

    #[test]
    #[ignore = "known defect (issue 30, the master LP): on some random instances the LP over all lines \
                ends a few units above a roster (seed 33 before the rule changes of issue 25, seed 23 \
                now), while each line's price is a valid bound (no_line_costs_less_than_its_line_space_says)"]
    fn a_dive_without_a_ceiling_ends_in_a_roster_without_hard_breaches_at_or_above_the_lp() {
        let mut rng = Rng::new(23);
        let mut dived = 0;
        for _ in 0..6 {
            let inst = random_instance(&mut rng);
            let opts = SolveOptions { time_limit: None, max_steps: Some(20_000), threads: 1, ..Default::default() };
            let sol = crate::solve(&inst, &opts, &AtomicBool::new(false), &|_| {});
            assert_eq!(sol.termination, Termination::StepLimit);
            if !crate::eval::score(&inst, &sol.roster).is_feasible() {
                continue;
            }
            let dom = Domain::new(&inst);
            let deadline = Instant::now() + Duration::from_secs(60);
            let Some((mut pool, mut master, root)) = rooted(&inst, &dom, &sol.roster, deadline) else { continue };
            let mut dive = Dive::new(&pool);
            let Dived::Done(roster) =
                dive.run(&mut master, &mut pool, &sol.roster, i64::MAX, &mut rng, (deadline, &|| false))
            else {
                panic!("a dive without a ceiling stopped before its end");
            };
            let after = crate::eval::score(&inst, &roster);
            assert!(after.is_feasible(), "the dive's roster breaks a hard rule: {after}");
            assert!(after.soft as f64 >= root - 1e-6, "the dive's roster {after} is below the LP {root}");
            dived += 1;
        }
        assert!(dived > 0, "no instance dived");
    }
}
